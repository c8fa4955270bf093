"""Services that change the org directory: units, handles and memberships."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr

from seva.core.errors import InvalidInput
from seva.directory.models import (
    ALLOWED_PARENT_KINDS,
    Membership,
    Platform,
    Role,
    SocialHandle,
    Unit,
    UnitKind,
)


def _path_for(code: str, parent: Unit | None) -> str:
    return f"{parent.path if parent else '/'}{code}/"


def _check_parent(kind: str, parent: Unit | None) -> None:
    allowed = ALLOWED_PARENT_KINDS[UnitKind(kind)]
    if parent is None and allowed:
        raise InvalidInput(f"a {kind} needs a parent unit", field="parent")
    if parent is not None and parent.kind not in allowed:
        raise InvalidInput(f"a {kind} cannot sit under a {parent.kind}", field="parent")


def unit_create(
    *,
    kind: str,
    code: str,
    name_en: str,
    parent: Unit | None,
    name_hi: str = "",
    code_prefix: str = "",
    lgd_code: int | None = None,
    aliases: list[str] | None = None,
    attributes: dict[str, Any] | None = None,
) -> Unit:
    """Create a unit under `parent`. Raises InvalidInput for a bad code or placement."""
    code = code.strip()
    if not code or "/" in code or " " in code:
        raise InvalidInput("a unit code is one word without '/'", field="code")
    _check_parent(kind, parent)
    path = _path_for(code, parent)
    return Unit.objects.create(
        kind=kind,
        code=code,
        name_en=name_en,
        name_hi=name_hi,
        parent=parent,
        path=path,
        depth=path.count("/") - 2,
        code_prefix=code_prefix,
        lgd_code=lgd_code,
        aliases=aliases or [],
        attributes=attributes or {},
    )


@transaction.atomic
def unit_move(*, unit: Unit, parent: Unit) -> Unit:
    """Move a unit (and its subtree) under another parent, rewriting the subtree's paths."""
    _check_parent(unit.kind, parent)
    if parent.path.startswith(unit.path):
        raise InvalidInput("a unit cannot move under itself", field="parent")
    old_path, new_path = unit.path, _path_for(unit.code, parent)
    depth_change = new_path.count("/") - old_path.count("/")
    Unit.objects.filter(path__startswith=old_path).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
        depth=F("depth") + depth_change,
    )
    Unit.objects.filter(pk=unit.pk).update(parent=parent)
    unit.refresh_from_db()
    return unit


def unit_set_active(*, unit: Unit, is_active: bool) -> Unit:
    """Deactivate or reactivate a unit. Units are never deleted while complaints point at them
    (the foreign keys PROTECT); deactivation hides them from forwarding and memberships."""
    Unit.objects.filter(pk=unit.pk).update(is_active=is_active)
    unit.is_active = is_active
    return unit


def normalise_handle(handle: str) -> str:
    return handle.strip().lstrip("@").lower()


def handle_map(
    *, platform: str = Platform.X, handle: str, unit: Unit, is_monitored: bool = False
) -> SocialHandle:
    """Map a platform handle to a unit (create or update)."""
    name = normalise_handle(handle)
    if not name:
        raise InvalidInput("a handle is needed", field="handle")
    row, _ = SocialHandle.objects.update_or_create(
        platform=platform,
        handle=name,
        defaults={"unit": unit, "is_monitored": is_monitored, "is_active": True},
    )
    return row


def membership_grant(*, user: User, unit: Unit, role: Role) -> Membership:
    row, _ = Membership.objects.update_or_create(
        user=user, unit=unit, role=role, defaults={"is_active": True}
    )
    return row


def membership_revoke(*, user: User, unit: Unit, role: Role) -> None:
    Membership.objects.filter(user=user, unit=unit, role=role).update(is_active=False)
