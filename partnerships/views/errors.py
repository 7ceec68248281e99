"""Error pages that never show a stack trace, even when the database is down.

The database unreachable is an outage, not a bug: 503 with Retry-After, so that browsers, load balancers
and monitoring treat it as temporary. Any other error is a 500. Both pages have the app's layout in the
language of the page asked for."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

RETRY_AFTER_SECONDS = 30
logger = logging.getLogger(__name__)


def server_error(request, *args, **kwargs):
    # Django calls this handler while handling the exception, so it is still at hand.
    unavailable = isinstance(sys.exc_info()[1], (OperationalError, InterfaceError))
    try:
        # Rendered without context processors: they may need the database that just failed.
        body = loader.get_template("500.html").render({"request": request, "unavailable": unavailable})
    except Exception:  # noqa: BLE001 - whatever broke the page may break the layout too
        logger.exception("The error page could not render; the plain one is served")
        body = loader.get_template("500_plain.html").render({})
    response = HttpResponse(body, status=503 if unavailable else 500)
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
