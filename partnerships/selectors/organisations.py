"""Reads on organisations and their members."""

from ..models import Invitation, Organisation


def pending_invitation_of(organisation: Organisation, pk: int) -> Invitation:
    """A not yet accepted invitation of `organisation`; raises Invitation.DoesNotExist for anyone else's (so a
    foreign id is a 404, like a missing one) and for an accepted one."""
    return Invitation.objects.select_related("organisation").get(
        pk=pk, organisation=organisation, accepted_at__isnull=True
    )
