"""A startup turns its gaps into an action plan: owners, dates, targets; the projected score and the day it will be
ready; the next snapshot marks actions achieved; exports, the report's page and reminders."""

import csv
import html
import io
from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from config.celery_app import app as celery_app
from partnerships.models import Action, Answer, Report
from partnerships.selectors.plans import action_plan
from partnerships.services.plans import action_create_free, action_create_from_gap, actions_remind
from partnerships.services.reports import report_pdf
from tests.factories import MembershipFactory, answered_snapshot
from tests.partnerships.reports_helpers import pdf_text

TODAY = timezone.localdate()


@pytest.fixture
def results(framework, assessment, alice):
    """Alice's submitted assessment: every criterion "mostly" (2/3), so every criterion is a gap."""
    return answered_snapshot(assessment=assessment, user=alice, default_level=2)


def criteria(assessment) -> list[str]:
    """The codes of the assessment's gaps, ranked."""
    return [gap["code"] for gap in action_plan(assessment).gaps]


def gap_codes(client, assessment, count=3) -> list[str]:
    page = client.get(reverse("plan", args=[assessment.pk]))
    return [gap["code"] for gap in page.context["plan"].gaps[:count]]


def add_gap(client, assessment, code, **values):
    data = {"item_code": code, "owner": "", "due_date": "", "target_level": "3", **values}
    return client.post(reverse("plan_action_create", args=[assessment.pk]), data)


def test_the_gaps_are_offered_ranked_as_on_the_results_page(alice_client, assessment, results):
    plan = alice_client.get(reverse("plan", args=[assessment.pk])).context["plan"]

    ranked = [gap.item.code for gap in plan.current.gaps]
    assert [gap["code"] for gap in plan.gaps] == ranked
    assert plan.projected.overall == plan.current.overall  # no action yet


def test_a_gap_becomes_an_action_and_moves_the_projection(alice_client, alice, bob, assessment, results):
    code = gap_codes(alice_client, assessment, 1)[0]
    due = TODAY + timedelta(days=20)

    response = add_gap(alice_client, assessment, code, owner=bob.pk, due_date=due.isoformat())

    assert response.status_code == 302
    action = Action.objects.get()
    assert (action.item_code, action.owner, action.due_date, action.target_level) == (code, bob, due, 3)
    plan = alice_client.get(reverse("plan", args=[assessment.pk])).context["plan"]
    assert plan.projected.overall > plan.current.overall
    assert code not in [gap["code"] for gap in plan.gaps]


def test_the_ready_date_is_the_due_date_of_the_action_that_gets_there(alice_client, alice, assessment, results):
    codes = [gap["code"] for gap in alice_client.get(reverse("plan", args=[assessment.pk])).context["plan"].gaps]
    last = TODAY + timedelta(days=60)
    for index, code in enumerate(codes):
        action_create_from_gap(
            assessment=assessment, user=alice, item_code=code, owner=None, due_date=last - timedelta(days=index)
        )

    response = alice_client.get(reverse("plan", args=[assessment.pk]))

    plan = response.context["plan"]
    assert plan.projected.overall == 100
    assert plan.ready_on is not None and TODAY < plan.ready_on <= last
    assert plan.ready_on.strftime("%Y") in response.content.decode()


def test_a_gap_already_in_the_plan_or_an_outsider_as_owner_is_refused(alice_client, assessment, results, charlie):
    code = gap_codes(alice_client, assessment, 1)[0]
    add_gap(alice_client, assessment, code)

    again = add_gap(alice_client, assessment, code)
    outsider = add_gap(alice_client, assessment, gap_codes(alice_client, assessment, 1)[0], owner=charlie.pk)

    assert again.status_code == 302 and Action.objects.count() == 1
    assert outsider.status_code == 400 and Action.objects.count() == 1


def test_a_free_action_is_tied_to_a_step_and_bad_input_keeps_what_was_typed(alice_client, assessment, results):
    url = reverse("plan_action_create", args=[assessment.pk])

    bad = alice_client.post(url, {"title": "Préparer la démo", "step_number": "42", "due_date": "2026-02-30"})
    good = alice_client.post(url, {"title": "Préparer la démo", "step_number": "3", "due_date": ""})

    assert bad.status_code == 400
    assert bad.context["free_form"]["title"].value() == "Préparer la démo"
    assert good.status_code == 302
    action = Action.objects.get()
    assert (action.title, action.step_number, action.item_code) == ("Préparer la démo", 3, "")


