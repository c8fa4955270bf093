"""What every endpoint shares: the documented error answers and reading a code."""

from __future__ import annotations

from typing import Any

from seva.api.schemas import ErrorOut
from seva.complaints.codes import CodeError, format_code

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
    Anything unreadable is passed on as it is and so answers "not found" like a missing one."""
    try:
        return format_code(text)
    except CodeError:
        return text
