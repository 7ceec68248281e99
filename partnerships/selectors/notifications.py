"""What is new for a user on the dossiers of their organisation, beside the e-mails: messages from the other
side (or a colleague's internal note), status changes, new or withdrawn dossiers, and decision dates near.

"New" is anything after the user last opened that dossier, or after they joined when they never did, within the
last NEW_WITHIN_DAYS days; each count stops at COUNT_CAP (the badge then says "99+"). Both bounds keep the count
cheap on every page however long a member has been there and however busy the organisation is.
"""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from ..membership import membership_of
from ..models import Dossier, DossierEvent, DossierMessage, DossierSeen, User

DEADLINE_NEAR_DAYS = 7
NEW_WITHIN_DAYS = 30
COUNT_CAP = 100
CLOSED = (Dossier.Status.DECLINED, Dossier.Status.WITHDRAWN, Dossier.Status.PARTNERSHIP_STARTED)


@dataclass(frozen=True)
class Notifications:
    messages: int = 0
    status_changes: int = 0
    deadlines: int = 0
    within_days = NEW_WITHIN_DAYS  # not a field: how far back messages and status changes count as new

    @property
    def total(self) -> int:
        return self.messages + self.status_changes + self.deadlines


def _unseen(model, author_column: str, organisation_column: str, condition: str = "") -> str:
    """COUNT, up to COUNT_CAP, of `model`'s rows on the organisation's dossiers, by someone else, since a date and
    after the user last opened the dossier (any time, when they never did: a dossier's rows all come after it was
    sent). The rows carry their dossier's organisations, indexed with their date: only the organisation's rows
    since that date are read, and no dossier. Parameters: the organisation, the date, those of `condition`, then
    the user, the user."""
    return f"""(SELECT COUNT(*) FROM (SELECT 1 FROM {model._meta.db_table} x
        WHERE x.{organisation_column} = %s AND x.created_at >= %s {condition}
        AND (x.{author_column} IS NULL OR x.{author_column} <> %s)
        AND NOT EXISTS (SELECT 1 FROM {DossierSeen._meta.db_table} s
            WHERE s.user_id = %s AND s.dossier_id = x.dossier_id AND s.seen_at >= x.created_at)
        LIMIT {COUNT_CAP}) capped)"""


def notifications_for(user: User) -> Notifications:
    """Asked by the navigation on every page: one query, whatever the side. Written in SQL because building the
    same query with the ORM (three subqueries, each with its own) cost more than half of a small page's time."""
    membership = membership_of(user)
    if membership is None:
        return Notifications()
    organisation = membership.organisation
    ops = connection.ops
    since = ops.adapt_datetimefield_value(
        max(membership.joined_at, timezone.now() - datetime.timedelta(days=NEW_WITHIN_DAYS))
    )
    who = [user.pk, user.pk]
    if organisation.is_startup:
        # Never the pharma team's internal notes; status changes only (not the submission itself).
        messages = _unseen(DossierMessage, "author_id", "startup_id", "AND NOT x.is_internal")
        events = _unseen(
            DossierEvent, "actor_id", "startup_id", "AND x.from_status <> '' AND x.from_status <> x.to_status"
        )
        sql = f"SELECT {messages}, {events}, 0"
        params = [organisation.pk, since, *who, organisation.pk, since, *who]
    else:
        # New and withdrawn dossiers; the moves are the team's own.
        messages = _unseen(DossierMessage, "author_id", "pharma_id")
        events = _unseen(DossierEvent, "actor_id", "pharma_id", "AND (x.from_status = '' OR x.to_status = %s)")
        deadlines = f"""(SELECT COUNT(*) FROM {Dossier._meta.db_table} WHERE pharma_id = %s
            AND decision_needed_by >= %s AND decision_needed_by <= %s AND status NOT IN (%s, %s, %s))"""
        today = timezone.localdate()
        sql = f"SELECT {messages}, {events}, {deadlines}"
        params = [
            organisation.pk,
            since,
            *who,
            organisation.pk,
            since,
            Dossier.Status.WITHDRAWN.value,
            *who,
            organisation.pk,
            ops.adapt_datefield_value(today),
            ops.adapt_datefield_value(today + datetime.timedelta(days=DEADLINE_NEAR_DAYS)),
            *(status.value for status in CLOSED),
        ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        messages_count, status_changes, deadlines_count = cursor.fetchone()
    return Notifications(messages=messages_count, status_changes=status_changes, deadlines=deadlines_count)
