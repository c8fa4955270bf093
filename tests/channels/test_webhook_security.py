"""The X webhook endpoint under attack: the CRC answer cannot sign a forged delivery, CRC checks
are rate-limited, and only deliveries for our monitored accounts are stored."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from seva.channels.models import InboundRecord
from seva.channels.x.webhook import CRC_TOKEN, crc_token_valid, delivery_user_id, sign
from seva.complaints.models import Complaint
from seva.directory.models import SocialHandle
from tests.channels.conftest import XWorld
from tests.channels.test_faults import COMPLAINT, deliver, xaa_mention

URL = "/channels/x/webhook"


def _aaa_mention(x: XWorld, for_user_id: str) -> dict[str, Any]:
    return {
        "for_user_id": for_user_id,
        "tweet_create_events": [
            {
                "id_str": "1850000000000000001",
                "text": COMPLAINT,
                "user": {"id_str": "77", "screen_name": "citizen7", "name": "Citizen"},
                "entities": {"user_mentions": [{"screen_name": "Uppolice", "indices": [0, 9]}]},
            }
        ],
    }


@pytest.mark.parametrize("compact", [False, True], ids=["spaced", "compact"])
def test_a_forged_delivery_signed_through_the_crc_answer_is_refused(
    x: XWorld, client: Client, compact: bool
) -> None:
    # The attack: ask the CRC check to sign a delivery body, then POST that body with it.
    body = xaa_mention(x, COMPLAINT)
    raw = json.dumps(body, separators=(",", ":") if compact else None)
    answer = client.get(URL, {"crc_token": raw})
    assert answer.status_code == 400
    assert "response_token" not in answer.json()
    forged = answer.json().get("response_token", "")
    response = client.post(
        URL,
        data=raw.encode(),
        content_type="application/json",
        headers={"x-twitter-webhooks-signature": forged},
    )
    assert response.status_code == 403
    assert InboundRecord.objects.count() == 0
    assert Complaint.objects.count() == 0


@pytest.mark.parametrize(
    "token",
    [
        "M2RkODJkZmMtYjlkYi00NmQ4LTk0MGUtM2JjYzkwM2Q4MjQ0",  # as X sent one in 2026
        "9b4507b3-9040-4669-9ca3-6b94edb50553",  # a UUID, as in X's older examples
        "challenge_string",  # X's quickstart
    ],
)
def test_tokens_of_the_shape_x_sends_are_answered(x: XWorld, client: Client, token: str) -> None:
    response = client.get(URL, {"crc_token": token, "nonce": "MTc2OTUxODI5MjkxNA"})
    assert response.status_code == 200
    assert response.json() == {"response_token": sign("test-secret", token.encode())}


@pytest.mark.parametrize(
    "token",
    [
        "",
        "short",
        "a" * 129,
        "two words here",
        "tab\tseparated-token",
        '{"a":1}',
        "[1,2,3,4,5,6,7]",
    ],
)
def test_anything_else_gets_400_and_no_answer(x: XWorld, client: Client, token: str) -> None:
    response = client.get(URL, {"crc_token": token})
    assert response.status_code == 400
    assert "response_token" not in response.json()


@given(st.from_regex(CRC_TOKEN, fullmatch=True))
def test_no_answered_token_is_a_json_object(token: str) -> None:
    assert crc_token_valid(token)
    try:
        parsed = json.loads(token)
    except ValueError:
        return
    assert not isinstance(parsed, dict)


def test_crc_checks_are_rate_limited_per_client(
    x: XWorld, client: Client, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.SEVA_X_CRC_RATE_LIMIT = 2
    for _ in range(2):
        assert client.get(URL, {"crc_token": "challenge_string"}).status_code == 200
    refused = client.get(URL, {"crc_token": "challenge_string"})
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 3600
    assert "response_token" not in refused.json()
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert other.get(URL, {"crc_token": "challenge_string"}).status_code == 200
    # Deliveries are not CRC checks: X's posts still arrive.
    with django_capture_on_commit_callbacks(execute=True):
        assert deliver(client, xaa_mention(x, COMPLAINT)).json() == {"stored": 1}


def test_a_signed_delivery_for_an_account_we_do_not_monitor_is_refused(
    x: XWorld, client: Client
) -> None:
    ours = x.account.handle.external_user_id
    lucknow = SocialHandle.objects.get(handle="lucknowpolice")  # mapped, not monitored
    lucknow.external_user_id = "4242"
    lucknow.save()
    stranger = xaa_mention(x, COMPLAINT)
    for user_id in ["999", "4242", "", None]:
        stranger["data"]["filter"] = {"user_id": user_id}
        assert deliver(client, stranger).status_code == 403
    del stranger["data"]["filter"]
    assert deliver(client, stranger).status_code == 403
    assert deliver(client, _aaa_mention(x, "999")).status_code == 403
    assert (
        deliver(
            client, {k: v for k, v in _aaa_mention(x, ours).items() if k != "for_user_id"}
        ).status_code
        == 403
    )
    SocialHandle.objects.filter(pk=x.account.handle.pk).update(is_active=False)
    assert deliver(client, _aaa_mention(x, ours)).status_code == 403
    assert InboundRecord.objects.count() == 0


def test_a_signed_delivery_for_our_account_is_stored_under_it(
    x: XWorld, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    ours = x.account.handle.external_user_id
    with django_capture_on_commit_callbacks(execute=True):
        assert deliver(client, _aaa_mention(x, ours)).json() == {"stored": 1}
    record = InboundRecord.objects.get()
    assert record.account == x.account
    assert Complaint.objects.count() == 1


def test_the_user_a_delivery_is_for() -> None:
    assert delivery_user_id({"for_user_id": "4337869213"}) == "4337869213"
    assert delivery_user_id({"for_user_id": 4337869213}) == "4337869213"
    envelope = {"data": {"event_type": "dm.received", "filter": {"user_id": "111"}}}
    assert delivery_user_id(envelope) == "111"
    bodies: list[dict[str, Any]] = [
        {},
        {"for_user_id": "x1"},
        {"for_user_id": True},
        {"data": {"event_type": "a"}},
    ]
    for body in bodies:
        assert delivery_user_id(body) == ""
    assert delivery_user_id({"data": {"event_type": "a", "filter": ["111"]}}) == ""
