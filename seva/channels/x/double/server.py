"""The X API double over real HTTP: the v2 endpoints Seva uses, faults on demand, webhooks.

Start it with `python manage.py x_double` (the demo does), or in a test with
`DoubleServer(...).start()`; it listens on 127.0.0.1 only. This module is the server: callers,
rate limits, faults and webhook delivery; the X endpoints are in endpoints.py. Control
endpoints under `/_double/` (control.py) inject posts and faults and report what was received;
they are not part of X's API.
"""

from __future__ import annotations

import json
import queue
import re
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx

from seva.channels.x.double.control import control
from seva.channels.x.double.deliveries import delivery_body
from seva.channels.x.double.endpoints import api
from seva.channels.x.double.state import Fault, World
from seva.channels.x.webhook import crc_response, sign

WINDOW_SECONDS = 15 * 60
DEFAULT_LIMITS = {"GET": 450, "POST /2/tweets": 100, "POST dm": 200}


class Webhook:
    def __init__(self, url: str, secret: str, style: str, duplicate_every: int = 0) -> None:
        self.url = url
        self.secret = secret
        self.style = style  # "xaa" (X Activity API) or "aaa" (Account Activity, v1.1 shapes)
        self.duplicate_every = duplicate_every
        self.sent = 0
        self.failed = 0


class DoubleServer:
    def __init__(
        self,
        *,
        port: int = 0,
        accounts: list[str] | None = None,
        tokens: dict[str, str] | None = None,
    ) -> None:
        self.world = World()
        for name in accounts or ["Uppolice"]:
            self.world.account(name)
        self.tokens = {k: v.lower() for k, v in (tokens or {}).items()}
        self.limits = dict(DEFAULT_LIMITS)
        self.usage: dict[tuple[str, str], tuple[float, int]] = {}
        self.webhook: Webhook | None = None
        self.streams: list[queue.Queue[bytes | None]] = []
        self.deliveries: queue.Queue[tuple[str, dict[str, Any]] | None] = queue.Queue()
        self.world.listeners.append(self._on_post)
        self.world.dm_listeners.append(self._on_dm)
        handler = type("Handler", (_Handler,), {"double": self})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.httpd.daemon_threads = True
        self.threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}"

    def start(self) -> DoubleServer:
        for target in (self.httpd.serve_forever, self._deliver_loop):
            thread = threading.Thread(target=target, daemon=True)
            thread.start()
            self.threads.append(thread)
        return self

    def stop(self) -> None:
        self.deliveries.put(None)
        for stream in list(self.streams):
            stream.put(None)
        self.httpd.shutdown()
        self.httpd.server_close()

    # --- who is calling, and their rate limits --------------------------------------------

    def caller(self, token: str) -> dict[str, Any]:
        name = self.tokens.get(token)
        if name and name in self.world.accounts:
            return self.world.users[self.world.accounts[name]]
        first = next(iter(self.world.accounts.values()))
        return self.world.users[first]

    def spend(self, token: str, key: str) -> tuple[int, int, int]:
        """(limit, remaining, reset epoch) after this request; remaining < 0 means refused."""
        limit = self.limits.get(key, self.limits["GET"])
        now = time.time()
        start, used = self.usage.get((token, key), (now, 0))
        if now - start >= WINDOW_SECONDS:
            start, used = now, 0
        used += 1
        self.usage[(token, key)] = (start, used)
        return limit, limit - used, int(start + WINDOW_SECONDS)

    # --- pushes: stream lines and webhook deliveries --------------------------------------

    def _mentioned_accounts(self, post: dict[str, Any]) -> list[str]:
        names = {m["username"].lower() for m in post.get("entities", {}).get("mentions", [])}
        return [
            uid
            for name, uid in self.world.accounts.items()
            if name in names and uid != post["author_id"]
        ]

    def _on_post(self, post: dict[str, Any]) -> None:
        line = None
        matching = [r for r in self.world.rules if _rule_matches(r["value"], post)]
        if matching and self.streams:
            body = {
                "data": post,
                "includes": self.world.includes_for([post]),
                "matching_rules": [{"id": r["id"], "tag": r.get("tag", "")} for r in matching],
            }
            line = (json.dumps(body) + "\r\n").encode()
            for stream in list(self.streams):
                stream.put(line)
        if self.webhook is not None:
            for user_id in self._mentioned_accounts(post):
                self.deliveries.put(("post", {"post": post, "for_user_id": user_id}))

    def _on_dm(self, event: dict[str, Any]) -> None:
        if self.webhook is None:
            return
        for user_id in event["participant_ids"]:
            if user_id in self.world.accounts.values() and user_id != event["sender_id"]:
                self.deliveries.put(("dm", {"event": event, "for_user_id": user_id}))

    def _deliver_loop(self) -> None:
        while True:
            job = self.deliveries.get()
            if job is None:
                return
            hook = self.webhook
            if hook is None:
                continue
            body = delivery_body(self.world, hook.style, *job)
            copies = (
                2 if hook.duplicate_every and (hook.sent + 1) % hook.duplicate_every == 0 else 1
            )
            for _ in range(copies):
                self._post_signed(hook, body)

    def _post_signed(self, hook: Webhook, body: dict[str, Any]) -> None:
        raw = json.dumps(body).encode()
        headers = {
            "Content-Type": "application/json",
            "x-twitter-webhooks-signature": sign(hook.secret, raw),
        }
        for attempt in range(3):  # X retries a failed delivery a few times
            try:
                response = httpx.post(hook.url, content=raw, headers=headers, timeout=10)
                if response.status_code < 300:
                    hook.sent += 1
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2 * (attempt + 1))
        hook.failed += 1

    def register_webhook(
        self, *, url: str, secret: str, style: str = "xaa", duplicate_every: int = 0
    ) -> None:
        """Like POST /2/webhooks: X checks the URL with a CRC before accepting it."""
        token = f"crc-{time.time_ns()}"
        answer = httpx.get(url, params={"crc_token": token}, timeout=10).json()
        if answer != crc_response(secret, token):
            raise ValueError("the webhook answered the CRC check wrongly")
        self.webhook = Webhook(url, secret, style, duplicate_every)


