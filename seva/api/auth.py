"""Who is calling: a Bearer token checked against `ApiToken`, and a per-token rate limit.

A person token makes the request act as that person, so every endpoint is scoped by exactly
the same `seva.directory.access` functions as the desk. A submitter key acts as nobody and
may only file complaints. Tokens are read from the Authorization header only, never from a
URL's query (which proxies and servers log); Open311's `api_key` takes submitter keys alone.
"""

from __future__ import annotations

import threading

from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest
from ninja.security import HttpBearer
from ninja.throttling import BaseThrottle

from seva.api.models import ApiToken, TokenKind
from seva.api.tokens import api_token_check
from seva.core.errors import NotAllowed
from seva.core.ratelimit import (
    RateLimit,
    RateVerdict,
    client_address,
    ratelimit_hit,
    tracking_limit,
)


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = api_token_check(token.strip())
        if found is not None and found.user is not None:
            request.user = found.user
        return found


def calling_token(request: HttpRequest) -> ApiToken:
    token = getattr(request, "auth", None)
    assert isinstance(token, ApiToken), "endpoint mounted without TokenAuth"
    return token


def acting_person(request: HttpRequest) -> User:
    """The person behind the token; a submitter key may not read or act (403)."""
    token = calling_token(request)
    if token.kind != TokenKind.PERSON or token.user is None:
        raise NotAllowed("a submitter key may only file complaints")
    return token.user


_SECONDS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hour": 3600, "d": 86400, "day": 86400}


def api_rate_limit() -> RateLimit:
    """SEVA_API_RATE_LIMIT ("600/min") as a limit; read per request so a change applies at once."""
    count, unit = str(settings.SEVA_API_RATE_LIMIT).split("/")
    return RateLimit(scope="api", requests=int(count), seconds=_SECONDS[unit])


class _LimitThrottle(BaseThrottle):
    """A ninja throttle counted by `seva.core.ratelimit`: in the database, so every web process
    shares the count, with client addresses kept only as keyed hashes and read from the
    trusted proxy's header alone (ninja's own throttle would believe any X-Forwarded-For)."""

    def __init__(self) -> None:
        self._last = threading.local()  # one instance serves every request thread

    def verdict(self, request: HttpRequest) -> RateVerdict:
        raise NotImplementedError

    def allow_request(self, request: HttpRequest) -> bool:
        verdict = self.verdict(request)
        self._last.retry_after = verdict.retry_after
        return verdict.allowed

    def wait(self) -> float | None:
        return float(getattr(self._last, "retry_after", 0)) or None


class TokenRateThrottle(_LimitThrottle):
    """`SEVA_API_RATE_LIMIT` requests per token (per client address before authentication)."""

    def verdict(self, request: HttpRequest) -> RateVerdict:
        token = getattr(request, "auth", None)
        client = f"token:{token.digest}" if isinstance(token, ApiToken) else client_address(request)
        return ratelimit_hit(limit=api_rate_limit(), client=client)


class TrackingThrottle(_LimitThrottle):
    """The tracking limit per client address, shared with the tracking page and every other
    door that tells whether a code exists (`seva.core.ratelimit.tracking_limit`)."""

    def verdict(self, request: HttpRequest) -> RateVerdict:
        return ratelimit_hit(limit=tracking_limit(), client=client_address(request))
