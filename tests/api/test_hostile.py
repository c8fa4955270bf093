"""Hostile input: markup, huge bodies, bad Unicode and wrong types get a clear 4xx in the one
error shape, and nothing half-made is stored."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from seva.channels.models import InboundRecord
from seva.complaints.models import Complaint, Event, Message
from tests.api.helpers import Api, as_person, submitter_key
from tests.complaints.helpers import register


def _nothing_new(complaint: Complaint, events: int = 3, messages: int = 1) -> None:
    assert Event.objects.filter(complaint=complaint).count() == events
    assert Message.objects.filter(complaint=complaint).count() == messages


@pytest.fixture
def setting(world: Any) -> tuple[Api, Complaint]:
    return as_person(world.lucknow_officer), register(world.lucknow)


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b'{"text": "\\ud800 lone surrogate"}', 422),
        (b'{"text": "NUL \\u0000 inside"}', 422),
        ('{"text": "caf\xe9"}'.encode("latin-1"), 400),  # not UTF-8
        (b'{"text": ', 400),  # truncated JSON
        (b'["a", "list"]', 422),
        (b'{"text": ["not", "text"]}', 422),
        (b'{"text": {"$gt": ""}}', 422),
        (b'{"text": "ok", "public": "maybe"}', 422),
        (b"null", 422),
    ],
)
def test_a_bad_body_is_refused_and_nothing_is_stored(setting, body, status):
    api, complaint = setting
    response = api.post(f"/complaints/{complaint.code}/notes", body)
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert set(error) == {"code", "message", "field"}
    assert error["message"]
    _nothing_new(complaint)


def test_markup_is_stored_and_returned_as_text(setting):
    api, complaint = setting
    markup = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    response = api.post(f"/complaints/{complaint.code}/notes", {"text": markup})
    assert response.status_code == 201
    assert response["Content-Type"] == "application/json; charset=utf-8"
    thread = api.get(f"/complaints/{complaint.code}").json()["thread"]
    assert thread[-1]["text"] == markup  # data, never rendered: the client escapes it


def test_a_huge_body_gets_413_and_a_long_field_422(setting, settings):
    api, complaint = setting
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000
    huge = {"text": "x" * 200_000}
    response = api.post(f"/complaints/{complaint.code}/notes", huge)
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"
    long = api.post(f"/complaints/{complaint.code}/notes", {"text": "x" * 4001})
    assert long.status_code == 422
    assert long.json()["error"]["field"] == "text"
    _nothing_new(complaint)


def test_wrong_types_in_actions(setting):
    api, complaint = setting
    for path, body in [
        ("/act", {"status": "disposed"}),
        ("/act", {"status": 3}),
        ("/review", {"decision": True}),
        ("/forward", {"unit": "../../etc"}),
        ("/transfer", {"unit": "D-118", "reason": ""}),
        ("/replies", {"text": "\u0007bell"}),
    ]:
        response = api.post(f"/complaints/{complaint.code}{path}", body)
        assert response.status_code == 422, (path, response.content)
    _nothing_new(complaint)


def test_hostile_codes_in_the_path_are_just_not_found(setting):
    api, _ = setting
    for code in ["<script>", "' OR 1=1 --", "%F0%9F%92%A9", "a" * 500]:
        response = api.get(f"/complaints/{code}")
        assert response.status_code == 404, code
        assert response.json()["error"]["code"] == "not_found"
    # A NUL is refused before any view, in the API's error shape (seva.core.middleware).
    response = api.get("/complaints/%00")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_input"


def test_a_hostile_filing_stores_nothing(world):
    api = Api(submitter_key())
    for body in [
        b'{"text": "\\ud83d"}',
        b'{"text": "ok", "latitude": "NaN", "longitude": 1}',
        b'{"text": "ok", "email": "<script>@x"}',
    ]:
        response = api.post("/complaints", body)
        assert 400 <= response.status_code < 500, response.content
    assert not InboundRecord.objects.exists()
    assert not Complaint.objects.exists()


def test_the_rate_limit_answers_429(world, settings):
    settings.SEVA_API_RATE_LIMIT = "3/min"
    api = as_person(world.hq_operator)
    statuses = [api.get("/complaints").status_code for _ in range(5)]
    assert statuses[:3] == [200, 200, 200]
    assert statuses[3:] == [429, 429]
    response = api.get("/complaints")
    assert response.json()["error"]["code"] == "rate_limited"
    assert int(response["Retry-After"]) >= 0


def test_open311_post_with_bad_unicode_and_markup(world):
    client = Client()
    response = client.post(
        "/open311/v2/requests.json",
        "api_key=x&service_code=theft_robbery&description=%FF%FE&lat=1&long=1",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (400, 403)
    assert not Complaint.objects.exists()


def test_too_many_fields_and_huge_open311_posts_get_400_in_shape(world, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    api = as_person(world.hq_operator)
    query = "&".join(f"f{i}=1" for i in range(20))
    response = api.client.get(f"/api/complaints?{query}", headers=api.headers)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_input"
    huge = Client().post(
        "/open311/v2/requests.json",
        f"api_key=x&description={'x' * 20_000}",
        content_type="application/x-www-form-urlencoded",
    )
    assert huge.status_code == 400
    assert huge.json()[0]["code"] == 400
