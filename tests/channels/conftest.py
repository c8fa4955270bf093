"""Channel tests run against the X double over real HTTP on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from seva.channels.models import ChannelAccount
from seva.channels.services.health import accounts_ensure
from seva.channels.x.adapter import XAdapter, x_adapter
from seva.channels.x.double.server import DoubleServer
from seva.directory.models import SocialHandle


@pytest.fixture
def double() -> Iterator[DoubleServer]:
    server = DoubleServer(accounts=["Uppolice"]).start()
    yield server
    server.stop()


@dataclass
class XWorld:
    """The test world plus our X account, wired to the double."""

    world: Any
    double: DoubleServer
    account: ChannelAccount

    def post(self, text: str, *, username: str = "citizen1", **extra: Any) -> dict[str, Any]:
        body = {"author": {"username": username, "name": username.title()}, "text": text, **extra}
        response = httpx.post(f"{self.double.url}/_double/posts", json=body)
        response.raise_for_status()
        return dict(response.json()["data"])

    def dm(self, text: str, *, username: str = "citizen1") -> dict[str, Any]:
        body = {"sender": {"username": username}, "text": text, "to": "Uppolice"}
        response = httpx.post(f"{self.double.url}/_double/dms", json=body)
        response.raise_for_status()
        return dict(response.json()["data"])

    def faults(self, *faults: dict[str, Any]) -> None:
        httpx.post(f"{self.double.url}/_double/faults", json=list(faults)).raise_for_status()

    def replies(self) -> list[dict[str, Any]]:
        return list(httpx.get(f"{self.double.url}/_double/replies").json()["data"])

    def adapter(self) -> XAdapter:
        adapter = x_adapter(self.account)
        adapter.client.sleep = lambda seconds: None  # backoff without waiting in tests
        return adapter


@pytest.fixture
def x(world: Any, double: DoubleServer, settings: Any) -> XWorld:
    settings.SEVA_X_API_BASE_URL = double.url
    settings.SEVA_X_ACCESS_TOKEN = "test-token"
    settings.SEVA_X_CONSUMER_SECRET = "test-secret"
    settings.SITE_URL = "https://seva.example"
    ours = double.world.account("Uppolice")
    SocialHandle.objects.create(
        handle="uppolice", unit=world.hq, is_monitored=True, external_user_id=ours["id"]
    )
    SocialHandle.objects.create(handle="lucknowpolice", unit=world.lucknow)
    (account,) = accounts_ensure()
    return XWorld(world=world, double=double, account=account)
