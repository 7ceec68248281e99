"""What the API reads and answers, as typed schemas: django-ninja turns them into the OpenAPI 3 schema."""

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from ninja import Field, Schema

from scoring.engine import Band

from ..models import BusinessModel, Dossier, Maturity
from ..selectors.dossiers import SORTS

StatusCode = Literal[tuple(Dossier.Status.values)]
# The inbox filters accept what the page's filter form accepts ("" means any).
StatusFilter = Literal[("", "open", *Dossier.Status.values)]
BandFilter = Literal[("", *(band.code for band in Band))]
MaturityFilter = Literal[("", *Maturity.values)]
BusinessModelFilter = Literal[("", *BusinessModel.values)]
SortKey = Literal[tuple(SORTS)]


class ErrorBody(Schema):
    status: int = Field(description="The HTTP status, repeated")
    code: str = Field(description="A stable code: invalid, unauthorized, forbidden, not_found, conflict, throttled…")
    message: str = Field(description="What went wrong, in the request's language (Accept-Language)")
    fields: dict[str, list[str]] = Field(default_factory=dict, description="Field → its errors (code invalid)")


class ErrorOut(Schema):
    """Every error of the API has this shape."""

    error: ErrorBody


class InboxQuery(Schema):
    q: str = Field("", max_length=100, description="Part of the startup's name")
    status: StatusFilter = ""
    band: BandFilter = ""
    maturity: MaturityFilter = ""
    therapeutic_area: str = Field("", max_length=50, description="A therapeutic area code")
    business_model: BusinessModelFilter = ""
    overdue: bool = Field(False, description="Only dossiers still open after the decision date asked for")
    sort: SortKey = "submitted"
    page: int = Field(1, ge=1, le=100_000)


class DossierSummary(Schema):
    uuid: UUID
    startup_name: str
    overall_score: float | None
    band: str
    maturity: str
    therapeutic_areas: list[str]
    business_models: list[str]
    status: StatusCode
    submitted_at: datetime
    decision_needed_by: date | None
    is_overdue: bool
    assignee: str | None = Field(description="The reviewer's e-mail address")
    peer_percentiles: dict[str, float | None] = Field(
        default_factory=dict,
        description="Step → the startup's percentile among startups at the same maturity stage (peer benchmark; "
        "empty while the cohort is too small)",
    )


class InboxPage(Schema):
    count: int
    page: int
    pages: int
    page_size: int
    results: list[DossierSummary]


class StepScoreOut(Schema):
    number: int
    title: str
    score: float | None = Field(description="0–100; null when nothing in the step applies")


class AlignmentCriterionOut(Schema):
    key: str
    label: str
    status: Literal["match", "partial", "mismatch", "unknown"]
    reason: str


class AlignmentOut(Schema):
    score: float | None
    criteria: list[AlignmentCriterionOut]


class EventOut(Schema):
    from_status: str
    to_status: str
    note: str
    actor: str | None
    created_at: datetime


class MessageOut(Schema):
    body: str
    is_internal: bool
    author: str | None
    created_at: datetime


class DossierOut(DossierSummary):
    cover_message: str
    decline_reason: str
    first_response_at: datetime | None
    decided_at: datetime | None
    startup_description: str
    startup_website: str
    phase_scores: dict[str, float | None]
    steps: list[StepScoreOut]
    alignment: AlignmentOut
    events: list[EventOut]
    messages: list[MessageOut] = Field(description="Internal notes only for the pharma team that received it")
    report_url: str | None = Field(description="The PDF report attached to the dossier, if any")


class TransitionIn(Schema):
    to_status: Literal[tuple(s for s in Dossier.Status.values if s not in ("received", "withdrawn"))]
    reason: str = Field("", max_length=3000, description="Required to decline; sent to the startup")


class MessageIn(Schema):
    body: str = Field(min_length=1, max_length=5000)
    is_internal: bool = Field(False, description="An internal note of the pharma team, never shown to the startup")


class SnapshotSummary(Schema):
    uuid: UUID
    created_at: datetime
    overall_score: float | None
    band: str


class ScoresOut(Schema):
    overall_score: float | None
    band: str
    phase_scores: dict[str, float | None]
    steps: list[StepScoreOut]


class AssessmentSummary(Schema):
    id: int
    target: str
    target_level: str
    meeting_date: date | None
    updated_at: datetime
    latest_snapshot: SnapshotSummary | None


class AssessmentOut(AssessmentSummary):
    current: ScoresOut = Field(description="Scores of the answers as they are now (not yet submitted)")
    snapshots: list[SnapshotSummary]


class AnswerOut(Schema):
    level: int | None
    not_applicable: bool


class SnapshotOut(SnapshotSummary):
    assessment_id: int
    scores: ScoresOut
    answers: dict[str, AnswerOut] = Field(description="Item code → the answer frozen at submission")
