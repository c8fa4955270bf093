"""The GeoReport v2 endpoints. Each parses its arguments, checks the key where one is needed,
calls one selector or the intake service, and renders in the format the URL asked for.

Errors follow the spec: 404 for what does not exist, 403 for a missing or wrong api_key, 400
for anything else the request gets wrong, each as a list of {code, description}; 429 when a
public reader passes the tracking limit.

A person's token is read from the Authorization header only: as `api_key` it would sit in a
URL or a form, which proxies and servers log. `api_key` carries submitter keys, as the spec
passes them. Requests without a person's token are public reads, which tell whether codes
exist: they count against the tracking page's limit (`seva.core.ratelimit.tracking_limit`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from seva.api.endpoints.common import readable_codes
from seva.api.models import ApiToken, TokenKind
from seva.api.open311.catalogue import GROUP, SERVICES, UNIT_ATTRIBUTE, district_choices
from seva.api.open311.formats import Open311Error, errors, respond
from seva.api.open311.requests import (
    MAX_REQUESTS,
    RequestQuery,
    request_fields,
    requests_query,
)
from seva.api.open311.submit import open311_submit
from seva.api.tokens import api_token_check
from seva.complaints.selectors import sensitive_categories
from seva.core.ratelimit import client_address, ratelimit_hit, tracking_limit
from seva.core.timeutil import now


def _key(request: HttpRequest, params: QueryDict) -> ApiToken | None:
    """The caller's key: `api_key` as the spec passes it (a submitter key), or a Bearer token
    in the Authorization header. A person's token as `api_key` is refused even when valid."""
    secret = params.get("api_key", "")
    in_header = False
    header = request.headers.get("Authorization", "")
    if not secret and header.lower().startswith("bearer "):
        secret, in_header = header[7:], True
    if not secret:
        return None
    token = api_token_check(secret.strip())
    if token is None:
        raise Open311Error(403, "Invalid api_key received")
    if token.kind == TokenKind.PERSON and not in_header:
        raise Open311Error(
            403,
            "a person's token goes in the Authorization header (Bearer), never in api_key: "
            "URLs and forms are logged",
        )
    return token


def _reader(request: HttpRequest) -> User | None:
    token = _key(request, request.GET)
    if token is None:
        return None
    if token.kind != TokenKind.PERSON or token.user is None:
        return None  # a submitter's key reads what the public reads
    return token.user


def _csv(params: QueryDict, name: str, *, limit: int = 100) -> tuple[str, ...]:
    values = tuple(v.strip() for v in params.get(name, "").split(",") if v.strip())
    if len(values) > limit:
        raise Open311Error(400, f"{name}: at most {limit} values")
    return values


def _date(params: QueryDict, name: str) -> dt.datetime | None:
    raw = params.get(name, "").strip()
    if not raw:
        return None
    try:
        value = parse_datetime(raw)
    except ValueError:
        value = None
    if value is None or value.tzinfo is None:
        raise Open311Error(
            400, f"{name} must be a w3 date-time with a zone, e.g. 2026-11-01T00:00:00Z"
        )
    try:
        return value.astimezone(dt.UTC)  # databases take offsets within ±15:59 only
    except OverflowError:
        raise Open311Error(400, f"{name} is out of range") from None


def _service(code: str) -> dict[str, object]:
    service = SERVICES[code]
    return {
        "service_code": service.code,
        "service_name": service.name,
        "description": service.description,
        "metadata": True,
        "type": "realtime",
        "keywords": service.keywords,
        "group": GROUP,
    }


def _public_read(request: HttpRequest, *, lookups: int) -> None:
    """Count a public read against the tracking limit: one per code asked for (at least one),
    as if each were looked up on the tracking page."""
    verdict = ratelimit_hit(
        limit=tracking_limit(), client=client_address(request), cost=max(lookups, 1)
    )
    if not verdict.allowed:
        raise Open311Error(
            429,
            f"too many look-ups: try again in {verdict.retry_after} seconds",
            retry_after=verdict.retry_after,
        )


