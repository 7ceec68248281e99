"""Every URL of the app × every role → the answer it gets.

The URLs are enumerated from the URLconf (partnerships.urls and checklists.urls): a new URL fails
`test_every_url_is_in_the_matrix` until its row is added here, so nobody ships a screen whose access
nobody wrote down.

Roles: anonymous; Alice, member of the startup that owns the data; Charlie, another startup; Rita,
reviewer, and Paula, admin, of Pharma Lab, which received Alice's dossier; Oscar, admin of another pharma
company; a staff user with no organisation. Answers: 200 page, 302 redirect (anonymous → log in, no
organisation → create one, done action → back to a page), 403 a screen of the other side's tools or
not the user's role, 404 an object the user may not see (someone else's, or the other side's on an
object URL: partnerships/views/access.py), 405 wrong method, 410 used link.

POST-only URLs are sent an empty POST (the roles that may act are last, so their change, if any, comes
after everyone else's check).
"""

import importlib

import pytest
from django.urls import URLPattern, URLResolver, reverse

from tests.partnerships.partnership_helpers import space

ROLES = ["anonymous", "other_startup", "other_pharma", "staff", "pharma_reviewer", "pharma_admin", "startup_member"]
FIXTURES = {
    "anonymous": None,
    "startup_member": "alice",
    "other_startup": "charlie",
    "pharma_reviewer": "rita",
    "pharma_admin": "paula",
    "other_pharma": "oscar",
    "staff": "staff_user",
}
COLUMNS = ["anonymous", "startup_member", "other_startup", "pharma_reviewer", "pharma_admin", "other_pharma", "staff"]


def row(method: str, args, answers: str):
    """`answers`: one status per role, in COLUMNS order (anon, startup, other startup, reviewer, admin,
    other pharma, staff)."""
    statuses = [int(code) for code in answers.split()]
    assert len(statuses) == len(COLUMNS)
    return method, args, dict(zip(COLUMNS, statuses, strict=True))


def no_args(world):
    return []


