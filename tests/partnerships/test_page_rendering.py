"""What the performance work must not change: the markup written by hand equals Django's widgets, the medians
computed by PostgreSQL equal Python's, and the guide's cached data follows an edit by the staff at once."""

import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from checklists.models import Item
from partnerships.forms.assessments import AnswerForm, CommitmentForm, answer_initial
from partnerships.models import Answer, Dossier, TherapeuticArea
from partnerships.selectors.dossiers import _median_in_python, _medians_in_database
from partnerships.services.assessments import answer_save, assessment_snapshot_create
from tests.factories import answered_snapshot


def test_the_step_pages_hand_written_fields_equal_djangos_widgets(alice_client, alice, assessment):
    criterion = Item.objects.get(framework=assessment.framework, code="S1-C1")
    startup_commitments = Item.objects.filter(framework=assessment.framework, side="startup", kind="commitment")
    commitment = startup_commitments.order_by("step__number", "order").first()
    values = {"level": 2, "not_applicable": False, "note": 'Déjà vu <b>&</b> "cité"', "evidence_url": ""}
    answer_save(
        assessment=assessment,
        item=criterion,
        values={**values, "evidence_url": "https://ex.test/a?b=1&c=2"},
        expected_revision=0,
        user=alice,
    )
    answer_save(
        assessment=assessment,
        item=commitment,
        values={**values, "level": 3, "note": ""},
        expected_revision=0,
        user=alice,
    )

    page = "".join(
        alice_client.get(reverse("assessment_step", args=[assessment.pk, number])).content.decode()
        for number in {1, commitment.step.number}
    )

    scale = assessment.framework.answer_scale
    answer = Answer.objects.get(assessment=assessment, item=criterion)
    form = AnswerForm(item=criterion, answer_scale=scale, initial=answer_initial(answer))
    ticked = CommitmentForm(
        item=commitment, initial=CommitmentForm.initial_for(assessment.answers.get(item=commitment))
    )
    for field in (form["note"], form["evidence_url"], ticked["done"]):
        assert str(field) in page, field.name


@pytest.mark.integration
def test_postgresql_computes_the_inbox_medians_python_would(postgresql, dossier, pharma_org):
    now = timezone.now()
    for days, (response, decision) in enumerate([(3, None), (5, 50), (11, 20), (2, 400)], start=1):
        copy = Dossier.objects.get(pk=dossier.pk)
        copy.pk, copy.uuid = None, uuid.uuid4()
        copy.save()
        submitted = now - timedelta(days=days)
        Dossier.objects.filter(pk=copy.pk).update(
            submitted_at=submitted,
            first_response_at=submitted + timedelta(hours=response),
            decided_at=submitted + timedelta(hours=decision) if decision else None,
        )
    dossiers = Dossier.objects.filter(pharma=pharma_org)

    first_response, responded, decision, decided = _medians_in_database(pharma_org.pk)

    assert (first_response, responded) == _median_in_python(dossiers, "first_response_at")
    assert (decision, decided) == _median_in_python(dossiers, "decided_at")
    assert (first_response, decision) == (timedelta(hours=4), timedelta(hours=50))


def test_an_edit_of_the_guide_shows_on_the_next_page(alice_client, assessment, framework):
    url = reverse("assessment_step", args=[assessment.pk, 1])
    assert "Texte revu par l’équipe" not in alice_client.get(url).content.decode()  # cached from here on

    item = Item.objects.get(framework=framework, code="S1-C1")
    item.text_fr = "Texte revu par l’équipe"
    item.save()  # as the admin does: bumps the framework's revision

    assert "Texte revu par l’équipe" in alice_client.get(url).content.decode()


def test_a_snapshots_scores_and_gaps_follow_the_guide_the_language_and_the_next_snapshot(
    alice_client, alice, assessment, framework
):
    """The results page keeps a submitted snapshot's table and gaps rendered (a snapshot never changes), under
    a key that an edit of the guide, the language and a new snapshot each change."""
    first = answered_snapshot(assessment=assessment, user=alice, default_level=2)
    url = reverse("assessment_results", args=[assessment.pk])
    item = Item.objects.get(framework=framework, code="S1-C1")

    page = alice_client.get(url).content.decode()  # rendered and kept from here on
    assert item.text_fr in page and "level 2/3" not in page

    item.text_fr = "Critère revu par l’équipe"
    item.save()  # as the admin does: bumps the framework's revision
    page = alice_client.get(url).content.decode()
    assert "Critère revu par l’équipe" in page

    with translation.override("en"):
        english = reverse("assessment_results", args=[assessment.pk])
    assert "level 2/3" in alice_client.get(english).content.decode()

    Answer.objects.filter(assessment=assessment, level=2).update(level=3)
    second = assessment_snapshot_create(assessment=assessment, user=alice)
    page = alice_client.get(url).content.decode()
    assert round(second.overall_score) > round(first.overall_score)
    assert f"{round(second.overall_score)}/100" in page and "level 2/3" not in page


@pytest.mark.parametrize("side", ["startup", "pharma"])
def test_a_therapeutic_area_added_by_the_staff_is_offered_by_the_filters_at_once(client, alice, paula, side):
    """The inbox's and the directory's filter forms are kept rendered, under a key that their choices change."""
    user, url, form_id = {
        "startup": (alice, reverse("directory"), "directory-filters"),
        "pharma": (paula, reverse("pharma_inbox"), "inbox-filters"),
    }[side]
    client.force_login(user)
    query = "?therapeutic_area=&page=1"

    def filters() -> str:
        page = client.get(url + query).content.decode()
        start = page.index(f'id="{form_id}"')
        return page[start : page.index("</form>", start)]

    assert "Hépatologie" not in filters()  # rendered and kept from here on
    TherapeuticArea.objects.create(code="hepatology", name_fr="Hépatologie", name_en="Hepatology")
    assert '<option value="hepatology">Hépatologie</option>' in filters()
