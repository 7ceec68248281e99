"""A founder answers the ten steps: applicable criteria with guidance, saving as they go, conflicts shown."""

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from checklists.models import Item
from partnerships.models import Answer

from .startup_helpers import answer_all, applicable_criteria, step_post_data

pytestmark = pytest.mark.django_db


def step_url(assessment, number: int) -> str:
    return reverse("assessment_step", args=[assessment.pk, number])


def test_assessment_start_opens_step_one_for_a_new_target(alice_client, framework, target):
    response = alice_client.get(reverse("assessment_start", args=[target.pk]))
    assessment = target.assessments.get()
    assert response.status_code == 302
    assert response["Location"] == step_url(assessment, 1)
    assert assessment.framework == framework


def test_step_page_shows_applicable_criteria_with_guidance_and_scale(alice_client, assessment):
    response = alice_client.get(step_url(assessment, 1))
    assert response.status_code == 200
    content = response.content.decode()
    for item in applicable_criteria(assessment, 1):
        assert escape(item.text_fr) in content
        assert escape(item.guidance_fr) in content
    for entry in assessment.framework.answer_scale:
        assert entry["fr"] in content


def test_step_page_lists_items_that_do_not_apply_with_their_reason(alice_client, assessment):
    # The factory's startup is not a medical device: the MDR/CE-marking items do not apply to it.
    device_items = [
        item
        for item in Item.objects.filter(framework=assessment.framework, kind="criterion")
        if item.applicability == {"fact": "is_medical_device", "equals": True}
    ]
    assert device_items
    item = device_items[0]
    response = alice_client.get(step_url(assessment, item.step.number))
    content = response.content.decode()
    assert 'class="list-group-item text-body-secondary not-applicable"' in content
    assert escape(item.not_applicable_reason_fr) in content
    assert f'name="{item.code}-level"' not in content


def test_saving_a_step_stores_answers_and_moves_on(alice_client, assessment):
    items = applicable_criteria(assessment, 1)
    data = step_post_data(assessment, 1, {items[0].code: "3", items[1].code: "na"}, go="next")
    data[f"{items[0].code}-note"] = "Étude pilote en cours"
    data[f"{items[0].code}-evidence_url"] = "https://example.org/etude"
    response = alice_client.post(step_url(assessment, 1), data)
    assert response.status_code == 302
    assert response["Location"] == step_url(assessment, 2)
    first = Answer.objects.get(assessment=assessment, item=items[0])
    saved = (first.level, first.note, first.evidence_url, first.revision)
    assert saved == (3, "Étude pilote en cours", "https://example.org/etude", 1)
    assert Answer.objects.get(assessment=assessment, item=items[1]).not_applicable
    # Untouched items are not written.
    assert assessment.answers.count() == 2


