"""Deliveries are recorded from the complaint event log, as replies are: the outbox
(`seva.complaints.outbox`, consumer "webhooks") hands each event over exactly once, so
`complaints` never knows webhooks exist. Recording is idempotent (one delivery per
subscription and event)."""

from __future__ import annotations

from typing import Any

from seva.api.models import WebhookDelivery, WebhookSubscription
from seva.complaints.models import Event
from seva.complaints.outbox import outbox_consume
from seva.core.timeutil import now

CONSUMER = "webhooks"


def webhook_payload(event: Event) -> dict[str, Any]:
    """What a receiver gets: the event's values and the complaint as it is now."""
    complaint = event.complaint
    return {
        "event": {
            "id": event.pk,
            "type": event.type,
            "at": event.at.isoformat(),
            "actor": event.actor.get_username() if event.actor else None,
            "data": event.data,
        },
        "complaint": {
            "code": complaint.code,
            "status": complaint.status,
            "unit": complaint.unit.code,
            "category": complaint.category,
            "is_urgent": complaint.is_urgent,
        },
    }


def _wants(subscription: WebhookSubscription, event: Event) -> bool:
    if event.at < subscription.created_at:
        return False  # a subscription hears what happens after it was made, not the past
    types = subscription.event_types or []
    if types and event.type not in types:
        return False
    unit = subscription.unit
    return unit is None or event.complaint.unit.path.startswith(unit.path)


def webhook_deliveries_from_events(*, batch: int = 500) -> int:
    """Record a delivery for each active subscription that wants each new event, every event
    once (through the outbox). A subscription hears what happens after it was made, not the
    past. Returns how many deliveries were recorded."""
    return outbox_consume(
        CONSUMER, _deliveries_for, batch=batch, related=("complaint__unit", "actor")
    )


def _deliveries_for(events: list[Event]) -> int:
    subscriptions = list(WebhookSubscription.objects.filter(is_active=True).select_related("unit"))
    at = now()
    rows = [
        WebhookDelivery(
            subscription=subscription,
            event=event,
            event_type=event.type,
            payload=webhook_payload(event),
            next_attempt_at=at,
            created_at=at,
        )
        for event in events
        for subscription in subscriptions
        if _wants(subscription, event)
    ]
    WebhookDelivery.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)
