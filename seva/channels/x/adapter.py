"""The X adapter: the contract in `seva.channels.base` over `XClient`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from django.conf import settings

from seva.channels.base import (
    FetchWindow,
    InboundPost,
    OutgoingReply,
    Page,
    RawItem,
    SendResult,
)
from seva.channels.models import ChannelAccount
from seva.channels.x.client import XClient
from seva.channels.x.parse import items_from_v2_dms, items_from_v2_posts, parse_item

_URL = re.compile(r"https?://\S+")


def comparable(text: str) -> str:
    """X rewrites links to t.co; compare texts without them."""
    return " ".join(_URL.sub("", text).split())


def _id_int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        return 0


class XAdapter:
    platform = "x"

    def __init__(self, client: XClient, *, user_id: str) -> None:
        self.client = client
        self.user_id = user_id

    def fetch_mentions(self, window: FetchWindow) -> Iterator[Page]:
        newest = ""
        for body in self.client.mention_pages(
            self.user_id, since_id=window.since_id, max_pages=window.max_pages
        ):
            newest = newest or str((body.get("meta") or {}).get("newest_id") or "")
            yield Page(items=items_from_v2_posts(body), newest_id=newest)

    def fetch_direct_messages(self, window: FetchWindow) -> Iterator[Page]:
        since = _id_int(window.since_id)
        newest = ""
        for body in self.client.dm_pages(max_pages=window.max_pages):
            items = [i for i in items_from_v2_dms(body) if _id_int(i.external_id[3:]) > since]
            # Our own sent messages are listed too; intake skips them as our own.
            if items and not newest:
                newest = max((i.external_id[3:] for i in items), key=_id_int)
            yield Page(items=items, newest_id=newest)
            if len(items) < len(body.get("data") or []):
                return  # reached what we had already

    def parse(self, item: RawItem) -> InboundPost:
        return parse_item(item)

    def send(self, reply: OutgoingReply) -> SendResult:
        if reply.dm_recipient_id:
            event_id = self.client.send_dm(participant_id=reply.dm_recipient_id, text=reply.text)
            return SendResult(external_id="dm:" + event_id)
        return SendResult(
            external_id=self.client.create_post(
                text=reply.text, in_reply_to_id=reply.in_reply_to_id
            )
        )

    def close(self) -> None:
        self.client.close()

    def find_sent(self, reply: OutgoingReply, *, since: dt.datetime) -> str | None:
        want = comparable(reply.text)
        start = since - dt.timedelta(minutes=5)
        if reply.dm_recipient_id:
            body = self.client.user_dm_events(reply.dm_recipient_id)
            for event in body.get("data") or []:
                if (
                    str(event.get("sender_id")) == self.user_id
                    and comparable(str(event.get("text", ""))) == want
                ):
                    return "dm:" + str(event.get("id"))
            return None
        body = self.client.user_posts(self.user_id, start_time=start)
        for post in body.get("data") or []:
            refs = post.get("referenced_tweets") or post.get("referenced_posts") or []
            replied_to = {str(r.get("id")) for r in refs if r.get("type") == "replied_to"}
            if reply.in_reply_to_id in replied_to and comparable(str(post.get("text"))) == want:
                return str(post.get("id"))
        return None


def x_client(account: ChannelAccount | None = None) -> XClient:
    tokens: dict[str, str] = {str(k): str(v) for k, v in settings.SEVA_X_ACCESS_TOKENS}
    token = tokens.get(account.handle.handle, "") if account else ""
    return XClient(
        base_url=settings.SEVA_X_API_BASE_URL,
        token=token or settings.SEVA_X_ACCESS_TOKEN,
        timeout=float(settings.SEVA_X_TIMEOUT_SECONDS),
    )


def x_adapter(account: ChannelAccount | None) -> XAdapter:
    user_id = account.handle.external_user_id if account else ""
    return XAdapter(x_client(account), user_id=user_id)
