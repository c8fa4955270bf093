"""Every consumer of the event log hears each event it wants exactly once (the outbox), even
when transactions commit out of id order on PostgreSQL."""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from typing import Any

import pytest
from django.db import connections, transaction

from seva.api.models import WebhookDelivery, WebhookSubscription
from seva.api.webhooks.recording import webhook_deliveries_from_events
from seva.channels.replies import replies_from_events
from seva.command.models import UnitDayStat
from seva.command.services import rollup_refresh
from seva.complaints import outbox
from seva.complaints.models import Event, OutboxEntry
from seva.complaints.services import complaint_act
from seva.complaints.statuses import Status
from tests.complaints.helpers import register


@pytest.fixture
def probe(monkeypatch: Any) -> Counter[int]:
    """A consumer that wants every event and counts how often it is handed each one."""
    seen: Counter[int] = Counter()
    monkeypatch.setitem(outbox._CONSUMERS, "probe", outbox.Consumer("probe", lambda e: True))
    return seen


def _drain(seen: Counter[int]) -> int:
    def handle(events: list[Event]) -> int:
        seen.update(event.pk for event in events)
        return len(events)

    return outbox.outbox_consume("probe", handle, batch=7)


def test_each_event_is_handed_over_once(world: Any, probe: Counter[int]) -> None:
    complaint = register(world.lucknow)
    complaint_act(actor=world.lucknow_officer, code=complaint.code, to=Status.IN_PROCESS)
    while _drain(probe):
        pass
    assert set(probe) == set(Event.objects.values_list("pk", flat=True))
    assert set(probe.values()) == {1}
    assert not OutboxEntry.objects.filter(consumer="probe").exists()


def test_a_failing_consumer_claims_nothing(world: Any, probe: Counter[int]) -> None:
    register(world.lucknow)

    def broken(events: list[Event]) -> int:
        raise RuntimeError("the consumer broke")

    with pytest.raises(RuntimeError):
        outbox.outbox_consume("probe", broken)
    assert OutboxEntry.objects.filter(consumer="probe").count() == Event.objects.count()


def test_consumers_take_only_what_they_want(world: Any) -> None:
    complaint = register(world.lucknow)
    complaint_act(actor=world.lucknow_officer, code=complaint.code, to=Status.IN_PROCESS)
    wanted = Counter(OutboxEntry.objects.values_list("consumer", flat=True))
    events = Event.objects.count()
    assert wanted["webhooks"] == events
    assert wanted["replies"] == 0  # In-process tells the citizen nothing
    complaint_act(actor=world.lucknow_officer, code=complaint.code, to=Status.CLOSED, note="done")
    assert OutboxEntry.objects.filter(consumer="replies").count() == 1


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_an_event_committed_after_a_later_one_was_read_is_not_skipped() -> None:
    """Two officers act at once; the first one's events get the lower ids but commit last.
    (Consumers that tailed the log by id skipped them for good.)"""
    from tests.personas import build_world

    world = build_world()
    webhook_deliveries_from_events()  # the recorder is running
    WebhookSubscription.objects.create(name="partner", url="http://127.0.0.1:9/", secret="s")
    ids_taken, go, done = threading.Event(), threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def slow_officer() -> None:
        try:
            with transaction.atomic():
                # Agra: the Lucknow registration below must not wait on this one's code counter.
                register(world.agra, external_user_id="slow")
                ids_taken.set()
                go.wait(30)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()
            done.set()

    thread = threading.Thread(target=slow_officer)
    thread.start()
    assert ids_taken.wait(30)
    fast = register(world.lucknow, external_user_id="fast")  # higher ids, committed first
    assert webhook_deliveries_from_events() == fast.events.count()
    assert rollup_refresh() == 1
    go.set()
    assert done.wait(30)
    thread.join()
    assert not errors
    webhook_deliveries_from_events()
    rollup_refresh()
    assert WebhookDelivery.objects.count() == Event.objects.count()
    received = UnitDayStat.objects.filter(unit=world.hq).values_list("received", flat=True)
    assert sum(received) == 2


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_many_officers_and_many_consumers_at_once(monkeypatch: Any) -> None:
    """Eight writers commit in random order while three consumer threads claim concurrently:
    every event reaches the probe exactly once, and every event gets its one delivery."""
    from tests.personas import build_world

    seen: Counter[int] = Counter()
    lock = threading.Lock()

    def handle(events: list[Event]) -> int:
        with lock:
            seen.update(event.pk for event in events)
        return len(events)

    monkeypatch.setitem(outbox._CONSUMERS, "probe", outbox.Consumer("probe", lambda e: True))
    world = build_world()
    WebhookSubscription.objects.create(name="partner", url="http://127.0.0.1:9/", secret="s")
    codes = [
        [register(world.lucknow, external_user_id=f"{i}-{n}").code for n in range(5)]
        for i in range(8)
    ]
    writers_done = threading.Event()
    errors: list[BaseException] = []

    def writer(index: int) -> None:
        rng = random.Random(index)
        try:
            for code in codes[index]:
                with transaction.atomic():
                    complaint_act(actor=world.lucknow_officer, code=code, to=Status.IN_PROCESS)
                    time.sleep(rng.random() / 50)  # hold the ids a while: commits interleave
                    complaint_act(
                        actor=world.lucknow_officer, code=code, to=Status.CLOSED, note="done"
                    )
                    time.sleep(rng.random() / 50)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    def consumer() -> None:
        try:
            names = ("probe", "webhooks", "replies")
            while True:
                finished = writers_done.is_set()
                outbox.outbox_consume("probe", handle, batch=5)
                webhook_deliveries_from_events(batch=5)
                replies_from_events(batch=5)
                if finished and not any(outbox.outbox_has_waiting(name) for name in names):
                    return
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    writers = [threading.Thread(target=writer, args=(i,)) for i in range(8)]
    consumers = [threading.Thread(target=consumer) for _ in range(3)]
    for thread in writers + consumers:
        thread.start()
    for thread in writers:
        thread.join()
    writers_done.set()
    for thread in consumers:
        thread.join()
    assert not errors
    events = set(Event.objects.values_list("pk", flat=True))
    assert set(seen) == events
    assert set(seen.values()) == {1}
    assert WebhookDelivery.objects.count() == len(events)
    assert not OutboxEntry.objects.filter(consumer__in=["probe", "webhooks", "replies"]).exists()
