"""Posts an HQ operator captures by hand: a post's URL (looked up through the API when it
answers) or its text and author. They go through the same intake as everything else.

A captured URL keeps the post's own id as the external id, so if the poller later fetches the
same post it is recognised as the same record and not registered twice.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from seva.channels.base import ChannelError, InboundPost, PostKind, RawItem, UnreadableItem
from seva.channels.models import InboundRecord, InboundVia
from seva.complaints.services import state_hq
from seva.core.errors import InvalidInput
from seva.directory.access import Action, access_require

_POST_URL = re.compile(
    r"^https?://(?:www\.|mobile\.)?(?:x|twitter)\.com/(?P<handle>\w{1,15})/status(?:es)?/(?P<id>\d{1,25})"
)
MAX_TEXT = 10_000


def parse_manual(item: RawItem) -> InboundPost:
    payload = item.payload
    text = payload.get("text")
    if not isinstance(text, str) or not text.strip():
        raise UnreadableItem("a captured post needs its text")
    platform = "x" if item.format == "manual.x" else "manual"
    return InboundPost(
        platform=platform,
        kind=PostKind.POST,
        external_id=item.external_id,
        text=text,
        author_id=str(payload.get("author_id") or payload.get("author_handle") or item.external_id),
        author_handle=str(payload.get("author_handle", "")).lower().lstrip("@"),
        author_name=str(payload.get("author_name", "")),
        author_location=str(payload.get("author_location", "")),
        author_verified=False,  # typed by an operator: X did not say who wrote it
    )


def post_url_parts(url: str) -> tuple[str, str] | None:
    match = _POST_URL.match(url.strip())
    return (match["handle"], match["id"]) if match else None


def inbound_capture(
    *,
    actor: User,
    url: str = "",
    text: str = "",
    author_handle: str = "",
    author_name: str = "",
    author_location: str = "",
    lookup: Any = None,
) -> InboundRecord:
    """Store a captured post and put it through intake. `lookup(post_id)` returns the v2 body
    of the post (the X client's lookup_post) or raises ChannelError; with no answer the text
    and author typed by the operator are used. Raises InvalidInput on bad input."""
    from seva.channels.services.intake import inbound_process
    from seva.channels.services.store import inbound_store
    from seva.channels.x.parse import items_from_v2_posts

    access_require(actor, Action.CAPTURE, state_hq())
    url = url.strip()
    text = text.strip()
    if len(text) > MAX_TEXT:
        raise InvalidInput(f"the text is longer than {MAX_TEXT} characters", field="text")
    parts = post_url_parts(url) if url else None
    if url and parts is None:
        raise InvalidInput("that is not the address of a post on X", field="url")
    item: RawItem | None = None
    if parts is not None and lookup is not None:
        try:
            items = items_from_v2_posts(lookup(parts[1]))
            item = items[0] if items else None
        except ChannelError:
            item = None  # X did not answer: fall back to what the operator typed
    if item is None:
        if not text:
            raise InvalidInput("paste the post's text (X could not be asked for it)", field="text")
        handle = (author_handle or (parts[0] if parts else "")).lstrip("@")
        if not handle and not author_name:
            raise InvalidInput("give the author's handle or name", field="author_handle")
        payload = {
            "text": text,
            "author_handle": handle,
            "author_name": author_name,
            "author_location": author_location,
            "url": url,
            "captured_by": actor.get_username(),
        }
        if parts is not None:
            item = RawItem(external_id=parts[1], format="manual.x", payload=payload)
        else:
            item = RawItem(
                external_id=f"manual:{uuid.uuid4()}", format="manual.post", payload=payload
            )
    platform = "x" if item.format in ("x.v2.post", "manual.x") else "manual"
    with transaction.atomic():
        inbound_store(platform=platform, items=[item], via=InboundVia.CAPTURE)
    record = InboundRecord.objects.get(platform=platform, external_id=item.external_id)
    inbound_process(record.pk)
    record.refresh_from_db()
    return record
