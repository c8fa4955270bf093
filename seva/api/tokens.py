"""API tokens: issue (the secret is shown once), revoke, and check a presented secret.

Nobody obtains a credential that acts as someone else: a person token is issued by that
person, or by an administrator whose reach covers all of that person's memberships
(`access_may_act_for`), and it stops working once that is no longer true. Submitter keys, which
file complaints anywhere, are issued by root administrators. Every token records its issuer;
issuing and revoking are written to the access audit log (`seva.directory.audit`).

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
from seva.core.errors import InvalidInput, NotAllowed, NotFound
from seva.core.timeutil import now
from seva.directory.access import access_covers_person, access_may_act_for, admin_is_root
from seva.directory.audit import AuditType, audit_record

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


def api_token_issue_check(*, kind: str, user: User | None, issued_by: User | None) -> None:
    """May `issued_by` issue this token? NotAllowed if not. `None` is the server's command
    line, which is not checked: whoever runs manage.py there holds the database."""
    if issued_by is None:
        return
    if kind == TokenKind.SUBMITTER and not admin_is_root(issued_by):
        raise NotAllowed("only an administrator at the state HQ issues submitter keys")
    if kind == TokenKind.PERSON and (user is None or not access_may_act_for(issued_by, user)):
        raise NotAllowed(
            "a person token is issued by that person or by an administrator of all their units"
        )


@transaction.atomic
def api_token_issue(
    *, name: str, kind: str = TokenKind.PERSON, user: User | None, issued_by: User | None
) -> IssuedToken:
    """Create a token and return it with its secret (the only time the secret exists).

    Raises InvalidInput for a missing name or person and NotAllowed when `issued_by` may not
    issue it (`api_token_issue_check`). Records `token.issued` in the audit log.
    """
    name = name.strip()
    if not name:
        raise InvalidInput("a token needs a name", field="name")
    if kind not in TokenKind.values:
        raise InvalidInput(f"unknown token kind {kind!r}", field="kind")
    if kind == TokenKind.PERSON and user is None:
        raise InvalidInput("a person token needs a person", field="user")
    if kind == TokenKind.SUBMITTER:
        user = None  # a submitter acts as nobody
    api_token_issue_check(kind=kind, user=user, issued_by=issued_by)
    secret = token_secret_new()
    token = ApiToken.objects.create(
        name=name[:80],
        kind=kind,
        user=user,
        issued_by=issued_by,
        prefix=secret[:12],
        digest=token_digest(secret),
        created_at=now(),
    )
    audit_record(
        type=AuditType.TOKEN_ISSUED, actor=issued_by, person=user, data=_token_values(token)
    )
    return IssuedToken(token=token, secret=secret)


def api_token_revoke(*, token_id: int, actor: User | None) -> ApiToken:
    """Revoke a token for good (idempotent: revoking twice keeps the first time).

    `actor` is the person revoking (None: the command line). They may revoke what they could
    issue: their own tokens, those of people in their administration, and (root
    administrators) submitter keys; any other token is NotFound, like a missing one. Records
    `token.revoked` in the audit log the first time.
    """
    token = ApiToken.objects.select_related("user").filter(pk=token_id).first()
    if token is None:
        raise NotFound(f"no token {token_id}")
    if actor is not None and not (
        access_covers_person(actor, token.user) if token.user else admin_is_root(actor)
    ):
        raise NotFound(f"no token {token_id}")
    with transaction.atomic():
        changed = ApiToken.objects.filter(pk=token_id, revoked_at__isnull=True).update(
            revoked_at=now()
        )
        if changed:
            audit_record(
                type=AuditType.TOKEN_REVOKED,
                actor=actor,
                person=token.user,
                data=_token_values(token),
            )
    token.refresh_from_db()
    return token


def _issuer_still_covers(token: ApiToken) -> bool:
    """A token an administrator issued for someone else works only while the administrator
    may still act for them (two small queries, for such tokens alone)."""
    issuer, person = token.issued_by, token.user
    if issuer is None or person is None or issuer.pk == person.pk:
        return True
    return access_may_act_for(issuer, person)


def _token_values(token: ApiToken) -> dict[str, object]:
    return {"token": token.pk, "name": token.name, "kind": token.kind, "prefix": token.prefix}


def api_token_check(secret: str) -> ApiToken | None:
    """The live token for this secret, or None: unknown, revoked, or its person deactivated
    (a deactivated person's token stops working at once, without being revoked), or issued by
    someone else who may no longer act for the person (the issuer lost the role, or the person
    now holds memberships beyond the issuer's reach)."""
    if not secret.startswith(SECRET_PREFIX) or len(secret) > 100:
        return None
    token = (
        ApiToken.objects.select_related("user", "issued_by")
        .filter(digest=token_digest(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None:
        return None
    if token.kind == TokenKind.PERSON and (token.user is None or not token.user.is_active):
        return None
    if not _issuer_still_covers(token):
        return None
    at = now()
    if token.last_used_at is None or at - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=at)
        token.last_used_at = at
    return token
