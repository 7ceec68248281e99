"""The other side never learns an object exists: a pharma user on a startup's assessment, a startup on a
pharma team's dossier, get the same 404 as for any object they may not see. Refusals (403), missing pages
(404) and lockouts (429) have the app's layout, in the language of the page asked for."""

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def in_english(name, args=()):
    with translation.override("en"):
        return reverse(name, args=args)


def assert_app_page(response, *, lang: str, text: str):
    content = response.content.decode()
    assert f'<html lang="{lang}">' in content
    assert 'class="navbar' in content and "<footer" in content
    assert text in content


def test_a_pharma_user_on_a_startups_assessment_gets_the_apps_404(client, rita, assessment):
    client.force_login(rita)

    response = client.get(reverse("assessment_results", args=[assessment.pk]))
    english = client.get(in_english("assessment_step", [assessment.pk, 1]))

    assert response.status_code == 404 and english.status_code == 404
    assert_app_page(response, lang="fr", text="Page introuvable")
    assert_app_page(english, lang="en", text="Page not found")
    assert "<title>Page not found" in english.content.decode()  # the tab says it too


def test_a_startup_on_a_pharma_teams_dossier_gets_the_apps_404(client, alice, dossier):
    client.force_login(alice)

    response = client.get(reverse("pharma_dossier_detail", args=[dossier.uuid]))
    posted = client.post(reverse("pharma_dossier_transition", args=[dossier.uuid]), {"to_status": "in_review"})

    assert response.status_code == 404 and posted.status_code == 404
    assert_app_page(response, lang="fr", text="Page introuvable")


def test_a_startup_on_the_pharma_inbox_gets_the_apps_403_in_its_language(client, alice):
    client.force_login(alice)

    response = client.get(reverse("pharma_inbox"))
    english = client.get(in_english("pharma_inbox"))

    assert response.status_code == 403 and english.status_code == 403
    assert_app_page(response, lang="fr", text="Accès refusé")
    assert_app_page(english, lang="en", text="Access refused")


def test_a_login_lockout_answers_the_apps_429_page(client, settings):
    from tests.factories import UserFactory

    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 2
    user = UserFactory(email="founder@example.com")
    for attempt in range(2):
        client.post(reverse("login"), {"username": user.email, "password": f"guess-{attempt}"})

    response = client.post(reverse("login"), {"username": user.email, "password": "guess-3"})

    assert response.status_code == 429
    assert_app_page(response, lang="fr", text="Trop de tentatives échouées")


def test_a_form_posted_without_its_token_gets_the_apps_page_not_djangos(homeless_user):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(homeless_user)

    response = client.post(reverse("organisation_create"), {"name": "Acme", "kind": "startup"})

    assert response.status_code == 403
    assert "Ce formulaire a expiré" in response.content.decode()
