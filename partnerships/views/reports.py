"""PDF pitch-prep reports: request (enqueue and return at once), follow the status, download.

Every report and snapshot is looked up in the user's organisation (a foreign id is a 404), then
checked against the `rules` permissions. Files are served by `report_download` only, never from
MEDIA_URL, and addressed by the report's random UUID.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import condition, require_GET, require_POST

from checklists.i18n import active_language

from ..forms.reports import ReportRequestForm
from ..models import AssessmentSnapshot, Report
from ..selectors.reports import reports_for_snapshot, reports_visible_to
from ..services.reports import ReportUnavailable, report_request
from .access import object_permission_required
from .dossiers import snapshot_of_organisation


def _visible_report(request: HttpRequest, uuid) -> Report:
    """A report of the user's organisation, or one a startup attached to a dossier sent to it."""
    return reports_visible_to(request.user).get(uuid=uuid)


def _ready_report(request: HttpRequest, uuid) -> Report:
    """As `_visible_report`, and only once its PDF is there: before, the download is a 404."""
    report = _visible_report(request, uuid)
    if report.status != Report.Status.READY or not report.file:
        raise Http404
    return report


snapshot_required = object_permission_required("partnerships.request_report", snapshot_of_organisation)
report_required = object_permission_required("partnerships.view_report", _visible_report)


def _panel(request: HttpRequest, snapshot: AssessmentSnapshot, *, error: str = "", status: int = 200) -> HttpResponse:
    context = {"snapshot": snapshot, "reports": reports_for_snapshot(snapshot), "report_error": error}
    return render(request, "partnerships/reports/_report_panel.html", context, status=status)


@login_required
@require_GET
@snapshot_required
def snapshot_reports(request: HttpRequest, snapshot: AssessmentSnapshot) -> HttpResponse:
    """The reports of one submitted assessment, on a page of its own (works without JavaScript)."""
    return render(
        request,
        "partnerships/reports/snapshot_reports.html",
        {"snapshot": snapshot, "reports": reports_for_snapshot(snapshot)},
    )


@login_required
@require_POST
@snapshot_required
def report_request_view(request: HttpRequest, snapshot: AssessmentSnapshot) -> HttpResponse:
    form = ReportRequestForm(request.POST, initial={"language": active_language()})
    if not form.is_valid():
        if request.htmx:
            return _panel(request, snapshot, error=str(form.errors.as_text()), status=400)
        messages.error(request, form.errors.as_text())
        return redirect("snapshot_reports", uuid=snapshot.uuid)
    try:
        report = report_request(
            snapshot=snapshot,
            user=request.user,
            language=form.cleaned_data["language"],
            regenerate=form.cleaned_data["regenerate"],
        )
    except ReportUnavailable as error:
        if request.htmx:
            return _panel(request, snapshot, error=str(error), status=503)
        messages.error(request, str(error))
        return redirect("snapshot_reports", uuid=snapshot.uuid)
    if request.htmx:
        return _panel(request, snapshot)
    return redirect("report_detail", uuid=report.uuid)


@login_required
@require_GET
@report_required
def report_detail(request: HttpRequest, report: Report) -> HttpResponse:
    return render(request, "partnerships/reports/detail.html", {"report": report, "snapshot": report.snapshot})


@login_required
@require_GET
@report_required
def report_status(request: HttpRequest, report: Report) -> HttpResponse:
    """The status fragment htmx polls every 2 s until the report is ready or failed."""
    return render(request, "partnerships/reports/_status.html", {"report": report})


def _report_etag(request: HttpRequest, report: Report) -> str:
    return f"{report.uuid}-{report.file.name}"


def _report_last_modified(request: HttpRequest, report: Report):
    return report.finished_at


@login_required
@require_GET
@object_permission_required("partnerships.view_report", _ready_report)  # the access check first: 404 before any 304
@condition(etag_func=_report_etag, last_modified_func=_report_last_modified)
def report_download(request: HttpRequest, report: Report) -> FileResponse:
    """The PDF, streamed from the storage. A finished report never changes (rendering again makes a new file):
    a client that revalidates (If-None-Match, If-Modified-Since) gets 304 after the same access check. Browsers
    do not keep it: every authenticated response is no-store (partnerships.middleware). The report is read once
    per request: the decorator hands it to the conditional-GET functions and to the view."""
    return report_file_response(report)


def report_file_response(report: Report) -> FileResponse:
    """The report's PDF as a download (the API serves it too); 404 while it is not ready."""
    if report.status != Report.Status.READY or not report.file:
        raise Http404
    try:
        handle = report.file.storage.open(report.file.name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    snapshot = report.snapshot
    name = slugify((snapshot.profile or {}).get("name", "")) or "report"
    filename = f"{name}-{snapshot.created_at:%Y-%m-%d}-{report.language}.pdf"
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type="application/pdf")
    response["Cache-Control"] = "private, no-store"
    return response
