"""Reports ready before they are asked for: a submission queues the report in the submitter's language, and a
finished report is answered 304 to a client that already holds it, after the same access check."""

import pytest
from django.urls import reverse
from django.utils import translation

from partnerships.models import Report
from tests.partnerships.reports_helpers import pdf_text, startup_with_snapshot
from tests.partnerships.startup_helpers import answer_all


@pytest.fixture
def prerender(settings, media):
    settings.REPORTS_PRERENDER = True  # on by default with a broker; tests run the task eagerly


def test_a_submission_prepares_the_report_in_the_submitters_language_only(
    prerender, client, alice, assessment, django_capture_on_commit_callbacks
):
    answer_all(assessment, 2)
    client.force_login(alice)

    english = translation.override("en")  # the English address: /en/…
    with django_capture_on_commit_callbacks(execute=True), english:
        response = client.post(reverse("assessment_submit", args=[assessment.pk]))

    assert response.status_code == 302
    snapshot = assessment.snapshots.get()
    report = Report.objects.get(snapshot=snapshot)
    assert (report.language, report.status) == ("en", Report.Status.READY)
    results = client.get(reverse("assessment_results", args=[assessment.pk])).content.decode()
    download_url = reverse("report_download", args=[report.uuid])
    assert download_url in results  # ready when the startup opens its results
    assert "PITCH-PREP REPORT" in pdf_text(b"".join(client.get(download_url).streaming_content))  # English


def test_without_prerendering_a_submission_queues_no_report(settings, client, alice, assessment):
    settings.REPORTS_PRERENDER = False
    answer_all(assessment, 2)
    client.force_login(alice)

    client.post(reverse("assessment_submit", args=[assessment.pk]))

    assert assessment.snapshots.count() == 1 and not Report.objects.exists()


@pytest.fixture
def ready_report(framework, media):
    from partnerships.services.reports import report_render

    user, snapshot = startup_with_snapshot("CardioSense")
    report = Report.objects.create(snapshot=snapshot, language="fr")
    report_render(report_id=report.pk)
    report.refresh_from_db()
    return user, report


def test_a_ready_report_is_answered_304_to_a_client_that_has_it(client, ready_report):
    user, report = ready_report
    client.force_login(user)
    url = reverse("report_download", args=[report.uuid])

    first = client.get(url)
    b"".join(first.streaming_content)
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert first.status_code == 200 and first["ETag"] and first["Last-Modified"]
    assert "no-store" in first["Cache-Control"]  # browsers do not keep it (authenticated pages never are)
    assert again.status_code == 304 and not again.content


def test_someone_else_with_the_etag_still_gets_404(client, ready_report, charlie):
    user, report = ready_report
    client.force_login(user)
    url = reverse("report_download", args=[report.uuid])
    first = client.get(url)
    b"".join(first.streaming_content)  # read to its end: the test client then closes the file
    etag = first["ETag"]

    client.force_login(charlie)
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 404
