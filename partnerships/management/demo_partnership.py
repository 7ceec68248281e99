"""Demo partnerships (seed_demo): two partnerships followed for months — meetings with notes and next steps,
KPIs agreed by both sides with monthly values, feedback from both sides, and one open alert.

Written directly (dated in the past, no e-mail): the services refuse past slots and notify people, which a
demo must not do. The terms still go through the models' own checks (full_clean).
"""

import random
from datetime import datetime, timedelta
from decimal import Decimal

from django.db.models import F
from django.utils import timezone

from scoring import kpi as engine

from ..models import (
    AssessmentSnapshot,
    Dossier,
    DossierEvent,
    DossierMessage,
    Feedback,
    FeedbackRound,
    Kpi,
    KpiAlert,
    KpiValue,
    KpiVersion,
    Meeting,
    MeetingSlot,
    NextStep,
    Organisation,
    Partnership,
)
from ..selectors.partnership import kpi_terms, meeting_agenda_draft
from ..services.dossiers import TRANSITIONS, dossier_transition

STEPS_TO_START = ("in_review", "meeting_proposed", "partnership_started")
# The demo partnerships began about half a year ago: long enough for months of KPI values.
SUBMITTED_DAYS_AGO = 190


def _start(dossier: Dossier, admin) -> Dossier:
    """Move the dossier to "partnership started", then date its whole history back by the same amount."""
    for status in STEPS_TO_START:
        if status in TRANSITIONS.get(dossier.status, ()):
            dossier = dossier_transition(user=admin, dossier=dossier, to_status=status, notify=False)
    shift = dossier.submitted_at - (timezone.now() - timedelta(days=SUBMITTED_DAYS_AGO))
    DossierEvent.objects.filter(dossier=dossier).update(created_at=F("created_at") - shift)
    DossierMessage.objects.filter(dossier=dossier).update(created_at=F("created_at") - shift)
    AssessmentSnapshot.objects.filter(pk=dossier.snapshot_id).update(created_at=F("created_at") - shift)
    dates = list(dossier.events.order_by("id").values_list("created_at", flat=True))
    Dossier.objects.filter(pk=dossier.pk).update(
        submitted_at=dates[0], first_response_at=dates[1], decided_at=dates[-1]
    )
    dossier.refresh_from_db()
    return dossier


def _past(days: int, hour: int = 10) -> datetime:
    day = timezone.localdate() - timedelta(days=days)
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, 0))


def _meeting(dossier: Dossier, admin, *, days_ago: int, title: str, notes: str) -> Meeting:
    meeting = Meeting.objects.create(
        dossier=dossier,
        title=title,
        place="Siège, salle Pasteur",
        attendees=[
            {"name": "Claire Lemoine", "role": "Directrice de l'innovation", "side": "pharma", "decision_maker": True},
            {"name": "Dr Marc Petit", "role": "Directeur médical", "side": "pharma", "decision_maker": True},
            {"name": "Alice Martin", "role": "CEO", "side": "startup", "decision_maker": True},
        ],
        status=Meeting.Status.CONFIRMED,
        starts_at=_past(days_ago),
        duration_minutes=90,
        agenda=meeting_agenda_draft(dossier),
        agenda_is_draft=True,
        notes=notes,
        created_by=admin,
        reminder_sent_at=_past(days_ago + 1),
    )
    MeetingSlot.objects.create(meeting=meeting, starts_at=meeting.starts_at, duration_minutes=90, proposed_by="pharma")
    return meeting


def _kpi(dossier: Dossier, *, code: str, name: str, unit: str, target: int, pace: list[float], rng):
    """A KPI agreed when the partnership started, for a year, with a value each month at `pace` (share of the
    expected trajectory)."""
    start = timezone.localdate(dossier.decided_at)
    kpi = Kpi.objects.create(dossier=dossier)
    version = KpiVersion(
        kpi=kpi,
        catalogue_code=code,
        name=name,
        unit=unit,
        baseline=Decimal(0),
        target=Decimal(target),
        start_date=start,
        target_date=start + timedelta(days=365),
        responsible_side="startup",
        proposed_by="pharma",
        status=KpiVersion.Status.ACTIVE,
        startup_accepted_at=dossier.decided_at,
        pharma_accepted_at=dossier.decided_at - timedelta(days=2),
    )
    version.full_clean(exclude=["kpi", "proposed_by_user"])
    version.save()
    terms = kpi_terms(version)
    values = []
    for month, share in enumerate(pace, start=1):
        on = start + timedelta(days=31 * month)
        if on > timezone.localdate():
            break
        expected = engine.expected(terms, on)
        values.append(
            KpiValue(kpi=kpi, measured_on=on, value=Decimal(round(expected * share * rng.uniform(0.97, 1.03))))
        )
    KpiValue.objects.bulk_create(values)
    return kpi, values


