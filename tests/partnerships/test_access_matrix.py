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
    # Re-sending an invitation: its organisation's admins only
    "invitation_resend": row("POST", lambda w: [w["invitation"].pk], "302 302 404 404 404 404 404"),
    # The inbox as XLSX: like the CSV, reviewers and admins of the pharma company
    "pharma_inbox_xlsx": row("GET", no_args, "            302 403 403 200 200 200 302"),
}


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
