"""A startup asks for its pitch-prep PDF, follows its status and downloads it (embedded: eager Celery).

The same code path runs in a real worker in test_reports_worker.py.
"""

import datetime
import gc
import logging
from contextlib import ExitStack

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from checklists.models import Step
from config.celery_app import app
from partnerships.models import Dossier, Report
from partnerships.services.reports import report_render, report_request, reports_fail_stale
from partnerships.tasks import render_report
from tests.conftest import celery_app_sending_to
from tests.factories import MembershipFactory, PharmaFactory, StartupFactory

from .reports_helpers import (
    APPLICABLE_REGULATORY,
    INAPPLICABLE_REGULATORY,
    FlakyObjectStorage,
    item_text,
    pdf_text,
    shown_score,
    startup_with_snapshot,
    step_row_pattern,
)


@pytest.fixture
def cardiosense(framework, media):
    return startup_with_snapshot("CardioSense")


def _request(client, snapshot, *, language="fr", regenerate=False, capture=None, **extra):
    data = {"language": language}
    if regenerate:
        data["regenerate"] = "1"
    url = reverse("report_request", args=[snapshot.uuid])
    if capture is None:
        return client.post(url, data, **extra)
    with capture(execute=True):  # the job is enqueued once the request's transaction commits
        return client.post(url, data, **extra)