def test_a_bad_evidence_link_gets_a_field_message_and_keeps_what_was_typed(alice_client, assessment):
    items = applicable_criteria(assessment, 1)
    data = step_post_data(assessment, 1, {items[0].code: "2", items[1].code: "1"})
    data[f"{items[0].code}-evidence_url"] = "not a link at all"
    data[f"{items[0].code}-note"] = "ma note"
    response = alice_client.post(step_url(assessment, 1), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "is-invalid" in content
    assert 'value="not a link at all"' in content
    assert "ma note" in content
    # The valid item was saved; the invalid one was not.
    assert Answer.objects.get(assessment=assessment, item=items[1]).level == 1
    assert not Answer.objects.filter(assessment=assessment, item=items[0]).exists()


def test_step_markers_show_which_steps_are_complete(alice_client, assessment):
    answer_all(assessment, 2, step_number=1)
    content = alice_client.get(step_url(assessment, 2)).content.decode()
    assert 'name="go" value="1"' in content
    first_button = content.split('name="go" value="1"', 1)[1].split("</button>", 1)[0]
    assert '<span aria-hidden="true">✓</span><span class="visually-hidden">(complète)</span>' in first_button
    second_button = content.split('name="go" value="2"', 1)[1].split("</button>", 1)[0]
    assert "✓" not in second_button


def test_navigation_buttons_save_before_moving(alice_client, assessment):
    item = applicable_criteria(assessment, 1)[0]
    data = step_post_data(assessment, 1, {item.code: "2"}, go="5")
    response = alice_client.post(step_url(assessment, 1), data)
    assert response["Location"] == step_url(assessment, 5)
    assert Answer.objects.get(assessment=assessment, item=item).level == 2


def test_commitments_are_ticked_on_the_step_page(alice_client, assessment):
    commitment = Item.objects.filter(framework=assessment.framework, kind="commitment", side="startup").first()
    number = commitment.step.number
    data = step_post_data(assessment, number, {commitment.code: "on"})
    alice_client.post(step_url(assessment, number), data)
    assert Answer.objects.get(assessment=assessment, item=commitment).level == 3
    data = step_post_data(assessment, number)
    del data[f"{commitment.code}-done"]
    alice_client.post(step_url(assessment, number), data)
    assert Answer.objects.get(assessment=assessment, item=commitment).level == 0


def test_two_tabs_a_stale_save_is_shown_as_a_conflict_and_does_not_overwrite(alice, bob, assessment):
    alice_tab, bob_tab = Client(), Client()
    alice_tab.force_login(alice)
    bob_tab.force_login(bob)
    item = applicable_criteria(assessment, 1)[0]
    # Both open step 1 while it is empty.
    alice_form = step_post_data(assessment, 1, {item.code: "3"})
    bob_form = step_post_data(assessment, 1, {item.code: "1"})
    bob_form[f"{item.code}-note"] = "Bob's view"

    assert alice_tab.post(step_url(assessment, 1), alice_form).status_code == 302
    response = bob_tab.post(step_url(assessment, 1), bob_form)

    assert response.status_code == 409
    answer = Answer.objects.get(assessment=assessment, item=item)
    assert (answer.level, answer.revision) == (3, 1)  # Alice's save stands
    content = response.content.decode()
    assert "conflict" in content
    assert "Entièrement" in content and "Partiellement" in content  # both versions, in the scale's words
    assert "Bob&#x27;s view" in content  # what Bob typed is kept (escaped in the page)
    assert response.context["answer_forms"][0]["level"].value() == "1"

    # Bob has seen both; saving again keeps his version on purpose.
    resubmit = response.context["answer_forms"][0].data.dict()
    assert bob_tab.post(step_url(assessment, 1), resubmit).status_code == 302
    answer.refresh_from_db()
    assert (answer.level, answer.note, answer.revision) == (1, "Bob's view", 2)


def test_two_tabs_editing_different_items_both_keep_their_answers(alice, bob, assessment):
    alice_tab, bob_tab = Client(), Client()
    alice_tab.force_login(alice)
    bob_tab.force_login(bob)
    first, second = applicable_criteria(assessment, 1)[:2]
    alice_form = step_post_data(assessment, 1, {first.code: "3"})
    bob_form = step_post_data(assessment, 1, {second.code: "2"})
    assert alice_tab.post(step_url(assessment, 1), alice_form).status_code == 302
    assert bob_tab.post(step_url(assessment, 1), bob_form).status_code == 302
    assert Answer.objects.get(assessment=assessment, item=first).level == 3
    assert Answer.objects.get(assessment=assessment, item=second).level == 2


def test_another_organisations_assessment_is_a_404(client, charlie, assessment):
    client.force_login(charlie)
    assert client.get(step_url(assessment, 1)).status_code == 404
    assert client.post(step_url(assessment, 1), {"go": "stay"}).status_code == 404
    assert client.get(reverse("assessment_start", args=[assessment.target.pk])).status_code == 404


def test_unknown_step_is_a_404(alice_client, assessment):
    assert alice_client.get(step_url(assessment, 11)).status_code == 404


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_step_page_queries_do_not_grow_with_items_or_answers(alice_client, assessment):
    alice_client.get(step_url(assessment, 1))  # warm the framework cache
    # Steps hold from 3 to 8 criteria (and commitments, and items that do not apply).
    counts = {number: _queries(alice_client, step_url(assessment, number)) for number in (1, 2, 8)}
    answer_all(assessment, 3)
    # The first view after a change scores the answers again (one query); the score is then cached.
    first_after_change = _queries(alice_client, step_url(assessment, 1))
    counts.update({(number, "answered"): _queries(alice_client, step_url(assessment, number)) for number in (1, 8)})
    assert len(set(counts.values())) == 1, counts
    assert first_after_change == counts[1] + 1
    # session (from the database; from Redis with the shared cache), user with membership, assessment with target,
    # framework and profile, the step's answers, and the navigation's notification count (one query)
    session_query = settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    assert counts[1] == 4 + session_query
    # Steps 9 and 10 also show the evidence of the startup's partnerships: two queries, whatever their number.
    assert _queries(alice_client, step_url(assessment, 10)) == counts[1] + 2


@pytest.mark.integration
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # keeps migration-loaded rows for later tests
@pytest.mark.parametrize("answered_before", [False, True], ids=["new answer", "existing answer"])
def test_simultaneous_saves_of_one_answer_exactly_one_wins(postgresql, assessment, alice, bob, answered_before):
    """Two requests read at the same revision and save at the same instant: one wins, the other is told."""
    import threading

    from django.db import connections

    from partnerships.services.assessments import AnswerConflict, answer_save

    item = applicable_criteria(assessment, 1)[0]
    revision = 0
    if answered_before:
        answer_all(assessment, 0, step_number=1)
        revision = 1
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def save(user, level: int) -> None:
        try:
            barrier.wait()
            answer_save(
                assessment=assessment,
                item=item,
                values={"level": level, "not_applicable": False, "note": "", "evidence_url": ""},
                expected_revision=revision,
                user=user,
            )
            outcomes[user.email] = "saved"
        except AnswerConflict:
            outcomes[user.email] = "conflict"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(alice, 3)), threading.Thread(target=save, args=(bob, 1))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes.values()) == ["conflict", "saved"]
    answer = Answer.objects.get(assessment=assessment, item=item)
    winner = next(email for email, outcome in outcomes.items() if outcome == "saved")
    assert answer.updated_by.email == winner and answer.revision == revision + 1


