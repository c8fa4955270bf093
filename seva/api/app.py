"""The REST API: one NinjaAPI with token authentication, a per-token rate limit and the one
error shape; its OpenAPI 3 document is served at /api/openapi.json."""

from __future__ import annotations

from ninja import NinjaAPI

from seva.api.auth import TokenAuth, TokenRateThrottle
from seva.api.endpoints import actions, complaints, figures, filing, tracking
from seva.api.errors import install_error_handlers

api = NinjaAPI(
    title="Seva API",
    version="1",
    description=(
        "Complaints, their threads and timelines, and the officers' actions, scoped exactly as "
        "at the desk. Authenticate with `Authorization: Bearer <token>`. See docs/api.md."
    ),
    auth=TokenAuth(),
    throttle=[TokenRateThrottle()],
    urls_namespace="api",
    openapi_url="/openapi.json",
    # No Swagger page: it would load scripts from a CDN, which the CSP (and offline police
    # intranets) rule out. The JSON document is what clients and tools read.
    docs_url=None,
)
install_error_handlers(api)
api.add_router("", complaints.router)
api.add_router("", actions.router)
api.add_router("", tracking.router)
api.add_router("", figures.router)
# POST /complaints (filing) is registered on the complaints router: one URL, GET and POST.
__all__ = ["api", "filing"]
