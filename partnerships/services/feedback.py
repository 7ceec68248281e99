"""Writes on feedback (the guide's step 10, "retours d'expérience"): each side answers once per round."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ..models import Dossier, Feedback, FeedbackRound, User
from .partnership import PartnershipError, acting_side, notify_side, other_side


@transaction.atomic
def feedback_round_open(*, user: User, dossier: Dossier, label: str, deadline: date) -> FeedbackRound:
    """A feedback round for a review period (meetings open theirs with their notes)."""
    acting_side(user, dossier)
    if deadline <= timezone.localdate():
        raise PartnershipError(_("Choose a deadline in the future."))
    feedback_round = FeedbackRound(dossier=dossier, label=label.strip(), deadline=deadline)
    feedback_round.full_clean(exclude=["meeting"])
    feedback_round.save()
    return feedback_round


@transaction.atomic
def feedback_submit(*, user: User, feedback_round: FeedbackRound, answers: dict) -> Feedback:
    """One side's answers, once; the other side is told (and reads them once it has answered, or after the deadline)."""
    side = acting_side(user, feedback_round.dossier)
    feedback = Feedback(round=feedback_round, side=side, author=user, **answers)
    feedback.full_clean(exclude=["author", "round"])
    try:
        with transaction.atomic():
            feedback.save()
    except IntegrityError as error:
        raise PartnershipError(_("Your side has already answered this feedback.")) from error
    notify_side(
        feedback_round.dossier,
        other_side(side),
        "partnerships/partnership/email_feedback.txt",
        gettext_noop("Feedback received"),
        {"round": feedback_round},
    )
    return feedback
