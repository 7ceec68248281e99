"""Headless Chromium for the browser tests, driven by Playwright against pytest-django's live server.

`browser_page` is a fresh page (own cookies) whose relative URLs go to the live server. It uses Debian's
Chromium at /usr/bin/chromium: Playwright's own browser download cannot work here. Missing Chromium skips
the test with the reason, except under CI=true where it fails.
"""

import os
import re
import threading
from pathlib import Path

import pytest

from tests.conftest import service_missing

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# axe-core (MPL-2.0, from the npm package `axe-core`), to check accessibility in the browser tests.
AXE_SOURCE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
AXE_RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def chromium_browser(django_db_setup):
    if not CHROMIUM.exists():
        service_missing(f"needs Chromium at {CHROMIUM} (apt-get install chromium)")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Playwright's greenlets give this thread a new context, and with it new database connection objects
    # that lack the copy of the migrated data Django keeps for serialized rollbacks: hand it over.
    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    playwright = sync_playwright().start()
    for alias, contents in serialized.items():
        connections[alias]._test_serialized_contents = contents
    try:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    except Exception as error:  # noqa: BLE001 - any launch failure means "no usable browser"
        playwright.stop()
        service_missing(f"Chromium at {CHROMIUM} did not start: {error}")
    yield browser
    browser.close()
    playwright.stop()


class OneRequestAtATime:
    """A WSGI app that serves one request at a time.

    With in-memory SQLite the live server's request threads all use the test's one connection. Two requests
    at once (an htmx autosave still in flight as the user moves to the next step) would interleave their
    transactions on it: "cannot start a transaction within a transaction", a 503 and a flaky test. A real
    deployment gives each thread its own connection; PostgreSQL runs in CI keep the server concurrent.
    """

    def __init__(self, app):
        self.app = app
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            return self.app(environ, start_response)


@pytest.fixture(scope="session")
def live_server(live_server):
    if live_server.thread.connections_override:
        live_server.thread.httpd.set_app(OneRequestAtATime(live_server.thread.httpd.get_app()))
    return live_server


@pytest.fixture
def browser_page(chromium_browser, live_server, django_db_serialized_rollback):
    """A page in a new browser context, French like our users, with `page.goto("/…")` on the live server.

    Serialized rollback puts back the rows that migrations load (therapeutic areas…) after the live
    server's transactional test flushes the database, so the tests that run after it still find them.
    """
    context = chromium_browser.new_context(
        base_url=live_server.url, locale="fr-FR", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def axe_violations(page, *, impacts=("serious", "critical")) -> list[dict]:
    """WCAG 2.1 A/AA violations axe-core finds on the page as it is now (with `impacts` only).

    Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not restrict,
    so the page under test keeps its real CSP.
    """
    # Judge the page at rest: a button the test just clicked is still hovered and focused, and axe would
    # otherwise sample its colours halfway through Bootstrap's hover transition.
    page.emulate_media(reduced_motion="reduce")
    page.mouse.move(0, 0)
    page.evaluate("document.activeElement && document.activeElement.blur && document.activeElement.blur()")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE.read_text(encoding="utf-8") + "\n;undefined")
    result = page.evaluate("rules => window.axe.run(document, rules)", AXE_RULES)
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in impacts
    ]


def log_in(page, email: str) -> None:
    """Log `email` in through the login form, as a person would, and wait to leave the login page."""
    from tests.factories import PASSWORD

    page.goto("/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.locator('form input[type="submit"]').click()
    page.wait_for_url(re.compile(r".*/(?!login).*"))
