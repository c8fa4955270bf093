"""Which units the command centre's table shows to a person, from their reach alone.

The table lists the child units of the person's top unit(s): above district level (HQ, a zone,
a range) that is every district and department below; at a district or department, its direct
children. Each top unit also gets a row of its own for complaints held at it ("here").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from seva.directory.access import Action, access_units
from seva.directory.models import Unit, UnitKind

if TYPE_CHECKING:
    from seva.directory.access import AnyUser

ABOVE_DISTRICT = {UnitKind.STATE_HQ, UnitKind.ZONE, UnitKind.RANGE}
WORKING_TOP = {UnitKind.DISTRICT, UnitKind.DEPARTMENT}


@dataclass(frozen=True)
class RowUnit:
    unit: Unit
    here: bool  # only complaints held at this unit itself (a top unit's own row)


@dataclass(frozen=True)
class Reach:
    tops: list[Unit]
    rows: list[RowUnit]
    paths: dict[int, str]  # every unit in reach: id → path

    @cached_property
    def row_by_code(self) -> dict[str, int]:
        return {row.unit.code: index for index, row in enumerate(self.rows)}

    def row_index_for(self, path: str) -> int | None:
        """The table row that counts a complaint held by the unit at `path` (deepest match)."""
        by_code = self.row_by_code
        for code in reversed(path.strip("/").split("/")):
            if code in by_code:
                return by_code[code]
        return None


def command_reach(
    user: AnyUser, action: Action = Action.VIEW, *, focus: Unit | None = None
) -> Reach:
    """The person's top units and the table's rows (one query: the units in reach). With
    `focus` (a unit in reach, see `access_unit`), that unit is the only top."""
    units_in_reach = access_units(user, action).filter(is_active=True).order_by("path")
    if focus is not None:
        units_in_reach = units_in_reach.filter(path__startswith=focus.path)
    units = list(units_in_reach)
    ids = {unit.pk for unit in units}
    tops = [unit for unit in units if unit.parent_id not in ids]
    rows: list[RowUnit] = []
    for top in tops:
        rows.append(RowUnit(unit=top, here=True))
        below = [unit for unit in units if unit.path.startswith(top.path) and unit.pk != top.pk]
        if top.kind in ABOVE_DISTRICT:
            children = [unit for unit in below if unit.kind in WORKING_TOP]
        else:
            children = [unit for unit in below if unit.parent_id == top.pk]
        rows.extend(RowUnit(unit=unit, here=False) for unit in children)
    return Reach(tops=tops, rows=rows, paths={unit.pk: unit.path for unit in units})
