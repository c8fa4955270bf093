"""Webhooks never reach this machine or a private network: refused when a subscription is saved,
and again at send time after DNS, before any connection; only the receiver's status is kept."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from ipaddress import ip_address

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from seva.api.models import DeliveryState, WebhookDelivery, WebhookSubscription
from seva.api.webhooks import destinations
from seva.api.webhooks.destinations import address_refusal, webhook_url_validate
from seva.api.webhooks.recording import webhook_deliveries_from_events
from seva.api.webhooks.sending import webhook_send_due
from tests.api.receiver import Receiver
from tests.complaints.helpers import register
from tests.personas import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@contextmanager
def listener() -> Iterator[socket.socket]:
    """A socket listening on 127.0.0.1 that nobody should connect to."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        sock.setblocking(False)
        yield sock


def assert_nobody_connected(sock: socket.socket) -> None:
    # A connect() completes in the kernel before the sender moves on, so a connection made
    # during the send would be waiting here already.
    with pytest.raises(BlockingIOError):
        sock.accept()


def _one_delivery(world, url: str) -> WebhookDelivery:
    webhook_deliveries_from_events()
    # Made directly, as a row saved before this check existed (the admin would refuse it).
    WebhookSubscription.objects.create(
        name="app", url=url, secret="s", event_types=["complaint.registered"]
    )
    register(world.lucknow)
    webhook_deliveries_from_events()
    return WebhookDelivery.objects.get()


def test_a_loopback_receiver_is_refused_before_any_connection(world, settings):
    settings.SEVA_WEBHOOK_ALLOW_HOSTS = []
    settings.SEVA_WEBHOOK_TIMEOUT_SECONDS = 0.5
    with listener() as sock:
        port = sock.getsockname()[1]
        delivery = _one_delivery(world, f"http://127.0.0.1:{port}/hook")
        outcomes = webhook_send_due()
        assert_nobody_connected(sock)
    assert outcomes == {"dead": 1}
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.DEAD
    assert delivery.last_error == "refused: 127.0.0.1, a loopback address"
    assert delivery.last_status is None


@pytest.mark.parametrize("host", ["localhost", "[::1]", "[::ffff:127.0.0.1]", "127.1"])
def test_other_spellings_of_this_machine_are_refused_too(world, settings, host):
    settings.SEVA_WEBHOOK_ALLOW_HOSTS = []
    with listener() as sock:
        port = sock.getsockname()[1]
        _one_delivery(world, f"http://{host}:{port}/hook")
        assert webhook_send_due() == {"dead": 1}
        assert_nobody_connected(sock)
    assert WebhookDelivery.objects.get().last_error.startswith("refused:")


def test_a_name_that_turns_into_loopback_after_saving_is_refused_at_send_time(
    world, settings, monkeypatch
):
    # DNS rebinding: the name was public when saved and points inside when sent.
    settings.SEVA_WEBHOOK_ALLOW_HOSTS = []
    lookups: list[str] = []

    def resolve(host, port):
        lookups.append(host)
        return [ip_address("93.184.215.34" if len(lookups) == 1 else "127.0.0.1")]

    monkeypatch.setattr(destinations, "resolve", resolve)
    with listener() as sock:
        port = sock.getsockname()[1]
        webhook_deliveries_from_events()
        subscription = WebhookSubscription(
            name="app",
            url=f"http://rebind.example:{port}/hook",
            secret="s",
            event_types=["complaint.registered"],
        )
        subscription.full_clean()
        subscription.save()
        register(world.lucknow)
        webhook_deliveries_from_events()
        assert webhook_send_due() == {"dead": 1}
        assert_nobody_connected(sock)
    assert lookups == ["rebind.example", "rebind.example"]  # saved, then sent
    assert WebhookDelivery.objects.get().last_error == (
        "refused: rebind.example resolves to 127.0.0.1, a loopback address"
    )


