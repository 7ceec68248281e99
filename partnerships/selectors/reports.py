"""Reads on PDF reports: which reports a user may see, and everything a report shows.

`report_document()` gathers the content of the pitch-prep report from the assessment snapshot and
the guide's data (texts, guidance and tags come from the framework, never from templates). Call it
inside `translation.override(report.language)`: localized texts follow the active language.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from checklists.models import Item, Step
from checklists.selectors import framework_steps
from scoring import NOT_APPLICABLE, Result, applies

from ..charts import radar_svg
from ..membership import membership_of
from ..models import (
    AssessmentSnapshot,
    BusinessModel,
    DeviceClass,
    Dossier,
    Maturity,
    Organisation,
    PartnershipMode,
    Report,
    StartupProfile,
    TargetFunction,
    TargetLevel,
    User,
)
from ..scoring_text import band_label
from .assessments import snapshot_result

GAPS_IN_REPORT = 5  # the guide's "three to five" things to close before the meeting


# --- Who sees which report -------------------------------------------------------------------------------------------


def reports_visible_to(user: User) -> QuerySet[Report]:
    """Reports of the user's organisation, and those a startup attached to a dossier sent to it.

    Anything else is a 404, whatever its id.
    """
    membership = membership_of(user)
    if membership is None:
        return Report.objects.none()
    # A dossier the startup withdrew no longer serves its report (the dossier itself stays readable).
    shared = (
        Dossier.objects.filter(pharma_id=membership.organisation_id, report__isnull=False)
        .exclude(status=Dossier.Status.WITHDRAWN)
        .values("report_id")
    )
    return Report.objects.filter(
        Q(snapshot__assessment__organisation_id=membership.organisation_id) | Q(pk__in=shared)
    ).select_related("snapshot__assessment")


def snapshot_for(*, organisation: Organisation, uuid) -> AssessmentSnapshot:
    """One submitted assessment of `organisation`, with its target; else AssessmentSnapshot.DoesNotExist."""
    return (
        AssessmentSnapshot.objects.filter(assessment__organisation_id=organisation.pk)
        .select_related("assessment__target")
        .get(uuid=uuid)
    )


def reports_for_snapshot(snapshot: AssessmentSnapshot) -> list[Report]:
    return list(snapshot.reports.order_by("-created_at", "-id"))


def report_reusable(*, snapshot: AssessmentSnapshot, language: str | None = None) -> Report | None:
    """The latest finished report of this snapshot in this language (in any, without one), if its file is there."""
    reports = Report.objects.filter(snapshot=snapshot, status=Report.Status.READY)
    if language is not None:
        reports = reports.filter(language=language)
    return reports.exclude(file="").order_by("-finished_at", "-id").first()


def report_in_progress(*, snapshot: AssessmentSnapshot, language: str) -> Report | None:
    return (
        Report.objects.filter(
            snapshot=snapshot, language=language, status__in=[Report.Status.QUEUED, Report.Status.RENDERING]
        )
        .order_by("-created_at", "-id")
        .first()
    )


def reports_stale(*, now, older_than_seconds: int, heartbeat_stale_seconds: int | None = None) -> QuerySet[Report]:
    """Reports whose worker is gone: queued or rendering for longer than any render may take, or rendering
    with no heartbeat for `heartbeat_stale_seconds` (a live worker stamps it every few seconds)."""
    limit = now - timezone.timedelta(seconds=older_than_seconds)
    stale = (
        Q(status=Report.Status.RENDERING, started_at__lt=limit)
        | Q(status=Report.Status.RENDERING, started_at__isnull=True, created_at__lt=limit)
        | Q(status=Report.Status.QUEUED, created_at__lt=limit)
    )
    if heartbeat_stale_seconds is not None:
        silent_since = now - timezone.timedelta(seconds=heartbeat_stale_seconds)
        stale |= Q(status=Report.Status.RENDERING, heartbeat_at__lt=silent_since)
    return Report.objects.filter(stale)


def report_heartbeat_stale(report: Report, *, now) -> bool:
    """Whether `report` is rendering with a worker that stopped stamping it (died)."""
    limit = now - timezone.timedelta(seconds=settings.REPORTS_HEARTBEAT_STALE)
    return report.status == Report.Status.RENDERING and report.heartbeat_at is not None and report.heartbeat_at < limit


# --- What a report shows ---------------------------------------------------------------------------------------------


def _fact_labels() -> dict[str, Any]:
    fields = {f.name: f.verbose_name for f in StartupProfile._meta.get_fields() if hasattr(f, "verbose_name")}
    return {
        "is_medical_device": fields["is_medical_device"],
        "has_ai": fields["has_ai"],
        "processes_health_data": fields["processes_health_data"],
        "processes_personal_data": fields["processes_personal_data"],
        "is_etp_programme": fields["is_etp_programme"],
        "deploys_abroad": fields["deploys_abroad"],
    }


_CHOICES = {
    "maturity": Maturity,
    "device_class": DeviceClass,
    "business_models": BusinessModel,
    "partnership_sought": PartnershipMode,
    "target_level": TargetLevel,
    "target_function": TargetFunction,
}


def _fact_title(fact: str) -> str:
    titles = {
        "maturity": _("maturity stage"),
        "device_class": _("medical device class"),
        "business_models": _("business model"),
        "partnership_sought": _("partnership sought"),
        "target_level": _("entity met"),
        "target_function": _("function met"),
    }
    return titles.get(fact, fact)


def _choice_label(fact: str, value: Any) -> str:
    choices = _CHOICES.get(fact)
    if choices is None:
        return str(value)
    return str(dict(choices.choices).get(value, value))


def rule_reasons(rule: Any, facts: dict) -> list[str]:
    """Why an applicable rule applies, in words: the profile facts that make it hold."""
    if not rule:
        return []
    if "all" in rule or "any" in rule:
        inner = rule.get("all") or rule.get("any")
        return [reason for sub in inner if applies(sub, facts) for reason in rule_reasons(sub, facts)]
    if "not" in rule:
        return []
    fact = rule["fact"]
    # Lower case: a reason follows "Applies because:" mid-sentence; choice labels are quoted, so keep their case.
    if "equals" in rule and rule["equals"] is True and fact in _fact_labels():
        return [str(_fact_labels()[fact])]
    value = facts.get(fact)
    values = value if isinstance(value, list) else [value]
    wanted = rule.get("any_of") or [rule.get("equals")]
    matched = [v for v in values if v in wanted]
    return [
        _("%(fact)s “%(value)s”")
        % {"fact": _fact_title(fact), "value": ", ".join(_choice_label(fact, v) for v in matched)}
    ]


def _mentions_fact(rule: Any, fact: str) -> bool:
    if not rule:
        return False
    if "all" in rule or "any" in rule:
        return any(_mentions_fact(sub, fact) for sub in rule.get("all") or rule.get("any"))
    if "not" in rule:
        return _mentions_fact(rule["not"], fact)
    return rule.get("fact") == fact


@dataclass
class Line:
    """One item of the guide as the report shows it, with the startup's answer."""

    item: Item
    step: Step
    level: int | None = None
    not_applicable: bool = False
    status: str = ""
    note: str = ""
    reasons: list[str] = field(default_factory=list)
    critical_gap: bool = False

    @property
    def done(self) -> bool:
        return self.level == 3

    @property
    def css(self) -> str:
        if self.not_applicable:
            return "na"
        if self.level is None:
            return "missing"
        return f"level-{self.level}"


