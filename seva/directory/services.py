"""Services that change the org directory: units, handles and memberships."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr

from seva.core.errors import InvalidInput
from seva.directory.access import access_membership_check
from seva.directory.audit import audit_membership, membership_values
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
    """Give a person a role at a unit (setup: loaders, the demo, tests; the admin goes through
    `membership_save`, which checks the administrator's reach and audits)."""
    row, _ = Membership.objects.update_or_create(
        user=user, unit=unit, role=role, defaults={"is_active": True}
    )
    person_staff_sync(user=user)
    return row


def membership_revoke(*, user: User, unit: Unit, role: Role) -> None:
    Membership.objects.filter(user=user, unit=unit, role=role).update(is_active=False)
    person_staff_sync(user=user)


@transaction.atomic
def membership_save(*, actor: User, membership: Membership, new_person: bool = False) -> Membership:
    """Save a membership an administrator added or changed (person, unit, role, active).

    Checks, for the membership as it was and as it will be, that the actor administers its
    unit and person (`access_membership_check`, NotAllowed otherwise; `new_person`: the actor
    created the person in the same form); keeps both people's `is_staff` in step; records
    `membership.granted` or `membership.changed`.
    """
    before_row = (
        Membership.objects.select_related("unit", "user").filter(pk=membership.pk).first()
        if membership.pk
        else None
    )
    if before_row is not None:
        access_membership_check(
            actor, person=before_row.user, unit=before_row.unit, role=before_row.role
        )
    access_membership_check(
        actor,
        person=membership.user,
        unit=membership.unit,
        role=membership.role,
        new_person=new_person,
    )
    before = membership_values(before_row) if before_row is not None else None
    membership.save()
    person_staff_sync(user=membership.user)
    if before_row is not None and before_row.user_id != membership.user_id:
        person_staff_sync(user=before_row.user)
    audit_membership(actor=actor, membership=membership, before=before)
    return membership


def person_staff_sync(*, user: User) -> None:
    """Keep Django's `is_staff` in step with the memberships: staff are exactly the people
    with an active administrator membership (and superusers). The admin itself decides entry
    from the memberships (`seva.directory.access.admin_paths`); the flag mirrors that rule for
    Django's own screens and for anyone reading the user table."""
    is_staff = (
        user.is_superuser
        or Membership.objects.filter(user=user, role=Role.ADMINISTRATOR, is_active=True).exists()
    )
    if user.is_staff != is_staff:
        type(user).objects.filter(pk=user.pk).update(is_staff=is_staff)
        user.is_staff = is_staff
