"""After answering, the founder submits and reads the results: score, band, radar, gaps, dual checklist, progress."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from checklists.models import Item
from partnerships.models import AssessmentSnapshot
from partnerships.services.assessments import answer_save, assessment_submit

from .startup_helpers import answer_all, applicable_criteria

pytestmark = pytest.mark.django_db


def results_url(assessment) -> str:
    return reverse("assessment_results", args=[assessment.pk])


def test_submitting_keeps_a_dated_snapshot_and_shows_the_results(alice_client, assessment):
    answer_all(assessment, 3)
    response = alice_client.post(reverse("assessment_submit", args=[assessment.pk]))
    assert response.status_code == 302
    assert response["Location"] == results_url(assessment)
    snapshot = AssessmentSnapshot.objects.get(assessment=assessment)
    assert snapshot.overall_score == 100
    assert snapshot.band == "ready"


def test_results_show_overall_score_band_radar_and_step_scores(alice_client, assessment, alice):
    answer_all(assessment, 2)
    assessment_submit(assessment=assessment, user=alice)
    response = alice_client.get(results_url(assessment))
    content = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in content and 'class="radar-chart"' in content
    assert "67" in content  # level 2 of 3 everywhere
    assert "Presque prêt" in content and "band-nearly" in content
    assert response.context["snapshot"] is not None
    assert response.context["assessment"] == assessment
    assert len(response.context["steps"]) == 10


def test_results_list_top_gaps_per_step_with_the_guides_advice(alice_client, assessment, alice):
    answer_all(assessment, 3)
    item = applicable_criteria(assessment, 3)[0]
    answer = assessment.answers.get(item=item)
    answer_save(
        assessment=assessment,
        item=item,
        values={"level": 0, "not_applicable": False, "note": "", "evidence_url": ""},
        expected_revision=answer.revision,
        user=alice,
    )
    assessment_submit(assessment=assessment, user=alice)
    response = alice_client.get(results_url(assessment))
    step3 = response.context["steps"][2]
    assert [gap["code"] for gap in step3.gaps] == [item.code]
    assert step3.gaps[0]["guidance"] == item.guidance_fr
    assert all(not row.gaps for row in response.context["steps"] if row.step.number != 3)


def test_results_compare_the_latest_snapshot_with_the_previous_one(alice_client, assessment, alice):
    answer_all(assessment, 1)
    assessment_submit(assessment=assessment, user=alice)
    answer_all(assessment, 3)
    assessment_submit(assessment=assessment, user=alice)
    response = alice_client.get(results_url(assessment))
    assert response.context["overall_delta"] == pytest.approx(100 - 100 / 3, abs=20)  # capped steps make it larger
    assert response.context["overall_delta"] > 0
    step1 = response.context["steps"][0]
    assert step1.previous is not None and step1.delta > 0
    assert "+" in response.content.decode()


def test_dual_checklist_ticks_the_startups_commitments(alice_client, assessment, alice):
    commitment = Item.objects.filter(framework=assessment.framework, kind="commitment", side="startup").first()
    answer_save(
        assessment=assessment,
        item=commitment,
        values={"level": 3, "not_applicable": False, "note": "", "evidence_url": ""},
        expected_revision=0,
        user=alice,
    )
    assessment_submit(assessment=assessment, user=alice)
    checklist = alice_client.get(results_url(assessment)).context["checklist"]
    done = {line["code"]: line["done"] for line in checklist["startup_commitments"]}
    assert done[commitment.code] is True
    assert sum(done.values()) == 1
    assert {len(checklist[key]) > 0 for key in checklist} == {True}
    assert all(line["code"].startswith("PC-") for line in checklist["pharma_commitments"])


def test_results_before_any_submission_are_a_draft(alice_client, assessment):
    answer_all(assessment, 3, step_number=1)
    response = alice_client.get(results_url(assessment))
    assert response.status_code == 200
    assert response.context["snapshot"] is None
    assert response.context["steps"][0].score.score == 100


def test_another_organisations_results_are_a_404(client, charlie, assessment):
    client.force_login(charlie)
    assert client.get(results_url(assessment)).status_code == 404
    assert client.post(reverse("assessment_submit", args=[assessment.pk])).status_code == 404
    assert not AssessmentSnapshot.objects.exists()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_results_page_queries_do_not_grow_with_answers_or_snapshots(alice_client, assessment, alice):
    alice_client.get(results_url(assessment))  # warm the framework cache
    draft = _queries(alice_client, results_url(assessment))
    answer_all(assessment, 1)
    assessment_submit(assessment=assessment, user=alice)
    one = _queries(alice_client, results_url(assessment))
    for level in (2, 3, 0, 1):
        answer_all(assessment, level)
        assessment_submit(assessment=assessment, user=alice)
    many = _queries(alice_client, results_url(assessment))
    assert one == many, (draft, one, many)


def test_submitting_with_no_answer_asks_for_one_first(alice_client, assessment):
    response = alice_client.post(reverse("assessment_submit", args=[assessment.pk]))
    assert response["Location"].startswith(reverse("assessment_step", args=[assessment.pk, 1]))
    assert not AssessmentSnapshot.objects.exists()


def test_a_profile_change_that_changes_what_applies_asks_to_submit_again(alice_client, assessment, alice):
    profile = alice.membership.organisation.startup_profile
    profile.has_ai = True
    profile.save()
    answer_all(assessment, 2)
    assessment_submit(assessment=assessment, user=alice)
    assert 'id="changed-since-snapshot"' not in alice_client.get(results_url(assessment)).content.decode()

    # Unticking AI changes which items apply (the AI Act): the snapshot's scores no longer tell the truth.
    profile.has_ai = False
    profile.save()
    assert 'id="changed-since-snapshot"' in alice_client.get(results_url(assessment)).content.decode()

    profile.has_ai = True
    profile.save()
    assert 'id="changed-since-snapshot"' not in alice_client.get(results_url(assessment)).content.decode()


def test_the_results_help_says_the_critical_flags_and_the_cap_are_the_platforms_own(alice_client, assessment):
    page = alice_client.get(results_url(assessment)).content.decode()
    help_text = page.split('id="scoring-help"', 1)[1].split("</details>", 1)[0]
    assert "propres à cette plateforme" in help_text and "50" in help_text