@dataclass
class StepRow:
    step: Step
    score: float | None
    capped: bool


@dataclass
class PhaseRow:
    code: str
    title: str
    score: float | None
    steps: list[StepRow]


@dataclass
class ReportDocument:
    report: Report
    snapshot: AssessmentSnapshot
    startup_name: str
    profile: dict
    target: dict
    target_level: str
    target_function: str
    target_partnerships: list[str]
    meeting_date: date | None
    framework_title: str
    framework_version: str
    generated_at: Any
    overall: float | None
    band: str
    radar: SafeString
    phases: list[PhaseRow]
    gaps: list[Line]
    pitch: list[Line]
    ask_pharma: list[Line]
    ask_startup: list[Line]
    target_advice: list[Line]
    regulatory: list[Line]
    regulatory_excluded: int
    kpis_chosen: bool
    kpis_startup: list[Line]
    kpis_care: list[Line]
    kpi_criteria: list[Line]
    follow_up: list[Line]
    health_system: list[Line] = field(default_factory=list)  # step 7's integration points


def report_document(report: Report) -> ReportDocument:
    """Everything the PDF shows, read in a handful of queries whatever the size of the guide."""
    snapshot = report.snapshot
    framework = snapshot.framework
    steps = framework_steps(framework)
    facts = snapshot.facts
    result = snapshot_result(snapshot)
    lines = _lines(snapshot, steps, language=(report.language or "fr")[:2])
    ask_pharma, ask_startup = _ask(lines, facts)
    regulatory, regulatory_excluded = _regulatory(lines, facts)
    kpis_chosen, kpis_startup, kpis_care = _kpis(lines, facts)
    target = snapshot.target or {}
    meeting = target.get("meeting_date")
    return ReportDocument(
        report=report,
        snapshot=snapshot,
        startup_name=(snapshot.profile or {}).get("name") or str(snapshot.assessment.organisation),
        profile=snapshot.profile or {},
        target=target,
        target_level=_choice_label("target_level", target.get("level")),
        target_function=_choice_label("target_function", target.get("function")),
        target_partnerships=[_choice_label("partnership_sought", v) for v in target.get("partnership_sought") or []],
        meeting_date=date.fromisoformat(meeting) if meeting else None,
        framework_title=framework.title,
        framework_version=framework.version,
        generated_at=timezone.now(),
        overall=result.overall,
        band=str(band_label(result.band)),
        radar=_radar(steps, result),
        phases=_phases(steps, result),
        gaps=_gaps(lines, result),
        pitch=_pitch(lines, facts),
        ask_pharma=ask_pharma,
        ask_startup=ask_startup,
        target_advice=_target_advice(lines, facts),
        regulatory=regulatory,
        regulatory_excluded=regulatory_excluded,
        kpis_chosen=kpis_chosen,
        kpis_startup=kpis_startup,
        kpis_care=kpis_care,
        kpi_criteria=_tagged(lines, "success_indicators"),
        follow_up=_applicable(_tagged(lines, "follow_up"), facts),
        health_system=_health_system(lines, facts),
    )


