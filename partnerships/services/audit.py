"""The audit trail of sensitive actions, shown to organisation admins."""

from ..models import AuditEvent, Organisation, User


def audit_record(
    *,
    organisation: Organisation | None = None,
    organisation_id: int | None = None,
    actor: User | None,
    action: str,
    description: str = "",
    details: dict | None = None,
) -> AuditEvent:
    """Record `action`; pass `organisation_id` instead of `organisation` when only the id is at hand (no query).

    `description` is the line as recorded; `details` keeps codes the trail shows in the reader's language."""
    if organisation is not None:
        organisation_id = organisation.pk
    return AuditEvent.objects.create(
        organisation_id=organisation_id,
        actor=actor,
        action=action,
        description=description[:300],
        details=details or {},
    )
