"""Writes on the partnership space: meetings (slots, confirmation, agenda, notes, reminders), next steps, and
the agreed scope.

Both sides of a dossier act here: the pharma team proposes meetings, the startup picks a slot or proposes
others, both edit the agenda and the notes. E-mails go through the dossiers' helper (each recipient in their
language, after the transaction commits).
"""

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ..models import Dossier, FeedbackRound, Meeting, MeetingSlot, NextStep, Partnership, Side, User
from ..selectors.partnership import meeting_agenda_draft, side_of
from .audit import audit_record
from .dossiers import _notify

# KPIs are agreed before signature: the space opens with the first meeting proposed.
SPACE_STATUSES = (Dossier.Status.MEETING_PROPOSED, Dossier.Status.PARTNERSHIP_STARTED)
FEEDBACK_DAYS = 14


class PartnershipError(ValidationError):
    """The action is not possible; the message says why, in the user's language."""


def acting_side(user: User, dossier: Dossier) -> str:
    """The side `user` acts for on `dossier`; refuses anyone else and a closed space."""
    side = side_of(user, dossier)
    if side is None:
        raise PartnershipError(_("Only the startup and the pharma company of this dossier can act here."))
    if dossier.status not in SPACE_STATUSES:
        raise PartnershipError(_("The partnership space opens once a meeting is proposed."))
    return side


def other_side(side: str) -> str:
    return Side.PHARMA if side == Side.STARTUP else Side.STARTUP


def organisation_on(dossier: Dossier, side: str):
    return dossier.startup if side == Side.STARTUP else dossier.pharma


def notify_side(dossier: Dossier, side: str, template: str, subject: str, context: dict | None = None) -> None:
    """E-mail the members of one side about the partnership (after commit, in their language)."""
    _notify(
        organisation_on(dossier, side),
        template,
        subject,
        "partnership_detail",
        {"dossier": dossier, **(context or {})},
        notify=True,
    )


def _slots(meeting: Meeting, slots: list[tuple[datetime, int]], side: str) -> list[MeetingSlot]:
    if not slots:
        raise PartnershipError(_("Propose at least one slot."))
    now = timezone.now()
    created = []
    for starts_at, duration in slots:
        if starts_at <= now:
            raise PartnershipError(_("A slot must be in the future."))
        slot = MeetingSlot(meeting=meeting, starts_at=starts_at, duration_minutes=duration, proposed_by=side)
        slot.full_clean(exclude=["meeting"])
        created.append(slot)
    return MeetingSlot.objects.bulk_create(created)


@transaction.atomic
def meeting_propose(
    *,
    user: User,
    dossier: Dossier,
    title: str,
    place: str,
    video_link: str,
    attendees: list[dict],
    slots: list[tuple[datetime, int]],
) -> Meeting:
    """The pharma team proposes a meeting: one or more slots, where, and who attends (with roles).

    The agenda starts as the guide's draft for this dossier; both sides edit it afterwards.
    """
    side = acting_side(user, dossier)
    if side != Side.PHARMA:
        raise PartnershipError(_("The pharma team proposes the meetings; the startup picks a slot or proposes others."))
    if not (place.strip() or video_link.strip()):
        raise PartnershipError(_("Give a place or a video link."))
    if not attendees:
        raise PartnershipError(_("Say who attends, with their roles."))
    meeting = Meeting(
        dossier=dossier,
        title=title.strip(),
        place=place.strip(),
        video_link=video_link.strip(),
        attendees=attendees,
        created_by=user,
        agenda=meeting_agenda_draft(dossier),
        agenda_is_draft=True,
    )
    meeting.full_clean(exclude=["created_by"])
    meeting.save()
    _slots(meeting, slots, side)
    audit_record(organisation=dossier.pharma, actor=user, action="meeting_proposed", description=str(dossier))
    notify_side(
        dossier,
        Side.STARTUP,
        "partnerships/partnership/email_meeting_proposed.txt",
        gettext_noop("A meeting is proposed"),
        {"meeting": meeting},
    )
    return meeting


