"""Reads of the partnership space, scoped to the two organisations of a dossier.

Every lookup starts from the user's organisation: an object of a dossier the user's organisation neither sent
nor received is not found (404). `partnership_page` gathers one screen in a fixed number of queries.
"""

import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from uuid import UUID

from django.db import connection
from django.db.models import Count, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from checklists.models import Item, Step
from scoring import kpi as engine

from ..kpi_charts import kpi_chart_svg
from ..membership import organisation_id_of
from ..models import (
    AssessmentSnapshot,
    Dossier,
    Feedback,
    FeedbackRound,
    Kpi,
    KpiAlert,
    KpiVersion,
    Meeting,
    NextStep,
    Organisation,
    Partnership,
    PartnershipReview,
    Side,
    User,
)
from .pharma import pharma_completeness

SPACE_STATUSES = (Dossier.Status.MEETING_PROPOSED, Dossier.Status.PARTNERSHIP_STARTED)
# A pharma company's aggregated ratings never rest on fewer partnerships than this.
RATINGS_MIN_PARTNERSHIPS = 5


def side_of(user: User, dossier: Dossier) -> str | None:
    organisation_id = organisation_id_of(user)
    if organisation_id is None:
        return None
    if organisation_id == dossier.startup_id:
        return Side.STARTUP
    if organisation_id == dossier.pharma_id:
        return Side.PHARMA
    return None


def _space_dossiers(organisation_id: int) -> QuerySet[Dossier]:
    """Dossiers whose partnership space the organisation shares (as startup or pharma company)."""
    return Dossier.objects.filter(Q(startup_id=organisation_id) | Q(pharma_id=organisation_id)).filter(
        status__in=SPACE_STATUSES
    )


# One object of a partnership space, found among the spaces `organisation` shares; else DoesNotExist (a 404).


def partnership_dossier(*, organisation: Organisation, uuid) -> Dossier:
    return _space_dossiers(organisation.pk).select_related("startup", "pharma", "target").get(uuid=uuid)


def meeting_for(*, organisation: Organisation, uuid) -> Meeting:
    return (
        Meeting.objects.filter(dossier__in=_space_dossiers(organisation.pk))
        .select_related("dossier__startup", "dossier__pharma")
        .get(uuid=uuid)
    )


def kpi_for(*, organisation: Organisation, uuid) -> Kpi:
    return Kpi.objects.filter(dossier__in=_space_dossiers(organisation.pk)).select_related("dossier").get(uuid=uuid)


def kpi_version_for(*, organisation: Organisation, pk: int) -> KpiVersion:
    return (
        KpiVersion.objects.filter(kpi__dossier__in=_space_dossiers(organisation.pk))
        .select_related("kpi__dossier")
        .get(pk=pk)
    )


def alert_for(*, organisation: Organisation, pk: int) -> KpiAlert:
    return (
        KpiAlert.objects.filter(kpi__dossier__in=_space_dossiers(organisation.pk))
        .select_related("kpi__dossier")
        .get(pk=pk)
    )


def next_step_for(*, organisation: Organisation, pk: int) -> NextStep:
    return NextStep.objects.filter(dossier__in=_space_dossiers(organisation.pk)).select_related("dossier").get(pk=pk)


def feedback_round_for(*, organisation: Organisation, uuid) -> FeedbackRound:
    return (
        FeedbackRound.objects.filter(dossier__in=_space_dossiers(organisation.pk))
        .select_related("dossier")
        .get(uuid=uuid)
    )


def partnership_review_for(*, organisation: Organisation, uuid) -> PartnershipReview:
    return PartnershipReview.objects.filter(dossier__in=_space_dossiers(organisation.pk)).get(uuid=uuid)


def kpi_terms(version: KpiVersion) -> engine.Terms:
    return engine.Terms(
        baseline=float(version.baseline),
        target=float(version.target),
        start=version.start_date,
        target_date=version.target_date,
        meeting_below=float(version.meeting_below),
        review_below=float(version.review_below),
    )


