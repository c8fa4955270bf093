"""The double's X API v2 endpoints: mentions, lookup, our own posts, creating posts, DM events,
and the filtered stream with its rules, answered from the world (state.py) as X answers."""

from __future__ import annotations

import datetime as dt
import queue
import time
from typing import TYPE_CHECKING, Any

from seva.channels.x.double.state import Reply, World, iso

if TYPE_CHECKING:
    from seva.channels.x.double.server import _Handler


def _not_found(resource_type: str, parameter: str, value: str, detail: str) -> dict[str, str]:
    """One entry of X's `errors` array for something that does not exist (a 200 answer)."""
    return {
        "value": value,
        "detail": detail,
        "title": "Not Found Error",
        "resource_type": resource_type,
        "parameter": parameter,
        "resource_id": value,
        "type": "https://api.twitter.com/2/problems/resource-not-found",
    }


def _page(
    items: list[dict[str, Any]], query: dict[str, str], *, default: int = 10
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    size = max(5, min(int(query.get("max_results", default)), 100))
    since = int(query.get("since_id", "0") or 0)
    items = [i for i in items if int(i["id"]) > since]
    start = int(query.get("pagination_token", "0") or 0)
    chunk = items[start : start + size]
    meta: dict[str, Any] = {"result_count": len(chunk)}
    if chunk:
        meta["newest_id"] = chunk[0]["id"]
        meta["oldest_id"] = chunk[-1]["id"]
    if start + size < len(items):
        meta["next_token"] = str(start + size)
    return chunk, meta


def api(
    h: _Handler,
    method: str,
    path: str,
    query: dict[str, str],
    headers: dict[str, str],
    partial: bool,
) -> None:
    world = h.double.world
    caller = h.double.caller(h._token)
    parts = path.strip("/").split("/")
    if method == "GET" and path == "/2/users/me":
        return h._send(200, {"data": caller}, headers)
    if method == "GET" and parts[:3] == ["2", "users", "by"] and len(parts) == 5:
        user = world.user_by_name(parts[4])
        if user is None:
            return h._send(
                200,
                {
                    "errors": [
                        _not_found(
                            "user",
                            "username",
                            parts[4],
                            f"Could not find user with username: [{parts[4]}].",
                        )
                    ]
                },
                headers,
            )
        return h._send(200, {"data": user}, headers)
    if (
        method == "GET"
        and parts[:2] == ["2", "users"]
        and len(parts) == 4
        and parts[3] in ("mentions", "tweets")
    ):
        posts = world.mentions_of(parts[2]) if parts[3] == "mentions" else world.posts_by(parts[2])
        chunk, meta = _page(posts, query)
        body: dict[str, Any] = {"meta": meta}
        if chunk:
            body["data"] = chunk
            includes = world.includes_for(chunk)
            if includes:
                body["includes"] = includes
        if partial and chunk:
            body["errors"] = [
                _not_found("tweet", "ids", "1", "Could not find tweet with ids: [1].")
            ]
        return h._send(200, body, headers)
    if method == "GET" and parts[:2] == ["2", "tweets"] and len(parts) == 3 and parts[2].isdigit():
        post = world.post_by_id.get(parts[2])
        if post is None:
            return h._send(
                200,
                {
                    "errors": [
                        _not_found(
                            "tweet", "id", parts[2], f"Could not find tweet with id: [{parts[2]}]."
                        )
                    ]
                },
                headers,
            )
        body = {"data": post}
        includes = world.includes_for([post])
        if includes:
            body["includes"] = includes
        return h._send(200, body, headers)
    if method == "POST" and path == "/2/tweets":
        return _create_post(h, caller, headers)
    if method == "GET" and path == "/2/dm_events":
        events = world.dms_of(caller["id"])
        chunk, meta = _page(events, query)
        body = {"meta": meta}
        if chunk:
            body["data"] = chunk
            users = {e["sender_id"] for e in chunk}
            body["includes"] = {"users": [world.users[u] for u in users if u in world.users]}
        return h._send(200, body, headers)
    if parts[:3] == ["2", "dm_conversations", "with"] and len(parts) == 5:
        other = parts[3]
        if method == "GET" and parts[4] == "dm_events":
            events = [e for e in world.dms_of(caller["id"]) if other in e["participant_ids"]]
            chunk, meta = _page(events, query)
            return h._send(200, {"data": chunk, "meta": meta} if chunk else {"meta": meta}, headers)
        if method == "POST" and parts[4] == "messages":
            payload = h._json_body()
            if not isinstance(payload, dict) or not isinstance(payload.get("text"), str):
                return _invalid_request(h)
            event = world.add_dm(sender=caller, recipient_id=other, text=payload["text"])
            world.replies.append(
                Reply(
                    event["id"],
                    payload["text"],
                    "",
                    other,
                    time.time(),
                    _latest_dm_wall(world, other),
                )
            )
            return h._send(
                201,
                {
                    "data": {
                        "dm_conversation_id": event["dm_conversation_id"],
                        "dm_event_id": event["id"],
                    }
                },
                headers,
            )
    if path == "/2/tweets/search/stream/rules":
        return _rules(h, method, headers)
    if method == "GET" and path == "/2/tweets/search/stream":
        return _stream(h)
    return h._problem(404, "Not Found Error", f"no route {method} {path} in the double")


def _invalid_request(h: _Handler) -> None:
    """X's answer to a body without the fields it needs."""
    return h._problem(
        400,
        "Invalid Request",
        "One or more parameters to your request was invalid.",
        "https://api.twitter.com/2/problems/invalid-request",
    )


def _latest_dm_wall(world: World, sender_id: str) -> float | None:
    with world.lock:
        for event in reversed(world.dms):
            if event["sender_id"] == sender_id:
                return world.created_wall.get(event["id"])
    return None


def _create_post(h: _Handler, caller: dict[str, Any], headers: dict[str, str]) -> None:
    world = h.double.world
    payload = h._json_body()
    if not isinstance(payload, dict) or not isinstance(payload.get("text"), str):
        return _invalid_request(h)
    text = payload["text"]
    with world.lock:
        duplicate = any(
            p["author_id"] == caller["id"] and p["text"] == text for p in world.posts[-5000:]
        )
    if duplicate:
        return h._problem(
            403,
            "Forbidden",
            "You are not allowed to create a Tweet with duplicate content.",
            headers=headers,
        )
    reply_to = str((payload.get("reply") or {}).get("in_reply_to_tweet_id") or "")
    post = world.add_post(author=caller, text=text, in_reply_to_id=reply_to)
    world.replies.append(
        Reply(post["id"], text, reply_to, "", time.time(), world.created_wall.get(reply_to))
    )
    return h._send(
        201,
        {"data": {"id": post["id"], "text": text, "edit_history_tweet_ids": [post["id"]]}},
        headers,
    )


def _rules(h: _Handler, method: str, headers: dict[str, str]) -> None:
    world = h.double.world
    sent = iso(dt.datetime.now(dt.UTC))
    if method == "GET":
        meta = {"sent": sent, "result_count": len(world.rules)}
        return h._send(
            200, {"data": world.rules, "meta": meta} if world.rules else {"meta": meta}, headers
        )
    payload = h._json_body() or {}
    created: list[dict[str, str]] = []
    for rule in payload.get("add") or []:
        new = {"id": world.new_id(), "value": str(rule.get("value", ""))}
        if rule.get("tag"):
            new["tag"] = str(rule["tag"])
        world.rules.append(new)
        created.append(new)
    ids = set((payload.get("delete") or {}).get("ids") or [])
    deleted = len([r for r in world.rules if r["id"] in ids])
    world.rules = [r for r in world.rules if r["id"] not in ids]
    summary: dict[str, Any] = (
        {"created": len(created), "not_created": 0, "valid": len(created), "invalid": 0}
        if created or not ids
        else {"deleted": deleted, "not_deleted": len(ids) - deleted}
    )
    body: dict[str, Any] = {"meta": {"sent": sent, "summary": summary}}
    if created:
        body["data"] = created
    return h._send(200, body, headers)


def _stream(h: _Handler) -> None:
    lines: queue.Queue[bytes | None] = queue.Queue()
    h.double.streams.append(lines)
    h.send_response(200)
    h.send_header("Content-Type", "application/json; charset=utf-8")
    h.send_header("Transfer-Encoding", "chunked")
    h.end_headers()
    try:
        while True:
            try:
                line = lines.get(timeout=1)
            except queue.Empty:
                line = b"\r\n"  # keep-alive (X sends one every 20 s; the double more often)
            if line is None:
                break
            h.wfile.write(f"{len(line):x}\r\n".encode() + line + b"\r\n")
            h.wfile.flush()
        h.wfile.write(b"0\r\n\r\n")
    except OSError:
        pass
    finally:
        h.double.streams.remove(lines)
        h.close_connection = True
