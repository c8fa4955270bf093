"""Webhook signatures: HMAC-SHA256 over "<timestamp>.<body>" with the subscription's secret.

Header: `X-Seva-Signature: t=1764476543,v1=5f2b…` (unix seconds, lower-case hex). A receiver
recomputes the HMAC over the raw body it received, compares in constant time, and refuses a
timestamp too far from its clock (replays). `signature_verify` is that check, for receivers
written in Python and for our tests.
"""

from __future__ import annotations

import hashlib
import hmac
import time

HEADER = "X-Seva-Signature"
TOLERANCE_SECONDS = 300


def signature_digest(secret: str, timestamp: int, body: bytes) -> str:
    message = f"{timestamp}.".encode() + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_header(secret: str, body: bytes, *, timestamp: int | None = None) -> str:
    at = int(time.time()) if timestamp is None else timestamp
    return f"t={at},v1={signature_digest(secret, at, body)}"


def signature_verify(
    secret: str,
    header: str,
    body: bytes,
    *,
    tolerance: int = TOLERANCE_SECONDS,
    now: float | None = None,
) -> bool:
    parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs((time.time() if now is None else now) - timestamp) > tolerance:
        return False
    expected = signature_digest(secret, timestamp, body)
    return hmac.compare_digest(expected, parts.get("v1", ""))
