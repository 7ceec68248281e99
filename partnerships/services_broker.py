"""Is the Celery broker reachable? Used before enqueueing, so a request fails fast with a message."""

from config.celery_app import app


def broker_available(timeout: float = 2.0) -> bool:
    if app.conf.task_always_eager:
        return True
    try:
        with app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, timeout=timeout)
        return True
    except Exception:  # noqa: BLE001 - kombu raises many kinds of connection errors
        return False
