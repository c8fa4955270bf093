"""X webhook security: the CRC challenge, the signature on every delivery, and whose it is.

Both use HMAC-SHA256 keyed with the app's consumer secret, base64-encoded (X docs,
"Securing webhooks"): the CRC answer signs the `crc_token`, a delivery's
`x-twitter-webhooks-signature` header signs the raw request body. Because it is the same
function, a CRC answer for a token that is a delivery body would be a valid signature for that
body: so only tokens of the shape X sends are answered (`crc_token_valid`). X documents no
format; the tokens seen from X are a UUID or a base64 string of 36 to 48 characters
(e.g. `M2RkODJkZmMtYjlkYi00NmQ4LTk0MGUtM2JjYzkwM2Q4MjQ0`). A delivery is a JSON object, which
needs `{`, quotes and usually spaces: none of them can be in an answered token. Pure functions.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from collections.abc import Mapping
from typing import Any

SIGNATURE_HEADER = "x-twitter-webhooks-signature"

# base64, base64url and UUID characters only, bounded: never JSON, never whitespace.
CRC_TOKEN = re.compile(r"[A-Za-z0-9+/=_-]{8,128}")


def sign(secret: str, message: bytes) -> str:
    digest = hmac.new(secret.encode(), message, hashlib.sha256).digest()
    return "sha256=" + base64.b64encode(digest).decode()


def crc_token_valid(token: str) -> bool:
    return CRC_TOKEN.fullmatch(token) is not None


def crc_response(secret: str, crc_token: str) -> dict[str, str]:
    """The CRC answer; raises ValueError for a token X would never send."""
    if not crc_token_valid(crc_token):
        raise ValueError("not a CRC token")
    return {"response_token": sign(secret, crc_token.encode())}


def signature_valid(secret: str, body: bytes, header: str | None) -> bool:
    """Constant-time check of a delivery's signature header against its raw body."""
    if not secret or not header:
        return False
    return hmac.compare_digest(sign(secret, body).encode(), header.strip().encode())


def delivery_user_id(body: Mapping[str, Any]) -> str:
    """The X user id a delivery is for: `data.filter.user_id` in the X Activity API envelope,
    `for_user_id` in Account Activity bodies; "" when it names none."""
    envelope = body.get("data")
    if isinstance(envelope, dict) and "event_type" in envelope:
        where = envelope.get("filter")
        found = where.get("user_id") if isinstance(where, dict) else None
    else:
        found = body.get("for_user_id")
    if isinstance(found, int) and not isinstance(found, bool):
        found = str(found)
    return found if isinstance(found, str) and found.isdigit() else ""
