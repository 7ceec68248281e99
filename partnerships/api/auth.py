"""Who calls: a personal API token (Authorization: Bearer …), its scope, and its rate limit.

A token acts as the admin who created it: `request.user` becomes that person, so the same `rules`
predicates and the same organisation-scoped selectors decide what it sees and does as on the web.
A read token only reads; writes also need the review scope.
"""

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer
from ninja.throttling import SimpleRateThrottle

from ..models import ApiToken
from ..services.api_tokens import api_token_authenticate, api_token_record_use


class TokenAuth(HttpBearer):
    openapi_description = "A personal API token, created by an administrator in Members › API tokens."

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        api_token = api_token_authenticate(token)
        if api_token is None:
            return None
        request.user = api_token.user
        request.organisation = api_token.organisation
        api_token_record_use(token=api_token, method=request.method, path=request.get_full_path())
        return api_token


class TokenRateThrottle(SimpleRateThrottle):
    """So many requests per token and period (settings.API_RATE_LIMIT, e.g. "120/min"), counted in the cache
    every web process shares; past it, 429 with Retry-After."""

    scope = "api-token"

    def get_rate(self) -> str:
        return settings.API_RATE_LIMIT

    def allow_request(self, request: HttpRequest) -> bool:
        # Read the rate at each request, not once at import: settings may change (tests, reloads).
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request: HttpRequest) -> str | None:
        token = getattr(request, "auth", None)
        return f"api-throttle:{token.pk}" if isinstance(token, ApiToken) else None


def require_review_scope(request: HttpRequest) -> None:
    if not request.auth.can_review:
        raise HttpError(403, _("This token may only read: ask an administrator for a token with the review scope."))
