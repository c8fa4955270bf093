"""Rendering GeoReport v2 answers in JSON and XML.

The spec derives JSON from XML by the "Spark convention": a list element becomes an array of
objects, a missing value is `null` in JSON and an empty element in XML, booleans are
`true`/`false`. XML is built with ElementTree (never by string concatenation), so markup in a
complaint's text arrives escaped, preceded by the XML declaration with encoding UTF-8.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from typing import Any

from django.http import HttpResponse

# Characters XML 1.0 cannot carry at all, even escaped: dropped from text we write.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'

Value = str | int | float | bool | None | list[Any] | dict[str, Any]

# The element each list's items get in XML (the spec's names).
ITEM_ELEMENTS = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
}


class Open311Error(Exception):
    """An answer in the spec's error shape. `status` is the HTTP status (404, 403 or 400, and
    429 over the tracking limit, with `retry_after`); `code` the one in the body, which may say
    more (409, 503)."""

    def __init__(
        self,
        status: int,
        description: str,
        *,
        code: int | None = None,
        retry_after: int | None = None,
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.code = code or status
        self.retry_after = retry_after


def _text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML.sub("", str(value))


def _fill(element: ET.Element, value: Value) -> None:
    if isinstance(value, dict):
        for key, child in value.items():
            _fill(ET.SubElement(element, key), child)
    elif isinstance(value, list):
        item_tag = ITEM_ELEMENTS[element.tag]
        for item in value:
            _fill(ET.SubElement(element, item_tag), item)
    else:
        element.text = _text(value)


def to_xml(root: str, value: Value) -> bytes:
    element = ET.Element(root)
    _fill(element, value)
    ET.indent(element)
    # The declaration exactly as the spec asks for it (ElementTree writes 'utf-8' in quotes
    # of its own choosing); the document itself is serialised by ElementTree.
    return XML_DECLARATION + ET.tostring(element, encoding="unicode").encode("utf-8")


def respond(fmt: str, root: str, value: Value, *, status: int = 200) -> HttpResponse:
    """`value` is the list or object under `root` (root is only written in XML)."""
    if fmt == "xml":
        return HttpResponse(
            to_xml(root, value), status=status, content_type="text/xml; charset=utf-8"
        )
    body = json.dumps(value, ensure_ascii=False)
    return HttpResponse(body, status=status, content_type="application/json; charset=utf-8")


def errors(fmt: str, status: int, description: str, code: int | None = None) -> HttpResponse:
    """The spec's error answer: a list of {code, description}; the code is the HTTP status."""
    return respond(
        fmt, "errors", [{"code": code or status, "description": description}], status=status
    )
