"""Every main page of both sides, in French and English, on a phone (390 px) and a laptop (1280 px): no
horizontal scroll of the page, no raw code (a Python list, True, a code_with_underscores) and no string of
the other language. The navigation bar folds behind a button on the phone."""

import re

import pytest
from django.urls import reverse

from partnerships.services.dossiers import dossier_submit

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

RAW_CODE = re.compile(r"\['|\bTrue\b|\bFalse\b|\bNone\b|\b\w+_\w+\b")
# Words that only one of the two languages uses: seen on a page of the other language, a text was left over.
FRENCH = re.compile(r"\b(les|des|vous|votre|vos|avec|pour|dans|étape|entreprise|Attribué|aucun)\b", re.I)
ENGLISH = re.compile(r"\b(the|your|with|you|and|step|company|assigned|none)\b", re.I)
WIDTHS = (390, 1280)


def _check(page, url: str, language: str, width: int) -> list[str]:
    page.goto(url)
    problems = []
    scroll, client = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    if scroll > client:
        problems.append(f"{url} at {width}px scrolls sideways ({scroll} > {client})")
    text = page.inner_text("main")
    raw = RAW_CODE.search(text)
    if raw:
        problems.append(f"{url}: raw code {raw.group(0)!r}")
    other = (FRENCH if language == "en" else ENGLISH).search(text)
    if other:
        around = text[max(other.start() - 40, 0) : other.end() + 40].replace("\n", " ")
        problems.append(f"{url} ({language}): {other.group(0)!r} of the other language in “{around}”")
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible() != (width < 1200):
        problems.append(f"{url} at {width}px: the navigation bar does not fold as it should")
    return problems


def test_every_main_page_fits_and_reads_in_one_language(
    chromium_browser, live_server, alice, paula, rita, snapshot, pharma_org
):
    profile = alice.membership.organisation.startup_profile
    profile.description = "CardioSuivi: ECG patch, 2027 pilot."  # user text, neutral in both languages
    profile.save()
    snapshot.profile["description"] = profile.description  # the dossier shows the frozen copy
    snapshot.save(update_fields=["profile"])
    dossier = dossier_submit(
        user=alice, snapshot=snapshot, pharma=pharma_org, cover_message="CardioSuivi 2027.", notify=False
    )
    assessment = snapshot.assessment
    pages = {
        alice.email: [
            reverse("startup_dashboard"),
            reverse("startup_profile"),
            reverse("target_list"),
            reverse("target_create"),
            reverse("assessment_step", args=[assessment.pk, 1]),
            reverse("assessment_results", args=[assessment.pk]),
            reverse("snapshot_list", args=[assessment.pk]),
            reverse("directory"),
            reverse("directory_detail", args=[pharma_org.pharma_profile.pk]),
            reverse("startup_dossiers"),
            reverse("startup_dossier_detail", args=[dossier.uuid]),
            reverse("organisation_members"),
        ],
        paula.email: [
            reverse("pharma_dashboard"),
            reverse("pharma_inbox"),
            reverse("pharma_dossier_detail", args=[dossier.uuid]),
            reverse("pharma_profile"),
            reverse("organisation_members"),
        ],
        rita.email: [reverse("pharma_profile"), reverse("pharma_dossier_detail", args=[dossier.uuid])],
    }
    problems = []
    for width in WIDTHS:
        for email, urls in pages.items():
            context = chromium_browser.new_context(
                base_url=live_server.url, locale="fr-FR", viewport={"width": width, "height": 900}
            )
            context.set_default_timeout(15_000)
            page = context.new_page()
            try:
                log_in(page, email)
                for language in ("fr", "en"):
                    for url in urls:
                        problems += _check(page, url if language == "fr" else "/en" + url, language, width)
            finally:
                context.close()
    assert not problems, "\n".join(problems)
