import pytest

from config.celery_app import ping

pytestmark = pytest.mark.integration


def test_a_real_worker_takes_tasks_from_redis(worker_process):
    assert ping.delay().get(timeout=20) == "pong"