def kpi_catalogue() -> list[Item]:
    """The guide's KPI examples (step 9): the startup's KPIs and the care pathway's."""
    from checklists.selectors import framework_current

    framework = framework_current()
    if framework is None:
        return []
    return list(Item.objects.filter(framework=framework, kind=Item.Kind.KPI).order_by("order"))


def meeting_agenda(meeting: Meeting) -> str:
    """The agenda as the reader reads it: the guide's draft in the reader's language until someone edits it,
    then as written."""
    return meeting_agenda_draft(meeting.dossier) if meeting.agenda_is_draft else meeting.agenda


def meeting_agenda_draft(dossier: Dossier) -> str:
    """The agenda the guide suggests for a meeting on this dossier, as editable text in the active language.

    The pitch structure of step 3 (tagged `pitch_core` in the guide), the questions the startup asks the pharma
    company (tagged `ask_pharma`), and what the company's transparency profile does not say yet.
    """
    framework_id = dossier.snapshot.framework_id
    items = list(
        Item.objects.filter(framework_id=framework_id, kind=Item.Kind.CRITERION).order_by("step__number", "order")
    )
    # A guide without the pitch's own points still has pitch points elsewhere.
    pitch = [item.text for item in items if "pitch_core" in (item.tags or [])] or [
        item.text for item in items if "pitch" in (item.tags or [])
    ]
    ask = [
        item.text
        for item in Item.objects.filter(framework_id=framework_id).order_by("step__number", "order")
        if "ask_pharma" in (item.tags or [])
    ]
    profile = getattr(dossier.pharma, "pharma_profile", None)
    unknown = pharma_completeness(profile).missing if profile is not None else []
    lines = [_("1. Introductions: who attends, their roles, who decides")]
    lines.append(_("2. The startup's pitch (guide, step 3)"))
    lines += [f"   - {text}" for text in pitch]
    lines.append(_("3. The startup's questions to the pharma company"))
    lines += [f"   - {text}" for text in ask[:8]]
    lines.append(_("4. What the pharma company's profile does not say yet"))
    lines += [f"   - {text}" for text in unknown] or ["   - " + _("nothing: the profile is complete")]
    lines.append(_("5. Next steps: owners and dates; KPIs and alert levels to agree before signature"))
    return "\n".join(lines)


def _kpi_namer(dossier: Dossier):
    """How a KPI's terms are named for the reader: a KPI named after one of the guide's examples (its name saved
    in the proposer's language) reads in the reader's language; a name written freely stays as written."""
    from checklists.models import Framework
    from checklists.selectors import guide_items

    frozen = AssessmentSnapshot.objects.filter(pk=dossier.snapshot_id).values("framework_id")[:1]
    framework = Framework.objects.filter(pk=Subquery(frozen)).first()
    examples = {}
    if framework is not None:
        examples = {item.code: item for item in guide_items(framework) if item.kind == Item.Kind.KPI}

    def name(version: KpiVersion) -> str:
        example = examples.get(version.catalogue_code)
        if example is not None and version.name.strip() in (example.text_fr.strip(), example.text_en.strip()):
            return example.text
        return version.name

    return name


def kpi_name(kpi: Kpi):
    """The KPI's name (its latest terms) as each reader reads it, evaluated when shown: an e-mail renders it in
    each recipient's language."""

    def name() -> str:
        version = kpi.latest_version()
        return _kpi_namer(kpi.dossier)(version) if version else str(kpi.uuid)

    return lazy(name, str)()


@dataclass
class KpiRow:
    kpi: Kpi
    active: KpiVersion | None
    proposed: KpiVersion | None
    values: list
    chart: str
    next_due: date | None
    overdue: bool
    latest_progress: float | None
    history: list[KpiVersion] = field(default_factory=list)
    name: str = ""  # of the terms in force (or proposed), in the reader's language when it is the guide's
    proposed_name: str = ""

    @property
    def current(self) -> KpiVersion:
        return self.active or self.proposed


