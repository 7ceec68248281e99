"""The partnership space as both sides use it: meetings (slots, .ics, agenda, notes, reminders), next steps,
KPIs agreed by both sides with their alert levels, values and imports, feedback, and who sees what."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from partnerships.models import FeedbackRound, KpiAlert, KpiVersion, Meeting
from partnerships.services.feedback import feedback_submit
from partnerships.services.kpis import kpi_accept, kpi_alerts_check_all, kpi_change_propose, kpi_value_record
from partnerships.services.partnership import (
    PartnershipError,
    meeting_confirm,
    meeting_notes_save,
    meeting_reminders_send,
    meeting_slots_propose,
)
from tests.partnerships.partnership_helpers import (
    agreed_kpi,
    confirmed_meeting,
    days_ago,
    kpi_terms,
    next_week_at,
    proposed_meeting,
    to_meeting_proposed,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def space(dossier, paula):
    return to_meeting_proposed(dossier, paula)


def test_meeting_confirmed_by_the_startup_gives_both_sides_an_ics_in_paris_time(space, paula, alice, client):
    meeting = proposed_meeting(space, paula)
    meeting = meeting_confirm(user=alice, meeting=meeting, slot=meeting.slots.order_by("starts_at").last())
    assert meeting.status == Meeting.Status.CONFIRMED
    for user in (alice, paula):
        client.force_login(user)
        response = client.get(reverse("meeting_ics", args=[meeting.uuid]))
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/calendar")
        event = next(c for c in Calendar.from_ical(response.content).walk("VEVENT"))
        start = event.decoded("dtstart")
        assert str(start.tzinfo) == "Europe/Paris"
        assert (start.hour, start.minute) == (15, 0)
        assert event.decoded("dtend") - start == timedelta(minutes=90)
        assert "Siège, Paris" in str(event.get("location"))


def test_a_side_picks_only_a_slot_the_other_side_proposed(space, paula, alice):
    meeting = proposed_meeting(space, paula)
    with pytest.raises(PartnershipError):
        meeting_confirm(user=paula, meeting=meeting, slot=meeting.slots.first())
    (counter,) = meeting_slots_propose(user=alice, meeting=meeting, slots=[(next_week_at(17), 45)])
    with pytest.raises(PartnershipError):
        meeting_confirm(user=alice, meeting=meeting, slot=counter)
    meeting = meeting_confirm(user=paula, meeting=meeting, slot=counter)
    assert meeting.duration_minutes == 45


def test_agenda_is_drafted_from_the_guide_and_the_unknowns_of_the_pharma_profile(space, paula):
    meeting = proposed_meeting(space, paula)
    assert "pitch" in meeting.agenda.lower()
    # Pharma Lab's profile is empty: its decision makers are among the points to clear up.
    assert "décision" in meeting.agenda.lower()


def test_reminder_is_sent_once_the_day_before(space, paula, alice, django_capture_on_commit_callbacks):
    meeting = confirmed_meeting(space, paula, alice)
    mail.outbox.clear()
    day_before = meeting.starts_at - timedelta(hours=20)
    with django_capture_on_commit_callbacks(execute=True):
        assert meeting_reminders_send(now=meeting.starts_at - timedelta(days=3)) == 0
        assert meeting_reminders_send(now=day_before) == 1
        assert meeting_reminders_send(now=day_before) == 0
    recipients = {address for message in mail.outbox for address in message.to}
    assert {"alice@cardio.test", "paula@pharmalab.test"} <= recipients


def test_notes_open_a_feedback_round_and_answers_stay_hidden_until_both_answered(space, paula, alice, client):
    meeting = confirmed_meeting(space, paula, alice)
    meeting_notes_save(user=alice, meeting=meeting, notes="Pilote sur deux centres.")
    feedback_round = FeedbackRound.objects.get(meeting=meeting)
    answers = {
        "works": "Réactivité",
        "does_not_work": "Circuit juridique lent",
        "to_change": "Un point mensuel",
        "collaboration": 4,
        "responsiveness": 2,
        "clarity": 3,
    }
    feedback_submit(user=alice, feedback_round=feedback_round, answers=answers)
    client.force_login(paula)
    url = reverse("feedback_answer", args=[feedback_round.uuid])
    assert "Circuit juridique lent" not in client.get(url).content.decode()
    feedback_submit(user=paula, feedback_round=feedback_round, answers={**answers, "works": "Équipe solide"})
    assert "Circuit juridique lent" in client.get(url).content.decode()
    with pytest.raises(PartnershipError):
        feedback_submit(user=paula, feedback_round=feedback_round, answers=answers)


def test_kpi_is_active_only_once_the_other_side_accepts_and_changes_keep_history(space, paula, alice):
    kpi = agreed_kpi(space, alice, paula)
    with pytest.raises(PartnershipError):
        kpi_accept(user=alice, version=kpi_change_propose(user=alice, kpi=kpi, terms=kpi_terms(target=Decimal("900"))))
    change = kpi.versions.get(status=KpiVersion.Status.PROPOSED)
    assert kpi.versions.get(status=KpiVersion.Status.ACTIVE).target == Decimal("1200")
    kpi_accept(user=paula, version=change)
    statuses = dict(kpi.versions.values_list("number", "status"))
    assert statuses == {1: "superseded", 2: "active"}


def test_values_only_by_the_responsible_side_and_alerts_notify_both_sides_once(
    space, paula, alice, django_capture_on_commit_callbacks
):
    kpi = agreed_kpi(space, alice, paula)
    with pytest.raises(PartnershipError):
        kpi_value_record(user=paula, kpi=kpi, measured_on=days_ago(1), value=Decimal("10"))
    mail.outbox.clear()

    def record(value: str) -> None:
        # The check runs in a Celery task after commit (eager here), as in production.
        with django_capture_on_commit_callbacks(execute=True):
            kpi_value_record(user=alice, kpi=kpi, measured_on=days_ago(0), value=Decimal(value))

    # 120 days into 365: about 395 patients expected; 300 is 76 % — on track enough.
    record("300")
    assert not KpiAlert.objects.exists()
    record("200")  # 51 %: a meeting
    record("190")  # still a meeting: no new alert
    assert list(KpiAlert.objects.values_list("level", flat=True)) == ["meeting"]
    record("100")  # 25 %: strategic review
    assert sorted(KpiAlert.objects.values_list("level", flat=True)) == ["meeting", "strategic_review"]
    recipients = [address for message in mail.outbox for address in message.to]
    assert recipients.count("alice@cardio.test") == 2 and recipients.count("paula@pharmalab.test") == 2


def test_an_overdue_value_opens_one_alert(space, paula, alice):
    agreed_kpi(space, alice, paula)  # started 120 days ago, monthly, no value yet
    assert kpi_alerts_check_all() == 1
    assert kpi_alerts_check_all() == 0
    assert KpiAlert.objects.get().level == "overdue"


def test_kpi_terms_are_checked(space, alice):
    from django.core.exceptions import ValidationError

    from partnerships.services.kpis import kpi_propose

    with pytest.raises(ValidationError) as error:
        kpi_propose(user=alice, dossier=space, terms=kpi_terms(target=Decimal("-1")))
    assert "target" in error.value.message_dict
    with pytest.raises(ValidationError):
        kpi_propose(user=alice, dossier=space, terms=kpi_terms(meeting_below=30, review_below=40))


def test_the_space_opens_with_a_meeting_proposed(dossier, alice, client):
    client.force_login(alice)
    assert client.get(reverse("partnership_detail", args=[dossier.uuid])).status_code == 404


def test_a_reminder_is_not_sent_for_a_meeting_in_two_days(space, paula, alice):
    meeting = confirmed_meeting(space, paula, alice)
    assert meeting_reminders_send(now=meeting.starts_at - timedelta(days=2, hours=1)) == 0
    assert timezone.now() < meeting.starts_at


def test_after_the_deadline_one_side_reads_the_others_feedback_without_answering(space, paula, alice, client):
    from partnerships.services.feedback import feedback_round_open

    feedback_round = feedback_round_open(
        user=paula, dossier=space, label="Premier trimestre", deadline=timezone.localdate() + timedelta(days=1)
    )
    answers = {
        "works": "Pilote lancé",
        "does_not_work": "Données tardives",
        "to_change": "Export mensuel",
        "collaboration": 4,
        "responsiveness": 4,
        "clarity": 4,
    }
    feedback_submit(user=paula, feedback_round=feedback_round, answers=answers)
    client.force_login(alice)
    url = reverse("feedback_answer", args=[feedback_round.uuid])
    assert "Données tardives" not in client.get(url).content.decode()
    FeedbackRound.objects.filter(pk=feedback_round.pk).update(deadline=timezone.localdate() - timedelta(days=1))
    assert "Données tardives" in client.get(url).content.decode()


def test_proposals_and_alerts_name_the_guides_kpi_in_each_recipients_language(
    space, paula, alice, django_capture_on_commit_callbacks
):
    paula.language = "en"
    paula.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        kpi = agreed_kpi(space, alice, paula, name="Nombre de patients identifiés à risque")  # the guide's example
    [proposed] = [message for message in mail.outbox if message.to == ["paula@pharmalab.test"]]
    assert "“Number of patients identified at risk”" in proposed.body
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        kpi_value_record(user=alice, kpi=kpi, measured_on=days_ago(0), value=Decimal("100"))

    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert "“Number of patients identified at risk”" in bodies["paula@pharmalab.test"]
    assert "«\xa0Nombre de patients identifiés à risque\xa0»" in bodies["alice@cardio.test"]
