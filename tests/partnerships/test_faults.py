"""Faults in the production shape: a real gunicorn process, DEBUG off, its database or its Redis unreachable.
The visitor gets a clear page and never a stack trace; the health check names what is down. Redis down as a
cache costs speed only (last tests, in process, with the cache the settings make of a redis:// CACHE_URL)."""

import functools
import json
import logging
import os
import socket
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.partnerships.api_helpers import bearer, token_for
from tests.partnerships.startup_helpers import applicable_criteria, step_post_data
from tests.partnerships.test_security import production_env
from tests.waiting import wait_until

ROOT = Path(__file__).resolve().parents[2]
CLOSED_PORT = 1  # nothing listens on port 1: connections are refused at once


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def production_server(**env):
    """gunicorn serving the app with production settings; yields a function that GETs a path."""
    port = free_port()
    with tempfile.TemporaryFile(mode="w+") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
            cwd=ROOT,
            env=production_env(
                DJANGO_SECRET_KEY="a-production-secret-for-this-test-only-" + "x" * 30,
                DJANGO_ALLOWED_HOSTS="127.0.0.1",
                DJANGO_SECURE_SSL_REDIRECT="false",
                **env,
            ),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_listening(server, port, log)
            yield lambda path, **options: http_get(f"http://127.0.0.1:{port}{path}", **options)
        finally:
            server.terminate()
            server.wait(timeout=30)


def wait_until_listening(server, port, log):
    def listening() -> bool:
        if server.poll() is not None:
            raise AssertionError("gunicorn exited:\n" + log_text())
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
        except OSError:
            return False
        return True

    def log_text() -> str:
        log.seek(0)
        return log.read()

    wait_until(listening, timeout=30, interval=0.2, message=lambda: "gunicorn to start:\n" + log_text())


def http_get(url, *, client="", with_headers=False):
    """(status, body) of a GET sent as through the HTTPS proxy of production (with the response's headers
    too when asked); `client` is the address the proxy received it from (none: from this machine)."""
    headers = {"X-Forwarded-Proto": "https"}
    if client:
        headers["X-Forwarded-For"] = client
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            answer = response.status, response.read().decode(), response.headers
    except urllib.error.HTTPError as error:
        answer = error.code, error.read().decode(), error.headers
    return answer if with_headers else answer[:2]


def test_with_the_database_down_pages_answer_503_to_retry_later_in_the_apps_layout_and_no_stack_trace(
    production_static_root,
):
    with production_server(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{CLOSED_PORT}/partnerships",
        DJANGO_STATIC_ROOT=str(production_static_root),
    ) as get:
        status, body, headers = get("/guide/", with_headers=True)
        status_en, body_en = get("/en/guide/")

    assert status == 503 and status_en == 503
    assert int(headers["Retry-After"]) > 0
    assert 'lang="fr"' in body and "Service momentanément indisponible" in body
    assert "Rien de ce que vous avez déjà enregistré n’est perdu" in body
    assert 'lang="en"' in body_en and "Nothing you saved before is lost" in body_en
    assert "bootstrap" in body and "Préparation au partenariat" in body  # the app's layout
    for leak in ("Traceback", "OperationalError", "psycopg2", "127.0.0.1:1", "settings.py"):
        assert leak not in body and leak not in body_en


def test_with_the_database_down_and_no_layout_to_render_the_page_is_still_a_plain_503(tmp_path):
    # Without collected static files the layout cannot render: the plain bilingual page is served instead.
    # (An empty static root of its own: the checkout's may hold files collected by `make bench` or `make run`.)
    with production_server(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{CLOSED_PORT}/partnerships", DJANGO_STATIC_ROOT=str(tmp_path)
    ) as get:
        status, body = get("/guide/")

    assert status == 503
    assert "Service momentanément indisponible" in body and "Service temporarily unavailable" in body
    assert "Traceback" not in body


def test_with_the_database_down_the_health_check_answers_503_naming_the_database_and_why_only_locally():
    with production_server(DATABASE_URL=f"postgres://postgres@127.0.0.1:{CLOSED_PORT}/partnerships") as get:
        local_status, local_body = get("/health/")
        public_status, public_body = get("/health/", client="203.0.113.7")

    assert local_status == 503 and public_status == 503
    assert json.loads(local_body) == {"database": "error: OperationalError"}
    assert json.loads(public_body) == {"database": "unavailable"}


