"""X takes a reply but its answer is lost (slow, 5xx, hung up): the reply goes out once and is
recorded as sent with X's id. A post or DM is never repeated blindly; a read still is."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from seva.channels.models import InboundRecord, OutboundReply, ReplyState
from seva.channels.services.intake import intake_drain
from seva.channels.services.polling import account_poll
from seva.channels.services.sending import reply_send_due
from seva.core.timeutil import now
from tests.channels.conftest import XWorld

COMPLAINT = "@Uppolice Agra me mera phone chheen liya, madad karein"


def _due_reply(x: XWorld) -> OutboundReply:
    account_poll(x.account, x.adapter())
    intake_drain()
    return OutboundReply.objects.get()


def _send(x: XWorld) -> dict[str, int]:
    return dict(reply_send_due(adapter_for=lambda account: x.adapter()))


def _backoff_passes() -> None:
    OutboundReply.objects.filter(state=ReplyState.SENDING).update(
        claimed_until=now() - dt.timedelta(seconds=1)
    )


def test_a_post_x_took_before_answering_503_goes_out_once_and_is_recorded_sent(
    x: XWorld,
) -> None:
    x.post(COMPLAINT)
    reply = _due_reply(x)
    x.faults({"kind": "accept_then_503", "path": "/2/tweets"})
    assert _send(x) == {"unclear": 1}
    reply.refresh_from_db()
    assert reply.state == ReplyState.SENDING  # unknown outcome: never sent again blindly
    assert "503" in reply.last_error
    assert _send(x) == {}  # not before the backoff
    _backoff_passes()
    assert _send(x) == {"found": 1}
    (posted,) = x.replies()
    reply.refresh_from_db()
    assert (reply.state, reply.external_id) == (ReplyState.SENT, posted["id"])


def test_a_dm_x_took_before_timing_out_goes_out_once_and_is_recorded_sent(
    x: XWorld, settings: Any
) -> None:
    settings.SEVA_X_TIMEOUT_SECONDS = 0.3
    x.dm("Agra ke Tajganj me mera phone chheen liya, madad karein")
    reply = _due_reply(x)
    assert reply.dm_recipient_id
    x.faults({"kind": "accept_then_timeout", "seconds": 1.0, "path": "/2/dm_conversations/"})
    assert _send(x) == {"unclear": 1}
    assert len(x.replies()) == 1
    _backoff_passes()
    assert _send(x) == {"found": 1}
    (sent,) = x.replies()
    reply.refresh_from_db()
    assert (reply.state, reply.external_id) == (ReplyState.SENT, "dm:" + sent["id"])


@pytest.mark.parametrize("stale_lookups", [1, 2], ids=["id-found", "id-unknown"])
def test_a_duplicate_refusal_after_an_unclear_attempt_counts_as_sent(
    x: XWorld, stale_lookups: int
) -> None:
    # X's timeline has not listed the post yet, so the sender posts again; X refuses the
    # same text twice, which proves the first attempt went out.
    x.post(COMPLAINT)
    reply = _due_reply(x)
    x.faults({"kind": "accept_then_503", "path": "/2/tweets"})
    _send(x)
    x.faults({"kind": "stale", "count": stale_lookups, "path": "/2/users/"})
    _backoff_passes()
    assert _send(x) == {"found": 1}
    (posted,) = x.replies()
    reply.refresh_from_db()
    assert reply.state == ReplyState.SENT
    if stale_lookups == 1:
        assert (reply.external_id, reply.last_error) == (posted["id"], "")
    else:
        assert reply.external_id == ""
        assert "taken as sent" in reply.last_error


def test_a_duplicate_refusal_without_an_unclear_attempt_still_fails(x: XWorld) -> None:
    post = x.post(COMPLAINT)
    reply = _due_reply(x)
    x.adapter().client.create_post(text=reply.text, in_reply_to_id=post["id"])
    assert _send(x) == {"failed": 1}
    assert OutboundReply.objects.get().state == ReplyState.FAILED


def test_reads_are_still_retried_after_a_5xx_or_timeout(x: XWorld, settings: Any) -> None:
    settings.SEVA_X_TIMEOUT_SECONDS = 0.3
    x.post(COMPLAINT)
    x.faults(
        {"kind": "503", "path": "/2/users/"},
        {"kind": "timeout", "seconds": 1.0, "path": "/2/users/"},
    )
    report = account_poll(x.account, x.adapter())
    assert not report.error
    assert InboundRecord.objects.count() == 1
