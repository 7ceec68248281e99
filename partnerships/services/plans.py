"""Writes on action plans: actions from gaps or free ones, their updates, the check by each new snapshot, and
the reminders of actions due soon."""

from collections import defaultdict
from datetime import date, timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from checklists.models import Item, Step

from ..membership import membership_of
from ..models import Action, Assessment, AssessmentSnapshot, User

REMIND_DAYS_AHEAD = 7


def _check_owner(assessment: Assessment, owner: User | None) -> None:
    membership = membership_of(owner)
    if owner is not None and (membership is None or membership.organisation_id != assessment.organisation_id):
        raise ValidationError({"owner": _("The owner must be a member of your startup.")})


def _check_member(assessment: Assessment, user: User) -> None:
    membership = membership_of(user)
    if membership is None or membership.organisation_id != assessment.organisation_id:
        raise ValidationError(_("Only a member of the startup edits its action plan."))


@transaction.atomic
def action_create_from_gap(
    *,
    assessment: Assessment,
    user: User,
    item_code: str,
    owner: User | None,
    due_date: date | None,
    target_level: int = 3,
) -> Action:
    """Turn a gap (a criterion of the assessment's guide version) into an action; one action per gap."""
    _check_member(assessment, user)
    _check_owner(assessment, owner)
    item = (
        Item.objects.filter(
            framework_id=assessment.framework_id, code=item_code, kind=Item.Kind.CRITERION, side=Item.Side.STARTUP
        )
        .select_related("step")
        .first()
    )
    if item is None:
        raise ValidationError({"item_code": _("This criterion is not in your assessment.")})
    if assessment.actions.filter(item_code=item_code).exists():
        raise ValidationError({"item_code": _("This gap is already in your plan.")})
    action = Action(
        assessment=assessment,
        item_code=item.code,
        step_number=item.step.number,
        owner=owner,
        due_date=due_date,
        target_level=target_level,
        created_by=user,
    )
    action.full_clean(exclude=["created_by", "owner", "achieved_snapshot"])
    action.save()
    return action


@transaction.atomic
def action_create_free(
    *, assessment: Assessment, user: User, title: str, step_number: int, owner: User | None, due_date: date | None
) -> Action:
    """An action the startup writes itself, tied to a step; it moves no score."""
    _check_member(assessment, user)
    _check_owner(assessment, owner)
    if not Step.objects.filter(framework_id=assessment.framework_id, number=step_number).exists():
        raise ValidationError({"step_number": _("Choose a step of the guide.")})
    action = Action(
        assessment=assessment,
        title=title.strip(),
        step_number=step_number,
        owner=owner,
        due_date=due_date,
        created_by=user,
    )
    if not action.title:
        raise ValidationError({"title": _("Say what is to be done.")})
    action.full_clean(exclude=["created_by", "owner", "achieved_snapshot"])
    action.save()
    return action


@transaction.atomic
def action_update(
    *,
    action: Action,
    user: User,
    owner: User | None,
    due_date: date | None,
    status: str,
    target_level: int | None = None,
) -> Action:
    action = Action.objects.select_for_update().select_related("assessment").get(pk=action.pk)
    _check_member(action.assessment, user)
    _check_owner(action.assessment, owner)
    action.owner = owner
    action.due_date = due_date
    action.status = status
    fields = ["owner", "due_date", "status", "updated_at"]
    if not action.is_free and target_level is not None:
        action.target_level = target_level
        fields.append("target_level")
    action.full_clean(exclude=["created_by", "owner", "achieved_snapshot"])
    action.save(update_fields=fields)
    return action


@transaction.atomic
def action_delete(*, action: Action, user: User) -> None:
    _check_member(action.assessment, user)
    action.delete()


def plan_check(*, snapshot: AssessmentSnapshot) -> list[Action]:
    """Mark achieved (and done) the open actions whose item reached its target level in `snapshot`."""
    achieved = []
    for action in snapshot.assessment.actions.filter(achieved_at__isnull=True).exclude(item_code=""):
        answer = snapshot.answers.get(action.item_code) or {}
        level = answer.get("level")
        if level is not None and not answer.get("na") and level >= (action.target_level or 3):
            action.achieved_at = snapshot.created_at
            action.achieved_snapshot = snapshot
            action.status = Action.Status.DONE
            action.save(update_fields=["achieved_at", "achieved_snapshot", "status", "updated_at"])
            achieved.append(action)
    return achieved


def _send_reminder(email: str, language: str, lines: list[dict]) -> None:
    language = (language or settings.LANGUAGE_CODE)[:2]
    with translation.override(language):
        lines = [
            {**line, "text": line["title"] or line["texts"].get(language) or line["texts"].get("fr", "")}
            for line in lines
        ]
        body = render_to_string("partnerships/plans/email_reminder.txt", {"lines": lines})
        send_mail(_("Actions of your plan due within a week"), body, None, [email])


@transaction.atomic
def actions_remind(*, today: date | None = None) -> int:
    """E-mail each owner once about their open actions due within a week (again if the due date moves).

    Returns the number of e-mails queued; they leave after the transaction commits."""
    today = today or timezone.localdate()
    due = (
        Action.objects.select_for_update(of=("self",))
        .filter(
            due_date__gte=today,
            due_date__lte=today + timedelta(days=REMIND_DAYS_AHEAD),
            achieved_at__isnull=True,
            owner__isnull=False,
            owner__is_active=True,
        )
        .exclude(status=Action.Status.DONE)
        .select_related("owner", "assessment__target", "assessment__framework")
        .order_by("owner_id", "due_date", "id")
    )
    by_owner: dict[User, list[Action]] = defaultdict(list)
    for action in due:
        if action.reminded_for != action.due_date:
            by_owner[action.owner].append(action)
    texts = _item_texts(a for actions in by_owner.values() for a in actions)
    for owner, actions in by_owner.items():
        lines = [
            {
                "due_date": action.due_date,
                "title": action.title,
                "texts": texts.get((action.assessment.framework_id, action.item_code), {}),
                "target": action.assessment.target.name,
                "url": settings.SITE_URL.rstrip("/") + reverse("plan", args=[action.assessment_id]),
            }
            for action in actions
        ]
        transaction.on_commit(partial(_send_reminder, owner.email, owner.language, lines))
        Action.objects.filter(pk__in=[a.pk for a in actions]).update(reminded_for=F("due_date"))
    return len(by_owner)


def _item_texts(actions) -> dict:
    """(framework id, item code) → the item's texts in both languages, in one query."""
    actions = list(actions)
    codes = {a.item_code for a in actions if a.item_code}
    frameworks = {a.assessment.framework_id for a in actions}
    return {
        (item.framework_id, item.code): {"fr": item.text_fr, "en": item.text_en}
        for item in Item.objects.filter(framework_id__in=frameworks, code__in=codes).only(
            "framework_id", "code", "text_fr", "text_en"
        )
    }
