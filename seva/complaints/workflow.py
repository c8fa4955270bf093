"""The complaint lifecycle services: the only code that writes complaints.

Each service is atomic, checks access through `seva.directory.access`, locks the complaint
row, moves status only through `complaint_set_status`, and writes one event per change.
No network inside: replies are produced later from the events.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import F

from seva.complaints import events, sla
from seva.complaints.codes import make_code
from seva.complaints.models import CodeCounter, Complainant, Complaint, Message, MessageKind
from seva.complaints.statuses import NOTE_REQUIRED, OFFICER_ACTIONS, TRANSITIONS, Status
from seva.core.errors import Conflict, IllegalTransition, InvalidInput, NotAllowed
from seva.core.timeutil import ist_date, now
from seva.directory.access import Action, access_complaint, access_require
from seva.directory.models import Unit, UnitKind

# Moves that count as the unit's first action on the complaint (stops the first-action clock).
_FIRST_ACTIONS = OFFICER_ACTIONS


def complaint_code_allocate(*, prefix: str, at: dt.datetime) -> str:
    """Next code for `prefix` on the IST date of `at`. Call inside the registering transaction:
    the counter row stays locked (PostgreSQL) or the database write-locked (SQLite) until
    commit, so concurrent registrations get distinct serials."""
    day = ist_date(at)
    if not CodeCounter.objects.filter(prefix=prefix, day=day).exists():
        try:
            with transaction.atomic():
                CodeCounter.objects.create(prefix=prefix, day=day, last=0)
        except IntegrityError:
            pass  # another registration created today's row first; use theirs
    CodeCounter.objects.filter(prefix=prefix, day=day).update(last=F("last") + 1)
    serial = CodeCounter.objects.values_list("last", flat=True).get(prefix=prefix, day=day)
    return str(make_code(prefix=prefix, date=day, serial=serial))


def _code_prefix_for(unit: Unit) -> str:
    """The nearest code prefix up the tree: a police station's codes carry its district."""
    codes = [code for code in unit.path.strip("/").split("/")]
    prefixes = dict(
        Unit.objects.filter(code__in=codes)
        .exclude(code_prefix="")
        .values_list("code", "code_prefix")
    )
    for code in reversed(codes):
        if code in prefixes:
            return prefixes[code]
    return str(settings.SEVA_HQ_CODE_PREFIX)


def state_hq() -> Unit:
    return Unit.objects.get(kind=UnitKind.STATE_HQ, parent=None)


def complaint_set_status(
    *, complaint: Complaint, to: Status, actor: User | None, note: str = ""
) -> Complaint:
    """The only writer of `Complaint.status`.

    Refuses moves outside TRANSITIONS (IllegalTransition) and writes with compare-and-swap:
    if another transaction changed the status first, raises Conflict. Keeps the timestamps and
    the SLA clock in step (pause on Incomplete information, resume when leaving it, switch from
    the first-action to the closure deadline on the first action) and writes status.changed.
    """
    old = Status(complaint.status)
    if to not in TRANSITIONS[old]:
        raise IllegalTransition(old, to)
    at = now()
    changes: dict[str, Any] = {"status": to.value, "updated_at": at}
    if to == Status.FORWARDED and complaint.forwarded_at is None:
        changes["forwarded_at"] = at
    if to in _FIRST_ACTIONS and complaint.first_action_at is None:
        changes["first_action_at"] = at
        changes["sla_due_at"] = sla.resolution_due(complaint, since=at)
        changes["escalated_at"] = None  # a new milestone may be escalated again
        changes["escalated_to"] = None
    if to == Status.CLOSED:
        changes["closed_at"] = at
    if to == Status.DISPOSED:
        changes["disposed_at"] = at
    if to == Status.REOPENED:
        changes["reopen_count"] = F("reopen_count") + 1
        changes["closed_at"] = None
        changes["sla_due_at"] = sla.resolution_due(complaint, since=at)
        changes["escalated_at"] = None
        changes["escalated_to"] = None
    if to == Status.INCOMPLETE_INFO:
        changes["sla_paused_at"] = at
    if old == Status.INCOMPLETE_INFO and complaint.sla_paused_at is not None:
        paused = at - complaint.sla_paused_at
        changes["sla_paused_at"] = None
        due = changes.get("sla_due_at", complaint.sla_due_at)
        changes["sla_due_at"] = due + paused if due else None
        events.sla_resumed(complaint, actor=actor, paused_seconds=int(paused.total_seconds()))
    updated = Complaint.objects.filter(pk=complaint.pk, status=old.value).update(**changes)
    if updated != 1:
        raise Conflict(f"complaint {complaint.code} changed meanwhile; reload and try again")
    events.status_changed(complaint, actor=actor, old=old, new=to, note=note)
    if to == Status.INCOMPLETE_INFO:
        events.sla_paused(complaint, actor=actor)
    complaint.refresh_from_db()
    return complaint


