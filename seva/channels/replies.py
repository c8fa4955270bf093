"""Replies to citizens: which events produce one, its words, and recording it before sending.

A reply row is created in the same transaction as the event that asks for it, and sent later
by the reply worker (`seva.channels.services.sending`). Keys make creation idempotent: one
reply per (complaint, purpose, event).

Rules:
- a complaint registered from a post or DM → the acknowledgement with its code, the unit and
  the tracking link; or, when no place was found, the request for district and police station;
- an officer marks Incomplete information → the request, with the officer's note;
- an officer closes it → the closure notice, with the note.

X's automation rules allow automated replies only to posts that @mention (or quote) the
account; any other post gets its reply row WITHHELD, with the reason, so officers see it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction

from seva.channels.base import InboundPost, PostKind, RawItem, UnreadableItem
from seva.channels.models import (
    ChannelAccount,
    InboundRecord,
    NotifierCursor,
    OutboundReply,
    ReplyState,
)
from seva.complaints import events
from seva.complaints.models import Complaint, Event, ReplyTemplate
from seva.complaints.services.bulk import NEED_PLACE_NOTE, Registered
from seva.complaints.statuses import LABELS, Status
from seva.core.postlength import MAX_POST_LENGTH, weight_at_most, weighted_length
from seva.core.timeutil import now

MAX_WEIGHTED_LENGTH = MAX_POST_LENGTH
NOTIFIER = "replies"
# Platforms whose adapter can send a reply into the citizen's thread.
REPLYING_PLATFORMS = frozenset({"x"})


def tracking_link(code: str) -> str:
    return f"{settings.SITE_URL}/track/{code}"


def _fit(body: str, values: dict[str, str]) -> str:
    """Render, shortening the officer's note (never the code or the link) to fit a post."""
    text = body.format_map(values)
    if weight_at_most(text) <= MAX_WEIGHTED_LENGTH:
        return text  # the cheap upper bound fits: no need for the exact (slow) count
    note = values.get("note", "")
    while weighted_length(text) > MAX_WEIGHTED_LENGTH and note:
        note = note[: max(len(note) - 10, 0)]
        text = body.format_map({**values, "note": (note + "…") if note else ""})
    if weighted_length(text) > MAX_WEIGHTED_LENGTH:
        text = text[:270] + "…"
    return text


def active_templates() -> dict[tuple[str, str], str]:
    return {(t.key, t.language): t.body for t in ReplyTemplate.objects.filter(is_active=True)}


def reply_text(
    complaint: Complaint,
    *,
    purpose: str,
    note: str = "",
    templates: dict[tuple[str, str], str] | None = None,
) -> str:
    templates = active_templates() if templates is None else templates
    body = templates.get((purpose, complaint.language)) or templates.get((purpose, "en"))
    if body is None:
        raise LookupError(f"no active reply template {purpose!r}")
    unit = complaint.unit
    values = {
        "code": complaint.code,
        "unit": unit.name_en,
        "unit_hi": unit.name_hi or unit.name_en,
        "link": tracking_link(complaint.code),
        "note": re.sub(r"\s+", " ", note).strip(),
        "status": LABELS[Status(complaint.status)],
    }
    return _fit(body, values)


# --- where a reply goes -------------------------------------------------------------------


def _origin_post(complaint: Complaint) -> InboundPost | None:
    from seva.channels.platforms import parse_item

    message = complaint.origin_message
    if message is None or not message.source_ref.startswith("social.inbound:"):
        return None
    record = InboundRecord.objects.filter(pk=int(message.source_ref.split(":", 1)[1])).first()
    if record is None:
        return None
    try:
        return parse_item(RawItem(record.external_id, record.format, record.payload))
    except UnreadableItem:
        return None


def _account_for(post: InboundPost) -> ChannelAccount | None:
    accounts = list(ChannelAccount.objects.filter(handle__is_active=True).select_related("handle"))
    return _account_among(accounts, post)


def _account_among(accounts: list[ChannelAccount], post: InboundPost) -> ChannelAccount | None:
    """The account the post speaks to (mentioned, or the DM's recipient), else the first."""
    accounts = [a for a in accounts if a.handle.platform == post.platform]
    for account in accounts:
        if account.handle.handle in post.mentions or (
            post.recipient_id and account.handle.external_user_id == post.recipient_id
        ):
            return account
    return accounts[0] if accounts else None