def kpi_rows(dossier: Dossier, *, today: date | None = None) -> list[KpiRow]:
    """Each KPI of the dossier with its terms (active, proposed change, history), values and chart; 4 queries."""
    today = today or timezone.localdate()
    name = _kpi_namer(dossier)
    kpis = list(dossier.kpis.prefetch_related("versions", "values"))
    rows = []
    for kpi in kpis:
        versions = sorted(kpi.versions.all(), key=lambda v: -v.number)
        active = next((v for v in versions if v.status == KpiVersion.Status.ACTIVE), None)
        proposed = next((v for v in versions if v.status == KpiVersion.Status.PROPOSED), None)
        if active is None and proposed is None:
            continue  # withdrawn before ever being accepted
        values = list(kpi.values.all())
        terms_version = active or proposed
        terms = kpi_terms(terms_version)
        last = values[-1] if values else None
        rows.append(
            KpiRow(
                kpi=kpi,
                active=active,
                proposed=proposed,
                values=values,
                chart=kpi_chart_svg(
                    terms,
                    [(v.measured_on, float(v.value)) for v in values],
                    title=name(terms_version),
                    unit=terms_version.unit,
                ),
                next_due=engine.value_due(last.measured_on if last else None, terms.start, terms_version.frequency)
                if active
                else None,
                overdue=bool(active)
                and engine.is_overdue(last.measured_on if last else None, terms.start, active.frequency, today),
                latest_progress=engine.progress(terms, float(last.value), last.measured_on) if last else None,
                history=[v for v in versions if v.status == KpiVersion.Status.SUPERSEDED],
                name=name(terms_version),
                proposed_name=name(proposed) if proposed else "",
            )
        )
    return rows


@dataclass
class RoundView:
    round: FeedbackRound
    mine: Feedback | None
    theirs: Feedback | None
    theirs_visible: bool


def feedback_rounds(dossier: Dossier, side: str, *, today: date | None = None) -> list[RoundView]:
    """Each round with this side's answer, and the other side's once both answered or after the deadline."""
    today = today or timezone.localdate()
    views = []
    for feedback_round in dossier.feedback_rounds.prefetch_related("answers"):
        answers = {answer.side: answer for answer in feedback_round.answers.all()}
        mine = answers.get(side)
        theirs = answers.get(Side.PHARMA if side == Side.STARTUP else Side.STARTUP)
        views.append(
            RoundView(
                round=feedback_round,
                mine=mine,
                theirs=theirs,
                theirs_visible=theirs is not None and (mine is not None or today > feedback_round.deadline),
            )
        )
    return views


@dataclass
class TimelineEntry:
    when: datetime
    text: str


def partnership_timeline(dossier: Dossier, meetings: list[Meeting], alerts: list[KpiAlert]) -> list[TimelineEntry]:
    """The dossier's statuses, the meetings, the alerts and their decisions, oldest first (each alert carries
    `kpi_name`, its KPI's name for the reader, as partnership_page sets it)."""
    entries = [
        TimelineEntry(event.created_at, _("Dossier: %(status)s") % {"status": Dossier.Status(event.to_status).label})
        for event in dossier.events.all()
        if event.to_status != event.from_status
    ]
    for meeting in meetings:
        if meeting.starts_at and meeting.status == Meeting.Status.CONFIRMED:
            entries.append(TimelineEntry(meeting.starts_at, _("Meeting: %(title)s") % {"title": meeting.title}))
    for alert in alerts:
        entries.append(
            TimelineEntry(
                alert.opened_at,
                _("Alert on %(kpi)s: %(level)s") % {"kpi": alert.kpi_name, "level": alert.get_level_display()},
            )
        )
        if alert.decided_at:
            entries.append(TimelineEntry(alert.decided_at, _("Decision: %(text)s") % {"text": alert.decision[:120]}))
    # CDA and other dated records join here when they exist (see the README, "After the meeting").
    return sorted(entries, key=lambda entry: entry.when)


