"""Fixtures of the production-shape tests (test_security, test_faults)."""

import secrets

import pytest

from tests.partnerships.test_security import manage, production_env


@pytest.fixture(scope="session")
def production_static_root(tmp_path_factory):
    """Static files collected as the Docker image does at build time (a production server needs them:
    every page names its files through the manifest); collected once per test run."""
    root = tmp_path_factory.mktemp("static")
    env = production_env(DJANGO_SECRET_KEY=secrets.token_urlsafe(60)[:60], DJANGO_STATIC_ROOT=str(root))
    result = manage("collectstatic", "--noinput", env=env, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return root
