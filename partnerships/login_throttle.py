"""Login throttling by django-axes, as it must work behind the TLS proxy production needs.

The client's address comes from partnerships/network.py (AXES_CLIENT_IP_CALLABLE). Two limits:
AXES_FAILURE_LIMIT failures lock one account from one address (guessing a password), and
AXES_IP_FAILURE_LIMIT failures from one address across every account name lock that address (one password
sprayed over many accounts)."""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


class LoginThrottleHandler(AxesDatabaseHandler):
    """Axes' database handler with a second, higher limit per address across account names."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        per_account = super().get_failures(request, credentials)
        attempts = AccessAttempt.objects.filter(ip_address=request.axes_ip_address)
        if settings.AXES_COOLOFF_TIME is not None:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
        per_address = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
        # Axes compares one number with AXES_FAILURE_LIMIT: the address's count is scaled to that limit, so
        # it reaches it exactly when the address reaches its own, higher limit.
        scaled = per_address * settings.AXES_FAILURE_LIMIT // settings.AXES_IP_FAILURE_LIMIT
        return max(per_account, scaled)