def _answer(fmt: str, render: Callable[[], HttpResponse]) -> HttpResponse:
    try:
        return render()
    except Open311Error as exc:
        response = errors(fmt, exc.status, exc.description, exc.code)
        if exc.retry_after is not None:
            response["Retry-After"] = str(exc.retry_after)
        return response
    except SuspiciousOperation:  # a body over the upload limit, too many fields
        return errors(fmt, 400, "the request is too large or has too many fields")


@require_GET
def services(request: HttpRequest, fmt: str) -> HttpResponse:
    return respond(fmt, "services", [_service(code) for code in SERVICES])


@require_GET
def service_definition(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    if code not in SERVICES:
        return errors(fmt, 404, f"service_code {code!r} not found")
    attribute = {
        "variable": True,
        "code": UNIT_ATTRIBUTE,
        "datatype": "singlevaluelist",
        "required": False,
        "datatype_description": "The district's code (from the values listed)",
        "order": 1,
        "description": "District where it happened; leave empty if you are not sure",
        "values": [{"key": key, "name": name} for key, name in district_choices()],
    }
    return respond(fmt, "service_definition", {"service_code": code, "attributes": [attribute]})


def _list(request: HttpRequest, fmt: str) -> HttpResponse:
    person = _reader(request)
    params = request.GET
    asked = _csv(params, "service_request_id")
    query = RequestQuery(
        codes=readable_codes(asked) if asked else None,
        service_codes=_csv(params, "service_code"),
        start=_date(params, "start_date"),
        end=_date(params, "end_date"),
        statuses=_csv(params, "status"),
    )
    unknown = set(query.service_codes) - set(SERVICES)
    if unknown:
        raise Open311Error(400, f"unknown service_code {sorted(unknown)[0]!r}")
    if set(query.statuses) - {"open", "closed"}:
        raise Open311Error(400, "status must be open or closed (comma-delimited)")
    if person is not None:
        complaints = list(requests_query(person, query, at=now())[:MAX_REQUESTS])
        return respond(fmt, "service_requests", request_fields(complaints, full=True))
    if query.codes is None and not settings.SEVA_OPEN311_PUBLIC_LIST:
        raise Open311Error(
            403,
            "listing requests needs a person's token (Authorization: Bearer); without one, "
            "ask for requests by service_request_id",
        )
    _public_read(request, lookups=len(query.codes or ()))
    hidden = sensitive_categories()
    complaints = list(requests_query(None, query, at=now(), hidden=hidden)[:MAX_REQUESTS])
    return respond(fmt, "service_requests", request_fields(complaints, full=False, hidden=hidden))


@csrf_exempt  # a key-authenticated machine endpoint: no browser session, no cookie
@require_http_methods(["GET", "POST"])
def requests_(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _answer(fmt, lambda: _create(request, fmt))
    return _answer(fmt, lambda: _list(request, fmt))


def _create(request: HttpRequest, fmt: str) -> HttpResponse:
    params = request.POST
    token = _key(request, params)
    if token is None:
        raise Open311Error(403, "api_key is required to create a request")
    if token.kind != TokenKind.SUBMITTER:
        raise Open311Error(
            403, "this api_key is a person's; requests are filed with a submitter key"
        )
    code = open311_submit(token=token, params=params)
    notice = f"Registered as {code}. Keep this code: track it at {settings.SITE_URL}/track/{code}"
    return respond(
        fmt,
        "service_requests",
        [{"service_request_id": code, "service_notice": notice, "account_id": None}],
    )


@require_GET
def request_detail(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    def render() -> HttpResponse:
        person = _reader(request)
        if person is None:
            _public_read(request, lookups=1)
        query = RequestQuery(codes=readable_codes([code]))
        complaints = list(requests_query(person, query, at=now())[:1])
        if not complaints:
            raise Open311Error(404, f"service_request_id {code!r} not found")
        if person is not None:
            return respond(fmt, "service_requests", request_fields(complaints, full=True))
        fields = request_fields(complaints, full=False, hidden=sensitive_categories())
        return respond(fmt, "service_requests", fields)

    return _answer(fmt, render)


def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    fmt = "json" if request.path.endswith(".json") else "xml"
    return errors(fmt, 404, "no such resource: see services.xml, requests.xml")
