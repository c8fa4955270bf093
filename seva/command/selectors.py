"""The command centre's reads: the unit table, the trend and the urgent feed.

Everything starts from the person's reach (`seva.directory.access`). Range figures come from
the rollup (`UnitDayStat`, a few thousand rows at most); "now" figures are counted live over
the open complaints only, which stay a small share of all complaints. Query count is fixed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, Sum

from seva.command import histogram
from seva.command.dates import DayRange
from seva.command.models import CLOSURE_COLUMNS, FIRST_ACTION_COLUMNS, UnitDayStat
from seva.command.scope import Reach
from seva.complaints.models import Complaint
from seva.complaints.sla import overdue_q
from seva.complaints.statuses import ACTIVE, Status
from seva.core.timeutil import now
from seva.directory.access import Action, access_complaints

if TYPE_CHECKING:
    from seva.directory.access import AnyUser
    from seva.directory.models import Unit

NOW_STATUSES = (
    Status.FORWARDED,
    Status.IN_PROCESS,
    Status.INCOMPLETE_INFO,
    Status.CLOSED,
    Status.REOPENED,
)
# Columns of the table, in order; also the keys `?sort=` accepts.
MEASURES = (
    "received",
    "forwarded",
    "in_process",
    "incomplete_info",
    "closed",
    "disposed",
    "reopened",
    "overdue",
    "first_action",
    "closure",
    "within_sla",
)


@dataclass
class UnitFigures:
    unit: Unit | None  # None for the total
    here: bool = False
    received: int = 0
    disposed: int = 0
    closed_in_range: int = 0
    closed_within_sla: int = 0
    first_action_hist: list[int] = field(default_factory=histogram.empty)
    closure_hist: list[int] = field(default_factory=histogram.empty)
    now: dict[str, int] = field(default_factory=dict)  # status → count held now
    overdue: int = 0

    @property
    def first_action(self) -> int | None:
        return histogram.median_minutes(self.first_action_hist)

    @property
    def closure(self) -> int | None:
        return histogram.median_minutes(self.closure_hist)

    @property
    def within_sla(self) -> float | None:
        if not self.closed_in_range:
            return None
        return 100.0 * self.closed_within_sla / self.closed_in_range

    def value(self, measure: str) -> float | int | None:
        if measure in ("received", "disposed", "overdue", "first_action", "closure", "within_sla"):
            result: float | int | None = getattr(self, measure)
            return result
        return self.now.get(measure, 0)

    def add_range(self, other: UnitFigures, sign: int = 1) -> None:
        self.received += sign * other.received
        self.disposed += sign * other.disposed
        self.closed_in_range += sign * other.closed_in_range
        self.closed_within_sla += sign * other.closed_within_sla
        combine = histogram.add_into if sign > 0 else histogram.subtract_into
        combine(self.first_action_hist, other.first_action_hist)
        combine(self.closure_hist, other.closure_hist)


@dataclass
class CommandTable:
    rows: list[UnitFigures]
    total: UnitFigures


def _range_sums(unit_ids: list[int], days: DayRange) -> dict[int, UnitFigures]:
    """Per unit, the rollup summed over the range by the database (one row per unit)."""
    columns = ["received", "disposed", "closed", "closed_within_sla"]
    buckets = [*FIRST_ACTION_COLUMNS, *CLOSURE_COLUMNS]
    stats = (
        UnitDayStat.objects.filter(unit_id__in=unit_ids, day__gte=days.first, day__lte=days.last)
        .values_list("unit_id")
        .annotate(*[Sum(name) for name in (*columns, *buckets)])
        .order_by()
    )
    sums: dict[int, UnitFigures] = {}
    size = histogram.SIZE
    for unit_id, received, disposed, closed, within, *hists in stats:
        sums[unit_id] = UnitFigures(
            unit=None,
            received=received or 0,
            disposed=disposed or 0,
            closed_in_range=closed or 0,
            closed_within_sla=within or 0,
            first_action_hist=[n or 0 for n in hists[:size]],
            closure_hist=[n or 0 for n in hists[size:]],
        )
    return sums


def command_table(user: AnyUser, reach: Reach, days: DayRange) -> CommandTable:
    """Per-unit figures for the range, plus the total over the person's reach (4 queries)."""
    rows = [UnitFigures(unit=row.unit, here=row.here) for row in reach.rows]
    total = UnitFigures(unit=None)
    sums = _range_sums([row.unit.pk for row in reach.rows], days)
    empty = UnitFigures(unit=None)
    for index, row in enumerate(reach.rows):
        rows[index].add_range(sums.get(row.unit.pk, empty))
    for top in reach.tops:
        total.add_range(sums.get(top.pk, empty))
    # A top unit's own row: its subtree less the rows below it.
    for index, row in enumerate(reach.rows):
        if row.here:
            for other in reach.rows:
                if not other.here and other.unit.path.startswith(row.unit.path):
                    rows[index].add_range(sums.get(other.unit.pk, empty), sign=-1)
    _count_now(user, reach, rows, total)
    return CommandTable(rows=rows, total=total)


