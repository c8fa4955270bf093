"""What the citizens' pages read: a complaint as the public may see it, and the units a
citizen may choose on the complaint form.

`tracking_view` is the one definition of "what is public about a complaint" (the tracking
page, its JSON and, later, the REST API serve it). It never carries internal notes, the
complainant's name, phone or email, officers' names, triage details, or the text of a
complaint filed through the web form, REST API or Open311, or sent as a direct message (only a
post the citizen published on X is shown, as it is public there already).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from seva.channels.models import InboundRecord
from seva.complaints.codes import parse_code
from seva.complaints.models import Complaint, Event, MessageKind
from seva.complaints.statuses import CLOCK_RUNNING, Status
from seva.complaints.vocabulary import EventType
from seva.core.errors import NotFound
from seva.directory.models import Platform, Unit, UnitKind

# Raw formats of posts the citizen published themselves on X: only these texts are shown.
# Direct messages (x.v2.dm, x.v1.dm) are private, and a complaint whose origin cannot be
# traced to such a record (registered by hand, or a channel we add later) is not shown either.
PUBLIC_POST_FORMATS = frozenset({"x.v2.post", "x.v1.status", "manual.x"})
_INBOUND_REF = "social.inbound:"
PUBLIC_MESSAGE_KINDS = (MessageKind.REPLY, MessageKind.PUBLIC_NOTE)
# Events that make a public step; everything else (notes, SLA, alerts, replies) is internal.
_STEP_EVENTS = frozenset(
    {
        EventType.REGISTERED,
        EventType.FORWARDED,
        EventType.TRANSFERRED,
        EventType.STATUS_CHANGED,
        EventType.MERGED,
    }
)

_STATUS_VALUES = frozenset(s.value for s in Status)


@dataclass(frozen=True)
class PublicUnit:
    code: str
    kind: str  # UnitKind value
    name_en: str
    name_hi: str  # the English name when no Hindi name is recorded


@dataclass(frozen=True)
class PublicUpdate:
    """A reply or public note from the police, as the citizen reads it (no author)."""

    at: dt.datetime
    kind: str  # "reply" or "note"
    text: str


@dataclass(frozen=True)
class PublicStep:
    """One step of the public history. `type` is "received", "forwarded", "transferred",
    "status" (with `status`) or "merged" (with `code`)."""

    at: dt.datetime
    type: str
    status: Status | None = None
    unit: PublicUnit | None = None
    code: str = ""


@dataclass(frozen=True)
class TrackingView:
    code: str
    status: Status
    unit: PublicUnit
    channel: str
    received_at: dt.datetime
    registered_at: dt.datetime
    updated_at: dt.datetime
    closed_at: dt.datetime | None  # when it last reached a finished state (None while open)
    action_due_at: dt.datetime | None  # the clock's deadline while it runs (None when paused)
    merged_into: str  # the primary complaint's code for a duplicate, else ""
    text: str  # the citizen's own public post (X); "" for every other channel
    updates: tuple[PublicUpdate, ...]
    steps: tuple[PublicStep, ...]


def _public_unit(unit: Unit) -> PublicUnit:
    return PublicUnit(
        code=unit.code, kind=unit.kind, name_en=unit.name_en, name_hi=unit.name_hi or unit.name_en
    )


def tracking_view(code: str) -> TrackingView:
    """The public face of the complaint with this code, typed in any way `parse_code`
    forgives. Raises CodeFormatError or CodeCheckError (from seva.complaints.codes) for a
    malformed or mistyped code, NotFound when no complaint has it. At most five queries."""
    canonical = str(parse_code(code))
    complaint = (
        Complaint.objects.select_related("unit", "merged_into", "origin_message")
        .filter(code=canonical)
        .first()
    )
    if complaint is None:
        raise NotFound(f"no complaint has the code {canonical}")
    events = list(
        complaint.events.filter(type__in=_STEP_EVENTS)
        .order_by("at", "id")
        .only("at", "type", "data")
    )
    unit_codes = {
        str(e.data.get("to_unit"))
        for e in events
        if e.type in (EventType.FORWARDED, EventType.TRANSFERRED)
    }
    units = {u.code: _public_unit(u) for u in Unit.objects.filter(code__in=unit_codes)}
    steps = tuple(_steps(events, units))
    messages = complaint.messages.filter(kind__in=PUBLIC_MESSAGE_KINDS).order_by("sent_at", "id")
    updates = tuple(
        PublicUpdate(
            at=m.sent_at, kind="reply" if m.kind == MessageKind.REPLY else "note", text=m.text
        )
        for m in messages.only("sent_at", "kind", "text")
    )
    status = Status(complaint.status)
    times = [complaint.registered_at, *(s.at for s in steps), *(u.at for u in updates)]
    return TrackingView(
        code=complaint.code,
        status=status,
        unit=_public_unit(complaint.unit),
        channel=complaint.channel,
        received_at=complaint.received_at,
        registered_at=complaint.registered_at,
        updated_at=max(times),
        closed_at=_closed_at(status, steps),
        action_due_at=(
            complaint.sla_due_at
            if status in CLOCK_RUNNING and complaint.sla_paused_at is None
            else None
        ),
        merged_into=complaint.merged_into.code if complaint.merged_into else "",
        text=complaint.text if _published(complaint) else "",
        updates=updates,
        steps=steps,
    )


def _published(complaint: Complaint) -> bool:
    """Whether the complaint's text is a post its author published on X (one query)."""
    origin = complaint.origin_message
    if complaint.channel != Platform.X or origin is None:
        return False
    if not origin.source_ref.startswith(_INBOUND_REF):
        return False
    record_id = origin.source_ref.removeprefix(_INBOUND_REF)
    if not record_id.isdigit():
        return False
    formats = InboundRecord.objects.filter(pk=int(record_id)).values_list("format", flat=True)
    return formats.first() in PUBLIC_POST_FORMATS


