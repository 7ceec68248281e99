"""A dossier the startup withdrew stays readable by the pharma team (its history), takes no new message or
status change (with a clear message, on both sides), and its PDF report is no longer served to the pharma team."""

from django.urls import reverse

from partnerships.models import Dossier, DossierMessage
from partnerships.services.dossiers import dossier_withdraw


def _download(client, report) -> int:
    response = client.get(reverse("report_download", args=[report.uuid]))
    if response.streaming:
        b"".join(response.streaming_content)  # read to the end: the test client then closes the file
    return response.status_code


def test_a_withdrawn_dossier_is_readable_but_closed_to_messages_moves_and_its_report(client, world, alice, rita):
    dossier, report = world["dossier"], world["report"]
    assert dossier.report == report
    client.force_login(rita)
    assert _download(client, report) == 200  # while the dossier is open

    dossier_withdraw(user=alice, dossier=dossier, notify=False)
    detail, message, transition = (
        "/en" + reverse(name, args=[dossier.uuid])
        for name in ("pharma_dossier_detail", "dossier_message", "pharma_dossier_transition")
    )
    download = reverse("report_download", args=[report.uuid])

    page = client.get(detail)
    assert page.status_code == 200  # the history stays
    html = page.content.decode()
    assert "withdrew this dossier" in html
    assert download not in html
    assert _download(client, report) == 404
    assert client.get(reverse("report_detail", args=[report.uuid])).status_code == 404

    posted = client.post(message, {"body": "Still interested?"}, follow=True)
    assert posted.status_code == 200
    assert not DossierMessage.objects.filter(dossier=dossier).exists()
    moved = client.post(transition, {"to_status": "in_review"}, follow=True)
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.WITHDRAWN
    for response in (posted, moved):
        assert any("withdrew this dossier" in str(message) for message in response.context["messages"])

    # The startup cannot write on it either, and still downloads its own report.
    client.force_login(alice)
    client.post(reverse("dossier_message", args=[dossier.uuid]), {"body": "Sorry, one more thing"})
    assert not DossierMessage.objects.filter(dossier=dossier).exists()
    assert _download(client, report) == 200
