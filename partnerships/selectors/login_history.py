"""Reads on the login history django-axes keeps (attempts, successful logins, failures) for one person."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.db.models import QuerySet

# What each row says about the person; axes' GET/POST dumps and session hashes are left out (not theirs to
# read back, and a session hash is a credential).
FIELDS = {
    AccessAttempt: ("attempt_time", "ip_address", "user_agent", "path_info", "failures_since_start"),
    AccessLog: ("attempt_time", "logout_time", "ip_address", "user_agent", "path_info"),
    AccessFailureLog: ("attempt_time", "ip_address", "user_agent", "path_info", "locked_out"),
}
KEYS = {AccessAttempt: "lockout_counters", AccessLog: "logins", AccessFailureLog: "failed_logins"}


def login_history_rows(model, email: str) -> QuerySet:
    # Axes records the name as typed on the login form: any letter case of the address.
    return model.objects.filter(username__iexact=email)


def login_history_of(*, email: str) -> dict[str, list[dict]]:
    """Every row axes holds under this e-mail address, newest first, as JSON-ready data."""
    return {
        KEYS[model]: list(login_history_rows(model, email).order_by("-attempt_time").values(*fields))
        for model, fields in FIELDS.items()
    }