def test_with_redis_down_the_health_check_answers_503_naming_the_broker_and_the_database_is_fine():
    with (
        tempfile.TemporaryDirectory() as directory,
        production_server(
            DATABASE_URL=f"sqlite:///{directory}/empty.sqlite3",
            CELERY_BROKER_URL=f"redis://127.0.0.1:{CLOSED_PORT}/0",
        ) as get,
    ):
        status, body = get("/health/")

    assert status == 503
    assert json.loads(body) == {"database": "ok", "broker": "unreachable"}


@pytest.mark.integration
def test_with_postgresql_and_redis_up_the_health_check_answers_200(postgresql, celery_broker_url):
    with production_server(DATABASE_URL=os.environ["DATABASE_URL"], CELERY_BROKER_URL=celery_broker_url) as get:
        status, body = get("/health/")

    assert status == 200
    assert json.loads(body) == {"database": "ok", "broker": "ok"}


@functools.cache
def configured(cache_url: str) -> dict:
    """What config/settings.py makes of this CACHE_URL, read in a fresh process (this run's settings are loaded)."""
    names = ("CACHES", "SESSION_ENGINE", "DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS")
    code = (
        f"import json; from django.conf import settings as s; print(json.dumps({{n: getattr(s, n) for n in {names}}}))"
    )
    env = {**os.environ, "CACHE_URL": cache_url, "DJANGO_SETTINGS_MODULE": "config.settings"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def redis_cache_down(settings):
    """The production cache (sessions, the guide's data, scoring results, API rate counts) as the settings make
    it of a redis:// CACHE_URL, on a Redis that refuses connections."""
    production = configured(f"redis://127.0.0.1:{CLOSED_PORT}/0")
    # Read when the cache is made: set before CACHES, whose change makes the cache anew.
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = production["DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS"]
    settings.SESSION_ENGINE = production["SESSION_ENGINE"]
    settings.CACHES = production["CACHES"]


def redis_failures_logged(caplog) -> list[logging.LogRecord]:
    return [
        record
        for record in caplog.records
        if record.name.startswith("django_redis") and record.levelno >= logging.WARNING and record.exc_info
    ]


def test_a_redis_cache_url_makes_a_cache_that_ignores_and_logs_redis_failures_and_waits_at_most_a_second():
    production = configured("redis://redis:6379/1")

    assert production["CACHES"]["default"] == {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://redis:6379/1",
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
    }
    assert production["DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS"] is True
    # Sessions read from the shared cache, written through to the database (which answers when Redis does not).
    assert production["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"


def test_with_the_redis_cache_down_reads_miss_writes_are_dropped_and_each_failure_is_logged(redis_cache_down, caplog):
    for write in (
        lambda: cache.set("key", "value"),
        lambda: cache.set_many({"key": "value"}),
        lambda: cache.add("key", "value"),
        lambda: cache.incr("key"),
        lambda: cache.delete("key"),
        lambda: cache.delete_many(["key"]),
    ):
        write()

    assert cache.get("key") is None
    assert cache.get("key", "default") == "default"
    assert cache.get_many(["key"]) == {}
    assert not cache.has_key("key")
    assert cache.get_or_set("key", "computed") == "computed"
    assert len(redis_failures_logged(caplog)) >= 10  # one for each call above, at least
    assert "Connection refused" in caplog.text


def test_with_the_redis_cache_down_a_startup_still_answers_and_sees_its_pages(
    redis_cache_down, alice, assessment, caplog
):
    client = Client()
    client.force_login(alice)
    step_url = reverse("assessment_step", args=[assessment.pk, 1])
    results_url = reverse("assessment_results", args=[assessment.pk])

    for url in (step_url, step_url, results_url, results_url):
        response = client.get(url)
        assert response.status_code == 200
    criterion = applicable_criteria(assessment, 1)[0]
    saved = client.post(step_url, step_post_data(assessment, 1, {criterion.code: "3"}), follow=True)

    assert "Réponses enregistrées." in saved.content.decode()
    assert assessment.answers.get(item=criterion).level == 3
    assert redis_failures_logged(caplog)


def test_with_the_redis_cache_down_api_tokens_are_still_served_though_not_counted(
    redis_cache_down, client, world, paula, settings, caplog
):
    settings.API_RATE_LIMIT = "2/min"
    secret = token_for(paula)

    answers = [client.get("/api/v1/inbox/", headers=bearer(secret)).status_code for _ in range(3)]

    assert answers == [200, 200, 200]  # the rate counts are lost with Redis: no 429, and no 500 either
    assert redis_failures_logged(caplog)
