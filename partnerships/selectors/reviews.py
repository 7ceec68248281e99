"""Reads on reviewers' scores: one reviewer's form, the pharma team's panel, what the startup sees once shared,
the inbox's team-score filters, and the reviews in a data export.

The comparison itself is `scoring.team.team_comparison`, over step scores stored when each review is saved.
The startup side only ever reads through `shared_review`, which answers None until the team shares.
"""

from dataclasses import dataclass, field

from django.db.models import BooleanField, Case, F, QuerySet, Value, When
from django.db.models.functions import Abs
from django.utils.translation import gettext as _

from checklists.models import Item, Step
from checklists.selectors import guide_items, guide_steps
from scoring import applies
from scoring.engine import Band
from scoring.team import DIVERGENCE_THRESHOLD, StepComparison, TeamComparison, team_comparison

from ..models import Dossier, DossierReview, DossierTeamReview, User

# Inbox sorts on the kept team score and divergence (the largest gap first, either way).
REVIEW_SORTS = {
    "team_score": (F("team_score").desc(nulls_last=True), F("submitted_at").desc(), F("id").desc()),
    "divergence": (F("divergence_size").desc(nulls_last=True), F("submitted_at").desc(), F("id").desc()),
}
DIVERGENCE_FILTERS = ("over", "under", "diverging", "aligned")


def with_team_review(dossiers: QuerySet[Dossier], *, team_band: str = "", divergence: str = "") -> QuerySet[Dossier]:
    """Annotate each dossier with its team score and divergence (one join), filtered by team band and divergence."""
    threshold = DIVERGENCE_THRESHOLD
    dossiers = dossiers.annotate(
        team_score=F("team_review__team_score"),
        divergence=F("team_review__divergence"),
        divergence_size=Abs("team_review__divergence"),
        is_divergent=Case(
            When(divergence_size__gte=threshold, then=Value(True)), default=Value(False), output_field=BooleanField()
        ),
    )
    if team_band == "none":
        dossiers = dossiers.filter(team_score__isnull=True)
    elif team_band:
        band = next((b for b in Band if b.code == team_band), None)
        if band is not None:
            above = [b.threshold for b in Band if b.threshold > band.threshold]
            dossiers = dossiers.filter(team_score__gte=band.threshold)
            if above:
                dossiers = dossiers.filter(team_score__lt=min(above))
    if divergence == "over":
        dossiers = dossiers.filter(divergence__gte=threshold)
    elif divergence == "under":
        dossiers = dossiers.filter(divergence__lte=-threshold)
    elif divergence == "diverging":
        dossiers = dossiers.filter(divergence_size__gte=threshold)
    elif divergence == "aligned":
        dossiers = dossiers.filter(divergence_size__lt=threshold)
    return dossiers


# --- One reviewer's form ------------------------------------------------------------------------------------


@dataclass
class ReviewFormStep:
    step: Step
    items: list[Item]
    excluded_count: int
    self_score: float | None


def review_form_steps(dossier: Dossier) -> list[ReviewFormStep]:
    """The guide's ten steps with the items that apply to the startup's frozen profile, from the guide's cache."""
    snapshot = dossier.snapshot
    facts = snapshot.facts or {}
    steps = guide_steps(snapshot.framework)
    items = [
        item
        for item in guide_items(snapshot.framework)
        if item.side == Item.Side.STARTUP and item.kind == Item.Kind.CRITERION
    ]
    by_step: dict[int, list[Item]] = {step.pk: [] for step in steps}
    excluded: dict[int, int] = {step.pk: 0 for step in steps}
    for item in items:
        if applies(item.applicability, facts):
            by_step[item.step_id].append(item)
        else:
            excluded[item.step_id] += 1
    scores = snapshot.step_scores or {}
    return [ReviewFormStep(step, by_step[step.pk], excluded[step.pk], scores.get(str(step.number))) for step in steps]


def own_review(dossier: Dossier, user: User) -> DossierReview | None:
    return DossierReview.objects.filter(dossier=dossier, reviewer=user).first()


# --- The comparison, for the pharma team or (once shared) the startup ---------------------------------------


@dataclass(frozen=True)
class ReviewerColumn:
    label: str
    overall: float | None
    is_you: bool = False


