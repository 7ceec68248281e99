"""The pharma inbox exported as filtered on screen: CSV, or XLSX (what French pharma teams open). Both are
for reviewers and admins (`export_inbox`), both audited, both safe to open in a spreadsheet."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ..forms.dossiers import InboxFilterForm
from ..selectors.inbox_export import inbox_export_header, inbox_export_rows
from ..services.inbox_export import inbox_export_record
from ..spreadsheets import csv_response, xlsx_response
from .access import pharma_member_required


def _export(request: HttpRequest, file_format: str) -> HttpResponse:
    if not request.user.has_perm("partnerships.export_inbox"):
        raise PermissionDenied
    form = InboxFilterForm(request.GET or None)
    rows = inbox_export_rows(request.organisation, **(form.filters() if request.GET else {}))
    filename = f"dossiers-{timezone.localdate():%Y-%m-%d}.{file_format}"
    if file_format == "xlsx":
        response, count = xlsx_response(
            filename=filename, title=_("Dossiers received"), header=inbox_export_header(), rows=rows
        )
    else:
        response, count = csv_response(filename=filename, header=inbox_export_header(), rows=rows)
    inbox_export_record(organisation=request.organisation, user=request.user, count=count, file_format=file_format)
    return response


@pharma_member_required
@require_GET
def pharma_inbox_csv(request: HttpRequest) -> HttpResponse:
    return _export(request, "csv")


@pharma_member_required
@require_GET
def pharma_inbox_xlsx(request: HttpRequest) -> HttpResponse:
    return _export(request, "xlsx")
