"""Session hygiene for everyone logged in: an idle session ends, and no authenticated page is ever stored.

Pharma members read confidential dossiers, often on shared or hospital machines: a session left idle longer
than SESSION_IDLE_TIMEOUT seconds is logged out at the next request, and a browser or proxy never keeps a
copy of an authenticated page (the back button after logout then shows nothing)."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

LAST_SEEN = "_last_seen"
# The session is written at most once a minute to record activity, not on every request.
TOUCH_EVERY = 60


def session_started(sender, request, user, **kwargs):
    """Logging in is activity: the session's first pages then need no write to record it."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN] = int(time.time())


class SessionSecurityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        authenticated = request.user.is_authenticated
        if authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN)
            if last_seen is not None and now - last_seen > settings.SESSION_IDLE_TIMEOUT:
                logout(request)
                messages.info(request, _("Your session ended after a period of inactivity. Please log in again."))
            elif last_seen is None or now - last_seen >= TOUCH_EVERY:
                request.session[LAST_SEEN] = now
        response = self.get_response(request)
        if authenticated or request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
