"""Liveness and readiness: the database answers, and the broker when one is configured."""

from django.conf import settings
from django.db import connection
from django.http import JsonResponse


def health(request):
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as error:  # noqa: BLE001 - any failure means "not ready"
        checks["database"] = f"error: {type(error).__name__}"
    if settings.CELERY_BROKER_URL:
        from .. import services_broker

        checks["broker"] = "ok" if services_broker.broker_available() else "unreachable"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(checks, status=200 if healthy else 503)