def _locked_meeting(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().select_related("dossier__startup", "dossier__pharma").get(pk=meeting.pk)


@transaction.atomic
def meeting_slots_propose(*, user: User, meeting: Meeting, slots: list[tuple[datetime, int]]) -> list[MeetingSlot]:
    """None of the slots suits: propose others (either side); the other side picks one."""
    meeting = _locked_meeting(meeting)
    side = acting_side(user, meeting.dossier)
    if meeting.status != Meeting.Status.PROPOSED:
        raise PartnershipError(_("This meeting is already confirmed or cancelled."))
    created = _slots(meeting, slots, side)
    notify_side(
        meeting.dossier,
        other_side(side),
        "partnerships/partnership/email_meeting_proposed.txt",
        gettext_noop("A meeting is proposed"),
        {"meeting": meeting},
    )
    return created


@transaction.atomic
def meeting_confirm(*, user: User, meeting: Meeting, slot: MeetingSlot) -> Meeting:
    """Pick a slot the other side proposed: the meeting is confirmed for both sides."""
    meeting = _locked_meeting(meeting)
    side = acting_side(user, meeting.dossier)
    if meeting.status != Meeting.Status.PROPOSED:
        raise PartnershipError(_("This meeting is already confirmed or cancelled."))
    if slot.meeting_id != meeting.pk or slot.proposed_by == side:
        raise PartnershipError(_("Pick one of the slots the other side proposed."))
    if slot.starts_at <= timezone.now():
        raise PartnershipError(_("This slot has passed: propose others."))
    meeting.starts_at = slot.starts_at
    meeting.duration_minutes = slot.duration_minutes
    meeting.status = Meeting.Status.CONFIRMED
    meeting.save(update_fields=["starts_at", "duration_minutes", "status"])
    for organisation in (meeting.dossier.startup, meeting.dossier.pharma):
        audit_record(organisation=organisation, actor=user, action="meeting_confirmed", description=str(meeting))
    for recipient in (Side.STARTUP, Side.PHARMA):
        notify_side(
            meeting.dossier,
            recipient,
            "partnerships/partnership/email_meeting_confirmed.txt",
            gettext_noop("Meeting confirmed"),
            {"meeting": meeting},
        )
    return meeting


@transaction.atomic
def meeting_agenda_save(*, user: User, meeting: Meeting, agenda: str) -> Meeting:
    meeting = _locked_meeting(meeting)
    acting_side(user, meeting.dossier)
    meeting.agenda = agenda.strip()
    # Saved as drafted (in the saver's language): still the guide's draft, read in each reader's language.
    meeting.agenda_is_draft = meeting.agenda == meeting_agenda_draft(meeting.dossier).strip()
    meeting.full_clean(exclude=["created_by"])
    meeting.save(update_fields=["agenda", "agenda_is_draft"])
    return meeting


@transaction.atomic
def meeting_notes_save(*, user: User, meeting: Meeting, notes: str) -> Meeting:
    """Shared notes of the meeting; the first notes open the meeting's feedback round."""
    meeting = _locked_meeting(meeting)
    acting_side(user, meeting.dossier)
    if meeting.status != Meeting.Status.CONFIRMED:
        raise PartnershipError(_("Notes are taken on a confirmed meeting."))
    meeting.notes = notes.strip()
    meeting.full_clean(exclude=["created_by"])
    meeting.save(update_fields=["notes"])
    if meeting.notes:
        FeedbackRound.objects.get_or_create(
            meeting=meeting,
            defaults={
                "dossier": meeting.dossier,
                "label": meeting.title,
                "deadline": timezone.localdate() + timedelta(days=FEEDBACK_DAYS),
            },
        )
    return meeting


@transaction.atomic
def next_step_add(
    *, user: User, dossier: Dossier, side: str, title: str, owner: str, due_date: date, meeting: Meeting | None = None
) -> NextStep:
    acting_side(user, dossier)
    if meeting is not None and meeting.dossier_id != dossier.pk:
        raise PartnershipError(_("This meeting belongs to another dossier."))
    step = NextStep(
        dossier=dossier,
        meeting=meeting,
        side=side,
        title=title.strip(),
        owner=owner.strip(),
        due_date=due_date,
        created_by=user,
    )
    step.full_clean(exclude=["created_by", "meeting"])
    step.save()
    return step


@transaction.atomic
def next_step_done(*, user: User, next_step: NextStep) -> NextStep:
    acting_side(user, next_step.dossier)
    if next_step.done_at is None:
        next_step.done_at = timezone.now()
        next_step.save(update_fields=["done_at"])
    return next_step


@transaction.atomic
def partnership_update(*, user: User, dossier: Dossier, scope: str, documents: str) -> Partnership:
    acting_side(user, dossier)
    partnership, _created = Partnership.objects.select_for_update().get_or_create(dossier=dossier)
    partnership.scope = scope.strip()
    partnership.documents = documents.strip()
    partnership.full_clean()
    partnership.save()
    return partnership


def meeting_reminders_send(*, now: datetime | None = None) -> int:
    """E-mail both sides the day before each confirmed meeting (run hourly by beat); each meeting once."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    due = Meeting.objects.filter(
        status=Meeting.Status.CONFIRMED, reminder_sent_at__isnull=True, starts_at__gt=now
    ).select_related("dossier__startup", "dossier__pharma")
    count = 0
    for meeting in due:
        if timezone.localdate(meeting.starts_at) > tomorrow:
            continue
        with transaction.atomic():
            # Claimed under a lock: two beat runs never send the same reminder twice.
            claimed = Meeting.objects.filter(pk=meeting.pk, reminder_sent_at__isnull=True).update(reminder_sent_at=now)
            if not claimed:
                continue
            for side in (Side.STARTUP, Side.PHARMA):
                notify_side(
                    meeting.dossier,
                    side,
                    "partnerships/partnership/email_meeting_reminder.txt",
                    gettext_noop("Reminder: meeting tomorrow"),
                    {"meeting": meeting},
                )
        count += 1
    return count
