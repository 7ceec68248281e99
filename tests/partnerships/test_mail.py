"""E-mails never break an action, and each one is written in its recipient's language.

The mail server is real enough: Django's SMTP backend pointed at a local port where nothing listens, so every
connection is refused, as with a mail relay that is down."""

import logging
import socket

import pytest
from django.core import mail
from django.urls import reverse

from partnerships.models import Dossier, DossierEvent, DossierMessage, User
from partnerships.services.dossiers import dossier_submit

NBSP = "\u00a0"


@pytest.fixture
def mail_server_down(settings):
    """SMTP to a local port that was just closed: connection refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 2
    return port


def _not_sent(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR and "not sent" in r.getMessage()]


def test_with_the_mail_server_down_messages_moves_and_signups_succeed_once_and_the_failure_is_logged(
    client, mail_server_down, dossier, rita, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.WARNING, logger="partnerships")
    client.force_login(rita)
    with django_capture_on_commit_callbacks(execute=True):
        posted = client.post(reverse("dossier_message", args=[dossier.uuid]), {"body": "Shall we meet on Tuesday?"})
    assert posted.status_code == 302
    assert DossierMessage.objects.filter(dossier=dossier).count() == 1
    assert len(_not_sent(caplog)) == 1  # the e-mail to Alice, the startup's only member

    caplog.clear()
    with django_capture_on_commit_callbacks(execute=True):
        moved = client.post(reverse("pharma_dossier_transition", args=[dossier.uuid]), {"to_status": "in_review"})
    assert moved.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.IN_REVIEW
    assert DossierEvent.objects.filter(dossier=dossier, to_status="in_review").count() == 1
    assert _not_sent(caplog)

    client.logout()
    caplog.clear()
    with django_capture_on_commit_callbacks(execute=True):
        signed_up = client.post(
            reverse("signup"),
            {
                "first_name": "Nina",
                "email": "nina@neuro.test",
                "password1": "un-mot-de-passe-solide",
                "password2": "un-mot-de-passe-solide",
            },
        )
    assert signed_up.status_code == 302 and signed_up["Location"] == reverse("signup_done")
    assert User.objects.filter(email="nina@neuro.test").count() == 1
    assert _not_sent(caplog)


def test_each_recipient_reads_the_email_in_their_own_language_with_a_localised_sender(
    snapshot, alice, pharma_org, paula, rita, django_capture_on_commit_callbacks
):
    User.objects.filter(pk=paula.pk).update(language="en")
    User.objects.filter(pk=rita.pk).update(language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        dossier_submit(user=alice, snapshot=snapshot, pharma=pharma_org, cover_message="Bonjour")
    by_recipient = {message.to[0]: message for message in mail.outbox}

    english, french = by_recipient["paula@pharmalab.test"], by_recipient["rita@pharmalab.test"]
    assert english.subject == "New dossier received"
    assert english.from_email.startswith("Partnership readiness <")
    assert "Score: " in english.body and "Cover message:" in english.body
    assert "/en/pharma/dossiers/" in english.body
    assert french.subject == "Nouveau dossier reçu"
    assert french.from_email.startswith("Préparation au partenariat <")
    assert f"Score{NBSP}: " in french.body and f"Message d'accompagnement{NBSP}:" in french.body
    assert "/en/" not in french.body


def test_the_language_a_user_reads_the_app_in_is_remembered_for_her_emails(client, alice):
    assert alice.language == "fr"
    client.force_login(alice)
    assert client.get("/en/", follow=True).status_code == 200
    alice.refresh_from_db()
    assert alice.language == "en"

    # The language switcher (a cookie), then the next page in French.
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    client.get("/", follow=True)
    alice.refresh_from_db()
    assert alice.language == "fr"


def test_an_invitation_is_written_in_the_inviters_language(client, alice, django_capture_on_commit_callbacks):
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en" + reverse("organisation_members"), {"email": "carol@cardio.test", "role": "member"})
    [invitation] = mail.outbox
    assert invitation.subject == "CardioSuivi invites you to prepare pharma partnerships"
    assert "/en/invitations/" in invitation.body


def test_with_the_job_queue_down_the_email_leaves_from_the_web_process(db, client, django_capture_on_commit_callbacks):
    """The page says the confirmation link was sent: with the broker unreachable it still is."""
    from tests.conftest import celery_app_sending_to

    data = {
        "first_name": "Bob",
        "email": "bob@probe.test",
        "password1": "Lentilles-2026",
        "password2": "Lentilles-2026",
    }
    with celery_app_sending_to("redis://127.0.0.1:1/0"), django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("signup"), data)

    assert response.status_code == 302 and response["Location"] == reverse("signup_done")
    [message] = mail.outbox
    assert message.to == ["bob@probe.test"] and "http://testserver/" in message.body