def test_the_connection_goes_to_the_address_checked_not_to_a_new_lookup(
    world, settings, monkeypatch
):
    # An allowed intranet name: the sender looks it up once (our resolver), then connects to
    # that address; a second lookup of the name by anyone else would fail here.
    settings.SEVA_WEBHOOK_ALLOW_HOSTS = ["hooks.intranet.example"]
    monkeypatch.setattr(destinations, "resolve", lambda host, port: [ip_address("127.0.0.1")])
    real = socket.getaddrinfo

    def numbers_only(host, *args, **kwargs):
        ip_address(str(host))  # ValueError for a name
        return real(host, *args, **kwargs)

    with Receiver() as receiver:
        port = int(receiver.url.rsplit(":", 1)[1].split("/")[0])
        delivery = _one_delivery(world, f"http://hooks.intranet.example:{port}/hook")
        monkeypatch.setattr(socket, "getaddrinfo", numbers_only)
        assert webhook_send_due() == {"sent": 1}
    (received,) = receiver.received
    assert received.headers["Host"] == f"hooks.intranet.example:{port}"
    delivery.refresh_from_db()
    assert (delivery.state, delivery.last_status) == (DeliveryState.SENT, 200)


def test_only_the_status_is_kept_never_the_answer(world, settings):
    settings.SEVA_WEBHOOK_ALLOW_HOSTS = ["127.0.0.1"]
    with Receiver(script=[500]) as receiver:
        delivery = _one_delivery(world, receiver.url)
        assert webhook_send_due() == {"failed": 1}
    delivery.refresh_from_db()
    assert (delivery.last_status, delivery.last_error) == (500, "HTTP 500")


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),  # cloud metadata
        ("100.64.0.1", "not public"),  # carrier-grade NAT
        ("0.0.0.0", "unspecified"),  # noqa: S104 (an address to refuse, not to bind)
        ("224.0.0.1", "multicast"),
        ("255.255.255.255", "private"),
        ("240.0.0.1", "private"),
        ("192.0.0.8", "reserved"),
        ("198.18.0.1", "private"),
        ("192.0.2.1", "private"),  # documentation
        ("::1", "loopback"),
        ("::", "unspecified"),
        ("fe80::1", "link-local"),
        ("fd00::1", "private"),
        ("fec0::1", "site-local"),
        ("ff02::1", "multicast"),
        ("::ffff:127.0.0.1", "loopback"),  # IPv4-mapped
        ("::ffff:10.0.0.1", "private"),
        ("2002:7f00:1::", "loopback"),  # 6to4 carrying 127.0.0.1
        ("64:ff9b::a00:1", "private"),  # NAT64 carrying 10.0.0.1
        ("::7f00:1", "reserved"),  # IPv4-compatible
        ("2001:db8::1", "private"),
        ("8.8.8.8", ""),
        ("93.184.215.14", ""),
        ("2606:4700:4700::1111", ""),
        ("::ffff:8.8.8.8", ""),
    ],
)
def test_which_addresses_are_refused(address, reason):
    assert address_refusal(ip_address(address)) == reason


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/hook",
        "http://localhost:8000/hook",
        "http://[::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://169.254.169.254/latest/meta-data/",
        "https://10.0.0.5/hook",
        "http://inside.partner.example/hook",  # a name that resolves inside
        "http://nowhere.example/hook",  # does not resolve
        "ftp://example.com/hook",
    ],
)
def test_saving_refuses_inside_addresses(settings, url):
    settings.SEVA_WEBHOOK_ALLOW_HOSTS = []
    with pytest.raises(ValidationError):
        webhook_url_validate(url)


def test_saving_accepts_public_hosts_and_allowed_ones(settings):
    settings.SEVA_WEBHOOK_ALLOW_HOSTS = []
    webhook_url_validate("https://example.com/hook")
    webhook_url_validate("https://93.184.215.14:8443/hook")
    settings.SEVA_WEBHOOK_ALLOW_HOSTS = ["inside.partner.example", "192.168.5.0/24"]
    webhook_url_validate("http://inside.partner.example/hook")
    webhook_url_validate("http://192.168.5.20/hook")
    with pytest.raises(ValidationError):
        webhook_url_validate("http://192.168.6.20/hook")


def test_the_admin_refuses_an_inside_address(world, settings):
    settings.SEVA_WEBHOOK_ALLOW_HOSTS = []
    client = Client()
    assert sign_in(client, world.administrator).status_code == 302
    form = {"name": "x", "secret": "s", "event_types": "[]", "is_active": "on"}
    refused = client.post(
        "/admin/api/webhooksubscription/add/", {**form, "url": "http://169.254.169.254/"}
    )
    assert refused.status_code == 200
    assert "link-local" in refused.content.decode()
    assert not WebhookSubscription.objects.exists()
    accepted = client.post(
        "/admin/api/webhooksubscription/add/", {**form, "url": "https://example.com/hook"}
    )
    assert accepted.status_code == 302
    assert WebhookSubscription.objects.get().url == "https://example.com/hook"