def _download(client, report) -> bytes:
    response = client.get(reverse("report_download", args=[report.uuid]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "cardiosense" in response["Content-Disposition"]
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_report_pdf_has_the_startup_every_step_score_and_only_applicable_regulations(
    client, cardiosense, framework, language, django_capture_on_commit_callbacks
):
    user, snapshot = cardiosense
    client.force_login(user)

    response = _request(client, snapshot, language=language, capture=django_capture_on_commit_callbacks)

    report = Report.objects.get(snapshot=snapshot)
    assert response.status_code == 302
    assert response.url == reverse("report_detail", args=[report.uuid])
    assert report.status == Report.Status.READY, report.error
    assert report.language == language and report.attempts == 1
    text = pdf_text(_download(client, report))
    assert "CardioSense" in text
    assert "Laboratoires Exemple" in text
    for step in Step.objects.filter(framework=framework):
        title = getattr(step, f"title_{language}")
        score = shown_score(snapshot.step_scores[str(step.number)])
        assert step_row_pattern(step.number, title, score).search(text), f"step {step.number} ({score}) missing"
    for code in APPLICABLE_REGULATORY:
        assert item_text(framework, code, language) in text, code
    for code in INAPPLICABLE_REGULATORY:
        assert item_text(framework, code, language) not in text, code


def test_report_pdf_asks_head_office_questions_only_when_meeting_a_head_office(framework, media):
    _, affiliate = startup_with_snapshot("Affiliate Co", target_level="affiliate")
    _, head_office = startup_with_snapshot("Head Office Co", target_level="head_office")
    multi_country = item_text(framework, "S2-C3", "en")  # applies only when meeting a head office

    texts = {}
    for snapshot in (affiliate, head_office):
        report = Report.objects.create(snapshot=snapshot, language="en")
        report_render(report_id=report.pk)
        report.refresh_from_db()
        with report.file.open("rb") as handle:
            texts[snapshot.pk] = pdf_text(handle.read())

    assert multi_country in texts[head_office.pk]
    assert multi_country not in texts[affiliate.pk]
    for text in texts.values():  # the pharma commitments to ask about are in both
        assert item_text(framework, "PC-3", "en") in text


def test_report_pdf_proposes_the_kpis_the_startup_chose_or_else_the_guides_examples(framework, media):
    _, undecided = startup_with_snapshot("Undecided")
    _, decided = startup_with_snapshot("Decided")
    decided.answers.update({"S9-K1": {"level": 3}, "S9-K10": {"level": 3}, "S9-K3": {"level": 0}})
    decided.save(update_fields=["answers"])

    texts = {}
    for snapshot in (undecided, decided):
        report = report_render(report_id=Report.objects.create(snapshot=snapshot, language="en").pk)
        with report.file.open("rb") as handle:
            texts[snapshot] = pdf_text(handle.read())

    chosen, not_chosen = ["S9-K1", "S9-K10"], ["S9-K3", "S9-K5"]
    for code in chosen + not_chosen:
        assert item_text(framework, code, "en") in texts[undecided]
    for code in chosen:
        assert item_text(framework, code, "en") in texts[decided]
    for code in not_chosen:
        assert item_text(framework, code, "en") not in texts[decided]


def test_report_pdf_has_contents_page_numbers_and_running_header(cardiosense, framework):
    _, snapshot = cardiosense
    report = Report.objects.create(snapshot=snapshot, language="en")
    report_render(report_id=report.pk)
    report.refresh_from_db()
    with report.file.open("rb") as handle:
        from pypdf import PdfReader

        pages = [" ".join((page.extract_text() or "").split()) for page in PdfReader(handle).pages]

    assert len(pages) >= 6
    assert "Contents" in pages[0]
    for number, page in enumerate(pages[1:], start=2):
        assert "CardioSense" in page  # the running header
        assert f"Page {number} / {len(pages)}" in page


def test_same_snapshot_reuses_the_finished_report_unless_regenerate_is_asked(
    client, cardiosense, django_capture_on_commit_callbacks
):
    user, snapshot = cardiosense
    client.force_login(user)
    _request(client, snapshot, capture=django_capture_on_commit_callbacks)
    first = Report.objects.get()

    again = _request(client, snapshot, capture=django_capture_on_commit_callbacks)
    english = _request(client, snapshot, language="en", capture=django_capture_on_commit_callbacks)

    assert again.url == reverse("report_detail", args=[first.uuid])  # reused, nothing rendered
    assert Report.objects.filter(language="fr").count() == 1
    assert Report.objects.filter(language="en", status=Report.Status.READY).count() == 1
    assert english.url != again.url

    regenerated = _request(client, snapshot, regenerate=True, capture=django_capture_on_commit_callbacks)

    newest = Report.objects.filter(language="fr").order_by("-created_at", "-id").first()
    assert newest.pk != first.pk and newest.status == Report.Status.READY
    assert regenerated.url == reverse("report_detail", args=[newest.uuid])
    first.refresh_from_db()
    assert first.status == Report.Status.READY  # kept, with its date
    assert newest.file.name != first.file.name


def test_a_second_click_while_rendering_does_not_start_a_second_job(cardiosense):
    user, snapshot = cardiosense
    running = Report.objects.create(snapshot=snapshot, language="fr", status=Report.Status.RENDERING)

    assert report_request(snapshot=snapshot, user=user, language="fr", regenerate=True) == running
    assert Report.objects.count() == 1


@pytest.fixture
def broker_down():
    """Celery pointed at a closed port, as when Redis is down in production; yields the way back."""
    with ExitStack() as down:
        down.enter_context(celery_app_sending_to("redis://127.0.0.1:1/0"))
        yield down.close  # back to the project's app (eager, as configured for tests)


def test_request_is_refused_with_a_message_when_the_broker_is_unreachable(client, cardiosense, broker_down):
    user, snapshot = cardiosense
    client.force_login(user)

    with translation.override("en"):
        response = _request(client, snapshot, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0].endswith(f"/reports/snapshot/{snapshot.uuid}/")
    assert b"the job queue is unreachable" in response.content
    assert not Report.objects.exists()  # nothing recorded that would never run


def test_once_the_broker_is_back_the_same_request_renders_the_report(
    client, cardiosense, broker_down, django_capture_on_commit_callbacks
):
    user, snapshot = cardiosense
    client.force_login(user)
    _request(client, snapshot)
    assert not Report.objects.exists()

    bring_the_broker_back = broker_down  # the fixture yields the way back
    bring_the_broker_back()

    response = _request(client, snapshot, capture=django_capture_on_commit_callbacks)
    report = Report.objects.get()
    assert response.url == reverse("report_detail", args=[report.uuid])
    assert report.status == Report.Status.READY


def test_htmx_request_with_the_broker_down_answers_503_with_the_panel(client, cardiosense, broker_down):
    user, snapshot = cardiosense
    client.force_login(user)

    with translation.override("en"):
        response = _request(client, snapshot, headers={"HX-Request": "true"})

    assert response.status_code == 503
    assert b"the job queue is unreachable" in response.content
    assert b'id="report-panel-' in response.content


def test_status_fragment_polls_every_two_seconds_until_the_report_is_finished(client, cardiosense):
    user, snapshot = cardiosense
    client.force_login(user)
    report = Report.objects.create(snapshot=snapshot, language="fr")
    url = reverse("report_status", args=[report.uuid])

    queued = client.get(url).content.decode()
    report_render(report_id=report.pk)
    ready = client.get(url).content.decode()

    assert 'hx-trigger="every 2s"' in queued and f'hx-get="{url}"' in queued
    assert "hx-trigger" not in ready
    assert reverse("report_download", args=[report.uuid]) in ready


def test_a_report_no_worker_started_says_the_service_may_be_stopped(client, cardiosense, settings):
    """Without a worker nothing fails the job either (the sweep runs on a worker): the page says what is going on."""
    settings.REPORTS_QUEUE_PATIENCE = 120
    user, snapshot = cardiosense
    client.force_login(user)
    report = Report.objects.create(snapshot=snapshot, language="fr")
    url = reverse("report_status", args=[report.uuid])

    just_asked = client.get(url).content.decode()
    Report.objects.filter(pk=report.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=3))
    waiting = client.get(url).content.decode()

    assert "report-waiting" not in just_asked
    assert "Aucun service ne l'a encore commencé : le service des rapports est peut-être arrêté." in waiting
    assert 'hx-trigger="every 2s"' in waiting  # still polled: it renders as soon as a worker is back


def test_a_render_adds_no_line_to_a_worker_log_at_info(cardiosense, caplog):
    """Workers log at INFO (compose); WeasyPrint's progress lines ("Step 1 - Fetching…") stay out of it."""
    _, snapshot = cardiosense
    report = Report.objects.create(snapshot=snapshot, language="fr")
    caplog.set_level(logging.INFO)

    report_render(report_id=report.pk)

    report.refresh_from_db()
    assert report.status == Report.Status.READY
    assert [record.getMessage() for record in caplog.records if record.name.startswith("weasyprint")] == []


def test_a_worker_process_loads_the_renderer_then_freezes_it_and_collects_less_often():
    """What a worker process does when it starts (worker_process_init): WeasyPrint, the stylesheet and the fonts
    loaded, then kept out of the collector's way; a report allocates hundreds of thousands of objects."""
    from config.gc_tuning import YOUNG_THRESHOLD
    from partnerships.pdf import _stylesheet
    from partnerships.tasks import warm_up_pdf_renderer

    threshold = gc.get_threshold()
    _stylesheet.cache_clear()
    try:
        warm_up_pdf_renderer()

        assert _stylesheet.cache_info().currsize == 1  # parsed once, for every report this process renders
        assert gc.get_threshold()[0] == YOUNG_THRESHOLD
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)