def _steps(events: list[Event], units: dict[str, PublicUnit]) -> list[PublicStep]:
    steps: list[PublicStep] = []
    for event in events:
        data = event.data
        if event.type == EventType.REGISTERED:
            steps.append(PublicStep(at=event.at, type="received"))
        elif event.type in (EventType.FORWARDED, EventType.TRANSFERRED):
            unit = units.get(str(data.get("to_unit")))
            kind = "forwarded" if event.type == EventType.FORWARDED else "transferred"
            if unit is not None:
                steps.append(PublicStep(at=event.at, type=kind, unit=unit))
        elif event.type == EventType.MERGED:
            steps.append(PublicStep(at=event.at, type="merged", code=str(data.get("into", ""))))
        elif event.type == EventType.STATUS_CHANGED:
            to = data.get("to")
            # Forwarded and Duplicate are told by their own steps (with the unit, the code).
            if to in _STATUS_VALUES and to not in (Status.FORWARDED, Status.DUPLICATE):
                steps.append(PublicStep(at=event.at, type="status", status=Status(to)))
    return steps


_FINISHED = frozenset({Status.CLOSED, Status.DISPOSED, Status.NOT_ACTIONABLE, Status.DUPLICATE})


def _closed_at(status: Status, steps: tuple[PublicStep, ...]) -> dt.datetime | None:
    """When the complaint reached the finished state it is in now (Closed, Disposed, Not
    taken up or Merged); None while it is still being worked."""
    if status not in _FINISHED:
        return None
    for step in reversed(steps):
        if step.status == status or (status == Status.DUPLICATE and step.type == "merged"):
            return step.at
    return None


def complaint_exists(code: str) -> bool:
    """Whether a complaint has exactly this (printed) code."""
    return Complaint.objects.filter(code=code).exists()


# --- the complaint form's choices -----------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    code: str
    name_en: str
    name_hi: str
    aliases: tuple[str, ...] = ()


def choosable_districts() -> list[Choice]:
    """Every active district, by English name (one query)."""
    rows = Unit.objects.filter(kind=UnitKind.DISTRICT, is_active=True).order_by("name_en")
    return [
        Choice(
            code=u.code,
            name_en=u.name_en,
            name_hi=u.name_hi or u.name_en,
            aliases=tuple(str(a) for a in u.aliases if isinstance(a, str)),
        )
        for u in rows.only("code", "name_en", "name_hi", "aliases")
    ]


def choosable_stations(district_code: str) -> list[Choice]:
    """The active police stations of an active district, by English name; [] for anything
    else (one query)."""
    if not district_code:
        return []
    rows = Unit.objects.filter(
        kind=UnitKind.POLICE_STATION,
        is_active=True,
        parent__code=district_code,
        parent__kind=UnitKind.DISTRICT,
        parent__is_active=True,
    ).order_by("name_en")
    return [
        Choice(code=u.code, name_en=u.name_en, name_hi=u.name_hi or u.name_en)
        for u in rows.only("code", "name_en", "name_hi")
    ]
