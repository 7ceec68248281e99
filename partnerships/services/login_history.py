"""Writes on the login history django-axes keeps: forget a person's rows, purge rows past the retention period."""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from ..selectors.login_history import FIELDS, login_history_rows

logger = logging.getLogger(__name__)


def login_history_delete(*, email: str) -> int:
    """Delete every login row recorded under `email` (account deletion). Returns how many went."""
    return sum(login_history_rows(model, email).delete()[0] for model in FIELDS)


def login_history_purge(*, older_than_days: int | None = None) -> int:
    """Delete login rows older than the retention period (settings.LOGIN_HISTORY_RETENTION_DAYS, 90 days).

    Run every day by celery beat. A lockout lasts an hour (AXES_COOLOFF_TIME): an old counter protects nothing.
    """
    days = settings.LOGIN_HISTORY_RETENTION_DAYS if older_than_days is None else older_than_days
    limit = timezone.now() - timedelta(days=days)
    count = sum(model.objects.filter(attempt_time__lt=limit).delete()[0] for model in FIELDS)
    if count:
        logger.info("Purged %s login history row(s) older than %s days.", count, days)
    return count
