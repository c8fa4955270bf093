"""The REST API's request and response shapes (pydantic, through django-ninja).

Requests are validated here before any service runs; text fields refuse what a database or a
reader should never get (lone surrogates, NUL and other control characters). Responses are
built from models by the `*_out` functions in `seva.api.render`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from ninja import Schema
from pydantic import AfterValidator, Field

from seva.complaints.statuses import Status

# Control characters other than tab, newline and carriage return, and lone surrogates (which
# JSON's \ud800 escapes can smuggle in and neither UTF-8 nor PostgreSQL accepts).
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _clean(value: str) -> str:
    if _UNSAFE.search(value):
        raise ValueError("text contains control characters or invalid Unicode")
    return value


# The pattern puts the rule in the OpenAPI document for clients; the validator also catches
# lone surrogates, which a pattern cannot express.
def _utc(value: dt.datetime) -> dt.datetime:
    # Databases take offsets within ±15:59 only; in UTC every valid instant is storable.
    if value.tzinfo is None:
        raise ValueError("a date-time needs its time zone (Z or ±HH:MM)")
    try:
        return value.astimezone(dt.UTC)
    except OverflowError:
        raise ValueError("date-time out of range") from None


Instant = Annotated[dt.datetime, AfterValidator(_utc)]
CleanText = Annotated[
    str, Field(pattern=r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"), AfterValidator(_clean)
]
UnitCode = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_-]+$")]
NoteText = Annotated[CleanText, Field(max_length=4000)]
ReasonText = Annotated[CleanText, Field(max_length=1000)]
StatusValue = Literal[
    "open",
    "forwarded",
    "in_process",
    "incomplete_info",
    "closed",
    "disposed",
    "reopened",
    "not_actionable",
    "duplicate",
]
assert set(StatusValue.__args__) == {s.value for s in Status}  # type: ignore[attr-defined]


class ErrorDetail(Schema):
    code: str
    message: str
    field: str | None = None


class ErrorOut(Schema):
    error: ErrorDetail


# --- complaints -------------------------------------------------------------------------------


class ComplaintFilters(Schema):
    status: StatusValue | None = None
    unit: UnitCode | None = Field(None, description="a unit's code: this unit and below")
    category: Annotated[str, Field(max_length=40, pattern=r"^[a-z_]*$")] | None = None
    urgent: bool | None = None
    received_after: Instant | None = None
    received_before: Instant | None = None
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=1_000_000)


class UnitOut(Schema):
    code: str
    name_en: str
    name_hi: str
    kind: str


class ComplaintOut(Schema):
    code: str
    status: StatusValue
    status_label: str
    unit: UnitOut
    category: str
    is_urgent: bool
    language: str
    channel: str
    text: str
    complainant_handle: str
    received_at: dt.datetime
    registered_at: dt.datetime
    forwarded_at: dt.datetime | None
    first_action_at: dt.datetime | None
    closed_at: dt.datetime | None
    disposed_at: dt.datetime | None
    sla_due_at: dt.datetime | None
    sla_paused: bool
    reopen_count: int
    merged_into: str | None


class ComplaintPage(Schema):
    total: int
    limit: int
    offset: int
    items: list[ComplaintOut]


class MessageOut(Schema):
    id: int
    # third_party: a post by someone other than the complainant (shown like internal notes)
    kind: Literal["inbound", "third_party", "reply", "public_note", "internal_note"]
    public: bool
    channel: str
    author: str
    text: str
    sent_at: dt.datetime


class TimelineOut(Schema):
    at: dt.datetime
    type: str
    actor: str
    sentence: str


class ComplaintDetail(ComplaintOut):
    thread: list[MessageOut]
    timeline: list[TimelineOut]
    allowed_actions: list[str]


# --- actions ----------------------------------------------------------------------------------


class ForwardIn(Schema):
    unit: UnitCode


class ActIn(Schema):
    status: Literal["in_process", "closed", "incomplete_info"]
    note: NoteText = ""


class ReviewIn(Schema):
    decision: Literal["accept", "reopen"]
    reason: ReasonText = ""


class TransferIn(Schema):
    unit: UnitCode
    reason: Annotated[ReasonText, Field(min_length=1)]


class NoteIn(Schema):
    text: Annotated[NoteText, Field(min_length=1)]
    public: bool = False


class ReplyIn(Schema):
    text: Annotated[CleanText, Field(min_length=1, max_length=1000)]


class ReplyOut(Schema):
    message: MessageOut
    delivery: Literal["queued", "withheld", "none"]
    delivery_note: str


# --- filing a complaint -----------------------------------------------------------------------


class ComplaintIn(Schema):
    """A complaint filed by a submitter (an app, a partner's portal)."""

    text: Annotated[CleanText, Field(min_length=1, max_length=5000)]
    unit_code: Annotated[str, Field(max_length=40, pattern=r"^[A-Za-z0-9_-]*$")] = Field(
        "", description="a district's or police station's code; empty: triage decides"
    )
    name: Annotated[CleanText, Field(max_length=200)] = ""
    phone: Annotated[CleanText, Field(max_length=40)] = ""
    email: Annotated[CleanText, Field(max_length=254)] = ""
    latitude: Annotated[float, Field(ge=-90, le=90)] | None = None
    longitude: Annotated[float, Field(ge=-180, le=180)] | None = None
    language: Literal["", "hi", "en"] = ""
    client_ref: Annotated[CleanText, Field(max_length=200)] = Field(
        "", description="your id for this request: a retry with it returns the same code"
    )


class FiledOut(Schema):
    code: str
    created: bool
    tracking_url: str
