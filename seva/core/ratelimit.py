"""Fixed-window rate limits per client, counted in the database.

A limit allows `requests` per `seconds` for each client (by IP address) and scope ("track",
"complain"). The count lives in `RateCounter` rows, so every web process behind the proxy
shares it and nothing needs configuring beyond `migrate`; the increment is one
`UPDATE … SET count = count + 1`, atomic on SQLite and PostgreSQL alike (Django's database
cache, the other candidate, increments with a read and a write that race). A larger
deployment that wants these writes off the database can swap `ratelimit_hit`'s storage.

Client addresses are never stored: the key holds a keyed hash of the address. Behind a reverse
proxy the address is read from the header named by SEVA_CLIENT_IP_HEADER (the right-most
entry, the one the trusted proxy wrote); without that setting the header is ignored, since any
client can send it.

`tracking_limit()` is the one limit on finding out whether a complaint code exists: every
public path that answers differently for a code that exists and one that does not (the
tracking page and its JSON, `/api/track`, the page after the web form, Open311's requests by
id and its public list) counts against it, so a client cannot guess codes faster by switching
doors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import salted_hmac

from seva.core.models import RateCounter
from seva.core.timeutil import now


@dataclass(frozen=True)
class RateLimit:
    scope: str
    requests: int  # allowed per window; 0 turns the limit off
    seconds: int


@dataclass(frozen=True)
class RateVerdict:
    allowed: bool
    count: int  # requests seen in this window, this one included
    retry_after: int  # seconds until the window ends


def client_address(request: HttpRequest) -> str:
    """The client's IP address: the trusted proxy's header when configured, else the socket's."""
    header = str(getattr(settings, "SEVA_CLIENT_IP_HEADER", ""))
    if header:
        value = str(request.META.get("HTTP_" + header.upper().replace("-", "_"), ""))
        nearest = value.split(",")[-1].strip()
        if nearest:
            return nearest
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def tracking_limit() -> RateLimit:
    """SEVA_TRACK_RATE_LIMIT look-ups of complaint codes per client per minute (read per
    request, so a change applies at once)."""
    return RateLimit(scope="track", requests=int(settings.SEVA_TRACK_RATE_LIMIT), seconds=60)


def _key(scope: str, client: str) -> str:
    digest = salted_hmac("seva.core.ratelimit", client, algorithm="sha256").hexdigest()
    return f"{scope}:{digest[:40]}"


def ratelimit_hit(*, limit: RateLimit, client: str, cost: int = 1) -> RateVerdict:
    """Count one request of `client` against `limit` and say whether it is allowed. A request
    that does the work of several (`cost`, e.g. one look-up of many codes) counts as that many.
    Requests over the limit are counted too (a client hammering the page stays blocked until
    the window ends). Writes one row per client and window; opening a window removes expired
    rows."""
    if limit.requests <= 0:
        return RateVerdict(allowed=True, count=0, retry_after=0)
    at = now()
    epoch = int(at.timestamp())
    window = epoch - epoch % limit.seconds
    retry_after = max(window + limit.seconds - epoch, 1)
    key = _key(limit.scope, client)
    rows = RateCounter.objects.filter(key=key, window=window)
    with transaction.atomic():
        if not rows.update(count=F("count") + cost):
            try:
                with transaction.atomic():
                    RateCounter.objects.create(
                        key=key,
                        window=window,
                        count=cost,
                        expires_at=at + dt.timedelta(seconds=retry_after),
                    )
            except IntegrityError:  # another process opened the window first
                rows.update(count=F("count") + cost)
            else:
                RateCounter.objects.filter(expires_at__lt=at).delete()
        count = rows.values_list("count", flat=True).get()
    return RateVerdict(allowed=count <= limit.requests, count=count, retry_after=retry_after)


def too_many_requests(request: HttpRequest, verdict: RateVerdict) -> HttpResponse:
    """The plain answer when a view gives no page of its own."""
    return HttpResponse(
        f"Too many requests: try again in {verdict.retry_after} seconds.\n",
        status=429,
        content_type="text/plain; charset=utf-8",
    )


View = Callable[..., HttpResponse]


def rate_limited(
    limit: Callable[[], RateLimit],
    *,
    methods: frozenset[str] | None = None,
    on_limit: Callable[[HttpRequest, RateVerdict], HttpResponse] = too_many_requests,
) -> Callable[[View], View]:
    """Decorate a view: each request (of `methods`, default all) counts against `limit()`
    (read per request, so settings apply at once); over the limit the view is not called and
    `on_limit` answers, with status 429 and a Retry-After header."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if methods is None or request.method in methods:
                verdict = ratelimit_hit(limit=limit(), client=client_address(request))
                if not verdict.allowed:
                    response = on_limit(request, verdict)
                    response.status_code = 429
                    response["Retry-After"] = str(verdict.retry_after)
                    return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorate
