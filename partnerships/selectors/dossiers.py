"""Reads on dossiers: the startup's list, the pharma inbox with its filters, and the team's response times.

Every queryset starts from the user's organisation, so a dossier of anyone else is simply not there (404).
"""

import statistics
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import connection
from django.db.models import BooleanField, Case, Count, F, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from checklists.selectors import guide_steps

from ..membership import organisation_id_of
from ..models import Dossier, DossierEvent, DossierMessage, Organisation, User
from .reviews import REVIEW_SORTS, with_team_review

OPEN_STATUSES = (Dossier.Status.RECEIVED, Dossier.Status.IN_REVIEW, Dossier.Status.MEETING_PROPOSED)
SORTS = {
    "submitted": (F("submitted_at").desc(), F("id").desc()),
    "oldest": (F("submitted_at").asc(), F("id").asc()),
    "deadline": (F("decision_needed_by").asc(nulls_last=True), F("submitted_at").asc(), F("id").asc()),
    "score": (F("overall_score").desc(nulls_last=True), F("submitted_at").desc(), F("id").desc()),
    **REVIEW_SORTS,
}
# Response times are computed over this many recent dossiers: enough for a median, bounded for speed.
METRICS_WINDOW = 1000


def dossiers_sent(user: User) -> QuerySet[Dossier]:
    """The dossiers the user's startup submitted, newest first."""
    return (
        Dossier.objects.filter(startup_id=organisation_id_of(user))
        .select_related("pharma__identity")
        .order_by("-submitted_at", "-id")
    )


def dossiers_received(user: User) -> QuerySet[Dossier]:
    """The dossiers sent to the user's pharma company (never another company's)."""
    return Dossier.objects.filter(pharma_id=organisation_id_of(user))


def is_overdue_q(today: date | None = None) -> Q:
    """Still open after the decision date the startup asked for."""
    today = today or timezone.localdate()
    return Q(status__in=OPEN_STATUSES, decision_needed_by__lt=today)


def inbox(
    organisation: Organisation,
    *,
    status: str = "",
    band: str = "",
    maturity: str = "",
    therapeutic_area: str = "",
    business_model: str = "",
    overdue: bool = False,
    search: str = "",
    sort: str = "submitted",
    team_band: str = "",
    divergence: str = "",
) -> QuerySet[Dossier]:
    """The pharma inbox, filtered and sorted; one query per page plus one for the therapeutic areas."""
    dossiers = Dossier.objects.filter(pharma=organisation)
    if status == "open":
        dossiers = dossiers.filter(status__in=OPEN_STATUSES)
    elif status:
        dossiers = dossiers.filter(status=status)
    if band:
        dossiers = dossiers.filter(band=band)
    if maturity:
        dossiers = dossiers.filter(maturity=maturity)
    if therapeutic_area:
        dossiers = dossiers.filter(therapeutic_areas__code=therapeutic_area)
    if business_model:
        # The frozen list is JSON text such as ["pecan", "other"]: match the quoted code, on every database.
        dossiers = dossiers.filter(business_models__icontains=f'"{business_model}"')
    if overdue:
        dossiers = dossiers.filter(is_overdue_q())
    if search:
        dossiers = dossiers.filter(startup_name__icontains=search.strip())
    dossiers = with_team_review(dossiers, team_band=team_band, divergence=divergence)
    return (
        dossiers.annotate(
            is_overdue=Case(When(is_overdue_q(), then=Value(True)), default=Value(False), output_field=BooleanField())
        )
        .select_related("assignee")
        .prefetch_related("therapeutic_areas")
        .order_by(*SORTS.get(sort, SORTS["submitted"]))
    )


def inbox_for_export(organisation: Organisation, **filters) -> QuerySet[Dossier]:
    return inbox(organisation, **filters)


def dossier_timeline(dossier: Dossier, *, include_internal: bool) -> tuple[list[DossierEvent], list[DossierMessage]]:
    """Dated events and messages; internal notes only when `include_internal` (pharma side)."""
    events = list(dossier.events.select_related("actor"))
    messages = dossier.messages.select_related("author")
    if not include_internal:
        messages = messages.filter(is_internal=False)
    return events, list(messages)


def dossier_for_pharma(*, organisation: Organisation, uuid) -> Dossier:
    """A dossier sent to the pharma company `organisation`, with what its screens read; else Dossier.DoesNotExist."""
    return (
        Dossier.objects.filter(pharma_id=organisation.pk)
        .select_related("startup", "pharma", "assignee", "report", "snapshot__framework", "target")
        .prefetch_related(Prefetch("therapeutic_areas"))
        .get(uuid=uuid)
    )


