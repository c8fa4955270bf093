"""API tokens: issue (the secret is shown once), revoke, and check a presented secret.

A secret is `seva_` + 32 random bytes (URL-safe base64). Only its SHA-256 digest is stored: the
secret has 256 bits of entropy, so a fast hash is enough (no password stretching needed), and a
lookup is one indexed equality query.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction

from seva.api.models import ApiToken, TokenKind
from seva.core.errors import InvalidInput, NotFound
from seva.core.timeutil import now

SECRET_PREFIX = "seva_"  # noqa: S105 - a marker, not a secret
# last_used_at is written at most this often per token, not on every request.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # shown once; never stored


def token_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def token_secret_new() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


@transaction.atomic
def api_token_issue(*, name: str, kind: str = TokenKind.PERSON, user: User | None) -> IssuedToken:
    """Create a token and return it with its secret (the only time the secret exists)."""
    name = name.strip()
    if not name:
        raise InvalidInput("a token needs a name", field="name")
    if kind not in TokenKind.values:
        raise InvalidInput(f"unknown token kind {kind!r}", field="kind")
    if kind == TokenKind.PERSON and user is None:
        raise InvalidInput("a person token needs a person", field="user")
    if kind == TokenKind.SUBMITTER:
        user = None  # a submitter acts as nobody
    secret = token_secret_new()
    token = ApiToken.objects.create(
        name=name[:80],
        kind=kind,
        user=user,
        prefix=secret[:12],
        digest=token_digest(secret),
        created_at=now(),
    )
    return IssuedToken(token=token, secret=secret)


def api_token_revoke(*, token_id: int) -> ApiToken:
    """Revoke a token for good (idempotent: revoking twice keeps the first time)."""
    token = ApiToken.objects.filter(pk=token_id).first()
    if token is None:
        raise NotFound(f"no token {token_id}")
    ApiToken.objects.filter(pk=token_id, revoked_at__isnull=True).update(revoked_at=now())
    token.refresh_from_db()
    return token


def api_token_check(secret: str) -> ApiToken | None:
    """The live token for this secret, or None: unknown, revoked, or its person deactivated
    (a deactivated person's token stops working at once, without being revoked)."""
    if not secret.startswith(SECRET_PREFIX) or len(secret) > 100:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None:
        return None
    if token.kind == TokenKind.PERSON and (token.user is None or not token.user.is_active):
        return None
    at = now()
    if token.last_used_at is None or at - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=at)
        token.last_used_at = at
    return token
