"""A tiny streaming XLSX writer: one sheet, text and number cells, nothing else.

Hand-written (zipfile + SpreadsheetML) instead of a dependency: the exports need no styles or
formulas, and this streams — each chunk of rows is compressed and handed out as it is made,
so a million-row export never sits in memory. Cells are inline strings, escaped for XML;
characters XML 1.0 forbids (control characters in hostile posts) are dropped.

A workbook whose rows fail midway (a lost database connection, after the response began) must
not look complete: its sheet ends with `INCOMPLETE_MARK`, the archive never gets its central
directory (so no spreadsheet opens it as it is), and the error goes on up, which makes the
server drop the connection before the end of a chunked response.
"""

from __future__ import annotations

import logging
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from xml.sax.saxutils import escape

_PKG = "http://schemas.openxmlformats.org/package/2006"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"

Cell = str | int | float | None

log = logging.getLogger(__name__)

# The last row of an export that failed midway, in CSV and XLSX alike.
INCOMPLETE_MARK = (
    "EXPORT FAILED: this file is incomplete. Export it again. / "
    "निर्यात विफल: यह फ़ाइल अधूरी है। फिर से निर्यात करें।"
)

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<Types xmlns="{_PKG}/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_SHEET_TYPE}.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    f'ContentType="{_SHEET_TYPE}.worksheet+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<Relationships xmlns="{_PKG}/relationships">'
    f'<Relationship Id="rId1" Type="{_OFFICE}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<Relationships xmlns="{_PKG}/relationships">'
    f'<Relationship Id="rId1" Type="{_OFFICE}/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)
_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_SHEET_TAIL = "</sheetData></worksheet>"


def _workbook(sheet_name: str) -> str:
    name = escape(_FORBIDDEN.sub("", sheet_name)[:31], {'"': "&quot;"})
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )


def _cell(value: Cell) -> str:
    if value is None or value == "":
        return "<c/>"
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, int | float):
        return f'<c t="n"><v>{value}</v></c>'
    text = escape(_FORBIDDEN.sub("", str(value))[:32_767])
    return f'<c t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def _row(values: Sequence[Cell]) -> str:
    return "<row>" + "".join(_cell(value) for value in values) + "</row>"


class _Sink:
    """A write-only file for zipfile that hands out what was written since the last drain."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []
        self.position = 0

    def write(self, data: bytes) -> int:
        self.chunks.append(bytes(data))
        self.position += len(data)
        return len(data)

    def tell(self) -> int:
        return self.position

    def flush(self) -> None:
        pass

    def drain(self) -> bytes:
        data = b"".join(self.chunks)
        self.chunks.clear()
        return data


def xlsx_stream(
    rows: Iterable[Sequence[Cell]], *, sheet_name: str = "Sheet1", rows_per_chunk: int = 500
) -> Iterator[bytes]:
    """The bytes of an .xlsx workbook whose one sheet holds `rows`, produced as it goes. If
    `rows` fails, the sheet ends with INCOMPLETE_MARK, the archive is left without its central
    directory, and the error is raised again after those bytes."""
    sink = _Sink()
    archive = zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED)  # type: ignore[call-overload]
    archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
    archive.writestr("_rels/.rels", _RELS)
    archive.writestr("xl/workbook.xml", _workbook(sheet_name))
    archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
    sheet = archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True)
    sheet.write(_SHEET_HEAD.encode())
    pending: list[str] = []
    try:
        for values in rows:
            pending.append(_row(values))
            if len(pending) >= rows_per_chunk:
                sheet.write("".join(pending).encode())
                pending.clear()
                yield sink.drain()
    except Exception:
        log.exception("an XLSX export failed midway; sent marked incomplete, then cut off")
        sheet.write(("".join(pending) + _row([INCOMPLETE_MARK]) + _SHEET_TAIL).encode())
        sheet.close()
        yield sink.drain()  # never archive.close(): no central directory, no usable file
        raise
    sheet.write(("".join(pending) + _SHEET_TAIL).encode())
    sheet.close()
    archive.close()
    yield sink.drain()
