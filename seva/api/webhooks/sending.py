"""The webhook sender: claim due deliveries, POST each signed body, record the outcome.

Runs outside any transaction (it refuses to run inside one): each claim and each outcome is
its own short write, and the HTTP call happens between them. A claim is a lease (compare-and-
swap on `claimed_until`), so several senders can run. A failure is retried with exponential
backoff until `SEVA_WEBHOOK_MAX_ATTEMPTS`, then the delivery is dead. A receiver that cannot
be reached is skipped for the rest of the pass, so one slow or dead receiver delays only its
own deliveries. Requests go only to public addresses, checked after DNS (destinations.py); a
refused address makes the delivery dead at once. Only the receiver's status code is kept:
its answer's body is never read, so nothing a receiver (or an inside address) says is stored
or shown in the admin.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections import Counter
from dataclasses import dataclass

import httpx
from django.conf import settings
from django.db import connection
from django.db.models import F, Q

from seva.api.models import DeliveryState, WebhookDelivery
from seva.api.webhooks.destinations import DestinationRefused, webhook_http_client
from seva.api.webhooks.signing import HEADER, signature_header
from seva.core.leases import lease_claim
from seva.core.timeutil import now

log = logging.getLogger(__name__)

MAX_BACKOFF = dt.timedelta(days=1)
USER_AGENT = "Seva-Webhooks/1"


def webhook_backoff(attempts: int) -> dt.timedelta:
    """Wait before the next attempt after `attempts` failed ones: base × 2^(attempts-1)."""
    seconds = float(settings.SEVA_WEBHOOK_BACKOFF_SECONDS) * 2 ** max(attempts - 1, 0)
    return min(dt.timedelta(seconds=seconds), MAX_BACKOFF)


def webhook_body(delivery: WebhookDelivery) -> bytes:
    return json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":")).encode()


def _due(at: dt.datetime, limit: int) -> list[WebhookDelivery]:
    return list(
        WebhookDelivery.objects.filter(
            state__in=[DeliveryState.PENDING, DeliveryState.FAILED],
            next_attempt_at__lte=at,
            subscription__is_active=True,
        )
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=at))
        .select_related("subscription")
        .order_by("next_attempt_at", "id")[:limit]
    )


def _claim(delivery: WebhookDelivery, at: dt.datetime) -> bool:
    return lease_claim(
        delivery,
        lease_field="claimed_until",
        compare=["state"],
        at=at,
        attempts=F("attempts") + 1,
    )


@dataclass(frozen=True)
class _Attempt:
    status: int | None = None
    error: str = ""
    reachable: bool = True
    hopeless: bool = False  # another attempt cannot work (a bad URL, a refused address)


def _post(client: httpx.Client, delivery: WebhookDelivery) -> _Attempt:
    """One POST; no database work here."""
    body = webhook_body(delivery)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-Seva-Event": delivery.event_type,
        "X-Seva-Delivery": str(delivery.pk),
        HEADER: signature_header(delivery.subscription.secret, body),
    }
    try:
        with client.stream(
            "POST", delivery.subscription.url, content=body, headers=headers
        ) as response:
            status = response.status_code  # the body is never read
    except DestinationRefused as exc:
        return _Attempt(error=f"refused: {exc}", hopeless=True)
    except httpx.TimeoutException as exc:
        return _Attempt(error=f"timed out: {exc}", reachable=False)
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
        return _Attempt(error=f"bad URL: {exc}", hopeless=True)
    except httpx.HTTPError as exc:
        return _Attempt(error=f"cannot connect: {exc}", reachable=False)
    if 200 <= status < 300:
        return _Attempt(status=status)
    return _Attempt(status=status, error=f"HTTP {status}")


def _record(delivery: WebhookDelivery, attempt: _Attempt, attempts: int) -> str:
    at = now()
    sent = not attempt.error
    if sent:
        state = DeliveryState.SENT
    elif attempt.hopeless or attempts >= settings.SEVA_WEBHOOK_MAX_ATTEMPTS:
        state = DeliveryState.DEAD
    else:
        state = DeliveryState.FAILED
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        state=state,
        last_status=attempt.status,
        last_error=attempt.error[:1000],
        claimed_until=None,
        sent_at=at if sent else None,
        next_attempt_at=at + webhook_backoff(attempts) if state == DeliveryState.FAILED else at,
    )
    return str(state)


def webhook_send_due(*, limit: int = 50) -> Counter[str]:
    """Send what is due; returns counts by outcome (sent, failed, dead, busy, skipped)."""
    if connection.in_atomic_block:
        raise RuntimeError("webhooks are sent outside any transaction")
    outcomes: Counter[str] = Counter()
    unreachable: set[int] = set()
    with webhook_http_client(float(settings.SEVA_WEBHOOK_TIMEOUT_SECONDS)) as client:
        for delivery in _due(now(), limit):
            if delivery.subscription_id in unreachable:
                outcomes["skipped"] += 1
                continue
            if not _claim(delivery, now()):
                outcomes["busy"] += 1
                continue
            attempt = _post(client, delivery)
            if not attempt.reachable:
                unreachable.add(delivery.subscription_id)
            outcome = _record(delivery, attempt, delivery.attempts + 1)
            if attempt.error:
                log.warning(
                    "webhook %s to %s: %s", delivery.pk, delivery.subscription, attempt.error
                )
            outcomes[outcome] += 1
    return outcomes
