"""Writes on reviewers' scores: a reviewer saves their assessment of a dossier's startup; the team shares them.

A review is scored by the same engine as the startup's self-assessment, with the facts frozen in the dossier's
snapshot, so both sides are judged on the same applicable items. After each save the team's mean and the
divergence from the startup's own score are kept on `DossierTeamReview`, which the inbox sorts and filters on.
Nothing of a review reaches the startup (page, e-mail, export) until the team shares it.
"""

from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from checklists.selectors import framework_spec
from scoring import NOT_APPLICABLE, applies, score
from scoring.team import review_step_scores, team_comparison

from ..membership import membership_of
from ..models import Dossier, DossierReview, DossierTeamReview, User
from .audit import audit_record
from .dossiers import DossierError, _locked, _notify, _organisation_of

COMMENT_MAX_LENGTH = 3000


def _self_step_scores(dossier: Dossier) -> dict[int, float | None]:
    return {int(number): value for number, value in (dossier.snapshot.step_scores or {}).items()}


def _stored_step_scores(review: DossierReview) -> dict[int, float | None]:
    return {int(number): value for number, value in review.step_scores.items()}


def _team_review_refresh(dossier: Dossier) -> DossierTeamReview:
    reviews = list(DossierReview.objects.filter(dossier=dossier))
    team = team_comparison(_self_step_scores(dossier), [_stored_step_scores(review) for review in reviews])
    team_review, _created = DossierTeamReview.objects.get_or_create(dossier=dossier)
    team_review.reviewer_count = len(reviews)
    team_review.team_score = team.team_overall
    team_review.divergence = team.divergence
    team_review.full_clean(exclude=["dossier", "shared_by"])
    team_review.save(update_fields=["reviewer_count", "team_score", "divergence"])
    return team_review


@transaction.atomic
def dossier_review_save(
    *,
    user: User,
    dossier: Dossier,
    answers: Mapping[str, int | str | None],
    comments: Mapping[int, str],
) -> DossierReview:
    """Save `user`'s answers (item code → 0..3, "na" or None) and comments (step number → text) on `dossier`.

    Only applicable items of the startup's frozen profile are kept; the scores are computed here, once.
    """
    dossier = _locked(dossier)
    membership = membership_of(user)
    if _organisation_of(user) != dossier.pharma or membership.role not in ("reviewer", "admin"):
        raise DossierError(_("Only the reviewers of the company that received the dossier can score it."))
    if dossier.status == Dossier.Status.WITHDRAWN:
        raise DossierError(_("The startup withdrew this dossier: it can no longer be scored."))
    spec = framework_spec(dossier.snapshot.framework)
    facts = dossier.snapshot.facts or {}
    applicable = {item.code for step in spec.steps for item in step.items if applies(item.rule, facts)}
    kept = {code: value for code, value in answers.items() if code in applicable and value not in (None, "")}
    for value in kept.values():
        if value != NOT_APPLICABLE and value not in (0, 1, 2, 3):
            raise DossierError(_("An answer must be on the guide's scale."))
    numbers = {step.number for step in spec.steps}
    kept_comments = {str(n): text.strip() for n, text in comments.items() if n in numbers and text.strip()}
    if any(len(text) > COMMENT_MAX_LENGTH for text in kept_comments.values()):
        raise DossierError(_("A comment is limited to %(count)s characters.") % {"count": COMMENT_MAX_LENGTH})
    result = score(spec, facts, kept)
    steps = review_step_scores(result)
    reviewed = [value for value in steps.values() if value is not None]
    review, created = DossierReview.objects.select_for_update().get_or_create(
        dossier=dossier, reviewer=user, defaults={"reviewer_name": str(user)}
    )
    review.reviewer_name = str(user)
    review.answers = kept
    review.comments = kept_comments
    review.step_scores = {str(number): value for number, value in steps.items()}
    review.overall_score = sum(reviewed) / len(reviewed) if reviewed else None
    review.full_clean(exclude=["dossier", "reviewer"])
    review.save()
    team_review = _team_review_refresh(dossier)
    audit_record(
        organisation=dossier.pharma,
        actor=user,
        action="dossier_review_saved",
        description=f"{dossier}: {round(review.overall_score) if review.overall_score is not None else '-'}",
        details={"dossier": str(dossier), "shared": team_review.is_shared},
    )
    return review


@transaction.atomic
def dossier_reviews_share(
    *, user: User, dossier: Dossier, share: bool, share_names: bool, notify: bool = True
) -> DossierTeamReview:
    """Show (or stop showing) the team's consolidated scores and comments to the startup; names only if asked.

    Audited; the startup's members are e-mailed a link (never the scores) when first shared.
    """
    dossier = _locked(dossier)
    if _organisation_of(user) != dossier.pharma:
        raise DossierError(_("Only the company that received the dossier can share its reviews."))
    team_review = DossierTeamReview.objects.select_for_update().filter(dossier=dossier).first()
    if team_review is None or team_review.reviewer_count == 0:
        if share:
            raise DossierError(_("No reviewer has scored this dossier yet: there is nothing to share."))
        return team_review or DossierTeamReview.objects.create(dossier=dossier)
    newly_shared = share and not team_review.is_shared
    team_review.is_shared = share
    team_review.names_shared = share and share_names
    if newly_shared:
        team_review.shared_at = timezone.now()
        team_review.shared_by = user
    team_review.save(update_fields=["is_shared", "names_shared", "shared_at", "shared_by"])
    action = "dossier_reviews_shared" if share else "dossier_reviews_unshared"
    details = {"dossier": str(dossier), "names_shared": team_review.names_shared}
    # On the pharma side only: the startup's trail would name the member who shared, names shared or not.
    audit_record(organisation=dossier.pharma, actor=user, action=action, description=str(dossier), details=details)
    if newly_shared:
        _notify(
            dossier.startup,
            "partnerships/dossiers/email_reviews_shared.txt",
            gettext_noop("The pharma team shared its assessment of your dossier"),
            "startup_dossier_detail",
            {"dossier": dossier},
            notify=notify,
        )
    return team_review