@transaction.atomic
def complaint_register(
    *,
    platform: str,
    external_user_id: str,
    text: str,
    channel: str,
    handle: str = "",
    display_name: str = "",
    profile_location: str = "",
    unit: Unit | None = None,
    category: str = "",
    is_urgent: bool = False,
    language: str = "en",
    triage: dict[str, Any] | None = None,
    received_at: dt.datetime | None = None,
    external_id: str = "",
    conversation_id: str = "",
    in_reply_to_external_id: str = "",
    source_ref: str = "",
    actor: User | None = None,
) -> Complaint:
    """Register a complaint from an inbound message, with its code and SLA clock.

    `unit` is where it goes (state HQ when not given); a complaint registered straight to a
    unit below HQ starts Forwarded. `actor` is the HQ operator capturing a post by hand (needs
    CAPTURE), or None for a channel. Emits complaint.registered (and status.changed).
    """
    if not text.strip():
        raise InvalidInput("a complaint needs its text", field="text")
    hq = state_hq()
    if actor is not None:
        access_require(actor, Action.CAPTURE, hq)
    target = unit or hq
    if not target.is_active:
        raise InvalidInput(f"unit {target.code} is deactivated", field="unit")
    at = now()
    complainant, _ = Complainant.objects.update_or_create(
        platform=platform,
        external_user_id=external_user_id,
        defaults={
            "handle": handle,
            "display_name": display_name,
            "profile_location": profile_location,
        },
    )
    message = Message.objects.create(
        kind=MessageKind.INBOUND,
        channel=channel,
        external_id=external_id,
        conversation_id=conversation_id,
        in_reply_to_external_id=in_reply_to_external_id,
        author_handle=handle,
        author_name=display_name,
        text=text,
        language=language,
        source_ref=source_ref,
        sent_at=received_at or at,
    )
    complaint = Complaint.objects.create(
        code=complaint_code_allocate(prefix=_code_prefix_for(target), at=at),
        status=Status.OPEN,
        unit=hq,
        complainant=complainant,
        channel=channel,
        origin_message=message,
        text=text,
        category=category,
        is_urgent=is_urgent,
        language=language,
        triage=triage or {},
        received_at=received_at or at,
        registered_at=at,
        sla_due_at=at + sla.first_action_window(category=category, is_urgent=is_urgent),
    )
    Message.objects.filter(pk=message.pk).update(complaint=complaint)
    events.complaint_registered(complaint, actor=actor)
    if target.pk != hq.pk:
        Complaint.objects.filter(pk=complaint.pk).update(unit=target)
        complaint.unit = target
        events.complaint_forwarded(complaint, actor=actor, from_unit=hq, to_unit=target)
        complaint_set_status(complaint=complaint, to=Status.FORWARDED, actor=actor)
    return complaint


def _require_note(to: Status, note: str) -> str:
    note = note.strip()
    if to in NOTE_REQUIRED and not note:
        raise InvalidInput(f"{to.value} needs a note", field="note")
    return note


def _move_unit(complaint: Complaint, *, to_unit: Unit) -> None:
    if not to_unit.is_active:
        raise InvalidInput(f"unit {to_unit.code} is deactivated", field="unit")
    if to_unit.pk == complaint.unit_id:
        raise InvalidInput(f"the complaint is already with {to_unit.code}", field="unit")
    Complaint.objects.filter(pk=complaint.pk).update(unit=to_unit, updated_at=now())
    complaint.unit = to_unit


@transaction.atomic
def complaint_forward(*, actor: User, code: str, to_unit: Unit) -> Complaint:
    """Send a complaint down the tree to a unit in the actor's reach (HQ → district, district →
    police station). Open and Reopened complaints become Forwarded; a complaint already being
    worked keeps its status and just changes hands. Emits complaint.forwarded."""
    complaint = access_complaint(actor, code, Action.FORWARD, for_update=True)
    if not to_unit.is_within(complaint.unit) and complaint.status != Status.OPEN:
        raise NotAllowed("forward sends a complaint down the tree; use transfer to move it across")
    access_require(actor, Action.FORWARD, to_unit)
    from_unit = complaint.unit
    _move_unit(complaint, to_unit=to_unit)
    events.complaint_forwarded(complaint, actor=actor, from_unit=from_unit, to_unit=to_unit)
    if complaint.status in (Status.OPEN, Status.REOPENED, Status.NOT_ACTIONABLE):
        complaint_set_status(complaint=complaint, to=Status.FORWARDED, actor=actor)
    return complaint


@transaction.atomic
def complaint_act(*, actor: User, code: str, to: Status, note: str = "") -> Complaint:
    """The unit officer's three options: In-process, Closed, Incomplete information.

    Closed and Incomplete information need a note; it is stored as a public note in the
    thread (the citizen is told) and in the event."""
    if to not in OFFICER_ACTIONS:
        raise InvalidInput(
            f"an officer marks In-process, Closed or Incomplete information, not {to}"
        )
    note = _require_note(to, note)
    complaint = access_complaint(actor, code, Action.ACT, for_update=True)
    if note:
        _note_store(complaint, actor=actor, text=note, public=True)
    return complaint_set_status(complaint=complaint, to=to, actor=actor, note=note)


