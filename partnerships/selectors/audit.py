"""Reads of the audit trail."""

from django.db.models import QuerySet

from ..models import AuditEvent, Dossier, Organisation


def audit_events_of(*, organisation: Organisation) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(organisation=organisation).select_related("actor").order_by("-created_at", "-id")


def audit_details(event: AuditEvent) -> str:
    """The event's details as a reader wants them: a status change names the statuses in words (the record
    keeps their codes, which do not depend on the language of whoever acted)."""
    if event.action != "dossier_status_changed" or ": " not in event.description:
        return event.description
    dossier, _, moves = event.description.rpartition(": ")
    labels = dict(Dossier.Status.choices)
    return f"{dossier}: " + " → ".join(str(labels.get(code, code)) for code in moves.split(" → "))
