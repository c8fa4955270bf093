"""Exports for reports and RTI replies: the complaints in range and reach, and the unit table.

Rows are produced lazily (`iterator()` in chunks) and streamed, so a million-row export holds
one chunk in memory. Posts are hostile input: in CSV a cell that a spreadsheet would take for
a formula (starting with = + - @, tab or carriage return) gets a leading apostrophe. XLSX
cells are written as inline strings, which spreadsheets never evaluate.

An export that fails after its response began (the headers, 200, are gone by then) must never
look complete: its last row is INCOMPLETE_MARK and the error goes on up, so the server cuts the
connection before a chunked response's last chunk, which every HTTP client reports as an
incomplete download. Where the body is not chunked (HTTP/1.0, or a server that closes instead)
the mark is what tells.
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from seva.command.dates import DayRange
from seva.command.selectors import MEASURES, CommandTable, UnitFigures
from seva.command.services import ist_day_bounds
from seva.command.xlsx import INCOMPLETE_MARK
from seva.complaints.models import Complaint
from seva.core.timeutil import to_ist
from seva.desk.labels import category_label, status_label
from seva.desk.templatetags.desk import unit_name
from seva.directory.access import Action, access_complaints

if TYPE_CHECKING:
    from seva.command.xlsx import Cell
    from seva.directory.access import AnyUser

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK = 2000

log = logging.getLogger(__name__)


def csv_safe(value: Cell) -> Cell:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_stream(rows: Iterable[Sequence[Cell]]) -> Iterator[str]:
    """The CSV text of `rows`. If `rows` fails, a last row says the file is incomplete and the
    error is raised again after it."""
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so spreadsheets read the Devanagari as UTF-8
    try:
        for row in rows:
            yield writer.writerow([csv_safe(value) for value in row])
    except Exception:
        log.exception("a CSV export failed midway; sent marked incomplete, then cut off")
        yield writer.writerow([INCOMPLETE_MARK])
        raise


def _when(value: dt.datetime | None) -> str:
    return to_ist(value).strftime("%Y-%m-%d %H:%M") if value else ""


def complaint_header() -> list[Cell]:
    return [
        _("Code"),
        _("Status"),
        _("Unit code"),
        _("Unit"),
        _("Category"),
        _("Urgent"),
        _("Channel"),
        _("Registered (IST)"),
        _("First action (IST)"),
        _("Closed (IST)"),
        _("Disposed (IST)"),
        _("Times reopened"),
        _("Handle"),
        _("Text"),
    ]


def complaint_rows(user: AnyUser, days: DayRange) -> Iterator[list[Cell]]:
    """One row per complaint registered in the range, in the person's export reach.

    The rows are made while the response streams, after the view has returned: the reader's
    language is captured now and put back around each chunk.
    """
    return _in_language(get_language(), _complaint_rows(user, days))


def _in_language(language: str | None, rows: Iterator[list[Cell]]) -> Iterator[list[Cell]]:
    while True:
        with translation.override(language):
            row = next(rows, None)
        if row is None:
            return
        yield row


def _complaint_rows(user: AnyUser, days: DayRange) -> Iterator[list[Cell]]:
    start, _end = ist_day_bounds(days.first)
    _start, end = ist_day_bounds(days.last)
    complaints = (
        access_complaints(user, Action.EXPORT)
        .filter(registered_at__gte=start, registered_at__lt=end)
        .select_related("unit", "complainant")
        .order_by("registered_at", "id")
    )
    yield complaint_header()
    for complaint in complaints.iterator(chunk_size=CHUNK):
        yield _complaint_row(complaint)


def _complaint_row(complaint: Complaint) -> list[Cell]:
    return [
        complaint.code,
        status_label(complaint.status),
        complaint.unit.code,
        unit_name(complaint.unit),
        category_label(complaint.category) if complaint.category else "",
        _("yes") if complaint.is_urgent else _("no"),
        complaint.channel,
        _when(complaint.registered_at),
        _when(complaint.first_action_at),
        _when(complaint.closed_at),
        _when(complaint.disposed_at),
        complaint.reopen_count,
        complaint.complainant.handle,
        complaint.text,
    ]


def measure_labels() -> dict[str, str]:
    return {
        "received": _("Received"),
        "forwarded": _("Forwarded"),
        "in_process": _("In-process"),
        "incomplete_info": _("Incomplete information"),
        "closed": _("Closed"),
        "disposed": _("Disposed"),
        "reopened": _("Reopened"),
        "overdue": _("Overdue"),
        "first_action": _("Median time to first action (minutes, at most)"),
        "closure": _("Median time to closure (minutes, at most)"),
        "within_sla": _("Share closed within SLA (per cent)"),
    }


def _figure_row(label: str, figures: UnitFigures) -> list[Cell]:
    values: list[Cell] = [label]
    for measure in MEASURES:
        value = figures.value(measure)
        if isinstance(value, float):
            value = round(value, 1)
        values.append(value)
    return values


def table_rows(table: CommandTable) -> Iterator[list[Cell]]:
    labels = measure_labels()
    yield [_("Unit"), *[labels[measure] for measure in MEASURES]]
    for row in table.rows:
        name = unit_name(row.unit)
        yield _figure_row(_("%(unit)s (held here)") % {"unit": name} if row.here else name, row)
    yield _figure_row(_("Total"), table.total)
