"""The one writer of complaint status: the transition table and compare-and-swap."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db.models import F

from seva.complaints import events, sla
from seva.complaints.models import Complaint
from seva.complaints.statuses import OFFICER_ACTIONS, TRANSITIONS, Status
from seva.core.errors import Conflict, IllegalTransition
from seva.core.timeutil import now

# Moves that count as the unit's first action on the complaint (stops the first-action clock).
_FIRST_ACTIONS = OFFICER_ACTIONS


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
    # A first action is a person's: the system asking for the place at intake is not one.
    if to in _FIRST_ACTIONS and complaint.first_action_at is None and actor is not None:
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
    paused = None
    if old == Status.INCOMPLETE_INFO and complaint.sla_paused_at is not None:
        paused = at - complaint.sla_paused_at
        changes["sla_paused_at"] = None
        due = changes.get("sla_due_at", complaint.sla_due_at)
        changes["sla_due_at"] = due + paused if due else None
    updated = Complaint.objects.filter(pk=complaint.pk, status=old.value).update(**changes)
    if updated != 1:
        raise Conflict(f"complaint {complaint.code} changed meanwhile; reload and try again")
    events.status_changed(complaint, actor=actor, old=old, new=to, note=note)
    if paused is not None:
        events.sla_resumed(complaint, actor=actor, paused_seconds=int(paused.total_seconds()))
    if to == Status.INCOMPLETE_INFO:
        events.sla_paused(complaint, actor=actor)
    # Callers go on with this object; read back the row as the update left it.
    complaint.refresh_from_db()
    return complaint