@dataclass
class PartnershipPage:
    dossier: Dossier
    side: str
    partnership: Partnership | None
    members: dict
    meetings: list[Meeting]
    next_steps: list[NextStep]
    kpis: list[KpiRow]
    open_alerts: list[KpiAlert]
    closed_alerts: list[KpiAlert]
    rounds: list[RoundView]
    timeline: list[TimelineEntry]
    reviews: list[PartnershipReview]
    today: date

    @property
    def started(self) -> bool:
        return self.dossier.status == Dossier.Status.PARTNERSHIP_STARTED


def _members(organisation: Organisation) -> list[User]:
    return list(
        User.objects.filter(membership__organisation=organisation, is_active=True)
        .select_related("membership")
        .order_by("first_name", "email")
    )


def partnership_page(dossier: Dossier, side: str) -> PartnershipPage:
    today = timezone.localdate()
    meetings = list(dossier.meetings.prefetch_related("slots"))
    alerts = list(KpiAlert.objects.filter(kpi__dossier=dossier).select_related("kpi", "value", "decided_by"))
    kpis = kpi_rows(dossier, today=today)
    names = {row.kpi.pk: row.name for row in kpis}
    for alert in alerts:
        alert.kpi.dossier = dossier
        alert.kpi_name = names.get(alert.kpi_id) or str(alert.kpi)
    return PartnershipPage(
        dossier=dossier,
        side=side,
        partnership=Partnership.objects.filter(dossier=dossier).first(),
        members={"startup": _members(dossier.startup), "pharma": _members(dossier.pharma)},
        meetings=meetings,
        next_steps=list(dossier.next_steps.all()),
        kpis=kpis,
        open_alerts=[alert for alert in alerts if alert.is_open],
        closed_alerts=[alert for alert in alerts if not alert.is_open],
        rounds=feedback_rounds(dossier, side, today=today),
        timeline=partnership_timeline(dossier, meetings, alerts),
        reviews=list(dossier.partnership_reviews.all()[:5]),
        today=today,
    )


@dataclass
class PartnershipSummary:
    """One line of a dashboard's "partnerships" card: where the shared space stands, seen from one side."""

    dossier: Dossier  # only uuid and status are loaded: what the line shows
    partner_name: str
    next_meeting: datetime | None
    open_alerts: int
    overdue_next_steps: int


@dataclass
class PartnershipOverview:
    """The dashboard card: the spaces that most need attention first, and how many there are in all."""

    summaries: list[PartnershipSummary]
    total: int


OVERVIEW_LENGTH = 6


def _overview_sql() -> str:
    """Only the spaces that need attention (an open alert, an overdue next step, a confirmed meeting ahead) can
    come before the most recent ones, so only those few are ordered, not all of a company's spaces (the bench
    pharma company has 1,016). Parameters: see partnership_overview."""
    dossier, organisation = Dossier._meta.db_table, Organisation._meta.db_table
    kpi, alert = Kpi._meta.db_table, KpiAlert._meta.db_table
    step, meeting = NextStep._meta.db_table, Meeting._meta.db_table
    # _space_dossiers, in SQL: the organisation on either side, at a status of a partnership space.
    statuses = ", ".join(f"%(space_{index})s" for index in range(len(SPACE_STATUSES)))
    spaces = f"(d.startup_id = %(org)s OR d.pharma_id = %(org)s) AND d.status IN ({statuses})"
    return f"""
WITH candidates AS (
    SELECT k.dossier_id AS id FROM {alert} a INNER JOIN {kpi} k ON k.id = a.kpi_id WHERE a.decided_at IS NULL
    UNION SELECT dossier_id FROM {step} WHERE done_at IS NULL AND due_date < %(today)s
    UNION SELECT dossier_id FROM {meeting} WHERE status = %(confirmed)s AND starts_at >= %(now)s
    UNION SELECT * FROM (SELECT d.id FROM {dossier} d WHERE {spaces}
                         ORDER BY d.submitted_at DESC, d.id DESC LIMIT %(length)s) recent
), lines AS (
    SELECT d.id, d.uuid, d.status, d.submitted_at,
        CASE WHEN d.startup_id = %(org)s THEN pharma.name ELSE startup.name END AS partner_name,
        (SELECT COUNT(*) FROM {alert} a INNER JOIN {kpi} k ON k.id = a.kpi_id
         WHERE k.dossier_id = d.id AND a.decided_at IS NULL) AS open_alerts,
        (SELECT COUNT(*) FROM {step} n WHERE n.dossier_id = d.id AND n.done_at IS NULL AND n.due_date < %(today)s)
            AS overdue_next_steps,
        (SELECT MIN(m.starts_at) FROM {meeting} m WHERE m.dossier_id = d.id AND m.status = %(confirmed)s
         AND m.starts_at >= %(now)s) AS next_meeting
    FROM {dossier} d
    INNER JOIN {organisation} startup ON startup.id = d.startup_id
    INNER JOIN {organisation} pharma ON pharma.id = d.pharma_id
    WHERE {spaces} AND d.id IN (SELECT id FROM candidates)
)
SELECT uuid, status, partner_name, next_meeting, open_alerts, overdue_next_steps,
    (SELECT COUNT(*) FROM {dossier} d WHERE {spaces}) AS total FROM lines
ORDER BY open_alerts DESC, overdue_next_steps DESC, next_meeting IS NULL, next_meeting, submitted_at DESC, id DESC
LIMIT %(length)s"""