@dataclass(frozen=True)
class ComparisonRow:
    step: Step
    scores: StepComparison
    comments: list[tuple[str, str]] = field(default_factory=list)  # (reviewer's label, comment)

    @property
    def direction(self) -> str:
        return self.scores.direction.value if self.scores.direction else ""


@dataclass(frozen=True)
class ReviewComparison:
    rows: list[ComparisonRow]
    team: TeamComparison
    reviewers: list[ReviewerColumn]
    team_review: DossierTeamReview | None
    threshold: float = DIVERGENCE_THRESHOLD

    @property
    def direction(self) -> str:
        return self.team.direction.value if self.team.direction else ""

    @property
    def has_own_review(self) -> bool:
        return any(reviewer.is_you for reviewer in self.reviewers)

    @property
    def reviewer_names(self) -> str:
        return ", ".join(reviewer.label for reviewer in self.reviewers)


def _comparison(
    dossier: Dossier, reviews: list[DossierReview], team_review, *, names: bool, user: User | None = None
) -> ReviewComparison:
    labels = [
        review.reviewer_name if names else _("Reviewer %(number)s") % {"number": index}
        for index, review in enumerate(reviews, start=1)
    ]
    self_steps = {int(n): value for n, value in (dossier.snapshot.step_scores or {}).items()}
    team = team_comparison(
        self_steps, [{int(n): value for n, value in review.step_scores.items()} for review in reviews]
    )
    steps = guide_steps(dossier.snapshot.framework)  # the guide's cache: no query
    rows = []
    for step in steps:
        comments = [
            (label, review.comments[str(step.number)])
            for label, review in zip(labels, reviews, strict=True)
            if review.comments.get(str(step.number))
        ]
        scores = next((s for s in team.steps if s.number == step.number), None)
        rows.append(ComparisonRow(step, scores or StepComparison(step.number, None, (), None, None), comments))
    reviewers = [
        ReviewerColumn(label, overall, user is not None and review.reviewer_id == user.pk)
        for label, overall, review in zip(labels, team.reviewer_overalls, reviews, strict=True)
    ]
    return ReviewComparison(rows, team, reviewers, team_review)


def _reviews(dossier: Dossier) -> list[DossierReview]:
    # In the model's order (first written first); read from a prefetch when the caller made one (data export).
    return list(dossier.reviews.all())


def review_panel(dossier: Dossier, user: User) -> ReviewComparison:
    """The pharma team's view: each reviewer by name, the team's mean, the divergence, the sharing choice."""
    team_review = DossierTeamReview.objects.filter(dossier=dossier).first()
    return _comparison(dossier, _reviews(dossier), team_review, names=True, user=user)


def shared_review(dossier: Dossier) -> ReviewComparison | None:
    """The startup's view: None until the team shares; then the team's scores and comments, names if shared."""
    team_review = DossierTeamReview.objects.filter(dossier=dossier, is_shared=True, reviewer_count__gt=0).first()
    if team_review is None:
        return None
    return _comparison(dossier, _reviews(dossier), team_review, names=team_review.names_shared)


def reviews_export(dossier: Dossier, *, startup_side: bool) -> dict:
    """The reviews in an organisation's data export: all of them for the pharma team; for the startup, only
    what the team shared (team scores and comments; names only if shared), else nothing at all."""
    if startup_side:
        comparison = shared_review(dossier)
        if comparison is None:
            return {}
        return {
            "reviewers_assessment": {
                "team_score": comparison.team.team_overall,
                "divergence": comparison.team.divergence,
                "steps": [
                    {
                        "step": row.step.number,
                        "own_score": row.scores.self_score,
                        "team_score": row.scores.team_score,
                        "comments": [{"reviewer": label, "comment": text} for label, text in row.comments],
                    }
                    for row in comparison.rows
                ],
            }
        }
    return {
        "reviews": [
            {
                "reviewer": review.reviewer_name,
                "answers": review.answers,
                "comments": review.comments,
                "step_scores": review.step_scores,
                "overall_score": review.overall_score,
                "updated_at": review.updated_at.isoformat(),
            }
            for review in _reviews(dossier)
        ]
    }
