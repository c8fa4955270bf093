"""The event outbox: every consumer of the event log hears each event it wants exactly once.

Consumers (the reply notifier, the webhook recorder, the command centre's rollup, …) live in
higher layers, so they register here under a name with a predicate saying which events they
want (`consumer_register`, called from their app's `ready`). `events_save` is the one writer
of events: in the event's own transaction it writes one `OutboxEntry` per consumer that wants
the event. `outbox_consume` claims a consumer's entries, hands their events to the consumer
and deletes the entries in the same transaction, so the consumer's own writes (a reply row, a
webhook delivery, a rollup day) commit together with the claim or not at all.

Why not a cursor ("events after the last id I read")? Ids are handed out before commit: on
PostgreSQL an event that commits after a higher id was read would be skipped for good.

Claims take row locks with SKIP LOCKED on PostgreSQL, so any number of consumer processes
share the work; on SQLite the database's write lock serialises them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import connection, transaction

from seva.complaints.models import Event, OutboxEntry


@dataclass(frozen=True)
class Consumer:
    name: str
    wants: Callable[[Event], bool]


_CONSUMERS: dict[str, Consumer] = {}


def consumer_register(name: str, *, wants: Callable[[Event], bool]) -> None:
    """Make `name` hear every event saved from now on for which `wants(event)` is true.
    `wants` sees the unsaved event's fields (type, data, actor_id, complaint_id) only."""
    _CONSUMERS[name] = Consumer(name, wants)


def consumers() -> list[str]:
    return sorted(_CONSUMERS)


def events_save(events: Iterable[Event]) -> list[Event]:
    """Insert events and their outbox entries, in the caller's transaction (or one of its
    own). The only way events are written."""
    rows = list(events)
    if not rows:
        return rows
    with transaction.atomic():
        Event.objects.bulk_create(rows)
        OutboxEntry.objects.bulk_create(
            OutboxEntry(consumer=consumer.name, event_id=event.pk)
            for event in rows
            for consumer in _CONSUMERS.values()
            if consumer.wants(event)
        )
    return rows


def outbox_consume(
    consumer: str,
    handle: Callable[[list[Event]], int],
    *,
    batch: int = 500,
    related: tuple[str, ...] = (),
) -> int:
    """Claim up to `batch` of the consumer's waiting events (oldest first), call `handle` with
    them inside this transaction, and remove the claimed entries. Returns what `handle`
    returns (0 when nothing was waiting). If `handle` raises, nothing is claimed."""
    if consumer not in _CONSUMERS:
        raise LookupError(f"no outbox consumer {consumer!r}")
    with transaction.atomic():
        waiting = OutboxEntry.objects.filter(consumer=consumer).order_by("event_id")
        if connection.features.has_select_for_update_skip_locked:
            waiting = waiting.select_for_update(skip_locked=True)
        claimed = list(waiting.values_list("pk", "event_id")[:batch])
        if not claimed:
            return 0
        events = Event.objects.filter(pk__in=[event_id for _, event_id in claimed])
        if related:
            events = events.select_related(*related)
        result = handle(list(events.order_by("pk")))
        OutboxEntry.objects.filter(pk__in=[pk for pk, _ in claimed]).delete()
        return result


def outbox_waiting(consumer: str) -> int:
    """How many events the consumer has not handled yet (for health and metrics)."""
    return OutboxEntry.objects.filter(consumer=consumer).count()


def outbox_has_waiting(consumer: str) -> bool:
    return OutboxEntry.objects.filter(consumer=consumer).exists()
