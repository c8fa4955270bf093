"""Finding the complaint a new post belongs to (the "thread" stage of intake).

Rules, in order (each names the clue an officer would use):
1. a reply to, or a quote of, one of our replies → that reply's complaint;
2. a reply to a post already on a complaint, by the same citizen → that complaint;
3. a post in the conversation of a complaint, by the same citizen → that complaint;
4. a post that carries a valid complaint code (check character and all) → that complaint;
5. a direct message from a citizen with a complaint still open → their latest open one.
A merged duplicate leads to the complaint it was merged into. Anything else is new.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Q

from seva.channels.base import InboundPost, PostKind
from seva.channels.models import OutboundReply
from seva.complaints.codes import CodeError, parse_code
from seva.complaints.models import Complaint, Message, MessageKind
from seva.complaints.statuses import FINAL, Status

# Loose enough to find a code in running text ("mera code LKN-261122-042-7 hai"); parse_code
# then checks it properly.
_CODE_IN_TEXT = re.compile(r"\b[A-Za-z]{2,4}[- ]?\d{6}[- ]?\d{3,9}[- ]?[0-9A-Za-z]\b")


@dataclass(frozen=True)
class ThreadMatch:
    complaint: Complaint
    rule: str


def codes_in(text: str) -> list[str]:
    found = []
    for candidate in _CODE_IN_TEXT.findall(text):
        try:
            found.append(str(parse_code(candidate)))
        except CodeError:
            continue
    return found


def _primary(complaint: Complaint) -> Complaint:
    seen = set()
    while complaint.merged_into_id is not None and complaint.pk not in seen:
        seen.add(complaint.pk)
        complaint = Complaint.objects.get(pk=complaint.merged_into_id)
    return complaint


def thread_find(post: InboundPost) -> ThreadMatch | None:
    match = _thread_find(post)
    if match is None:
        return None
    return ThreadMatch(_primary(match.complaint), match.rule)


def _thread_find(post: InboundPost) -> ThreadMatch | None:
    platform = post.platform
    same_author = {
        "complaint__complainant__platform": platform,
        "complaint__complainant__external_user_id": post.author_id,
    }
    for target, rule in (
        (post.in_reply_to_id, "reply to our reply"),
        (post.quoted_id, "quote of our reply"),
    ):
        if target:
            reply = (
                OutboundReply.objects.filter(platform=platform, external_id=target)
                .select_related("complaint")
                .first()
            )
            if reply is not None:
                return ThreadMatch(reply.complaint, rule)
    if post.kind == PostKind.POST and post.in_reply_to_id:
        message = (
            Message.objects.filter(
                channel=platform,
                external_id=post.in_reply_to_id,
                kind=MessageKind.INBOUND,
                **same_author,
            )
            .select_related("complaint")
            .first()
        )
        if message is not None and message.complaint is not None:
            return ThreadMatch(message.complaint, "reply in the citizen's own thread")
    if post.kind == PostKind.POST and post.conversation_id:
        message = (
            Message.objects.filter(
                channel=platform, conversation_id=post.conversation_id, **same_author
            )
            .exclude(complaint=None)
            .select_related("complaint")
            .order_by("-id")
            .first()
        )
        if message is not None and message.complaint is not None:
            return ThreadMatch(message.complaint, "same conversation, same citizen")
    for code in codes_in(post.text):
        complaint = Complaint.objects.filter(code=code).first()
        if complaint is not None:
            return ThreadMatch(complaint, f"carries the code {code}")
    if post.kind == PostKind.DM:
        complaint = (
            Complaint.objects.filter(
                complainant__platform=platform, complainant__external_user_id=post.author_id
            )
            .exclude(status__in=[s.value for s in FINAL | {Status.CLOSED}])
            .order_by("-registered_at")
            .first()
        )
        if complaint is not None:
            return ThreadMatch(complaint, "direct message from the complainant")
    return None


def thread_find_many(posts: list[InboundPost]) -> dict[str, ThreadMatch]:
    """`thread_find` for a batch of public posts, in a handful of queries (DMs: one each)."""
    if not posts:
        return {}
    platform = posts[0].platform
    targets = {t for p in posts for t in (p.in_reply_to_id, p.quoted_id) if t}
    ours = {
        r.external_id: r.complaint
        for r in OutboundReply.objects.filter(
            platform=platform, external_id__in=targets
        ).select_related("complaint")
    }
    replied = {p.in_reply_to_id for p in posts if p.in_reply_to_id and p.kind == PostKind.POST}
    conversations = {
        p.conversation_id for p in posts if p.conversation_id and p.kind == PostKind.POST
    }
    rows = list(
        Message.objects.filter(channel=platform)
        .filter(
            Q(external_id__in=replied, kind=MessageKind.INBOUND)
            | Q(conversation_id__in=conversations)
        )
        .exclude(complaint=None)
        .order_by("id")
        .values_list(
            "external_id",
            "conversation_id",
            "complaint_id",
            "complaint__complainant__external_user_id",
        )
    )
    code_hits = {code: p.external_id for p in posts for code in codes_in(p.text)}
    by_code = (
        {c.code: c for c in Complaint.objects.filter(code__in=list(code_hits))} if code_hits else {}
    )
    wanted_ids = {row[2] for row in rows}
    complaints = (
        {c.pk: c for c in Complaint.objects.filter(pk__in=wanted_ids)} if wanted_ids else {}
    )
    by_message: dict[str, tuple[int, str]] = {}
    by_conversation: dict[tuple[str, str], int] = {}
    for external_id, conversation_id, complaint_id, author in rows:
        if external_id in replied:
            by_message[external_id] = (complaint_id, author)
        if conversation_id in conversations:
            by_conversation[(conversation_id, author)] = complaint_id  # the latest wins
    found: dict[str, ThreadMatch] = {}
    for post in posts:
        match = None
        for target, rule in (
            (post.in_reply_to_id, "reply to our reply"),
            (post.quoted_id, "quote of our reply"),
        ):
            if match is None and target in ours:
                match = ThreadMatch(ours[target], rule)
        if match is None and post.kind == PostKind.POST and post.in_reply_to_id in by_message:
            complaint_id, author = by_message[post.in_reply_to_id]
            if author == post.author_id:
                match = ThreadMatch(complaints[complaint_id], "reply in the citizen's own thread")
        key = (post.conversation_id, post.author_id)
        if match is None and post.kind == PostKind.POST and key in by_conversation:
            match = ThreadMatch(complaints[by_conversation[key]], "same conversation, same citizen")
        if match is None:
            for code in codes_in(post.text):
                if code in by_code:
                    match = ThreadMatch(by_code[code], f"carries the code {code}")
                    break
        if match is None and post.kind == PostKind.DM:
            match = _thread_find(post)
        if match is not None:
            found[post.external_id] = ThreadMatch(_primary(match.complaint), match.rule)
    return found
