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


def _light(code_point: int) -> bool:
    # twitter-text v3's ranges that weigh 1: Latin to Georgian (Devanagari included), and
    # some spaces, dashes, quotes and primes.
    return (
        code_point <= 0x10FF
        or 0x2000 <= code_point <= 0x200D
        or 0x2010 <= code_point <= 0x201F
        or 0x2032 <= code_point <= 0x2037
    )


def weight_at_most(text: str) -> int:
    """A cheap upper bound of `weighted_length`: characters weighed one by one (a URL's
    characters weigh at least the 23 X counts for it once it is 12 characters or longer)."""
    return sum(1 if _light(ord(ch)) else 2 for ch in text)