def _rule_matches(value: str, post: dict[str, Any]) -> bool:
    mentions = {m["username"].lower() for m in post.get("entities", {}).get("mentions", [])}
    for term in re.split(r"\s+OR\s+", value.strip("() ")):
        term = term.strip().lower()
        if term.startswith("@") and term[1:] in mentions:
            return True
        if term and not term.startswith("@") and term in post["text"].lower():
            return True
    return False


class _Handler(BaseHTTPRequestHandler):
    double: DoubleServer
    protocol_version = "HTTP/1.1"
    after_accept: Fault | None = None  # a fault that spoils the answer after X acted

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet: tests and the demo read the world, not an access log

    # --- plumbing -------------------------------------------------------------------------

    def _send(
        self,
        status: int,
        body: Any,
        headers: dict[str, str] | None = None,
        raw: bytes | None = None,
        content_type: str = "application/json; charset=utf-8",
    ) -> None:
        fault, self.after_accept = self.after_accept, None
        if fault is not None and 200 <= status < 300:
            # X took the request; the answer is what goes wrong (a slow or failing X).
            if fault.kind == "accept_then_timeout":
                time.sleep(fault.seconds)
                self.close_connection = True
                return
            return self._problem(503, "Service Unavailable", "Service Unavailable", headers=headers)
        data = raw if raw is not None else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        try:
            self.wfile.write(data)
        except OSError:
            self.close_connection = True  # the client went away (killed, or timed out)

    def _problem(
        self,
        status: int,
        title: str,
        detail: str,
        type_: str = "about:blank",
        headers: dict[str, str] | None = None,
    ) -> None:
        # X answers errors as RFC 7807 problem details.
        body = {"title": title, "detail": detail, "type": type_, "status": status}
        self._send(status, body, headers, content_type="application/problem+json")

    def _json_body(self) -> Any:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            return json.loads(raw or b"{}")
        except ValueError:
            return None

    @property
    def _token(self) -> str:
        auth = self.headers.get("Authorization", "")
        return auth.removeprefix("Bearer ").strip()

    def do_GET(self) -> None:
        self._route("GET")

    def do_POST(self) -> None:
        self._route("POST")

    def do_DELETE(self) -> None:
        self._route("DELETE")

    def _route(self, method: str) -> None:
        parsed = urllib.parse.urlsplit(self.path)
        path = parsed.path
        query = {k: v[-1] for k, v in urllib.parse.parse_qs(parsed.query).items()}
        self.after_accept = None
        if path.startswith("/_double/"):
            return control(self, method, path, query)
        if not self._token:
            return self._problem(401, "Unauthorized", "Unauthorized", "about:blank")
        fault = self.double.world.take_fault(path)
        key = (
            f"{method} /2/tweets"
            if (method, path) == ("POST", "/2/tweets")
            else ("POST dm" if method == "POST" else "GET")
        )
        limit, remaining, reset = self.double.spend(self._token, key)
        headers = {
            "x-rate-limit-limit": str(limit),
            "x-rate-limit-remaining": str(max(remaining, 0)),
            "x-rate-limit-reset": str(reset),
        }
        if fault is not None:
            if fault.kind == "429":
                reset_at = int(time.time()) + fault.reset_in
                headers.update({"x-rate-limit-remaining": "0", "x-rate-limit-reset": str(reset_at)})
                return self._problem(429, "Too Many Requests", "Too Many Requests", headers=headers)
            if fault.kind in ("500", "503"):
                return self._problem(
                    int(fault.kind),
                    "Internal Server Error",
                    "Internal error, try again",
                    headers=headers,
                )
            if fault.kind == "402":
                return self._problem(
                    402,
                    "CreditsDepleted",
                    "Your enrolled account does not have any credits",
                    "https://api.twitter.com/2/problems/credits",
                    headers,
                )
            if fault.kind == "timeout":
                time.sleep(fault.seconds)
                self.close_connection = True
                return None
            if fault.kind == "malformed":
                return self._send(200, None, headers, raw=b'{"data": [{"id": "1", "te')
            if fault.kind == "slow":
                time.sleep(fault.seconds)
            if fault.kind in ("accept_then_503", "accept_then_timeout"):
                self.after_accept = fault
            if fault.kind == "stale":
                # A timeline that has not caught up yet: nothing listed.
                return self._send(200, {"meta": {"result_count": 0}}, headers)
        if remaining < 0:
            headers["x-rate-limit-remaining"] = "0"
            return self._problem(429, "Too Many Requests", "Too Many Requests", headers=headers)
        partial = fault is not None and fault.kind == "partial"
        return api(self, method, path, query, headers, partial)
