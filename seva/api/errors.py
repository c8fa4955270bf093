"""One error shape for the whole REST API, and the one place domain errors become responses.

Every 4xx answer is `{"error": {"code": "...", "message": "...", "field": ...}}`:

| status | code | from |
|---|---|---|
| 400 | `invalid_input` | `InvalidInput` (a service refused a value; `field` names it), bad JSON |
| 401 | `unauthenticated` | no token, an unknown or revoked token, a deactivated person |
| 403 | `forbidden` | `NotAllowed`: the person sees the complaint but their role may not do this |
| 404 | `not_found` | `NotFound`: missing *or* outside the person's reach (same body for both) |
| 409 | `illegal_transition`, `conflict` | the status table forbids it; someone changed it first |
| 413 | `too_large` | a body over Django's upload limit |
| 422 | `validation_error` | the request does not match the schema (`field` is the first bad one) |
| 429 | `rate_limited` | too many requests for this token (see `Retry-After`) |
| 503 | `held` | a filed complaint was stored but intake could not register it yet |
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from seva.channels.direct import SubmissionHeld
from seva.core.errors import (
    Conflict,
    IllegalTransition,
    InvalidInput,
    NotAllowed,
    NotFound,
    SevaError,
)

log = logging.getLogger(__name__)

# The body of a 404 never says whether the object exists (missing and not-yours look alike).
NOT_FOUND_MESSAGE = "not found"


def error_body(code: str, message: str, field: str | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "field": field}}


def _field_of(error: dict[str, Any]) -> str | None:
    # ninja reports ("body", "payload", "note") or ("query", "limit"): drop the source and the
    # parameter wrapper so the client reads the field name it sent.
    loc = [str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path")]
    if len(loc) > 1 and loc[0] in ("payload", "filters"):
        loc = loc[1:]
    return ".".join(loc) or None


def seva_error_response(error: SevaError) -> tuple[int, dict[str, Any]]:
    """(status, body) for a domain error."""
    if isinstance(error, NotFound):
        return 404, error_body("not_found", NOT_FOUND_MESSAGE)
    if isinstance(error, NotAllowed):
        return 403, error_body("forbidden", str(error))
    if isinstance(error, InvalidInput):
        return 400, error_body("invalid_input", str(error), error.field)
    if isinstance(error, IllegalTransition):
        return 409, error_body("illegal_transition", str(error), "status")
    if isinstance(error, SubmissionHeld):
        return 503, error_body("held", f"{error} (record {error.record_id}); HQ will register it")
    if isinstance(error, Conflict):
        return 409, error_body("conflict", str(error) or "changed meanwhile; reload and retry")
    return error.status_code, error_body("error", str(error))


def install_error_handlers(api: NinjaAPI) -> None:
    def respond(request: HttpRequest, status: int, body: dict[str, Any]) -> HttpResponse:
        return api.create_response(request, body, status=status)

    @api.exception_handler(SevaError)
    def on_seva_error(request: HttpRequest, exc: SevaError) -> HttpResponse:
        return respond(request, *seva_error_response(exc))

    @api.exception_handler(ValidationError)
    def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        first = exc.errors[0] if exc.errors else {}
        message = str(first.get("msg", "invalid request"))
        return respond(request, 422, error_body("validation_error", message, _field_of(first)))

    @api.exception_handler(AuthenticationError)
    def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        body = error_body("unauthenticated", "a valid API token is required (Bearer)")
        response = respond(request, 401, body)
        response["WWW-Authenticate"] = 'Bearer realm="seva"'
        return response

    @api.exception_handler(Throttled)
    def on_throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        response = respond(request, 429, error_body("rate_limited", "too many requests"))
        if exc.wait is not None:
            response["Retry-After"] = str(int(exc.wait))
        return response

    @api.exception_handler(HttpError)
    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # ninja raises HttpError(400) for a body it cannot parse as JSON.
        code = {400: "invalid_input", 403: "forbidden", 404: "not_found"}.get(
            exc.status_code, "error"
        )
        return respond(request, exc.status_code, error_body(code, str(exc)))

    @api.exception_handler(Http404)
    def on_404(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, 404, error_body("not_found", NOT_FOUND_MESSAGE))

    @api.exception_handler(RequestDataTooBig)
    def on_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return respond(request, 413, error_body("too_large", "the request body is too large"))

    @api.exception_handler(SuspiciousOperation)
    def on_suspicious(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
        # Django's own limits (too many query fields, …): the request cannot be read.
        return respond(request, 400, error_body("invalid_input", "the request cannot be read"))
