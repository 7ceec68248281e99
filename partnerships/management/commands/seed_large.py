"""A large dataset for the performance benchmarks: 50 pharma companies, 5,000 startups, 20,000 dossiers.

Rows are written with bulk_create (the services would take an hour at this size), but every figure is computed
as the services compute it: each startup's snapshot is scored by the real engine from its own answers and
profile facts, and each dossier copies its snapshot's score, band and profile as `dossier_submit` does.

Two accounts drive the benchmarks, both with the password printed at the end:
- bench-startup@bench.test, founder of "Bench Startup", whose assessment answers every criterion;
- bench-pharma@bench.test, admin of "Bench Pharma 01", which receives a share of the dossiers (--bench-share).

Meant for a dedicated database (`DATABASE_URL=.../bench_large`); it refuses to run twice on the same one.
"""

import random
from contextlib import contextmanager
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from checklists.models import Item
from checklists.selectors import framework_current, framework_spec
from partnerships.models import (
    Answer,
    Assessment,
    AssessmentSnapshot,
    Dossier,
    DossierActivity,
    DossierEvent,
    DossierMessage,
    Membership,
    Organisation,
    OrganisationIdentity,
    PharmaProfile,
    StartupProfile,
    TargetCompany,
    TherapeuticArea,
    User,
)
from partnerships.services.assessments import profile_as_dict, target_as_dict
from scoring import score

from .seed_demo import BUSINESS_MODELS, EXPECTATIONS, MATURITIES, MODES, NEEDS

BENCH_PASSWORD = "bench-password-2024"
BENCH_STARTUP_EMAIL = "bench-startup@bench.test"
BENCH_PHARMA_EMAIL = "bench-pharma@bench.test"
BATCH = 2000
HISTORY_DAYS = 180  # dossiers are spread over the last six months
# Workflow paths a dossier has gone through, with how often each is seen.
PATHS = [
    ([], 30),
    (["in_review"], 30),
    (["in_review", "meeting_proposed"], 15),
    (["in_review", "meeting_proposed", "partnership_started"], 5),
    (["declined"], 12),
    (["in_review", "declined"], 8),
]


class Command(BaseCommand):
    help = "Seed a large dataset for the benchmarks (bulk inserts; use a dedicated database)."

    def add_arguments(self, parser):
        parser.add_argument("--pharmas", type=int, default=50)
        parser.add_argument("--startups", type=int, default=5000)
        parser.add_argument("--dossiers", type=int, default=20000)
        parser.add_argument(
            "--bench-share", type=float, default=0.25, help="share of the dossiers sent to Bench Pharma 01"
        )
        parser.add_argument("--seed", type=int, default=2024)

    def handle(self, *args, pharmas, startups, dossiers, bench_share, seed, **options):
        framework = framework_current()
        if framework is None:
            raise CommandError("Load the guide first: manage.py load_framework")
        if User.objects.filter(email=BENCH_STARTUP_EMAIL).exists():
            raise CommandError("This database is already seeded; use an empty one (e.g. dropdb/createdb bench_large).")
        if pharmas < 1 or startups < 1 or dossiers < 0 or not 0 <= bench_share <= 1:
            raise CommandError("--pharmas and --startups must be at least 1, --bench-share between 0 and 1.")
        seeder = LargeSeeder(framework, random.Random(seed), self.stdout)
        with transaction.atomic():
            counts = seeder.run(pharmas=pharmas, startups=startups, dossiers=dossiers, bench_share=bench_share)
        if connection.vendor == "postgresql":
            # Bulk loads leave the planner's statistics empty and the visibility map unset (no index-only
            # reads) until autovacuum passes: measure what production would see once it has. (VACUUM cannot
            # run in a transaction, as in the tests: ANALYZE alone there.)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        self.stdout.write(self.style.SUCCESS("Seeded: " + ", ".join(f"{n} {what}" for what, n in counts.items())))
        self.stdout.write(f"Benchmark accounts: {BENCH_STARTUP_EMAIL}, {BENCH_PHARMA_EMAIL}; password {BENCH_PASSWORD}")