# One builder per section of the report. Each reads the lines (every item of the guide with the startup's answer,
# in the guide's order) and picks its items by the tags the guide's data gives them, not by step or code.


def _lines(snapshot: AssessmentSnapshot, steps: list[Step], *, language: str) -> list[Line]:
    scale = {str(level["value"]): level for level in snapshot.framework.answer_scale}

    def status(level: int | None, na: bool) -> str:
        if na:
            entry = scale.get(NOT_APPLICABLE)
        elif level is None:
            return _("Not answered")
        else:
            entry = scale.get(str(level))
        return (entry or {}).get(language) or (entry or {}).get("fr") or ""

    lines = []
    for step in steps:
        for item in step.items.all():
            answer = snapshot.answers.get(item.code) or {}
            line = Line(
                item=item,
                step=step,
                level=answer.get("level"),
                not_applicable=bool(answer.get("na")),
                note=answer.get("note") or "",
            )
            line.status = status(line.level, line.not_applicable)
            lines.append(line)
    return lines


def _tagged(lines: list[Line], tag: str) -> list[Line]:
    return [line for line in lines if tag in (line.item.tags or [])]


def _applicable(lines: list[Line], facts: dict) -> list[Line]:
    return [line for line in lines if applies(line.item.applicability, facts)]


def _phases(steps: list[Step], result: Result) -> list[PhaseRow]:
    scores = {row.number: row for row in result.steps}
    phases: dict[str, PhaseRow] = {}
    for step in steps:
        phase = phases.setdefault(
            step.phase.code, PhaseRow(step.phase.code, step.phase.title, result.phases.get(step.phase.code), [])
        )
        row = scores.get(step.number)
        phase.steps.append(StepRow(step, row.score if row else None, bool(row and row.capped)))
    return list(phases.values())


