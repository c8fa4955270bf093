"""Deliveries are recorded from the complaint event log, as replies are: a cursor
(`NotifierCursor` named "webhooks") follows the append-only log, so `complaints` never knows
webhooks exist. Recording is idempotent (one delivery per subscription and event)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max

from seva.api.models import WebhookDelivery, WebhookSubscription
from seva.channels.models import NotifierCursor
from seva.complaints.models import Event
from seva.core.timeutil import now

CURSOR = "webhooks"


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


@transaction.atomic
def webhook_deliveries_from_events(*, batch: int = 500) -> int:
    """Read the event log after the cursor and record a delivery for each active subscription
    that wants the event. The first run starts the cursor at the end of the log (webhooks
    carry news, not history); events logged while no subscription wanted them are not sent
    later. Returns how many deliveries were recorded."""
    latest = Event.objects.aggregate(latest=Max("id"))["latest"] or 0
    cursor, _ = NotifierCursor.objects.select_for_update().get_or_create(
        name=CURSOR, defaults={"last_event_id": latest}
    )
    events = list(
        Event.objects.filter(id__gt=cursor.last_event_id)
        .select_related("complaint__unit", "actor")
        .order_by("id")[:batch]
    )
    if not events:
        return 0
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
    NotifierCursor.objects.filter(pk=cursor.pk).update(last_event_id=events[-1].pk)
    return len(rows)
