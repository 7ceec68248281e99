"""A startup sends a dossier to a pharma company, which reviews it; both sides write; every change is kept."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from partnerships.models import AuditEvent, Dossier, DossierMessage, Report, TherapeuticArea
from partnerships.services.assessments import assessment_snapshot_create
from partnerships.services.dossiers import (
    DossierError,
    dossier_assign,
    dossier_message_post,
    dossier_submit,
    dossier_transition,
    dossier_withdraw,
)
from tests.factories import PharmaFactory

Status = Dossier.Status


def _submit(client, snapshot, pharma, **extra):
    # The fixtures' assessment was prepared for Sanofi France: confirm sending it elsewhere (tested below).
    data = {"pharma": pharma.pk, "cover_message": "Bonjour, voici notre dossier.", "confirm_recipient": "on", **extra}
    return client.post(reverse("dossier_submit", args=[snapshot.uuid]), data)


def test_sending_to_another_company_than_the_target_asks_first(client, alice, snapshot, pharma_org):
    client.force_login(alice)
    url = reverse("dossier_submit", args=[snapshot.uuid])
    data = {"pharma": pharma_org.pk, "cover_message": "Bonjour."}
    with translation.override("en"):
        response = client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert response.status_code == 400
    assert not Dossier.objects.exists()
    assert 'id="id_confirm_recipient"' in page
    assert "Sanofi France" in page and "Pharma Lab" in page
    assert "Bonjour." in page  # nothing typed is lost

    # Linked to the directory company, the target is that company: no question asked.
    target = snapshot.assessment.target
    target.pharma = pharma_org
    target.save()
    assert client.post(url, data).status_code == 302
    assert Dossier.objects.count() == 1


def test_the_results_panel_offers_the_published_companies_with_the_assessments_own_selected(
    client, alice, snapshot, pharma_org
):
    other = PharmaFactory(name="Autre Labo")
    other.pharma_profile.is_published = True
    other.pharma_profile.save()
    target = snapshot.assessment.target
    target.pharma = pharma_org
    target.save(update_fields=["pharma"])
    client.force_login(alice)

    page = client.get(reverse("assessment_results", args=[snapshot.assessment.pk])).content.decode()

    select = page.split('id="dossier-submit-form"', 1)[1].split("</select>", 1)[0]
    assert f'<option value="{pharma_org.pk}" selected>Pharma Lab</option>' in select
    assert f'<option value="{other.pk}">Autre Labo</option>' in select
    assert select.count(" selected") == 1


def test_submit_from_the_results_page_freezes_the_snapshot_and_tells_the_pharma_team(
    client, alice, snapshot, pharma_org, paula, rita, django_capture_on_commit_callbacks
):
    profile = alice.membership.organisation.startup_profile
    cardio = TherapeuticArea.objects.get_or_create(
        code="cardio-test", defaults={"name_fr": "Cardio", "name_en": "Cardio"}
    )[0]
    client.force_login(alice)

    results = client.get(reverse("assessment_results", args=[snapshot.assessment.pk]))
    assert 'id="dossier-submit-form"' in results.content.decode()
    assert "Pharma Lab" in results.content.decode()

    deadline = timezone.localdate() + datetime.timedelta(days=60)
    with django_capture_on_commit_callbacks(execute=True):
        response = _submit(client, snapshot, pharma_org, decision_needed_by=deadline.isoformat())

    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("startup_dossier_detail", args=[dossier.uuid])
    assert (dossier.startup_name, dossier.overall_score, dossier.band) == (
        "CardioSuivi",
        snapshot.overall_score,
        snapshot.band,
    )
    assert dossier.maturity == snapshot.profile["maturity"]
    assert dossier.decision_needed_by == deadline
    assert dossier.status == Status.RECEIVED
    assert list(dossier.events.values_list("from_status", "to_status")) == [("", "received")]

    # Later changes of the startup's profile do not reach the dossier: it was frozen at submission.
    profile.maturity = "commercialised"
    profile.save()
    profile.therapeutic_areas.add(cardio)
    dossier.refresh_from_db()
    assert dossier.maturity == snapshot.profile["maturity"]
    assert not dossier.therapeutic_areas.exists()

    assert sorted(message.to[0] for message in mail.outbox) == ["paula@pharmalab.test", "rita@pharmalab.test"]
    assert "CardioSuivi" in mail.outbox[0].body
    assert str(dossier.uuid) in mail.outbox[0].body
    assert set(AuditEvent.objects.values_list("organisation__name", "action")) >= {
        ("CardioSuivi", "dossier_submitted"),
        ("Pharma Lab", "dossier_received"),
    }


def test_submit_carries_the_latest_ready_report_of_the_snapshot(alice, snapshot, pharma_org):
    Report.objects.create(snapshot=snapshot, language="fr", status=Report.Status.FAILED)
    ready = Report.objects.create(snapshot=snapshot, language="fr", status=Report.Status.READY, file="reports/x/a.pdf")
    dossier = dossier_submit(user=alice, snapshot=snapshot, pharma=pharma_org, cover_message="Bonjour", notify=False)
    assert dossier.report == ready


def test_submit_refuses_an_unpublished_profile_or_a_startup(client, alice, charlie, snapshot):
    hidden = PharmaFactory(name="Hidden Pharma")
    client.force_login(alice)

    response = _submit(client, snapshot, hidden)
    assert response.status_code == 400  # not even offered in the form
    with pytest.raises(DossierError, match="n'est pas publié"):
        dossier_submit(user=alice, snapshot=snapshot, pharma=hidden, cover_message="Bonjour")
    with pytest.raises(DossierError):
        dossier_submit(user=alice, snapshot=snapshot, pharma=charlie.membership.organisation, cover_message="Bonjour")
    assert not Dossier.objects.exists()


def test_submit_refuses_a_second_open_dossier_of_the_same_snapshot(client, alice, dossier, pharma_org):
    client.force_login(alice)
    response = _submit(client, dossier.snapshot, pharma_org)
    assert response.status_code == 400
    assert "déjà en cours d&#x27;examen" in response.content.decode()
    assert Dossier.objects.count() == 1


def test_submit_refuses_a_decision_date_in_the_past(client, alice, snapshot, pharma_org):
    client.force_login(alice)
    response = _submit(client, snapshot, pharma_org, decision_needed_by="2020-01-01")
    assert response.status_code == 400
    assert not Dossier.objects.exists()


def test_other_startups_cannot_send_alices_snapshot(client, charlie, snapshot, pharma_org):
    client.force_login(charlie)
    assert _submit(client, snapshot, pharma_org).status_code == 404


def test_a_new_snapshot_makes_a_new_dossier_and_the_old_one_keeps_its_scores(alice, dossier, pharma_org):
    dossier_withdraw(user=alice, dossier=dossier, notify=False)
    assessment = dossier.snapshot.assessment
    assessment.answers.update(level=3)
    newer = assessment_snapshot_create(assessment=assessment, user=alice)
    second = dossier_submit(user=alice, snapshot=newer, pharma=pharma_org, cover_message="v2", notify=False)
    dossier.refresh_from_db()
    assert second.pk != dossier.pk
    assert second.overall_score > dossier.overall_score


def test_withdraw_closes_the_dossier_and_tells_the_pharma_team(
    client, alice, dossier, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("dossier_withdraw", args=[dossier.uuid]))
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.WITHDRAWN
    assert {m.to[0] for m in mail.outbox} == {"paula@pharmalab.test", "rita@pharmalab.test"}
    # Withdrawn is final.
    response = client.post(reverse("dossier_withdraw", args=[dossier.uuid]), follow=True)
    assert "ne peut plus être retiré" in response.content.decode()


def test_the_review_walks_the_workflow_and_dates_each_step(alice, paula, dossier, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        dossier = dossier_transition(user=paula, dossier=dossier, to_status=Status.IN_REVIEW)
    assert dossier.first_response_at is not None and dossier.decided_at is None
    first_response = dossier.first_response_at
    assert [m.to[0] for m in mail.outbox] == ["alice@cardio.test"]
    with translation.override("fr"):  # Alice's language
        assert str(Status.IN_REVIEW.label) in mail.outbox[0].body

    dossier = dossier_transition(user=paula, dossier=dossier, to_status=Status.MEETING_PROPOSED, notify=False)
    dossier = dossier_transition(user=paula, dossier=dossier, to_status=Status.PARTNERSHIP_STARTED, notify=False)
    assert dossier.first_response_at == first_response
    assert dossier.decided_at is not None
    assert list(dossier.events.values_list("to_status", flat=True)) == [
        "received",
        "in_review",
        "meeting_proposed",
        "partnership_started",
    ]
    assert AuditEvent.objects.filter(organisation=dossier.pharma, action="dossier_status_changed").count() == 3


def test_an_invalid_transition_is_refused_with_the_possible_next_steps(client, paula, dossier):
    with pytest.raises(DossierError, match="Statuts suivants possibles"):
        dossier_transition(user=paula, dossier=dossier, to_status=Status.PARTNERSHIP_STARTED)
    client.force_login(paula)
    response = client.post(
        reverse("pharma_dossier_transition", args=[dossier.uuid]), {"to_status": "meeting_proposed"}, follow=True
    )
    content = response.content.decode()
    assert "ne peut pas passer à" in content
    dossier.refresh_from_db()
    assert dossier.status == Status.RECEIVED


def test_declining_needs_a_reason_which_the_startup_reads(client, alice, paula, dossier):
    with pytest.raises(DossierError, match="motif"):
        dossier_transition(user=paula, dossier=dossier, to_status=Status.DECLINED, reason="  ")
    dossier_transition(
        user=paula, dossier=dossier, to_status=Status.DECLINED, reason="Hors de nos aires thérapeutiques.", notify=False
    )
    dossier.refresh_from_db()
    assert dossier.status == Status.DECLINED and dossier.decided_at is not None
    client.force_login(alice)
    page = client.get(reverse("startup_dossier_detail", args=[dossier.uuid])).content.decode()
    assert "Hors de nos aires thérapeutiques." in page
    with pytest.raises(DossierError, match="clos"):
        dossier_transition(user=paula, dossier=dossier, to_status=Status.IN_REVIEW)


def test_only_the_receiving_company_reviews(oscar, alice, dossier):
    with pytest.raises(DossierError):
        dossier_transition(user=oscar, dossier=dossier, to_status=Status.IN_REVIEW)
    with pytest.raises(DossierError):
        dossier_transition(user=alice, dossier=dossier, to_status=Status.IN_REVIEW)


def test_a_reviewer_reviews_but_decides_only_when_assigned(client, rita, paula, dossier):
    client.force_login(rita)
    url = reverse("pharma_dossier_transition", args=[dossier.uuid])
    assert client.post(url, {"to_status": "in_review"}).status_code == 302
    assert client.post(url, {"to_status": "declined", "reason": "Non"}).status_code == 403

    dossier_assign(user=paula, dossier=dossier, assignee=rita)
    assert client.post(url, {"to_status": "declined", "reason": "Non", "confirmed": "yes"}).status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.DECLINED


def test_assignment_only_to_members_of_the_company_and_only_by_admins(client, paula, rita, oscar, alice, dossier):
    with pytest.raises(DossierError):
        dossier_assign(user=paula, dossier=dossier, assignee=oscar)
    with pytest.raises(DossierError):
        dossier_assign(user=paula, dossier=dossier, assignee=alice)

    client.force_login(paula)
    response = client.post(reverse("pharma_dossier_assign", args=[dossier.uuid]), {"assignee": rita.pk})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.assignee == rita
    assert dossier.events.last().note == f"Attribué à {rita}"
    # A foreign user is not among the choices.
    client.post(reverse("pharma_dossier_assign", args=[dossier.uuid]), {"assignee": oscar.pk})
    dossier.refresh_from_db()
    assert dossier.assignee == rita

    client.force_login(rita)
    assert client.post(reverse("pharma_dossier_assign", args=[dossier.uuid]), {"assignee": ""}).status_code == 403


def test_internal_notes_never_reach_the_startup(client, alice, rita, dossier, django_capture_on_commit_callbacks):
    client.force_login(rita)
    url = reverse("dossier_message", args=[dossier.uuid])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"body": "Note interne : budget limité cette année.", "is_internal": "on"})
        client.post(url, {"body": "Merci, nous revenons vers vous sous 15 jours."})
    dossier.refresh_from_db()
    assert dossier.first_response_at is not None  # a shared message is a response

    # Only the shared message was e-mailed, to the startup only.
    assert [m.to[0] for m in mail.outbox] == ["alice@cardio.test"]
    assert all("budget limité" not in m.body for m in mail.outbox)
    assert "sous 15 jours" in mail.outbox[0].body

    pharma_page = client.get(reverse("pharma_dossier_detail", args=[dossier.uuid])).content.decode()
    assert "budget limité" in pharma_page and "sous 15 jours" in pharma_page

    client.force_login(alice)
    startup_page = client.get(reverse("startup_dossier_detail", args=[dossier.uuid])).content.decode()
    assert "sous 15 jours" in startup_page
    assert "budget limité" not in startup_page


def test_the_startup_answers_but_cannot_write_internal_notes(
    client, alice, dossier, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("dossier_message", args=[dossier.uuid]), {"body": "Voici nos données.", "is_internal": "on"}
        )
    message = DossierMessage.objects.get()
    assert not message.is_internal  # the field is not even in the startup's form
    assert {m.to[0] for m in mail.outbox} == {"paula@pharmalab.test", "rita@pharmalab.test"}
    with pytest.raises(DossierError):
        dossier_message_post(user=alice, dossier=dossier, body="secret", is_internal=True)


def test_other_pharma_and_other_startups_get_404(client, oscar, charlie, dossier):
    client.force_login(oscar)
    assert client.get(reverse("pharma_dossier_detail", args=[dossier.uuid])).status_code == 404
    assert client.post(reverse("dossier_message", args=[dossier.uuid]), {"body": "x"}).status_code == 404
    client.force_login(charlie)
    assert client.get(reverse("startup_dossier_detail", args=[dossier.uuid])).status_code == 404
    assert client.post(reverse("dossier_withdraw", args=[dossier.uuid])).status_code == 404


def test_the_startup_lists_its_dossiers_with_their_status(client, alice, dossier, paula):
    dossier_transition(user=paula, dossier=dossier, to_status=Status.IN_REVIEW, notify=False)
    client.force_login(alice)
    page = client.get(reverse("startup_dossiers")).content.decode()
    assert "Pharma Lab" in page
    assert escape(str(Status.IN_REVIEW.label)) in page


def test_the_pharma_detail_shows_scores_by_step_and_the_report_link(client, paula, dossier):
    dossier.report = Report.objects.create(
        snapshot=dossier.snapshot, language="fr", status=Report.Status.READY, file="reports/x/a.pdf"
    )
    dossier.save(update_fields=["report"])
    client.force_login(paula)
    page = client.get(reverse("pharma_dossier_detail", args=[dossier.uuid])).content.decode()
    assert 'id="step-scores"' in page
    assert reverse("report_download", args=[dossier.report.uuid]) in page
    assert "Nous cherchons un partenaire" in page


def test_dossier_pages_run_the_same_queries_with_1_or_10_messages(
    client, alice, paula, rita, dossier, django_assert_num_queries, django_assert_max_num_queries
):
    def post(count: int) -> None:
        for number in range(count):
            dossier_message_post(user=rita, dossier=dossier, body=f"m{number}", is_internal=False, notify=False)
            dossier_message_post(user=paula, dossier=dossier, body=f"n{number}", is_internal=True, notify=False)

    pages = [(paula, reverse("pharma_dossier_detail", args=[dossier.uuid]))]
    pages += [(alice, reverse("startup_dossier_detail", args=[dossier.uuid])), (alice, reverse("startup_dossiers"))]
    post(1)
    counts = []
    for user, url in pages:
        client.force_login(user)
        client.get(url)  # the guide's steps, read once and cached
        with django_assert_max_num_queries(30) as captured:
            client.get(url)
        counts.append(len(captured.captured_queries))
    post(9)
    dossier_assign(user=paula, dossier=dossier, assignee=rita)
    for (user, url), count in zip(pages, counts, strict=True):
        client.force_login(user)
        with django_assert_num_queries(count):
            assert client.get(url).status_code == 200


@pytest.mark.integration
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_decline_and_a_review_at_the_same_instant_exactly_one_applies(postgresql, dossier, paula, rita):
    """The row is locked while the transition is checked: the second move sees the first one's status."""
    import threading

    from django.db import connections
    from django.db.models import F

    dossier_assign(user=paula, dossier=dossier, assignee=rita)
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def move(user, to_status: str) -> None:
        try:
            barrier.wait()
            dossier_transition(user=user, dossier=dossier, to_status=to_status, reason="Non", notify=False)
            outcomes[to_status] = "applied"
        except DossierError:
            outcomes[to_status] = "refused"
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=move, args=(paula, Status.DECLINED)),
        threading.Thread(target=move, args=(rita, Status.IN_REVIEW)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    dossier.refresh_from_db()
    events = list(dossier.events.exclude(from_status=F("to_status")).values_list("to_status", flat=True))
    assert sorted(outcomes.values()) in (["applied", "applied"], ["applied", "refused"])
    # Declining after "in review" is allowed, reviewing after "declined" is not: either both apply in that
    # order, or the decline wins alone; never a review recorded after a decline.
    assert events in (["received", "in_review", "declined"], ["received", "declined"])
    assert dossier.status == Status.DECLINED


def test_the_alignment_names_what_is_missing_in_words_not_codes(client, alice, paula, dossier):
    snapshot = dossier.snapshot
    snapshot.profile = {**snapshot.profile, "pharma_expectations": ["technology_development", "user_access"]}
    snapshot.save()
    profile = dossier.pharma.pharma_profile
    profile.needs = ["data_collection"]  # serves access to users, not technology development
    profile.save()

    for user, url in ((alice, "startup_dossier_detail"), (paula, "pharma_dossier_detail")):
        client.force_login(user)
        page = client.get(reverse(url, args=[dossier.uuid])).content.decode()
        alignment = page[page.index('id="alignment"') :]
        assert "Développement technologique" in alignment
        assert "technology_development" not in alignment
