"""Who is calling: a Bearer token checked against `ApiToken`, and a per-token rate limit.

A person token makes the request act as that person, so every endpoint is scoped by exactly
the same `seva.directory.access` functions as the desk. A submitter key acts as nobody and
may only file complaints.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest
from ninja.security import HttpBearer
from ninja.throttling import SimpleRateThrottle

from seva.api.models import ApiToken, TokenKind
from seva.api.tokens import api_token_check
from seva.core.errors import NotAllowed


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


class TokenRateThrottle(SimpleRateThrottle):
    """`SEVA_API_RATE_LIMIT` requests per token (per client address before authentication).
    Counts live in Django's cache: per process with the default local-memory cache, shared
    when a deployment configures a shared cache."""

    scope = "seva-api"

    def __init__(self) -> None:
        super().__init__(rate=str(settings.SEVA_API_RATE_LIMIT))

    def allow_request(self, request: HttpRequest) -> bool:
        # Read the setting on each request so a deployment (or a test) can change it.
        self.num_requests, self.duration = self.parse_rate(str(settings.SEVA_API_RATE_LIMIT))
        return super().allow_request(request)

    def get_cache_key(self, request: HttpRequest) -> str | None:
        token = getattr(request, "auth", None)
        ident = (
            f"token-{token.digest[:24]}" if isinstance(token, ApiToken) else self.get_ident(request)
        )
        return f"throttle_{self.scope}_{ident}"
