"""Writes on dossiers: a startup submits or withdraws one; the pharma team reviews, assigns, decides and writes.

Life of a dossier: received → in review → meeting proposed → partnership started, or declined (with a
reason) from any open status; the startup may withdraw an open dossier. Every change is a dated
DossierEvent and an AuditEvent. Emails leave after the transaction commits, each in its recipient's
language; internal notes are never e-mailed to the startup.
"""

from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ..membership import membership_of
from ..models import (
    AssessmentSnapshot,
    Dossier,
    DossierEvent,
    DossierMessage,
    Organisation,
    TherapeuticArea,
    User,
)
from ..selectors.reports import report_reusable
from ..selectors.trust import is_verified
from .audit import audit_record
from .mail import mail_language, mail_send

Status = Dossier.Status
OPEN_STATUSES = (Status.RECEIVED, Status.IN_REVIEW, Status.MEETING_PROPOSED)
DECISIONS = (Status.PARTNERSHIP_STARTED, Status.DECLINED)
# The review workflow, one step at a time; declining is possible from every open status.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.RECEIVED: (Status.IN_REVIEW, Status.DECLINED),
    Status.IN_REVIEW: (Status.MEETING_PROPOSED, Status.DECLINED),
    Status.MEETING_PROPOSED: (Status.PARTNERSHIP_STARTED, Status.DECLINED),
}


class DossierError(ValidationError):
    """The action is not possible on this dossier; the message says why, in the user's language."""


def _organisation_of(user: User | None) -> Organisation | None:
    membership = membership_of(user)
    return membership.organisation if membership is not None else None


def _members_emails(organisation: Organisation) -> list[tuple[str, str]]:
    return list(
        organisation.memberships.filter(user__is_active=True)
        .order_by("user__email")
        .values_list("user__email", "user__language")
    )


def _send(recipients: Iterable[tuple[str, str]], template: str, subject: str, url_name: str, context: dict) -> None:
    """One e-mail per recipient, in the recipient's language (`subject` is an English msgid)."""
    for email, language in recipients:
        with translation.override(mail_language(language)):  # the link opens the page in that language too
            url = settings.SITE_URL.rstrip("/") + reverse(url_name, args=[context["dossier"].uuid])
        mail_send(to=email, language=language, subject=subject, template=template, context={**context, "url": url})


def _notify(
    organisation: Organisation, template: str, subject: str, url_name: str, context: dict, *, notify: bool
) -> None:
    if not notify:
        return
    recipients = _members_emails(organisation)
    transaction.on_commit(partial(_send, recipients, template, subject, url_name, context))


def _event(
    dossier: Dossier, user: User | None, from_status: str, to_status: str, note: str = "", details: dict | None = None
) -> DossierEvent:
    return DossierEvent.objects.create(
        dossier=dossier, actor=user, from_status=from_status, to_status=to_status, note=note, details=details or {}
    )


