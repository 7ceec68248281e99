"""Reads of the audit trail."""

from django.db.models import QuerySet

from ..models import AuditEvent, Organisation


def audit_events_of(*, organisation: Organisation) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(organisation=organisation).select_related("actor").order_by("-created_at", "-id")
