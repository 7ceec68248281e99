"""Writes on user accounts: sign-up and e-mail confirmation with a signed, expiring, single-use link."""

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_noop

from checklists.i18n import active_language

from ..models import User
from .mail import mail_language, mail_send

CONFIRM_SALT = "partnerships.email-confirm"
CONFIRM_MAX_AGE = 3 * 24 * 3600  # seconds


class ConfirmationError(Exception):
    """The confirmation link is invalid or has expired."""


class AlreadyConfirmed(ConfirmationError):
    """The link was genuine but its account is already open: it no longer logs anyone in."""


class _ConfirmationState(PasswordResetTokenGenerator):
    """A check over what confirming changes: the link works once, and a new password or login voids it."""

    key_salt = "partnerships.email-confirm.state"

    def _make_hash_value(self, user: User, timestamp: int) -> str:
        last_login = "" if user.last_login is None else user.last_login.replace(microsecond=0, tzinfo=None)
        return f"{user.pk}{user.password}{last_login}{user.is_active}{user.email}{timestamp}"


_confirmation_state = _ConfirmationState()


def confirmation_token(user: User) -> str:
    # The signed part names the account (to tell "already confirmed" apart); the check part ties the link to
    # the account's current password, last login, address and inactive state, as password-reset links are.
    return signing.dumps({"user": user.pk, "check": _confirmation_state.make_token(user)}, salt=CONFIRM_SALT)


def confirmation_email_send(*, user: User, base_url: str = "") -> None:
    with translation.override(mail_language(user.language)):
        url = (base_url or settings.SITE_URL).rstrip("/") + reverse("email_confirm", args=[confirmation_token(user)])
    mail_send(
        to=user.email,
        language=user.language,
        subject=gettext_noop("Confirm your e-mail address"),
        template="registration/confirm_email.txt",
        context={"user": user, "url": url},
    )


@transaction.atomic
def user_signup(*, email: str, password: str, first_name: str, last_name: str = "", base_url: str = "") -> User:
    """Create an inactive account and send the confirmation link; the account opens once confirmed.

    Signing up again with an address never confirmed sends a new link (the first one may have expired).
    """
    email = User.objects.normalize_email(email).lower()
    user = User.objects.filter(email=email, is_active=False).first() or User(email=email, is_active=False)
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.language = active_language()
    user.set_password(password)
    user.full_clean()
    user.save()
    transaction.on_commit(lambda: confirmation_email_send(user=user, base_url=base_url))
    return user


@transaction.atomic
def user_confirm_email(*, token: str) -> User:
    """Open the account of a genuine, unused link; raise AlreadyConfirmed for a used one (no login then)."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature as error:  # SignatureExpired is a BadSignature
        raise ConfirmationError(str(error)) from error
    user = User.objects.filter(pk=data.get("user")).first()
    if user is None:
        raise ConfirmationError("unknown user")
    if user.is_active:
        raise AlreadyConfirmed("already confirmed")
    if not _confirmation_state.check_token(user, str(data.get("check", ""))):
        raise ConfirmationError("stale link")  # a later sign-up with the same address sent a newer one
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user


@transaction.atomic
def user_create_invited(*, email: str, password: str, first_name: str, last_name: str = "") -> User:
    """An invited person: the invitation link sent to `email` already proves the address."""
    user = User(email=email.lower(), first_name=first_name.strip(), last_name=last_name.strip(), is_active=True)
    user.set_password(password)
    user.full_clean()
    user.save()
    return user
