"""Submitting an assessment with steps left to answer submits nothing and says which steps, with links."""

import html

from django.urls import reverse

from partnerships.models import AssessmentSnapshot
from tests.partnerships.startup_helpers import answer_all, step_post_data


def test_submitting_with_unanswered_steps_says_nothing_was_submitted_and_lists_them(alice_client, assessment):
    answer_all(assessment, 2, step_number=1)
    data = step_post_data(assessment, 1, go="submit")
    response = alice_client.post(reverse("assessment_step", args=[assessment.pk, 1]), data, follow=True)

    assert not AssessmentSnapshot.objects.exists()
    page = html.unescape(response.content.decode())
    assert "rien n'a été soumis" in page
    assert "Réponses enregistrées" not in page
    assert response.redirect_chain[-1][0].startswith(reverse("assessment_step", args=[assessment.pk, 2]))
    assert 'id="incomplete-steps"' in page
    for number in range(2, 11):
        assert reverse("assessment_step", args=[assessment.pk, number]) in page
    listed = page.split('id="incomplete-steps"', 1)[1].split("</section>", 1)[0]
    assert reverse("assessment_step", args=[assessment.pk, 1]) + '"' not in listed  # step 1 is complete


def test_the_results_page_submit_button_refuses_an_incomplete_assessment_too(alice_client, assessment):
    answer_all(assessment, 2, step_number=1)
    response = alice_client.post(reverse("assessment_submit", args=[assessment.pk]))
    assert response.status_code == 302
    assert "incomplete=1" in response["Location"]
    assert not AssessmentSnapshot.objects.exists()

    answer_all(assessment, 2)
    response = alice_client.post(reverse("assessment_submit", args=[assessment.pk]))
    assert response["Location"] == reverse("assessment_results", args=[assessment.pk])
    assert AssessmentSnapshot.objects.count() == 1
