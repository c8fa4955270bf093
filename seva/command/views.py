"""The command centre's screens: the page, its live panels and the exports.

Each view parses the query string, checks access through `seva.directory.access` (a unit
outside the person's reach answers 404 like a missing one), calls the selectors and renders.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from seva.channels.services.health import channel_health
from seva.command import charts, exports
from seva.command.dates import DayRange, RangeForm
from seva.command.drill import DrillLinks
from seva.command.exports import measure_labels
from seva.command.scope import Reach, command_reach
from seva.command.selectors import (
    MEASURES,
    CommandTable,
    UnitFigures,
    command_table,
    command_trend,
    sort_rows,
    urgent_feed,
)
from seva.command.templatetags.command import figure_text
from seva.command.xlsx import xlsx_stream
from seva.core.errors import NotFound
from seva.desk.errors import desk_view
from seva.desk.selectors import state_hq_unit
from seva.desk.views.common import nav_context
from seva.directory.access import Action, access_can, access_unit
from seva.directory.models import Unit, UnitKind

MAP_MEASURES = ("received", "disposed", "overdue", "in_process", "within_sla")


def _day_range(request: HttpRequest) -> tuple[RangeForm, DayRange]:
    form = RangeForm({"start": request.GET.get("from", ""), "end": request.GET.get("to", "")})
    return form, form.day_range()


def _reach(request: HttpRequest, code: str | None, action: Action) -> Reach:
    """The table's units for this person (focused on `code`); 404 when out of reach."""
    try:
        focus = access_unit(request.user, code, action) if code else None
    except NotFound as error:
        raise Http404(str(error)) from error
    reach = command_reach(request.user, action, focus=focus)
    if not reach.rows:
        raise Http404("no units in reach")
    return reach


def _row_cells(row: UnitFigures, links: DrillLinks) -> list[dict[str, Any]]:
    unit_part = links.unit_part(row.unit, here=row.here)
    return [
        {
            "measure": measure,
            "text": figure_text(measure, row.value(measure)),
            "href": links.url(unit_part, measure),
        }
        for measure in MEASURES
    ]


def _cells_html(cells: list[dict[str, Any]]) -> SafeString:
    """A row's cells as HTML. Every value is escaped here (the standard library's escape on
    plain strings: the template engine and format_html took longer over ~850 cells than
    computing the whole table)."""
    return mark_safe(  # noqa: S308 (each interpolated value is escaped just below)
        "".join(
            f'<td data-measure="{escape(cell["measure"])}"><a href="{escape(cell["href"])}">'
            f"{escape(str(cell['text']))}</a></td>"
            for cell in cells
        )
    )


def _map_values(
    table: CommandTable, reach: Reach, measure: str, unit_link: Any
) -> tuple[dict[int, Any], dict[int, str]]:
    values: dict[int, Any] = {}
    links: dict[int, str] = {}
    for row in table.rows:
        unit = row.unit
        if unit is not None and unit.lgd_code and unit.kind == UnitKind.DISTRICT:
            # A district that is a top unit is coloured by its whole subtree (the total).
            figures = table.total if row.here and len(reach.tops) == 1 else row
            values[unit.lgd_code] = figures.value(measure)
            links[unit.lgd_code] = unit_link(unit)
    return values, links


def _screen_labels() -> dict[str, str]:
    """Column names on screen: the export's, with shorter words for the last three."""
    return {
        **measure_labels(),
        "first_action": _("Median to first action"),
        "closure": _("Median to closure"),
        "within_sla": _("Within SLA"),
    }


def _headers(sort: str, descending: bool, query: dict[str, str]) -> list[dict[str, Any]]:
    """The sortable column headers: a link each, the sorted one flips its direction."""
    labels = _screen_labels()
    headers = []
    for measure in MEASURES:
        active = measure == sort
        direction = "asc" if active and descending else "desc"
        href = "?" + urlencode({**query, "sort": measure, "dir": direction})
        order = ("descending" if descending else "ascending") if active else ""
        headers.append({"label": labels[measure], "href": href, "order": order})
    return headers