@transaction.atomic
def dossier_submit(
    *,
    user: User,
    snapshot: AssessmentSnapshot,
    pharma: Organisation,
    cover_message: str,
    decision_needed_by=None,
    notify: bool = True,
) -> Dossier:
    """Send a frozen copy of `snapshot` (scores, profile, latest ready report) to a published pharma company.

    The dossier points at the snapshot, which never changes; to send newer answers the startup submits
    again. An open dossier of the same snapshot to the same company is refused rather than duplicated.
    """
    assessment = snapshot.assessment
    startup = assessment.organisation
    if _organisation_of(user) != startup:
        raise DossierError(_("Only a member of the startup can submit its assessment."))
    profile = getattr(pharma, "pharma_profile", None)
    if not pharma.is_pharma or profile is None or not profile.is_published:
        raise DossierError(_("This company does not receive dossiers: its profile is not published."))
    if not is_verified(pharma):
        raise DossierError(_("This company does not receive dossiers: it is not verified yet."))
    if Dossier.objects.filter(snapshot=snapshot, pharma=pharma, status__in=OPEN_STATUSES).exists():
        raise DossierError(_("This assessment is already under review by this company."))
    frozen = snapshot.profile or {}
    report = report_reusable(snapshot=snapshot)  # the latest finished report, whatever its language
    dossier = Dossier(
        startup=startup,
        pharma=pharma,
        target=assessment.target,
        snapshot=snapshot,
        report=report,
        cover_message=cover_message,
        decision_needed_by=decision_needed_by,
        startup_name=frozen.get("name") or startup.name,
        overall_score=snapshot.overall_score,
        band=snapshot.band,
        maturity=frozen.get("maturity", ""),
        business_models=list(frozen.get("business_models", [])),
    )
    dossier.full_clean(exclude=["assignee", "report", "target"])
    dossier.save()
    dossier.therapeutic_areas.set(TherapeuticArea.objects.filter(code__in=frozen.get("therapeutic_areas", [])))
    _event(dossier, user, "", Status.RECEIVED)
    description = f"{dossier.startup_name} → {pharma.name}"
    audit_record(organisation=startup, actor=user, action="dossier_submitted", description=description)
    audit_record(organisation=pharma, actor=user, action="dossier_received", description=description)
    _notify(
        pharma,
        "partnerships/dossiers/email_submitted.txt",
        gettext_noop("New dossier received"),
        "pharma_dossier_detail",
        {"dossier": dossier},
        notify=notify,
    )
    return dossier


def _refuse_if_withdrawn(dossier: Dossier) -> None:
    # A withdrawn dossier stays readable on both sides (its history), but nothing is added to it any more.
    if dossier.status == Status.WITHDRAWN:
        raise DossierError(
            _("The startup withdrew this dossier: it stays readable, but takes no new message or status change.")
        )


def _locked(dossier: Dossier) -> Dossier:
    # Two people may act on one dossier at once: read it locked, so each sees the other's change.
    return Dossier.objects.select_for_update().select_related("startup", "pharma").get(pk=dossier.pk)


@transaction.atomic
def dossier_withdraw(*, user: User, dossier: Dossier, notify: bool = True) -> Dossier:
    """The startup takes back an open dossier; the pharma team is told."""
    dossier = _locked(dossier)
    if _organisation_of(user) != dossier.startup:
        raise DossierError(_("Only a member of the startup can withdraw its dossier."))
    if dossier.status not in OPEN_STATUSES:
        raise DossierError(
            _("This dossier is %(status)s: it can no longer be withdrawn.")
            % {"status": dossier.get_status_display().lower()}
        )
    previous = dossier.status
    dossier.status = Status.WITHDRAWN
    dossier.save(update_fields=["status"])
    _event(dossier, user, previous, Status.WITHDRAWN)
    for organisation in (dossier.startup, dossier.pharma):
        audit_record(organisation=organisation, actor=user, action="dossier_withdrawn", description=str(dossier))
    _notify(
        dossier.pharma,
        "partnerships/dossiers/email_withdrawn.txt",
        gettext_noop("A dossier was withdrawn"),
        "pharma_dossier_detail",
        {"dossier": dossier},
        notify=notify,
    )
    return dossier


