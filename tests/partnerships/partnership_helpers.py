"""Helpers of the partnership-space tests: a dossier moved to "meeting proposed", a confirmed meeting, an agreed KPI."""

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from partnerships.models import Dossier, Kpi, KpiVersion, Meeting
from partnerships.services.dossiers import dossier_transition
from partnerships.services.kpis import kpi_accept, kpi_propose
from partnerships.services.partnership import meeting_confirm, meeting_propose

ATTENDEES = [
    {"name": "Paula Martin", "role": "Head of open innovation", "side": "pharma", "decision_maker": True},
    {"name": "Alice Durand", "role": "CEO", "side": "startup", "decision_maker": True},
]


def to_meeting_proposed(dossier: Dossier, paula) -> Dossier:
    dossier = dossier_transition(user=paula, dossier=dossier, to_status="in_review", notify=False)
    return dossier_transition(user=paula, dossier=dossier, to_status="meeting_proposed", notify=False)


def next_week_at(hour: int = 10) -> datetime:
    day = timezone.localdate() + timedelta(days=7)
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, 0))


def proposed_meeting(dossier: Dossier, paula) -> Meeting:
    return meeting_propose(
        user=paula,
        dossier=dossier,
        title="Première rencontre",
        place="Siège, Paris",
        video_link="",
        attendees=ATTENDEES,
        slots=[(next_week_at(10), 60), (next_week_at(15), 90)],
    )


def confirmed_meeting(dossier: Dossier, paula, alice) -> Meeting:
    meeting = proposed_meeting(dossier, paula)
    return meeting_confirm(user=alice, meeting=meeting, slot=meeting.slots.first())


def kpi_terms(**overrides) -> dict:
    today = timezone.localdate()
    terms = {
        "catalogue_code": "S9-K5",
        "name": "Patients identifiés à risque",
        "unit": "patients",
        "baseline": Decimal("0"),
        "target": Decimal("1200"),
        "start_date": today - timedelta(days=120),
        "target_date": today + timedelta(days=245),
        "direction": Kpi.Direction.UP,
        "frequency": Kpi.Frequency.MONTHLY,
        "responsible_side": "startup",
        "meeting_below": 70,
        "review_below": 40,
    }
    terms.update(overrides)
    return terms


def agreed_kpi(dossier: Dossier, proposer, accepter, **overrides) -> Kpi:
    version = kpi_propose(user=proposer, dossier=dossier, terms=kpi_terms(**overrides))
    kpi_accept(user=accepter, version=version)
    return version.kpi


def active_version(kpi: Kpi) -> KpiVersion:
    return kpi.versions.get(status=KpiVersion.Status.ACTIVE)


def days_ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)


def space_objects(world: dict) -> dict:
    """The access matrix's partnership space: the world's dossier with a meeting proposed, one object of each
    kind (built once per test, directly: the matrix checks who reaches them, not how they are made)."""
    if "_space" in world:
        return world["_space"]
    from django.core.files.base import ContentFile

    from partnerships.models import FeedbackRound, KpiAlert, MeetingSlot, NextStep, PartnershipReview

    dossier = world["dossier"]
    Dossier.objects.filter(pk=dossier.pk).update(status=Dossier.Status.MEETING_PROPOSED)
    meeting = Meeting.objects.create(
        dossier=dossier,
        title="Première rencontre",
        place="Paris",
        attendees=ATTENDEES,
        status=Meeting.Status.CONFIRMED,
        starts_at=next_week_at(),
    )
    MeetingSlot.objects.create(meeting=meeting, starts_at=next_week_at(), proposed_by="pharma")
    kpi = Kpi.objects.create(dossier=dossier)
    version = KpiVersion.objects.create(kpi=kpi, proposed_by="startup", **kpi_terms())
    review = PartnershipReview.objects.create(dossier=dossier, status=PartnershipReview.Status.READY)
    review.file.save("review.pdf", ContentFile(b"%PDF-1.7 test"), save=True)
    world["_space"] = {
        "dossier": dossier,
        "meeting": meeting,
        "kpi": kpi,
        "version": version,
        "alert": KpiAlert.objects.create(kpi=kpi, level=KpiAlert.Level.MEETING),
        "next_step": NextStep.objects.create(
            dossier=dossier, side="startup", title="Protocole", owner="Alice", due_date=timezone.localdate()
        ),
        "round": FeedbackRound.objects.create(dossier=dossier, label="T1", deadline=timezone.localdate()),
        "review": review,
    }
    return world["_space"]


def space(name: str, attribute: str = "uuid"):
    """An access-matrix argument: `name`'s `attribute` in the partnership space of the world."""
    return lambda world: [getattr(space_objects(world)[name], attribute)]
