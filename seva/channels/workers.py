"""Long-running workers: the poller, the stream consumer and the reply sender.

Each is a loop of small steps that keeps no state of its own (everything is in the database),
so any number can run, be killed at any point and be restarted. SIGTERM or SIGINT ends the
loop after the current step (graceful shutdown); kill -9 loses at most that step, which the
next run redoes: records are stored before the cursor moves, and replies are claimed with a
lease and checked with the platform before being sent again.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import signal
import socket
import threading
import time
from collections.abc import Callable
from types import FrameType

from django.conf import settings

from seva.channels.base import ChannelError
from seva.channels.models import ChannelAccount, InboundVia
from seva.channels.replies import replies_from_events
from seva.channels.services.health import accounts_ensure, channel_watch
from seva.channels.services.intake import intake_drain
from seva.channels.services.polling import (
    account_claim,
    account_failed,
    account_poll,
    account_release,
    account_succeeded,
)
from seva.channels.services.sending import reply_send_due
from seva.channels.services.store import inbound_store
from seva.channels.x.adapter import x_adapter, x_client
from seva.channels.x.client import reconcile_rules
from seva.channels.x.parse import items_from_v2_posts

log = logging.getLogger(__name__)


class Stop:
    """Set by SIGTERM/SIGINT; loops check it between steps and sleep in short slices."""

    def __init__(self) -> None:
        self.event = threading.Event()

    def install(self) -> Stop:
        def handler(signum: int, frame: FrameType | None) -> None:
            log.info("signal %s: stopping after the current step", signum)
            self.event.set()

        signal.signal(signal.SIGTERM, handler)
        signal.signal(signal.SIGINT, handler)
        return self

    def __bool__(self) -> bool:
        return self.event.is_set()

    def sleep(self, seconds: float) -> None:
        self.event.wait(seconds)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def poll_cycle(*, owner: str) -> dict[str, int]:
    """Poll every monitored account this worker can claim, then run intake and the watch."""
    stored = 0
    for account in accounts_ensure():
        if not account_claim(account, owner=owner):
            continue  # another poller has it
        try:
            stored += account_poll(account, x_adapter(account)).stored
        finally:
            account_release(account, owner=owner)
    report = intake_drain()
    channel_watch(silent_after=dt.timedelta(minutes=settings.SEVA_CHANNEL_SILENT_MINUTES))
    return {"stored": stored, **report.outcomes}


def run_poller(stop: Stop, *, interval: float, once: bool = False) -> None:
    owner = worker_name()
    while not stop:
        started = time.monotonic()
        counts = poll_cycle(owner=owner)
        if any(counts.values()):
            log.info("poll: %s", counts)
        if once:
            return
        stop.sleep(max(interval - (time.monotonic() - started), 0.2))


def send_cycle() -> dict[str, int]:
    made = replies_from_events()
    outcomes = reply_send_due(adapter_for=x_adapter)
    return {"recorded": made, **outcomes}


def run_sender(stop: Stop, *, idle: float = 1.0, once: bool = False) -> None:
    while not stop:
        counts = send_cycle()
        if any(counts.values()):
            log.info("replies: %s", counts)
        if once:
            return
        if not any(counts.values()):
            stop.sleep(idle)


def stream_rule(accounts: list[ChannelAccount]) -> dict[str, str]:
    handles = " OR ".join(f"@{a.handle.handle}" for a in accounts)
    return {"seva-mentions": handles} if handles else {}


def run_stream(
    stop: Stop, *, flush_every: float = 0.25, on_item: Callable[[], None] | None = None
) -> None:
    """Consume the filtered stream: reconcile the rules at start, store each post as it comes,
    run intake in short batches; reconnect with backoff when the stream drops."""
    backoff = 1.0
    while not stop:
        accounts = accounts_ensure()
        account = accounts[0] if accounts else None
        client = x_client(account)
        try:
            added, deleted = reconcile_rules(client, stream_rule(accounts))
            log.info("stream rules: added %s, deleted %s", added, deleted)
            last_flush = time.monotonic()
            for body in client.stream_lines(stop=lambda: bool(stop)):
                inbound_store(
                    platform="x",
                    items=items_from_v2_posts(body),
                    via=InboundVia.STREAM,
                    account=account,
                )
                if on_item:
                    on_item()
                if time.monotonic() - last_flush >= flush_every:
                    intake_drain()
                    last_flush = time.monotonic()
                backoff = 1.0
            intake_drain()
            if account is not None:
                account_succeeded(account)
        except ChannelError as exc:
            log.warning("stream: %s", exc)
            if account is not None:
                account_failed(account, f"stream: {exc}")
            if exc.permanent:
                stop.sleep(60)
        finally:
            client.close()
        stop.sleep(backoff)
        backoff = min(backoff * 2, 60)
