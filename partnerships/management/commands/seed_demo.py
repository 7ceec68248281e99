"""A realistic demo: pharma companies with published commitments, startups with assessments, dossiers under review.

Idempotent: a second run finds the demo organisations and changes nothing. Everything goes through the
same services as the screens, so the demo data obeys the same rules (frozen snapshots, workflow, audit).
"""

import random
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from checklists.models import Item
from checklists.selectors import framework_current
from partnerships.management import demo_trust
from partnerships.management.demo_partnership import seed_partnerships
from partnerships.management.demo_plan_api import seed_plans_and_peers
from partnerships.management.demo_reviews import seed_reviews
from partnerships.models import (
    Answer,
    Dossier,
    DossierEvent,
    DossierMessage,
    Membership,
    Organisation,
    TherapeuticArea,
    User,
)
from partnerships.services.assessments import assessment_for_target, assessment_snapshot_create
from partnerships.services.dossiers import dossier_message_post, dossier_submit, dossier_transition
from partnerships.services.organisations import organisation_create
from partnerships.services.startup import target_create

PASSWORD = "demo-password-2024"
STARTUP_DEMO_NAME = "CardioSuivi"

PHARMAS = [
    (
        "Laboratoires Exemple France",
        "affiliate",
        ["cardiology", "diabetes-endocrinology", "nephrology"],
        10,
        "pharma@demo.test",
    ),
    ("Pharma Horizon", "head_office", ["oncology", "haematology", "immunology"], 20, "horizon@demo.test"),
    ("BioSanté Laboratoires", "affiliate", ["neurology", "mental-health", "rare-diseases"], 6, "biosante@demo.test"),
    ("Medica Europe", "head_office", ["respiratory", "cardiology", "infectious-diseases"], 16, "medica@demo.test"),
]
STARTUP_NAMES = [
    STARTUP_DEMO_NAME,
    "OncoCompanion",
    "DiabetoCoach",
    "NeuroTrack",
    "RespiHome",
    "PsyLink",
    "RenalCare",
    "DermaScan",
    "HemaFollow",
    "ImmunoPath",
    "KidsAsthma",
    "SleepWell Santé",
    "RehabMotion",
    "PainLess",
    "FertiCare",
    "GeriaLink",
    "OphtaVision",
    "CardioRythme",
    "NutriDiab",
    "OncoNutri",
    "MindBalance",
    "ParkiStep",
    "AllergoTrack",
    "HepatoWatch",
]
MATURITIES = ["prototype", "development", "clinical_validation", "commercialised"]
BUSINESS_MODELS = ["remote_monitoring", "pecan", "hospital_purchase", "out_of_pocket", "complementary_insurance"]
EXPECTATIONS = ["financing", "technology_development", "experiment_deployment", "user_access", "expertise"]
MODES = ["co_development", "clinical_development", "co_promotion", "market_access", "distribution", "expertise"]
NEEDS = ["co_development", "tender_sourcing", "pipeline_integration", "data_collection"]


class Command(BaseCommand):
    help = "Create the demo organisations, accounts, assessments and dossiers (idempotent)."

    def handle(self, *args, **options):
        if Organisation.objects.filter(name=STARTUP_DEMO_NAME).exists():
            self.stdout.write("Demo data already present: nothing to do.")
            return
        framework = framework_current()
        if framework is None:
            self.stderr.write("Load the guide first: manage.py load_framework")
            return
        with transaction.atomic():
            counts = Seeder(framework, random.Random(2024)).run()
            counts.update(seed_plans_and_peers())  # action plan and peer benchmark (issue 16)
            counts["partnerships followed"] = seed_partnerships()  # after the meeting: KPIs, alerts, feedback
        self.stdout.write(self.style.SUCCESS("Demo ready: " + ", ".join(f"{n} {what}" for what, n in counts.items())))
        self.stdout.write(
            f"Log in with startup@demo.test (startup), pharma@demo.test (pharma admin), reviewer@demo.test "
            f"(pharma reviewer) or admin@demo.test (staff, /admin/), password {PASSWORD}"
        )


def _user(email: str, first_name: str, **extra) -> User:
    user = User.objects.filter(email=email).first()
    return user or User.objects.create_user(email=email, password=PASSWORD, first_name=first_name, **extra)


