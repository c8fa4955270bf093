"""Reads of complaints. Lists are scoped by `seva.directory.access`; these add what to show."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from seva.complaints.events import event_describe
from seva.complaints.models import Complaint


@dataclass(frozen=True)
class TimelineEntry:
    at: dt.datetime
    type: str
    actor: str  # the person's user name, or "system"
    sentence: str


def complaint_timeline(complaint: Complaint) -> list[TimelineEntry]:
    """The complaint's history, oldest first, rendered from the event log in the active
    language (events store values; the words are made here)."""
    events = complaint.events.select_related("actor").order_by("at", "id")
    return [
        TimelineEntry(
            at=event.at,
            type=event.type,
            actor=event.actor.get_username() if event.actor else "system",
            sentence=event_describe(event),
        )
        for event in events
    ]
