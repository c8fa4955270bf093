"""Exports: complaints in range and reach, the unit table; CSV formula guard; XLSX content."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from typing import Any

from seva.command.exports import csv_safe
from seva.command.services import rollup_refresh
from seva.command.xlsx import xlsx_stream
from tests.complaints.helpers import register
from tests.desk.helpers import signed_in

HOSTILE = '=HYPERLINK("http://evil.example","click") <script>alert(1)</script> \u202e\x07 "quoted"'


def _csv(response: Any) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    return list(csv.reader(io.StringIO(body)))


def _xlsx_cells(response: Any) -> list[str]:
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert "[Content_Types].xml" in archive.namelist()
    sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    return re.findall(r"<t xml:space=\"preserve\">(.*?)</t>", sheet)


def test_complaint_export_csv_is_scoped_and_guarded(world: Any) -> None:
    mine = register(world.agra, text=HOSTILE).code
    register(world.lucknow)
    response = signed_in(world.agra_officer).get("/command/export/complaints.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = _csv(response)
    assert rows[0][0] == "Code"
    assert [row[0] for row in rows[1:]] == [mine]
    text = rows[1][-1]
    assert text.startswith("'=HYPERLINK")  # formula injection guarded
    assert "<script>" in text  # kept as data, never interpreted


def test_complaint_export_xlsx(world: Any) -> None:
    code = register(world.agra, text=HOSTILE).code
    response = signed_in(world.hq_operator).get("/command/export/complaints.xlsx")
    assert response.status_code == 200
    cells = _xlsx_cells(response)
    assert code in cells
    assert any("&lt;script&gt;" in cell for cell in cells)  # XML-escaped
    assert not any("\x07" in cell for cell in cells)  # XML-forbidden characters dropped


def test_a_maintained_reader_opens_the_workbook(world: Any) -> None:
    """Seva writes XLSX itself (it streams; `bench xlsx`); openpyxl, an independent
    implementation, must read back exactly what was written."""
    import openpyxl

    code = register(world.agra, text=HOSTILE).code
    response: Any = signed_in(world.hq_operator).get("/command/export/complaints.xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][0] == "Code"
    assert rows[1][0] == code
    assert "<script>" in str(rows[1][-1])  # the text itself, unescaped by the reader


def test_unit_table_exports(world: Any) -> None:
    register(world.lucknow)
    rollup_refresh()  # the rollup worker's step
    client = signed_in(world.hq_operator)
    rows = _csv(client.get("/command/export/units.csv"))
    assert rows[0][0] == "Unit"
    assert rows[-1][0] == "Total"
    lucknow = next(row for row in rows if row[0] == "Lucknow")
    assert lucknow[1] == "1"
    assert "Lucknow" in _xlsx_cells(client.get("/command/export/units.xlsx"))
    assert client.get("/command/export/units.pdf").status_code == 404


def test_hindi_headers(world: Any) -> None:
    rows = _csv(signed_in(world.hq_operator, language="hi").get("/command/export/units.csv"))
    assert rows[0][0] == "इकाई"


def test_csv_guard() -> None:
    values: list[str | int] = ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "ok", 5]
    assert [csv_safe(v) for v in values] == [
        "'=1+1",
        "'+1",
        "'-1",
        "'@SUM(A1)",
        "'\tx",
        "ok",
        5,
    ]


def test_xlsx_streams_in_chunks() -> None:
    chunks = list(xlsx_stream(([n, f"row {n}"] for n in range(2000)), rows_per_chunk=500))
    assert len(chunks) > 3
    archive = zipfile.ZipFile(io.BytesIO(b"".join(chunks)))
    assert archive.read("xl/worksheets/sheet1.xml").count(b"<row>") == 2000
