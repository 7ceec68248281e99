import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("partnership_readiness")
# All Celery settings live in Django settings under the CELERY_ prefix.
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Every morning, the owners of action-plan items due within a week are reminded (once per due date).
app.conf.beat_schedule = {
    **(app.conf.beat_schedule or {}),
    "send-action-reminders": {"task": "partnerships.send_action_reminders", "schedule": crontab(hour=7, minute=30)},
    # The peer benchmark's aggregates (an opted-out organisation leaves them here).
    "refresh-peer-aggregates": {"task": "partnerships.refresh_peer_aggregates", "schedule": crontab(hour=3, minute=0)},
}


@app.task(name="config.ping")
def ping() -> str:
    """Health check: proves a worker takes tasks from the broker."""
    return "pong"
