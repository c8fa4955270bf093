"""Finding the complaint a new post belongs to, and whether its author continues it (the
"thread" stage of intake).

Rules, in order (each names the clue an officer would use):
1. a reply to, or a quote of, one of our replies → that reply's complaint;
2. a reply to a post already on a complaint, by that complaint's complainant → that complaint;
3. a post in the conversation of a complaint, by that complaint's complainant → that complaint;
4. a post that carries a valid complaint code (check character and all) → that complaint (of
   several codes, the first whose complaint is the author's own, else the first);
5. a direct message from a citizen with a complaint still open → their latest open one.
A merged duplicate leads to the complaint it was merged into. Anything else is new. A
submission filed on purpose (web form, REST API, Open311) is never threaded: a code typed into
a form must not put words on somebody else's complaint.

Who wrote the post decides what the match means (`ThreadMatch.by_complainant`). Only the
complainant continues a complaint: the same platform user id as its complainant, or as the
complainant of a duplicate merged into it (`complainant_identities`), with the platform
vouching for the author (not a post an operator typed in). Anyone else's post found by rule 1
or 4 is a third-party note on that complaint, which changes nothing on it. Rules 2, 3 and 5
find only the complainant's own posts, so a stranger answering the citizen's post (not ours)
without a code gets a complaint of their own.

`thread_find_many` is the one implementation (a handful of queries for a whole batch);
`thread_find` is a batch of one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q

from seva.channels.base import InboundPost, PostKind
from seva.channels.models import OutboundReply
from seva.complaints.codes import CodeError, parse_code
from seva.complaints.models import Complaint, Message, MessageKind
from seva.complaints.selectors import Identity, complainant_identities
from seva.complaints.statuses import FINAL, Status

# Loose enough to find a code in running text ("mera code LKN-261122-042-7 hai"); parse_code
# then checks it properly.
_CODE_IN_TEXT = re.compile(r"\b[A-Za-z]{2,4}[- ]?\d{6}[- ]?\d{3,9}[- ]?[0-9A-Za-z]\b")
# A DM continues the sender's latest complaint still being worked.
_DM_DONE = [s.value for s in FINAL | {Status.CLOSED}]

Candidate = tuple[int, str]  # (complaint id, the rule that found it)


@dataclass(frozen=True)
class ThreadMatch:
    complaint: Complaint  # the main complaint (a merged duplicate leads to it)
    rule: str
    # The post's author is the complaint's complainant: a follow-up that continues it. False:
    # someone else's post about it, kept as a third-party note that changes nothing.
    by_complainant: bool


def codes_in(text: str) -> list[str]:
    found = []
    for candidate in _CODE_IN_TEXT.findall(text):
        try:
            found.append(str(parse_code(candidate)))
        except CodeError:
            continue
    return found


def thread_find(post: InboundPost) -> ThreadMatch | None:
    """The complaint one post belongs to, if any: a batch of one, so the rules exist once."""
    return thread_find_many([post]).get(post.external_id)


def thread_find_many(posts: list[InboundPost]) -> dict[str, ThreadMatch]:
    """The complaint each post belongs to (by external id; posts on none are left out), with
    whether its author continues it. Reads only; a few queries per platform in the batch,
    whatever its size."""
    threaded = [post for post in posts if post.direct is None]
    by_platform: dict[str, list[InboundPost]] = defaultdict(list)
    for post in threaded:
        by_platform[post.platform].append(post)
    candidates: dict[str, list[Candidate]] = {}
    for platform, group in by_platform.items():
        candidates.update(_candidates(platform, group))
    primary = _primaries({pk for found in candidates.values() for pk, _ in found})
    identities = complainant_identities({c.pk for c in primary.values()})
    matches: dict[str, ThreadMatch] = {}
    for post in threaded:
        found = candidates.get(post.external_id)
        if not found:
            continue
        author = _identity(post)
        resolved = [(primary[pk], rule) for pk, rule in found]
        complaint, rule = next(
            ((c, r) for c, r in resolved if author in identities[c.pk]), resolved[0]
        )
        matches[post.external_id] = ThreadMatch(complaint, rule, author in identities[complaint.pk])
    return matches


def _identity(post: InboundPost) -> Identity | None:
    """The author as a complainant would be recorded; None when nobody vouches for it."""
    return (post.platform, post.author_id) if post.author_verified else None


def _candidates(platform: str, posts: list[InboundPost]) -> dict[str, list[Candidate]]:
    """Each post's complaint by the rules in order (rule 4 may offer several), for posts of one
    platform."""
    targets = {t for p in posts for t in (p.in_reply_to_id, p.quoted_id) if t}
    ours = dict(
        OutboundReply.objects.filter(
            platform=platform, external_id__in=targets, complaint__isnull=False
        ).values_list("external_id", "complaint_id")
    )
    by_message, by_conversation = _own_threads(platform, posts)
    by_code = _complaints_by_code(posts)
    open_by_author = _open_complaints(platform, posts)
    found: dict[str, list[Candidate]] = {}
    for post in posts:
        author = _identity(post)
        candidates: list[Candidate] = []
        for target, rule in (
            (post.in_reply_to_id, "reply to our reply"),
            (post.quoted_id, "quote of our reply"),
        ):
            if not candidates and target in ours:
                candidates = [(ours[target], rule)]
        own_reply = (post.in_reply_to_id, author)
        if not candidates and post.kind == PostKind.POST and own_reply in by_message:
            candidates = [(by_message[own_reply], "reply in the citizen's own thread")]
        own_conversation = (post.conversation_id, author)
        if not candidates and post.kind == PostKind.POST and own_conversation in by_conversation:
            candidates = [(by_conversation[own_conversation], "same conversation, same citizen")]
        if not candidates:
            candidates = [
                (by_code[code], f"carries the code {code}")
                for code in codes_in(post.text)
                if code in by_code
            ]
        dm_author = post.author_id if post.kind == PostKind.DM and author is not None else ""
        if not candidates and dm_author in open_by_author:
            candidates = [(open_by_author[dm_author], "direct message from the complainant")]
        if candidates:
            found[post.external_id] = candidates
    return found


def _own_threads(
    platform: str, posts: list[InboundPost]
) -> tuple[dict[tuple[str, Identity], int], dict[tuple[str, Identity], int]]:
    """Rules 2 and 3 for a batch: (post replied to, its complaint's complainant) → complaint,
    and (conversation, its complaint's complainant) → the latest complaint in it. One query."""
    replied = {p.in_reply_to_id for p in posts if p.in_reply_to_id and p.kind == PostKind.POST}
    conversations = {
        p.conversation_id for p in posts if p.conversation_id and p.kind == PostKind.POST
    }
    if not replied and not conversations:
        return {}, {}
    rows = (
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
            "kind",
            "complaint_id",
            "complaint__complainant__platform",
            "complaint__complainant__external_user_id",
        )
    )
    by_message: dict[tuple[str, Identity], int] = {}
    by_conversation: dict[tuple[str, Identity], int] = {}
    for external_id, conversation_id, kind, complaint_id, *complainant in rows:
        who: Identity = (complainant[0], complainant[1])
        if external_id in replied and kind == MessageKind.INBOUND:
            by_message.setdefault((external_id, who), complaint_id)  # the first post wins
        if conversation_id in conversations:
            by_conversation[(conversation_id, who)] = complaint_id  # the latest wins
    return by_message, by_conversation


def _complaints_by_code(posts: list[InboundPost]) -> dict[str, int]:
    codes = {code for p in posts for code in codes_in(p.text)}
    if not codes:
        return {}
    return dict(Complaint.objects.filter(code__in=codes).values_list("code", "pk"))


def _open_complaints(platform: str, posts: list[InboundPost]) -> dict[str, int]:
    """Rule 5 for a batch: each DM author's latest complaint still being worked. One query."""
    authors = {p.author_id for p in posts if p.kind == PostKind.DM and p.author_verified}
    if not authors:
        return {}
    rows = (
        Complaint.objects.filter(
            complainant__platform=platform, complainant__external_user_id__in=authors
        )
        .exclude(status__in=_DM_DONE)
        .order_by("-registered_at", "-id")
        .values_list("complainant__external_user_id", "pk")
    )
    latest: dict[str, int] = {}
    for author, pk in rows:
        latest.setdefault(author, pk)
    return latest


def _primaries(ids: set[int]) -> dict[int, Complaint]:
    """Each complaint id → the complaint it leads to: itself, or the main complaint a merged
    duplicate was merged into (at any depth). A query per level of merging."""
    loaded: dict[int, Complaint] = {}
    wanted = set(ids)
    while wanted:
        loaded.update((c.pk, c) for c in Complaint.objects.filter(pk__in=wanted))
        wanted = {
            c.merged_into_id
            for c in loaded.values()
            if c.merged_into_id is not None and c.merged_into_id not in loaded
        }
    primary: dict[int, Complaint] = {}
    for pk in ids:
        complaint, seen = loaded[pk], {pk}
        while complaint.merged_into_id is not None and complaint.merged_into_id not in seen:
            seen.add(complaint.merged_into_id)
            complaint = loaded[complaint.merged_into_id]
        primary[pk] = complaint
    return primary
