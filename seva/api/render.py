"""Models to response shapes (plain data for the pydantic schemas in `seva.api.schemas`)."""

from __future__ import annotations

from seva.api.schemas import ComplaintOut, MessageOut, TimelineOut, UnitOut
from seva.complaints.models import Complaint, Message
from seva.complaints.selectors import TimelineEntry
from seva.complaints.statuses import LABELS, Status
from seva.directory.models import Unit


def unit_out(unit: Unit) -> UnitOut:
    return UnitOut(code=unit.code, name_en=unit.name_en, name_hi=unit.name_hi, kind=unit.kind)


def complaint_fields(complaint: Complaint) -> dict[str, object]:
    return {
        "code": complaint.code,
        "status": complaint.status,
        "status_label": LABELS[Status(complaint.status)],
        "unit": unit_out(complaint.unit),
        "category": complaint.category,
        "is_urgent": complaint.is_urgent,
        "language": complaint.language,
        "channel": complaint.channel,
        "text": complaint.text,
        "complainant_handle": complaint.complainant.handle,
        "received_at": complaint.received_at,
        "registered_at": complaint.registered_at,
        "forwarded_at": complaint.forwarded_at,
        "first_action_at": complaint.first_action_at,
        "closed_at": complaint.closed_at,
        "disposed_at": complaint.disposed_at,
        "sla_due_at": complaint.sla_due_at,
        "sla_paused": complaint.sla_paused_at is not None,
        "reopen_count": complaint.reopen_count,
        "merged_into": complaint.merged_into.code if complaint.merged_into else None,
    }


def complaint_out(complaint: Complaint) -> ComplaintOut:
    return ComplaintOut.model_validate(complaint_fields(complaint))


def message_out(message: Message) -> MessageOut:
    return MessageOut(
        id=message.pk,
        kind=message.kind,  # type: ignore[arg-type]
        public=message.is_public,
        channel=message.channel,
        author=message.author_handle or message.author_name,
        text=message.text,
        sent_at=message.sent_at,
    )


def timeline_out(entry: TimelineEntry) -> TimelineOut:
    return TimelineOut(at=entry.at, type=entry.type, actor=entry.actor, sentence=entry.sentence)