def partnership_overview(organisation: Organisation, length: int = OVERVIEW_LENGTH) -> PartnershipOverview:
    """The organisation's partnership spaces, those with open alerts, then overdue next steps, then the nearest
    meeting first, and how many there are: one query whatever their number (a pharma company may have a
    thousand). The counts are subqueries so that alerts, next steps and meetings do not multiply one another.
    Written in SQL because the ORM took 4–6 ms of CPU to build it on every dashboard, more than the database
    took to answer."""
    ops = connection.ops
    params = {
        "org": organisation.pk,
        **{f"space_{index}": status.value for index, status in enumerate(SPACE_STATUSES)},
        "today": ops.adapt_datefield_value(timezone.localdate()),
        "now": ops.adapt_datetimefield_value(timezone.now()),
        "confirmed": Meeting.Status.CONFIRMED.value,
        "length": length,
    }
    with connection.cursor() as cursor:
        cursor.execute(_overview_sql(), params)
        rows = cursor.fetchall()
    # The database's own types: SQLite answers the meeting's time (a MIN, not a column) as text.
    to_datetime = getattr(ops, "convert_datetimefield_value", lambda value, *args: value)
    summaries = [
        PartnershipSummary(
            dossier=Dossier(uuid=uuid if isinstance(uuid, UUID) else UUID(uuid), status=status),
            partner_name=partner_name,
            next_meeting=to_datetime(next_meeting, None, connection),
            open_alerts=open_alerts,
            overdue_next_steps=overdue_next_steps,
        )
        for uuid, status, partner_name, next_meeting, open_alerts, overdue_next_steps, _total in rows
    ]
    return PartnershipOverview(summaries=summaries, total=rows[0][-1] if rows else 0)


def open_alerts_count(dossier: Dossier) -> int:
    return KpiAlert.objects.filter(kpi__dossier=dossier, decided_at__isnull=True).count()


@dataclass
class ReviewDocument:
    dossier: Dossier
    page: PartnershipPage
    generated_at: datetime


def partnership_review_document(dossier: Dossier) -> ReviewDocument:
    """What the PDF partnership review shows (both sides' view: feedback only where both may read it)."""
    dossier = Dossier.objects.select_related("startup", "pharma").get(pk=dossier.pk)
    page = partnership_page(dossier, Side.STARTUP)
    page.rounds = [view for view in page.rounds if view.mine is not None and view.theirs_visible]
    return ReviewDocument(dossier=dossier, page=page, generated_at=timezone.now())


@dataclass(frozen=True)
class PharmaRatings:
    partnerships: int
    median_responsiveness: float | None
    median_decision_days: float | None

    @property
    def shown(self) -> bool:
        return self.median_responsiveness is not None or self.median_decision_days is not None


