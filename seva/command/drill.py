"""Links from the command centre's figures to the complaints behind them on the desk queue.

The queue's filters say the same thing as the figure's definition (seva.desk.selectors
QueueFilters): a unit (alone for a top unit's own row), a status or "overdue", and for range
figures the IST days of registration or of disposal.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from seva.command.dates import DayRange
from seva.directory.models import Unit

RANGE_MEASURES = {"received", "first_action", "closure", "within_sla"}


def drill_url(
    unit: Unit | None, *, here: bool, measure: str, days: DayRange, base: str = ""
) -> str:
    """The queue's address for a figure (`base`: the queue's path, resolved once per page)."""
    params: dict[str, str] = {}
    if unit is not None:
        params["unit"] = unit.code
        if here:
            params["here"] = "on"
    if measure in RANGE_MEASURES:
        params.update(status="all", **{"from": days.first.isoformat(), "to": days.last.isoformat()})
    elif measure == "disposed":
        params.update(
            status="disposed",
            by="disposed",
            **{"from": days.first.isoformat(), "to": days.last.isoformat()},
        )
    elif measure == "overdue":
        params["overdue"] = "on"
    else:
        params["status"] = measure
    return (base or reverse("desk:queue")) + "?" + urlencode(params)
