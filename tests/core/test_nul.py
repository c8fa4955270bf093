"""NUL characters are refused (400) in one place, before any view or query runs.

PostgreSQL cannot hold U+0000 in text: on it, each of these requests was a 500. SQLite took
them, so the same 400 is asked of both (the suite runs on each)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.test import Client

from seva.channels.views import x_webhook
from seva.complaints.models import Complaint, Message
from seva.core.middleware import RefuseNulMiddleware, nul_allowed_in_body
from tests.api.helpers import token_for
from tests.complaints.helpers import register
from tests.desk.helpers import signed_in
from tests.personas import sign_in


def _admin(user: User) -> Client:
    client = Client()
    assert sign_in(client, user).status_code == 302
    return client


@pytest.mark.parametrize(
    ("who", "url"),
    [
        (None, "/complain/stations/?district=a%00"),
        (None, "/track/LKN-261122-042-7.json?format=a%00"),
        (None, "/open311/v2/requests.json?service_request_id=%00"),
        ("officer", "/desk/c/a%00b/"),
        ("officer", "/desk/?q=chori%00"),
        ("admin", "/admin/complaints/complaint/?category=a%00"),
        ("admin", "/admin/complaints/complaint/?q=a%00"),
    ],
)
def test_a_nul_in_a_path_or_query_is_a_400(world: Any, who: str | None, url: str) -> None:
    register(world.lucknow, category="theft_robbery")
    if who == "officer":
        client = signed_in(world.hq_operator)
    elif who == "admin":
        client = _admin(world.administrator)
    else:
        client = Client()
    response = client.get(url)
    assert response.status_code == 400, url
    assert b"NUL" in response.content


def test_the_api_refuses_it_in_its_own_error_shape(world: Any) -> None:
    headers = {"Authorization": f"Bearer {token_for(world.hq_operator)}"}
    response = Client().get("/api/command/figures", {"unit": "a\x00"}, headers=headers)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_input"
    # Its JSON bodies are its schemas' to check, as its document says: each text field
    # refuses NUL, and a field it does not know is never read.
    code = register(world.lucknow).code
    note = Client().post(
        f"/api/complaints/{code}/notes",
        json.dumps({"text": "a \x00 b"}),  # sent as JSON's escape, \u0000
        content_type="application/json",
        headers=headers,
    )
    assert note.status_code == 422
    assert note.json()["error"]["field"] == "text"


@pytest.mark.parametrize("path", ["/desk/triage/bulk/", "/desk/review/bulk/"])
def test_hqs_bulk_actions_refuse_it_in_the_form(world: Any, path: str) -> None:
    code = register().code
    client = signed_in(world.hq_operator if "triage" in path else world.hq_reviewer)
    body = {"action": "forward", "unit": "D-1\x0062", "codes": [code, "a\x00b"]}
    response = client.post(path, body)
    assert response.status_code == 400
    assert Complaint.objects.get(code=code).unit == world.hq  # nothing done


def test_a_nul_in_a_cookie_is_a_400(world: Any) -> None:
    client = Client()
    client.cookies["sessionid"] = "abcdefgh\x00ijkl"
    assert client.get("/desk/").status_code == 400


def test_a_form_body_is_read_as_sent(world: Any) -> None:
    code = register(world.lucknow).code
    client = signed_in(world.lucknow_officer)
    # "%2500" is the text "%00", not a NUL: it is kept as written.
    response = client.post(
        f"/desk/c/{code}/note/",
        "text=discount+100%2500+off",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 302
    assert Message.objects.filter(text="discount 100%00 off").exists()
    refused = client.post(
        f"/desk/c/{code}/note/",
        "text=a%00b",
        content_type="application/x-www-form-urlencoded",
    )
    assert refused.status_code == 400


def test_a_view_that_takes_its_body_as_sent_is_left_alone(rf: Any, settings: Any) -> None:
    # X's webhook deliveries are signed as sent; the raw store replaces NUL in what it keeps.
    assert getattr(x_webhook, "nul_allowed_in_body", False)

    @nul_allowed_in_body
    def raw(request: HttpRequest) -> HttpResponse:
        return HttpResponse(request.body)

    middleware = RefuseNulMiddleware(raw)
    body = b'{"text": "a \\u0000 b"}'
    request = rf.post("/hook", data=body, content_type="application/json")
    assert middleware.process_view(request, raw, (), {}) is None
    refused = middleware.process_view(request, lambda r: r, (), {})  # any other JSON view
    assert refused is not None
    assert refused.status_code == 400
    text = rf.post("/hook", data=b'{"text": "a \\\\u0000 b"}', content_type="application/json")
    assert middleware.process_view(text, lambda r: r, (), {}) is None  # the text "\u0000"


def test_a_body_over_the_views_own_limit_is_not_read(world: Any, settings: Any) -> None:
    # The complaint form refuses big bodies by their declared size, unread (413); the NUL
    # check leaves them alone rather than reading them first.
    settings.SEVA_COMPLAIN_MAX_BODY_BYTES = 4096
    response = Client().post("/complain/", {"text": "x\x00" * 5000})
    assert response.status_code == 413