# URL name → (method, args from the world, expected answer by role)
#                                                          anon  S    S'   R    P    P'   staff
MATRIX = {
    # Public and account screens
    "home": row("GET", no_args, "                         200 302 302 302 302 302 302"),
    "dashboard": row("GET", no_args, "                    302 302 302 302 302 302 302"),
    "guide": row("GET", no_args, "                        200 200 200 200 200 200 200"),
    "signup": row("GET", no_args, "                       200 302 302 302 302 302 302"),
    "signup_done": row("GET", no_args, "                  200 200 200 200 200 200 200"),
    "email_confirm": row("GET", lambda w: ["not-a-token"], "400 400 400 400 400 400 400"),
    "login": row("GET", no_args, "                        200 302 302 302 302 302 302"),
    "logout": row("GET", no_args, "                       405 405 405 405 405 405 405"),
    "password_reset": row("GET", no_args, "               200 200 200 200 200 200 200"),
    "password_reset_done": row("GET", no_args, "          200 200 200 200 200 200 200"),
    "password_reset_confirm": row("GET", lambda w: ["MQ", "bad-token"], "200 200 200 200 200 200 200"),
    "password_reset_complete": row("GET", no_args, "      200 200 200 200 200 200 200"),
    # Organisation and members
    "organisation_create": row("GET", no_args, "          302 302 302 302 302 302 200"),
    "organisation_members": row("GET", no_args, "         302 200 200 200 200 200 302"),
    "member_remove": row("POST", lambda w: [w["bob_membership"].pk], "302 302 404 404 404 404 404"),
    "invitation_cancel": row("POST", lambda w: [w["invitation"].pk], "302 302 404 404 404 404 404"),
    "invitation_accept": row("GET", lambda w: [w["invitation"].token], "200 403 403 403 403 403 403"),
    # Startup screens
    "startup_dashboard": row("GET", no_args, "            302 200 200 403 403 403 302"),
    "startup_profile": row("GET", no_args, "              302 200 200 403 403 403 302"),
    "target_list": row("GET", no_args, "                  302 200 200 403 403 403 302"),
    "target_create": row("GET", no_args, "                302 200 200 403 403 403 302"),
    "target_update": row("GET", lambda w: [w["target"].pk], "302 200 404 404 404 404 404"),
    "assessment_start": row("GET", lambda w: [w["target"].pk], "302 302 404 404 404 404 404"),
    "assessment_step": row("GET", lambda w: [w["assessment"].pk, 1], "302 200 404 404 404 404 404"),
    "assessment_submit": row("POST", lambda w: [w["assessment"].pk], "302 302 404 404 404 404 404"),
    "assessment_results": row("GET", lambda w: [w["assessment"].pk], "302 200 404 404 404 404 404"),
    # PDF reports: the startup's own; a pharma company only the one attached to a dossier it received
    "snapshot_reports": row("GET", lambda w: [w["snapshot"].uuid], "302 200 404 404 404 404 404"),
    "report_request": row("POST", lambda w: [w["snapshot"].uuid], "302 302 404 404 404 404 404"),
    "report_detail": row("GET", lambda w: [w["report"].uuid], "302 200 404 200 200 404 404"),
    "report_status": row("GET", lambda w: [w["report"].uuid], "302 200 404 200 200 404 404"),
    "report_download": row("GET", lambda w: [w["report"].uuid], "302 200 404 200 200 404 404"),
    # Dossiers, startup side
    "dossier_submit": row("GET", lambda w: [w["snapshot"].uuid], "302 200 404 404 404 404 404"),
    "startup_dossiers": row("GET", no_args, "             302 200 200 403 403 403 302"),
    "startup_dossier_detail": row("GET", lambda w: [w["dossier"].uuid], "302 200 404 404 404 404 404"),
    "dossier_withdraw": row("POST", lambda w: [w["dossier"].uuid], "302 302 404 404 404 404 404"),
    # Dossiers, pharma side: reviewers review, admins also assign
    "pharma_inbox": row("GET", no_args, "                 302 403 403 200 200 200 302"),
    "pharma_inbox_csv": row("GET", no_args, "             302 403 403 200 200 200 302"),
    "pharma_dossier_detail": row("GET", lambda w: [w["dossier"].uuid], "302 404 404 200 200 404 404"),
    "pharma_dossier_transition": row("POST", lambda w: [w["dossier"].uuid], "302 404 404 302 302 404 404"),
    "pharma_dossier_assign": row("POST", lambda w: [w["dossier"].uuid], "302 404 404 403 302 404 404"),
    # Both sides write on a dossier; nobody else finds it
    "dossier_message": row("POST", lambda w: [w["dossier"].uuid], "302 302 404 302 302 404 404"),
    # Pharma commitments: every member reads its own, only admins edit (checked in test_pharma_profile)
    "pharma_dashboard": row("GET", no_args, "             302 403 403 200 200 200 302"),
    "pharma_profile": row("GET", no_args, "               302 403 403 200 200 200 302"),
    # The directory of published pharma profiles is a startup's screen
    "directory": row("GET", no_args, "                    302 200 200 403 403 403 302"),
    "directory_detail": row("GET", lambda w: [w["pharma_profile"].pk], "302 200 200 404 404 404 404"),
    # Data rights and the audit trail (admins of an organisation only)
    "privacy": row("GET", no_args, "                      200 200 200 200 200 200 200"),
    "privacy_export": row("POST", no_args, "              302 200 200 200 200 200 200"),
    "account_delete": row("GET", no_args, "               302 200 200 200 200 200 200"),
    "organisation_delete": row("GET", no_args, "          302 200 200 403 200 200 403"),
    "audit_log": row("GET", no_args, "                    302 200 200 403 200 200 403"),
    # Trust: identity (members read, admins edit), the staff's verification queue
    "organisation_identity": row("GET", no_args, "        302 200 200 200 200 200 302"),
    "staff_verifications": row("GET", no_args, "          302 403 403 403 403 403 200"),
    "staff_verification_decide": row(
        "POST", lambda w: [w["pharma_profile"].organisation_id], "302 403 403 403 403 403 302"
    ),
    # The confidential part: the startup writes it; before a CDA the pharma side does not find it (see below for after)
    "startup_dossier_confidential": row("GET", lambda w: [w["dossier"].uuid], "302 200 404 404 404 404 404"),
    "pharma_dossier_confidential": row("GET", lambda w: [w["dossier"].uuid], "302 404 404 404 404 404 404"),
    # CDA: the startup's members and the pharma company's admins propose and accept; only the startup revokes
    "dossier_cda_propose": row("POST", lambda w: [w["dossier"].uuid], "302 302 404 403 302 404 404"),
    "dossier_cda_accept": row("POST", lambda w: [w["dossier"].uuid], "302 302 404 403 302 404 404"),
    "dossier_cda_revoke": row("POST", lambda w: [w["dossier"].uuid], "302 302 404 404 404 404 404"),
    # Reviewers' scores: reviewers and admins score; sharing is the admins' (or the assigned reviewer's)
    "dossier_review": row("GET", lambda w: [w["dossier"].uuid], "302 404 404 200 200 404 404"),
    "dossier_review_sharing": row("POST", lambda w: [w["dossier"].uuid], "302 404 404 403 302 404 404"),
    # Re-sending an invitation: its organisation's admins only
    "invitation_resend": row("POST", lambda w: [w["invitation"].pk], "302 302 404 404 404 404 404"),
    # The inbox as XLSX: like the CSV, reviewers and admins of the pharma company
    "pharma_inbox_xlsx": row("GET", no_args, "            302 403 403 200 200 200 302"),
    # Action plan: the startup's members only (anyone else: 404, an object); an empty POST is a form error (400)
    "plan": row("GET", lambda w: [w["assessment"].pk], "302 200 404 404 404 404 404"),
    "plan_action_create": row("POST", lambda w: [w["assessment"].pk], "302 400 404 404 404 404 404"),
    "plan_export_xlsx": row("GET", lambda w: [w["assessment"].pk], "302 200 404 404 404 404 404"),
    "plan_export_csv": row("GET", lambda w: [w["assessment"].pk], "302 200 404 404 404 404 404"),
    "plan_action_update": row("POST", lambda w: [plan_action(w).pk], "302 400 404 404 404 404 404"),
    "plan_action_delete": row("POST", lambda w: [plan_action(w).pk], "302 302 404 404 404 404 404"),
    # Peer benchmark opt-out: a startup's admins
    "benchmark_settings": row("GET", no_args, "           302 200 200 403 403 403 403"),
    # API tokens: each organisation's admins manage their own (the API itself: test_api_access.py)
    "api_tokens": row("GET", no_args, "                   302 200 200 403 200 200 403"),
    "api_token_revoke": row("POST", lambda w: [pharma_token(w).pk], "302 404 404 404 302 404 404"),
    # The partnership space (after the first meeting): both sides of the dossier, nobody else, nor anyone in
    # no organisation (404); the pharma team proposes meetings; actions with nothing valid posted answer with a
    # message and a redirect
    "partnership_detail": row("GET", space("dossier"), "        302 200 404 200 200 404 404"),
    "partnership_scope": row("POST", space("dossier"), "        302 302 404 302 302 404 404"),
    "meeting_propose": row("GET", space("dossier"), "           302 403 404 200 200 404 404"),
    "next_step_add": row("POST", space("dossier"), "            302 302 404 302 302 404 404"),
    "kpi_propose": row("GET", space("dossier"), "               302 200 404 200 200 404 404"),
    "kpi_import": row("GET", space("dossier"), "                302 200 404 200 200 404 404"),
    "feedback_round_open": row("POST", space("dossier"), "      302 302 404 302 302 404 404"),
    "partnership_review_request": row("POST", space("dossier"), "302 302 404 302 302 404 404"),
    "meeting_detail": row("GET", space("meeting"), "            302 200 404 200 200 404 404"),
    "meeting_slots": row("POST", space("meeting"), "            302 302 404 302 302 404 404"),
    "meeting_confirm": row("POST", space("meeting"), "          302 302 404 302 302 404 404"),
    "meeting_agenda": row("POST", space("meeting"), "           302 302 404 302 302 404 404"),
    "meeting_agenda_print": row("GET", space("meeting"), "      302 200 404 200 200 404 404"),
    "meeting_notes": row("POST", space("meeting"), "            302 302 404 302 302 404 404"),
    "meeting_ics": row("GET", space("meeting"), "               302 200 404 200 200 404 404"),
    "next_step_done": row("POST", space("next_step", "pk"), "   302 302 404 302 302 404 404"),
    "kpi_change": row("GET", space("kpi"), "                    302 200 404 200 200 404 404"),
    "kpi_value_add": row("POST", space("kpi"), "                302 302 404 302 302 404 404"),
    "kpi_accept": row("POST", space("version", "pk"), "         302 302 404 302 302 404 404"),
    "kpi_alert_decide": row("POST", space("alert", "pk"), "     302 302 404 302 302 404 404"),
    "feedback_answer": row("GET", space("round"), "             302 200 404 200 200 404 404"),
    "partnership_review_download": row("GET", space("review"), "302 200 404 200 200 404 404"),
    # What new users expected (issue 12): archive a target
    "target_archive": row("POST", lambda w: [w["target"].pk], "302 302 404 404 404 404 404"),
    "snapshot_list": row("GET", lambda w: [w["assessment"].pk], "302 200 404 404 404 404 404"),
    "favicon": row("GET", no_args, "                      200 200 200 200 200 200 200"),
}