@require_GET
@login_required
@desk_view
def centre(request: HttpRequest, code: str | None = None) -> HttpResponse:
    range_form, days = _day_range(request)
    reach = _reach(request, code, Action.VIEW)
    table = command_table(request.user, reach, days)
    sort = request.GET.get("sort", "")
    descending = request.GET.get("dir", "desc") != "asc"
    measure = request.GET.get("measure", "received")
    measure = measure if measure in MAP_MEASURES else "received"
    query = {"from": days.first.isoformat(), "to": days.last.isoformat()}

    # Resolved once: a reverse() per row and figure costs more than the whole table's maths.
    unit_base = reverse("command:unit", args=["CODE"]).replace("CODE", "{}")
    suffix = "?" + urlencode(query)

    def unit_link(unit: Unit) -> str:
        return unit_base.format(unit.code) + suffix

    values, links = _map_values(table, reach, measure, unit_link)
    drill = DrillLinks(days)
    rows = []
    for row in sort_rows(table.rows, sort, descending):
        if row.unit is not None:
            cells = _row_cells(row, drill)
            rows.append(
                {
                    "figures": row,
                    "cells": cells,
                    "html": _cells_html(cells),
                    "link": unit_link(row.unit),
                }
            )
    total_cells = _row_cells(table.total, drill)
    hq = state_hq_unit()
    context = {
        "range_form": range_form,
        "range_problem": range_form.problem(),
        "days": days,
        "focus": reach.tops[0] if code else None,
        "rows": rows,
        "total": table.total,
        "total_cells": total_cells,
        "total_html": _cells_html(total_cells),
        "headers": _headers(sort, descending, query),
        "sort": sort,
        "descending": descending,
        "map": charts.district_map(values, links, hindi=(get_language() or "").startswith("hi")),
        "map_measure": measure,
        "map_measures": [(m, _screen_labels()[m]) for m in MAP_MEASURES],
        "trend": charts.trend_chart(command_trend(reach, days)),
        "feed": list(urgent_feed(request.user)),
        "show_health": hq is not None and access_can(request.user, Action.VIEW, hq),
        "health": [],
        "poll_seconds": settings.SEVA_COMMAND_POLL_SECONDS,
        "query": query,
        **nav_context(request),
    }
    if context["show_health"]:
        context["health"] = _health()
    # Dates it cannot use: the page shows the last 30 days and says why (a 400, a form error).
    status = 400 if context["range_problem"] else 200
    return render(request, "command/centre.html", context, status=status)


def _health() -> list[Any]:
    return channel_health(silent_after=dt.timedelta(minutes=settings.SEVA_CHANNEL_SILENT_MINUTES))


@require_GET
@login_required
@desk_view
def live_feed(request: HttpRequest) -> HttpResponse:
    _reach(request, None, Action.VIEW)
    return render(request, "command/centre.html#feed", {"feed": list(urgent_feed(request.user))})


@require_GET
@login_required
@desk_view
def live_health(request: HttpRequest) -> HttpResponse:
    hq = state_hq_unit()
    if hq is None or not access_can(request.user, Action.VIEW, hq):
        raise NotFound("channel health is HQ's")
    return render(request, "command/centre.html#health", {"health": _health()})


def _download(chunks: Any, *, filename: str, content_type: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _check_format(fmt: str) -> None:
    if fmt not in ("csv", "xlsx"):
        raise Http404(f"no export format {fmt!r}")


def _refused_range(form: RangeForm) -> HttpResponse | None:
    """An export of dates it cannot use is refused before anything streams (a file of the
    wrong days would look like the right one)."""
    problem = form.problem()
    if not problem:
        return None
    return HttpResponse(problem + "\n", status=400, content_type="text/plain; charset=utf-8")


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_GET
@login_required
def export_complaints(request: HttpRequest, fmt: str) -> HttpResponseBase:
    _check_format(fmt)
    range_form, days = _day_range(request)
    if refused := _refused_range(range_form):
        return refused
    _reach(request, None, Action.EXPORT)
    rows = exports.complaint_rows(request.user, days)
    name = f"complaints-{days.first}-{days.last}.{fmt}"
    if fmt == "xlsx":
        return _download(
            xlsx_stream(rows, sheet_name=_("Complaints")), filename=name, content_type=XLSX
        )
    return _download(
        exports.csv_stream(rows), filename=name, content_type="text/csv; charset=utf-8"
    )


@require_GET
@login_required
def export_units(request: HttpRequest, fmt: str, code: str | None = None) -> HttpResponseBase:
    _check_format(fmt)
    range_form, days = _day_range(request)
    if refused := _refused_range(range_form):
        return refused
    reach = _reach(request, code, Action.EXPORT)
    table = command_table(request.user, reach, days)
    rows = list(exports.table_rows(table))
    name = f"units-{days.first}-{days.last}.{fmt}"
    if fmt == "xlsx":
        return _download(xlsx_stream(rows, sheet_name=_("Units")), filename=name, content_type=XLSX)
    return _download(
        exports.csv_stream(rows), filename=name, content_type="text/csv; charset=utf-8"
    )
