"""What every endpoint shares: the documented error answers and reading a code."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from seva.api.schemas import ErrorOut
from seva.complaints.codes import CodeError, format_code
from seva.core.errors import NotFound

# Documented on every endpoint so the OpenAPI document tells clients the one error shape.
ERRORS: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    413: ErrorOut,
    422: ErrorOut,
    429: ErrorOut,
}
ACTION_ERRORS: dict[int, Any] = {**ERRORS, 409: ErrorOut}


def complaint_code(text: str) -> str:
    """A code as typed (lower case, no hyphens, O for 0 are forgiven), in its printed form.
    Every stored code is well formed, so an unreadable one is "not found" like a missing one,
    without a query (and never reaches the database: PostgreSQL refuses NUL in text)."""
    try:
        return format_code(text)
    except CodeError:
        raise NotFound("no such complaint") from None


def readable_codes(texts: Iterable[str]) -> tuple[str, ...]:
    """The well-formed codes among `texts`, printed; the others cannot match any complaint."""
    codes = []
    for text in texts:
        try:
            codes.append(format_code(text))
        except CodeError:
            continue
    return tuple(codes)
