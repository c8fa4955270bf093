"""Police stations, offices and social handles from CSV files an administrator supplies.

Every row is checked before anything is written; one bad row refuses the whole file with
each bad line's number (the header is line 1), so nothing is half-loaded. Formats: see
docs/directory.md and the examples in data/examples/.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.db import transaction

from seva.directory.loaders.report import LineError, LoadError, LoadReport
from seva.directory.loaders.upsert import unit_upsert
from seva.directory.models import ALLOWED_PARENT_KINDS, Platform, SocialHandle, Unit, UnitKind
from seva.directory.services import normalise_handle

UNIT_COLUMNS = ("code", "kind", "name_en", "name_hi", "parent_code", "aliases")
HANDLE_COLUMNS = ("platform", "handle", "unit_code", "monitored")
_LOADABLE_KINDS = {
    UnitKind.POLICE_STATION,
    UnitKind.OFFICE,
    UnitKind.DEPARTMENT,
    UnitKind.ZONE,
    UnitKind.RANGE,
}
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")
_HANDLE = re.compile(r"^[a-z0-9_]{1,50}$")
_TRUE = {"yes", "true", "1", "y"}
_FALSE = {"no", "false", "0", "n", ""}

Source = Path | str | IO[str] | IO[bytes]
Rows = list[tuple[int, dict[str, str]]]


def _read_text(source: Source) -> tuple[str, str]:
    """The file's name and text. Bytes (an upload) are decoded here so a file that is not
    UTF-8 is refused with the line it breaks on, not a traceback."""
    data: str | bytes
    if isinstance(source, (str, Path)):
        name, data = str(source), Path(source).read_bytes()
    else:
        name, data = getattr(source, "name", "<upload>"), source.read()
    if isinstance(data, str):
        return name, data.lstrip("\ufeff")
    try:
        return name, data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise LoadError(name, [LineError(line, "the file is not UTF-8")]) from error


def _open_rows(source: Source, columns: tuple[str, ...]) -> tuple[str, Rows, list[LineError]]:
    """Rows by line number (header = line 1), and the lines whose shape is wrong."""
    name, text = _read_text(source)
    reader = csv.DictReader(io.StringIO(text))
    header = [column.strip() for column in (reader.fieldnames or [])]
    missing = [column for column in columns if column not in header]
    if missing:
        raise LoadError(name, [LineError(1, f"missing column(s): {', '.join(missing)}")])
    reader.fieldnames = header
    rows: Rows = []
    shape_errors: list[LineError] = []
    for row in reader:
        if not any((value or "").strip() for value in row.values() if isinstance(value, str)):
            continue  # blank line
        if None in row:  # DictReader puts surplus cells under the key None
            shape_errors.append(
                LineError(reader.line_num, "more cells than columns (quote values with commas)")
            )
            continue
        absent = [column for column in columns if row.get(column) is None]
        if absent:  # a short row: DictReader fills the missing cells with None
            shape_errors.append(LineError(reader.line_num, f"missing cell(s): {', '.join(absent)}"))
            continue
        rows.append((reader.line_num, {key: row[key].strip() for key in columns}))
    return name, rows, shape_errors


@dataclass(frozen=True)
class _UnitRow:
    line: int
    code: str
    kind: str
    name_en: str
    name_hi: str
    parent_code: str
    aliases: list[str]


def _check_unit_rows(rows: Rows) -> Iterator[_UnitRow | LineError]:
    seen: dict[str, str] = {}  # code → kind, for parents defined earlier in the file
    existing = dict(Unit.objects.values_list("code", "kind"))
    for line, row in rows:
        code, kind, parent_code = row["code"], row["kind"], row["parent_code"]
        problems = []
        if not _CODE.match(code):
            problems.append(f"code {code!r} must be 1-40 letters, digits, '-', '_' or '.'")
        elif code in seen:
            problems.append(f"code {code!r} appears twice in this file")
        if kind not in _LOADABLE_KINDS:
            problems.append(f"kind {kind!r} must be one of {', '.join(sorted(_LOADABLE_KINDS))}")
        if not row["name_en"]:
            problems.append("name_en is empty")
        parent_kind = seen.get(parent_code) or existing.get(parent_code)
        if not parent_code:
            problems.append("parent_code is empty")
        elif parent_kind is None:
            problems.append(f"parent {parent_code!r} is not a known unit")
        elif kind in _LOADABLE_KINDS and parent_kind not in ALLOWED_PARENT_KINDS[UnitKind(kind)]:
            problems.append(f"a {kind} cannot sit under {parent_code!r} (a {parent_kind})")
        if code in existing and kind in _LOADABLE_KINDS and existing[code] != kind:
            problems.append(f"unit {code!r} exists as a {existing[code]}, not a {kind}")
        if problems:
            yield LineError(line, "; ".join(problems))
            continue
        seen[code] = kind
        aliases = [alias.strip() for alias in row["aliases"].split("|") if alias.strip()]
        yield _UnitRow(line, code, kind, row["name_en"], row["name_hi"], parent_code, aliases)


def load_units_csv(source: Source, *, dry_run: bool = False) -> LoadReport:
    """Load police stations, offices, departments, zones or ranges. All or nothing."""
    name, rows, shape_errors = _open_rows(source, UNIT_COLUMNS)
    checked = list(_check_unit_rows(rows))
    errors = [*shape_errors, *(item for item in checked if isinstance(item, LineError))]
    errors.sort(key=lambda error: error.line)
    if errors:
        raise LoadError(name, errors)
    report = LoadReport()
    with transaction.atomic():
        for item in checked:
            assert isinstance(item, _UnitRow)
            unit_upsert(
                report,
                code=item.code,
                kind=item.kind,
                parent=Unit.objects.get(code=item.parent_code),
                fields={"name_en": item.name_en, "name_hi": item.name_hi, "aliases": item.aliases},
            )
        if dry_run:
            transaction.set_rollback(True)
    return report


def load_handles_csv(source: Source, *, dry_run: bool = False) -> LoadReport:
    """Map social handles to units. All or nothing."""
    name, rows, errors = _open_rows(source, HANDLE_COLUMNS)
    units = {unit.code: unit for unit in Unit.objects.all()}
    seen: set[tuple[str, str]] = set()
    checked: list[tuple[str, str, Unit, bool]] = []
    for line, row in rows:
        platform, handle = row["platform"].lower(), normalise_handle(row["handle"])
        problems = []
        if platform not in Platform.values:
            problems.append(
                f"platform {row['platform']!r} must be one of {', '.join(Platform.values)}"
            )
        if not _HANDLE.match(handle):
            problems.append(f"handle {row['handle']!r} must be letters, digits or _ (no spaces)")
        elif (platform, handle) in seen:
            problems.append(f"handle {handle!r} appears twice in this file")
        unit = units.get(row["unit_code"])
        if unit is None:
            problems.append(f"unit {row['unit_code']!r} is not a known unit")
        monitored = row["monitored"].lower()
        if monitored not in _TRUE | _FALSE:
            problems.append(f"monitored must be yes or no, not {row['monitored']!r}")
        if problems:
            errors.append(LineError(line, "; ".join(problems)))
            continue
        assert unit is not None
        seen.add((platform, handle))
        checked.append((platform, handle, unit, monitored in _TRUE))
    if errors:
        raise LoadError(name, sorted(errors, key=lambda error: error.line))
    report = LoadReport()
    with transaction.atomic():
        for platform, handle, unit, is_monitored in checked:
            row_now = SocialHandle.objects.filter(platform=platform, handle=handle).first()
            if row_now and (row_now.unit_id, row_now.is_monitored, row_now.is_active) == (
                unit.pk,
                is_monitored,
                True,
            ):
                report.count("unchanged", "handle")
                continue
            SocialHandle.objects.update_or_create(
                platform=platform,
                handle=handle,
                defaults={"unit": unit, "is_monitored": is_monitored, "is_active": True},
            )
            report.count("updated" if row_now else "created", "handle")
        if dry_run:
            transaction.set_rollback(True)
    return report
