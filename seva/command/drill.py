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

RANGE_MEASURES = ("received", "first_action", "closure", "within_sla")
NOW_MEASURES = ("forwarded", "in_process", "incomplete_info", "closed", "reopened")


class DrillLinks:
    """Queue addresses for every figure of one page: the query strings are put together once
    (hundreds of cells made urlencode() per cell a noticeable share of the page's time)."""

    def __init__(self, days: DayRange, base: str = "") -> None:
        self.base = base or reverse("desk:queue")
        dates = {"from": days.first.isoformat(), "to": days.last.isoformat()}
        self.suffix: dict[str, str] = {}
        for measure in (*RANGE_MEASURES, "disposed", "overdue", *NOW_MEASURES):
            if measure in RANGE_MEASURES:
                params = {"status": "all", **dates}
            elif measure == "disposed":
                params = {"status": "disposed", "by": "disposed", **dates}
            elif measure == "overdue":
                params = {"overdue": "on"}
            else:
                params = {"status": measure}
            self.suffix[measure] = urlencode(params)

    def unit_part(self, unit: Unit | None, *, here: bool) -> str:
        if unit is None:
            return ""
        return urlencode({"unit": unit.code, **({"here": "on"} if here else {})}) + "&"

    def url(self, unit_part: str, measure: str) -> str:
        return f"{self.base}?{unit_part}{self.suffix[measure]}"


def drill_url(
    unit: Unit | None, *, here: bool, measure: str, days: DayRange, base: str = ""
) -> str:
    """The queue's address for one figure."""
    links = DrillLinks(days, base)
    return links.url(links.unit_part(unit, here=here), measure)
