"""When a user last opened a dossier: what happened on it since is new to them (the in-app count)."""

from django.conf import settings
from django.db import models

from .dossiers import Dossier


class DossierSeen(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="+")
    seen_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "dossier"], name="dossier_seen_unique")]

    def __str__(self) -> str:
        return f"{self.user_id} saw {self.dossier_id} at {self.seen_at:%Y-%m-%d %H:%M}"
