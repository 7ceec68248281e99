"""A member removed from an organisation, or moved to another, sees none of its pages on the very next request.

Each page is first opened (200) so that anything a cache could keep from it exists; the membership then changes
through the services, and the same addresses answer 404 in the same session.
"""

import pytest
from django.urls import reverse

from partnerships.models import Invitation, User
from partnerships.services.organisations import invitation_accept, member_remove


@pytest.fixture
def production_sessions(settings):
    # Sessions read from the cache, as in production (cached_db): the membership must still be read afresh.
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


def _startup_pages(world):
    return [
        reverse("target_update", args=[world["target"].pk]),
        reverse("assessment_step", args=[world["assessment"].pk, 1]),
        reverse("assessment_results", args=[world["assessment"].pk]),
        reverse("snapshot_reports", args=[world["snapshot"].uuid]),
        reverse("report_detail", args=[world["report"].uuid]),
        reverse("startup_dossier_detail", args=[world["dossier"].uuid]),
    ]


def _pharma_pages(world):
    return [reverse("pharma_dossier_detail", args=[world["dossier"].uuid])]


def _open_all(client, urls):
    for url in urls:
        assert client.get(url).status_code == 200, url


def _all_not_found(client, urls):
    return {url: client.get(url).status_code for url in urls} == dict.fromkeys(urls, 404)


def test_a_removed_startup_member_gets_404_on_the_next_request(production_sessions, client, world, alice, bob):
    client.force_login(bob)
    urls = _startup_pages(world)
    _open_all(client, urls)

    member_remove(membership=bob.membership, removed_by=alice)

    assert _all_not_found(client, urls)


def test_a_startup_member_moved_to_another_startup_gets_404_on_the_next_request(
    production_sessions, client, world, alice, bob, charlie
):
    client.force_login(bob)
    urls = _startup_pages(world)
    _open_all(client, urls)

    member_remove(membership=bob.membership, removed_by=alice)
    invitation = Invitation.objects.create(
        organisation=charlie.membership.organisation, email=bob.email, invited_by=charlie
    )
    invitation_accept(invitation=invitation, user=User.objects.get(pk=bob.pk))

    assert _all_not_found(client, urls)
    assert client.get(reverse("startup_dashboard")).status_code == 200  # the new organisation's pages work


def test_a_reviewer_moved_to_another_pharma_company_gets_404_on_the_next_request(
    production_sessions, client, world, rita, paula, oscar
):
    client.force_login(rita)
    urls = _pharma_pages(world) + [reverse("report_detail", args=[world["report"].uuid])]
    _open_all(client, urls)

    member_remove(membership=rita.membership, removed_by=paula)
    assert _all_not_found(client, urls)

    invitation = Invitation.objects.create(
        organisation=oscar.membership.organisation, email=rita.email, invited_by=oscar
    )
    invitation_accept(invitation=invitation, user=User.objects.get(pk=rita.pk))

    assert _all_not_found(client, urls)
    assert client.get(reverse("pharma_inbox")).status_code == 200
