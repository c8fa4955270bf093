"""Webhooks against a real receiver on 127.0.0.1: recorded from events before sending, signed,
retried with backoff, given up on, and never sent inside a transaction."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction

from seva.api.models import DeliveryState, WebhookDelivery, WebhookSubscription
from seva.api.webhooks.recording import webhook_deliveries_from_events
from seva.api.webhooks.sending import webhook_backoff, webhook_send_due
from seva.api.webhooks.signing import signature_header, signature_verify
from seva.complaints.services import complaint_act
from seva.complaints.statuses import Status
from tests.api.receiver import Receiver
from tests.complaints.helpers import register

SECRET = "s3cret-shared-with-the-receiver"
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _local_receiver_allowed(settings):
    # The receiver listens on 127.0.0.1, an address webhooks are refused unless allowed.
    settings.SEVA_WEBHOOK_ALLOW_HOSTS = ["127.0.0.1"]


def _subscribe(url: str, **extra) -> WebhookSubscription:
    webhook_deliveries_from_events()  # the worker has started: its cursor is at the log's end
    return WebhookSubscription.objects.create(name="district app", url=url, secret=SECRET, **extra)


def _later(minutes: float):
    return time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=minutes))


def test_events_are_recorded_then_sent_signed(world):
    with Receiver() as receiver:
        _subscribe(receiver.url, event_types=["status.changed"])
        complaint = register(world.lucknow)
        assert webhook_deliveries_from_events() == 1  # registered → forwarded
        assert webhook_deliveries_from_events() == 0  # the cursor moved on
        complaint_act(actor=world.lucknow_officer, code=complaint.code, to=Status.IN_PROCESS)
        assert webhook_deliveries_from_events() == 1
        assert WebhookDelivery.objects.filter(state=DeliveryState.PENDING).count() == 2
        assert webhook_send_due()["sent"] == 2
    _first, second = receiver.received
    payload = json.loads(second.body)
    assert payload["event"]["type"] == "status.changed"
    assert payload["event"]["data"] == {"from": "forwarded", "to": "in_process"}
    assert payload["event"]["actor"] == "lucknow_officer"
    assert payload["complaint"]["code"] == complaint.code
    assert second.headers["X-Seva-Event"] == "status.changed"
    assert signature_verify(SECRET, second.headers["X-Seva-Signature"], second.body)
    assert not signature_verify("wrong secret", second.headers["X-Seva-Signature"], second.body)
    assert not signature_verify(SECRET, second.headers["X-Seva-Signature"], second.body + b" ")
    assert set(WebhookDelivery.objects.values_list("state", flat=True)) == {"sent"}


def test_the_worker_starts_from_now_and_a_subscription_hears_only_what_follows(world):
    register(world.lucknow)
    assert webhook_deliveries_from_events() == 0  # first run: the past is not sent
    with _later(-60):
        old = register(world.lucknow, external_user_id="2")
    WebhookSubscription.objects.create(name="late", url="http://127.0.0.1:9/", secret=SECRET)
    assert old.events.exists()
    register(world.lucknow, external_user_id="3")
    assert webhook_deliveries_from_events() == 3  # only the new complaint's three events


def test_unit_filter_sends_only_the_subtree(world):
    with Receiver() as receiver:
        _subscribe(receiver.url, unit=world.agra)
        register(world.lucknow)
        register(world.agra)
        webhook_deliveries_from_events()
        webhook_send_due()
    assert {json.loads(r.body)["complaint"]["unit"] for r in receiver.received} == {"D-118"}


def test_a_500_is_retried_with_backoff_then_succeeds(world):
    with Receiver(script=[500, 200]) as receiver:
        _subscribe(receiver.url, event_types=["complaint.registered"])
        register(world.lucknow)
        webhook_deliveries_from_events()
        assert webhook_send_due()["failed"] == 1
        delivery = WebhookDelivery.objects.get()
        assert (delivery.state, delivery.last_status, delivery.attempts) == ("failed", 500, 1)
        assert delivery.next_attempt_at > delivery.created_at + dt.timedelta(seconds=29)
        assert webhook_send_due() == {}  # not due yet
        with _later(1):
            assert webhook_send_due()["sent"] == 1
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.last_status) == ("sent", 2, 200)
    assert len(receiver.received) == 2
    assert webhook_backoff(1) < webhook_backoff(2) < webhook_backoff(3)
    assert webhook_backoff(40) == dt.timedelta(days=1)


def test_a_timeout_fails_and_after_max_attempts_it_is_dead(world, settings):
    settings.SEVA_WEBHOOK_TIMEOUT_SECONDS = 0.2
    settings.SEVA_WEBHOOK_MAX_ATTEMPTS = 2
    with Receiver(script=[1.0, 1.0]) as receiver:
        _subscribe(receiver.url, event_types=["complaint.registered"])
        register(world.lucknow)
        webhook_deliveries_from_events()
        assert webhook_send_due()["failed"] == 1
        assert "timed out" in WebhookDelivery.objects.get().last_error
        with _later(5):
            assert webhook_send_due()["dead"] == 1
    assert WebhookDelivery.objects.get().state == "dead"


def test_a_bad_url_is_dead_at_once_and_an_unreachable_one_does_not_block_others(world):
    with Receiver() as receiver:
        _subscribe("ftp://example.invalid/hook", event_types=["complaint.registered"])
        _subscribe("http://127.0.0.1:9/refused", event_types=["complaint.registered"])
        _subscribe(receiver.url, event_types=["complaint.registered"])
        register(world.lucknow)
        register(world.lucknow, external_user_id="2")
        assert webhook_deliveries_from_events() == 6
        outcomes = webhook_send_due()
    assert outcomes["sent"] == 2
    assert outcomes["dead"] == 2  # the ftp:// URL, both deliveries
    assert outcomes["failed"] == 1
    assert outcomes["skipped"] == 1
    assert len(receiver.received) == 2


def test_nothing_is_sent_inside_a_transaction(world):
    with Receiver() as receiver:
        _subscribe(receiver.url)
        register(world.lucknow)
        webhook_deliveries_from_events()
        with transaction.atomic(), pytest.raises(RuntimeError, match="outside"):
            webhook_send_due()
    assert receiver.received == []


def test_signature_format_and_replay_window():
    header = signature_header(SECRET, b"{}", timestamp=1_700_000_000)
    assert header.startswith("t=1700000000,v1=")
    assert len(header.split("v1=")[1]) == 64
    assert signature_verify(SECRET, header, b"{}", now=1_700_000_100)
    assert not signature_verify(SECRET, header, b"{}", now=1_700_001_000)
    assert not signature_verify(SECRET, "garbage", b"{}")


def test_the_command_records_and_sends_in_one_pass(world):
    with Receiver() as receiver:
        _subscribe(receiver.url, event_types=["complaint.registered"])
        register(world.lucknow)
        call_command("webhook_send", "--once")
    assert len(receiver.received) == 1
    assert WebhookDelivery.objects.get().state == "sent"
