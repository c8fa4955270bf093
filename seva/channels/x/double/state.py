"""The X double's world: users, posts, direct messages, stream rules, and what it was sent.

Everything lives in memory behind one lock; ids grow like X's snowflake ids. Responses are
built in X API v2's wire format (see `../shared/fixtures/x-api` and the OpenAPI spec), so
our client cannot tell the double from X.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

TWEPOCH_MS = 1288834974657  # X's snowflake epoch (2010-11-04)


def snowflake_now() -> int:
    """An id like X's: milliseconds since X's epoch, shifted past the worker and sequence
    bits. Two doubles started at different times never hand out the same ids."""
    return (int(time.time() * 1000) - TWEPOCH_MS) << 22


_MENTION = re.compile(r"(?<![\w@])@(\w{1,15})")
_HASHTAG = re.compile(r"(?<![\w#])#(\w+)")
_URL = re.compile(r"https?://\S+")


def iso(at: dt.datetime) -> str:
    return at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


@dataclass
class Fault:
    """An injected failure: `kind` on the next `count` requests whose path starts `path`."""

    # 429 | 500 | 503 | timeout | malformed | partial | 402 | slow | stale (an empty list),
    # and after X has acted: accept_then_503 | accept_then_timeout (stall, then hang up)
    kind: str
    count: int = 1
    path: str = "/2/"
    seconds: float = 2.0  # timeout, slow and accept_then_timeout: how long to stall
    reset_in: int = 1  # 429: seconds until the window resets


@dataclass
class Reply:
    """A post or message our client made through the API, with when it arrived."""

    id: str
    text: str
    in_reply_to_id: str
    dm_recipient_id: str
    received_at: float
    replied_post_created_at: float | None


@dataclass
class World:
    accounts: dict[str, str] = field(default_factory=dict)  # our usernames (lower) → id
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    by_username: dict[str, dict[str, Any]] = field(default_factory=dict)  # lower-case
    posts: list[dict[str, Any]] = field(default_factory=list)
    post_by_id: dict[str, dict[str, Any]] = field(default_factory=dict)
    created_wall: dict[str, float] = field(default_factory=dict)
    dms: list[dict[str, Any]] = field(default_factory=list)
    replies: list[Reply] = field(default_factory=list)
    rules: list[dict[str, str]] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    places: dict[str, dict[str, Any]] = field(default_factory=dict)
    requests: int = 0
    next_id: int = field(default_factory=snowflake_now)
    lock: threading.RLock = field(default_factory=threading.RLock)
    listeners: list[Callable[[dict[str, Any]], None]] = field(default_factory=list)
    dm_listeners: list[Callable[[dict[str, Any]], None]] = field(default_factory=list)

    def new_id(self) -> str:
        with self.lock:
            self.next_id += 1
            return str(self.next_id)

    # --- users ----------------------------------------------------------------------------

    def account(self, username: str) -> dict[str, Any]:
        with self.lock:
            key = username.lower()
            if key not in self.accounts:
                user = self.user(username=username, name=username, location="Uttar Pradesh")
                self.accounts[key] = user["id"]
            return self.users[self.accounts[key]]

    def user(
        self, *, username: str, name: str = "", location: str = "", id: str = ""
    ) -> dict[str, Any]:
        with self.lock:
            existing = self.by_username.get(username.lower())
            if existing is not None:
                return existing
            user = {"id": id or self.new_id(), "username": username, "name": name or username}
            if location:
                user["location"] = location
            self.users[user["id"]] = user
            self.by_username[username.lower()] = user
            return user

    def user_by_name(self, username: str) -> dict[str, Any] | None:
        with self.lock:
            return self.by_username.get(username.lower())

    # --- posts ----------------------------------------------------------------------------

    def add_post(
        self,
        *,
        author: dict[str, Any],
        text: str,
        in_reply_to_id: str = "",
        quoted_id: str = "",
        repost_of_id: str = "",
        place: dict[str, Any] | None = None,
        lang: str = "",
    ) -> dict[str, Any]:
        with self.lock:
            post_id = self.new_id()
            now = dt.datetime.now(dt.UTC)
            post: dict[str, Any] = {
                "id": post_id,
                "text": text,
                "edit_history_tweet_ids": [post_id],
                "author_id": author["id"],
                "created_at": iso(now),
                "conversation_id": post_id,
                "lang": lang or ("hi" if re.search(r"[\u0900-\u097F]", text) else "en"),
            }
            entities = _entities(text, self)
            if entities:
                post["entities"] = entities
            refs = []
            parent = self.post_by_id.get(in_reply_to_id) if in_reply_to_id else None
            if parent is not None:
                refs.append({"type": "replied_to", "id": parent["id"]})
                post["conversation_id"] = parent["conversation_id"]
                post["in_reply_to_user_id"] = parent["author_id"]
            if quoted_id and quoted_id in self.post_by_id:
                refs.append({"type": "quoted", "id": quoted_id})
            if repost_of_id and repost_of_id in self.post_by_id:
                refs.append({"type": "retweeted", "id": repost_of_id})
            if refs:
                post["referenced_tweets"] = refs
            if place:
                self.places[place["id"]] = place
                post["geo"] = {"place_id": place["id"]}
            if len(text) > 280:
                # X cuts `text` and puts the whole long post in note_tweet.
                post["note_tweet"] = {"text": text}
                post["text"] = text[:277] + "…"
            self.posts.append(post)
            self.post_by_id[post_id] = post
            self.created_wall[post_id] = time.time()
            listeners = list(self.listeners)
        for listener in listeners:
            listener(post)
        return post

    def mentions_of(self, user_id: str) -> list[dict[str, Any]]:
        user = self.users.get(user_id)
        if user is None:
            return []
        name = user["username"].lower()
        with self.lock:
            return [
                p
                for p in reversed(self.posts)
                if any(
                    m["username"].lower() == name for m in p.get("entities", {}).get("mentions", [])
                )
                and p["author_id"] != user_id
            ]

    def posts_by(self, user_id: str) -> list[dict[str, Any]]:
        with self.lock:
            return [p for p in reversed(self.posts) if p["author_id"] == user_id]

    def includes_for(self, posts: list[dict[str, Any]]) -> dict[str, Any]:
        users: dict[str, dict[str, Any]] = {}
        tweets: dict[str, dict[str, Any]] = {}
        places: dict[str, dict[str, Any]] = {}
        with self.lock:
            for post in posts:
                for uid in (post["author_id"], post.get("in_reply_to_user_id")):
                    if uid and uid in self.users:
                        users[uid] = self.users[uid]
                for ref in post.get("referenced_tweets", []):
                    if ref["id"] in self.post_by_id:
                        tweets[ref["id"]] = self.post_by_id[ref["id"]]
                place_id = post.get("geo", {}).get("place_id")
                if place_id in self.places:
                    places[place_id] = self.places[place_id]
        found: dict[str, Any] = {}
        if users:
            found["users"] = list(users.values())
        if tweets:
            found["tweets"] = list(tweets.values())
        if places:
            found["places"] = list(places.values())
        return found

    # --- direct messages ------------------------------------------------------------------

    def add_dm(self, *, sender: dict[str, Any], recipient_id: str, text: str) -> dict[str, Any]:
        with self.lock:
            low, high = sorted([sender["id"], recipient_id], key=int)
            event = {
                "id": self.new_id(),
                "event_type": "MessageCreate",
                "text": text,
                "sender_id": sender["id"],
                "dm_conversation_id": f"{low}-{high}",
                "created_at": iso(dt.datetime.now(dt.UTC)),
                "participant_ids": [low, high],
            }
            self.dms.append(event)
            self.created_wall[event["id"]] = time.time()
            listeners = list(self.dm_listeners)
        for listener in listeners:
            listener(event)
        return event

    def dms_of(self, user_id: str) -> list[dict[str, Any]]:
        with self.lock:
            return [e for e in reversed(self.dms) if user_id in e["participant_ids"]]

    # --- faults ---------------------------------------------------------------------------

    def take_fault(self, path: str) -> Fault | None:
        with self.lock:
            self.requests += 1
            for fault in self.faults:
                if fault.count > 0 and path.startswith(fault.path):
                    fault.count -= 1
                    return fault
            self.faults = [f for f in self.faults if f.count > 0]
            return None


def _entities(text: str, world: World) -> dict[str, Any]:
    entities: dict[str, Any] = {}
    mentions = []
    for match in _MENTION.finditer(text):
        mention = {"start": match.start(), "end": match.end(), "username": match[1]}
        user = world.user_by_name(match[1])
        if user is not None:
            mention["id"] = user["id"]
        mentions.append(mention)
    if mentions:
        entities["mentions"] = mentions
    tags = [{"start": m.start(), "end": m.end(), "tag": m[1]} for m in _HASHTAG.finditer(text)]
    if tags:
        entities["hashtags"] = tags
    urls = [
        {
            "start": m.start(),
            "end": m.end(),
            "url": m[0],
            "expanded_url": m[0],
            "display_url": m[0].split("//", 1)[1][:30],
        }
        for m in _URL.finditer(text)
    ]
    if urls:
        entities["urls"] = urls
    return entities
