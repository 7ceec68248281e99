"""Every page reads the logged-in user with their membership and organisation in one statement: what it reads
is what the ORM reads, field by field (dates, booleans and choices included, on SQLite and PostgreSQL), and
nothing more is asked of the database to show or check the membership."""

import datetime

import pytest
from django.contrib.auth import get_user
from django.db.models import Model
from django.test import RequestFactory
from django.utils import timezone

from partnerships.backends import MEMBER_BACKEND, MemberBackend
from partnerships.membership import membership_of
from partnerships.models import User
from tests.factories import MembershipFactory, PharmaFactory, UserFactory


def _values(instance: Model) -> dict:
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.concrete_fields}


@pytest.mark.django_db
def test_the_user_their_membership_and_organisation_are_read_as_the_orm_reads_them(django_assert_num_queries):
    membership = MembershipFactory(organisation=PharmaFactory(name="Laboratoires Exemple"), role="reviewer")
    User.objects.filter(pk=membership.user.pk).update(last_login=timezone.now() - datetime.timedelta(days=2))
    expected = User.objects.select_related("membership__organisation").get(pk=membership.user.pk)

    with django_assert_num_queries(1):
        user = MemberBackend().get_user(membership.user.pk)
        organisation = membership_of(user).organisation
        assert organisation.is_pharma

    assert _values(user) == _values(expected)
    assert isinstance(user.last_login, datetime.datetime) and user.is_active is True
    assert _values(user.membership) == _values(expected.membership)
    assert _values(organisation) == _values(expected.membership.organisation)
    assert user.membership.user is user
    assert user.membership.get_role_display() == expected.membership.get_role_display()


@pytest.mark.django_db
def test_a_user_without_an_organisation_has_no_membership_and_no_further_query(django_assert_num_queries):
    lone = UserFactory()

    with django_assert_num_queries(1):
        user = MemberBackend().get_user(lone.pk)
        assert membership_of(user) is None


@pytest.mark.django_db
def test_no_user_for_a_deleted_or_deactivated_account():
    gone = UserFactory()
    gone_id = gone.pk
    gone.delete()
    inactive = MembershipFactory(user__is_active=False).user

    assert MemberBackend().get_user(gone_id) is None
    assert MemberBackend().get_user(inactive.pk) is None


@pytest.mark.django_db
def test_a_logged_in_session_keeps_its_user_and_a_changed_password_ends_it(client):
    member = MembershipFactory().user
    client.force_login(member, backend=MEMBER_BACKEND)
    request = RequestFactory().get("/")
    request.session = client.session

    assert get_user(request) == member  # the session's hash checked against the password read here

    member.set_password("another-password-2024")
    member.save()
    assert not get_user(request).is_authenticated