def test_report_page_works_without_javascript(client, cardiosense):
    user, snapshot = cardiosense
    client.force_login(user)
    report = Report.objects.create(snapshot=snapshot, language="en")

    page = client.get(reverse("report_detail", args=[report.uuid])).content.decode()

    assert reverse("report_detail", args=[report.uuid]) in page  # a plain Refresh link
    assert "CardioSense" in page


def test_a_report_that_cannot_be_rendered_ends_failed_with_a_message(cardiosense):
    _, snapshot = cardiosense
    snapshot.answers["S1-C1"]["level"] = 7  # corrupt data: the scoring refuses it, a retry would not help
    snapshot.result = {}  # made before results were stored with snapshots: scored from its answers
    snapshot.save(update_fields=["answers", "result"])
    report = Report.objects.create(snapshot=snapshot, language="en")

    report_render(report_id=report.pk)

    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert "could not be produced" in report.error and "between 0 and 3" in report.error
    assert not report.file and report.finished_at is not None


@pytest.fixture
def flaky_storage(settings, media):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "tests.partnerships.reports_helpers.FlakyObjectStorage"},
    }
    yield FlakyObjectStorage
    FlakyObjectStorage.failures = 0


def test_embedded_mode_fails_a_report_at_once_on_a_storage_outage_with_a_message(cardiosense, flaky_storage):
    """Eager tasks have no queue to retry from (the worker retries: test_reports_worker.py)."""
    _, snapshot = cardiosense
    flaky_storage.failures = 1
    report = Report.objects.create(snapshot=snapshot, language="en")

    render_report.delay(report.pk)

    report.refresh_from_db()
    assert report.status == Report.Status.FAILED and report.attempts == 1
    assert "unavailable" in report.error and not report.file


def test_a_transient_error_on_the_last_retry_ends_failed_with_a_message(cardiosense, flaky_storage):
    _, snapshot = cardiosense
    flaky_storage.failures = 100
    report = Report.objects.create(snapshot=snapshot, language="en")

    with pytest.raises(ConnectionError):  # an earlier attempt: raised for the task to retry
        report_render(report_id=report.pk, final_attempt=False)
    report.refresh_from_db()
    assert report.status == Report.Status.QUEUED and "ConnectionError" in report.error

    report_render(report_id=report.pk, final_attempt=True)
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED and report.attempts == 2


