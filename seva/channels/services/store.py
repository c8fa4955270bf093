"""The first step of every channel: store each inbound item raw, before anything is read.

`inbound_store` only inserts raw records, unique per platform and external id, so duplicate
deliveries and overlapping poll windows are harmless; intake (intake.py) reads them later.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from typing import Any

from seva.channels.base import RawItem
from seva.channels.models import ChannelAccount, InboundRecord, InboundVia
from seva.core.timeutil import now

_UNSTORABLE = re.compile(r"\\u0000|[\ud800-\udfff]")


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return (
            value.replace("\x00", "\ufffd")
            .encode("utf-16", "surrogatepass")
            .decode("utf-16", "replace")
        )
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # Python reads "Infinity" and "NaN"; JSON columns refuse them
    return value


def storable(payload: dict[str, Any]) -> dict[str, Any]:
    """The payload, with what no database can keep replaced: NUL characters (PostgreSQL's text
    and jsonb refuse them) and unpaired surrogates (not Unicode at all) by U+FFFD, infinities
    and NaN by their names. Anything else is kept exactly as it came."""
    try:
        if not _UNSTORABLE.search(json.dumps(payload, ensure_ascii=False, allow_nan=False)):
            return payload
    except ValueError:
        pass  # a non-finite number
    cleaned: dict[str, Any] = _clean(payload)
    return cleaned


def inbound_store(
    *,
    platform: str,
    items: Iterable[RawItem],
    via: InboundVia,
    account: ChannelAccount | None = None,
) -> int:
    """Store raw items; returns how many were new. Nothing is read from them here."""
    items = list(items)
    if not items:
        return 0
    ids = [item.external_id for item in items]
    known = set(
        InboundRecord.objects.filter(platform=platform, external_id__in=ids).values_list(
            "external_id", flat=True
        )
    )
    at = now()
    fresh: dict[str, InboundRecord] = {}
    for item in items:
        if item.external_id in known or item.external_id in fresh:
            continue
        fresh[item.external_id] = InboundRecord(
            platform=platform,
            external_id=item.external_id,
            account=account,
            format=item.format,
            payload=storable(item.payload),
            via=via,
            received_at=at,
        )
    # ignore_conflicts: a concurrent poller or webhook may store the same item meanwhile.
    InboundRecord.objects.bulk_create(fresh.values(), ignore_conflicts=True)
    return len(fresh)