@transaction.atomic
def complaint_review(*, actor: User, code: str, accept: bool, reason: str = "") -> Complaint:
    """HQ review of a closure: accept (Disposed) or reopen with a reason."""
    complaint = access_complaint(actor, code, Action.REVIEW, for_update=True)
    if accept:
        complaint = complaint_set_status(complaint=complaint, to=Status.DISPOSED, actor=actor)
        events.review_accepted(complaint, actor=actor)
        return complaint
    reason = _require_note(Status.REOPENED, reason)
    complaint = complaint_set_status(
        complaint=complaint, to=Status.REOPENED, actor=actor, note=reason
    )
    events.review_reopened(complaint, actor=actor, reason=reason)
    return complaint


@transaction.atomic
def complaint_transfer(*, actor: User, code: str, to_unit: Unit, reason: str) -> Complaint:
    """Move a complaint to any other active unit or department office. The code never changes;
    the complaint starts again at the new unit as Forwarded (the SLA clock keeps running)."""
    if not reason.strip():
        raise InvalidInput("a transfer needs a reason", field="reason")
    complaint = access_complaint(actor, code, Action.TRANSFER, for_update=True)
    from_unit = complaint.unit
    _move_unit(complaint, to_unit=to_unit)
    events.complaint_transferred(
        complaint, actor=actor, from_unit=from_unit, to_unit=to_unit, reason=reason.strip()
    )
    if complaint.status in (Status.OPEN, Status.IN_PROCESS, Status.REOPENED):
        complaint_set_status(complaint=complaint, to=Status.FORWARDED, actor=actor)
    return complaint


@transaction.atomic
def complaint_reject(*, actor: User, code: str, reason: str) -> Complaint:
    """Not actionable (not a grievance, or not ours), with a reason."""
    reason = _require_note(Status.NOT_ACTIONABLE, reason)
    complaint = access_complaint(actor, code, Action.REJECT, for_update=True)
    return complaint_set_status(
        complaint=complaint, to=Status.NOT_ACTIONABLE, actor=actor, note=reason
    )


@transaction.atomic
def complaint_merge(*, actor: User, code: str, into_code: str) -> Complaint:
    """Mark `code` a duplicate of `into_code`: the duplicate closes, the primary carries on."""
    if code == into_code:
        raise InvalidInput("a complaint cannot be a duplicate of itself", field="into")
    duplicate = access_complaint(actor, code, Action.MERGE, for_update=True)
    primary = access_complaint(actor, into_code, Action.MERGE, for_update=True)
    if primary.status == Status.DUPLICATE:
        raise InvalidInput(f"{into_code} is itself a duplicate", field="into")
    duplicate = complaint_set_status(complaint=duplicate, to=Status.DUPLICATE, actor=actor)
    Complaint.objects.filter(pk=duplicate.pk).update(merged_into=primary)
    duplicate.merged_into = primary
    events.complaint_merged(duplicate, actor=actor, primary=primary)
    return duplicate


def _note_store(complaint: Complaint, *, actor: User | None, text: str, public: bool) -> Message:
    message = Message.objects.create(
        complaint=complaint,
        kind=MessageKind.PUBLIC_NOTE if public else MessageKind.INTERNAL_NOTE,
        channel=complaint.channel,
        author_user=actor,
        author_name=actor.get_username() if actor else "",
        text=text,
        sent_at=now(),
    )
    events.note_added(complaint, actor=actor, message=message)
    return message


@transaction.atomic
def complaint_note(*, actor: User, code: str, text: str, public: bool = False) -> Message:
    """Add a note to the thread: internal (officers only) or public (the citizen sees it)."""
    if not text.strip():
        raise InvalidInput("a note needs text", field="text")
    complaint = access_complaint(actor, code, Action.NOTE, for_update=True)
    return _note_store(complaint, actor=actor, text=text.strip(), public=public)


@transaction.atomic
def complaint_attach_followup(
    *,
    complaint: Complaint,
    text: str,
    external_id: str = "",
    conversation_id: str = "",
    in_reply_to_external_id: str = "",
    source_ref: str = "",
    received_at: dt.datetime | None = None,
) -> Message:
    """A citizen's later message on their complaint (the channel found the thread; no access
    check: the actor is the system). Resumes Incomplete information: back to In-process at a
    unit, or to Open when HQ had asked (no district was known yet)."""
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    complainant = complaint.complainant
    message = Message.objects.create(
        complaint=complaint,
        kind=MessageKind.INBOUND,
        channel=complaint.channel,
        external_id=external_id,
        conversation_id=conversation_id,
        in_reply_to_external_id=in_reply_to_external_id,
        author_handle=complainant.handle,
        author_name=complainant.display_name,
        text=text,
        source_ref=source_ref,
        sent_at=received_at or now(),
    )
    events.followup_attached(complaint, message=message)
    if complaint.status == Status.INCOMPLETE_INFO:
        back_to = Status.OPEN if complaint.unit.kind == UnitKind.STATE_HQ else Status.IN_PROCESS
        complaint_set_status(complaint=complaint, to=back_to, actor=None)
    return message
