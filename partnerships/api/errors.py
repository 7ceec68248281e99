"""One shape for every error: {"error": {"status", "code", "message", "fields"}} (see schemas.ErrorOut).

Bad input is a 400 naming each field; unknown or foreign objects a 404 (as on the web); nothing the caller
sends may end in a 500.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

CODES = {
    400: "invalid",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    429: "throttled",
}


def error_response(status: int, message: str, fields: dict[str, list[str]] | None = None) -> JsonResponse:
    body = {"status": status, "code": CODES.get(status, "error"), "message": message, "fields": fields or {}}
    response = JsonResponse({"error": body}, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


def _field_name(location: tuple) -> str:
    # ("query", "page") → "page"; ("body", "payload", "reason") → "reason"; a bad JSON body → "body"
    parts = [str(part) for part in location if part not in ("query", "body", "path", "payload")]
    return ".".join(parts) or "body"


def validation_fields(errors: list[dict]) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for error in errors:
        fields.setdefault(_field_name(tuple(error.get("loc", ()))), []).append(str(error.get("msg", "")))
    return fields


def install(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return error_response(400, _("Some values are not valid."), validation_fields(exc.errors))

    @api.exception_handler(DjangoValidationError)
    def refused(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        # A service's refusal (e.g. a move the workflow does not allow): the message says why.
        fields = (
            {name: [str(m) for m in messages] for name, messages in exc.message_dict.items()}
            if hasattr(exc, "error_dict")
            else {}
        )
        return error_response(409 if not fields else 400, " ".join(exc.messages), fields)

    @api.exception_handler(AuthenticationError)
    def unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = error_response(401, _("A valid API token is needed: Authorization: Bearer <token>."))
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        return error_response(429, _("Too many requests with this token: wait and try again."))

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return error_response(exc.status_code, str(exc))

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return error_response(404, _("Not found."))

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return error_response(403, _("Your role does not allow this."))


def api_not_found(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """Any other address under /api/: a JSON 404 too, not the site's HTML page."""
    return error_response(404, _("Not found."))
