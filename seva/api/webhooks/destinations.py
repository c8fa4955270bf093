"""Where a webhook may go: to the public internet, never to this machine or a private network.

A subscription's URL is checked when it is saved (`webhook_url_validate`, a validator on the
model field, so every form and any future API path runs it) and again on every send, after DNS
resolution, by the HTTP client the sender uses (`webhook_http_client`): its connections go to
the address that was checked, never to a second lookup of the name, so DNS rebinding cannot
switch a public name to an inside address between the check and the connection.

Refused: every address Python's `ipaddress` does not call global (loopback, private, link-local,
shared 100.64/10, unspecified, reserved, documentation and benchmarking ranges), multicast,
IPv6 site-local, and the IETF protocol range 192.0.0.0/24. An IPv6 address that carries an
IPv4 one (IPv4-mapped `::ffff:a.b.c.d`, 6to4 `2002::/16`, NAT64 `64:ff9b::/96`) is judged by the
IPv4 address it carries. A name is refused when any of its addresses is.

SEVA_WEBHOOK_ALLOW_HOSTS lists host names, addresses or networks allowed anyway (a partner on
the force's intranet; the tests' receiver on 127.0.0.1).
"""

from __future__ import annotations

import ipaddress
import socket
import urllib.parse
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx
from django.conf import settings
from django.core.exceptions import ValidationError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_ALSO_REFUSED = [
    ipaddress.ip_network("192.0.0.0/24"),  # IETF protocol assignments (not all "private" in 3.12)
    ipaddress.ip_network("192.88.99.0/24"),  # the retired 6to4 relay anycast
]
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class DestinationRefused(Exception):
    """The URL's host is, or resolves to, an address webhooks must not reach."""


def _carried_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def address_refusal(address: IPAddress) -> str:
    """Why webhooks may not go to this address ("" when they may)."""
    if isinstance(address, ipaddress.IPv6Address):
        carried = _carried_ipv4(address)
        if carried is not None:
            return address_refusal(carried)
        if address.is_site_local:
            return "site-local"
    checks = [
        ("loopback", address.is_loopback),
        ("unspecified", address.is_unspecified),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("private", address.is_private),
        ("reserved", address.is_reserved or any(address in n for n in _ALSO_REFUSED)),
        ("not public", not address.is_global),
    ]
    return next((reason for reason, hit in checks if hit), "")


def _allowed(host: str, address: IPAddress) -> bool:
    for entry in settings.SEVA_WEBHOOK_ALLOW_HOSTS:
        entry = str(entry).strip().lower()
        if entry == host.lower():
            return True
        try:
            if address in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue  # a host name that is not this one
    return False


def resolve(host: str, port: int) -> list[IPAddress]:
    """The host's addresses, in the resolver's order (an address literal is its own)."""
    found: list[IPAddress] = []
    for *_, sockaddr in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
        address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if address not in found:
            found.append(address)
    return found


def destination_addresses(host: str, port: int) -> list[IPAddress]:
    """The addresses a webhook to `host` may connect to. Raises DestinationRefused when any of
    them is refused and not allowed, and OSError when the name does not resolve."""
    host = host.strip("[]")
    addresses = resolve(host, port)
    if not addresses:
        raise OSError(f"{host} has no address")
    for address in addresses:
        reason = address_refusal(address)
        if reason and not _allowed(host, address):
            shown = host if host == str(address) else f"{host} resolves to {address}"
            raise DestinationRefused(f"{shown}, a {reason} address")
    return addresses


def webhook_url_validate(url: str) -> None:
    """The save-time check: http or https, and a host webhooks may reach."""
    parts = urllib.parse.urlsplit(str(url))
    if parts.scheme not in ("http", "https"):
        raise ValidationError("Webhooks are sent over http or https.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise ValidationError("The port is not a number.") from exc
    if not parts.hostname:
        raise ValidationError("The URL names no host.")
    try:
        destination_addresses(parts.hostname, port)
    except DestinationRefused as exc:
        raise ValidationError(
            f"Webhooks may not go to {exc} (allow the host with SEVA_WEBHOOK_ALLOW_HOSTS)."
        ) from exc
    except (OSError, UnicodeError) as exc:
        raise ValidationError(f"The host {parts.hostname} cannot be resolved.") from exc


class _CheckedBackend(httpcore.NetworkBackend):
    """Opens each connection to an address `destination_addresses` checked, never to the name:
    TLS still verifies the certificate against the name (httpcore passes the URL's host as
    the server name)."""

    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            addresses = destination_addresses(host, port)
        except (OSError, UnicodeError) as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        failure: Exception = httpcore.ConnectError(f"cannot connect to {host}")
        for address in addresses:
            try:
                return self._inner.connect_tcp(
                    str(address), port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc  # try the host's next address, as a name lookup would
        raise failure

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> httpcore.NetworkStream:
        raise DestinationRefused("a unix socket")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _CheckedTransport(httpx.HTTPTransport):
    def __init__(self) -> None:
        super().__init__(trust_env=False)
        # httpx offers no network backend option, so its pool is rebuilt around ours; a test
        # (tests/api/test_webhook_destinations.py) fails if that stops being used.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            keepalive_expiry=5.0,
            network_backend=_CheckedBackend(),
        )


def webhook_http_client(timeout: float) -> httpx.Client:
    """The only client webhooks are sent with: checked addresses, no proxies from the
    environment (a proxy would connect on our behalf, unchecked), no redirects."""
    return httpx.Client(
        transport=_CheckedTransport(), timeout=timeout, follow_redirects=False, trust_env=False
    )
