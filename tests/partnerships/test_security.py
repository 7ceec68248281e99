"""Security: production settings pass Django's deploy checks, guessing passwords is throttled, weak passwords
are refused, no inline script is allowed or written, and every form needs its CSRF token."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

ROOT = Path(__file__).resolve().parents[2]


def production_env(**overrides):
    """The environment of a production process: none of the test run's own switches leak into it
    (the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE, which the deploy checks rightly refuse)."""
    env = {**os.environ, "DJANGO_DEBUG": "false", "DJANGO_ALLOWED_HOSTS": "example.com", **overrides}
    for name in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    return env


def manage(*args: str, env: dict, timeout: int = 120) -> subprocess.CompletedProcess:
    """`manage.py <args>` in a separate process with `env`, as a production process would run it."""
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


def test_production_settings_pass_the_deploy_checks_without_a_warning():
    env = production_env(DJANGO_SECRET_KEY=secrets.token_urlsafe(60)[:60])
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_static_files_build_with_hashed_names(production_static_root):
    # The Docker image runs this at build time; a vendored file pointing at a missing source map broke it.
    manifest = (production_static_root / "staticfiles.json").read_text()
    assert re.search(r"vendor/bootstrap/css/bootstrap\.min\.[0-9a-f]{12}\.css", manifest)


def test_production_answers_the_health_check_over_plain_http_and_redirects_the_pages():
    """A container or load-balancer probe calls gunicorn directly, without the proxy's X-Forwarded-Proto."""
    env = production_env(DJANGO_SECRET_KEY=secrets.token_urlsafe(60)[:60])
    probe = (
        "from django.test import Client; client = Client(HTTP_HOST='example.com'); "
        "print(client.get('/health/').status_code, client.get('/privacy/').status_code)"
    )
    result = manage("shell", "-c", probe, env=env)
    assert result.returncode == 0, result.stderr
    health, page = result.stdout.split()[-2:]
    assert health in ("200", "503")  # answered (503 if this process's database is not set up), not redirected
    assert page == "301"


def test_production_sends_the_language_cookie_over_https_only():
    env = production_env(DJANGO_SECRET_KEY=secrets.token_urlsafe(60)[:60])
    probe = (
        "from django.test import Client; client = Client(HTTP_HOST='example.com'); "
        "answer = client.post('/i18n/setlang/', {'language': 'en', 'next': '/'}, secure=True); "
        "cookie = answer.cookies['django_language']; "
        "print(bool(cookie['secure']), cookie['samesite'])"
    )
    result = manage("shell", "-c", probe, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["True", "Lax"]


def test_production_refuses_to_start_without_a_secret_key():
    env = production_env()
    env.pop("DJANGO_SECRET_KEY", None)
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_password_guessing_locks_the_account_even_for_the_right_password(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    user = UserFactory(email="founder@example.com")
    client = Client()
    for attempt in range(3):
        response = client.post(reverse("login"), {"username": user.email, "password": f"guess-{attempt}"})
        assert "_auth_user_id" not in client.session
    response = client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_right_password_logs_in_before_the_limit(settings):
    settings.AXES_ENABLED = True
    user = UserFactory(email="founder@example.com")
    client = Client()
    client.post(reverse("login"), {"username": user.email, "password": "wrong-once"})
    response = client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_signup_refuses_a_weak_password_with_a_field_error(client):
    response = client.post(
        reverse("signup"),
        {
            "email": "new@example.com",
            "first_name": "Ada",
            "last_name": "Lovelace",
            "password1": "password",
            "password2": "password",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert not form.is_valid()
    assert form.errors.get("password2") or form.errors.get("password1")


@pytest.mark.django_db
def test_content_security_policy_allows_no_inline_script(client):
    response = client.get(reverse("login"))
    policy = response.headers["Content-Security-Policy"]
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src
    assert "'unsafe-eval'" not in script_src
    assert "'self'" in script_src


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
# on*= event handler attributes (onclick=, onload=…); `{% ... %}` and prose are excluded by the leading whitespace.
EVENT_HANDLER = re.compile(r"\s on[a-z]+\s*=", re.IGNORECASE | re.VERBOSE)


def test_no_template_writes_an_inline_script_or_event_handler():
    offenders = []
    for template in sorted((ROOT / "templates").rglob("*.html")):
        text = template.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, EVENT_HANDLER):
            for match in pattern.finditer(text):
                offenders.append(f"{template.relative_to(ROOT)}: {match.group(0).strip()}")
    assert offenders == []


@pytest.mark.django_db
def test_a_post_without_its_csrf_token_is_refused():
    user = UserFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post(reverse("organisation_create"), {"name": "Acme", "kind": "startup"})
    assert response.status_code == 403
    anonymous = Client(enforce_csrf_checks=True)
    assert anonymous.post(reverse("login"), {"username": user.email, "password": PASSWORD}).status_code == 403