def test_a_new_action_due_in_the_past_is_refused_and_keeps_its_title(alice_client, assessment, results):
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()

    response = alice_client.post(
        reverse("plan_action_create", args=[assessment.pk]),
        {"title": "Relancer le CHU", "step_number": "3", "due_date": yesterday},
    )

    assert response.status_code == 400 and not Action.objects.exists()
    assert "Choisissez une date future." in response.content.decode()
    assert response.context["free_form"]["title"].value() == "Relancer le CHU"


def test_a_refused_gap_says_which_field_is_wrong(alice_client, assessment, results):
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()

    response = add_gap(alice_client, assessment, gap_codes(alice_client, assessment, 1)[0], due_date=yesterday)

    assert response.status_code == 400 and not Action.objects.exists()
    page = html.unescape(response.content.decode()).replace("\u00a0", " ")
    assert "L'action n'a pas été ajoutée : Échéance : Choisissez une date future." in page


def test_overdue_actions_stand_out(alice_client, alice, assessment, results):
    code = gap_codes(alice_client, assessment, 1)[0]
    action_create_from_gap(
        assessment=assessment, user=alice, item_code=code, owner=None, due_date=TODAY - timedelta(days=1)
    )

    response = alice_client.get(reverse("plan", args=[assessment.pk]))

    assert response.context["plan"].overdue_count == 1
    assert 'class="plan-action table-danger overdue' in response.content.decode()


def test_updating_an_action(alice_client, alice, bob, assessment, results):
    action = action_create_free(
        assessment=assessment, user=alice, title="Démo", step_number=3, owner=None, due_date=None
    )

    response = alice_client.post(
        reverse("plan_action_update", args=[action.pk]),
        {"owner": bob.pk, "due_date": "2027-01-15", "status": "in_progress", "target_level": ""},
    )

    assert response.status_code == 302 and response.url.endswith(f"#action-{action.pk}")
    action.refresh_from_db()
    assert (action.owner, action.due_date, action.status) == (bob, date(2027, 1, 15), "in_progress")


def test_the_next_snapshot_marks_the_actions_whose_item_reached_its_target(alice, assessment, results):
    reached, missed = criteria(assessment)[:2]
    for code, target in ((reached, 3), (missed, 3)):
        action_create_from_gap(
            assessment=assessment, user=alice, item_code=code, owner=None, due_date=None, target_level=target
        )
    Answer.objects.filter(assessment=assessment, item__code=reached).update(level=3)

    snapshot = alice_client_submit(assessment, alice)

    achieved = Action.objects.get(item_code=reached)
    assert achieved.achieved_snapshot == snapshot and achieved.status == "done"
    assert Action.objects.get(item_code=missed).achieved_at is None


def alice_client_submit(assessment, user):
    from partnerships.services.assessments import assessment_submit

    return assessment_submit(assessment=assessment, user=user)


def test_the_results_page_shows_plan_against_reality(alice_client, alice, assessment, results):
    code = gap_codes(alice_client, assessment, 1)[0]
    action_create_from_gap(
        assessment=assessment, user=alice, item_code=code, owner=None, due_date=TODAY - timedelta(days=2)
    )

    response = alice_client.get(reverse("assessment_results", args=[assessment.pk]))

    plan = response.context["plan"]
    step = next(row for row in plan.steps if row.actions)
    assert step.expected > step.current and step.overdue == 1
    assert 'id="plan-vs-reality"' in response.content.decode()


# --- Exports -------------------------------------------------------------------------------------------------


@pytest.fixture
def plan_with_actions(alice, bob, assessment, results):
    codes = criteria(assessment)
    action_create_from_gap(
        assessment=assessment, user=alice, item_code=codes[0], owner=bob, due_date=date(2027, 1, 15), target_level=3
    )
    action_create_from_gap(
        assessment=assessment,
        user=alice,
        item_code=codes[-1],
        owner=None,
        due_date=TODAY - timedelta(days=3),
        target_level=2,
    )
    action_create_free(
        assessment=assessment, user=alice, title='=HYPERLINK("http://evil")', step_number=10, owner=None, due_date=None
    )
    return assessment


