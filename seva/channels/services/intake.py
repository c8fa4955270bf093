"""Intake: store every inbound item raw first, then read, thread, triage, register or attach.

`inbound_store` only inserts raw records (unique per platform and external id, so duplicate
deliveries and overlapping poll windows are harmless). `intake_drain` processes pending
records in batches; each record is processed in its own savepoint, so a record that breaks a
stage is quarantined with the reason and the batch goes on. Processing a record that is no
longer pending changes nothing, so replaying is safe.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction

from seva.channels import replies
from seva.channels.base import InboundPost, RawItem, UnreadableItem
from seva.channels.models import ChannelAccount, InboundRecord, InboundState, InboundVia
from seva.channels.platforms import parse_item
from seva.channels.policy import IntakeDecision, intake_decide
from seva.channels.threads import thread_find
from seva.complaints import events
from seva.complaints.models import Complaint
from seva.complaints.services import (
    complaint_attach_followup,
    complaint_register,
    complaint_route,
    complaint_set_status,
)
from seva.complaints.statuses import Status
from seva.core.timeutil import now
from seva.directory.models import SocialHandle, Unit, UnitKind
from seva.routing.detect.triage import TriageDecision, triage
from seva.routing.gazetteer_data import shipped_gazetteer

log = logging.getLogger(__name__)

from seva.channels.replies import NEED_PLACE_NOTE  # noqa: E402


def inbound_store(
    *,
    platform: str,
    items: Iterable[RawItem],
    via: InboundVia,
    account: ChannelAccount | None = None,
) -> int:
    """Store raw items; returns how many were new. Nothing is read from them here."""
    items = list(items)
    if not items:
        return 0
    ids = [item.external_id for item in items]
    known = set(
        InboundRecord.objects.filter(platform=platform, external_id__in=ids).values_list(
            "external_id", flat=True
        )
    )
    at = now()
    fresh: dict[str, InboundRecord] = {}
    for item in items:
        if item.external_id in known or item.external_id in fresh:
            continue
        fresh[item.external_id] = InboundRecord(
            platform=platform,
            external_id=item.external_id,
            account=account,
            format=item.format,
            payload=item.payload,
            via=via,
            received_at=at,
        )
    # ignore_conflicts: a concurrent poller or webhook may store the same item meanwhile.
    InboundRecord.objects.bulk_create(fresh.values(), ignore_conflicts=True)
    return len(fresh)


@dataclass
class DrainReport:
    outcomes: Counter[str] = field(default_factory=Counter)

    @property
    def processed(self) -> int:
        return sum(self.outcomes.values())


@dataclass(frozen=True)
class _Context:
    """What every record of a batch needs from the database, read once per batch."""

    own_ids: frozenset[str]
    own_handles: frozenset[str]
    handle_districts: dict[str, str]
    district_units: dict[str, Unit]
    auto_forward_confidence: float


def _context() -> _Context:
    handles = list(SocialHandle.objects.filter(is_active=True).select_related("unit"))
    districts = {u.name_en: u for u in Unit.objects.filter(kind=UnitKind.DISTRICT, is_active=True)}
    return _Context(
        own_ids=frozenset(h.external_user_id for h in handles if h.external_user_id),
        own_handles=frozenset(h.handle for h in handles),
        handle_districts={
            h.handle: h.unit.name_en for h in handles if h.unit.kind == UnitKind.DISTRICT
        },
        district_units=districts,
        auto_forward_confidence=float(settings.SEVA_TRIAGE_AUTO_FORWARD_CONFIDENCE),
    )


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


@transaction.atomic
def _drain_batch(size: int, report: DrainReport) -> int:
    pending = InboundRecord.objects.filter(state=InboundState.PENDING).order_by("id")
    if connection.features.has_select_for_update_skip_locked:
        pending = pending.select_for_update(skip_locked=True)
    records = list(pending[:size])
    if not records:
        return 0
    context = _context()
    for record in records:
        report.outcomes[_process(record, context)] += 1
    return len(records)


def inbound_process(record_id: int) -> str:
    """Process one record now (the webhook and replays use this); returns its state."""
    with transaction.atomic():
        record = InboundRecord.objects.select_for_update().get(pk=record_id)
        if record.state != InboundState.PENDING:
            return record.state
        return _process(record, _context())


def _process(record: InboundRecord, context: _Context) -> str:
    """One record through the stages, in a savepoint; the outcome is written on the record."""
    try:
        with transaction.atomic():
            state, reason, code = _stages(record, context)
    except UnreadableItem as exc:
        state, reason, code = InboundState.QUARANTINED, str(exc), ""
    except Exception as exc:  # a bug in a stage must not lose the record or stop the batch
        log.exception("intake failed on record %s", record.pk)
        state, reason, code = InboundState.QUARANTINED, f"{type(exc).__name__}: {exc}", ""
    InboundRecord.objects.filter(pk=record.pk).update(
        state=state,
        reason=reason[:1000],
        complaint_code=code,
        attempts=record.attempts + 1,
        processed_at=now(),
    )
    return str(state)


def _stages(record: InboundRecord, context: _Context) -> tuple[InboundState, str, str]:
    post = parse_item(RawItem(record.external_id, record.format, record.payload))
    if post.author_id in context.own_ids or post.author_handle in context.own_handles:
        return InboundState.SKIPPED, "our own post", ""
    if post.is_repost:
        return InboundState.SKIPPED, "a repost", ""
    match = thread_find(post)
    if match is not None:
        _attach(record, post, match.complaint, context)
        return InboundState.ATTACHED, match.rule, match.complaint.code
    decision = _triage(post, context)
    verdict = intake_decide(post, decision, auto_forward_confidence=context.auto_forward_confidence)
    if not verdict.register:
        return InboundState.IGNORED, verdict.why_not, ""
    complaint = _register(record, post, decision, verdict, context)
    return InboundState.REGISTERED, "", complaint.code


def _triage(post: InboundPost, context: _Context) -> TriageDecision:
    text = post.text
    if post.place_name:
        text = f"{text}\n{post.place_name}"  # the place X attached is as good as words
    earlier = (
        Complaint.objects.filter(
            complainant__platform=post.platform, complainant__external_user_id=post.author_id
        )
        .exclude(unit__kind=UnitKind.STATE_HQ)
        .order_by("-registered_at")
        .values_list("unit__path", flat=True)[:3]
    )
    earlier_districts = [
        unit.name_en
        for unit in context.district_units.values()
        if any(path.startswith(unit.path) for path in earlier)
    ]
    return triage(
        text=text,
        gazetteer=shipped_gazetteer(),
        mentions=[m for m in post.mentions],
        author_location=post.author_location or None,
        handle_districts=context.handle_districts,
        earlier_districts=earlier_districts,
    )


def _register(
    record: InboundRecord,
    post: InboundPost,
    decision: TriageDecision,
    verdict: IntakeDecision,
    context: _Context,
) -> Complaint:
    unit = context.district_units.get(verdict.district or "") if verdict.auto_forward else None
    complaint = complaint_register(
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
        triage=decision.as_json(post.external_id),
        received_at=post.created_at or record.received_at,
        external_id=post.external_id,
        conversation_id=post.conversation_id,
        in_reply_to_external_id=post.in_reply_to_id,
        source_ref=record.source_ref,
    )
    if verdict.urgent:
        events.urgent_flagged(complaint, reasons=list(decision.urgent.reasons))
    if verdict.need_place:
        complaint_set_status(
            complaint=complaint, to=Status.INCOMPLETE_INFO, actor=None, note=NEED_PLACE_NOTE
        )
    replies.replies_for_complaint_events(complaint, post=post)
    return complaint


def _attach(
    record: InboundRecord, post: InboundPost, complaint: Complaint, context: _Context
) -> None:
    complaint_attach_followup(
        complaint=complaint,
        text=post.text,
        external_id=post.external_id,
        conversation_id=post.conversation_id,
        in_reply_to_external_id=post.in_reply_to_id,
        source_ref=record.source_ref,
        received_at=post.created_at or record.received_at,
    )
    complaint.refresh_from_db()
    if complaint.status == Status.OPEN and complaint.unit.kind == UnitKind.STATE_HQ:
        _route_after_followup(complaint, post, context)


def _route_after_followup(complaint: Complaint, post: InboundPost, context: _Context) -> None:
    """HQ had asked where: triage the whole thread again, and forward when it is now clear."""
    thread_text = "\n".join(
        complaint.messages.filter(kind="inbound").values_list("text", flat=True)
    )
    decision = _triage(InboundPost(**{**post.__dict__, "text": thread_text}), context)
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


def received_since(at: dt.datetime) -> int:
    return InboundRecord.objects.filter(received_at__gte=at).count()
