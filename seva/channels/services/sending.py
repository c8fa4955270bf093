"""The reply sender: claim due replies, send each at most once, record what happened.

A claim moves a row to SENDING with a lease (compare-and-swap, so two senders never take the
same row). The network call happens outside any transaction. A row left in SENDING means the
last attempt's outcome is unknown: the sender died between the platform accepting the reply
and our recording it, or the platform's answer was lost (a timeout or dropped connection
after sending, a 5xx: `ChannelError.ambiguous`). Either way, once its lease has expired the
next sender first asks the platform whether the reply is already there, and sends only if it
is not; if the platform then refuses the text as a duplicate, the earlier attempt went out
and the reply is recorded as sent.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Callable

from django.conf import settings
from django.db.models import F, Q

from seva.channels.base import Adapter, ChannelError, OutgoingReply
from seva.channels.models import ChannelAccount, OutboundReply, ReplyState
from seva.complaints import events
from seva.core.leases import lease_claim
from seva.core.timeutil import now

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
WINDOW = dt.timedelta(minutes=15)

AdapterFor = Callable[[ChannelAccount | None], Adapter]


def _backoff(attempts: int) -> dt.timedelta:
    return dt.timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 3600))


def outgoing(reply: OutboundReply) -> OutgoingReply:
    return OutgoingReply(
        text=reply.text,
        in_reply_to_id=reply.in_reply_to_id,
        dm_recipient_id=reply.dm_recipient_id,
    )


def _due(at: dt.datetime, limit: int) -> list[OutboundReply]:
    paused = ChannelAccount.objects.filter(send_paused_until__gt=at).values("pk")
    return list(
        OutboundReply.objects.filter(
            Q(state=ReplyState.PENDING, next_attempt_at__lte=at)
            | Q(state=ReplyState.SENDING, claimed_until__lt=at)
        )
        .exclude(account__in=paused)
        .select_related("account__handle", "complaint")
        .order_by("id")[:limit]
    )


def _claim(reply: OutboundReply, at: dt.datetime) -> bool:
    return lease_claim(
        reply,
        lease_field="claimed_until",
        compare=["state"],
        at=at,
        state=ReplyState.SENDING,
        attempts=F("attempts") + 1,
    )


def _over_window(reply: OutboundReply, at: dt.datetime) -> bool:
    if reply.account_id is None:
        return False
    sent = OutboundReply.objects.filter(
        account_id=reply.account_id, state=ReplyState.SENT, sent_at__gte=at - WINDOW
    ).count()
    return sent >= int(settings.SEVA_REPLIES_PER_15_MIN)


def _mark_sent(reply: OutboundReply, external_id: str, note: str = "") -> None:
    OutboundReply.objects.filter(pk=reply.pk, state=ReplyState.SENDING).update(
        state=ReplyState.SENT, external_id=external_id, sent_at=now(), last_error=note
    )


def _mark_failed(reply: OutboundReply, error: ChannelError | str) -> None:
    reason = str(error)
    OutboundReply.objects.filter(pk=reply.pk).update(
        state=ReplyState.FAILED, last_error=reason[:1000], claimed_until=None
    )
    events.reply_failed(reply.complaint, purpose=reply.purpose, reason=reason)


def _retry_later(reply: OutboundReply, error: ChannelError, attempts: int) -> None:
    at = now()
    next_at = error.retry_at or at + _backoff(attempts)
    OutboundReply.objects.filter(pk=reply.pk).update(
        state=ReplyState.PENDING,
        next_attempt_at=next_at,
        claimed_until=None,
        last_error=str(error)[:1000],
    )
    if error.retry_at is not None and reply.account_id is not None:
        ChannelAccount.objects.filter(pk=reply.account_id).update(send_paused_until=error.retry_at)


def _look_later(reply: OutboundReply, error: ChannelError, attempts: int) -> None:
    """The platform may have taken the reply: it stays SENDING, like after a crash, until the
    backoff has passed; then the next sender looks for it before sending again. (Looking at
    once could miss a post the platform has not listed yet.)"""
    OutboundReply.objects.filter(pk=reply.pk, state=ReplyState.SENDING).update(
        claimed_until=now() + _backoff(attempts), last_error=str(error)[:1000]
    )


def _send_one(reply: OutboundReply, adapter: Adapter, attempts: int, unclear: bool) -> str:
    """Send one claimed reply; returns the outcome. `unclear`: an earlier attempt may have
    gone out (the row was found in SENDING)."""
    message = outgoing(reply)
    if unclear:
        try:
            found = adapter.find_sent(message, since=reply.created_at)
        except ChannelError as exc:
            # Unsure whether it went out: never send blind; look again after the lease.
            log.warning("cannot check reply %s: %s", reply.pk, exc)
            return "unsure"
        if found:
            _mark_sent(reply, found)
            return "found"
    if attempts > MAX_ATTEMPTS:
        _mark_failed(reply, f"gave up after {MAX_ATTEMPTS} attempts: {reply.last_error}")
        return "failed"
    try:
        external_id = adapter.send(message).external_id
    except ChannelError as exc:
        if exc.duplicate and unclear:
            # X refuses a text it already has from us: the unclear attempt went out.
            try:
                found = adapter.find_sent(message, since=reply.created_at) or ""
            except ChannelError:
                found = ""
            note = "" if found else f"taken as sent (its id is unknown): {exc}"
            _mark_sent(reply, found, note=note[:1000])
            return "found"
        if exc.ambiguous:
            _look_later(reply, exc, attempts)
            return "unclear"
        if exc.permanent:
            _mark_failed(reply, exc)
            return "failed"
        _retry_later(reply, exc, attempts)
        return "retry"
    _mark_sent(reply, external_id)
    return "sent"


def reply_send_due(*, adapter_for: AdapterFor, limit: int = 50) -> Counter[str]:
    """Send what is due; returns counts by outcome (sent, found, failed, retry, unclear,
    unsure, busy, held)."""
    outcomes: Counter[str] = Counter()
    at = now()
    for reply in _due(at, limit):
        was_sending = reply.state == ReplyState.SENDING
        if not was_sending and _over_window(reply, at):
            OutboundReply.objects.filter(pk=reply.pk, state=ReplyState.PENDING).update(
                next_attempt_at=at + dt.timedelta(seconds=60)
            )
            outcomes["held"] += 1
            continue
        if not _claim(reply, at):
            outcomes["busy"] += 1
            continue
        adapter = adapter_for(reply.account)
        try:
            outcomes[_send_one(reply, adapter, reply.attempts + 1, was_sending)] += 1
        finally:
            adapter.close()  # a worker runs for days: no connection is left to the GC
    return outcomes
