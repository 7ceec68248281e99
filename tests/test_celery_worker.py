import pytest

pytestmark = pytest.mark.integration


def test_a_real_worker_takes_tasks_from_redis(worker_process):
    # Sent by name through the app the worker listens to: `config.ping` is bound to the project's app, which stays
    # eager in tests and would answer in process.
    assert worker_process.app.send_task("config.ping").get(timeout=20) == "pong"
