"""What is new for a user on the dossiers of their organisation, beside the e-mails: messages from the other
side (or a colleague's internal note), status changes, new or withdrawn dossiers, and decision dates near.

"New" is anything after the user last opened that dossier, or after they joined when they never did.
"""

import datetime
from dataclasses import dataclass

from django.db import connection
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


def _unseen(model, author_column: str, organisation_column: str, condition: str = "") -> str:
    """COUNT of `model`'s rows on the organisation's dossiers, by someone else, after the user last opened the
    dossier (after it was sent when they never did) and after they joined. Parameters: the organisation, those of
    `condition`, then the user, the joining date, the user."""
    return f"""(SELECT COUNT(*) FROM {model._meta.db_table} x
        INNER JOIN {Dossier._meta.db_table} d ON d.id = x.dossier_id
        WHERE d.{organisation_column} = %s {condition}
        AND (x.{author_column} IS NULL OR x.{author_column} <> %s)
        AND x.created_at >= %s
        AND x.created_at > COALESCE(
            (SELECT s.seen_at FROM {DossierSeen._meta.db_table} s WHERE s.user_id = %s AND s.dossier_id = d.id),
            d.submitted_at))"""


def notifications_for(user: User) -> Notifications:
    """Asked by the navigation on every page: one query, whatever the side. Written in SQL because building the
    same query with the ORM (three subqueries, each with its own) cost more than half of a small page's time."""
    membership = membership_of(user)
    if membership is None:
        return Notifications()
    organisation = membership.organisation
    ops = connection.ops
    who = [user.pk, ops.adapt_datetimefield_value(membership.joined_at), user.pk]
    if organisation.is_startup:
        # Never the pharma team's internal notes; status changes only (not the submission itself).
        messages = _unseen(DossierMessage, "author_id", "startup_id", "AND NOT x.is_internal")
        events = _unseen(
            DossierEvent, "actor_id", "startup_id", "AND x.from_status <> '' AND x.from_status <> x.to_status"
        )
        sql = f"SELECT {messages}, {events}, 0"
        params = [organisation.pk, *who, organisation.pk, *who]
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
            *who,
            organisation.pk,
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
