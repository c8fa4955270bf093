"""The event log's factories, one per event type, and the words shown for each.

Events store a stable dotted type and machine values (unit codes, statuses, seconds); the
sentence a person reads is rendered at display time in their language (`event_describe`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import User
from django.utils.translation import gettext as _

from seva.complaints.models import Complaint, Event, Message
from seva.complaints.outbox import events_save
from seva.complaints.statuses import LABELS, Status
from seva.core.timeutil import now
from seva.directory.models import Unit


def _record(complaint: Complaint, type_: str, actor: User | None, **data: Any) -> Event:
    (event,) = events_save(
        [Event(complaint=complaint, type=type_, actor=actor, at=now(), data=data)]
    )
    return event


def complaint_registered(complaint: Complaint, *, actor: User | None) -> Event:
    return _record(
        complaint, "complaint.registered", actor, code=complaint.code, channel=complaint.channel
    )


def status_changed(
    complaint: Complaint, *, actor: User | None, old: Status, new: Status, note: str = ""
) -> Event:
    data: dict[str, Any] = {"from": old.value, "to": new.value}
    if note:
        data["note"] = note
    return _record(complaint, "status.changed", actor, **data)


def complaint_forwarded(
    complaint: Complaint, *, actor: User | None, from_unit: Unit, to_unit: Unit
) -> Event:
    return _record(
        complaint, "complaint.forwarded", actor, from_unit=from_unit.code, to_unit=to_unit.code
    )


def complaint_transferred(
    complaint: Complaint, *, actor: User | None, from_unit: Unit, to_unit: Unit, reason: str
) -> Event:
    return _record(
        complaint,
        "complaint.transferred",
        actor,
        from_unit=from_unit.code,
        to_unit=to_unit.code,
        reason=reason,
    )


def complaint_merged(complaint: Complaint, *, actor: User | None, primary: Complaint) -> Event:
    _record(primary, "complaint.duplicate_merged", actor, duplicate=complaint.code)
    return _record(complaint, "complaint.merged", actor, into=primary.code)


def note_added(complaint: Complaint, *, actor: User | None, message: Message) -> Event:
    return _record(complaint, "note.added", actor, message_id=message.pk, public=message.is_public)


def followup_attached(complaint: Complaint, *, message: Message) -> Event:
    return _record(complaint, "followup.attached", None, message_id=message.pk)


def followup_third_party(complaint: Complaint, *, message: Message) -> Event:
    """Someone other than the complainant wrote about the complaint (the message says who)."""
    return _record(complaint, "followup.third_party", None, message_id=message.pk)


def sla_paused(complaint: Complaint, *, actor: User | None) -> Event:
    return _record(complaint, "sla.paused", actor)


def sla_resumed(complaint: Complaint, *, actor: User | None, paused_seconds: int) -> Event:
    return _record(complaint, "sla.resumed", actor, paused_seconds=paused_seconds)


def sla_escalated(complaint: Complaint, *, to_unit: Unit, due_at: str) -> Event:
    return _record(complaint, "sla.escalated", None, to_unit=to_unit.code, due_at=due_at)


def review_accepted(complaint: Complaint, *, actor: User | None) -> Event:
    return _record(complaint, "review.accepted", actor)


def review_reopened(complaint: Complaint, *, actor: User | None, reason: str) -> Event:
    return _record(complaint, "review.reopened", actor, reason=reason)


def urgent_flagged(complaint: Complaint, *, reasons: list[str]) -> Event:
    """Triage found danger right now: an alert for HQ (the queue shows these first)."""
    return _record(complaint, "complaint.urgent", None, reasons=reasons[:5])


def reply_queued(complaint: Complaint, *, purpose: str, reply_id: int) -> Event:
    return _record(complaint, "reply.queued", None, purpose=purpose, reply_id=reply_id)


def reply_written(complaint: Complaint, *, actor: User | None, message: Message) -> Event:
    """An officer wrote to the citizen in their own words (the thread keeps the message)."""
    return _record(complaint, "reply.written", actor, message_id=message.pk)


def reply_failed(complaint: Complaint, *, purpose: str, reason: str) -> Event:
    """A reply to the citizen could not be sent and will not be retried."""
    return _record(complaint, "reply.failed", None, purpose=purpose, reason=reason[:300])


def reply_withheld(complaint: Complaint, *, purpose: str, reason: str) -> Event:
    return _record(complaint, "reply.withheld", None, purpose=purpose, reason=reason[:300])


def _status_label(value: str) -> str:
    try:
        return _(LABELS[Status(value)])
    except ValueError:
        return value


UNIT_KEYS = ("from_unit", "to_unit")


def event_describe(event: Event, *, unit_names: dict[str, str] | None = None) -> str:
    """One sentence for the timeline, in the active language. Events store unit codes;
    `unit_names` (code → name in the reader's language) shows names instead where known."""
    d = dict(event.data)
    for key in UNIT_KEYS:
        if unit_names and key in d:
            d[key] = unit_names.get(d[key], d[key])
    sentences: dict[str, Callable[[], str]] = {
        "complaint.registered": lambda: _("Registered with code %(code)s") % d,
        "status.changed": lambda: (
            _("Status: %(old)s → %(new)s")
            % {"old": _status_label(d["from"]), "new": _status_label(d["to"])}
        ),
        "complaint.forwarded": lambda: _("Forwarded from %(from_unit)s to %(to_unit)s") % d,
        "complaint.transferred": lambda: _("Transferred from %(from_unit)s to %(to_unit)s") % d,
        "complaint.merged": lambda: _("Merged into %(into)s as a duplicate") % d,
        "complaint.duplicate_merged": lambda: _("%(duplicate)s merged in as a duplicate") % d,
        "note.added": lambda: (
            _("Public note added") if d.get("public") else _("Internal note added")
        ),
        "followup.attached": lambda: _("The citizen wrote again"),
        "followup.third_party": lambda: _("Someone other than the complainant wrote about it"),
        "sla.paused": lambda: _("SLA clock paused, waiting for the citizen"),
        "sla.resumed": lambda: _("SLA clock resumed"),
        "sla.escalated": lambda: _("Overdue: escalated to %(to_unit)s") % d,
        "review.accepted": lambda: _("HQ accepted the closure"),
        "review.reopened": lambda: _("HQ reopened it: %(reason)s") % d,
        "complaint.urgent": lambda: _("Marked urgent by triage"),
        "reply.written": lambda: _("An officer replied to the citizen"),
        "reply.queued": lambda: _("Reply to the citizen queued (%(purpose)s)") % d,
        "reply.failed": lambda: _("Reply to the citizen failed: %(reason)s") % d,
        "reply.withheld": lambda: _("Reply to the citizen not sent: %(reason)s") % d,
    }
    render = sentences.get(event.type)
    return render() if render else event.type
