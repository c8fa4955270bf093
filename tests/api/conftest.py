from __future__ import annotations

import socket
from collections.abc import Iterator
from ipaddress import ip_address
from typing import Any

import pytest
from django.core.cache import cache

from seva.api.webhooks import destinations

# The X double and its world, for the reply test (defined with the channel tests).
from tests.channels.conftest import double, x

__all__ = ["double", "x"]

# Webhook URLs are looked up when saved and when sent; tests never ask a DNS server. Names
# resolve from this table; address literals and localhost resolve as usual (no network).
TEST_DNS = {
    "example.com": ["93.184.215.14"],
    "hooks.partner.example": ["93.184.215.34"],
    "inside.partner.example": ["10.20.30.40"],
}


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> Iterator[None]:
    # The rate limit counts live in the cache; each test starts with none.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _no_real_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    real = destinations.resolve

    def resolve(host: str, port: int) -> Any:
        if host in TEST_DNS:
            return [ip_address(a) for a in TEST_DNS[host]]
        if host != "localhost":
            try:  # an address in any spelling the C library reads (127.1, 2130706433)
                socket.getaddrinfo(host, port, flags=socket.AI_NUMERICHOST)
            except socket.gaierror:
                raise socket.gaierror(f"{host}: tests never ask a DNS server") from None
        return real(host, port)

    monkeypatch.setattr(destinations, "resolve", resolve)
