"""Rate limits per client: 429 with a page or JSON and Retry-After; proxies trusted only when
configured."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from seva.core.models import RateCounter
from seva.core.ratelimit import RateLimit, client_address, ratelimit_hit
from seva.public.forms import new_ref


@pytest.fixture
def client() -> Client:
    return Client()


def test_the_tracking_page_answers_429_over_the_limit(
    client: Client, db: None, settings: Any
) -> None:
    settings.SEVA_TRACK_RATE_LIMIT = 3
    for _ in range(3):
        assert client.get("/track/").status_code == 200
    response = client.get("/track/")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "Too many requests" in response.content.decode()
    data = client.get("/track/LKN-261122-042-7.json").json()
    assert data["error"] == "rate_limited"
    other = Client(REMOTE_ADDR="10.0.0.9")  # another client is not affected
    assert other.get("/track/").status_code == 200


def test_the_form_counts_submissions_only(client: Client, world: Any, settings: Any) -> None:
    settings.SEVA_COMPLAIN_RATE_LIMIT = 1
    for _ in range(3):
        assert client.get("/complain/").status_code == 200
    body = {"text": "bike chori", "district": "D-162", "ref": new_ref()}
    assert client.post("/complain/", body).status_code == 302
    response = client.post("/complain/", {**body, "ref": new_ref()})
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert "112" in response.content.decode()


def test_zero_turns_a_limit_off(db: None) -> None:
    limit = RateLimit(scope="t", requests=0, seconds=60)
    assert all(ratelimit_hit(limit=limit, client="1.2.3.4").allowed for _ in range(5))
    assert not RateCounter.objects.exists()


def test_addresses_are_not_stored(db: None) -> None:
    ratelimit_hit(limit=RateLimit(scope="t", requests=5, seconds=60), client="203.0.113.7")
    assert "203.0.113.7" not in RateCounter.objects.get().key


def test_the_proxy_header_is_ignored_unless_configured(rf: Any, settings: Any) -> None:
    request = rf.get("/", HTTP_X_FORWARDED_FOR="1.1.1.1, 2.2.2.2", REMOTE_ADDR="10.0.0.1")
    settings.SEVA_CLIENT_IP_HEADER = ""
    assert client_address(request) == "10.0.0.1"
    settings.SEVA_CLIENT_IP_HEADER = "X-Forwarded-For"
    assert client_address(request) == "2.2.2.2"  # the entry our proxy added


def test_a_new_window_starts_afresh_and_old_rows_go(db: None, monkeypatch: Any) -> None:
    import datetime as dt

    from seva.core import ratelimit

    start = dt.datetime(2026, 11, 30, 10, 0, 5, tzinfo=dt.UTC)
    limit = RateLimit(scope="t", requests=1, seconds=60)
    monkeypatch.setattr(ratelimit, "now", lambda: start)
    assert ratelimit_hit(limit=limit, client="a").allowed
    assert not ratelimit_hit(limit=limit, client="a").allowed
    monkeypatch.setattr(ratelimit, "now", lambda: start + dt.timedelta(minutes=1))
    assert ratelimit_hit(limit=limit, client="a").allowed
    assert RateCounter.objects.count() == 1  # the expired window was removed
