"""Liveness and readiness: the database answers, and the broker when one is configured.

Anyone learns which component is down; why (the exception's class) only staff and requests from
HEALTH_DETAIL_NETWORKS do — an outsider gets no hint of the stack behind the app."""

from django.conf import settings
from django.db import connection
from django.http import JsonResponse

from ..network import is_from_local_network


def _may_see_details(request) -> bool:
    if is_from_local_network(request):
        return True
    try:
        return request.user.is_staff
    except Exception:  # noqa: BLE001 - the session or user lives in the database that may be down
        return False


def health(request):
    checks, errors = {}, {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as error:  # noqa: BLE001 - any failure means "not ready"
        checks["database"] = "unavailable"
        errors["database"] = f"error: {type(error).__name__}"
    if settings.CELERY_BROKER_URL:
        from .. import services_broker

        checks["broker"] = "ok" if services_broker.broker_available() else "unreachable"
    healthy = all(value == "ok" for value in checks.values())
    if errors and _may_see_details(request):
        checks.update(errors)
    return JsonResponse(checks, status=200 if healthy else 503)
