"""Accounts and sessions under attack: a confirmation link works once, invitations expire, idle sessions end,
authenticated pages are never stored by a browser or a proxy, and login throttling sees the real client
behind the TLS proxy."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from partnerships.models import User

pytestmark = pytest.mark.django_db

SIGNUP = {
    "first_name": "Alice",
    "last_name": "Martin",
    "email": "alice@cardio.test",
    "password1": "un-mot-de-passe-solide",
    "password2": "un-mot-de-passe-solide",
}


def confirmation_path(client, django_capture_on_commit_callbacks) -> str:
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("signup"), SIGNUP)
    return re.search(r"https?://testserver(\S+)", mail.outbox[-1].body).group(1)


def logged_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_a_confirmation_link_reused_after_logout_no_longer_logs_in(client, django_capture_on_commit_callbacks):
    path = confirmation_path(client, django_capture_on_commit_callbacks)
    client.get(path)
    assert logged_in_user_id(client)
    client.post(reverse("logout"))

    response = client.get(path)

    assert response.status_code == 200
    assert logged_in_user_id(client) is None
    assert "Cette adresse e-mail est déjà confirmée" in response.content.decode()
    assert reverse("login") in response.content.decode()


def test_a_confirmation_link_reused_after_a_password_change_no_longer_logs_in(
    client, django_capture_on_commit_callbacks
):
    path = confirmation_path(client, django_capture_on_commit_callbacks)
    client.get(path)
    client.post(reverse("logout"))
    user = User.objects.get(email="alice@cardio.test")
    user.set_password("a-brand-new-passphrase")
    user.save()

    client.get(path)

    assert logged_in_user_id(client) is None


def test_a_confirmation_link_superseded_by_a_second_signup_is_refused(client, django_capture_on_commit_callbacks):
    first = confirmation_path(client, django_capture_on_commit_callbacks)
    second = confirmation_path(client, django_capture_on_commit_callbacks)  # new password, new link

    assert client.get(first).status_code == 400
    assert not User.objects.get(email="alice@cardio.test").is_active
    client.get(second)
    assert User.objects.get(email="alice@cardio.test").is_active


def old_invitation(organisation, invited_by, days_ago: int):
    from datetime import timedelta

    from django.utils import timezone

    from partnerships.models import Invitation

    invitation = Invitation.objects.create(organisation=organisation, email="carol@cardio.test", invited_by=invited_by)
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now() - timedelta(days=days_ago))
    invitation.refresh_from_db()
    return invitation


def test_an_invitation_older_than_its_lifetime_says_ask_for_a_new_one_and_opens_no_signup(client, alice, settings):
    settings.INVITATION_LIFETIME_DAYS = 14
    invitation = old_invitation(alice.membership.organisation, alice, days_ago=400)

    page = client.get(reverse("invitation_accept", args=[invitation.token]))
    posted = client.post(
        reverse("invitation_accept", args=[invitation.token]),
        {"first_name": "Carol", "password1": "a-good-long-passphrase"},
    )

    assert page.status_code == 410 and posted.status_code == 410
    assert "Cette invitation a expiré" in page.content.decode()
    assert "form" not in page.context or page.context.get("form") is None
    assert not User.objects.filter(email="carol@cardio.test").exists()


def test_an_invitation_within_its_lifetime_still_opens_the_signup_form(client, alice, settings):
    settings.INVITATION_LIFETIME_DAYS = 14
    invitation = old_invitation(alice.membership.organisation, alice, days_ago=13)

    assert client.get(reverse("invitation_accept", args=[invitation.token])).status_code == 200


def test_an_admin_resends_an_expired_invitation_with_a_new_link_and_it_is_audited(
    client, alice, django_capture_on_commit_callbacks
):
    from partnerships.models import AuditEvent

    invitation = old_invitation(alice.membership.organisation, alice, days_ago=30)
    old_token = invitation.token
    client.force_login(alice)
    members = client.get(reverse("organisation_members")).content.decode()
    assert "lien expiré" in members and reverse("invitation_resend", args=[invitation.pk]) in members

    with django_capture_on_commit_callbacks(execute=True):  # e-mails leave after the commit
        response = client.post(reverse("invitation_resend", args=[invitation.pk]))

    assert response["Location"] == reverse("organisation_members")
    invitation.refresh_from_db()
    assert invitation.token != old_token and not invitation.is_expired
    assert invitation.token in mail.outbox[-1].body
    assert AuditEvent.objects.filter(action="invitation_resent", description="carol@cardio.test").exists()
    client.logout()
    assert client.get(reverse("invitation_accept", args=[old_token])).status_code == 404
    assert client.get(reverse("invitation_accept", args=[invitation.token])).status_code == 200


def test_a_plain_member_cannot_resend_an_invitation(client, alice, bob):
    invitation = old_invitation(alice.membership.organisation, alice, days_ago=30)
    client.force_login(bob)

    assert client.post(reverse("invitation_resend", args=[invitation.pk])).status_code == 403
    invitation.refresh_from_db()
    assert invitation.is_expired


def test_a_session_idle_longer_than_the_timeout_is_logged_out(client, alice, settings):
    from partnerships.middleware import LAST_SEEN

    settings.SESSION_IDLE_TIMEOUT = 8 * 3600
    client.force_login(alice)
    assert client.get(reverse("startup_dashboard")).status_code == 200
    session = client.session
    session[LAST_SEEN] -= 8 * 3600 + 1
    session.save()

    response = client.get(reverse("startup_dashboard"), follow=True)

    assert logged_in_user_id(client) is None
    assert response.redirect_chain[-1][0].startswith(reverse("login"))
    assert "Votre session a pris fin après une période" in response.content.decode()


def test_a_session_active_within_the_timeout_stays_open_and_records_the_activity(client, alice, settings):
    from partnerships.middleware import LAST_SEEN

    settings.SESSION_IDLE_TIMEOUT = 8 * 3600
    client.force_login(alice)
    session = client.session
    session[LAST_SEEN] -= 8 * 3600 - 60
    session.save()

    assert client.get(reverse("startup_dashboard")).status_code == 200
    assert client.get(reverse("startup_dashboard")).status_code == 200  # activity moved the idle limit
    assert logged_in_user_id(client) == str(alice.pk)


@pytest.mark.parametrize(
    "name", ["startup_dashboard", "assessment_results", "organisation_members", "privacy", "target_list"]
)
def test_authenticated_pages_are_never_stored_by_a_browser_or_proxy(client, alice, assessment, name):
    client.force_login(alice)
    args = [assessment.pk] if name == "assessment_results" else []

    response = client.get(reverse(name, args=args))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_the_data_export_zip_is_never_stored(client, alice):
    client.force_login(alice)

    response = client.post(reverse("privacy_export"))

    assert response["Content-Type"] == "application/zip"
    assert "no-store" in response["Cache-Control"]


def test_public_pages_stay_cacheable(client, framework):
    assert "no-store" not in client.get(reverse("guide")).get("Cache-Control", "")


PROXY = "172.18.0.5"  # the TLS proxy: every request reaches the app from its address


def login_through_proxy(client, email: str, password: str, client_address: str, claimed: str = ""):
    """A login POST as the proxy forwards it: the client's own X-Forwarded-For (any lie) then its address."""
    forwarded = f"{claimed}, {client_address}" if claimed else client_address
    return client.post(
        reverse("login"),
        {"username": email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


@pytest.fixture
def throttling(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_IP_FAILURE_LIMIT = 20
    settings.TRUSTED_PROXY_COUNT = 1


def test_failures_from_other_clients_behind_the_proxy_do_not_lock_the_account_for_its_owner(client, throttling):
    from tests.factories import PASSWORD, UserFactory

    victim = UserFactory(email="paula@pharmalab.test")
    for attempt in range(5):
        login_through_proxy(client, victim.email, f"guess-{attempt}", client_address=f"198.51.100.{attempt + 1}")

    response = login_through_proxy(client, victim.email, PASSWORD, client_address="203.0.113.7")

    assert response.status_code == 302
    assert logged_in_user_id(client) == str(victim.pk)


def test_a_client_cannot_escape_its_lockout_by_writing_its_own_forwarded_for(client, throttling):
    from tests.factories import UserFactory

    victim = UserFactory(email="paula@pharmalab.test")
    for attempt in range(5):
        login_through_proxy(client, victim.email, f"guess-{attempt}", "198.51.100.1", claimed=f"10.0.0.{attempt}")

    response = login_through_proxy(client, victim.email, "guess-6", "198.51.100.1", claimed="10.9.9.9")

    assert response.status_code == 429
    assert "Trop de tentatives" in response.content.decode()


def test_one_password_sprayed_over_many_accounts_from_one_address_is_throttled(client, throttling):
    from tests.factories import PASSWORD, UserFactory

    accounts = [UserFactory(email=f"member{n}@pharmalab.test") for n in range(21)]
    answers = [
        login_through_proxy(client, account.email, "Printemps2024!", "198.51.100.66").status_code
        for account in accounts[:20]
    ]
    assert 429 not in answers[:19]  # under the per-address limit, every account is tried

    response = login_through_proxy(client, accounts[20].email, PASSWORD, "198.51.100.66")

    assert response.status_code == 429  # even the right password of an untried account, from that address
    assert logged_in_user_id(client) is None
    assert login_through_proxy(client, accounts[20].email, PASSWORD, "203.0.113.7").status_code == 302


def test_without_a_trusted_proxy_the_forwarded_header_is_not_believed(client, settings):
    from django.test import RequestFactory

    from partnerships.network import client_ip

    settings.TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.1", HTTP_X_FORWARDED_FOR="10.0.0.1")
    assert client_ip(request) == "198.51.100.1"
    settings.TRUSTED_PROXY_COUNT = 2  # e.g. a CDN, then the TLS proxy
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="10.0.0.1, 198.51.100.1, 192.0.2.3")
    assert client_ip(request) == "198.51.100.1"


def test_compose_publishes_only_the_tls_proxy_and_the_app_trusts_exactly_that_one():
    from pathlib import Path

    import yaml

    root = Path(__file__).resolve().parents[2]
    services = yaml.safe_load((root / "docker-compose.yml").read_text())["services"]

    assert "ports" not in services["web"]  # gunicorn speaks plain HTTP: never reachable but through the proxy
    assert {"80:80", "443:443"} <= set(services["proxy"]["ports"])
    assert services["web"]["environment"]["TRUSTED_PROXY_COUNT"] == "1"
    assert "reverse_proxy web:8000" in (root / "Caddyfile").read_text()