def _feedback(dossier: Dossier, meeting: Meeting, people: dict, ratings: tuple[int, int]) -> None:
    feedback_round = FeedbackRound.objects.create(
        dossier=dossier, meeting=meeting, label=meeting.title, deadline=meeting.starts_at.date() + timedelta(days=14)
    )
    texts = {
        "startup": (
            "Des décideurs présents et des réponses rapides.",
            "Le circuit juridique reste long.",
            "Un point mensuel court sur les KPI.",
        ),
        "pharma": (
            "Une équipe transparente sur ses contraintes.",
            "Les données du pilote arrivent tard.",
            "Partager les chiffres avant chaque comité.",
        ),
    }
    for side, (works, not_working, change) in texts.items():
        Feedback.objects.create(
            round=feedback_round,
            side=side,
            author=people[side],
            works=works,
            does_not_work=not_working,
            to_change=change,
            collaboration=4,
            responsiveness=ratings[0 if side == "startup" else 1],
            clarity=4,
        )


def seed_partnerships() -> int:
    """Two partnerships of the demo pharma company (pharma@demo.test) with two startups (their founders log in
    as founder<N>@demo.test): one on track, one with an open alert. Idempotent."""
    rng = random.Random(14)
    pharma = Organisation.objects.get(memberships__user__email="pharma@demo.test")
    admin = pharma.memberships.filter(role="admin").first().user
    if Kpi.objects.filter(dossier__pharma=pharma).exists():
        return 0
    candidates = (
        Dossier.objects.filter(pharma=pharma, status__in=("received", "in_review", "meeting_proposed"))
        .exclude(startup__name="CardioSuivi")  # the demo startup's own dossier stays under review
        .order_by("id")[:2]
    )
    for index, dossier in enumerate(candidates):
        startup_user = dossier.startup.memberships.first().user
        dossier = _start(dossier, admin)
        Partnership.objects.create(
            dossier=dossier,
            scope="Pilote de télésurveillance dans deux centres hospitaliers pendant 12 mois, puis décision "
            "de déploiement régional.",
            documents="Accord de confidentialité signé — v2\nProtocole du pilote — v1.3 (espace partagé)\n"
            "Contrat de partenariat — v1 (service juridique)",
        )
        first_days = (timezone.now() - dossier.decided_at).days + 12
        first = _meeting(
            dossier,
            admin,
            days_ago=first_days,
            title="Première rencontre",
            notes="Accord pour un pilote dans deux centres. KPI et niveaux d'alerte à proposer avant la signature.",
        )
        review = _meeting(
            dossier,
            admin,
            days_ago=35,
            title="Revue trimestrielle",
            notes="Recrutement plus lent que prévu dans le second centre.",
        )
        NextStep.objects.bulk_create(
            [
                NextStep(
                    dossier=dossier,
                    meeting=first,
                    side="pharma",
                    title="Présenter le projet au comité médical",
                    owner="Dr Marc Petit",
                    due_date=first.starts_at.date() + timedelta(days=21),
                    done_at=first.starts_at + timedelta(days=18),
                ),
                NextStep(
                    dossier=dossier,
                    meeting=review,
                    side="startup",
                    title="Ouvrir un troisième centre investigateur",
                    owner=str(startup_user),
                    due_date=timezone.localdate() - timedelta(days=5),
                ),
                NextStep(
                    dossier=dossier,
                    meeting=review,
                    side="pharma",
                    title="Mettre en relation avec le réseau régional",
                    owner="Claire Lemoine",
                    due_date=timezone.localdate() + timedelta(days=20),
                ),
            ]
        )
        lagging = index == 0  # the first partnership carries the open alert
        pace = [1.0, 0.95, 0.85, 0.7, 0.55, 0.5] if lagging else [1.0, 1.05, 0.98, 1.02, 1.0, 1.03]
        patients, values = _kpi(
            dossier,
            code="S9-K5",
            name="Nombre de patients identifiés à risque",  # the guide's example: read in each reader's language
            unit="patients",
            target=1200,
            pace=pace,
            rng=rng,
        )
        _kpi(
            dossier,
            code="S9-K3",
            name="Nombre d'utilisateurs",
            unit="professionnels",
            target=300,
            pace=[0.9, 1.0, 1.1, 1.05, 1.1, 1.1],
            rng=rng,
        )
        if lagging:
            latest = values[-1]
            progress = engine.progress(kpi_terms(patients.versions.get()), float(latest.value), latest.measured_on)
            KpiAlert.objects.create(
                kpi=patients,
                level=engine.alert_level(kpi_terms(patients.versions.get()), float(latest.value), latest.measured_on)
                or KpiAlert.Level.MEETING,
                value=latest,
                progress=progress,
                notified_at=timezone.now(),
            )
        else:
            KpiAlert.objects.create(
                kpi=patients,
                level=KpiAlert.Level.MEETING,
                value=values[1],
                progress=66.0,
                decided_by=admin,
                decided_at=_past(60),
                decision="Rencontre tenue : un centre supplémentaire ouvre le mois prochain.",
            )
        _feedback(dossier, first, {"startup": startup_user, "pharma": admin}, (4, 4))
    return len(candidates)
