"""What HQ and officers do to a complaint: forward, act, review, transfer, reject, merge."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from seva.complaints import events
from seva.complaints.action_rules import complaint_for_action
from seva.complaints.models import Complaint
from seva.complaints.services.status import complaint_set_status
from seva.complaints.services.thread import note_store
from seva.complaints.statuses import NOTE_REQUIRED, OFFICER_ACTIONS, Status
from seva.core.errors import InvalidInput, NotAllowed
from seva.core.timeutil import now
from seva.directory.access import Action, access_complaint, access_require
from seva.directory.models import Unit, UnitKind


def _require_note(to: Status, note: str) -> str:
    note = note.strip()
    if to in NOTE_REQUIRED and not note:
        raise InvalidInput(f"{to.value} needs a note", field="note")
    return note


def _move_unit(complaint: Complaint, *, to_unit: Unit) -> None:
    # Whether its status lets the complaint change hands is the action table's (the caller
    # fetched it through complaint_for_action); here only the target is checked.
    if not to_unit.is_active:
        raise InvalidInput(f"unit {to_unit.code} is deactivated", field="unit")
    if to_unit.pk == complaint.unit_id:
        raise InvalidInput(f"the complaint is already with {to_unit.code}", field="unit")
    Complaint.objects.filter(pk=complaint.pk).update(unit=to_unit, updated_at=now())
    complaint.unit = to_unit


def _arrive(complaint: Complaint, *, actor: User, sent_on: frozenset[Status]) -> None:
    """The status a complaint takes at the unit it was just moved to. At the state HQ unit it
    is Open, whatever it was: HQ's triage queue is the Open complaints at HQ, and anything else
    there would wait outside every queue. Elsewhere the statuses in `sent_on` become Forwarded
    (the new unit has yet to act) and the others are kept."""
    status = Status(complaint.status)
    if complaint.unit.kind == UnitKind.STATE_HQ:
        if status != Status.OPEN:
            complaint_set_status(complaint=complaint, to=Status.OPEN, actor=actor)
    elif status in sent_on:
        complaint_set_status(complaint=complaint, to=Status.FORWARDED, actor=actor)


@transaction.atomic
def complaint_forward(*, actor: User, code: str, to_unit: Unit) -> Complaint:
    """Send a complaint down the tree to a unit in the actor's reach (HQ → district, district →
    police station). Open and Reopened complaints become Forwarded; a complaint already being
    worked keeps its status and just changes hands; at the state HQ unit it is Open again.
    Emits complaint.forwarded. Refused while a closure awaits review and once finished."""
    complaint = complaint_for_action(actor, code, Action.FORWARD)
    if not to_unit.is_within(complaint.unit) and complaint.status != Status.OPEN:
        raise NotAllowed("forward sends a complaint down the tree; use transfer to move it across")
    access_require(actor, Action.FORWARD, to_unit)
    from_unit = complaint.unit
    _move_unit(complaint, to_unit=to_unit)
    events.complaint_forwarded(complaint, actor=actor, from_unit=from_unit, to_unit=to_unit)
    _arrive(complaint, actor=actor, sent_on=frozenset({Status.OPEN, Status.REOPENED}))
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
    complaint = complaint_for_action(actor, code, Action.ACT)
    if note:
        note_store(complaint, actor=actor, text=note, public=True)
    return complaint_set_status(complaint=complaint, to=to, actor=actor, note=note)


@transaction.atomic
def complaint_review(*, actor: User, code: str, accept: bool, reason: str = "") -> Complaint:
    """HQ review of a closure: accept (Disposed) or reopen with a reason. A disposed complaint
    may be reopened (the citizen came back), not accepted again."""
    complaint = complaint_for_action(actor, code, Action.REVIEW)
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
    the complaint starts again at the new unit as Forwarded (the SLA clock keeps running), or
    as Open when sent back to the state HQ unit (HQ's triage takes it up again). Refused while
    a closure awaits HQ's review and once finished."""
    if not reason.strip():
        raise InvalidInput("a transfer needs a reason", field="reason")
    complaint = complaint_for_action(actor, code, Action.TRANSFER)
    from_unit = complaint.unit
    _move_unit(complaint, to_unit=to_unit)
    events.complaint_transferred(
        complaint, actor=actor, from_unit=from_unit, to_unit=to_unit, reason=reason.strip()
    )
    _arrive(
        complaint,
        actor=actor,
        sent_on=frozenset({Status.OPEN, Status.IN_PROCESS, Status.REOPENED}),
    )
    return complaint


@transaction.atomic
def complaint_reject(*, actor: User, code: str, reason: str) -> Complaint:
    """Not actionable (not a grievance, or not ours), with a reason."""
    reason = _require_note(Status.NOT_ACTIONABLE, reason)
    complaint = complaint_for_action(actor, code, Action.REJECT)
    return complaint_set_status(
        complaint=complaint, to=Status.NOT_ACTIONABLE, actor=actor, note=reason
    )


@transaction.atomic
def complaint_merge(*, actor: User, code: str, into_code: str) -> Complaint:
    """Mark `code` a duplicate of `into_code`: the duplicate closes, the primary carries on."""
    if code == into_code:
        raise InvalidInput("a complaint cannot be a duplicate of itself", field="into")
    duplicate = complaint_for_action(actor, code, Action.MERGE)
    # The primary only needs to be in the person's merging reach: any status but Duplicate
    # (a new complaint may repeat one already disposed).
    primary = access_complaint(actor, into_code, Action.MERGE, for_update=True)
    if primary.status == Status.DUPLICATE:
        raise InvalidInput(f"{into_code} is itself a duplicate", field="into")
    duplicate = complaint_set_status(complaint=duplicate, to=Status.DUPLICATE, actor=actor)
    Complaint.objects.filter(pk=duplicate.pk).update(merged_into=primary)
    duplicate.merged_into = primary
    events.complaint_merged(duplicate, actor=actor, primary=primary)
    return duplicate


@transaction.atomic
def complaint_route(*, complaint: Complaint, to_unit: Unit, reason: str) -> Complaint:
    """Triage's own forward of an Open complaint at HQ, once the citizen's follow-up named the
    place (no person acts: the event has no actor and records why). Emits complaint.forwarded."""
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if complaint.status != Status.OPEN:
        raise InvalidInput(f"complaint {complaint.code} is not open at HQ", field="status")
    from_unit = complaint.unit
    _move_unit(complaint, to_unit=to_unit)
    events.complaint_forwarded(complaint, actor=None, from_unit=from_unit, to_unit=to_unit)
    complaint_set_status(complaint=complaint, to=Status.FORWARDED, actor=None, note=reason)
    return complaint
