"""A thin, typed X API v2 client on httpx, with a configurable base URL.

Why our own and not X's `xdk`: we use a dozen endpoints, and we need to control exactly what
happens on each failure (the worker decides between waiting, retrying and giving up, and
records which); `xdk` is generated code that follows the newest spec's renames (`post.fields`)
ahead of what X's servers are documented to send, and adds a dependency tree we would pin and
audit for little gain. httpx is already ours.

Failure policy (X docs, "Rate limits" and "Response codes and errors"):
- 429: wait until `x-rate-limit-reset` (or `x-user-limit-24hour-reset` for posting) when that is
  within `max_wait` seconds, else raise a retryable ChannelError with `retry_at`;
- 402 (credits depleted), 401, 400, 404 and 403: permanent (403 for duplicate content is marked
  `duplicate`);
- a connection that could not be opened: X never saw the request, retried with backoff;
- 5xx, timeouts and dropped connections after sending, unreadable JSON: a GET is retried with
  exponential backoff, then a retryable ChannelError. A POST (a post, a DM) is never repeated
  blindly: X may have taken it and only its answer was lost (a slow X sent a citizen the same
  DM twice), so it raises at once with `ambiguous=True` and the sender looks on X first.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

from seva.channels.base import ChannelError

POST_FIELDS = (
    "id,text,author_id,conversation_id,created_at,entities,geo,lang,note_tweet,"
    "referenced_tweets,in_reply_to_user_id,attachments,edit_history_tweet_ids"
)
POST_EXPANSIONS = (
    "author_id,referenced_tweets.id,referenced_tweets.id.author_id,geo.place_id,"
    "attachments.media_keys,in_reply_to_user_id"
)
USER_FIELDS = "id,name,username,location"
PLACE_FIELDS = "id,full_name,name,country_code,place_type,geo"
MEDIA_FIELDS = "media_key,type,url,preview_image_url"
DM_FIELDS = "id,text,event_type,created_at,sender_id,dm_conversation_id,participant_ids"

POST_PARAMS = {
    "tweet.fields": POST_FIELDS,
    "expansions": POST_EXPANSIONS,
    "user.fields": USER_FIELDS,
    "place.fields": PLACE_FIELDS,
    "media.fields": MEDIA_FIELDS,
}


@dataclass
class RateLimit:
    limit: int | None = None
    remaining: int | None = None
    reset_at: dt.datetime | None = None
    day_remaining: int | None = None
    day_reset_at: dt.datetime | None = None


def _int_header(headers: httpx.Headers, name: str) -> int | None:
    try:
        return int(headers[name])
    except (KeyError, ValueError):
        return None


def _epoch(value: int | None) -> dt.datetime | None:
    return None if value is None else dt.datetime.fromtimestamp(value, tz=dt.UTC)


def rate_limit_from(headers: httpx.Headers) -> RateLimit:
    return RateLimit(
        limit=_int_header(headers, "x-rate-limit-limit"),
        remaining=_int_header(headers, "x-rate-limit-remaining"),
        reset_at=_epoch(_int_header(headers, "x-rate-limit-reset")),
        day_remaining=_int_header(headers, "x-user-limit-24hour-remaining"),
        day_reset_at=_epoch(_int_header(headers, "x-user-limit-24hour-reset")),
    )


def _problem(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:200]
    if isinstance(body, dict):
        parts = [str(body.get(k)) for k in ("title", "detail") if body.get(k)]
        errors = body.get("errors")
        if isinstance(errors, list):
            parts += [str(e.get("message") or e) for e in errors[:3] if isinstance(e, dict)]
        return "; ".join(parts) or response.text[:200]
    return response.text[:200]


@dataclass
class XClient:
    base_url: str
    token: str
    timeout: float = 10.0
    max_retries: int = 4
    max_wait: float = 60.0  # longest 429 wait done in place; longer ones go back to the worker
    backoff: float = 0.5
    sleep: Callable[[float], None] = time.sleep
    last_rate: RateLimit = field(default_factory=RateLimit)
    _http: httpx.Client | None = None

    @property
    def http(self) -> httpx.Client:
        if self._http is None:
            self._http = httpx.Client(
                base_url=self.base_url.rstrip("/"),
                timeout=self.timeout,
                headers={"Authorization": f"Bearer {self.token}", "User-Agent": "Seva/1"},
            )
        return self._http

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None

    # --- the one request path -------------------------------------------------------------

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json_body: Any = None,
    ) -> dict[str, Any]:
        # After an unclear outcome only a read may be repeated; a POST may already have acted.
        unclear = method not in ("GET", "HEAD")
        attempt = 0
        while True:
            attempt += 1
            try:
                response = self.http.request(method, path, params=params, json=json_body)
            except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
                self._retry_or_raise(attempt, f"cannot reach X: {exc}")  # X never saw it
                continue
            except httpx.TimeoutException as exc:
                self._retry_or_raise(attempt, f"timeout: {exc}", ambiguous=unclear)
                continue
            except httpx.TransportError as exc:
                self._retry_or_raise(attempt, f"connection failed: {exc}", ambiguous=unclear)
                continue
            self.last_rate = rate_limit_from(response.headers)
            status = response.status_code
            if status == 429:
                self._wait_for_reset(attempt, response)
                continue
            if status >= 500:
                message = f"X answered {status}: {_problem(response)}"
                self._retry_or_raise(attempt, message, status, ambiguous=unclear)
                continue
            if status == 402:
                raise ChannelError(
                    f"X credits depleted (402): {_problem(response)}", permanent=True, status=402
                )
            if status >= 400:
                problem = _problem(response)
                raise ChannelError(
                    f"X refused the request ({status}): {problem}",
                    permanent=True,
                    status=status,
                    duplicate=status == 403 and "duplicate content" in problem.lower(),
                )
            try:
                body = response.json()
            except (ValueError, json.JSONDecodeError):
                self._retry_or_raise(
                    attempt, "X sent a body that is not JSON", status, ambiguous=unclear
                )
                continue
            if not isinstance(body, dict):
                self._retry_or_raise(
                    attempt, "X sent JSON that is not an object", status, ambiguous=unclear
                )
                continue
            return body

    def _retry_or_raise(
        self, attempt: int, message: str, status: int | None = None, *, ambiguous: bool = False
    ) -> None:
        if ambiguous:
            raise ChannelError(f"X may have taken it: {message}", status=status, ambiguous=True)
        if attempt > self.max_retries:
            raise ChannelError(f"{message} (after {attempt} attempts)", status=status)
        delay = self.backoff * (2 ** (attempt - 1))
        self.sleep(delay * (0.5 + random.random() / 2))  # noqa: S311 (jitter)

    def _wait_for_reset(self, attempt: int, response: httpx.Response) -> None:
        rate = self.last_rate
        now = dt.datetime.now(dt.UTC)
        # Posting also has a per-user daily cap; when that is spent, its reset is the one.
        if rate.day_remaining == 0 and rate.day_reset_at is not None:
            reset_at = rate.day_reset_at
        else:
            reset_at = rate.reset_at or now + dt.timedelta(seconds=60)
        wait = max((reset_at - now).total_seconds(), 0.0) + 1.0
        if wait > self.max_wait or attempt > self.max_retries:
            raise ChannelError(
                f"rate limited by X until {reset_at:%H:%M:%S} UTC", retry_at=reset_at, status=429
            )
        self.sleep(wait)

    # --- endpoints ------------------------------------------------------------------------

    def me(self) -> dict[str, Any]:
        return dict(self.request("GET", "/2/users/me", params={"user.fields": USER_FIELDS})["data"])

    def mention_pages(
        self, user_id: str, *, since_id: str = "", max_pages: int = 20, page_size: int = 100
    ) -> Iterator[dict[str, Any]]:
        """GET /2/users/:id/mentions, newest first, page by page (`meta.next_token`)."""
        params: dict[str, Any] = {**POST_PARAMS, "max_results": page_size}
        if since_id:
            params["since_id"] = since_id
        for _ in range(max_pages):
            body = self.request("GET", f"/2/users/{user_id}/mentions", params=params)
            yield body
            token = (body.get("meta") or {}).get("next_token")
            if not token:
                return
            params["pagination_token"] = token

    def user_posts(self, user_id: str, *, start_time: dt.datetime) -> dict[str, Any]:
        """Our own recent posts (to find a reply that went out before a crash)."""
        params = {
            "tweet.fields": "id,text,referenced_tweets,in_reply_to_user_id,created_at",
            "max_results": 100,
            "start_time": start_time.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
        return self.request("GET", f"/2/users/{user_id}/tweets", params=params)

    def lookup_post(self, post_id: str) -> dict[str, Any]:
        return self.request("GET", f"/2/tweets/{post_id}", params=POST_PARAMS)

    def create_post(self, *, text: str, in_reply_to_id: str = "") -> str:
        body: dict[str, Any] = {"text": text}
        if in_reply_to_id:
            body["reply"] = {"in_reply_to_tweet_id": in_reply_to_id}
        data = self.request("POST", "/2/tweets", json_body=body).get("data") or {}
        if not data.get("id"):
            raise ChannelError("X accepted the post but sent no id", ambiguous=True)
        return str(data["id"])

    def dm_pages(self, *, max_pages: int = 5) -> Iterator[dict[str, Any]]:
        """GET /2/dm_events, newest first. It has no since_id: the caller stops at its cursor."""
        params: dict[str, Any] = {
            "dm_event.fields": DM_FIELDS,
            "event_types": "MessageCreate",
            "expansions": "sender_id",
            "user.fields": USER_FIELDS,
            "max_results": 100,
        }
        for _ in range(max_pages):
            body = self.request("GET", "/2/dm_events", params=params)
            yield body
            token = (body.get("meta") or {}).get("next_token")
            if not token:
                return
            params["pagination_token"] = token

    def send_dm(self, *, participant_id: str, text: str) -> str:
        path = f"/2/dm_conversations/with/{participant_id}/messages"
        data = self.request("POST", path, json_body={"text": text}).get("data") or {}
        if not data.get("dm_event_id"):
            raise ChannelError("X accepted the message but sent no dm_event_id", ambiguous=True)
        return str(data["dm_event_id"])

    def user_dm_events(self, participant_id: str) -> dict[str, Any]:
        path = f"/2/dm_conversations/with/{participant_id}/dm_events"
        return self.request("GET", path, params={"dm_event.fields": DM_FIELDS, "max_results": 50})

    # --- filtered stream ------------------------------------------------------------------

    def stream_rules(self) -> list[dict[str, Any]]:
        body = self.request("GET", "/2/tweets/search/stream/rules")
        return [r for r in body.get("data") or [] if isinstance(r, dict)]

    def stream_rules_change(
        self, *, add: list[dict[str, str]] | None = None, delete_ids: list[str] | None = None
    ) -> dict[str, Any]:
        body: dict[str, Any] = {}
        if add:
            body["add"] = add
        if delete_ids:
            body["delete"] = {"ids": delete_ids}
        return self.request("POST", "/2/tweets/search/stream/rules", json_body=body)

    def stream_lines(self, *, stop: Callable[[], bool]) -> Iterator[dict[str, Any]]:
        """The filtered stream, one decoded JSON line at a time; keep-alive blank lines are
        skipped. Ends when the server closes or `stop()` turns true between lines."""
        timeout = httpx.Timeout(self.timeout, read=30.0)  # X sends a keep-alive every 20 s
        with self.http.stream(
            "GET", "/2/tweets/search/stream", params=POST_PARAMS, timeout=timeout
        ) as response:
            if response.status_code != 200:
                response.read()
                raise ChannelError(
                    f"stream refused ({response.status_code}): {_problem(response)}",
                    permanent=response.status_code in (400, 401, 402, 403),
                    status=response.status_code,
                )
            for line in response.iter_lines():
                if stop():
                    return
                if not line.strip():
                    continue
                try:
                    body = json.loads(line)
                except ValueError:
                    continue  # a cut line after a disconnect; the next poll fills the gap
                if isinstance(body, dict):
                    yield body


def reconcile_rules(client: XClient, wanted: dict[str, str]) -> tuple[list[str], list[str]]:
    """Make the stream's rules exactly `wanted` (tag → value): add the missing, delete the rest.
    Returns (added tags, deleted ids)."""
    current = client.stream_rules()
    have = {(r.get("tag"), r.get("value")): str(r.get("id")) for r in current}
    keep = {(tag, value) for tag, value in wanted.items()}
    delete_ids = [rule_id for key, rule_id in have.items() if key not in keep]
    add = [
        {"value": value, "tag": tag} for tag, value in wanted.items() if (tag, value) not in have
    ]
    if add or delete_ids:
        client.stream_rules_change(add=add, delete_ids=delete_ids)
    return [a["tag"] for a in add], delete_ids
