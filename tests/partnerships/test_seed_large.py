"""The benchmark dataset (here at a small size): the counts asked for, scores the engine agrees with, dates
spread like a real inbox's, and the benchmark accounts land on their pages."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from partnerships.management.commands.seed_large import BENCH_PASSWORD, BENCH_PHARMA_EMAIL, BENCH_STARTUP_EMAIL
from partnerships.models import Assessment, Dossier, DossierEvent, DossierMessage, Membership, Organisation, User
from partnerships.selectors.assessments import assessment_result


@pytest.fixture
def seeded(framework):
    call_command("seed_large", pharmas=4, startups=30, dossiers=120, bench_share=0.5, stdout=StringIO())


def test_it_creates_the_organisations_and_dossiers_asked_for(seeded):
    assert Organisation.objects.filter(kind="pharma").count() == 4
    assert Organisation.objects.filter(kind="startup").count() == 30
    assert Dossier.objects.count() == 120
    bench_pharma = User.objects.get(email=BENCH_PHARMA_EMAIL).membership.organisation
    assert 40 <= Dossier.objects.filter(pharma=bench_pharma).count() <= 80  # about half, as asked
    assert len(set(Dossier.objects.values_list("status", flat=True))) >= 4
    assert DossierEvent.objects.filter(to_status="received").count() == 120


def test_every_snapshot_score_is_the_one_the_engine_gives_its_answers(seeded):
    for assessment in Assessment.objects.select_related("target", "organisation__startup_profile")[:10]:
        snapshot = assessment.snapshots.get()
        result = assessment_result(assessment)
        assert snapshot.overall_score == result.overall
        assert snapshot.step_scores == {str(step.number): step.score for step in result.steps}


def test_dossiers_copy_their_snapshot_and_are_spread_over_months(seeded):
    dossiers = list(Dossier.objects.select_related("snapshot"))
    for dossier in dossiers:
        assert dossier.overall_score == dossier.snapshot.overall_score
        assert dossier.startup_name == dossier.snapshot.profile["name"]
        assert sorted(dossier.therapeutic_areas.values_list("code", flat=True)) == (
            dossier.snapshot.profile["therapeutic_areas"]
        )
    ages = [dossier.submitted_at for dossier in dossiers]
    assert (max(ages) - min(ages)).days >= 60


def test_no_answer_decision_or_move_is_dated_after_now_and_moves_follow_each_other(seeded):
    now = timezone.now()
    for dossier in Dossier.objects.prefetch_related("events"):
        dates = [dossier.submitted_at, dossier.first_response_at, dossier.decided_at]
        assert all(date <= now for date in dates if date is not None)
        moves = [event.created_at for event in sorted(dossier.events.all(), key=lambda event: event.pk)]
        assert moves == sorted(moves) and moves[0] == dossier.submitted_at and moves[-1] <= now
        if dossier.decided_at is not None:
            assert moves[-1] == dossier.decided_at


def test_the_benchmark_accounts_log_in_and_see_the_pages_measured(seeded, client):
    startup_user = User.objects.get(email=BENCH_STARTUP_EMAIL)
    assert startup_user.check_password(BENCH_PASSWORD)
    assessment = Assessment.objects.get(organisation=startup_user.membership.organisation)
    client.force_login(startup_user)
    assert client.get(reverse("assessment_results", args=[assessment.pk])).status_code == 200
    assert client.get(reverse("assessment_step", args=[assessment.pk, 3])).status_code == 200

    client.force_login(User.objects.get(email=BENCH_PHARMA_EMAIL))
    response = client.get(reverse("pharma_inbox"), {"status": "in_review", "sort": "score"})
    assert response.status_code == 200


def test_it_refuses_to_seed_the_same_database_twice(seeded):
    with pytest.raises(CommandError, match="already seeded"):
        call_command("seed_large", pharmas=1, startups=1, dossiers=0, stdout=StringIO())


def test_events_and_messages_carry_their_dossiers_sides_and_members_joined_before_the_history(seeded):
    """As the models' save() does for rows written one by one: the navigation's count reads these columns."""
    for model in (DossierEvent, DossierMessage):
        rows = list(model.objects.select_related("dossier"))
        assert rows
        assert all((row.startup_id, row.pharma_id) == (row.dossier.startup_id, row.dossier.pharma_id) for row in rows)
    oldest = Dossier.objects.order_by("submitted_at").first().submitted_at
    assert all(joined < oldest for joined in Membership.objects.values_list("joined_at", flat=True))