def _count_now(user: AnyUser, reach: Reach, rows: list[UnitFigures], total: UnitFigures) -> None:
    """Held now per status, and overdue, per row: one read of the status-unit index.

    Grouped by (status, unit id), the index's order (grouped by unit first, SQLite chose to
    walk every complaint); overdue is a filtered count in the same pass (Open is read too, as
    its clock runs, but has no column).
    """
    held = (
        access_complaints(user, Action.VIEW)
        .filter(status__in=[s.value for s in (*NOW_STATUSES, Status.OPEN)])
        .values_list("status", "unit_id")
        .annotate(n=Count("*"), late=Count("status", filter=overdue_q(now())))
        .order_by()
    )
    for status, unit_id, n, late in held:
        index = reach.row_index_for(reach.paths.get(unit_id, ""))
        total.overdue += late
        if status != Status.OPEN:
            total.now[status] = total.now.get(status, 0) + n
        if index is not None:
            rows[index].overdue += late
            if status != Status.OPEN:
                rows[index].now[status] = rows[index].now.get(status, 0) + n


def sort_rows(rows: list[UnitFigures], measure: str, descending: bool) -> list[UnitFigures]:
    """Rows ordered by a measure (missing values last either way), else by unit name."""
    if measure not in MEASURES:
        return sorted(rows, key=lambda row: (not row.here, row.unit.name_en if row.unit else ""))

    def key(row: UnitFigures) -> tuple[bool, float]:
        value = row.value(measure)
        if value is None:
            return (True, 0.0)
        if value == -1:  # a median beyond the last bucket
            value = float("inf")
        return (False, -float(value) if descending else float(value))

    return sorted(rows, key=key)


@dataclass(frozen=True)
class TrendDay:
    day: dt.date
    received: int
    disposed: int


def command_trend(reach: Reach, days: DayRange) -> list[TrendDay]:
    """Received and disposed per IST day over the person's reach (one query)."""
    per_day = {
        row["day"]: row
        for row in UnitDayStat.objects.filter(
            unit_id__in=[top.pk for top in reach.tops], day__gte=days.first, day__lte=days.last
        )
        .values("day")
        .annotate(received=Sum("received"), disposed=Sum("disposed"))
        .order_by()
    }
    empty = {"received": 0, "disposed": 0}
    return [
        TrendDay(
            day=day,
            received=int(per_day.get(day, empty)["received"] or 0),
            disposed=int(per_day.get(day, empty)["disposed"] or 0),
        )
        for day in days.days
    ]


URGENT_FEED_SIZE = 10


def urgent_feed(user: AnyUser) -> list[Complaint]:
    """The latest urgent complaints still to be worked, in the person's reach (2 queries).

    The candidates' ids come from the status-unit index and the newest (ids follow the order
    of registration) are picked here: ordering in SQL made SQLite walk the registration index
    through a year of complaints.
    """
    candidates = (
        access_complaints(user, Action.VIEW)
        .filter(is_urgent=True, status__in=[s.value for s in ACTIVE])
        .values_list("id", flat=True)
        .order_by()
    )
    newest = sorted(candidates, reverse=True)[:URGENT_FEED_SIZE]
    complaints = Complaint.objects.filter(pk__in=newest).select_related("unit", "complainant")
    return sorted(complaints, key=lambda c: (c.registered_at, c.pk), reverse=True)
