"""What is new for a user on the dossiers of their organisation, beside the e-mails: messages from the other
side (or a colleague's internal note), status changes, new or withdrawn dossiers, and decision dates near.

"New" is anything after the user last opened that dossier, or after they joined when they never did.
"""

import datetime
from dataclasses import dataclass

from django.db.models import F, Func, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..membership import membership_of
from ..models import Dossier, DossierEvent, DossierMessage, DossierSeen, User

DEADLINE_NEAR_DAYS = 7
CLOSED = (Dossier.Status.DECLINED, Dossier.Status.WITHDRAWN, Dossier.Status.PARTNERSHIP_STARTED)


@dataclass(frozen=True)
class Notifications:
    messages: int = 0
    status_changes: int = 0
    deadlines: int = 0

    @property
    def total(self) -> int:
        return self.messages + self.status_changes + self.deadlines


def _unseen(queryset, user: User):
    seen = DossierSeen.objects.filter(user=user, dossier=OuterRef("dossier")).values("seen_at")[:1]
    return queryset.annotate(since=Coalesce(Subquery(seen), F("dossier__submitted_at"))).filter(
        created_at__gt=F("since"), created_at__gte=user.membership.joined_at
    )


def _count(queryset) -> Subquery:
    """COUNT(*) of `queryset` as a scalar subquery: the three counts travel in one query."""
    return Subquery(queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n"))


def notifications_for(user: User) -> Notifications:
    """Asked by the navigation on every page: one query, whatever the side."""
    membership = membership_of(user)
    if membership is None:
        return Notifications()
    organisation = membership.organisation
    if organisation.is_startup:
        scope = Q(dossier__startup_id=organisation.pk)
        messages = DossierMessage.objects.filter(scope, is_internal=False)
        events = DossierEvent.objects.filter(scope).exclude(from_status="").exclude(from_status=F("to_status"))
        deadlines = Value(0)
    else:
        scope = Q(dossier__pharma_id=organisation.pk)
        messages = DossierMessage.objects.filter(scope)
        events = DossierEvent.objects.filter(scope).filter(Q(from_status="") | Q(to_status=Dossier.Status.WITHDRAWN))
        today = timezone.localdate()
        deadlines = _count(
            Dossier.objects.filter(pharma_id=organisation.pk, decision_needed_by__gte=today)
            .filter(decision_needed_by__lte=today + datetime.timedelta(days=DEADLINE_NEAR_DAYS))
            .exclude(status__in=CLOSED)
        )
    counts = (
        User.objects.filter(pk=user.pk)
        .annotate(
            messages=_count(_unseen(messages.exclude(author=user), user)),
            status_changes=_count(_unseen(events.exclude(actor=user), user)),
            deadlines=deadlines,
        )
        .values("messages", "status_changes", "deadlines")
        .first()
    )
    return Notifications(**counts) if counts else Notifications()
