"""The actions on a complaint. Each endpoint first checks that the caller sees the complaint
(404 before any input is used), then calls the one service that does the work; the service
checks the action itself (403) and the status table (409)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Path, Router
from ninja.responses import Status as Answer

from seva.api.auth import acting_person
from seva.api.endpoints.common import ACTION_ERRORS, complaint_code
from seva.api.render import complaint_out, message_out
from seva.api.schemas import (
    ActIn,
    ComplaintOut,
    ForwardIn,
    MessageOut,
    NoteIn,
    ReplyIn,
    ReplyOut,
    ReviewIn,
    TransferIn,
)
from seva.channels.models import ReplyState
from seva.channels.officer_replies import reply_write
from seva.complaints.services import (
    complaint_act,
    complaint_forward,
    complaint_note,
    complaint_review,
    complaint_transfer,
)
from seva.complaints.statuses import Status
from seva.core.errors import InvalidInput
from seva.directory.access import access_complaint
from seva.directory.models import Unit

router = Router(tags=["actions"])


def _visible(request: HttpRequest, code: str) -> str:
    """The printed code, once the caller is known to see the complaint (else NotFound)."""
    person = acting_person(request)
    code = complaint_code(code)
    access_complaint(person, code)
    return code


def _active_unit(code: str) -> Unit:
    unit = Unit.objects.filter(code=code, is_active=True).first()
    if unit is None:
        raise InvalidInput(f"no active unit {code!r}", field="unit")
    return unit


@router.post(
    "/complaints/{code}/forward",
    operation_id="complaint_forward",
    response={200: ComplaintOut, **ACTION_ERRORS},
)
def forward(request: HttpRequest, code: Path[str], payload: ForwardIn) -> ComplaintOut:
    """Send the complaint down the tree to a unit in the caller's reach."""
    code = _visible(request, code)
    complaint = complaint_forward(
        actor=acting_person(request), code=code, to_unit=_active_unit(payload.unit)
    )
    return complaint_out(complaint)


@router.post(
    "/complaints/{code}/act",
    operation_id="complaint_act",
    response={200: ComplaintOut, **ACTION_ERRORS},
)
def act(request: HttpRequest, code: Path[str], payload: ActIn) -> ComplaintOut:
    """The officer's three options: In-process, Closed, Incomplete information (the last two
    need a note, which the citizen sees)."""
    code = _visible(request, code)
    complaint = complaint_act(
        actor=acting_person(request), code=code, to=Status(payload.status), note=payload.note
    )
    return complaint_out(complaint)


@router.post(
    "/complaints/{code}/review",
    operation_id="complaint_review",
    response={200: ComplaintOut, **ACTION_ERRORS},
)
def review(request: HttpRequest, code: Path[str], payload: ReviewIn) -> ComplaintOut:
    """HQ's review of a closure: accept (Disposed) or reopen with a reason."""
    code = _visible(request, code)
    complaint = complaint_review(
        actor=acting_person(request),
        code=code,
        accept=payload.decision == "accept",
        reason=payload.reason,
    )
    return complaint_out(complaint)


@router.post(
    "/complaints/{code}/transfer",
    operation_id="complaint_transfer",
    response={200: ComplaintOut, **ACTION_ERRORS},
)
def transfer(request: HttpRequest, code: Path[str], payload: TransferIn) -> ComplaintOut:
    """Move the complaint across the tree to any other active unit, with a reason."""
    code = _visible(request, code)
    complaint = complaint_transfer(
        actor=acting_person(request),
        code=code,
        to_unit=_active_unit(payload.unit),
        reason=payload.reason,
    )
    return complaint_out(complaint)


@router.post(
    "/complaints/{code}/notes",
    operation_id="complaint_note",
    response={201: MessageOut, **ACTION_ERRORS},
)
def note(request: HttpRequest, code: Path[str], payload: NoteIn) -> Answer[MessageOut]:
    """Add a note: internal (officers only) unless `public` is true."""
    code = _visible(request, code)
    message = complaint_note(
        actor=acting_person(request), code=code, text=payload.text, public=payload.public
    )
    return Answer(201, message_out(message))


@router.post(
    "/complaints/{code}/replies",
    operation_id="complaint_reply",
    response={201: ReplyOut, **ACTION_ERRORS},
)
def reply(request: HttpRequest, code: Path[str], payload: ReplyIn) -> Answer[ReplyOut]:
    """Write to the citizen. Kept in the thread; sent into the citizen's channel thread by the
    reply worker where there is one (`queued`), or not allowed there (`withheld`)."""
    code = _visible(request, code)
    written = reply_write(actor=acting_person(request), code=code, text=payload.text)
    outbound = written.outbound
    if outbound is None:
        delivery, why = "none", "no channel thread to answer in; the tracking page shows it"
    elif outbound.state == ReplyState.WITHHELD:
        delivery, why = "withheld", outbound.last_error
    else:
        delivery, why = "queued", "the reply worker sends it"
    return Answer(
        201,
        ReplyOut(
            message=message_out(written.message),
            delivery=delivery,  # type: ignore[arg-type]
            delivery_note=why,
        ),
    )