def test_reports_stuck_past_the_threshold_are_marked_failed(cardiosense, settings):
    _, snapshot = cardiosense
    long_ago = timezone.now() - datetime.timedelta(seconds=settings.REPORTS_STALE_AFTER + 60)
    stuck = Report.objects.create(snapshot=snapshot, status=Report.Status.RENDERING, language="en")
    never_taken = Report.objects.create(snapshot=snapshot, status=Report.Status.QUEUED, language="fr")
    Report.objects.filter(pk__in=[stuck.pk, never_taken.pk]).update(created_at=long_ago, started_at=long_ago)
    Report.objects.filter(pk=never_taken.pk).update(started_at=None)
    working = Report.objects.create(
        snapshot=snapshot, status=Report.Status.RENDERING, language="en", started_at=timezone.now()
    )

    call_command("fail_stale_reports")

    stuck.refresh_from_db()
    never_taken.refresh_from_db()
    working.refresh_from_db()
    assert stuck.status == never_taken.status == Report.Status.FAILED
    assert "its worker stopped" in stuck.error
    assert working.status == Report.Status.RENDERING
    assert reports_fail_stale() == 0  # nothing left to fail


def test_a_job_redelivered_too_many_times_gives_up_with_a_message(cardiosense, settings):
    _, snapshot = cardiosense
    report = Report.objects.create(
        snapshot=snapshot, language="en", status=Report.Status.RENDERING, attempts=settings.REPORTS_MAX_ATTEMPTS
    )

    report_render(report_id=report.pk)

    report.refresh_from_db()
    assert report.status == Report.Status.FAILED and "attempts" in report.error


def test_the_beat_schedule_runs_the_stale_report_sweep(settings):
    entries = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]
    assert "partnerships.fail_stale_reports" in entries
    assert "partnerships.fail_stale_reports" in app.tasks


# --- Permissions: alice and bob share CardioSense, charlie is another startup, a pharma sees a dossier's report --


@pytest.fixture
def ready_report(cardiosense):
    _, snapshot = cardiosense
    report = Report.objects.create(snapshot=snapshot, language="en")
    return report_render(report_id=report.pk)


def _urls(report):
    return [
        reverse("report_detail", args=[report.uuid]),
        reverse("report_status", args=[report.uuid]),
        reverse("report_download", args=[report.uuid]),
        reverse("snapshot_reports", args=[report.snapshot.uuid]),
    ]


def test_a_team_member_sees_and_downloads_the_report(client, ready_report):
    bob = MembershipFactory(organisation=ready_report.snapshot.assessment.organisation, role="member").user
    client.force_login(bob)

    for url in _urls(ready_report):
        response = client.get(url)
        assert response.status_code == 200, url
        if response.streaming:
            b"".join(response.streaming_content)  # read to the end: the test client then closes the file


def test_another_organisation_gets_404_on_every_report_url(client, ready_report, django_capture_on_commit_callbacks):
    charlie = MembershipFactory(organisation=StartupFactory(name="Other startup")).user
    client.force_login(charlie)

    for url in _urls(ready_report):
        assert client.get(url).status_code == 404, url
    response = _request(client, ready_report.snapshot, capture=django_capture_on_commit_callbacks)
    assert response.status_code == 404
    assert Report.objects.count() == 1


def test_anonymous_visitors_are_sent_to_log_in(client, ready_report):
    for url in _urls(ready_report):
        response = client.get(url)
        assert response.status_code == 302 and reverse("login") in response.url


def test_a_pharma_company_downloads_the_report_only_when_a_dossier_sent_to_it_carries_it(client, ready_report):
    snapshot = ready_report.snapshot
    pharma = PharmaFactory(name="Pharma Receiving")
    reviewer = MembershipFactory(organisation=pharma).user
    client.force_login(reviewer)
    download = reverse("report_download", args=[ready_report.uuid])
    assert client.get(download).status_code == 404

    Dossier.objects.create(
        startup=snapshot.assessment.organisation,
        pharma=pharma,
        snapshot=snapshot,
        report=ready_report,
        cover_message="Hello",
        startup_name="CardioSense",
    )

    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    other_pharma = MembershipFactory(organisation=PharmaFactory(name="Other pharma")).user
    client.force_login(other_pharma)
    assert client.get(download).status_code == 404


def test_a_report_not_ready_is_not_downloadable(client, cardiosense):
    user, snapshot = cardiosense
    client.force_login(user)
    report = Report.objects.create(snapshot=snapshot, language="en", status=Report.Status.RENDERING)

    assert client.get(reverse("report_download", args=[report.uuid])).status_code == 404


def test_the_reports_panel_lists_reports_in_constant_queries(client, cardiosense, django_assert_max_num_queries):
    user, snapshot = cardiosense
    client.force_login(user)
    url = reverse("snapshot_reports", args=[snapshot.uuid])
    Report.objects.create(snapshot=snapshot, language="en")
    with django_assert_max_num_queries(12) as one:
        client.get(url)
    for language in ("fr", "en", "fr", "en", "fr"):
        Report.objects.create(snapshot=snapshot, language=language)

    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url)

    content = response.content.decode()
    assert content.count('class="report-status') == 6
    assert reverse("report_request", args=[snapshot.uuid]) in content
