"""The in-app notification count: a user opening a dossier has seen what happened on it so far."""

from django.utils import timezone

from ..models import Dossier, DossierSeen, User


def dossier_mark_seen(*, user: User, dossier: Dossier) -> None:
    """Record that `user` has just read `dossier` (one row per user and dossier, updated in place)."""
    DossierSeen.objects.update_or_create(user=user, dossier=dossier, defaults={"seen_at": timezone.now()})
