"""The adapter contract every platform implements, and the values that cross it.

A platform sub-package (``seva.channels.x``) turns the platform's payloads into
`InboundPost` values and sends `OutgoingReply` values. Everything else in Seva (intake,
threading, triage, replies, health) works on these values and never on a platform's JSON.

Errors: an adapter raises `ChannelError`; `permanent=True` means "do not try this again"
(credits depleted, duplicate content, a deleted post), otherwise the worker retries later,
not before `retry_at` when the platform said when. `ambiguous=True` means the platform may
have acted on the request although we did not get its answer (a timeout or a dropped
connection after sending, a 5xx, an unreadable 2xx): the caller must look before sending
again. `duplicate=True` marks the platform's refusal of content it already has.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol


class PostKind(StrEnum):
    POST = "post"  # a public post (mention, reply, quote)
    DM = "dm"  # a direct message to one of our accounts


@dataclass(frozen=True)
class DirectDetails:
    """What a person filing a complaint on purpose (web form, REST API, Open311) adds to the
    text. Intake always registers such a post and routes it to the chosen unit when given."""

    unit_code: str = ""  # the district or police station the citizen chose; "" = triage decides
    phone: str = ""
    email: str = ""
    submitter: str = ""  # "form", or the API client's or Open311 key's name


@dataclass(frozen=True)
class InboundPost:
    """One post or direct message, normalised. Text is the full text (long posts included)."""

    platform: str
    kind: PostKind
    external_id: str
    text: str
    author_id: str
    author_handle: str = ""
    author_name: str = ""
    author_location: str = ""
    # The platform vouches for `author_id` (it delivered the post, or answered a lookup).
    # False for a post an operator typed in by hand: its author is only what was typed, so it
    # never continues anyone's complaint as its complainant.
    author_verified: bool = True
    created_at: dt.datetime | None = None
    language: str = ""
    conversation_id: str = ""
    in_reply_to_id: str = ""
    in_reply_to_user_id: str = ""
    quoted_id: str = ""
    is_repost: bool = False
    mentions: tuple[str, ...] = ()  # handles, lower-case, without @
    hashtags: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()  # expanded where the platform gave it
    place_name: str = ""
    coordinates: tuple[float, float] | None = None  # (longitude, latitude) as GeoJSON has it
    media_keys: tuple[str, ...] = ()
    recipient_id: str = ""  # DMs: which of our accounts received it
    direct: DirectDetails | None = None  # set for submissions filed on purpose, not posts

    def mentions_any(self, handles: set[str]) -> bool:
        return any(m in handles for m in self.mentions)


@dataclass(frozen=True)
class RawItem:
    """One item exactly as a platform delivered it, before anything is read from it.

    `format` names the parser ("x.v2.post", "x.v1.status", "x.v2.dm", "x.v1.dm"); `payload` is
    self-contained: the item plus the expansions it refers to.
    """

    external_id: str
    format: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class Page:
    items: list[RawItem]
    newest_id: str = ""  # the cursor to store once every page of this fetch is stored


@dataclass(frozen=True)
class OutgoingReply:
    """A reply to send: public (in the post's thread) or a direct message."""

    text: str
    in_reply_to_id: str = ""
    dm_recipient_id: str = ""
    marker: str = ""  # text that identifies this reply when checking whether it went out


@dataclass(frozen=True)
class FetchWindow:
    """What a poll asks for: items newer than `since_id`."""

    since_id: str = ""
    max_pages: int = 20


class ChannelError(Exception):
    def __init__(
        self,
        message: str,
        *,
        permanent: bool = False,
        retry_at: dt.datetime | None = None,
        status: int | None = None,
        ambiguous: bool = False,
        duplicate: bool = False,
    ) -> None:
        super().__init__(message)
        self.permanent = permanent
        self.retry_at = retry_at
        self.status = status
        self.ambiguous = ambiguous
        self.duplicate = duplicate


class UnreadableItem(ValueError):
    """A stored item the adapter cannot read: it is quarantined with this reason."""


@dataclass
class SendResult:
    external_id: str
    extra: dict[str, Any] = field(default_factory=dict)


class Adapter(Protocol):
    platform: str

    def fetch_mentions(self, window: FetchWindow) -> Iterator[Page]: ...

    def fetch_direct_messages(self, window: FetchWindow) -> Iterator[Page]: ...

    def parse(self, item: RawItem) -> InboundPost: ...

    def send(self, reply: OutgoingReply) -> SendResult: ...

    def find_sent(self, reply: OutgoingReply, *, since: dt.datetime) -> str | None:
        """The id of an earlier send of this reply, if it went out (checked after a crash
        between sending and recording, or an answer that was lost)."""
        ...

    def close(self) -> None:
        """Release connections; the adapter is not used again."""
        ...
