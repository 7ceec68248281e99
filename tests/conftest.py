"""Shared fixtures. Integration fixtures (PostgreSQL, Redis, a real Celery worker) skip with a
reason when the service is not configured, and fail when it is configured but unreachable under CI=true."""

import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.cache import cache, caches
from django.db import connection

from checklists.selectors import guide_memory_clear
from checklists.services import framework_load

# Fixtures of the startup path (alice, bob, charlie, target, assessment…), usable by every test module.
pytest_plugins = [
    "tests.partnerships.startup_helpers",
    "tests.partnerships.dossier_helpers",
    "tests.partnerships.api_helpers",
]

ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def service_missing(reason: str) -> None:
    """Fail under CI (the service must be there), skip elsewhere with the reason."""
    if IN_CI:
        pytest.fail(f"CI=true and {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """PBKDF2's million iterations cost half a second a user; tests create dozens (Django's own advice)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in French, the default: a request under /en/ leaves English active in the thread."""
    from django.utils import translation

    translation.activate("fr")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def private_media_root(settings, tmp_path_factory):
    """Report files go to a directory of the test run, never to the media/ of a running `make run`."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: ids restart in every test, so cached results would belong to another;
    and the process's static text, since a test may change the settings it was rendered with."""
    cache.clear()
    caches["static_text"].clear()
    guide_memory_clear()
    yield


@pytest.fixture
def media(settings, tmp_path):
    """Files (PDF reports) stored under this test's own directory."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def framework(db):
    """The guide, loaded from its data file as `load_framework` does."""
    framework, _ = framework_load()
    return framework


@pytest.fixture
def postgresql(db):
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/partnerships (.ci/run does)"
        )


@pytest.fixture(scope="session")
def celery_broker_url():
    url = os.environ.get("CELERY_TEST_BROKER_URL")
    if not url:
        pytest.skip(
            "needs Redis for a real Celery worker: set CELERY_TEST_BROKER_URL=redis://127.0.0.1:6379/15 (.ci/run does)"
        )
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        service_missing(f"Redis at {url} is unreachable: {error}")
    return url


@contextmanager
def celery_app_sending_to(broker_url: str):
    """A Celery app configured as config.celery_app's (from the CELERY_ settings) but not eager and sending to
    `broker_url`, made the current app (which the project's @shared_task tasks resolve to on each call) and the
    one the broker check uses, until the block ends.

    A fresh app rather than the project's with another `broker_url`: an app keeps the connection and producer
    pools made for the first broker URL it used (even an eager `delay()` makes them) and Celery has no public way
    to drop them (`app.close()` forgets one of the two; `pool.force_close_all()` closes connections, keeps the
    URL). A fresh app builds its pools from its own configuration, through public API only."""
    from celery import Celery

    from config.celery_app import app as project_app
    from partnerships import services_broker

    app = Celery(project_app.main, set_as_current=False)
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.update(task_always_eager=False, broker_url=broker_url)
    with pytest.MonkeyPatch.context() as patch, app:  # leaving `with app` closes it
        patch.setattr(services_broker, "app", app)
        app.set_current()
        try:
            yield app
        finally:
            project_app.set_current()


@pytest.fixture
def worker_process(transactional_db, celery_broker_url, settings):
    """A real `celery worker` process on Redis, writing to this test's PostgreSQL database (not named
    `celery_worker`: that is celery.contrib.pytest's in-process worker fixture)."""
    if connection.vendor != "postgresql":
        pytest.skip("a separate worker process needs PostgreSQL (an in-memory SQLite test database is not shared)")
    import redis

    db = connection.settings_dict
    # Web and worker share the cache, as in production.
    cache_url = os.environ.get("CELERY_TEST_CACHE_URL") or celery_broker_url.rsplit("/", 1)[0] + "/13"
    settings.CACHES = {
        **settings.CACHES,  # the process's own caches (static_text) stay
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": cache_url,
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        }
    }
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_BROKER_URL": celery_broker_url,
        "CELERY_RESULT_BACKEND": settings.CELERY_RESULT_BACKEND or "",
        "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "CACHE_URL": cache_url,
    }
    settings.CELERY_TASK_ALWAYS_EAGER = False
    redis.Redis.from_url(celery_broker_url).flushdb()  # no task left from an earlier run
    cache.clear()
    with celery_app_sending_to(celery_broker_url) as app:
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config.celery_app",
                "worker",
                "--loglevel=WARNING",
                "--concurrency=1",
                "--pool=prefork",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,  # its own process group: a test can kill the worker and its pool at once
        )
        worker.env = env  # a test that kills this worker starts another one like it
        worker.app = app  # the app that sends to it, for its control API (inspect, ping)
        try:
            deadline = time.monotonic() + 30
            while not app.control.ping(timeout=0.5):  # each ping waits up to 0.5 s for an answer
                if worker.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("the Celery worker did not start")
            yield worker
        finally:
            if worker.poll() is None:
                worker.terminate()
                worker.wait(timeout=20)
