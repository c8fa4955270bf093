"""Hostile input over every URL Seva serves: path and query parameters, form and JSON bodies and
headers drawn by hypothesis, as anonymous visitors and as people of several roles. Whatever
arrives, the answer is never a 5xx, and nothing is stored half-made.

The URLs are read from the URL configuration itself, so a new page is covered the day it is
added. (Open311's regular-expression routes are written out by hand below.)
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from django.db.models import Q
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from seva.channels.models import InboundRecord, InboundState
from seva.complaints.models import Complaint, Message
from tests.complaints.helpers import register
from tests.personas import sign_in

pytestmark = pytest.mark.slow

# Strings that broke something somewhere once, or break software often.
NASTY = [
    "",
    "\x00",
    "a\x00b",
    "%00",
    "0001-01-01",
    "9999-12-31",
    "2026-02-30",
    "-1",
    "0",
    "99999999999999999999999",
    "1e999",
    "NaN",
    "null",
    "[]",
    "{}",
    "' OR 1=1 --",
    '"><script>alert(1)</script>',
    "../../../../etc/passwd",
    "^(a|a)*$",
    "\u202eevil",
    "\ufeff",
    "थाना हजरतगंज",
    "😀" * 3,
    "x" * 5000,
    "LKN-261122-042-7",
    "UP",
    "D-162",
    "json",
    "xlsx",
    "csv",
]
TEXT = st.one_of(st.sampled_from(NASTY), st.text(max_size=40))
# Every parameter name a view, form, API schema or Open311 reads, and some they do not.
FIELDS = [
    "q", "status", "category", "unit", "age", "urgent", "overdue", "here", "by", "from", "to",
    "page", "sort", "dir", "measure", "format", "next", "template", "code", "codes", "district",
    "station", "crc_token", "nonce", "text", "note", "reason", "public", "decision", "into",
    "url", "author_handle", "author_name", "author_location", "action", "ref", "to_unit",
    "service_code", "description", "lat", "long", "address_string", "email", "phone",
    "first_name", "last_name", "api_key", "jurisdiction_id", "start_date", "end_date",
    "service_request_id", "name", "language", "website", "started", "limit", "offset",
    "_selected_action", "post", "o", "p", "e", "text__regex", "unit__path__startswith",
]  # fmt: skip
PARAMS = st.dictionaries(
    st.one_of(st.sampled_from(FIELDS), st.text(min_size=1, max_size=10)), TEXT, max_size=6
)
JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), TEXT),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.one_of(st.sampled_from(FIELDS), st.text(max_size=8)), inner, max_size=5),
    ),
    max_leaves=12,
)
HEADERS = st.dictionaries(
    st.sampled_from(
        [
            "HTTP_X_FORWARDED_FOR",
            "HTTP_ACCEPT_LANGUAGE",
            "HTTP_HX_REQUEST",
            "HTTP_HX_TARGET",
            "HTTP_AUTHORIZATION",
            "HTTP_X_TWITTER_WEBHOOKS_SIGNATURE",
            "HTTP_ACCEPT",
            "HTTP_REFERER",
            "HTTP_IF_MODIFIED_SINCE",
            "HTTP_RANGE",
        ]
    ),
    st.one_of(st.sampled_from(NASTY), st.text(alphabet=st.characters(max_codepoint=255))),
    max_size=3,
)

# Open311's routes are regular expressions; these are the paths they serve.
OPEN311 = [
    "/open311/v2/services.{fmt}",
    "/open311/v2/services/{code}.{fmt}",
    "/open311/v2/requests.{fmt}",
    "/open311/v2/requests/{code}.{fmt}",
    "/open311/v2/{code}",
]


def _routes(patterns: list[Any], prefix: str = "") -> Iterator[str]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if isinstance(entry.pattern, RoutePattern):
                yield from _routes(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and isinstance(entry.pattern, RoutePattern):
            yield "/" + prefix + str(entry.pattern)


def _templates() -> list[str]:
    routes = sorted(set(_routes(get_resolver().url_patterns)))
    converted = []
    for route in routes:
        for converter in ("str", "int", "path", "slug", "uuid"):
            route = route.replace(f"<{converter}:", "<")
        converted.append(route.replace("<", "{").replace(">", "}"))
    return converted + OPEN311


URLS = _templates()


@dataclass
class Visit:
    method: str
    path: str
    params: dict[str, str]
    body: Any
    as_json: bool
    headers: dict[str, str]


def _filled(template: str, values: dict[str, str]) -> str:
    names = [part.split("}")[0] for part in template.split("{")[1:]]
    return template.format(**{name: quote(values.get(name, "x"), safe="") for name in names})


@st.composite
def visits(draw: Any, template: str, code: str) -> Visit:
    values = {
        name: draw(st.one_of(st.just(code), TEXT))
        for name in ("code", "object_id", "fmt", "rest", "app_label", "id", "pk", "uidb64")
    }
    values["fmt"] = draw(st.one_of(st.sampled_from(["json", "xml", "csv", "xlsx"]), TEXT))
    return Visit(
        method=draw(st.sampled_from(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])),
        path=_filled(template, values),
        params=draw(PARAMS),
        body=draw(st.one_of(JSON, PARAMS)),
        as_json=draw(st.booleans()),
        headers=draw(HEADERS),
    )


def _send(client: Client, visit: Visit) -> int:
    query = urlencode(visit.params)
    path = f"{visit.path}?{query}" if query else visit.path
    if visit.method in ("GET", "HEAD", "OPTIONS"):
        call = getattr(client, visit.method.lower())
        return int(call(path, **visit.headers).status_code)
    call = getattr(client, visit.method.lower())
    if visit.as_json:
        data: Any = json.dumps(visit.body)
        kind = "application/json"
    elif visit.method == "POST" and isinstance(visit.body, dict):
        data, kind = {k: str(v) for k, v in visit.body.items()}, None
    else:
        data, kind = urlencode({"v": str(visit.body)}), "application/x-www-form-urlencoded"
    if kind is None:
        return int(call(path, data, **visit.headers).status_code)
    return int(call(path, data, content_type=kind, **visit.headers).status_code)


def _nothing_half_made() -> None:
    """What a request may never leave behind: a complaint without its first message, its
    registration event or its complainant; a record registered without a complaint."""
    assert not Complaint.objects.filter(
        Q(origin_message=None) | Q(complainant=None) | ~Q(events__type="complaint.registered")
    ).exists()
    registered = InboundRecord.objects.filter(state=InboundState.REGISTERED)
    codes = set(registered.values_list("complaint_code", flat=True))
    assert codes <= set(Complaint.objects.values_list("code", flat=True))
    assert not Message.objects.filter(complaint=None).exists()


def _known_attacks(template: str, code: str) -> list[Visit]:
    """The findings of the hostile tester, sent to every URL before hypothesis draws more: NUL
    in the path, the query and the body; dates out of range; a regular expression lookup."""
    every = dict.fromkeys(FIELDS, "a\x00b")
    dates = {"from": "0001-01-01", "to": "9999-12-31", "start_date": "0001-01-01T00:00:00Z"}
    visits = []
    for value in ("a\x00b", code):
        path = _filled(template, {"code": value, "object_id": value, "fmt": "json", "rest": value})
        for method in ("GET", "POST"):
            for params in (every, dates, {"text__regex": "^(a|a)*$"}):
                visits.append(Visit(method, path, params, every, method == "POST", {}))
    return visits


PEOPLE = ["anonymous", "hq_operator", "lucknow_officer", "administrator", "auditor"]


@pytest.fixture
def clients(world: Any) -> dict[str, Client]:
    made = {}
    for name in PEOPLE:
        client = Client(raise_request_exception=True)
        if name != "anonymous":
            assert sign_in(client, getattr(world, name)).status_code == 302  # both factors
        made[name] = client
    return made


@pytest.mark.parametrize("template", URLS)
def test_no_url_answers_hostile_input_with_a_server_error(
    world: Any, clients: dict[str, Client], template: str, settings: Any
) -> None:
    settings.SEVA_X_CONSUMER_SECRET = "webhook-secret"  # the webhook checks signatures for real
    code = register(world.lucknow).code
    for visit in _known_attacks(template, code):
        for person in PEOPLE:
            assert _send(clients[person], visit) < 500, (person, visit)
            _nothing_half_made()

    @hypothesis_settings(
        max_examples=12,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(visit=visits(template, code), person=st.sampled_from(PEOPLE))
    def attack(visit: Visit, person: str) -> None:
        status = _send(clients[person], visit)
        assert status < 500, (person, visit)
        _nothing_half_made()

    attack()
