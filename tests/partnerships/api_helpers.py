"""Fixtures of the API tests: tokens of each role and scope over the dossier world (see dossier_helpers)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from partnerships.models import Membership
from partnerships.services.api_tokens import api_token_create
from tests.factories import MembershipFactory


def token_for(user, scope: str = "read", *, days: int = 30) -> str:
    """The secret of a new token acting as `user`, created by an admin of their organisation."""
    organisation = user.membership.organisation
    admin = organisation.memberships.filter(role=Membership.Role.ADMIN).select_related("user").first().user
    return api_token_create(
        organisation=organisation,
        created_by=admin,
        user=user,
        name=f"{user.email} {scope}",
        scope=scope,
        expires_on=timezone.localdate() + timedelta(days=days),
    ).secret


def bearer(secret: str | None) -> dict:
    return {"Authorization": f"Bearer {secret}"} if secret else {}


@pytest.fixture
def mia(pharma_org, paula):
    """A member of Pharma Lab with the plain member role: reads, never reviews."""
    return MembershipFactory(
        organisation=pharma_org, role=Membership.Role.MEMBER, user__email="mia@pharmalab.test"
    ).user
