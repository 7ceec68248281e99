"""Writes around the pharma inbox export: the audit line that says who took the dossiers out, and how many."""

from django.utils.translation import gettext as _

from ..models import AuditEvent, Organisation, User
from .audit import audit_record


def inbox_export_record(*, organisation: Organisation, user: User, count: int, file_format: str) -> AuditEvent:
    """Audit an export of `count` dossiers as `file_format` ("csv" or "xlsx"), once the file is built.

    The line is recorded in the exporting user's language, as the other audit descriptions."""
    return audit_record(
        organisation=organisation,
        actor=user,
        action="inbox_exported",
        description=_("%(count)s dossiers exported as %(format)s") % {"count": count, "format": file_format.upper()},
    )
