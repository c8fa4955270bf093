"""Ranges of days: a day Seva cannot count on is a clear 400 everywhere a range is read (the
desk's queue, the command centre, its exports, the figures API), never a 500; and an export
that fails after it began never looks like a complete file."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from typing import Any

import pytest
from django.db import OperationalError

from seva.command import exports
from seva.command.xlsx import INCOMPLETE_MARK
from tests.api.helpers import as_person
from tests.complaints.helpers import register
from tests.desk.helpers import signed_in

MESSAGE = "Give dates from 2000-01-01 to 2099-12-31."
EXTREMES = [{"from": "0001-01-01"}, {"to": "9999-12-31"}, {"from": "1999-12-31"}]


@pytest.mark.parametrize("dates", EXTREMES)
@pytest.mark.parametrize(
    "url",
    ["/desk/", "/command/", "/command/export/complaints.csv", "/command/export/units.xlsx"],
)
def test_a_day_out_of_bounds_is_a_400_that_says_why(
    world: Any, url: str, dates: dict[str, str]
) -> None:
    register(world.lucknow)
    response = signed_in(world.hq_operator).get(url, dates)
    assert response.status_code == 400
    assert not response.streaming  # an export is refused before anything streams
    assert MESSAGE in response.content.decode()


@pytest.mark.parametrize("dates", EXTREMES)
def test_the_figures_api_refuses_it_naming_the_parameter(world: Any, dates: dict[str, str]) -> None:
    response = as_person(world.hq_operator).get("/command/figures", **dates)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_input"
    assert error["field"] == next(iter(dates))
    assert MESSAGE in error["message"]


def test_the_message_is_in_the_readers_language(world: Any) -> None:
    client = signed_in(world.lucknow_officer, language="hi")
    response = client.get("/command/", {"to": "9999-12-31"})
    assert response.status_code == 400
    assert "2000-01-01 से 2099-12-31 तक की तारीखें दें।" in response.content.decode()


def test_the_bounds_themselves_are_fine(world: Any) -> None:
    client = signed_in(world.hq_operator)
    widest = {"from": "2000-01-01", "to": "2099-12-31"}
    assert client.get("/desk/", widest).status_code == 200
    assert client.get("/command/", widest).status_code == 200
    assert as_person(world.hq_operator).get("/command/figures", **widest).status_code == 200


def _failing_midway(monkeypatch: Any) -> None:
    """The database goes away after the first complaint's row (a real outage cannot be
    arranged on SQLite, so the row source raises as the driver would)."""
    real = exports._complaint_row
    made: list[Any] = []

    def row(complaint: Any) -> Any:
        if made:
            raise OperationalError("server closed the connection unexpectedly")
        made.append(complaint)
        return real(complaint)

    monkeypatch.setattr(exports, "_complaint_row", row)


def _read_until_cut(response: Any) -> bytes:
    received: list[bytes] = []
    chunks = iter(response.streaming_content)
    while True:
        try:
            received.append(next(chunks))
        except OperationalError:  # raised on to the server, which drops the connection
            return b"".join(received)
        except StopIteration:
            raise AssertionError("the export ended as if complete") from None


def test_a_csv_export_that_fails_midway_ends_marked_incomplete_and_is_cut(
    world: Any, monkeypatch: Any
) -> None:
    first, _second = register(world.lucknow).code, register(world.lucknow).code
    _failing_midway(monkeypatch)
    response = signed_in(world.hq_operator).get("/command/export/complaints.csv")
    assert response.status_code == 200  # sent before the failure
    body = _read_until_cut(response).decode("utf-8")
    assert first in body
    assert body.rstrip().endswith(INCOMPLETE_MARK)


def test_an_xlsx_export_that_fails_midway_is_no_workbook(world: Any, monkeypatch: Any) -> None:
    register(world.lucknow)
    register(world.lucknow)
    _failing_midway(monkeypatch)
    response = signed_in(world.hq_operator).get("/command/export/complaints.xlsx")
    body = _read_until_cut(response)
    assert body.startswith(b"PK")  # the parts made before the failure went out
    with pytest.raises(zipfile.BadZipFile):  # but no spreadsheet opens it
        zipfile.ZipFile(io.BytesIO(body))
    # A tool that salvages the entries it finds gets a sheet that says it is incomplete.
    sheet_name = b"xl/worksheets/sheet1.xml"
    header = body.index(b"PK\x03\x04")  # each entry's local header, then its name
    while body[header + 30 : header + 30 + len(sheet_name)] != sheet_name:
        header = body.index(b"PK\x03\x04", header + 1)
    name_length, extra_length = struct.unpack("<HH", body[header + 26 : header + 30])
    start = header + 30 + name_length + extra_length
    sheet = zlib.decompressobj(-15).decompress(body[start:]).decode("utf-8")
    assert sheet.endswith(
        f'<t xml:space="preserve">{INCOMPLETE_MARK}</t></is></c></row></sheetData></worksheet>'
    )