def plan_action(world):
    """A free action in the plan of Alice's assessment."""
    from partnerships.models import Action

    return Action.objects.create(assessment=world["assessment"], title="Démo", step_number=3)


def pharma_token(world):
    """A token of Pharma Lab, the receiving company."""
    from tests.partnerships.api_helpers import token_for

    paula = world["dossier"].pharma.memberships.get(role="admin").user
    token_for(paula)
    return paula.api_tokens.get()


def _names(patterns) -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            names |= _names(pattern.url_patterns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(pattern.name)
    return names


def app_url_names() -> set[str]:
    return _names(importlib.import_module("partnerships.urls").urlpatterns) | _names(
        importlib.import_module("checklists.urls").urlpatterns
    )


def test_every_url_is_in_the_matrix():
    names = app_url_names()
    assert not names - MATRIX.keys(), f"add these URLs to the access matrix: {sorted(names - MATRIX.keys())}"
    assert not MATRIX.keys() - names, f"these URLs no longer exist: {sorted(MATRIX.keys() - names)}"


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_access_matrix(client, request, world, name):
    method, args, expected = MATRIX[name]
    url = reverse(name, args=args(world))
    answers = {}
    for role in ROLES:
        client.logout()
        if FIXTURES[role]:
            client.force_login(request.getfixturevalue(FIXTURES[role]))
        response = client.post(url, {}) if method == "POST" else client.get(url)
        answers[role] = response.status_code
        if response.streaming:  # read a download to its end: the test client then closes its file
            b"".join(response.streaming_content)
    assert answers == expected, f"{method} {url}"


# The confidential part once both sides accepted a CDA, then after the startup revoked it.
AFTER_CDA = {
    "in_force": "302 404 404 200 200 404 404",
    "revoked": "302 404 404 404 404 404 404",
}


@pytest.mark.parametrize("stage", sorted(AFTER_CDA))
def test_access_to_the_confidential_part_after_a_cda(client, request, world, stage):
    from django.utils import timezone

    from partnerships.services.trust import cda_accept, cda_propose, cda_revoke

    dossier, alice, paula = world["dossier"], request.getfixturevalue("alice"), request.getfixturevalue("paula")
    cda_propose(user=alice, dossier=dossier, kind="reference", reference="NDA-1", signed_on=timezone.localdate())
    cda_accept(user=paula, dossier=dossier)
    if stage == "revoked":
        cda_revoke(user=alice, dossier=dossier)
    _method, _args, expected = row("GET", None, AFTER_CDA[stage])
    url = reverse("pharma_dossier_confidential", args=[dossier.uuid])
    answers = {}
    for role in ROLES:
        client.logout()
        if FIXTURES[role]:
            client.force_login(request.getfixturevalue(FIXTURES[role]))
        answers[role] = client.get(url).status_code
    assert answers == expected, stage


# Reviewers' scores before and after the team shares them: which role's page shows them, on each dossier page.
REVIEW_COMMENT = "Commentaire du comité : preuves cliniques à renforcer."
#                         anon  S    S'   R    P    P'   staff   (1: the page shows the reviewers' scores and comment)
SCORES_BEFORE_SHARING = {
    "pharma_dossier_detail": "0 0 0 1 1 0 0",
    "startup_dossier_detail": "0 0 0 0 0 0 0",
}
SCORES_AFTER_SHARING = {
    "pharma_dossier_detail": "0 0 0 1 1 0 0",
    "startup_dossier_detail": "0 1 0 0 0 0 0",
}


def _sees_scores(client, request, world, name: str) -> dict[str, int]:
    url = reverse(name, args=[world["dossier"].uuid])
    seen = {}
    for role in ROLES:
        client.logout()
        if FIXTURES[role]:
            client.force_login(request.getfixturevalue(FIXTURES[role]))
        response = client.get(url)
        page = response.content.decode() if response.status_code == 200 else ""
        seen[role] = int(REVIEW_COMMENT in page)
    return seen


def test_reviewer_scores_before_and_after_sharing(client, request, world, rita, paula):
    from partnerships.services.reviews import dossier_review_save, dossier_reviews_share

    dossier = world["dossier"]
    dossier_review_save(user=rita, dossier=dossier, answers={}, comments={1: REVIEW_COMMENT})
    for expected_by_page in (SCORES_BEFORE_SHARING, "share", SCORES_AFTER_SHARING):
        if expected_by_page == "share":
            dossier_reviews_share(user=paula, dossier=dossier, share=True, share_names=False, notify=False)
            continue
        for name, answers in expected_by_page.items():
            expected = dict(zip(COLUMNS, (int(a) for a in answers.split()), strict=True))
            assert _sees_scores(client, request, world, name) == expected, name
