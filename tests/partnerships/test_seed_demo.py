"""The demo the README's run command loads: realistic, idempotent, and every demo account lands on working pages."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from partnerships.models import AssessmentSnapshot, Dossier, DossierMessage, Organisation, User


@pytest.fixture
def demo(framework):
    call_command("seed_demo", verbosity=0)


def test_the_demo_has_several_pharma_companies_dozens_of_startups_and_dossiers_in_every_state(demo):
    assert Organisation.objects.filter(kind="pharma").count() >= 4
    assert Organisation.objects.filter(kind="startup").count() >= 20
    assert Dossier.objects.count() >= 20
    assert {"received", "in_review", "declined"} <= set(Dossier.objects.values_list("status", flat=True))
    assert DossierMessage.objects.filter(is_internal=True).exists()
    demo_startup = User.objects.get(email="startup@demo.test").membership.organisation
    assert AssessmentSnapshot.objects.filter(assessment__organisation=demo_startup).count() >= 2

    # Running it again changes nothing.
    before = (Organisation.objects.count(), Dossier.objects.count(), User.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (Organisation.objects.count(), Dossier.objects.count(), User.objects.count()) == before


def test_the_demo_history_reads_like_weeks_of_real_work(demo):
    now = timezone.now()
    for dossier in Dossier.objects.all():
        dates = list(dossier.events.order_by("id").values_list("created_at", flat=True))  # in the order they happened
        assert dates == sorted(dates) and dates[0] == dossier.submitted_at
        assert max(dates) <= now
        assert dossier.snapshot.created_at < dossier.submitted_at
        if len(dates) > 1:  # reviewed: the first move is the first response, some days after submission
            assert dossier.first_response_at == dates[1] > dossier.submitted_at
    assert Dossier.objects.filter(events__created_at__lt=now - timedelta(days=7)).exists()


def test_the_demo_accounts_log_in_with_the_readme_password_and_see_their_pages(demo, client):
    for email in ("startup@demo.test", "pharma@demo.test", "reviewer@demo.test", "admin@demo.test"):
        assert User.objects.get(email=email).check_password("demo-password-2024"), email

    client.force_login(User.objects.get(email="startup@demo.test"))
    assert client.get(reverse("dashboard"), follow=True).status_code == 200
    dossier = Dossier.objects.filter(startup__name="CardioSuivi").first()
    page = client.get(reverse("startup_dossier_detail", args=[dossier.uuid])).content.decode()
    assert 'id="alignment"' in page

    client.force_login(User.objects.get(email="pharma@demo.test"))
    inbox = client.get(reverse("pharma_inbox"))
    assert inbox.status_code == 200 and "CardioSuivi" in inbox.content.decode()
    detail = client.get(reverse("pharma_dossier_detail", args=[dossier.uuid])).content.decode()
    assert "Profil intéressant" in detail  # the internal note, for the pharma team only
    assert client.get(reverse("pharma_dashboard")).status_code == 200
