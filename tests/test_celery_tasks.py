"""Celery's delivery guarantees and time limits are set once for every task in settings (CELERY_TASK_*). A task
states only a longer run, and then both limits: given only `time_limit`, it would still get the default soft limit,
whose SoftTimeLimitExceeded stops it as early as any other task."""

import partnerships.tasks  # noqa: F401 - registers the tasks
from config.celery_app import app


def our_tasks() -> dict:
    tasks = {name: task for name, task in app.tasks.items() if name.startswith(("partnerships.", "config."))}
    assert "partnerships.render_report" in tasks and "partnerships.send_email" in tasks
    return tasks


def test_every_task_is_acknowledged_after_it_ran_and_requeued_when_its_worker_dies(settings):
    assert settings.CELERY_TASK_ACKS_LATE is True and settings.CELERY_TASK_REJECT_ON_WORKER_LOST is True
    for name, task in our_tasks().items():
        assert task.acks_late is True, name
        assert task.reject_on_worker_lost is True, name


def test_a_task_given_more_time_than_the_default_raises_both_limits_the_soft_one_first(settings):
    default = (settings.CELERY_TASK_SOFT_TIME_LIMIT, settings.CELERY_TASK_TIME_LIMIT)
    longer = {name: task for name, task in our_tasks().items() if (task.soft_time_limit, task.time_limit) != default}

    assert longer  # beat's batch jobs
    for name, task in longer.items():
        assert default[0] < task.soft_time_limit < task.time_limit, name
        assert task.time_limit > default[1], name