def pharma_ratings(pharma: Organisation) -> PharmaRatings:
    """The company's median responsiveness rating (given by startups) and median time to decision, as startups
    lived them; each figure only when it rests on at least RATINGS_MIN_PARTNERSHIPS partnerships."""
    partnerships = Dossier.objects.filter(pharma=pharma, status=Dossier.Status.PARTNERSHIP_STARTED)
    pairs = list(partnerships.filter(decided_at__isnull=False).values_list("submitted_at", "decided_at"))
    ratings_by_dossier: dict[int, list[int]] = {}
    for dossier_id, rating in Feedback.objects.filter(round__dossier__in=partnerships, side=Side.STARTUP).values_list(
        "round__dossier_id", "responsiveness"
    ):
        ratings_by_dossier.setdefault(dossier_id, []).append(rating)
    responsiveness = None
    if len(ratings_by_dossier) >= RATINGS_MIN_PARTNERSHIPS:
        # One figure per partnership (its median), so a chatty partnership does not outweigh the others.
        responsiveness = statistics.median(statistics.median(r) for r in ratings_by_dossier.values())
    decision_days = None
    if len(pairs) >= RATINGS_MIN_PARTNERSHIPS:
        decision_days = statistics.median((end - start) / timedelta(days=1) for start, end in pairs)
    return PharmaRatings(
        partnerships=len(pairs), median_responsiveness=responsiveness, median_decision_days=decision_days
    )


@dataclass(frozen=True)
class StepEvidence:
    """What the startup's partnerships show for steps 9 and 10 (beside those items in its self-assessment)."""

    kpis_active: int
    kpis_proposed: int
    alerts_open: int
    alerts_decided: int
    feedback_given: int
    median_collaboration: float | None

    @property
    def any(self) -> bool:
        return bool(self.kpis_active or self.kpis_proposed or self.feedback_given or self.alerts_open)


EVIDENCE_TAGS = {"partnership_kpis", "partnership_feedback"}


def startup_step_evidence(organisation: Organisation, step: Step) -> StepEvidence | None:
    """Evidence from the startup's partnerships for the steps the guide's data tags with it — KPIs (step 9) and
    feedback (step 10) — in two queries; None for the other steps."""
    if not EVIDENCE_TAGS & set(step.tags or []) or not organisation.is_startup:
        return None
    dossiers = Dossier.objects.filter(startup=organisation, status__in=SPACE_STATUSES)
    # Counting distinct rows keeps each figure right across the joins of one query.
    counts = dossiers.aggregate(
        kpis_active=Count("kpis__versions", filter=Q(kpis__versions__status=KpiVersion.Status.ACTIVE), distinct=True),
        kpis_proposed=Count(
            "kpis__versions", filter=Q(kpis__versions__status=KpiVersion.Status.PROPOSED), distinct=True
        ),
        alerts_open=Count("kpis__alerts", filter=Q(kpis__alerts__decided_at__isnull=True), distinct=True),
        alerts_decided=Count("kpis__alerts", filter=Q(kpis__alerts__decided_at__isnull=False), distinct=True),
        feedback_given=Count(
            "feedback_rounds__answers", filter=Q(feedback_rounds__answers__side=Side.STARTUP), distinct=True
        ),
    )
    # The pharma teams' ratings, only where the startup may read them (it answered, or the deadline passed).
    readable_rounds = FeedbackRound.objects.filter(dossier__in=dossiers).filter(
        Q(answers__side=Side.STARTUP) | Q(deadline__lt=timezone.localdate())
    )
    ratings = list(
        Feedback.objects.filter(round__in=readable_rounds, side=Side.PHARMA).values_list("collaboration", flat=True)
    )
    return StepEvidence(**counts, median_collaboration=statistics.median(ratings) if ratings else None)


def partnership_review_files(organisation: Organisation) -> list[str]:
    """The stored PDF reviews of the organisation's partnerships (either side), to delete with it."""
    reviews = PartnershipReview.objects.filter(Q(dossier__startup=organisation) | Q(dossier__pharma=organisation))
    return [name for name in reviews.values_list("file", flat=True) if name]
