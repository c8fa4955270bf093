"""The access audit log: one small factory per kind of change to who may act as whom.

Values are stored as data (ids, codes, role values), never as translated text, so a record
reads the same in any language and survives renames.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from seva.core.timeutil import now
from seva.directory.models import AuditRecord

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from seva.directory.models import Membership


class AuditType(StrEnum):
    """Every kind of access audit record (`AuditRecord.type`); docs/lifecycle.md lists them."""

    TOKEN_ISSUED = "token.issued"  # noqa: S105 (a name) data: the token's id, name, kind, prefix
    TOKEN_REVOKED = "token.revoked"  # noqa: S105 (a name) data: the same
    MEMBERSHIP_GRANTED = "membership.granted"  # data: role, unit, active
    MEMBERSHIP_CHANGED = "membership.changed"  # data: membership, from, to


def audit_record(
    *, type: AuditType, actor: User | None, person: User | None, data: dict[str, Any]
) -> AuditRecord:
    return AuditRecord.objects.create(type=type, actor=actor, person=person, at=now(), data=data)


def audit_membership(
    *, actor: User | None, membership: Membership, before: dict[str, Any] | None
) -> AuditRecord:
    """`membership.granted` for a new one, `membership.changed` with `from` and `to` values."""
    after = membership_values(membership)
    if before is None:
        return audit_record(
            type=AuditType.MEMBERSHIP_GRANTED, actor=actor, person=membership.user, data=after
        )
    data = {"membership": membership.pk, "from": before, "to": after}
    return audit_record(
        type=AuditType.MEMBERSHIP_CHANGED, actor=actor, person=membership.user, data=data
    )


def membership_values(membership: Membership) -> dict[str, Any]:
    return {
        "membership": membership.pk,
        "person": membership.user_id,
        "unit": membership.unit.code,
        "role": membership.role,
        "active": membership.is_active,
    }
