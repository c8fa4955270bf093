"""Intake: read, thread, triage, register or attach the raw records `inbound_store` (store.py)
stored first; what it knows beyond a post's text is in intake_context.py.

`intake_drain` processes pending records in batches through one pipeline (`_process_batch`:
parse, skip, thread, triage, register together, first replies together). A batch that fails
is redone record by record, each a batch of one in its own savepoint, so a record that breaks a
stage is quarantined with the reason and the rest go on; captures and replays
(`inbound_process`) are a batch of one too. Processing a record that is no longer pending
changes nothing, so replaying is safe.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TypedDict

from django.db import connection, transaction

from seva.channels import replies
from seva.channels.base import InboundPost, PostKind, RawItem, UnreadableItem
from seva.channels.models import InboundRecord, InboundState
from seva.channels.platforms import parse_item
from seva.channels.policy import IntakeDecision, intake_decide
from seva.channels.services.intake_context import (
    IntakeContext,
    chosen_units,
    earlier_districts,
    intake_context,
    post_triage,
    target_unit,
)
from seva.channels.threads import ThreadMatch, thread_find_many
from seva.complaints.models import Complaint
from seva.complaints.services import (
    PostAuthor,
    complaint_attach_followup,
    complaint_attach_third_party,
    complaint_route,
)
from seva.complaints.services.registration import NewComplaint, complaints_register_many
from seva.complaints.statuses import Status
from seva.core.timeutil import now
from seva.directory.models import Unit, UnitKind
from seva.routing.detect.triage import TriageDecision

log = logging.getLogger(__name__)


@dataclass
class DrainReport:
    outcomes: Counter[str] = field(default_factory=Counter)

    @property
    def processed(self) -> int:
        return sum(self.outcomes.values())


def intake_drain(*, batch: int = 200, limit: int | None = None) -> DrainReport:
    """Process pending records, oldest first, until none are left (or `limit` are done).

    Several drainers may run on PostgreSQL: each batch is claimed with SKIP LOCKED. On SQLite
    the write lock serialises them."""
    report = DrainReport()
    while limit is None or report.processed < limit:
        size = batch if limit is None else min(batch, limit - report.processed)
        done = _drain_batch(size, report)
        if done == 0:
            break
    return report


Outcome = tuple[str, str, str]  # (state, reason, complaint code)


@transaction.atomic
def _drain_batch(size: int, report: DrainReport) -> int:
    pending = InboundRecord.objects.filter(state=InboundState.PENDING).order_by("id")
    if connection.features.has_select_for_update_skip_locked:
        pending = pending.select_for_update(skip_locked=True)
    records = list(pending[:size])
    if not records:
        return 0
    context = intake_context()
    try:
        with transaction.atomic():
            results = _process_batch(records, context)
    except Exception:  # one bad record must not stop the rest: redo the batch one by one
        log.exception("batch intake failed on records %s-%s", records[0].pk, records[-1].pk)
        results = {record.pk: _outcome(record, context) for record in records}
    _record_outcomes(records, results)
    for state, _, _ in results.values():
        report.outcomes[state] += 1
    return len(records)


def _record_outcomes(records: list[InboundRecord], results: dict[int, Outcome]) -> None:
    # One prepared statement run per row: Django's bulk_update builds a CASE per field whose
    # cost grows with the batch, many times slower here than executemany.
    at = now()
    table = InboundRecord._meta.db_table
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET state = %s, reason = %s, complaint_code = %s, "  # noqa: S608 (our table)
            "attempts = attempts + 1, processed_at = %s WHERE id = %s",
            [
                (state, reason[:1000], code, at, record.pk)
                for record in records
                for state, reason, code in [results[record.pk]]
            ],
        )


def inbound_process(record_id: int) -> str:
    """Process one record now, as a batch of one (captures and replays); returns its state."""
    with transaction.atomic():
        record = InboundRecord.objects.select_for_update().get(pk=record_id)
        if record.state != InboundState.PENDING:
            return record.state
        results = {record.pk: _outcome(record, intake_context())}
        _record_outcomes([record], results)
        return results[record.pk][0]


def _outcome(record: InboundRecord, context: IntakeContext) -> Outcome:
    """One record as a batch of one (the same stages as a whole batch), in a savepoint: a
    failure quarantines it with the reason."""
    try:
        with transaction.atomic():
            return _process_batch([record], context)[record.pk]
    except Exception as exc:  # a bug in a stage must not lose the record or stop the batch
        log.exception("intake failed on record %s", record.pk)
        return InboundState.QUARANTINED, f"{type(exc).__name__}: {exc}", ""


def _skip_reason(post: InboundPost, context: IntakeContext) -> str:
    if post.author_id in context.own_ids or post.author_handle in context.own_handles:
        return "our own post"
    if post.is_repost:
        return "a repost"
    return ""


def _process_batch(records: list[InboundRecord], context: IntakeContext) -> dict[int, Outcome]:
    """The stages for a whole batch: parse, skip, thread (a few queries), triage each, register
    the new ones together, record their first replies together. Posts that answer another
    post of the same batch go after, one by one, so they find the complaint just made."""
    results: dict[int, Outcome] = {}
    parsed: list[tuple[InboundRecord, InboundPost]] = []
    for record in records:
        try:
            post = parse_item(RawItem(record.external_id, record.format, record.payload))
        except UnreadableItem as exc:
            results[record.pk] = (InboundState.QUARANTINED, str(exc), "")
            continue
        skip = _skip_reason(post, context)
        if skip:
            results[record.pk] = (InboundState.SKIPPED, skip, "")
            continue
        parsed.append((record, post))
    in_batch = {post.external_id for _, post in parsed}
    dm_authors: set[str] = set()
    now_items: list[tuple[InboundRecord, InboundPost]] = []
    later: list[tuple[InboundRecord, InboundPost]] = []
    for record, post in parsed:
        refers = {post.in_reply_to_id, post.quoted_id, post.conversation_id} - {
            "",
            post.external_id,
        }
        repeat_dm = post.kind == PostKind.DM and post.author_id in dm_authors
        dm_authors.update([post.author_id] if post.kind == PostKind.DM else [])
        (later if refers & in_batch or repeat_dm else now_items).append((record, post))
    # Submissions filed on purpose are never threaded (threads.py) and have no history.
    posts = [post for _, post in now_items if post.direct is None]
    matches = thread_find_many(posts)
    earlier = earlier_districts(posts, context)
    chosen = chosen_units(post for _, post in now_items)
    fresh: list[tuple[InboundRecord, InboundPost, TriageDecision, IntakeDecision]] = []
    for record, post in now_items:
        match = matches.get(post.external_id)
        if match is not None:
            results[record.pk] = _guarded(
                record, partial(_thread_outcome, record, post, match, context)
            )
            continue
        decision = post_triage(post, context, earlier.get(post.author_id, []))
        verdict = intake_decide(
            post, decision, auto_forward_confidence=context.auto_forward_confidence
        )
        if not verdict.register:
            results[record.pk] = (InboundState.IGNORED, verdict.why_not, "")
            continue
        fresh.append((record, post, decision, verdict))
    registered = complaints_register_many(
        [
            _new_complaint(record, post, decision, verdict, context, chosen)
            for record, post, decision, verdict in fresh
        ]
    )
    replies.replies_for_registered([(item, fresh[i][1]) for i, item in enumerate(registered)])
    for (record, *_), item in zip(fresh, registered, strict=True):
        results[record.pk] = (InboundState.REGISTERED, "", item.complaint.code)
    for record, _ in later:
        results[record.pk] = _outcome(record, context)
    return results


def _guarded(record: InboundRecord, step: Callable[[], Outcome]) -> Outcome:
    try:
        with transaction.atomic():
            return step()
    except Exception as exc:
        log.exception("intake failed on record %s", record.pk)
        return InboundState.QUARANTINED, f"{type(exc).__name__}: {exc}", ""


def _thread_outcome(
    record: InboundRecord, post: InboundPost, match: ThreadMatch, context: IntakeContext
) -> Outcome:
    """A post on an existing complaint: the complainant's follow-up continues it; anyone
    else's is kept as a third-party note that changes nothing (no status, route, clock or
    reply)."""
    if match.by_complainant:
        _attach(record, post, match.complaint, context)
        return InboundState.ATTACHED, match.rule, match.complaint.code
    complaint_attach_third_party(complaint=match.complaint, **_message_fields(record, post))
    reason = f"{match.rule}; not the complainant: kept as a third-party note"
    return InboundState.NOTED, reason, match.complaint.code


def _new_complaint(
    record: InboundRecord,
    post: InboundPost,
    decision: TriageDecision,
    verdict: IntakeDecision,
    context: IntakeContext,
    chosen: dict[str, Unit],
) -> NewComplaint:
    unit = target_unit(verdict, decision, context, chosen)
    triage_json = decision.as_json(post.external_id)
    if verdict.unit_code:
        triage_json["chosen_unit"] = verdict.unit_code  # officers see the citizen chose it
    return NewComplaint(
        platform=post.platform,
        external_user_id=post.author_id,
        text=post.text,
        channel=post.platform,
        handle=post.author_handle,
        display_name=post.author_name,
        profile_location=post.author_location,
        unit=unit,
        category=verdict.category,
        is_urgent=verdict.urgent,
        language=verdict.language,
        triage=triage_json,
        received_at=post.created_at or record.received_at,
        external_id=post.external_id,
        conversation_id=post.conversation_id,
        in_reply_to_external_id=post.in_reply_to_id,
        source_ref=record.source_ref,
        urgent_reasons=tuple(decision.urgent.reasons),
        need_place=verdict.need_place,
        phone=post.direct.phone if post.direct is not None else "",
        email=post.direct.email if post.direct is not None else "",
    )


def _attach(
    record: InboundRecord, post: InboundPost, complaint: Complaint, context: IntakeContext
) -> None:
    complaint_attach_followup(complaint=complaint, **_message_fields(record, post))
    complaint.refresh_from_db()
    if complaint.status == Status.OPEN and complaint.unit.kind == UnitKind.STATE_HQ:
        _route_after_followup(complaint, post, context)


class _MessageFields(TypedDict):
    author: PostAuthor
    text: str
    external_id: str
    conversation_id: str
    in_reply_to_external_id: str
    source_ref: str
    received_at: dt.datetime


def _message_fields(record: InboundRecord, post: InboundPost) -> _MessageFields:
    """The thread entry for a post, under its own author (never the complainant's name)."""
    return {
        "author": PostAuthor(
            platform=post.platform,
            external_id=post.author_id,
            handle=post.author_handle,
            name=post.author_name,
        ),
        "text": post.text,
        "external_id": post.external_id,
        "conversation_id": post.conversation_id,
        "in_reply_to_external_id": post.in_reply_to_id,
        "source_ref": record.source_ref,
        "received_at": post.created_at or record.received_at,
    }


def _route_after_followup(complaint: Complaint, post: InboundPost, context: IntakeContext) -> None:
    """HQ had asked where: triage the whole thread again, and forward when it is now clear."""
    thread_text = "\n".join(
        complaint.messages.filter(kind="inbound").values_list("text", flat=True)
    )
    decision = post_triage(InboundPost(**{**post.__dict__, "text": thread_text}), context)
    district = decision.district.district
    unit = context.district_units.get(district or "")
    if unit is not None and decision.district.confidence >= context.auto_forward_confidence:
        complaint_route(
            complaint=complaint, to_unit=unit, reason="; ".join(decision.district.reasons)[:300]
        )


def inbound_replay(*, record_id: int) -> str:
    """Put a quarantined (or ignored) record back through intake, e.g. after a fix."""
    updated = InboundRecord.objects.filter(
        pk=record_id, state__in=[InboundState.QUARANTINED, InboundState.IGNORED]
    ).update(state=InboundState.PENDING, reason="")
    if not updated:
        return InboundRecord.objects.values_list("state", flat=True).get(pk=record_id)
    return inbound_process(record_id)
