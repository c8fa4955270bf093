"""Webhook delivery bodies the double sends: the X Activity API envelope, or Account
Activity's v1.1 shapes (statuses and direct_message_events)."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from seva.channels.x.double.state import World


def v1_status(world: World, post: dict[str, Any]) -> dict[str, Any]:
    """A v2 post in the v1.1 shape Account Activity deliveries use."""
    user = world.users[post["author_id"]]
    created = dt.datetime.fromisoformat(post["created_at"].replace("Z", "+00:00"))
    text = post.get("note_tweet", {}).get("text", post["text"])
    status: dict[str, Any] = {
        "created_at": created.strftime("%a %b %d %H:%M:%S +0000 %Y"),
        "id": int(post["id"]),
        "id_str": post["id"],
        "text": text,
        "truncated": False,
        "lang": post.get("lang"),
        "user": {
            "id": int(user["id"]),
            "id_str": user["id"],
            "name": user["name"],
            "screen_name": user["username"],
            "location": user.get("location"),
        },
        "entities": {
            "hashtags": [
                {"text": h["tag"], "indices": [h["start"], h["end"]]}
                for h in post.get("entities", {}).get("hashtags", [])
            ],
            "urls": [
                {
                    "url": u["url"],
                    "expanded_url": u["expanded_url"],
                    "indices": [u["start"], u["end"]],
                }
                for u in post.get("entities", {}).get("urls", [])
            ],
            "user_mentions": [
                {
                    "screen_name": m["username"],
                    "id_str": m.get("id", ""),
                    "indices": [m["start"], m["end"]],
                }
                for m in post.get("entities", {}).get("mentions", [])
            ],
        },
        "in_reply_to_status_id_str": None,
        "in_reply_to_user_id_str": post.get("in_reply_to_user_id"),
        "place": None,
        "coordinates": None,
    }
    for ref in post.get("referenced_tweets", []):
        if ref["type"] == "replied_to":
            status["in_reply_to_status_id_str"] = ref["id"]
        if ref["type"] == "quoted":
            status["quoted_status_id_str"] = ref["id"]
        if ref["type"] == "retweeted" and ref["id"] in world.post_by_id:
            status["retweeted_status"] = {"id_str": ref["id"]}
    return status


def delivery_body(world: World, style: str, kind: str, job: dict[str, Any]) -> dict[str, Any]:
    if kind == "post":
        post = job["post"]
        if style == "aaa":
            return {
                "for_user_id": job["for_user_id"],
                "tweet_create_events": [v1_status(world, post)],
            }
        event_type = "post.mention.create"
        return {
            "data": {
                "event_uuid": str(time.time_ns()),
                "filter": {"user_id": job["for_user_id"]},
                "event_type": event_type,
                "tag": "mentions",
                "payload": post,
                "includes": world.includes_for([post]),
            }
        }
    event = job["event"]
    sender = world.users.get(
        event["sender_id"], {"id": event["sender_id"], "username": "", "name": ""}
    )
    v1_event = {
        "type": "message_create",
        "id": event["id"],
        "created_timestamp": str(int(time.time() * 1000)),
        "message_create": {
            "target": {"recipient_id": job["for_user_id"]},
            "sender_id": event["sender_id"],
            "message_data": {
                "text": event["text"],
                "entities": {"hashtags": [], "symbols": [], "user_mentions": [], "urls": []},
            },
        },
    }
    if style == "aaa":
        users = {
            sender["id"]: {
                "id": sender["id"],
                "screen_name": sender["username"],
                "name": sender["name"],
                "location": sender.get("location", ""),
            }
        }
        return {
            "for_user_id": job["for_user_id"],
            "direct_message_events": [v1_event],
            "users": users,
        }
    return {
        "data": {
            "event_uuid": str(time.time_ns()),
            "filter": {"user_id": job["for_user_id"]},
            "event_type": "dm.received",
            "tag": "dm-inbound",
            "payload": {
                "direct_message_events": [v1_event],
                "users": {sender["id"]: {"data": sender}},
            },
        }
    }