def reply_record(
    complaint: Complaint,
    *,
    purpose: str,
    event: Event | None,
    post: InboundPost | None = None,
    note: str = "",
    text: str | None = None,
) -> OutboundReply | None:
    """Record one reply (idempotent by key). None when the complaint has no reachable thread.
    `text` is an officer's own words; without it the purpose's template is rendered."""
    post = post or _origin_post(complaint)
    if post is None or post.platform not in REPLYING_PLATFORMS:
        return None  # a web-form or hand-entered complaint: the citizen saw the code on screen
    key = f"{complaint.pk}:{purpose}:{event.pk if event else 0}"
    existing = OutboundReply.objects.filter(key=key).first()
    if existing is not None:
        return existing
    if text is None:
        text = reply_text(complaint, purpose=purpose, note=note)
    account = _account_for(post)
    state, reason = ReplyState.PENDING, ""
    quoted_us = (
        bool(post.quoted_id) and OutboundReply.objects.filter(external_id=post.quoted_id).exists()
    )
    mentioned = account is not None and account.handle.handle in post.mentions
    if post.kind == PostKind.POST and not (mentioned or quoted_us):
        state = ReplyState.WITHHELD
        reason = "the post does not mention our account (X allows automated replies only then)"
    at = now()
    reply = OutboundReply.objects.create(
        key=key,
        complaint=complaint,
        account=account,
        source_event=event,
        platform=post.platform,
        purpose=purpose,
        language=complaint.language,
        text=text,
        in_reply_to_id=post.external_id if post.kind == PostKind.POST else "",
        dm_recipient_id=post.author_id if post.kind == PostKind.DM else "",
        state=state,
        last_error=reason,
        next_attempt_at=at,
        created_at=at,
    )
    if state == ReplyState.WITHHELD:
        events.reply_withheld(complaint, purpose=purpose, reason=reason)
    return reply


def _purpose(event: Event) -> tuple[str, str] | None:
    """(purpose, note) for an event that should reach the citizen, else None."""
    if event.type == "complaint.registered":
        return "acknowledgement", ""
    if event.type != "status.changed":
        return None
    note = str(event.data.get("note", ""))
    if event.data.get("to") == Status.INCOMPLETE_INFO:
        if note == NEED_PLACE_NOTE:
            return "need_place", ""
        return "incomplete_info", note
    if event.data.get("to") == Status.CLOSED:
        return "closure", note
    return None


_LATER_TYPES: Iterable[str] = ("status.changed",)


@transaction.atomic
def replies_from_events(*, batch: int = 500) -> int:
    """The notifier: read the event log after its cursor and record the replies officers'
    actions call for. Registration replies are made by intake itself, so only status changes
    are read here. Returns how many replies were recorded."""
    cursor, _ = NotifierCursor.objects.select_for_update().get_or_create(name=NOTIFIER)
    batch_events = list(Event.objects.filter(id__gt=cursor.last_event_id).order_by("id")[:batch])
    made = 0
    for event in batch_events:
        if event.type not in _LATER_TYPES or event.actor_id is None:
            continue  # system moves (need_place at intake, resumes) are not told again
        purpose = _purpose(event)
        if purpose is None:
            continue
        complaint = Complaint.objects.select_related("unit").get(pk=event.complaint_id)
        if reply_record(complaint, purpose=purpose[0], event=event, note=purpose[1]):
            made += 1
    if batch_events:
        NotifierCursor.objects.filter(pk=cursor.pk).update(last_event_id=batch_events[-1].id)
    return made


def replies_for_registered(registered: list[tuple[Registered, InboundPost]]) -> list[OutboundReply]:
    """The first reply of each complaint intake just registered in bulk: the acknowledgement,
    or the request for district and police station. Same rules as `reply_record`."""
    templates = active_templates()
    accounts = list(ChannelAccount.objects.filter(handle__is_active=True).select_related("handle"))
    at = now()
    replies: list[OutboundReply] = []
    withheld: list[Event] = []
    for item, post in registered:
        if post.platform not in REPLYING_PLATFORMS:
            continue
        complaint = item.complaint
        asking = complaint.status == Status.INCOMPLETE_INFO
        purpose = "need_place" if asking else "acknowledgement"
        event = next(
            e
            for e in item.events
            if (e.type == "status.changed" and e.data.get("note") == NEED_PLACE_NOTE)
            or (not asking and e.type == "complaint.registered")
        )
        account = _account_among(accounts, post)
        mentioned = account is not None and account.handle.handle in post.mentions
        state, reason = ReplyState.PENDING, ""
        if post.kind == PostKind.POST and not mentioned:
            state = ReplyState.WITHHELD
            reason = "the post does not mention our account (X allows automated replies only then)"
            withheld.append(
                Event(
                    complaint=complaint,
                    type="reply.withheld",
                    at=at,
                    data={"purpose": purpose, "reason": reason},
                )
            )
        replies.append(
            OutboundReply(
                key=f"{complaint.pk}:{purpose}:{event.pk}",
                complaint=complaint,
                account=account,
                source_event=event,
                platform=post.platform,
                purpose=purpose,
                language=complaint.language,
                text=reply_text(complaint, purpose=purpose, templates=templates),
                in_reply_to_id=post.external_id if post.kind == PostKind.POST else "",
                dm_recipient_id=post.author_id if post.kind == PostKind.DM else "",
                state=state,
                last_error=reason,
                next_attempt_at=at,
                created_at=at,
            )
        )
    OutboundReply.objects.bulk_create(replies)
    Event.objects.bulk_create(withheld)
    return replies
