"""X failing in every way we know: nothing is lost, nothing is sent twice, the record is clear."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import httpx
import pytest
from django.test import Client

from seva.channels.models import (
    ChannelAccount,
    InboundRecord,
    InboundState,
    InboundVia,
    OutboundReply,
    ReplyState,
)
from seva.channels.services.intake import inbound_replay, intake_drain
from seva.channels.services.polling import account_poll
from seva.channels.services.sending import outgoing, reply_send_due
from seva.channels.services.store import inbound_store
from seva.channels.x.parse import items_from_v2_posts
from seva.channels.x.webhook import sign
from seva.complaints.models import Complaint, Event
from seva.core.timeutil import now
from tests.channels.conftest import XWorld
from tests.channels.test_flow import poll_and_reply

COMPLAINT = "@Uppolice Agra me mera phone chheen liya, madad karein"


@pytest.mark.parametrize(
    "fault",
    [
        {"kind": "429", "count": 2},
        {"kind": "500", "count": 3},
        {"kind": "503", "count": 1},
        {"kind": "malformed", "count": 2},
        {"kind": "partial", "count": 1},
        {"kind": "timeout", "count": 1, "seconds": 1.0},
    ],
    ids=lambda f: f["kind"],
)
def test_transient_failures_on_polling_lose_nothing(
    x: XWorld, settings: Any, fault: dict[str, Any]
) -> None:
    settings.SEVA_X_TIMEOUT_SECONDS = 0.3
    x.post(COMPLAINT)
    x.faults({**fault, "path": "/2/users/"})
    poll_and_reply(x)
    assert Complaint.objects.count() == 1
    x.account.refresh_from_db()
    assert x.account.consecutive_failures == 0
    assert x.account.mentions_since_id


def test_a_long_outage_keeps_the_cursor_and_the_next_poll_catches_up(x: XWorld) -> None:
    first = x.post(COMPLAINT)
    x.faults({"kind": "500", "count": 50, "path": "/2/users/"})
    report = account_poll(x.account, x.adapter())
    assert "500" in report.error
    x.account.refresh_from_db()
    assert x.account.mentions_since_id == ""
    assert "500" in x.account.last_error
    httpx.delete(f"{x.double.url}/_double/faults")
    poll_and_reply(x)
    origin = Complaint.objects.get().origin_message
    assert origin is not None
    assert origin.external_id == first["id"]


def test_credits_depleted_fails_the_reply_permanently_and_officers_see_it(x: XWorld) -> None:
    x.post(COMPLAINT)
    x.faults({"kind": "402", "count": 1, "path": "/2/tweets"})
    poll_and_reply(x)
    reply = OutboundReply.objects.get()
    assert reply.state == ReplyState.FAILED
    assert "credits" in reply.last_error
    assert Event.objects.filter(type="reply.failed", complaint=reply.complaint).exists()
    reply_send_due(adapter_for=lambda account: x.adapter())
    assert x.replies() == []


def test_a_rate_limited_reply_waits_for_the_reset_then_goes_once(x: XWorld) -> None:
    x.post(COMPLAINT)
    x.faults({"kind": "429", "count": 10, "path": "/2/tweets", "reset_in": 120})
    poll_and_reply(x)
    reply = OutboundReply.objects.get()
    assert reply.state == ReplyState.PENDING
    assert reply.next_attempt_at > now() + dt.timedelta(seconds=60)
    assert ChannelAccount.objects.get().send_paused_until is not None
    OutboundReply.objects.update(next_attempt_at=now())
    ChannelAccount.objects.update(send_paused_until=None)
    httpx.delete(f"{x.double.url}/_double/faults")
    reply_send_due(adapter_for=lambda account: x.adapter())
    assert OutboundReply.objects.get().state == ReplyState.SENT
    assert len(x.replies()) == 1


def test_a_crash_between_sending_and_recording_does_not_send_twice(x: XWorld) -> None:
    x.post(COMPLAINT)
    account_poll(x.account, x.adapter())
    intake_drain()
    reply = OutboundReply.objects.get()
    # The sender claimed it and X took it, then the process died before recording.
    OutboundReply.objects.filter(pk=reply.pk).update(
        state=ReplyState.SENDING, claimed_until=now() - dt.timedelta(seconds=1)
    )
    x.adapter().send(outgoing(reply))
    outcomes = reply_send_due(adapter_for=lambda account: x.adapter())
    assert outcomes["found"] == 1
    assert len(x.replies()) == 1
    reply.refresh_from_db()
    assert reply.state == ReplyState.SENT
    assert reply.external_id == x.replies()[0]["id"]


def test_a_post_without_our_mention_is_registered_but_not_replied_to(x: XWorld) -> None:
    # Reached us some other way (a stream rule on a hashtag, say): X's automation
    # rules allow no automated reply, so the reply is withheld and officers see why.
    post = x.double.world.add_post(
        author=x.double.world.user(username="citizen3"),
        text="Agra me mera phone chheen liya, madad karein #UPPolice",
    )
    inbound_store(platform="x", items=items_from_v2_posts({"data": post}), via=InboundVia.STREAM)
    intake_drain()
    reply = OutboundReply.objects.get()
    assert reply.state == ReplyState.WITHHELD
    assert Event.objects.filter(type="reply.withheld").exists()
    reply_send_due(adapter_for=lambda account: x.adapter())
    assert x.replies() == []


# --- webhooks -----------------------------------------------------------------------------


def deliver(client: Client, body: dict[str, Any], *, secret: str = "test-secret") -> Any:  # noqa: S107
    raw = json.dumps(body).encode()
    return client.post(
        "/channels/x/webhook",
        data=raw,
        content_type="application/json",
        headers={"x-twitter-webhooks-signature": sign(secret, raw)},
    )


def xaa_mention(x: XWorld, text: str) -> dict[str, Any]:
    post = x.double.world.add_post(author=x.double.world.user(username="citizen9"), text=text)
    return {
        "data": {
            "event_uuid": "1",
            "filter": {"user_id": x.account.handle.external_user_id},
            "event_type": "post.mention.create",
            "tag": "mentions",
            "payload": post,
            "includes": x.double.world.includes_for([post]),
        }
    }


def test_webhook_crc_answers_with_the_signed_token(x: XWorld, client: Client) -> None:
    response = client.get("/channels/x/webhook", {"crc_token": "challenge"})
    assert response.json() == {"response_token": sign("test-secret", b"challenge")}


def test_a_wrong_signature_gets_403_and_stores_nothing(x: XWorld, client: Client) -> None:
    response = deliver(client, xaa_mention(x, COMPLAINT), secret="wrong")
    assert response.status_code == 403
    assert InboundRecord.objects.count() == 0
    unsigned = client.post("/channels/x/webhook", data=b"{}", content_type="application/json")
    assert unsigned.status_code == 403


def test_a_signed_delivery_is_stored_and_registered_once_even_if_delivered_twice(
    x: XWorld, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    body = xaa_mention(x, COMPLAINT)
    with django_capture_on_commit_callbacks(execute=True):
        assert deliver(client, body).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert deliver(client, body).json() == {"stored": 0}
    assert InboundRecord.objects.get().state == InboundState.REGISTERED
    assert Complaint.objects.count() == 1


# --- unreadable records -------------------------------------------------------------------


def test_an_unreadable_record_is_quarantined_with_the_reason_and_can_be_replayed(
    x: XWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    x.post(COMPLAINT)
    import seva.channels.services.intake as intake

    def broken(item: Any) -> Any:
        raise KeyError("entities")

    monkeypatch.setattr(intake, "parse_item", broken)
    account_poll(x.account, x.adapter())
    intake_drain()
    record = InboundRecord.objects.get()
    assert record.state == InboundState.QUARANTINED
    assert "KeyError" in record.reason
    monkeypatch.undo()
    assert inbound_replay(record_id=record.pk) == InboundState.REGISTERED
    assert Complaint.objects.count() == 1


def test_a_delivery_with_nul_and_broken_surrogates_is_stored_and_read(
    x: XWorld, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    # PostgreSQL refuses NUL in text and jsonb; the record must still be kept, not lost.
    body = xaa_mention(x, COMPLAINT)
    body["data"]["payload"]["text"] += " \x00 \ud83d"
    with django_capture_on_commit_callbacks(execute=True):
        assert deliver(client, body).status_code == 200
    record = InboundRecord.objects.get()
    assert "\ufffd" in record.payload["data"]["text"]
    assert record.state == InboundState.REGISTERED


def test_the_double_answers_a_body_without_text_as_x_does(double: Any) -> None:
    # The double must refuse what X refuses, or a bug in our client would pass unnoticed.
    http = httpx.Client(base_url=double.url, headers={"Authorization": "Bearer t"})
    for path in ["/2/tweets", "/2/dm_conversations/with/42/messages"]:
        response = http.post(path, json={"no_text": True})
        assert response.status_code == 400
        assert response.json()["type"] == "https://api.twitter.com/2/problems/invalid-request"
