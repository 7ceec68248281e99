"""The API object: /api/v1/… endpoints, /api/v1/openapi.json and the interactive docs at /api/docs/."""

from ninja import NinjaAPI

from . import dossiers, errors, startup
from .auth import TokenAuth, TokenRateThrottle

api = NinjaAPI(
    title="Partnership readiness API",
    version="1",
    description=(
        "Read the dossiers your company received and review them from your own tools; a startup reads its "
        "assessments. Authenticate with a personal API token (Members › API tokens). Errors always have the "
        "shape of ErrorOut."
    ),
    urls_namespace="api-v1",
    docs_url="/docs/",
    openapi_url="/v1/openapi.json",
    auth=TokenAuth(),
    throttle=[TokenRateThrottle()],
)
errors.install(api)
api.add_router("/v1/", dossiers.router)
api.add_router("/v1/", startup.router)
