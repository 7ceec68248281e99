"""Confidential parts under a CDA: the startup writes what it keeps confidential; the pharma team reads nothing of
it — on its pages, CSV export, data export, e-mails, the PDF report, search — until both sides accepted a CDA on
the dossier; the startup may then revoke future access.

Cast: Alice (and Bob) of CardioSuivi sent a dossier to Pharma Lab; Paula is Pharma Lab's admin, Rita its reviewer;
Oscar works for another pharma company.
"""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from partnerships.models import AuditEvent, Cda, Report
from partnerships.services.reports import report_pdf
from partnerships.services.trust import cda_accept, cda_propose
from tests.partnerships.reports_helpers import pdf_text

SECRET = "ALGO-SECRET-4242"
CONFIDENTIAL = {
    "ip_technology": f"Brevet en cours, algorithme {SECRET}.",
    "clinical_data": f"Étude pilote {SECRET}-CLIN, 120 patients.",
    "business_terms": f"Licence {SECRET}-TERMS à 45 € par patient.",
    "data_room_links": "https://dataroom.cardio.example/secret-4242",
}


@pytest.fixture
def written(client, alice, dossier):
    """Alice wrote the confidential part of her dossier to Pharma Lab."""
    client.force_login(alice)
    response = client.post(reverse("startup_dossier_confidential", args=[dossier.uuid]), CONFIDENTIAL)
    assert response.status_code == 302
    client.logout()
    return dossier


def _as(client, user):
    client.logout()
    client.force_login(user)
    return client


def _propose_reference(client, user, dossier, **extra):
    data = {"kind": "reference", "reference": "NDA-2026-017", "signed_on": timezone.localdate().isoformat(), **extra}
    return _as(client, user).post(reverse("dossier_cda_propose", args=[dossier.uuid]), data)


def _in_force(client, alice, paula, dossier):
    _propose_reference(client, alice, dossier)
    _as(client, paula).post(reverse("dossier_cda_accept", args=[dossier.uuid]))
    return Cda.objects.get(dossier=dossier)


def test_the_startup_writes_its_confidential_part_and_sees_it_listed(client, alice, written):
    page = _as(client, alice).get(reverse("startup_dossier_detail", args=[written.uuid])).content.decode()
    assert 'id="confidential-summary"' in page and "1 lien de data room" in page
    edit = client.get(reverse("startup_dossier_confidential", args=[written.uuid])).content.decode()
    assert SECRET in edit
    assert AuditEvent.objects.filter(organisation=written.startup, action="confidential_part_saved").exists()
    assert not AuditEvent.objects.filter(organisation=written.pharma, action="confidential_part_saved").exists()


def test_a_data_room_link_must_be_https_and_nothing_typed_is_lost(client, alice, dossier):
    response = _as(client, alice).post(
        reverse("startup_dossier_confidential", args=[dossier.uuid]),
        {**CONFIDENTIAL, "data_room_links": "ftp://files.example/x"},
    )
    assert response.status_code == 400
    assert SECRET in response.content.decode()  # the sections typed are still in the form
    assert "https://" in response.content.decode()


def test_before_a_cda_the_pharma_pages_show_nothing_of_the_confidential_part(client, rita, paula, oscar, written):
    for user in (rita, paula):
        page = _as(client, user).get(reverse("pharma_dossier_detail", args=[written.uuid])).content.decode()
        assert SECRET not in page and "secret-4242" not in page
        assert "confidential-open" not in page
        assert client.get(reverse("pharma_dossier_confidential", args=[written.uuid])).status_code == 404
    assert _as(client, oscar).get(reverse("pharma_dossier_confidential", args=[written.uuid])).status_code == 404


def test_the_confidential_part_is_never_in_the_csv_export_nor_in_inbox_search(client, alice, paula, written):
    client = _as(client, paula)
    for cda in (False, True):
        if cda:
            _in_force(client, alice, paula, written)
            client = _as(client, paula)
        csv = client.get(reverse("pharma_inbox_csv")).content.decode()
        assert "CardioSuivi" in csv and SECRET not in csv and "secret-4242" not in csv
        found = client.get(reverse("pharma_inbox"), {"q": SECRET}).context["dossiers"]
        assert list(found) == []
    assert [d.pk for d in client.get(reverse("pharma_inbox"), {"q": "Cardio"}).context["dossiers"]] == [written.pk]


def _export(client) -> dict:
    response = client.post(reverse("privacy_export"))
    return json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read("data.json"))


def test_the_pharma_data_export_never_holds_the_confidential_part_the_startups_does(client, alice, paula, written):
    _in_force(client, alice, paula, written)  # even under a CDA: the export is the company's own data
    pharma_export = json.dumps(_export(_as(client, paula)), ensure_ascii=False)
    assert SECRET not in pharma_export
    startup_export = _export(_as(client, alice))
    assert startup_export["confidential_parts"][0]["ip_technology"] == CONFIDENTIAL["ip_technology"]
    assert startup_export["cdas"][0]["reference"] == "NDA-2026-017"


