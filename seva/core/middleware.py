"""Refusing NUL characters before anything reads them.

PostgreSQL cannot hold or compare text with U+0000 in it: a query that carries one fails, and
the request ended in a 500 wherever a path, a filter or a form value reached a query (a
police station list, a complaint page, the HQ bulk actions, admin filters). Nothing Seva serves
needs the character, so a request carrying one where a view could read it (the path, the
query string, a cookie, a form or JSON body) is answered 400 here, once, before any view or
query runs. Refusing rather than stripping: a stripped value is another request than the one
sent, and a signed body must stay as it was signed.

Two readers check their own bodies instead, each in one place. The REST API's JSON bodies
(under API_PREFIX) are validated by its schemas, whose every text field refuses NUL (422 naming
the field, as its OpenAPI document says; a field it does not know is never read). A view that
must take its body as sent marks itself `@nul_allowed_in_body` (the X webhook: its body is
signed, and the raw store replaces NUL itself). A body larger than Django's upload limit, or
than a view's own `body_limit_bytes()`, is not read here: those are refused unread.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import unquote

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse, UnreadablePostError

NUL = "\x00"
API_PREFIX = "/api/"  # the REST API (config/urls.py): its error shape, its schemas
# A JSON string escape for U+0000 (\u0000) after an even number of backslashes: an odd number
# would make it the text "\u0000", escaped.
_JSON_NUL = re.compile(rb"(?:^|[^\\])(?:\\\\)*\\u0000")
MESSAGE = "the request contains a NUL character (\\0), which Seva does not accept"

View = Callable[..., HttpResponse]


def nul_allowed_in_body[V: View](view: V) -> V:
    """Let this view read a body with NUL characters in it (the path and query are still
    checked)."""
    view.nul_allowed_in_body = True  # type: ignore[attr-defined]
    return view


def _any_nul(values: Iterable[str]) -> bool:
    return any(NUL in value for value in values)


def _nul_outside_body(request: HttpRequest) -> bool:
    query = str(request.META.get("QUERY_STRING", ""))
    return (
        NUL in request.path
        or NUL in request.path_info
        or NUL in unquote(query, errors="replace")
        or _any_nul(request.COOKIES.keys())
        or _any_nul(request.COOKIES.values())
    )


def _declared_length(request: HttpRequest) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def _nul_in_body(request: HttpRequest, view: Any) -> bool:
    length = _declared_length(request)
    if length == 0 or getattr(view, "nul_allowed_in_body", False):
        return False
    limits = [settings.DATA_UPLOAD_MAX_MEMORY_SIZE]
    view_limit = getattr(view, "body_limit_bytes", None)
    if callable(view_limit):
        limits.append(view_limit())
    if any(limit is not None and length > int(limit) for limit in limits):
        return False  # refused unread, by Django or by the view
    try:
        body = request.body
    except UnreadablePostError:
        return False  # the client went away; the view meets the same error
    if b"\x00" in body:
        return True
    content_type = request.content_type or ""
    if content_type == "application/x-www-form-urlencoded":
        return b"%00" in body  # "%2500" is the text "%00", and does not match
    is_json = content_type == "application/json" or content_type.endswith("+json")
    if is_json and not request.path_info.startswith(API_PREFIX):
        return _JSON_NUL.search(body) is not None
    return False


def _refusal(request: HttpRequest) -> HttpResponse:
    if request.path_info.startswith(API_PREFIX):
        # The REST API's one error shape (seva/api/errors.py).
        body = {"error": {"code": "invalid_input", "message": MESSAGE, "field": None}}
        return JsonResponse(body, status=400)
    return HttpResponse(MESSAGE + "\n", status=400, content_type="text/plain; charset=utf-8")


class RefuseNulMiddleware:
    """Answers 400 to a request with a NUL character in its path, query string or cookies
    (before the rest of the stack) or in its body (before the view, and before the CSRF check
    reads the form)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _nul_outside_body(request):
            return _refusal(request)
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        return _refusal(request) if _nul_in_body(request, view) else None
