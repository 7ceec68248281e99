"""The results, step and inbox pages are kept in the cache, and never shown older than the data under them.

Each story warms the pages (served from the cache: `X-Page-Cache: hit`), makes one change a user or the
staff would make, and compares what the cache serves with the same page rendered with the cache turned off.
"""

import json
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from checklists.models import Item, Step
from partnerships.page_cache import HIT_HEADER, pages_changed
from partnerships.services.assessments import assessment_submit
from partnerships.services.dossiers import dossier_assign, dossier_transition, dossier_withdraw
from partnerships.services.organisations import member_remove
from partnerships.services.reports import report_fail
from partnerships.services.startup import target_update

from .startup_helpers import applicable_criteria, step_post_data

# A page carries tokens masked afresh at each render (same secret): they are not content.
CSRF_TOKEN = re.compile(r'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+')


def _content(response) -> str:
    assert response.status_code == 200
    return CSRF_TOKEN.sub(r"\1…", response.content.decode())


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    client.get(reverse("home"), follow=True)  # a browser's first page: it receives its CSRF cookie
    assert settings.CSRF_COOKIE_NAME in client.cookies
    return client


def _device_step(assessment) -> int:
    """The step with a criterion that applies to medical devices only."""
    items = Item.objects.filter(framework=assessment.framework).select_related("step")
    return next(item.step.number for item in items if "is_medical_device" in json.dumps(item.applicability))


@pytest.fixture
def pages(world, alice, rita):
    """Alice's results and two step pages, Rita's inbox two ways: each seen once, hence kept."""
    assessment = world["assessment"]
    alice_client, rita_client = _client(alice), _client(rita)
    urls = [
        (alice_client, reverse("assessment_results", args=[assessment.pk])),
        (alice_client, reverse("assessment_step", args=[assessment.pk, 1])),
        (alice_client, reverse("assessment_step", args=[assessment.pk, _device_step(assessment)])),
        (rita_client, reverse("pharma_inbox")),
        (rita_client, reverse("pharma_inbox") + "?sort=deadline&status=open"),
    ]
    for client, url in urls:
        assert client.get(url)[HIT_HEADER] == "miss"
    return urls


def _bob_answers_step_one(world, users):
    assessment = world["assessment"]
    code = applicable_criteria(assessment, 1)[0].code
    response = _client(users["bob"]).post(
        reverse("assessment_step", args=[assessment.pk, 1]), step_post_data(assessment, 1, {code: "0"})
    )
    assert response.status_code == 302


def _profile_becomes_a_medical_device(world, users):
    profile = users["alice"].membership.organisation.startup_profile
    profile.is_medical_device = not profile.is_medical_device
    profile.save()


def _staff_renames_step_one(world, users):
    step = Step.objects.get(framework=world["assessment"].framework, number=1)
    step.title_fr = "Connaître l'entreprise du médicament (revu)"
    step.save()


def _pharma_company_renamed(world, users):
    organisation = users["rita"].membership.organisation
    organisation.name = "Pharma Lab Europe"
    organisation.save()


