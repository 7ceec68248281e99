"""PDF pitch-prep reports: request (enqueue and return at once), follow the status, download.

Every report and snapshot is looked up in the user's organisation (a foreign id is a 404), then
checked against the `rules` permissions. Files are served by `report_download` only, never from
MEDIA_URL, and addressed by the report's random UUID.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.views.decorators.http import condition, require_GET, require_POST

from checklists.i18n import active_language

from ..forms.reports import ReportRequestForm
from ..models import AssessmentSnapshot, Report
from ..selectors.reports import reports_for_snapshot, reports_visible_to, snapshots_of_organisation
from ..services.reports import ReportUnavailable, report_request


def _snapshot_or_404(request: HttpRequest, uuid) -> AssessmentSnapshot:
    snapshot = get_object_or_404(
        snapshots_of_organisation(request.user).select_related("assessment__target"), uuid=uuid
    )
    if not request.user.has_perm("partnerships.request_report", snapshot):
        raise Http404
    return snapshot


def _report_or_404(request: HttpRequest, uuid) -> Report:
    report = get_object_or_404(reports_visible_to(request.user), uuid=uuid)
    if not request.user.has_perm("partnerships.view_report", report):
        raise Http404
    return report


def _panel(request: HttpRequest, snapshot: AssessmentSnapshot, *, error: str = "", status: int = 200) -> HttpResponse:
    context = {"snapshot": snapshot, "reports": reports_for_snapshot(snapshot), "report_error": error}
    return render(request, "partnerships/reports/_report_panel.html", context, status=status)


@login_required
@require_GET
def snapshot_reports(request: HttpRequest, uuid) -> HttpResponse:
    """The reports of one submitted assessment, on a page of its own (works without JavaScript)."""
    snapshot = _snapshot_or_404(request, uuid)
    return render(
        request,
        "partnerships/reports/snapshot_reports.html",
        {"snapshot": snapshot, "reports": reports_for_snapshot(snapshot)},
    )


@login_required
@require_POST
def report_request_view(request: HttpRequest, uuid) -> HttpResponse:
    snapshot = _snapshot_or_404(request, uuid)
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
def report_detail(request: HttpRequest, uuid) -> HttpResponse:
    report = _report_or_404(request, uuid)
    return render(request, "partnerships/reports/detail.html", {"report": report, "snapshot": report.snapshot})


@login_required
@require_GET
def report_status(request: HttpRequest, uuid) -> HttpResponse:
    """The status fragment htmx polls every 2 s until the report is ready or failed."""
    report = _report_or_404(request, uuid)
    return render(request, "partnerships/reports/_status.html", {"report": report})


def _ready_report(request: HttpRequest, uuid) -> Report:
    """The ready report at this address, after the access check; read once per request (the conditional-GET
    functions and the view share it)."""
    cached = getattr(request, "_ready_report", None)
    if cached is None:
        cached = _report_or_404(request, uuid)
        if cached.status != Report.Status.READY or not cached.file:
            raise Http404
        request._ready_report = cached
    return cached


def _report_etag(request: HttpRequest, uuid) -> str:
    report = _ready_report(request, uuid)  # the access check comes first: 404 before any 304
    return f"{report.uuid}-{report.file.name}"


def _report_last_modified(request: HttpRequest, uuid):
    return _ready_report(request, uuid).finished_at


@login_required
@require_GET
@condition(etag_func=_report_etag, last_modified_func=_report_last_modified)
def report_download(request: HttpRequest, uuid) -> FileResponse:
    """The PDF, streamed from the storage. A finished report never changes (rendering again makes a new file):
    a client that revalidates (If-None-Match, If-Modified-Since) gets 304 after the same access check. Browsers
    do not keep it: every authenticated response is no-store (partnerships.middleware)."""
    return report_file_response(_ready_report(request, uuid))


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
