"""What new users expected and did not find: the list of snapshots, a searchable dossier list, an error summary
on forms, a favicon, staff links to the admin."""

import html

from django.urls import reverse

from partnerships.models import Dossier
from partnerships.services.assessments import assessment_submit
from partnerships.services.dossiers import dossier_submit, dossier_withdraw
from tests.factories import PharmaFactory

from .startup_helpers import answer_all


def test_a_startup_lists_every_snapshot_of_an_assessment(alice_client, alice, assessment, charlie, client):
    answer_all(assessment, 1)
    first = assessment_submit(assessment=assessment, user=alice)
    answer_all(assessment, 3)
    second = assessment_submit(assessment=assessment, user=alice)
    results = alice_client.get(reverse("assessment_results", args=[assessment.pk])).content.decode()
    assert reverse("snapshot_list", args=[assessment.pk]) in results
    page = alice_client.get(reverse("snapshot_list", args=[assessment.pk])).content.decode()
    assert page.index(reverse("dossier_submit", args=[second.uuid])) < page.index(
        reverse("dossier_submit", args=[first.uuid])
    )
    assert reverse("snapshot_reports", args=[first.uuid]) in page
    client.force_login(charlie)
    assert client.get(reverse("snapshot_list", args=[assessment.pk])).status_code == 404


def test_a_startup_searches_and_filters_its_dossiers(alice_client, alice, snapshot):
    companies = []
    for name in ("Alpha Pharma", "Beta Santé", "Gamma Labs"):
        company = PharmaFactory(name=name)
        company.pharma_profile.is_published = True
        company.pharma_profile.save()
        companies.append(company)
    dossiers = [
        dossier_submit(user=alice, snapshot=snapshot, pharma=company, cover_message="Bonjour", notify=False)
        for company in companies
    ]
    dossier_withdraw(user=alice, dossier=dossiers[2], notify=False)
    url = reverse("startup_dossiers")

    page = alice_client.get(url, {"q": "beta"}).content.decode()
    assert "Beta Santé" in page and "Alpha Pharma" not in page
    page = alice_client.get(url, {"q": "sanofi"}).content.decode()  # the target's name finds them all
    assert all(name in page for name in ("Alpha Pharma", "Beta Santé", "Gamma Labs"))
    page = alice_client.get(url, {"status": "open"}).content.decode()
    assert "Gamma Labs" not in page and "Alpha Pharma" in page
    page = alice_client.get(url, {"status": "withdrawn"}).content.decode()
    assert "Gamma Labs" in page and "Alpha Pharma" not in page
    assert Dossier.objects.filter(status="withdrawn").count() == 1
    page = alice_client.get(url, {"q": "nothing like it"}).content.decode()
    assert "Aucun dossier ne correspond" in html.unescape(page)


def test_a_form_with_errors_shows_a_summary_at_the_top_linked_to_each_field(alice_client):
    data = {"is_medical_device": "on", "device_class": "none", "website": "pas une adresse"}
    response = alice_client.post(reverse("startup_profile"), data)
    page = response.content.decode()
    summary = page.split('id="error-summary"', 1)[1].split("</div>", 1)[0]
    assert 'href="#id_device_class"' in summary and 'href="#id_website"' in summary
    opening = page.split('id="error-summary"', 1)[1].split(">", 1)[0]
    assert "autofocus" in opening  # focus lands on the summary, for keyboard and screen-reader users too
    assert page.index('id="error-summary"') < page.index('id="id_description"')


def test_the_favicon_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"


def test_staff_land_on_links_to_the_admin_and_the_guide_editor(client, staff_user):
    client.force_login(staff_user)
    page = client.get(reverse("dashboard"), follow=True).content.decode()
    assert 'id="staff-links"' in page
    assert reverse("admin:index") in page and reverse("admin:app_list", args=["checklists"]) in page
