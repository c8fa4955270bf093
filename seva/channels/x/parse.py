"""X payloads → `InboundPost`, and X responses or webhook bodies → self-contained `RawItem`s.

X is mid-way through renaming "tweet" to "post" in field names (OpenAPI v2.167 has
`note_post`, `referenced_posts`, `edit_history_post_ids`, while the payloads X documents in
2026 still carry the `tweet` names), so every read accepts both spellings.

Formats (the `RawItem.format` values):
- ``x.v2.post``: ``{"data": <v2 post>, "includes": {...}}`` (mentions timeline, lookup,
  filtered stream, X Activity API ``post.*.create`` payloads);
- ``x.v1.status``: a v1.1 status object (Account Activity ``tweet_create_events``);
- ``x.v2.dm``: ``{"data": <v2 DM event>, "includes": {"users": [...]}}`` (``GET /2/dm_events``);
- ``x.v1.dm``: ``{"event": <message_create event>, "users": {...}}`` (Account Activity and the
  X Activity API ``dm.received``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from seva.channels.base import InboundPost, PostKind, RawItem, UnreadableItem

PLATFORM = "x"


def _pick(obj: Mapping[str, Any], *names: str) -> Any:
    for name in names:
        if name in obj and obj[name] is not None:
            return obj[name]
    return None


def _str(value: Any) -> str:
    return "" if value is None else str(value)


def _dict(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise UnreadableItem(f"{what} is not an object")
    return value


def _obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _time_v2(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _time_v1(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.datetime.strptime(value, "%a %b %d %H:%M:%S %z %Y")
    except ValueError:
        return None


def _time_ms(value: Any) -> dt.datetime | None:
    try:
        return dt.datetime.fromtimestamp(int(value) / 1000, tz=dt.UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _point(coordinates: Any) -> tuple[float, float] | None:
    if isinstance(coordinates, list) and len(coordinates) == 2:
        try:
            return (float(coordinates[0]), float(coordinates[1]))
        except (TypeError, ValueError):
            return None
    return None


# --- v2 posts -----------------------------------------------------------------------------


def _v2_full_text(post: Mapping[str, Any]) -> tuple[str, Mapping[str, Any]]:
    """Long posts carry their whole text in note_tweet (or note_post); `text` is cut."""
    note = _pick(post, "note_tweet", "note_post")
    if isinstance(note, dict) and isinstance(note.get("text"), str):
        return note["text"], note.get("entities") or post.get("entities") or {}
    text = post.get("text")
    if not isinstance(text, str):
        raise UnreadableItem("the post has no text")
    return text, post.get("entities") or {}


def parse_v2_post(payload: Mapping[str, Any]) -> InboundPost:
    post = _dict(payload.get("data"), "data")
    includes = payload.get("includes") or {}
    post_id = _str(post.get("id"))
    if not post_id:
        raise UnreadableItem("the post has no id")
    text, entities = _v2_full_text(post)
    author_id = _str(post.get("author_id"))
    users = {_str(u.get("id")): u for u in _list(includes.get("users")) if isinstance(u, dict)}
    author = users.get(author_id, {})
    referenced = _list(_pick(post, "referenced_tweets", "referenced_posts"))
    refs = {_str(r.get("type")): _str(r.get("id")) for r in referenced if isinstance(r, dict)}
    geo = post.get("geo") or {}
    place_name = ""
    place_id = _str(geo.get("place_id")) if isinstance(geo, dict) else ""
    for place in _list(includes.get("places")):
        if isinstance(place, dict) and _str(place.get("id")) == place_id:
            place_name = _str(place.get("full_name") or place.get("name"))
    coordinates = None
    if isinstance(geo, dict) and isinstance(geo.get("coordinates"), dict):
        coordinates = _point(geo["coordinates"].get("coordinates"))
    attachments = post.get("attachments") or {}
    return InboundPost(
        platform=PLATFORM,
        kind=PostKind.POST,
        external_id=post_id,
        text=text,
        author_id=author_id,
        author_handle=_str(author.get("username")).lower(),
        author_name=_str(author.get("name")),
        author_location=_str(author.get("location")),
        created_at=_time_v2(post.get("created_at")),
        language=_str(post.get("lang")),
        conversation_id=_str(post.get("conversation_id")),
        in_reply_to_id=refs.get("replied_to", ""),
        in_reply_to_user_id=_str(post.get("in_reply_to_user_id")),
        quoted_id=refs.get("quoted", ""),
        is_repost="retweeted" in refs or "reposted" in refs or _old_style_repost(text),
        mentions=_handles(m.get("username") for m in _list(entities.get("mentions"))),
        hashtags=tuple(_str(h.get("tag")) for h in _list(entities.get("hashtags"))),
        urls=tuple(
            _str(u.get("expanded_url") or u.get("url")) for u in _list(entities.get("urls"))
        ),
        place_name=place_name,
        coordinates=coordinates,
        media_keys=tuple(_str(k) for k in _list(attachments.get("media_keys"))),
    )


def _old_style_repost(text: str) -> bool:
    """ "RT @user: ..." copies someone's post; X's own retweet object may be trimmed away."""
    return text.startswith("RT @")


def _handles(names: Iterable[Any]) -> tuple[str, ...]:
    return tuple(str(n).lower() for n in names if isinstance(n, str) and n)


# --- v1.1 statuses (Account Activity) -----------------------------------------------------


def parse_v1_status(status: Mapping[str, Any]) -> InboundPost:
    status = _dict(status, "status")
    status_id = _str(status.get("id_str") or status.get("id"))
    if not status_id:
        raise UnreadableItem("the status has no id")
    extended = _obj(status.get("extended_tweet"))
    text = _pick(extended or {}, "full_text") or _pick(status, "full_text", "text")
    if not isinstance(text, str):
        raise UnreadableItem("the status has no text")
    entities = (extended or {}).get("entities") or status.get("entities") or {}
    user = _obj(status.get("user"))
    place = _obj(status.get("place"))
    coordinates = status.get("coordinates")
    return InboundPost(
        platform=PLATFORM,
        kind=PostKind.POST,
        external_id=status_id,
        text=text,
        author_id=_str(user.get("id_str") or user.get("id")),
        author_handle=_str(user.get("screen_name")).lower(),
        author_name=_str(user.get("name")),
        author_location=_str(user.get("location")),
        created_at=_time_v1(status.get("created_at")),
        language=_str(status.get("lang")),
        # v1.1 has no conversation id; the replied-to status is the nearest thread clue.
        conversation_id="",
        in_reply_to_id=_str(status.get("in_reply_to_status_id_str")),
        in_reply_to_user_id=_str(status.get("in_reply_to_user_id_str")),
        quoted_id=_str(status.get("quoted_status_id_str")),
        is_repost=isinstance(status.get("retweeted_status"), dict) or _old_style_repost(text),
        mentions=_handles(m.get("screen_name") for m in _list(entities.get("user_mentions"))),
        hashtags=tuple(_str(h.get("text")) for h in _list(entities.get("hashtags"))),
        urls=tuple(
            _str(u.get("expanded_url") or u.get("url")) for u in _list(entities.get("urls"))
        ),
        place_name=_str(place.get("full_name") or place.get("name")),
        coordinates=_point(coordinates.get("coordinates"))
        if isinstance(coordinates, dict)
        else None,
    )


# --- direct messages ----------------------------------------------------------------------


def parse_v2_dm(payload: Mapping[str, Any]) -> InboundPost:
    event = _dict(payload.get("data"), "data")
    if _str(event.get("event_type")) not in ("MessageCreate", ""):
        raise UnreadableItem(f"not a message: {event.get('event_type')!r}")
    text = event.get("text")
    if not isinstance(text, str):
        raise UnreadableItem("the message has no text")
    sender = _str(event.get("sender_id"))
    users = payload.get("includes", {}).get("users") if isinstance(payload, dict) else None
    author: dict[str, Any] = next((u for u in _list(users) if _str(u.get("id")) == sender), {})
    return InboundPost(
        platform=PLATFORM,
        kind=PostKind.DM,
        external_id="dm:" + _str(event.get("id")),
        text=text,
        author_id=sender,
        author_handle=_str(author.get("username")).lower(),
        author_name=_str(author.get("name")),
        author_location=_str(author.get("location")),
        created_at=_time_v2(event.get("created_at")),
        conversation_id=_str(event.get("dm_conversation_id")),
    )


def parse_v1_dm(payload: Mapping[str, Any]) -> InboundPost:
    event = _dict(payload.get("event"), "event")
    create = _dict(event.get("message_create"), "message_create")
    data = _dict(create.get("message_data"), "message_data")
    text = data.get("text")
    if not isinstance(text, str):
        raise UnreadableItem("the message has no text")
    sender = _str(create.get("sender_id"))
    users = _obj(payload.get("users"))
    user = users.get(sender) or {}
    # The X Activity API wraps each user as {"data": <v2 user>}; Account Activity gives v1.1.
    user = user.get("data", user) if isinstance(user, dict) else {}
    return InboundPost(
        platform=PLATFORM,
        kind=PostKind.DM,
        external_id="dm:" + _str(event.get("id")),
        text=text,
        author_id=sender,
        author_handle=_str(user.get("username") or user.get("screen_name")).lower(),
        author_name=_str(user.get("name")),
        author_location=_str(user.get("location")),
        created_at=_time_ms(event.get("created_timestamp")),
        recipient_id=_str((create.get("target") or {}).get("recipient_id")),
    )


PARSERS = {
    "x.v2.post": parse_v2_post,
    "x.v1.status": parse_v1_status,
    "x.v2.dm": parse_v2_dm,
    "x.v1.dm": parse_v1_dm,
}


def parse_item(item: RawItem) -> InboundPost:
    parser = PARSERS.get(item.format)
    if parser is None:
        raise UnreadableItem(f"unknown format {item.format!r}")
    try:
        return parser(item.payload)
    except UnreadableItem:
        raise
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise UnreadableItem(f"malformed {item.format}: {type(exc).__name__}: {exc}") from exc


# --- splitting responses and deliveries into items ----------------------------------------


def _includes_for(post: Mapping[str, Any], includes: Mapping[str, Any]) -> dict[str, Any]:
    """The expansions one post refers to, so its stored record reads on its own."""
    user_ids = {_str(post.get("author_id")), _str(post.get("in_reply_to_user_id"))}
    ref_ids = {
        _str(r.get("id"))
        for r in _list(_pick(post, "referenced_tweets", "referenced_posts"))
        if isinstance(r, dict)
    }
    geo = _obj(post.get("geo"))
    media = set(_list((post.get("attachments") or {}).get("media_keys")))
    picked: dict[str, Any] = {
        "users": [u for u in _list(includes.get("users")) if _str(u.get("id")) in user_ids],
        "tweets": [t for t in _list(includes.get("tweets")) if _str(t.get("id")) in ref_ids],
        "places": [
            p for p in _list(includes.get("places")) if _str(p.get("id")) == geo.get("place_id")
        ],
        "media": [m for m in _list(includes.get("media")) if m.get("media_key") in media],
    }
    return {k: v for k, v in picked.items() if v}


def items_from_v2_posts(body: Mapping[str, Any]) -> list[RawItem]:
    """A v2 response with `data` (a list or one post) and `includes` → one item per post."""
    data = body.get("data")
    posts = data if isinstance(data, list) else [data] if isinstance(data, dict) else []
    includes = _obj(body.get("includes"))
    items = []
    for post in posts:
        if not isinstance(post, dict) or not post.get("id"):
            continue
        payload = {"data": post, "includes": _includes_for(post, includes)}
        items.append(RawItem(external_id=_str(post["id"]), format="x.v2.post", payload=payload))
    return items


def items_from_v2_dms(body: Mapping[str, Any]) -> list[RawItem]:
    includes = _obj(body.get("includes"))
    items = []
    for event in _list(body.get("data")):
        if not isinstance(event, dict) or not event.get("id"):
            continue
        if event.get("event_type") not in (None, "MessageCreate"):
            continue
        sender = _str(event.get("sender_id"))
        users = [u for u in _list(includes.get("users")) if _str(u.get("id")) == sender]
        payload = {"data": event, "includes": {"users": users} if users else {}}
        items.append(
            RawItem(external_id="dm:" + _str(event["id"]), format="x.v2.dm", payload=payload)
        )
    return items


def items_from_webhook(body: Mapping[str, Any]) -> list[RawItem]:
    """A webhook delivery → items: X Activity API envelopes or Account Activity bodies.

    Deliveries that carry no post or incoming message (deletes, typing, read receipts,
    revocations, our own sent DMs) give no items.
    """
    envelope = body.get("data")
    if isinstance(envelope, dict) and "event_type" in envelope:
        event_type = _str(envelope.get("event_type"))
        payload = envelope.get("payload")
        if event_type.startswith("post.") and event_type.endswith(".create"):
            if isinstance(payload, dict) and payload.get("id"):
                includes = _obj(envelope.get("includes"))
                return [
                    RawItem(
                        external_id=_str(payload["id"]),
                        format="x.v2.post",
                        payload={"data": payload, "includes": _includes_for(payload, includes)},
                    )
                ]
            return []
        if event_type == "dm.received" and isinstance(payload, dict):
            return _v1_dm_items(payload)
        return []
    items = [
        RawItem(external_id=_str(s.get("id_str") or s.get("id")), format="x.v1.status", payload=s)
        for s in _list(body.get("tweet_create_events"))
        if isinstance(s, dict) and (s.get("id_str") or s.get("id"))
    ]
    return items + _v1_dm_items(body)


def _v1_dm_items(body: Mapping[str, Any]) -> list[RawItem]:
    users_value = body.get("users")
    users: dict[str, Any] = users_value if isinstance(users_value, dict) else {}
    items = []
    for event in _list(body.get("direct_message_events")):
        if not isinstance(event, dict) or event.get("type") != "message_create":
            continue
        sender = _str((event.get("message_create") or {}).get("sender_id"))
        payload = {"event": event, "users": {sender: users[sender]} if sender in users else {}}
        items.append(
            RawItem(external_id="dm:" + _str(event.get("id")), format="x.v1.dm", payload=payload)
        )
    return items
