"""A pharma admin creates an API token in the browser, reads the interactive docs (under the site's CSP) and the
team's tool calls the API with the token."""


import pytest

from .conftest import log_in

pytestmark = pytest.mark.browser


def test_an_admin_creates_a_token_and_the_docs_work_under_the_csp(browser_page, world, paula, settings):
    page = browser_page
    console = []
    page.on("console", lambda message: console.append(message.text))
    log_in(page, paula.email)

    page.goto("/organisation/members/")
    page.click("#api-tokens-link")
    page.fill("#id_name", "CRM deal-flow")
    page.check("input[name=scope][value=review]")
    page.get_by_role("button", name="Créer le jeton").click()
    secret = page.input_value("#api-token-secret")
    page.screenshot(path="/tmp/plan-api-shots/tokens-fr-1280.png", full_page=True)

    assert secret.startswith("prt_")
    assert page.locator("#api-tokens-table").get_by_text("CRM deal-flow").is_visible()
    answer = page.request.get("/api/v1/inbox/", headers={"Authorization": f"Bearer {secret}"})
    assert answer.status == 200 and answer.json()["count"] == 1

    page.goto("/api/docs/")
    page.locator(".opblock-summary-path", has_text="/api/v1/inbox/").first.wait_for()
    page.screenshot(path="/tmp/plan-api-shots/api-docs-1280.png")
    assert page.locator(".opblock").count() == 8
    assert not [text for text in console if "Content Security Policy" in text], console
