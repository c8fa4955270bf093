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
