"""Registering complaints: the one registration service.

`complaints_register_many` registers a batch (intake's page of posts) in a few queries: the
complainants, the complaints with their codes and clocks, their first messages and their
events (registered; forwarded when a unit was chosen; urgent; the request for the place when
none was found). `complaint_register` is the same service for one complaint, a batch of one.
Registering entries one by one or together stores the same rows (a test holds them equal).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import Q

from seva.complaints import events, sla
from seva.complaints.models import (
    Complainant,
    Complaint,
    Event,
    Message,
    MessageKind,
)
from seva.complaints.outbox import events_save
from seva.complaints.services.allocation import (
    code_prefix_for,
    complaint_codes_allocate,
    state_hq,
)
from seva.complaints.statuses import Status
from seva.core.errors import InvalidInput
from seva.core.timeutil import now
from seva.directory.models import Unit

NEED_PLACE_NOTE = "need_place"


@dataclass(frozen=True)
class NewComplaint:
    platform: str
    external_user_id: str
    text: str
    channel: str
    handle: str = ""
    display_name: str = ""
    profile_location: str = ""
    unit: Unit | None = None
    category: str = ""
    is_urgent: bool = False
    language: str = "en"
    triage: dict[str, Any] = field(default_factory=dict)
    received_at: dt.datetime | None = None
    external_id: str = ""
    conversation_id: str = ""
    in_reply_to_external_id: str = ""
    source_ref: str = ""
    urgent_reasons: tuple[str, ...] = ()
    need_place: bool = False
    # Contact details a citizen gave on a web form or through the API (never shown publicly).
    phone: str = ""
    email: str = ""


@dataclass
class Registered:
    complaint: Complaint
    events: list[Event]


def _complainants(entries: list[NewComplaint]) -> dict[tuple[str, str], Complainant]:
    latest = {(e.platform, e.external_user_id): e for e in entries}  # the last word wins
    query = Q()
    for platform in {p for p, _ in latest}:
        query |= Q(platform=platform, external_user_id__in=[u for p, u in latest if p == platform])
    found = {(c.platform, c.external_user_id): c for c in Complainant.objects.filter(query)}
    at = now()
    missing = [
        Complainant(
            platform=p,
            external_user_id=u,
            handle=e.handle,
            display_name=e.display_name,
            profile_location=e.profile_location,
            phone=e.phone,
            email=e.email,
            created_at=at,
            updated_at=at,
        )
        for (p, u), e in latest.items()
        if (p, u) not in found
    ]
    if missing:
        Complainant.objects.bulk_create(missing, ignore_conflicts=True)
        found = {(c.platform, c.external_user_id): c for c in Complainant.objects.filter(query)}
    changed = []
    for key, entry in latest.items():
        person = found[key]
        # Contact details are only ever added or replaced, never wiped by a post without them.
        wanted = (
            entry.handle,
            entry.display_name,
            entry.profile_location,
            entry.phone or person.phone,
            entry.email or person.email,
        )
        have = (
            person.handle,
            person.display_name,
            person.profile_location,
            person.phone,
            person.email,
        )
        if have != wanted:
            (
                person.handle,
                person.display_name,
                person.profile_location,
                person.phone,
                person.email,
            ) = wanted
            person.updated_at = at
            changed.append(person)
    if changed:
        Complainant.objects.bulk_update(
            changed, ["handle", "display_name", "profile_location", "phone", "email", "updated_at"]
        )
    return found


@transaction.atomic
def complaint_register(**fields: Any) -> Complaint:
    """One complaint (`fields` as in `NewComplaint`), through the same path as a batch.
    Emits complaint.registered, and complaint.forwarded and status.changed when a unit below
    HQ was given."""
    (registered,) = complaints_register_many([NewComplaint(**fields)])
    return registered.complaint


def complaints_register_many(entries: list[NewComplaint]) -> list[Registered]:
    """Register every entry (call inside a transaction). Raises InvalidInput for an empty text
    or a deactivated unit, before anything is written."""
    if not entries:
        return []
    for entry in entries:
        if not entry.text.strip():
            raise InvalidInput("a complaint needs its text", field="text")
    hq = state_hq()
    at = now()
    targets = [entry.unit or hq for entry in entries]
    for unit in {u.pk: u for u in targets}.values():
        if not unit.is_active:
            raise InvalidInput(f"unit {unit.code} is deactivated", field="unit")
    prefixes = {u.pk: code_prefix_for(u) for u in {u.pk: u for u in targets}.values()}
    by_prefix: dict[str, list[int]] = defaultdict(list)
    for index, unit in enumerate(targets):
        by_prefix[prefixes[unit.pk]].append(index)
    codes: dict[int, str] = {}
    for prefix, indexes in by_prefix.items():
        allocated = complaint_codes_allocate(prefix=prefix, at=at, count=len(indexes))
        codes.update(zip(indexes, allocated, strict=True))
    windows: dict[tuple[str, bool], dt.timedelta] = {}
    people = _complainants(entries)
    complaints = []
    for index, (entry, unit) in enumerate(zip(entries, targets, strict=True)):
        key = (entry.category, entry.is_urgent)
        if key not in windows:
            windows[key] = sla.first_action_window(
                category=entry.category, is_urgent=entry.is_urgent
            )
        forwarded = unit.pk != hq.pk
        status = Status.FORWARDED if forwarded else Status.OPEN
        if entry.need_place and not forwarded:
            status = Status.INCOMPLETE_INFO
        complaints.append(
            Complaint(
                code=codes[index],
                status=status.value,
                unit=unit,
                complainant=people[(entry.platform, entry.external_user_id)],
                channel=entry.channel,
                text=entry.text,
                category=entry.category,
                is_urgent=entry.is_urgent,
                language=entry.language,
                triage=entry.triage,
                received_at=entry.received_at or at,
                registered_at=at,
                forwarded_at=at if forwarded else None,
                sla_due_at=at + windows[key],
                sla_paused_at=at if status == Status.INCOMPLETE_INFO else None,
                created_at=at,
                updated_at=at,
            )
        )
    Complaint.objects.bulk_create(complaints)
    messages = [
        Message(
            complaint=complaint,
            kind=MessageKind.INBOUND,
            channel=entry.channel,
            external_id=entry.external_id,
            conversation_id=entry.conversation_id,
            in_reply_to_external_id=entry.in_reply_to_external_id,
            author_external_id=entry.external_user_id,
            author_handle=entry.handle,
            author_name=entry.display_name,
            text=entry.text,
            language=entry.language,
            source_ref=entry.source_ref,
            sent_at=entry.received_at or at,
        )
        for entry, complaint in zip(entries, complaints, strict=True)
    ]
    Message.objects.bulk_create(messages)
    for complaint, message in zip(complaints, messages, strict=True):
        complaint.origin_message = message
    # executemany, not bulk_update: its CASE expression grows slow with the batch.
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {Complaint._meta.db_table} SET origin_message_id = %s WHERE id = %s",  # noqa: S608
            [(m.pk, c.pk) for c, m in zip(complaints, messages, strict=True)],
        )
    return _events(entries, complaints, hq, at)


def _events(
    entries: list[NewComplaint], complaints: list[Complaint], hq: Unit, at: dt.datetime
) -> list[Registered]:
    """The events `complaint_register` and intake write, in the same order, by the same
    factories, saved together."""
    rows: list[list[Event]] = []
    batch: events.Batch = {"at": at, "save": False}
    for entry, complaint in zip(entries, complaints, strict=True):
        own = [events.complaint_registered(complaint, actor=None, **batch)]
        if complaint.unit_id != hq.pk:
            own.append(
                events.complaint_forwarded(
                    complaint, actor=None, from_unit=hq, to_unit=complaint.unit, **batch
                )
            )
            own.append(
                events.status_changed(
                    complaint, actor=None, old=Status.OPEN, new=Status.FORWARDED, **batch
                )
            )
        if entry.is_urgent:
            own.append(
                events.urgent_flagged(complaint, reasons=list(entry.urgent_reasons), **batch)
            )
        if complaint.status == Status.INCOMPLETE_INFO:
            own.append(
                events.status_changed(
                    complaint,
                    actor=None,
                    old=Status.OPEN,
                    new=Status.INCOMPLETE_INFO,
                    note=NEED_PLACE_NOTE,
                    **batch,
                )
            )
            own.append(events.sla_paused(complaint, actor=None, **batch))
        rows.append(own)
    events_save(e for own in rows for e in own)
    return [Registered(c, own) for c, own in zip(complaints, rows, strict=True)]
