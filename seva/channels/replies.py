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

import datetime as dt
import re
from dataclasses import dataclass

from django.conf import settings

from seva.channels.base import InboundPost, PostKind, RawItem, UnreadableItem
from seva.channels.models import (
    ChannelAccount,
    ChannelAlert,
    InboundRecord,
    OutboundReply,
    ReplyState,
)
from seva.complaints import events
from seva.complaints.models import Complaint, Event, ReplyTemplate
from seva.complaints.outbox import events_save, outbox_consume
from seva.complaints.services.registration import NEED_PLACE_NOTE, Registered
from seva.complaints.statuses import LABELS, Status
from seva.complaints.vocabulary import EventType, ReplyPurpose
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


class ReplyUnrenderable(LookupError):
    """No active template for the purpose, or a template whose placeholders do not render."""


def active_templates() -> dict[tuple[str, str], str]:
    return {(t.key, t.language): t.body for t in ReplyTemplate.objects.filter(is_active=True)}


def reply_text(
    complaint: Complaint,
    *,
    purpose: str,
    note: str = "",
    templates: dict[tuple[str, str], str] | None = None,
) -> str:
    """The purpose's template in the complaint's language (else English), filled in. Raises
    ReplyUnrenderable when there is none or it names a placeholder we do not have."""
    templates = active_templates() if templates is None else templates
    body = templates.get((purpose, complaint.language)) or templates.get((purpose, "en"))
    if body is None:
        raise ReplyUnrenderable(f"no active reply template {purpose!r}")
    unit = complaint.unit
    values = {
        "code": complaint.code,
        "unit": unit.name_en,
        "unit_hi": unit.name_hi or unit.name_en,
        "link": tracking_link(complaint.code),
        "note": re.sub(r"\s+", " ", note).strip(),
        "status": LABELS[Status(complaint.status)],
    }
    try:
        return _fit(body, values)
    except (KeyError, ValueError, IndexError) as exc:  # a placeholder we do not fill
        raise ReplyUnrenderable(f"reply template {purpose!r} does not render: {exc!r}") from exc


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


def _account_among(accounts: list[ChannelAccount], post: InboundPost) -> ChannelAccount | None:
    """The account the post speaks to (mentioned, or the DM's recipient), else the first."""
    accounts = [a for a in accounts if a.handle.platform == post.platform]
    for account in accounts:
        if account.handle.handle in post.mentions or (
            post.recipient_id and account.handle.external_user_id == post.recipient_id
        ):
            return account
    return accounts[0] if accounts else None


@dataclass(frozen=True)
class ReplyRequest:
    """One reply a complaint's event calls for: its purpose, the event, and either an
    officer's own words (`text`) or the note that goes into the purpose's template."""

    complaint: Complaint
    purpose: str
    event: Event | None
    post: InboundPost
    note: str = ""
    text: str | None = None

    @property
    def key(self) -> str:
        return f"{self.complaint.pk}:{self.purpose}:{self.event.pk if self.event else 0}"


NOT_MENTIONED = "the post does not mention our account (X allows automated replies only then)"


def replies_build(requests: list[ReplyRequest]) -> list[OutboundReply]:
    """The one builder of reply rows, for intake's registrations and for later events alike.

    Records each reply (idempotent by key: an existing row is returned as it is), in the
    caller's transaction. Rules: a public post that neither mentions our account nor quotes
    one of our replies gets its reply WITHHELD (X's automation rules), with a reply.withheld
    event; a template that cannot be rendered gives a FAILED reply with a reply.failed event
    and a channel alert, and never stops the caller (a complaint registers regardless)."""
    if not requests:
        return []
    existing = {
        r.key: r for r in OutboundReply.objects.filter(key__in=[req.key for req in requests])
    }
    templates = active_templates()
    accounts = list(ChannelAccount.objects.filter(handle__is_active=True).select_related("handle"))
    quoted = {req.post.quoted_id for req in requests if req.post.quoted_id}
    ours = set(
        OutboundReply.objects.filter(external_id__in=quoted).values_list("external_id", flat=True)
    )
    at = now()
    rows: list[OutboundReply] = []
    new: list[OutboundReply] = []
    notes: list[Event] = []
    for req in requests:
        if req.key in existing:
            rows.append(existing[req.key])
            continue
        post = req.post
        account = _account_among(accounts, post)
        state, reason, text = ReplyState.PENDING, "", req.text
        if text is None:
            try:
                text = reply_text(
                    req.complaint, purpose=req.purpose, note=req.note, templates=templates
                )
            except ReplyUnrenderable as exc:
                state, reason, text = ReplyState.FAILED, str(exc), ""
                notes.append(
                    events.reply_failed(
                        req.complaint, purpose=req.purpose, reason=reason, at=at, save=False
                    )
                )
                _alert_unrenderable(account, req, reason, at)
        mentioned = account is not None and account.handle.handle in post.mentions
        allowed = post.kind == PostKind.DM or mentioned or post.quoted_id in ours
        if state == ReplyState.PENDING and not allowed:
            state, reason = ReplyState.WITHHELD, NOT_MENTIONED
            notes.append(
                events.reply_withheld(
                    req.complaint, purpose=req.purpose, reason=reason, at=at, save=False
                )
            )
        reply = OutboundReply(
            key=req.key,
            complaint=req.complaint,
            account=account,
            source_event=req.event,
            platform=post.platform,
            purpose=req.purpose,
            language=req.complaint.language,
            text=text,
            in_reply_to_id=post.external_id if post.kind == PostKind.POST else "",
            dm_recipient_id=post.author_id if post.kind == PostKind.DM else "",
            state=state,
            last_error=reason,
            next_attempt_at=at,
            created_at=at,
        )
        rows.append(reply)
        new.append(reply)
    OutboundReply.objects.bulk_create(new)
    events_save(notes)
    return rows


