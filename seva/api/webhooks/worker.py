"""The webhook worker loop (`manage.py webhook_send`): record, then send, until stopped."""

from __future__ import annotations

import logging

from seva.api.webhooks.recording import webhook_deliveries_from_events
from seva.api.webhooks.sending import webhook_send_due
from seva.channels.workers import Stop

log = logging.getLogger(__name__)


def webhook_cycle() -> dict[str, int]:
    recorded = webhook_deliveries_from_events()
    return {"recorded": recorded, **webhook_send_due()}


def run_webhook_sender(stop: Stop, *, idle: float = 1.0, once: bool = False) -> None:
    while not stop:
        counts = webhook_cycle()
        if any(counts.values()):
            log.info("webhooks: %s", counts)
        if once:
            return
        if not any(counts.values()):
            stop.sleep(idle)
