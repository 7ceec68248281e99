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
