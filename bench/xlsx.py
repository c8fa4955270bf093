"""`manage.py bench xlsx`: the command centre's XLSX export writer beside the maintained
libraries, on the same rows. Why Seva keeps its own small writer is measured here (and written
up in docs/command.md): it streams, so the first bytes leave at once, whatever the size.

For each writer, over several rounds: the time to the first byte a client would receive, the
total time, the file's size, and (in a separate pass, since tracing slows Python) the peak of
Python's allocations. The maintained writers build the whole workbook before anything can be
sent (xlsxwriter in its constant-memory mode, openpyxl in write-only mode, both to a temporary
file, then read back in chunks as a streamed response would).
"""

from __future__ import annotations

import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from seva.command.xlsx import Cell, xlsx_stream

HEAD = ["Code", "Status", "Unit", "Category", "Urgent", "Received", "Text", "Minutes"]


def _rows(count: int) -> Iterator[Sequence[Cell]]:
    yield HEAD
    text = "मेरे घर में चोरी हो गई, thana FIR nahi likh raha; phone chheen liya"
    for i in range(count):
        yield [f"LKN-261208-{i:05d}-7", "in_process", "Lucknow", "theft", i % 7, "08-12-2026"]
        yield [text, i * 3]


def _shaped(count: int) -> Iterator[list[Cell]]:
    rows = _rows(count)
    yield list(next(rows))
    for first in rows:
        yield [*first, *next(rows)]


Measured = tuple[float, float, int]  # first byte (s), total (s), bytes


def _ours(count: int) -> Measured:
    started, first, size = time.perf_counter(), 0.0, 0
    for chunk in xlsx_stream(_shaped(count), sheet_name="Complaints"):
        first = first or time.perf_counter() - started
        size += len(chunk)
    return first, time.perf_counter() - started, size


def _read_back(path: str, started: float) -> Measured:
    first, size = 0.0, 0
    with open(path, "rb") as handle:
        while chunk := handle.read(65536):
            first = first or time.perf_counter() - started
            size += len(chunk)
    return first, time.perf_counter() - started, size


def _xlsxwriter(count: int) -> Measured:
    import xlsxwriter

    started = time.perf_counter()
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as file:
        options = {"constant_memory": True, "strings_to_numbers": False}
        workbook = xlsxwriter.Workbook(file.name, {**options, "strings_to_formulas": False})
        sheet = workbook.add_worksheet("Complaints")
        for number, row in enumerate(_shaped(count)):
            sheet.write_row(number, 0, row)
        workbook.close()
        return _read_back(file.name, started)


def _openpyxl(count: int) -> Measured:
    import openpyxl

    started = time.perf_counter()
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as file:
        workbook = openpyxl.Workbook(write_only=True)
        sheet = workbook.create_sheet("Complaints")
        for row in _shaped(count):
            sheet.append(row)
        workbook.save(file.name)
        return _read_back(file.name, started)


WRITERS: dict[str, Callable[[int], Measured]] = {
    "seva": _ours,
    "xlsxwriter": _xlsxwriter,
    "openpyxl": _openpyxl,
}


def run(out: Any, *, rows: int, rounds: int) -> dict[str, Any]:
    result: dict[str, Any] = {"benchmark": "xlsx", "rows": rows, "rounds": rounds}
    for name, write in WRITERS.items():
        runs = [write(rows) for _ in range(rounds)]
        tracemalloc.start()
        write(min(rows, 20_000))
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        firsts, totals = [r[0] for r in runs], [r[1] for r in runs]
        figures = {
            "first_byte_s_median": round(statistics.median(firsts), 3),
            "total_s_median": round(statistics.median(totals), 2),
            "total_s_range": [round(min(totals), 2), round(max(totals), 2)],
            "bytes": runs[0][2],
            "peak_python_mb_at_20k_rows": round(peak / 1e6, 1),
        }
        out.write(f"{name:>10}: {figures}")
        result[name] = figures
    return result