def test_step_nine_offers_the_guides_kpis_to_tick(alice_client, assessment):
    kpi = Item.objects.filter(framework=assessment.framework, kind="kpi").order_by("order").first()
    response = alice_client.get(step_url(assessment, 9))
    assert escape(kpi.text_fr) in response.content.decode()
    response = alice_client.post(step_url(assessment, 9), step_post_data(assessment, 9, {kpi.code: "on"}))
    assert response.status_code == 302
    assert Answer.objects.get(assessment=assessment, item=kpi).level == 3


def test_autosave_by_htmx_saves_and_returns_the_new_revisions(alice_client, assessment):
    item = applicable_criteria(assessment, 1)[0]
    data = step_post_data(assessment, 1, {item.code: "2"}, go="autosave")
    response = alice_client.post(step_url(assessment, 1), data, headers={"HX-Request": "true"})
    assert response.status_code == 200
    content = response.content.decode()
    assert f'id="id_{item.code}-revision"' in content and 'value="1"' in content
    assert 'hx-swap-oob="true"' in content
    assert Answer.objects.get(assessment=assessment, item=item).level == 2
    # The page, updated with the new revision, saves again without a conflict.
    data[f"{item.code}-revision"] = "1"
    data[f"{item.code}-was_level"] = "2"
    data[f"{item.code}-level"] = "3"
    data["go"] = "stay"
    assert alice_client.post(step_url(assessment, 1), data).status_code == 302
    assert Answer.objects.get(assessment=assessment, item=item).revision == 2
