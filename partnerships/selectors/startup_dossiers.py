"""A startup's dossiers, filtered (its list page)."""

from django.db.models import Q, QuerySet

from ..models import Dossier
from .dossiers import dossiers_sent

CLOSED = (Dossier.Status.DECLINED, Dossier.Status.WITHDRAWN, Dossier.Status.PARTNERSHIP_STARTED)


def dossiers_sent_filtered(user, *, search: str = "", status: str = "") -> QuerySet[Dossier]:
    dossiers = dossiers_sent(user)
    if search:
        dossiers = dossiers.filter(Q(pharma__name__icontains=search) | Q(target__name__icontains=search))
    if status == "open":
        dossiers = dossiers.exclude(status__in=CLOSED)
    elif status:
        dossiers = dossiers.filter(status=status)
    return dossiers