def test_no_email_carries_the_confidential_part(client, alice, paula, written, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _propose_reference(client, alice, written)
        _as(client, paula).post(reverse("dossier_cda_accept", args=[written.uuid]))
        _as(client, paula).post(reverse("dossier_message", args=[written.uuid]), {"body": "Merci, lu."})
    assert len(mail.outbox) >= 3
    for message in mail.outbox:
        assert SECRET not in message.body and "secret-4242" not in message.body


def test_the_pdf_report_attached_to_the_dossier_stays_non_confidential(written, media):
    report = Report.objects.create(snapshot=written.snapshot, language="fr")
    text = pdf_text(report_pdf(report)[0])
    assert "CardioSuivi" in text and SECRET not in text


def test_a_cda_proposed_by_the_startup_and_accepted_by_a_pharma_admin_opens_the_part_to_the_team(
    client, alice, rita, paula, oscar, written, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert _propose_reference(client, alice, written).status_code == 302
    cda = Cda.objects.get(dossier=written)
    assert cda.startup_accepted_at and cda.pharma_accepted_at is None and not cda.in_force
    assert [m.to for m in mail.outbox] == [["paula@pharmalab.test"], ["rita@pharmalab.test"]]
    # A reviewer reads the proposal but the company's commitment is its admins'.
    page = _as(client, rita).get(reverse("pharma_dossier_detail", args=[written.uuid])).content.decode()
    assert "NDA-2026-017" in page and 'id="cda-accept"' not in page
    assert client.post(reverse("dossier_cda_accept", args=[written.uuid])).status_code == 403
    page = _as(client, paula).get(reverse("pharma_dossier_detail", args=[written.uuid])).content.decode()
    assert 'id="cda-accept"' in page
    client.post(reverse("dossier_cda_accept", args=[written.uuid]))
    cda.refresh_from_db()
    assert cda.in_force and cda.pharma_accepted_by == paula
    for organisation in (written.startup, written.pharma):
        actions = set(AuditEvent.objects.filter(organisation=organisation).values_list("action", flat=True))
        assert {"cda_proposed", "cda_accepted"} <= actions
    # Every member of the team that received the dossier reads it now; nobody else.
    for user in (rita, paula):
        page = _as(client, user).get(reverse("pharma_dossier_confidential", args=[written.uuid]))
        assert page.status_code == 200 and SECRET in page.content.decode()
        assert "no-store" in page["Cache-Control"] and "private" in page["Cache-Control"]
    assert _as(client, oscar).get(reverse("pharma_dossier_confidential", args=[written.uuid])).status_code == 404
    reads = AuditEvent.objects.filter(organisation=written.startup, action="confidential_part_read")
    assert {event.actor for event in reads} == {rita, paula}


def test_the_startup_revokes_future_access_and_what_was_read_stays_recorded(client, alice, bob, rita, paula, written):
    _in_force(client, alice, paula, written)
    assert _as(client, rita).get(reverse("pharma_dossier_confidential", args=[written.uuid])).status_code == 200
    # Any member of the startup may revoke (Bob is a plain member).
    _as(client, bob).post(reverse("dossier_cda_revoke", args=[written.uuid]))
    cda = Cda.objects.get(dossier=written)
    assert cda.revoked_at and cda.revoked_by == bob
    assert _as(client, rita).get(reverse("pharma_dossier_confidential", args=[written.uuid])).status_code == 404
    page = client.get(reverse("pharma_dossier_detail", args=[written.uuid])).content.decode()
    assert SECRET not in page and "Révoqué" in page
    assert AuditEvent.objects.filter(organisation=written.pharma, action="cda_revoked").exists()
    assert AuditEvent.objects.filter(organisation=written.startup, action="confidential_part_read", actor=rita).exists()
    # A pharma member cannot revoke; a new CDA may be proposed after a revocation.
    assert _as(client, paula).post(reverse("dossier_cda_revoke", args=[written.uuid])).status_code == 404
    _propose_reference(client, paula, written, reference="NDA-2026-018")
    assert Cda.objects.filter(dossier=written).count() == 2


def test_the_pharma_admin_proposes_its_standard_cda_and_the_startup_accepts(client, alice, paula, written):
    identity = written.pharma.identity
    identity.standard_cda = "Accord de confidentialité mutuel type de Pharma Lab."
    identity.save()
    page = _as(client, alice).get(reverse("directory_detail", args=[written.pharma.pharma_profile.pk]))
    assert "Accord de confidentialité mutuel type de Pharma Lab." in page.content.decode()
    _as(client, paula).post(reverse("dossier_cda_propose", args=[written.uuid]), {"kind": "standard"})
    identity.standard_cda = "Texte modifié plus tard."
    identity.save()
    page = _as(client, alice).get(reverse("startup_dossier_detail", args=[written.uuid])).content.decode()
    assert 'id="cda-accept"' in page and "Accord de confidentialité mutuel type de Pharma Lab." in page
    client.post(reverse("dossier_cda_accept", args=[written.uuid]))
    cda = Cda.objects.get(dossier=written)
    assert cda.in_force and cda.standard_text == "Accord de confidentialité mutuel type de Pharma Lab."


def test_proposals_are_checked_and_refused_with_a_reason(client, alice, paula, written):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    for data in ({"signed_on": ""}, {"reference": ""}, {"signed_on": tomorrow}):
        response = _propose_reference(client, alice, written, **data)
        assert response.status_code == 302
    standard = _as(client, alice).post(reverse("dossier_cda_propose", args=[written.uuid]), {"kind": "standard"})
    assert "CDA type" in " ".join(str(m) for m in standard.wsgi_request._messages)
    assert not Cda.objects.exists()
    _in_force(client, alice, paula, written)
    with pytest.raises(Exception, match="déjà en vigueur"):
        cda_propose(user=alice, dossier=written, kind="reference", reference="X", signed_on=timezone.localdate())


def test_a_side_cannot_accept_its_own_proposal_and_a_new_proposal_replaces_a_pending_one(alice, paula, written):
    cda_propose(
        user=alice, dossier=written, kind="reference", reference="A", signed_on=timezone.localdate(), notify=False
    )
    with pytest.raises(Exception, match="déjà accepté"):
        cda_accept(user=alice, dossier=written, notify=False)
    cda_propose(
        user=paula, dossier=written, kind="reference", reference="B", signed_on=timezone.localdate(), notify=False
    )
    cda = cda_accept(user=alice, dossier=written, notify=False)
    assert cda.reference == "B" and cda.in_force
