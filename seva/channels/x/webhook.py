"""X webhook security: the CRC challenge and the signature on every delivery.

Both use HMAC-SHA256 keyed with the app's consumer secret, base64-encoded (X docs,
"Securing webhooks"): the CRC answer signs the `crc_token`, a delivery's
`x-twitter-webhooks-signature` header signs the raw request body. Pure functions.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

SIGNATURE_HEADER = "x-twitter-webhooks-signature"


def sign(secret: str, message: bytes) -> str:
    digest = hmac.new(secret.encode(), message, hashlib.sha256).digest()
    return "sha256=" + base64.b64encode(digest).decode()


def crc_response(secret: str, crc_token: str) -> dict[str, str]:
    return {"response_token": sign(secret, crc_token.encode())}


def signature_valid(secret: str, body: bytes, header: str | None) -> bool:
    """Constant-time check of a delivery's signature header against its raw body."""
    if not secret or not header:
        return False
    return hmac.compare_digest(sign(secret, body).encode(), header.strip().encode())
