"""A founder signs up, confirms the e-mail address, logs in and out, and resets a forgotten password."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = {
    "first_name": "Alice",
    "last_name": "Martin",
    "email": "Alice@Cardio.test",
    "password1": "un-mot-de-passe-solide",
    "password2": "un-mot-de-passe-solide",
}


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


@pytest.fixture
def signup(client, django_capture_on_commit_callbacks):
    """Sign up as a browser would; the e-mail leaves once the transaction commits."""

    def post(data=SIGNUP):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("signup"), data)

    return post


def test_signup_creates_an_inactive_account_and_mails_a_confirmation_link(signup):
    response = signup()
    assert response.status_code == 302
    assert response["Location"] == reverse("signup_done")
    user = User.objects.get(email="alice@cardio.test")
    assert not user.is_active
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["alice@cardio.test"]
    assert "/signup/confirm/" in link_in(mail.outbox[0])


def test_confirmation_link_opens_the_account_and_logs_in(client, signup):
    signup()
    path = link_in(mail.outbox[0]).split("testserver", 1)[1]
    response = client.get(path, follow=True)
    assert User.objects.get(email="alice@cardio.test").is_active
    # Logged in, with no organisation yet: asked to create one.
    assert response.redirect_chain[-1][0] == reverse("organisation_create")


def test_a_tampered_confirmation_link_is_refused(client, signup):
    signup()
    path = link_in(mail.outbox[0]).split("testserver", 1)[1]
    response = client.get(path[:-3] + "xyz/")
    assert response.status_code == 400
    assert not User.objects.get(email="alice@cardio.test").is_active


def test_signup_errors_are_shown_on_the_field_and_keep_what_was_typed(client):
    data = {**SIGNUP, "password2": "something-else-entirely"}
    response = client.post(reverse("signup"), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert 'value="Alice@Cardio.test"' in content
    assert 'value="Martin"' in content
    assert "is-invalid" in content
    assert response.context["form"].errors["password2"]
    assert not User.objects.exists()


def test_signup_refuses_an_address_that_already_has_an_account(client):
    UserFactory(email="alice@cardio.test")
    response = client.post(reverse("signup"), SIGNUP)
    assert response.status_code == 200
    assert response.context["form"].errors["email"]


def test_login_with_email_and_password_then_logout(client):
    UserFactory(email="alice@cardio.test")
    response = client.post(reverse("login"), {"username": "alice@cardio.test", "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session
    client.post(reverse("logout"))
    assert "_auth_user_id" not in client.session


def test_an_unconfirmed_account_cannot_log_in(client):
    UserFactory(email="alice@cardio.test", is_active=False)
    response = client.post(reverse("login"), {"username": "alice@cardio.test", "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_password_reset_by_email_link(client, django_capture_on_commit_callbacks):
    user = UserFactory(email="alice@cardio.test")
    with django_capture_on_commit_callbacks(execute=True):  # e-mails leave after the commit
        response = client.post(reverse("password_reset"), {"email": "alice@cardio.test"})
    assert response["Location"] == reverse("password_reset_done")
    path = link_in(mail.outbox[0]).split("testserver", 1)[1]
    response = client.get(path)  # Django swaps the token for a session value and redirects
    assert response.status_code == 302
    new_password = "a-brand-new-passphrase"
    response = client.post(response["Location"], {"new_password1": new_password, "new_password2": new_password})
    assert response["Location"] == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(new_password)


def test_pages_are_in_french_by_default_and_english_under_en(client):
    assert 'lang="fr"' in client.get("/signup/").content.decode()
    response = client.get("/en/signup/")
    assert response.status_code == 200
    assert 'lang="en"' in response.content.decode()


def test_a_logged_in_page_reads_the_user_with_membership_and_organisation_at_once(alice_client, framework):
    # Every page shows and checks them: one query joins the three (partnerships.backends), none reads them again.
    with CaptureQueriesContext(connection) as queries:
        response = alice_client.get(reverse("guide"))
    assert response.status_code == 200
    reading = [
        q["sql"] for q in queries if 'FROM "partnerships_user"' in q["sql"] or "partnerships_membership" in q["sql"]
    ]
    assert len(reading) == 1
    assert 'JOIN "partnerships_membership"' in reading[0] and 'JOIN "partnerships_organisation"' in reading[0]