def _radar(steps: list[Step], result: Result) -> SafeString:
    scores = {row.number: row.score for row in result.steps}
    return mark_safe(  # noqa: S308 - charts.radar_svg escapes every text it draws
        radar_svg(
            [str(step.number) for step in steps],
            [scores.get(step.number) for step in steps],
            title=_("Readiness by step (0 to 100)"),
        )
    )


def _gaps(lines: list[Line], result: Result) -> list[Line]:
    by_code = {line.item.code: line for line in lines}
    gaps = []
    for gap in result.gaps[:GAPS_IN_REPORT]:
        line = by_code[gap.item.code]
        line.critical_gap = gap.is_critical
        gaps.append(line)
    return gaps


def _pitch(lines: list[Line], facts: dict) -> list[Line]:
    # The pitch's own points (step 3, tagged pitch_core) first; pitch points the guide makes in other steps follow.
    pitch = [line for line in _applicable(_tagged(lines, "pitch"), facts) if line.item.kind == Item.Kind.CRITERION]
    return sorted(pitch, key=lambda line: "pitch_core" not in line.item.tags)


def _ask(lines: list[Line], facts: dict) -> tuple[list[Line], list[Line]]:
    """What to ask the pharma company (its commitments), and the startup's side of that conversation."""
    ask = _applicable(_tagged(lines, "ask_pharma"), facts)
    pharma = [line for line in ask if line.item.side == Item.Side.PHARMA]
    startup = [line for line in ask if line.item.side == Item.Side.STARTUP]
    return pharma, startup


def _target_advice(lines: list[Line], facts: dict) -> list[Line]:
    """Tailored to the entity met: the criteria whose rule depends on it (e.g. head-office items), and the one
    tagged `target_entity`, which explains what an affiliate or a head office changes."""
    return [
        line
        for line in lines
        if line.item.kind == Item.Kind.CRITERION
        and (
            "target_entity" in (line.item.tags or [])
            or (_mentions_fact(line.item.applicability, "target_level") and applies(line.item.applicability, facts))
        )
    ]


def _explained(lines: list[Line], facts: dict) -> list[Line]:
    """The lines that apply, each with the facts that make it apply (empty: always)."""
    shown = _applicable(lines, facts)
    for line in shown:
        line.reasons = rule_reasons(line.item.applicability, facts)
    return shown


def _regulatory(lines: list[Line], facts: dict) -> tuple[list[Line], int]:
    """The regulatory points that apply, each with why, and how many others the profile rules out."""
    tagged = _tagged(lines, "regulatory")
    shown = _explained(tagged, facts)
    return shown, len(tagged) - len(shown)


def _kpis(lines: list[Line], facts: dict) -> tuple[bool, list[Line], list[Line]]:
    """Whether the startup chose indicators, and the startup's and the care pathway's to propose."""
    startup = _applicable(_tagged(lines, "kpi_startup"), facts)
    care = _applicable(_tagged(lines, "kpi_care"), facts)
    # The indicators the startup ticked in step 9 fit its solution; before it ticks any, the guide's examples.
    chosen = any(line.done for line in startup + care)
    if chosen:
        startup, care = [line for line in startup if line.done], [line for line in care if line.done]
    return chosen, startup, care


def _health_system(lines: list[Line], facts: dict) -> list[Line]:
    """Step 7's integration points that apply, each with the facts that make it apply (empty: always).

    The regulatory section reads step 8 only; a remote-monitoring startup also needs step 7's CE marking, its
    reimbursement route (e.g. remote monitoring in standard reimbursement, decree 2022-1767) and interoperability
    with the care pathway, whether or not they are among its top gaps.
    """
    return _explained(_tagged(lines, "health_system"), facts)
