"""E-mails: rendered in the recipient's language, sent by a Celery task once the transaction commits.

An e-mail never breaks the action that caused it: the action is committed first, the message is queued
after the commit, the task retries transient failures (the mail server refusing connections, a timeout)
with backoff, and a message that cannot be sent is logged, never shown to the user as an error.
"""

import logging
from email.headerregistry import Address
from email.utils import parseaddr
from functools import partial

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def mail_language(language: str | None) -> str:
    """A language the app speaks: the recipient's when it is one, else the default (French)."""
    language = (language or "")[:2]
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def mail_sender() -> str:
    """DEFAULT_FROM_EMAIL's address under the app's name in the active language."""
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    # Unicode kept as is (« Préparation au partenariat »): Django encodes the header when it sends.
    return str(Address(display_name=_("Partnership readiness"), addr_spec=address or settings.DEFAULT_FROM_EMAIL))


def mail_send(
    *, to: str, language: str | None, subject: str, template: str, context: dict, subject_params: dict | None = None
) -> None:
    """Render `template` and `subject` (an English msgid) in `language`, and queue the e-mail after commit.

    Rendered here, not in the worker: the context holds model instances, the task takes plain strings.
    """
    with translation.override(mail_language(language)):
        mail_queue(to=to, subject=_(subject) % (subject_params or {}), body=render_to_string(template, context))


def mail_queue(*, to: str, subject: str, body: str) -> None:
    """Queue an e-mail already rendered in the active language; it leaves once the transaction commits."""
    message = {
        "subject": " ".join(subject.split()),  # one header line, always
        "body": body,
        "from_email": mail_sender(),
        "to": [to],
    }
    # robust: whatever goes wrong while queueing is logged; the committed action still answers normally.
    transaction.on_commit(partial(_enqueue, message), robust=True)


def _enqueue(message: dict) -> None:
    from ..tasks import send_email

    try:
        send_email.delay(**message)
    except Exception as error:  # noqa: BLE001 - kombu raises many kinds of connection errors
        # The broker is unreachable: send it from this process now, as the embedded mode does, rather than lose
        # it while the page says it was sent (a sign-up's confirmation link, a pharma team's new dossier).
        logger.warning("E-mail %r not queued (%r): sent from the web process", message["subject"], error)
        send_email.apply(kwargs=message)
