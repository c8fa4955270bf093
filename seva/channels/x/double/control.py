"""The double's control endpoints under /_double/ (not part of X's API): inject posts, DMs and
faults, register a webhook, read what the double received."""

from __future__ import annotations

from typing import TYPE_CHECKING

from seva.channels.x.double.state import Fault

if TYPE_CHECKING:
    from seva.channels.x.double.server import _Handler


def control(h: _Handler, method: str, path: str, query: dict[str, str]) -> None:
    double = h.double
    world = double.world
    name = path.removeprefix("/_double/")
    if method == "POST" and name == "posts":
        body = h._json_body() or {}
        author_info = body.get("author") or {}
        author = world.user(
            username=author_info.get("username", "citizen"),
            name=author_info.get("name", ""),
            location=author_info.get("location", ""),
        )
        post = world.add_post(
            author=author,
            text=str(body.get("text", "")),
            in_reply_to_id=str(body.get("in_reply_to_id", "")),
            quoted_id=str(body.get("quoted_id", "")),
            repost_of_id=str(body.get("repost_of_id", "")),
            place=body.get("place"),
        )
        return h._send(201, {"data": post})
    if method == "POST" and name == "dms":
        body = h._json_body() or {}
        info = body.get("sender") or {}
        sender = world.user(
            username=info.get("username", "citizen"),
            name=info.get("name", ""),
            location=info.get("location", ""),
        )
        account = world.account(str(body.get("to", next(iter(world.accounts)))))
        return h._send(
            201,
            {
                "data": world.add_dm(
                    sender=sender, recipient_id=account["id"], text=str(body.get("text", ""))
                )
            },
        )
    if method == "GET" and name == "replies":
        return h._send(200, {"data": [r.__dict__ for r in world.replies]})
    if method == "POST" and name == "faults":
        body = h._json_body()
        faults = body if isinstance(body, list) else [body]
        with world.lock:
            world.faults.extend(Fault(**f) for f in faults if isinstance(f, dict))
        return h._send(200, {"faults": len(world.faults)})
    if method == "DELETE" and name == "faults":
        with world.lock:
            world.faults.clear()
        return h._send(200, {"faults": 0})
    if method == "POST" and name == "webhook":
        body = h._json_body() or {}
        try:
            double.register_webhook(
                url=body["url"],
                secret=body["secret"],
                style=body.get("style", "xaa"),
                duplicate_every=int(body.get("duplicate_every", 0)),
            )
        except (KeyError, ValueError, OSError) as exc:
            return h._send(400, {"error": str(exc)})
        return h._send(200, {"ok": True})
    if method == "GET" and name == "stats":
        hook = double.webhook
        return h._send(
            200,
            {
                "posts": len(world.posts),
                "dms": len(world.dms),
                "replies": len(world.replies),
                "requests": world.requests,
                "accounts": world.accounts,
                "webhook": {"sent": hook.sent, "failed": hook.failed} if hook else None,
            },
        )
    return h._send(404, {"error": f"no control {method} {name}"})