def dossier_for_startup(*, organisation: Organisation, uuid) -> Dossier:
    """A dossier the startup `organisation` sent, with what its screens read; else Dossier.DoesNotExist."""
    return (
        Dossier.objects.filter(startup_id=organisation.pk)
        .select_related("pharma__identity", "target", "snapshot")
        .prefetch_related("therapeutic_areas")
        .get(uuid=uuid)
    )


def dossier_for_side(*, organisation: Organisation, uuid) -> Dossier:
    """A dossier the organisation sent (a startup) or received (a pharma company); else Dossier.DoesNotExist."""
    finder = dossier_for_pharma if organisation.is_pharma else dossier_for_startup
    return finder(organisation=organisation, uuid=uuid)


def dossier_step_rows(dossier: Dossier) -> list[dict]:
    """The guide's steps of the dossier's frozen framework, each with the score the snapshot stored for it
    (None when the step has none): the score table of the pharma detail page."""
    scores = dossier.snapshot.step_scores or {}
    steps = guide_steps(dossier.snapshot.framework)
    return [{"step": step, "score": scores.get(str(step.number))} for step in steps]


def pharma_members(organisation: Organisation) -> QuerySet[User]:
    return User.objects.filter(membership__organisation=organisation, is_active=True).order_by("first_name", "email")


@dataclass(frozen=True)
class InboxMetrics:
    open_count: int
    overdue_count: int
    received_count: int
    median_first_response: timedelta | None
    median_decision: timedelta | None
    responded_count: int
    decided_count: int


def _median(pairs) -> timedelta | None:
    durations = [(end - start).total_seconds() for start, end in pairs if start and end]
    return timedelta(seconds=statistics.median(durations)) if durations else None


def inbox_metrics(organisation: Organisation) -> InboxMetrics:
    """Counts and the team's median time to first response and to decision, over its recent dossiers.

    Two queries: the counts, and the medians. PostgreSQL computes the medians itself (percentile_cont over the
    METRICS_WINDOW most recent dossiers: reading 2,000 timestamp pairs into Python was a fifth of the inbox);
    SQLite, which has no percentile function, reads the pairs and Python takes the same median.
    """
    dossiers = Dossier.objects.filter(pharma=organisation)
    # Counted on a column of the (pharma, status, decision_needed_by) index, never null, so that the index
    # answers alone (COUNT(id) read every row of a big inbox).
    counts = dossiers.aggregate(
        received=Count("status"),
        open=Count("status", filter=Q(status__in=OPEN_STATUSES)),
        overdue=Count("status", filter=is_overdue_q()),
    )
    if connection.vendor == "postgresql":
        first_response, responded, decision, decided = _medians_in_database(organisation.pk)
    else:
        first_response, responded = _median_in_python(dossiers, "first_response_at")
        decision, decided = _median_in_python(dossiers, "decided_at")
    return InboxMetrics(
        open_count=counts["open"],
        overdue_count=counts["overdue"],
        received_count=counts["received"],
        median_first_response=first_response,
        median_decision=decision,
        responded_count=responded,
        decided_count=decided,
    )


def _median_in_python(dossiers, end_field: str) -> tuple[timedelta | None, int]:
    pairs = list(
        dossiers.filter(**{f"{end_field}__isnull": False})
        .order_by("-submitted_at")
        .values_list("submitted_at", end_field)[:METRICS_WINDOW]
    )
    return _median(pairs), len(pairs)


_MEDIANS_SQL = """
WITH responded AS (
    SELECT first_response_at - submitted_at AS duration FROM {table}
    WHERE pharma_id = %(pharma)s AND first_response_at IS NOT NULL ORDER BY submitted_at DESC LIMIT %(window)s
), decided AS (
    SELECT decided_at - submitted_at AS duration FROM {table}
    WHERE pharma_id = %(pharma)s AND decided_at IS NOT NULL ORDER BY submitted_at DESC LIMIT %(window)s
)
SELECT (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY duration) FROM responded),
       (SELECT count(*) FROM responded),
       (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY duration) FROM decided),
       (SELECT count(*) FROM decided)
"""


def _medians_in_database(pharma_id: int) -> tuple:
    sql = _MEDIANS_SQL.format(table=connection.ops.quote_name(Dossier._meta.db_table))
    with connection.cursor() as cursor:
        cursor.execute(sql, {"pharma": pharma_id, "window": METRICS_WINDOW})
        return cursor.fetchone()
