"""Create a unit or bring an existing one up to date, counting what happened."""

from __future__ import annotations

from typing import Any

from seva.core.errors import InvalidInput
from seva.directory.loaders.report import LoadReport
from seva.directory.models import Unit
from seva.directory.services import unit_create


def unit_upsert(
    report: LoadReport,
    *,
    code: str,
    kind: str,
    parent: Unit | None,
    fields: dict[str, Any],
    existing: dict[str, Unit] | None = None,
) -> Unit:
    """Create the unit under `parent`, or update its names and attributes if it exists.

    An existing unit keeps its parent: an administrator may have moved it (a range under a
    zone), and reloading the shipped data must not undo that. `existing` (code → unit, read
    once by the caller) saves a query per row on a reload.
    """
    unit = existing.get(code) if existing is not None else Unit.objects.filter(code=code).first()
    if unit is None:
        report.count("created", kind)
        return unit_create(kind=kind, code=code, parent=parent, **fields)
    if unit.kind != kind:
        # Changing a unit's kind would break the tree rules under and above it.
        raise InvalidInput(f"unit {code!r} exists as a {unit.kind}, not a {kind}", field="kind")
    changed = {name: value for name, value in fields.items() if getattr(unit, name) != value}
    if not changed:
        report.count("unchanged", kind)
        return unit
    for name, value in changed.items():
        setattr(unit, name, value)
    unit.save(update_fields=[*changed, "updated_at"])
    report.count("updated", kind)
    return unit
