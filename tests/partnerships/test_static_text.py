"""The layout's links and the privacy page's text are kept in each process once rendered (settings.py:
static_text). What a member reads must not change for it: the link of the page they are on is marked, the
language is theirs, their side's links are theirs, and the count of what is new is their own."""

import re

from django.urls import reverse
from django.utils import translation

from partnerships.services.dossiers import dossier_message_post


def _current(page: str) -> list[str]:
    """The labels of the navigation links marked as the current page."""
    return [label.strip() for label in re.findall(r'aria-current="page" href="[^"]*">([^<]+)', page)]


def _count(page: str) -> str:
    found = re.search(r'id="notification-count"[^>]*>(\d+)', page)
    return found.group(1) if found else "0"


def test_the_link_of_the_page_a_member_is_on_is_marked_on_each_page(client, alice):
    client.force_login(alice)
    visits = [
        ("startup_dashboard", ["Tableau de bord"]),
        ("directory", ["Annuaire"]),
        ("startup_dossiers", ["Dossiers"]),
        ("organisation_members", ["Membres"]),
        ("startup_dashboard", ["Tableau de bord"]),  # the same page again, from the kept links
        ("privacy", []),  # no link of the navigation is this page
    ]
    for name, current in visits:
        assert _current(client.get(reverse(name)).content.decode()) == current, name


def test_each_language_reads_its_own_links_and_text(client, alice):
    client.force_login(alice)
    french = client.get(reverse("privacy")).content.decode()
    with translation.override("en"):
        english = client.get(reverse("privacy")).content.decode()
        dashboard_url = reverse("startup_dashboard")

    assert "Vos données et vos droits" in french and 'href="/en/' not in french
    assert "Your data and your rights" in english and "Vos données et vos droits" not in english
    assert f'href="{dashboard_url}">Dashboard</a>' in english
    assert "Target companies" in english and "Entreprises cibles" not in english
    assert '<option value="en" selected>' in english and '<option value="fr" selected>' in french


def test_a_pharma_member_never_reads_the_startup_links_kept_for_the_same_page(client, alice, rita):
    client.force_login(alice)
    assert "Entreprises cibles" in client.get(reverse("privacy")).content.decode()

    client.force_login(rita)
    page = client.get(reverse("privacy")).content.decode()
    assert "Dossiers reçus" in page and "Entreprises cibles" not in page


def test_two_members_of_a_startup_read_the_same_links_with_their_own_count(client, alice, bob, paula, dossier):
    client.force_login(alice)
    client.get(reverse("startup_dossier_detail", args=[dossier.uuid]))
    dossier_message_post(user=paula, dossier=dossier, body="Bonjour, parlons-en.", is_internal=False, notify=False)
    client.get(reverse("startup_dossier_detail", args=[dossier.uuid]))  # Alice reads it

    assert _count(client.get(reverse("startup_dashboard")).content.decode()) == "0"
    client.force_login(bob)
    assert _count(client.get(reverse("startup_dashboard")).content.decode()) == "1"


def test_the_privacy_text_follows_the_retention_setting(client, settings):
    settings.LOGIN_HISTORY_RETENTION_DAYS = 90
    assert "conservé 90 jours" in client.get(reverse("privacy")).content.decode()

    settings.LOGIN_HISTORY_RETENTION_DAYS = 30
    page = client.get(reverse("privacy")).content.decode()
    assert "conservé 30 jours" in page and "90 jours" not in page