class LargeSeeder:
    def __init__(self, framework, rng: random.Random, stdout):
        self.framework = framework
        self.rng = rng
        self.stdout = stdout
        self.password = make_password(BENCH_PASSWORD)  # hashed once: hashing per user would take minutes
        self.spec = framework_spec(framework)
        self.criteria = dict(  # item pk → code
            Item.objects.filter(framework=framework, side=Item.Side.STARTUP, kind=Item.Kind.CRITERION).values_list(
                "pk", "code"
            )
        )
        self.areas = {area.code: area for area in TherapeuticArea.objects.all()}
        self.now = timezone.now()

    def progress(self, message: str) -> None:
        self.stdout.write(f"  {message}")

    def run(self, *, pharmas: int, startups: int, dossiers: int, bench_share: float) -> dict[str, int]:
        pharma_orgs = self.pharmas(pharmas)
        self.progress(f"{len(pharma_orgs)} pharma companies")
        snapshots = self.startups(startups)
        self.progress(f"{len(snapshots)} startups with an answered, scored assessment")
        sent = self.dossiers(dossiers, pharma_orgs, snapshots, bench_share)
        self.progress(f"{sent} dossiers")
        return {"pharma companies": len(pharma_orgs), "startups": len(snapshots), "dossiers": sent}

    # --- Organisations and their members ----------------------------------------------------------------------

    def users(self, emails: list[str]) -> list[User]:
        users = [User(email=email, first_name=email.split("@")[0], password=self.password) for email in emails]
        return User.objects.bulk_create(users, batch_size=BATCH)

    def organisations(self, kind: str, names: list[str], admin_emails: list[str]) -> list[Organisation]:
        organisations = Organisation.objects.bulk_create(
            [Organisation(kind=kind, name=name) for name in names], batch_size=BATCH
        )
        admins = self.users(admin_emails)
        # Members since before the oldest dossier: what is new to them reaches as far back as the navigation's
        # count looks, as for a team that has used the app for months.
        joined = self.now - timedelta(days=HISTORY_DAYS + 20)
        with dates_as_given(Membership, "joined_at"):
            Membership.objects.bulk_create(
                [
                    Membership(user=user, organisation=organisation, role=Membership.Role.ADMIN, joined_at=joined)
                    for user, organisation in zip(admins, organisations, strict=True)
                ],
                batch_size=BATCH,
            )
        return organisations

    def pharmas(self, count: int) -> list[Organisation]:
        rng = self.rng
        names = [f"Bench Pharma {number:02d}" for number in range(1, count + 1)]
        emails = [BENCH_PHARMA_EMAIL] + [f"pharma{number:02d}@bench.test" for number in range(2, count + 1)]
        organisations = self.organisations(Organisation.Kind.PHARMA, names, emails)
        profiles = PharmaProfile.objects.bulk_create(
            [
                PharmaProfile(
                    organisation=organisation,
                    is_published=True,
                    level=rng.choice(["affiliate", "head_office"]),
                    description=f"Équipe open innovation de {organisation.name}.",
                    entry_point="innovation@bench.example",
                    decision_makers="Directeur open innovation ; directeur médical",
                    decision_milestones="Appel de découverte (S1), comité innovation (S4), contrat (S8-S12)",
                    typical_decision_weeks=rng.randint(4, 26),
                    budget_ranges="Expérimentation : 50-150 k€",
                    partnership_modes=rng.sample(MODES, 3),
                    needs=rng.sample(NEEDS, 2),
                    equity_investment=rng.random() < 0.3,
                    referent_name="Claire Martin",
                    referent_email="referent@bench.example",
                )
                for organisation in organisations
            ]
        )
        # Only verified companies are in the directory and receive dossiers (Luhn-valid SIREN of a fictitious company).
        OrganisationIdentity.objects.bulk_create(
            OrganisationIdentity(organisation=organisation, legal_identifier="412345670", status="verified")
            for organisation in organisations
        )
        through = PharmaProfile.therapeutic_areas.through
        through.objects.bulk_create(
            [
                through(pharmaprofile_id=profile.pk, therapeuticarea_id=self.areas[code].pk)
                for profile in profiles
                for code in rng.sample(sorted(self.areas), 3)
            ]
        )
        return organisations

    # --- Startups: profile, target meeting, answered assessment and its scored snapshot ----------------------

    def startups(self, count: int) -> list[AssessmentSnapshot]:
        rng = self.rng
        names = ["Bench Startup"] + [f"Startup {number:05d}" for number in range(2, count + 1)]
        emails = [BENCH_STARTUP_EMAIL] + [f"founder{number:05d}@bench.test" for number in range(2, count + 1)]
        organisations = self.organisations(Organisation.Kind.STARTUP, names, emails)
        profiles = StartupProfile.objects.bulk_create(
            [self.startup_profile(organisation) for organisation in organisations], batch_size=BATCH
        )
        areas_of = {profile.pk: rng.sample(sorted(self.areas), 2) for profile in profiles}
        through = StartupProfile.therapeutic_areas.through
        through.objects.bulk_create(
            [
                through(startupprofile_id=pk, therapeuticarea_id=self.areas[code].pk)
                for pk, codes in areas_of.items()
                for code in codes
            ],
            batch_size=BATCH,
        )
        targets = TargetCompany.objects.bulk_create(
            [
                TargetCompany(
                    organisation=organisation,
                    name=f"Bench Pharma {rng.randint(1, 50):02d}",
                    level=rng.choice(["affiliate", "head_office"]),
                    function=rng.choice(["medical", "marketing", "market_access", "innovation"]),
                    partnership_sought=["co_development"],
                )
                for organisation in organisations
            ],
            batch_size=BATCH,
        )
        assessments = Assessment.objects.bulk_create(
            [
                Assessment(organisation=organisation, target=target, framework=self.framework)
                for organisation, target in zip(organisations, targets, strict=True)
            ],
            batch_size=BATCH,
        )
        self.progress("startups, profiles, targets and assessments")
        snapshots = []
        answers = []
        for index, (assessment, profile, target) in enumerate(zip(assessments, profiles, targets, strict=True)):
            # The bench startup answers everything; the others leave a few criteria for later.
            levels = {
                pk: rng.choice([0, 1, 1, 2, 2, 2, 3, 3]) for pk in self.criteria if index == 0 or rng.random() < 0.9
            }
            answers.extend(Answer(assessment=assessment, item_id=pk, level=level) for pk, level in levels.items())
            snapshots.append(self.snapshot(assessment, profile, target, areas_of[profile.pk], levels))
            if len(answers) >= 20 * BATCH:
                Answer.objects.bulk_create(answers, batch_size=BATCH)
                answers = []
        Answer.objects.bulk_create(answers, batch_size=BATCH)
        self.progress("answers")
        return AssessmentSnapshot.objects.bulk_create(snapshots, batch_size=BATCH)

    def startup_profile(self, organisation: Organisation) -> StartupProfile:
        rng = self.rng
        is_medical_device = rng.random() < 0.6
        return StartupProfile(
            organisation=organisation,
            description=f"{organisation.name} : solution numérique de suivi des patients.",
            maturity=rng.choice(MATURITIES),
            is_medical_device=is_medical_device,
            device_class=rng.choice(["I", "IIa", "IIb"]) if is_medical_device else "none",
            has_ai=rng.random() < 0.4,
            processes_health_data=rng.random() < 0.9,
            business_models=rng.sample(BUSINESS_MODELS, rng.randint(1, 2)),
            is_etp_programme=rng.random() < 0.2,
            deploys_abroad=rng.random() < 0.3,
            target_users=["patients", "professionals"],
            team_size=rng.randint(2, 60),
            cash_runway_months=rng.randint(3, 36),
            pharma_expectations=rng.sample(EXPECTATIONS, 2),
            partnership_sought=rng.sample(MODES, 2),
        )

    def snapshot(self, assessment, profile, target, area_codes, levels) -> AssessmentSnapshot:
        """What `assessment_snapshot_create` would freeze, scored by the same engine."""
        facts = {**profile.facts(), **target.facts()}
        codes = self.criteria
        result = score(self.spec, facts, {codes[pk]: level for pk, level in levels.items()})
        return AssessmentSnapshot(
            assessment=assessment,
            framework=self.framework,
            created_at=self.now,
            facts=facts,
            profile=profile_as_dict(profile, therapeutic_areas=area_codes),
            target=target_as_dict(target),
            answers={
                codes[pk]: {"level": level, "na": False, "note": "", "evidence_url": ""} for pk, level in levels.items()
            },
            overall_score=result.overall,
            band=result.band.code if result.band else "",
            step_scores={str(step.number): step.score for step in result.steps},
            phase_scores=dict(result.phases),
        )

    # --- Dossiers: sent to the pharma companies, at every stage of the review --------------------------------

    def dossiers(self, count, pharmas, snapshots, bench_share) -> int:
        rng = self.rng
        bench, others = pharmas[0], pharmas[1:] or pharmas
        paths, weights = zip(*PATHS, strict=True)
        rows, area_links, histories = [], [], []
        for index in range(count):
            snapshot = snapshots[index % len(snapshots)]
            pharma = bench if rng.random() < bench_share else rng.choice(others)
            age = timedelta(days=rng.randint(0, HISTORY_DAYS), minutes=rng.randint(0, 1440))
            submitted = self.now - age
            path = rng.choices(paths, weights)[0]
            status = path[-1] if path else Dossier.Status.RECEIVED
            decided = status in (Dossier.Status.DECLINED, Dossier.Status.PARTNERSHIP_STARTED)
            # Nothing dated after now: a dossier of yesterday has at most been answered today.
            first_response = min(submitted + timedelta(days=rng.randint(1, 20)), self.now) if path else None
            decided_at = min(first_response + timedelta(days=rng.randint(5, 60)), self.now) if decided else None
            if decided and len(path) == 1:
                decided_at = first_response  # declined at once: the first response is the decision
            frozen = snapshot.profile
            rows.append(
                Dossier(
                    startup_id=snapshot.assessment.organisation_id,
                    pharma=pharma,
                    target_id=snapshot.assessment.target_id,
                    snapshot=snapshot,
                    cover_message="Nous préparons notre rencontre et souhaitons vous présenter notre solution.",
                    decision_needed_by=(submitted + timedelta(days=rng.randint(20, 120))).date(),
                    status=status,
                    decline_reason="Hors de nos aires thérapeutiques prioritaires." if status == "declined" else "",
                    submitted_at=submitted,
                    first_response_at=first_response,
                    decided_at=decided_at,
                    startup_name=frozen["name"],
                    overall_score=snapshot.overall_score,
                    band=snapshot.band,
                    maturity=frozen["maturity"],
                    business_models=frozen["business_models"],
                )
            )
            area_links.append(frozen["therapeutic_areas"])
            histories.append((submitted, path, self._move_dates(first_response, decided_at, len(path))))
        with dates_as_given(Dossier, "submitted_at"):
            created = Dossier.objects.bulk_create(rows, batch_size=BATCH)
        through = Dossier.therapeutic_areas.through
        through.objects.bulk_create(
            [
                through(dossier_id=dossier.pk, therapeuticarea_id=self.areas[code].pk)
                for dossier, codes in zip(created, area_links, strict=True)
                for code in codes
            ],
            batch_size=BATCH,
        )
        events, messages = [], []
        for dossier, (submitted, path, moved_at) in zip(created, histories, strict=True):
            sides = DossierActivity.sides_of(dossier)  # bulk_create does not call save(), which copies them
            statuses = [Dossier.Status.RECEIVED, *path]
            events.extend(
                DossierEvent(dossier=dossier, from_status=before, to_status=after, created_at=at, **sides)
                for before, after, at in zip(["", *statuses], statuses, [submitted, *moved_at], strict=False)
            )
            # The startup's word the next hour; the team's question at its first response, the answer a day later.
            said = [(submitted + timedelta(hours=1), "Nous restons à votre disposition pour toute question.")]
            if dossier.first_response_at:
                said += [
                    (dossier.first_response_at, "Pouvez-vous préciser vos données cliniques ?"),
                    (min(dossier.first_response_at + timedelta(days=1), self.now), "Voici nos résultats d'étude."),
                ]
            messages.extend(DossierMessage(dossier=dossier, body=body, created_at=at, **sides) for at, body in said)
        with dates_as_given(DossierEvent, "created_at"):
            DossierEvent.objects.bulk_create(events, batch_size=BATCH)
        with dates_as_given(DossierMessage, "created_at"):
            DossierMessage.objects.bulk_create(messages, batch_size=BATCH)
        self.progress(f"{len(events)} dossier events, {len(messages)} messages")
        return len(created)

    def _move_dates(self, first_response, decided_at, moves: int) -> list:
        """When each review move happened: the first at the first response, the last at the decision (or
        within weeks, never after now), the others in between."""
        if not moves:
            return []
        last = decided_at or min(first_response + timedelta(days=7 * (moves - 1)), self.now)
        return [first_response + (last - first_response) * move / max(moves - 1, 1) for move in range(moves)]


@contextmanager
def dates_as_given(model, field_name: str):
    """Let bulk_create write the dates we spread over the past months instead of `auto_now_add`'s now."""
    field = model._meta.get_field(field_name)
    field.auto_now_add = False
    try:
        yield
    finally:
        field.auto_now_add = True
