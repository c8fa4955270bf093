"""The platform adapters' parsers, by format prefix (one sub-package per platform)."""

from __future__ import annotations

from seva.channels.base import InboundPost, RawItem, UnreadableItem
from seva.channels.x import parse as x_parse


def parse_item(item: RawItem) -> InboundPost:
    platform, _, kind = item.format.partition(".")
    if kind == "submission":  # web form, REST API, Open311: filed on purpose
        from seva.channels.direct import parse_submission

        return parse_submission(item)
    if platform == "x":
        return x_parse.parse_item(item)
    if platform in ("web", "manual"):
        from seva.channels.manual import parse_manual

        return parse_manual(item)
    raise UnreadableItem(f"no adapter reads format {item.format!r}")
