"""The command centre's figures per unit, for reports and other systems: the same selectors
as /command/ (seva.command), scoped by the caller's reach."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field
from pydantic.config import JsonDict

from seva.api.auth import acting_person
from seva.api.endpoints.common import ERRORS
from seva.api.schemas import UnitCode
from seva.command.dates import MAX_DAYS, DayRange, default_range
from seva.command.scope import command_reach
from seva.command.selectors import MEASURES, UnitFigures, command_table
from seva.core.days import day_check
from seva.core.errors import NotFound
from seva.directory.access import Action, access_unit

router = Router(tags=["command centre"])


# The days a range may cover (seva.core.days: 2000-01-01 to 2099-12-31), in the document too;
# `day_check` enforces them (400 naming the parameter).
_DAY: JsonDict = {"pattern": r"^20[0-9]{2}-[0-9]{2}-[0-9]{2}$"}


class FiguresQuery(Schema):
    start: dt.date | None = Field(
        None, alias="from", description="first IST day (inclusive)", json_schema_extra=_DAY
    )
    end: dt.date | None = Field(
        None, alias="to", description="last IST day (inclusive)", json_schema_extra=_DAY
    )
    unit: UnitCode | None = Field(None, description="focus on this unit (its code)")


class UnitFiguresOut(Schema):
    unit: str | None = Field(description="the unit's code; null for the total")
    name_en: str | None
    name_hi: str | None
    here: bool = Field(description="only complaints held at the unit itself, not below it")
    received: int
    forwarded: int
    in_process: int
    incomplete_info: int
    closed: int
    disposed: int
    reopened: int
    overdue: int
    first_action_minutes_at_most: int | None
    closure_minutes_at_most: int | None
    within_sla_percent: float | None


class FiguresOut(Schema):
    start: dt.date
    end: dt.date
    measures: list[str]
    rows: list[UnitFiguresOut]
    total: UnitFiguresOut


def _row(figures: UnitFigures) -> UnitFiguresOut:
    unit = figures.unit
    share = figures.within_sla
    return UnitFiguresOut(
        unit=unit.code if unit else None,
        name_en=unit.name_en if unit else None,
        name_hi=(unit.name_hi or unit.name_en) if unit else None,
        here=figures.here,
        received=figures.received,
        forwarded=figures.now.get("forwarded", 0),
        in_process=figures.now.get("in_process", 0),
        incomplete_info=figures.now.get("incomplete_info", 0),
        closed=figures.now.get("closed", 0),
        disposed=figures.disposed,
        reopened=figures.now.get("reopened", 0),
        overdue=figures.overdue,
        first_action_minutes_at_most=figures.first_action,
        closure_minutes_at_most=figures.closure,
        within_sla_percent=round(share, 1) if share is not None else None,
    )


def _days(query: FiguresQuery) -> DayRange:
    """The range asked for, made usable rather than refused (the answer says which range it
    used): ends given backwards are swapped, and a range longer than the command centre reads
    keeps its last MAX_DAYS days. A day outside what `seva.core.days` allows is refused (400
    naming `from` or `to`)."""
    day_check(query.start, field="from")
    day_check(query.end, field="to")
    fallback = default_range()
    first, last = query.start or fallback.first, query.end or fallback.last
    if query.start and not query.end:
        last = max(first, fallback.last)
    first, last = min(first, last), max(first, last)
    first = max(first, last - dt.timedelta(days=MAX_DAYS - 1))
    return DayRange(first=first, last=last)


@router.get(
    "/command/figures",
    operation_id="command_figures",
    response={200: FiguresOut, **ERRORS},
    summary="The command centre's figures per unit",
)
def command_figures(request: HttpRequest, query: Query[FiguresQuery]) -> FiguresOut:
    """Per unit in the caller's reach (HQ: every district; a district: itself and its police
    stations), the figures of the command centre (docs/command.md): received and disposed in
    the range, held now by status, overdue now, the medians (upper bound of their bucket, in
    minutes) and the share closed within SLA; `start` and `end` say which IST days were
    counted. 404 for a unit outside the caller's reach."""
    person = acting_person(request)
    days = _days(query)
    focus = access_unit(person, query.unit, Action.VIEW) if query.unit else None
    reach = command_reach(person, Action.VIEW, focus=focus)
    if not reach.rows:
        raise NotFound("no units in reach")
    table = command_table(person, reach, days)
    return FiguresOut(
        start=days.first,
        end=days.last,
        measures=list(MEASURES),
        rows=[_row(row) for row in table.rows],
        total=_row(table.total),
    )
