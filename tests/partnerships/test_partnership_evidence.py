"""What the partnership space feeds elsewhere: the evidence beside steps 9–10 of the startup's self-assessment,
the pharma company's aggregated ratings (never on fewer than 5 partnerships), and the PDF partnership review."""

from datetime import timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from partnerships.models import Dossier, Feedback, FeedbackRound, PartnershipReview
from partnerships.selectors.partnership import RATINGS_MIN_PARTNERSHIPS, pharma_ratings
from partnerships.services.kpis import kpi_value_record
from tests.factories import StartupFactory
from tests.partnerships.partnership_helpers import agreed_kpi, confirmed_meeting, days_ago, to_meeting_proposed

pytestmark = pytest.mark.django_db


def _partnerships(pharma, snapshot, count: int, *, responsiveness: int = 4, decision_days: int = 30) -> None:
    for index in range(count):
        dossier = Dossier.objects.create(
            startup=StartupFactory(),
            pharma=pharma,
            snapshot=snapshot,
            cover_message="…",
            startup_name=f"Startup {index}",
            status=Dossier.Status.PARTNERSHIP_STARTED,
        )
        decided = dossier.submitted_at + timedelta(days=decision_days + index)
        Dossier.objects.filter(pk=dossier.pk).update(decided_at=decided)
        feedback_round = FeedbackRound.objects.create(dossier=dossier, label="T1", deadline=timezone.localdate())
        Feedback.objects.create(
            round=feedback_round,
            side="startup",
            works="…",
            does_not_work="…",
            to_change="…",
            collaboration=4,
            responsiveness=responsiveness + index % 2,
            clarity=3,
        )


def test_pharma_ratings_hidden_below_five_partnerships(pharma_org, snapshot, alice, client, world):
    _partnerships(pharma_org, snapshot, RATINGS_MIN_PARTNERSHIPS - 1)
    ratings = pharma_ratings(pharma_org)
    assert ratings.median_responsiveness is None and ratings.median_decision_days is None
    client.force_login(alice)
    page = client.get(reverse("directory_detail", args=[pharma_org.pharma_profile.pk])).content.decode()
    assert "/5" not in page


def test_pharma_ratings_shown_from_five_partnerships(pharma_org, snapshot, alice, client, world):
    _partnerships(pharma_org, snapshot, RATINGS_MIN_PARTNERSHIPS, responsiveness=2, decision_days=30)
    ratings = pharma_ratings(pharma_org)
    assert ratings.median_responsiveness == 2  # 2, 3, 2, 3, 2
    assert ratings.median_decision_days == pytest.approx(32)  # 30 … 34 days
    client.force_login(alice)
    page = client.get(reverse("directory_detail", args=[pharma_org.pharma_profile.pk])).content.decode()
    assert "2,0/5" in page


def test_ratings_of_one_company_never_count_another_companys(pharma_org, snapshot, oscar):
    _partnerships(pharma_org, snapshot, RATINGS_MIN_PARTNERSHIPS)
    assert pharma_ratings(oscar.membership.organisation).median_responsiveness is None


def test_steps_9_and_10_show_the_partnerships_as_evidence(dossier, paula, alice, assessment, client):
    space = to_meeting_proposed(dossier, paula)
    agreed_kpi(space, alice, paula)
    client.force_login(alice)
    page = client.get(reverse("assessment_step", args=[assessment.pk, 9])).content.decode()
    assert 'id="partnership-evidence"' in page and "1 KPI" in page
    assert (
        'id="partnership-evidence"'
        not in client.get(reverse("assessment_step", args=[assessment.pk, 3])).content.decode()
    )


def test_the_guides_step_tags_say_where_the_evidence_goes(dossier, paula, alice, assessment, client):
    """The guide is data: give step 3 the KPIs' tag and take it from step 9, and the evidence moves with it."""
    from checklists.models import Step

    agreed_kpi(to_meeting_proposed(dossier, paula), alice, paula)
    for number, tags in ((9, []), (3, ["partnership_kpis"])):  # as staff would edit them in the admin
        step = Step.objects.get(framework=assessment.framework, number=number)
        step.tags = tags
        step.save()
    client.force_login(alice)
    step_3 = client.get(reverse("assessment_step", args=[assessment.pk, 3])).content.decode()
    step_9 = client.get(reverse("assessment_step", args=[assessment.pk, 9])).content.decode()
    assert 'id="partnership-evidence"' in step_3 and "1 KPI" in step_3
    assert 'id="partnership-evidence"' not in step_9


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        # The KPI is the guide's example, proposed on a French page: each review names it in its language.
        ("fr", ["Revue du partenariat", "Nombre de patients identifiés à risque", "révision stratégique"]),
        ("en", ["Partnership review", "Number of patients identified at risk", "strategic review"]),
    ],
)
def test_partnership_review_pdf_in_both_languages(
    dossier, paula, alice, client, media, language, expected, django_capture_on_commit_callbacks
):
    space = to_meeting_proposed(dossier, paula)
    kpi = agreed_kpi(space, alice, paula, name="Nombre de patients identifiés à risque")
    confirmed_meeting(space, paula, alice)
    with django_capture_on_commit_callbacks(execute=True):
        kpi_value_record(user=alice, kpi=kpi, measured_on=days_ago(0), value=Decimal("60"))
    client.force_login(paula)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("partnership_review_request", args=[space.uuid]), {"language": language})
    assert response.status_code == 302
    review = PartnershipReview.objects.get()
    assert review.status == PartnershipReview.Status.READY, review.error
    client.force_login(alice)
    download = client.get(reverse("partnership_review_download", args=[review.uuid]))
    assert download["Content-Type"] == "application/pdf"
    pdf = b"".join(download.streaming_content)
    assert pdf.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    text = " ".join(text.split())
    for phrase in expected:
        assert phrase in text, phrase


def test_deleting_an_organisation_deletes_its_partnership_review_files(
    dossier, paula, alice, media, django_capture_on_commit_callbacks
):
    from django.core.files.storage import default_storage

    from partnerships.services.partnership_reviews import partnership_review_request
    from partnerships.services.privacy import organisation_delete

    space = to_meeting_proposed(dossier, paula)
    with django_capture_on_commit_callbacks(execute=True):
        partnership_review_request(user=alice, dossier=space, language="fr")
    name = PartnershipReview.objects.get().file.name
    assert default_storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        organisation_delete(organisation=alice.membership.organisation, user=alice)
    assert not default_storage.exists(name)