def test_the_xlsx_export_has_a_formatted_sheet_per_phase_with_real_dates(alice_client, plan_with_actions):
    response = alice_client.get(reverse("plan_export_xlsx", args=[plan_with_actions.pk]))

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    assert len(workbook.sheetnames) == 2
    rows = []
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet["A1"].value == "Étape" and sheet["A1"].font.bold
        rows += list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 3
    first = next(row for row in rows if row[4] is not None and row[4].year == 2027)
    assert first[4].date() == date(2027, 1, 15) and first[3]  # a real date, and the owner's name


def test_the_csv_export_never_lets_a_cell_run_as_a_formula(alice_client, plan_with_actions):
    response = alice_client.get(reverse("plan_export_csv", args=[plan_with_actions.pk]))

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Étape" and len(rows) == 4
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    assert '\'=HYPERLINK("http://evil")' in [row[2] for row in rows]


def test_the_report_has_a_page_with_the_plan(plan_with_actions, results, media):
    report = Report.objects.create(snapshot=results, language="fr")

    pdf, _name = report_pdf(report)

    text = pdf_text(pdf)
    assert "Votre plan avant la rencontre" in text and "HYPERLINK" in text


def test_a_report_without_a_plan_has_no_plan_page(results, media):
    pdf, _name = report_pdf(Report.objects.create(snapshot=results, language="fr"))

    assert "Votre plan avant la rencontre" not in pdf_text(pdf)


# --- Reminders ----------------------------------------------------------------------------------------------


def test_owners_are_reminded_once_of_actions_due_within_a_week(
    alice, bob, assessment, results, django_capture_on_commit_callbacks
):
    bob.language = "en"
    bob.save()
    codes = criteria(assessment)
    soon = action_create_from_gap(
        assessment=assessment, user=alice, item_code=codes[0], owner=bob, due_date=TODAY + timedelta(days=7)
    )
    action_create_from_gap(
        assessment=assessment, user=alice, item_code=codes[1], owner=bob, due_date=TODAY + timedelta(days=8)
    )  # later: not yet
    done = action_create_free(
        assessment=assessment, user=alice, title="Fait", step_number=1, owner=alice, due_date=TODAY + timedelta(days=1)
    )
    Action.objects.filter(pk=done.pk).update(status="done")

    with django_capture_on_commit_callbacks(execute=True):
        sent = actions_remind(today=TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        again = actions_remind(today=TODAY)

    assert (sent, again) == (1, 0)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["bob@cardio.test"]
    assert mail.outbox[0].subject == "Actions of your plan due within a week"
    assert f"/startup/assessments/{assessment.pk}/plan/" in mail.outbox[0].body
    soon.refresh_from_db()
    Action.objects.filter(pk=soon.pk).update(due_date=TODAY + timedelta(days=5))  # moved: reminded again
    with django_capture_on_commit_callbacks(execute=True):
        assert actions_remind(today=TODAY) == 1


def test_the_reminders_run_every_day_through_celery_beat():
    entry = celery_app.conf.beat_schedule["send-action-reminders"]

    assert entry["task"] == "partnerships.send_action_reminders"
    from partnerships.tasks import send_action_reminders

    assert send_action_reminders.name == entry["task"]


def test_a_member_of_another_startup_is_not_an_owner(alice, assessment, results):
    other = MembershipFactory().user
    with pytest.raises(Exception, match="membre"):
        action_create_free(assessment=assessment, user=alice, title="x", step_number=1, owner=other, due_date=None)


def test_the_plan_page_runs_the_same_queries_with_one_action_or_many(
    alice_client, alice, assessment, results, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    codes = criteria(assessment)
    action_create_from_gap(assessment=assessment, user=alice, item_code=codes[0], owner=alice, due_date=TODAY)
    with CaptureQueriesContext(connection) as one:
        alice_client.get(reverse("plan", args=[assessment.pk]))
    for code in codes[1:12]:
        action_create_from_gap(assessment=assessment, user=alice, item_code=code, owner=alice, due_date=TODAY)

    with django_assert_max_num_queries(len(one.captured_queries)):
        alice_client.get(reverse("plan", args=[assessment.pk]))
