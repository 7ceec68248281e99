"""Acts that cannot be undone ask first: a decision on a dossier (partnership started, declined) and a
startup's withdrawal. The confirmation is a page or a <details> step, never inline JavaScript (the CSP
forbids it)."""

from ..models import Dossier
from ..services.dossiers import DECISIONS


def decision_needs_confirmation(to_status: str, reason: str) -> bool:
    """Decisions are confirmed on a page of their own; a decline without its reason goes straight to the
    service, whose message asks for the reason (nothing to confirm yet)."""
    if to_status not in DECISIONS:
        return False
    return not (to_status == Dossier.Status.DECLINED and not reason.strip())
