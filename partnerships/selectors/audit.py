"""Reads of the audit trail."""

from django.db.models import QuerySet

from ..models import AuditEvent, Dossier, Organisation


def audit_events_of(*, organisation: Organisation) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(organisation=organisation).select_related("actor").order_by("-created_at", "-id")


def audit_details(event: AuditEvent) -> str:
    """The event's details as a reader wants them: a status change names the statuses in words, in the reader's
    language (the record keeps their codes, which do not depend on the language of whoever acted)."""
    details = event.details
    if event.action != "dossier_status_changed" or not details:
        return event.description
    labels = dict(Dossier.Status.choices)
    moves = (str(labels.get(details[key], details[key])) for key in ("from_status", "to_status"))
    return f"{details['dossier']}: " + " → ".join(moves)