CHANGES = {
    "a teammate answers a criterion on the web": _bob_answers_step_one,
    "the assessment is submitted again": lambda world, users: assessment_submit(
        assessment=world["assessment"], user=users["alice"]
    ),
    "the startup renames its target company": lambda world, users: target_update(
        target=world["target"], data={"name": "Sanofi Monde"}, user=users["alice"]
    ),
    "the profile's facts change which criteria apply": _profile_becomes_a_medical_device,
    "the report fails in the worker": lambda world, users: report_fail(report=world["report"], message="Panne"),
    "the pharma reviewer takes the dossier in review": lambda world, users: dossier_transition(
        user=users["rita"], dossier=world["dossier"], to_status="in_review", notify=False
    ),
    "the pharma admin assigns the dossier": lambda world, users: dossier_assign(
        user=users["paula"], dossier=world["dossier"], assignee=users["rita"]
    ),
    "the startup withdraws its dossier": lambda world, users: dossier_withdraw(
        user=users["alice"], dossier=world["dossier"], notify=False
    ),
    "the pharma company is renamed": _pharma_company_renamed,
    "the staff edits the guide": _staff_renames_step_one,
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_shows_at_once_on_every_kept_page(settings, pages, world, alice, bob, rita, paula, change):
    before = {}
    for client, url in pages:
        response = client.get(url)
        assert response[HIT_HEADER] == "hit", url
        before[url] = _content(response)

    CHANGES[change](world, {"alice": alice, "bob": bob, "rita": rita, "paula": paula})

    changed = []
    for client, url in pages:
        kept = _content(client.get(url))
        settings.PAGE_CACHE_SECONDS = 0
        rendered_now = _content(client.get(url))
        settings.PAGE_CACHE_SECONDS = 60
        assert kept == rendered_now, f"{url} is stale after: {change}"
        if kept != before[url]:
            changed.append(url)
    assert changed, f"no page shows the change ({change}): this story would prove nothing"


def test_a_page_seen_again_costs_the_session_read_only(pages, django_assert_num_queries):
    client, url = pages[0]
    session_queries = 0 if settings.SESSION_ENGINE.endswith("cached_db") else 1  # production: read from Redis
    with django_assert_num_queries(session_queries):
        response = client.get(url)
    assert response[HIT_HEADER] == "hit"
    assert "Sanofi France" in response.content.decode()


def test_another_organisation_never_receives_a_kept_page(pages, charlie, oscar):
    for user, (owner_client, url), shown in [
        (charlie, pages[0], "Sanofi France"),
        (charlie, pages[1], "Sanofi France"),
        (oscar, pages[3], "CardioSuivi"),
    ]:
        assert shown in owner_client.get(url).content.decode()
        response = _client(user).get(url)
        assert response.get(HIT_HEADER) != "hit"
        assert shown not in response.content.decode()


def test_a_teammate_gets_her_own_page_not_alices(pages, bob):
    bob_client = _client(bob)
    _client_alice, url = pages[0]
    first = bob_client.get(url)
    assert first[HIT_HEADER] == "miss"
    assert bob_client.get(url)[HIT_HEADER] == "hit"


def test_a_removed_member_is_refused_although_her_page_was_kept(world, alice, bob):
    bob_client = _client(bob)
    url = reverse("assessment_results", args=[world["assessment"].pk])
    bob_client.get(url)
    assert bob_client.get(url)[HIT_HEADER] == "hit"

    member_remove(membership=bob.membership, removed_by=alice)

    response = bob_client.get(url)
    assert response.status_code == 302 and response.url == reverse("organisation_create")


def test_a_password_changed_elsewhere_ends_the_session_although_its_page_was_kept(pages, alice):
    client, url = pages[0]
    assert client.get(url)[HIT_HEADER] == "hit"

    alice.set_password("a-new-long-passphrase")
    alice.save()

    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_deactivated_user_is_refused_although_her_page_was_kept(pages, alice):
    client, url = pages[0]
    assert client.get(url)[HIT_HEADER] == "hit"

    alice.is_active = False
    alice.save()

    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_after_logging_out_the_kept_page_is_not_served(pages):
    client, url = pages[0]
    assert client.get(url)[HIT_HEADER] == "hit"

    client.post(reverse("logout"))

    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_saved_message_shows_once_then_the_page_is_kept_again(world, alice):
    alice_client = _client(alice)
    assessment = world["assessment"]
    url = reverse("assessment_step", args=[assessment.pk, 1])
    alice_client.get(url)
    alice_client.get(url)

    response = alice_client.post(url, step_post_data(assessment, 1), follow=True)

    assert "Réponses enregistrées." in response.content.decode()
    assert response.get(HIT_HEADER) != "hit"
    again = alice_client.get(url)
    assert "Réponses enregistrées." not in again.content.decode()


def test_french_and_english_pages_are_kept_apart(pages):
    client, url = pages[0]
    english = client.get("/en" + url)
    assert english.get(HIT_HEADER) != "hit"
    assert 'lang="en"' in english.content.decode()
    assert 'lang="fr"' in client.get(url).content.decode()


def test_a_page_rendered_before_a_write_commits_is_dropped_after_the_commit(
    pages, world, django_capture_on_commit_callbacks
):
    """Another request may render from the data of before the commit, under the token replaced at once:
    the second replacement, after the commit, drops what it kept."""
    client, url = pages[0]
    with django_capture_on_commit_callbacks(execute=True):
        pages_changed([world["assessment"].organisation_id])
        assert client.get(url)[HIT_HEADER] == "miss"  # stands for a render from the data before the commit
        assert client.get(url)[HIT_HEADER] == "hit"
    assert client.get(url)[HIT_HEADER] == "miss"


def test_the_cache_can_be_turned_off(settings, pages):
    settings.PAGE_CACHE_SECONDS = 0
    client, url = pages[0]
    assert HIT_HEADER not in client.get(url)
