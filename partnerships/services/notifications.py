"""The in-app notification count: a user opening a dossier has seen what happened on it so far."""

from django.utils import timezone

from ..models import Dossier, DossierSeen, User


def dossier_mark_seen(*, user: User, dossier: Dossier) -> None:
    """Record that `user` has just read `dossier` (one row per user and dossier, updated in place).

    One upsert, the first time as every time after: reading a page costs the same queries each visit."""
    DossierSeen.objects.bulk_create(
        [DossierSeen(user=user, dossier=dossier, seen_at=timezone.now())],
        update_conflicts=True,
        unique_fields=["user", "dossier"],
        update_fields=["seen_at"],
    )
