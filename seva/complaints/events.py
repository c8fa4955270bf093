"""The event log's factories, one per event type (`seva.complaints.vocabulary.EventType`), and
the words shown for each. No event row is built anywhere else.

Events store a stable dotted type and machine values (unit codes, statuses, seconds); the
sentence a person reads is rendered at display time in their language (`event_describe`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypedDict, Unpack

from django.contrib.auth.models import User
from django.utils.translation import gettext as _

from seva.complaints.models import Complaint, Event, Message
from seva.complaints.outbox import events_save
from seva.complaints.statuses import LABELS, Status
from seva.complaints.vocabulary import EventType
from seva.core.timeutil import now
from seva.directory.models import Unit


class Batch(TypedDict, total=False):
    """For callers that write many events at once: the time, and `save=False` for an unsaved
    row they pass to `events_save` together with the others."""

    at: dt.datetime
    save: bool


def _record(
    complaint: Complaint,
    type_: EventType,
    actor: User | None,
    *,
    at: dt.datetime | None = None,
    save: bool = True,
    **data: Any,
) -> Event:
    """The event, saved with its outbox entries; or, with `save=False`, unsaved, for a caller
    that writes many at once through `events_save` (intake's registrations, reply rows)."""
    event = Event(complaint=complaint, type=type_.value, actor=actor, at=at or now(), data=data)
    if save:
        events_save([event])
    return event


def complaint_registered(
    complaint: Complaint, *, actor: User | None, **batch: Unpack[Batch]
) -> Event:
    return _record(
        complaint,
        EventType.REGISTERED,
        actor,
        code=complaint.code,
        channel=complaint.channel,
        **batch,
    )


def status_changed(
    complaint: Complaint,
    *,
    actor: User | None,
    old: Status,
    new: Status,
    note: str = "",
    **batch: Unpack[Batch],
) -> Event:
    data: dict[str, Any] = {"from": old.value, "to": new.value}
    if note:
        data["note"] = note
    return _record(complaint, EventType.STATUS_CHANGED, actor, **data, **batch)


def complaint_forwarded(
    complaint: Complaint,
    *,
    actor: User | None,
    from_unit: Unit,
    to_unit: Unit,
    **batch: Unpack[Batch],
) -> Event:
    return _record(
        complaint,
        EventType.FORWARDED,
        actor,
        from_unit=from_unit.code,
        to_unit=to_unit.code,
        **batch,
    )


def complaint_transferred(
    complaint: Complaint,
    *,
    actor: User | None,
    from_unit: Unit,
    to_unit: Unit,
    reason: str,
    **batch: Unpack[Batch],
) -> Event:
    return _record(
        complaint,
        EventType.TRANSFERRED,
        actor,
        from_unit=from_unit.code,
        to_unit=to_unit.code,
        reason=reason,
        **batch,
    )


def complaint_merged(complaint: Complaint, *, actor: User | None, primary: Complaint) -> Event:
    """Two events: one on each complaint (so this factory saves them, always)."""
    _record(primary, EventType.DUPLICATE_MERGED, actor, duplicate=complaint.code)
    return _record(complaint, EventType.MERGED, actor, into=primary.code)


def note_added(
    complaint: Complaint, *, actor: User | None, message: Message, **batch: Unpack[Batch]
) -> Event:
    return _record(
        complaint,
        EventType.NOTE_ADDED,
        actor,
        message_id=message.pk,
        public=message.is_public,
        **batch,
    )


def followup_attached(complaint: Complaint, *, message: Message, **batch: Unpack[Batch]) -> Event:
    return _record(complaint, EventType.FOLLOWUP_ATTACHED, None, message_id=message.pk, **batch)


def followup_third_party(
    complaint: Complaint, *, message: Message, **batch: Unpack[Batch]
) -> Event:
    """Someone other than the complainant wrote about the complaint (the message says who)."""
    return _record(complaint, EventType.FOLLOWUP_THIRD_PARTY, None, message_id=message.pk, **batch)


def sla_paused(complaint: Complaint, *, actor: User | None, **batch: Unpack[Batch]) -> Event:
    return _record(complaint, EventType.SLA_PAUSED, actor, **batch)


def sla_resumed(
    complaint: Complaint, *, actor: User | None, paused_seconds: int, **batch: Unpack[Batch]
) -> Event:
    return _record(complaint, EventType.SLA_RESUMED, actor, paused_seconds=paused_seconds, **batch)


def sla_escalated(
    complaint: Complaint, *, to_unit: Unit, due_at: str, **batch: Unpack[Batch]
) -> Event:
    return _record(
        complaint, EventType.SLA_ESCALATED, None, to_unit=to_unit.code, due_at=due_at, **batch
    )


def review_accepted(complaint: Complaint, *, actor: User | None, **batch: Unpack[Batch]) -> Event:
    return _record(complaint, EventType.REVIEW_ACCEPTED, actor, **batch)


def review_reopened(
    complaint: Complaint, *, actor: User | None, reason: str, **batch: Unpack[Batch]
) -> Event:
    return _record(complaint, EventType.REVIEW_REOPENED, actor, reason=reason, **batch)


def urgent_flagged(complaint: Complaint, *, reasons: list[str], **batch: Unpack[Batch]) -> Event:
    """Triage found danger right now: an alert for HQ (the queue shows these first)."""
    return _record(complaint, EventType.URGENT, None, reasons=reasons[:5], **batch)


def reply_queued(
    complaint: Complaint, *, purpose: str, reply_id: int, **batch: Unpack[Batch]
) -> Event:
    return _record(
        complaint, EventType.REPLY_QUEUED, None, purpose=purpose, reply_id=reply_id, **batch
    )


def reply_written(
    complaint: Complaint, *, actor: User | None, message: Message, **batch: Unpack[Batch]
) -> Event:
    """An officer wrote to the citizen in their own words (the thread keeps the message)."""
    return _record(complaint, EventType.REPLY_WRITTEN, actor, message_id=message.pk, **batch)


def reply_failed(
    complaint: Complaint, *, purpose: str, reason: str, **batch: Unpack[Batch]
) -> Event:
    """A reply to the citizen could not be sent and will not be retried."""
    return _record(
        complaint, EventType.REPLY_FAILED, None, purpose=purpose, reason=reason[:300], **batch
    )


def reply_withheld(
    complaint: Complaint, *, purpose: str, reason: str, **batch: Unpack[Batch]
) -> Event:
    return _record(
        complaint, EventType.REPLY_WITHHELD, None, purpose=purpose, reason=reason[:300], **batch
    )


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
        EventType.REGISTERED: lambda: _("Registered with code %(code)s") % d,
        EventType.STATUS_CHANGED: lambda: (
            _("Status: %(old)s → %(new)s")
            % {"old": _status_label(d["from"]), "new": _status_label(d["to"])}
        ),
        EventType.FORWARDED: lambda: _("Forwarded from %(from_unit)s to %(to_unit)s") % d,
        EventType.TRANSFERRED: lambda: _("Transferred from %(from_unit)s to %(to_unit)s") % d,
        EventType.MERGED: lambda: _("Merged into %(into)s as a duplicate") % d,
        EventType.DUPLICATE_MERGED: lambda: _("%(duplicate)s merged in as a duplicate") % d,
        EventType.NOTE_ADDED: lambda: (
            _("Public note added") if d.get("public") else _("Internal note added")
        ),
        EventType.FOLLOWUP_ATTACHED: lambda: _("The citizen wrote again"),
        EventType.FOLLOWUP_THIRD_PARTY: lambda: _(
            "Someone other than the complainant wrote about it"
        ),
        EventType.SLA_PAUSED: lambda: _("SLA clock paused, waiting for the citizen"),
        EventType.SLA_RESUMED: lambda: _("SLA clock resumed"),
        EventType.SLA_ESCALATED: lambda: _("Overdue: escalated to %(to_unit)s") % d,
        EventType.REVIEW_ACCEPTED: lambda: _("HQ accepted the closure"),
        EventType.REVIEW_REOPENED: lambda: _("HQ reopened it: %(reason)s") % d,
        EventType.URGENT: lambda: _("Marked urgent by triage"),
        EventType.REPLY_WRITTEN: lambda: _("An officer replied to the citizen"),
        EventType.REPLY_QUEUED: lambda: _("Reply to the citizen queued (%(purpose)s)") % d,
        EventType.REPLY_FAILED: lambda: _("Reply to the citizen failed: %(reason)s") % d,
        EventType.REPLY_WITHHELD: lambda: _("Reply to the citizen not sent: %(reason)s") % d,
    }
    render = sentences.get(event.type)
    return render() if render else event.type