class Seeder:
    def __init__(self, framework, rng: random.Random):
        self.framework = framework
        self.rng = rng
        self.areas = list(TherapeuticArea.objects.values_list("code", flat=True))
        self.items = list(
            Item.objects.filter(framework=framework, side=Item.Side.STARTUP, kind=Item.Kind.CRITERION).only("id")
        )

    def run(self) -> dict[str, int]:
        staff = _user("admin@demo.test", "Admin", is_staff=True, is_superuser=True)
        pharmas = [self.pharma(*spec) for spec in PHARMAS]
        demo_trust.verify_pharmas(pharmas, staff, PASSWORD)
        reviewer = _user("reviewer@demo.test", "Romain")
        Membership.objects.get_or_create(
            user=reviewer, defaults={"organisation": pharmas[0], "role": Membership.Role.REVIEWER}
        )
        dossiers = 0
        for index, name in enumerate(STARTUP_NAMES):
            email = "startup@demo.test" if index == 0 else f"founder{index}@demo.test"
            founder = _user(email, "Alice" if index == 0 else f"Founder {index}")
            startup = organisation_create(name=name, kind=Organisation.Kind.STARTUP, admin=founder)
            self.startup_profile(startup, demo=index == 0)
            targets = [pharmas[index % len(pharmas)]] + ([pharmas[1]] if index == 0 else [])
            for pharma in targets:
                snapshot = self.assessed_snapshot(startup, founder, pharma, improve=index == 0)
                if index == 0 and pharma == pharmas[1]:
                    continue  # the demo startup keeps one meeting in preparation, not yet sent
                self.dossier(snapshot, founder, pharma, reviewer if pharma == pharmas[0] else None, index)
                dossiers += 1
            if index == 0:
                demo_trust.open_confidential_part(founder, pharmas[0])
        seed_reviews(startup_name=STARTUP_DEMO_NAME, pharma_name=pharmas[0].name)  # two reviewers' scores, shared
        return {"pharma companies": len(pharmas), "startups": len(STARTUP_NAMES), "dossiers": dossiers}

    def pharma(self, name, level, areas, weeks, admin_email) -> Organisation:
        admin = _user(admin_email, "Paula" if admin_email == "pharma@demo.test" else "Admin")
        organisation = organisation_create(name=name, kind=Organisation.Kind.PHARMA, admin=admin)
        profile = organisation.pharma_profile
        profile.is_published = True
        profile.level = level
        profile.description = f"Équipe open innovation de {name}."
        profile.entry_point = f"innovation@{name.split()[0].lower()}.example"
        profile.decision_makers = "Directeur open innovation ; directeur médical ; responsable accès au marché"
        profile.decision_milestones = "Appel de découverte (S1), comité innovation (S4), contrat (S8-S12)"
        profile.typical_decision_weeks = weeks
        profile.budget_ranges = "Expérimentation : 50-150 k€ ; co-développement : 300 k€ et plus"
        profile.partnership_modes = self.rng.sample(MODES, 3)
        profile.needs = self.rng.sample(NEEDS, 2)
        profile.equity_investment = level == "head_office"
        profile.referent_name = "Claire Martin"
        profile.referent_email = f"referent@{name.split()[0].lower()}.example"
        profile.save()
        profile.therapeutic_areas.set(TherapeuticArea.objects.filter(code__in=areas))
        return organisation

    def startup_profile(self, startup: Organisation, *, demo: bool) -> None:
        rng = self.rng
        profile = startup.startup_profile
        profile.description = f"{startup.name} : solution numérique de suivi des patients."
        profile.maturity = "clinical_validation" if demo else rng.choice(MATURITIES)
        profile.is_medical_device = demo or rng.random() < 0.6
        profile.device_class = "IIa" if profile.is_medical_device else "none"
        profile.has_ai = demo or rng.random() < 0.4
        profile.processes_health_data = True
        profile.business_models = ["remote_monitoring"] if demo else rng.sample(BUSINESS_MODELS, rng.randint(1, 2))
        profile.is_etp_programme = rng.random() < 0.2
        profile.deploys_abroad = rng.random() < 0.3
        profile.target_users = ["patients", "professionals"]
        profile.team_size = rng.randint(3, 40)
        profile.cash_runway_months = 9 if demo else rng.randint(4, 30)
        profile.support_structures = "Incubateur Paris Santé Campus" if demo else ""
        profile.pharma_expectations = ["financing", "experiment_deployment"] if demo else rng.sample(EXPECTATIONS, 2)
        profile.partnership_sought = ["co_development", "market_access"] if demo else rng.sample(MODES, 2)
        profile.save()
        areas = ["cardiology"] if demo else rng.sample(self.areas, 2)
        profile.therapeutic_areas.set(TherapeuticArea.objects.filter(code__in=areas))

    def assessed_snapshot(self, startup, founder, pharma: Organisation, *, improve: bool):
        target = target_create(
            organisation=startup,
            data={
                "name": pharma.name,
                "level": pharma.pharma_profile.level,
                "function": self.rng.choice(["medical", "marketing", "market_access", "innovation"]),
                "partnership_sought": ["co_development"],
                "pharma": pharma,
            },
            user=founder,
        )
        assessment = assessment_for_target(target=target, user=founder)
        levels = {item.pk: self.rng.choice([0, 1, 1, 2, 2, 2, 3, 3]) for item in self.items}
        self.answer(assessment, founder, levels)
        snapshot = assessment_snapshot_create(assessment=assessment, user=founder)
        if improve:  # a second, better snapshot a few weeks later, to show progress over time
            type(snapshot).objects.filter(pk=snapshot.pk).update(created_at=timezone.now() - timedelta(days=21))
            self.answer(assessment, founder, {pk: min(3, level + 1) for pk, level in levels.items()})
            snapshot = assessment_snapshot_create(assessment=assessment, user=founder)
        return snapshot

    def answer(self, assessment, user, levels: dict[int, int]) -> None:
        Answer.objects.filter(assessment=assessment).delete()
        Answer.objects.bulk_create(
            Answer(assessment=assessment, item_id=pk, level=level, updated_by=user) for pk, level in levels.items()
        )
        assessment.save(update_fields=["updated_at"])  # the answers' revision, which cached scores are keyed on

    def dossier(self, snapshot, founder, pharma, reviewer, index: int) -> Dossier:
        rng = self.rng
        # The demo startup's dossier follows its second snapshot, made after the first one (21 days ago).
        age = timedelta(days=rng.randint(1, 14) if index == 0 else rng.randint(1, 75))
        dossier = dossier_submit(
            user=founder,
            snapshot=snapshot,
            pharma=pharma,
            cover_message="Nous préparons notre rencontre et souhaitons vous présenter notre solution.",
            decision_needed_by=(timezone.localdate() - age + timedelta(days=rng.randint(20, 90))),
            notify=False,
        )
        pharma_admin = Membership.objects.filter(organisation=pharma, role=Membership.Role.ADMIN).first().user
        path = rng.choice([[], ["in_review"], ["in_review", "meeting_proposed"], ["declined"], ["in_review"]])
        if index % 7 == 3:
            path = ["in_review", "meeting_proposed", "partnership_started"]
        for status in path:
            reason = "Hors de nos aires thérapeutiques prioritaires cette année." if status == "declined" else ""
            dossier = dossier_transition(
                user=pharma_admin, dossier=dossier, to_status=status, reason=reason, notify=False
            )
        if path:
            post = {"user": pharma_admin, "dossier": dossier, "notify": False}
            dossier_message_post(**post, body="Merci, nous revenons vers vous sous quinze jours.", is_internal=False)
            if reviewer:
                dossier_message_post(**post, body="Profil intéressant, à voir avec le médical.", is_internal=True)
        # Spread the dossiers over the past weeks so the inbox shows ages, medians and overdue ones: submitted,
        # then each move of the review a few days apart (never in the future), the messages with the first move.
        now = timezone.now()
        submitted = now - age
        first_response = min(submitted + timedelta(days=rng.randint(2, 10)), now) if path else None
        moved = [submitted] + [min(first_response + timedelta(days=4 * step), now) for step in range(len(path))]
        for event, when in zip(DossierEvent.objects.filter(dossier=dossier).order_by("id"), moved, strict=True):
            DossierEvent.objects.filter(pk=event.pk).update(created_at=when)
        DossierMessage.objects.filter(dossier=dossier).update(created_at=first_response or submitted)
        # The assessment was submitted a little before the dossier that sends it.
        type(snapshot).objects.filter(pk=snapshot.pk).update(created_at=submitted - timedelta(hours=2))
        decided = dossier.status in (Dossier.Status.DECLINED, Dossier.Status.PARTNERSHIP_STARTED)
        Dossier.objects.filter(pk=dossier.pk).update(
            submitted_at=submitted, first_response_at=first_response, decided_at=moved[-1] if decided else None
        )
        return dossier