UNRENDERABLE_ALERT = "reply.unrenderable"


def _alert_unrenderable(
    account: ChannelAccount | None, req: ReplyRequest, reason: str, at: dt.datetime
) -> None:
    """One alert per purpose and language an hour, not one per citizen."""
    data = {"purpose": req.purpose, "language": req.complaint.language, "reason": reason[:300]}
    recent = ChannelAlert.objects.filter(
        type=UNRENDERABLE_ALERT, at__gte=at - dt.timedelta(hours=1), data__purpose=req.purpose
    ).filter(data__language=req.complaint.language)
    if not recent.exists():
        ChannelAlert.objects.create(account=account, type=UNRENDERABLE_ALERT, at=at, data=data)


def reply_record(
    complaint: Complaint,
    *,
    purpose: str,
    event: Event | None,
    post: InboundPost | None = None,
    note: str = "",
    text: str | None = None,
) -> OutboundReply | None:
    """Record one reply (see `replies_build`). None when the complaint has no thread we can
    answer in. `text` is an officer's own words; without it the purpose's template is used."""
    post = post or _origin_post(complaint)
    if post is None or post.platform not in REPLYING_PLATFORMS:
        return None  # a web-form or hand-entered complaint: the citizen saw the code on screen
    (reply,) = replies_build([ReplyRequest(complaint, purpose, event, post, note, text)])
    return reply


def _purpose(event: Event) -> tuple[str, str] | None:
    """(purpose, note) for an event that should reach the citizen, else None."""
    if event.type == EventType.REGISTERED:
        return ReplyPurpose.ACKNOWLEDGEMENT, ""
    if event.type != EventType.STATUS_CHANGED:
        return None
    note = str(event.data.get("note", ""))
    if event.data.get("to") == Status.INCOMPLETE_INFO:
        if note == NEED_PLACE_NOTE:
            return ReplyPurpose.NEED_PLACE, ""
        return ReplyPurpose.INCOMPLETE_INFO, note
    if event.data.get("to") == Status.CLOSED:
        return ReplyPurpose.CLOSURE, note
    return None


def wants_event(event: Event) -> bool:
    """The notifier's share of the outbox: officers' status changes that reach the citizen.
    Registration replies are made by intake itself, and system moves (need_place at intake,
    resumes) are not told again."""
    return (
        event.type == EventType.STATUS_CHANGED
        and event.actor_id is not None
        and bool(_purpose(event))
    )


def replies_from_events(*, batch: int = 500) -> int:
    """The notifier: record the replies that officers' actions call for, each event once
    (through the outbox). Returns how many replies were recorded."""
    return outbox_consume(NOTIFIER, _replies_for, batch=batch, related=("complaint__unit",))


def _replies_for(batch: list[Event]) -> int:
    made = 0
    for event in batch:
        purpose = _purpose(event)
        if purpose is None:
            continue
        if reply_record(event.complaint, purpose=purpose[0], event=event, note=purpose[1]):
            made += 1
    return made


def replies_for_registered(registered: list[tuple[Registered, InboundPost]]) -> list[OutboundReply]:
    """The first reply of each complaint intake just registered in bulk: the acknowledgement,
    or the request for district and police station."""
    requests = []
    for item, post in registered:
        if post.platform not in REPLYING_PLATFORMS:
            continue
        asking = item.complaint.status == Status.INCOMPLETE_INFO
        event = next(
            e
            for e in item.events
            if (e.type == EventType.STATUS_CHANGED and e.data.get("note") == NEED_PLACE_NOTE)
            or (not asking and e.type == EventType.REGISTERED)
        )
        purpose = ReplyPurpose.NEED_PLACE if asking else ReplyPurpose.ACKNOWLEDGEMENT
        requests.append(ReplyRequest(item.complaint, purpose, event, post))
    return replies_build(requests)
