"""A post's length as X counts it (twitter-text's weighted length): URLs count 23, emoji and
CJK count 2, Latin and Devanagari count 1. X accepts up to 280."""

from __future__ import annotations

import warnings

with warnings.catch_warnings():
    # twitter-text-parser 3.0 imports pkg_resources, which warns; the pin keeps it working.
    warnings.simplefilter("ignore", UserWarning)
    from twitter_text import parse_tweet

MAX_POST_LENGTH = 280


def weighted_length(text: str) -> int:
    return int(parse_tweet(text).weightedLength)