@transaction.atomic
def dossier_transition(
    *, user: User, dossier: Dossier, to_status: str, reason: str = "", notify: bool = True
) -> Dossier:
    """Move a dossier one step along the review workflow, or decline it with a reason.

    Sets the first response time on the first move out of "received" and the decision time on
    "partnership started" or "declined". The startup's members are e-mailed the new status.
    """
    dossier = _locked(dossier)
    if _organisation_of(user) != dossier.pharma:
        raise DossierError(_("Only the pharma company that received the dossier can review it."))
    _refuse_if_withdrawn(dossier)
    allowed = TRANSITIONS.get(dossier.status, ())
    if to_status not in allowed:
        raise DossierError(
            _("A dossier that is “%(current)s” cannot become “%(target)s”. %(allowed)s")
            % {
                "current": dossier.get_status_display(),
                "target": dict(Status.choices).get(to_status, to_status),
                "allowed": (
                    _("Possible next statuses: %(list)s.") % {"list": ", ".join(str(Status(s).label) for s in allowed)}
                    if allowed
                    else _("It is closed.")
                ),
            }
        )
    reason = reason.strip()
    if to_status == Status.DECLINED and not reason:
        raise DossierError(_("Give the startup a reason when you decline its dossier."))
    now = timezone.now()
    previous = dossier.status
    dossier.status = to_status
    fields = ["status"]
    if dossier.first_response_at is None:
        dossier.first_response_at = now
        fields.append("first_response_at")
    if to_status in DECISIONS:
        dossier.decided_at = now
        fields.append("decided_at")
    if to_status == Status.DECLINED:
        dossier.decline_reason = reason
        fields.append("decline_reason")
    dossier.save(update_fields=fields)
    _event(dossier, user, previous, to_status, reason if to_status == Status.DECLINED else "")
    audit_record(
        organisation=dossier.pharma,
        actor=user,
        action="dossier_status_changed",
        description=f"{dossier}: {previous} → {to_status}",
        details={"dossier": str(dossier), "from_status": previous, "to_status": to_status},
    )
    _notify(
        dossier.startup,
        "partnerships/dossiers/email_status.txt",
        gettext_noop("Your dossier has a new status"),
        "startup_dossier_detail",
        {"dossier": dossier},
        notify=notify,
    )
    return dossier


@transaction.atomic
def dossier_assign(*, user: User, dossier: Dossier, assignee: User | None) -> Dossier:
    """Give the dossier to a reviewer of the pharma company (None: nobody)."""
    dossier = _locked(dossier)
    if _organisation_of(user) != dossier.pharma:
        raise DossierError(_("Only the pharma company that received the dossier can assign it."))
    if assignee is not None and _organisation_of(assignee) != dossier.pharma:
        raise DossierError(_("A dossier can only be assigned to a member of your company."))
    dossier.assignee = assignee
    dossier.save(update_fields=["assignee"])
    note = _("Assigned to %(name)s") % {"name": assignee} if assignee else _("Unassigned")
    # The note keeps the writer's language; `details` lets each reader see the assignment in theirs.
    _event(dossier, user, dossier.status, dossier.status, note, {"assignee": str(assignee) if assignee else None})
    audit_record(
        organisation=dossier.pharma,
        actor=user,
        action="dossier_assigned",
        description=f"{dossier}: {assignee.email if assignee else '-'}",
    )
    return dossier


@transaction.atomic
def dossier_message_post(
    *, user: User, dossier: Dossier, body: str, is_internal: bool, notify: bool = True
) -> DossierMessage:
    """A message shared by both sides, or an internal note of the pharma team (never shown to the startup).

    A shared message from the pharma team counts as its first response.
    """
    dossier = _locked(dossier)
    organisation = _organisation_of(user)
    from_pharma = organisation == dossier.pharma
    if not from_pharma and organisation != dossier.startup:
        raise DossierError(_("Only the startup and the pharma company of this dossier can write on it."))
    if is_internal and not from_pharma:
        raise DossierError(_("Only the pharma team writes internal notes."))
    _refuse_if_withdrawn(dossier)
    message = DossierMessage(dossier=dossier, author=user, body=body.strip(), is_internal=is_internal)
    message.full_clean(exclude=["author"])
    message.save()
    if from_pharma and not is_internal and dossier.first_response_at is None:
        dossier.first_response_at = message.created_at
        dossier.save(update_fields=["first_response_at"])
    if not is_internal:
        audit_record(organisation=dossier.pharma, actor=user, action="dossier_message", description=str(dossier))
        recipient = dossier.startup if from_pharma else dossier.pharma
        _notify(
            recipient,
            "partnerships/dossiers/email_message.txt",
            gettext_noop("New message on a dossier"),
            "startup_dossier_detail" if from_pharma else "pharma_dossier_detail",
            {"dossier": dossier, "message": message},
            notify=notify,
        )
    return message
