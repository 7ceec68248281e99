"""Writes on API tokens: an organisation admin creates or revokes one; each use is dated and audited.

The token itself is shown once, when created, and never stored: only its SHA-256 digest is.
"""

import secrets
from dataclasses import dataclass
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..membership import membership_of
from ..models import ApiToken, Organisation, User
from ..models.api_tokens import token_digest
from .audit import audit_record

TOKEN_PREFIX = "prt_"  # tells a leaked secret apart from other random strings (secret scanners look for it)


@dataclass(frozen=True)
class NewApiToken:
    token: ApiToken
    secret: str  # to show once to its creator


def _is_admin_of(user: User, organisation: Organisation) -> bool:
    membership = membership_of(user)
    return membership is not None and membership.organisation_id == organisation.pk and membership.is_admin


@transaction.atomic
def api_token_create(
    *, organisation: Organisation, created_by: User, user: User, name: str, scope: str, expires_on: date
) -> NewApiToken:
    """A new token acting as `user` (a member of `organisation`), valid until the end of `expires_on`.

    Only an admin of the organisation creates tokens."""
    if not _is_admin_of(created_by, organisation):
        raise ValidationError(_("Only an administrator of the organisation creates API tokens."))
    membership = membership_of(user)
    if membership is None or membership.organisation_id != organisation.pk:
        raise ValidationError({"user": _("A token acts as a member of your organisation.")})
    if expires_on <= timezone.localdate():
        raise ValidationError({"expires_on": _("Choose a date in the future.")})
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        organisation=organisation,
        user=user,
        created_by=created_by,
        name=name.strip(),
        scope=scope,
        prefix=secret[: len(TOKEN_PREFIX) + 6],
        digest=token_digest(secret),
        expires_at=timezone.make_aware(datetime.combine(expires_on, time.max)),
    )
    token.full_clean(exclude=["created_by"])
    token.save()
    audit_record(
        organisation=organisation,
        actor=created_by,
        action="api_token_created",
        description=f"{token.name} ({token.get_scope_display()}) → {user.email}",
        details={"token": token.prefix, "scope": token.scope, "user": user.email},
    )
    return NewApiToken(token=token, secret=secret)


@transaction.atomic
def api_token_revoke(*, token: ApiToken, user: User) -> ApiToken:
    if not _is_admin_of(user, token.organisation):
        raise ValidationError(_("Only an administrator of the organisation revokes API tokens."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(
            organisation=token.organisation,
            actor=user,
            action="api_token_revoked",
            description=token.name,
            details={"token": token.prefix},
        )
    return token


def api_token_authenticate(secret: str) -> ApiToken | None:
    """The active token with this secret, its user still a member of its organisation; None otherwise."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 100:
        return None
    token = (
        ApiToken.objects.select_related("organisation", "user__membership__organisation")
        .filter(digest=token_digest(secret))
        .first()
    )
    if token is None or not token.is_active or not token.user.is_active:
        return None
    membership = membership_of(token.user)
    if membership is None or membership.organisation_id != token.organisation_id:
        return None  # its creator left the organisation: the token goes with them
    return token


def api_token_record_use(*, token: ApiToken, method: str, path: str) -> None:
    """Date the token's last use and write the request in the organisation's audit trail."""
    now = timezone.now()
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
    audit_record(
        organisation_id=token.organisation_id,
        actor=token.user,
        action="api_request",
        description=f"{token.name}: {method} {path}",
        details={"token": token.prefix, "method": method, "path": path[:200]},
    )
