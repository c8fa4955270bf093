"""Durations in fixed buckets, so medians can be summed across units and days.

A median over millions of complaints cannot be recomputed per request; a histogram can be
added up. The median reported is the upper bound of the bucket holding the middle value, so it
is exact to the bucket ("at most 2 h"). Pure module: no Django.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence

# Upper bounds in minutes; one more bucket holds everything longer.
BOUNDS_MINUTES: tuple[int, ...] = (
    1, 2, 3, 5, 7, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 360, 480, 720, 960,
    1440, 2160, 2880, 4320, 5760, 7200, 10080, 14400, 20160, 30240, 43200, 86400,
)  # fmt: skip
SIZE = len(BOUNDS_MINUTES) + 1


def bucket_of(seconds: float) -> int:
    """The bucket of a duration (negative durations, from clock skew, count as zero)."""
    return bisect_left(BOUNDS_MINUTES, max(seconds, 0.0) / 60.0)


def empty() -> list[int]:
    return [0] * SIZE


def add_into(total: list[int], hist: Sequence[int]) -> None:
    for index, count in enumerate(hist):
        total[index] += count


def subtract_into(total: list[int], hist: Sequence[int]) -> None:
    for index, count in enumerate(hist):
        total[index] -= count


def from_durations(seconds: Iterable[float]) -> list[int]:
    hist = empty()
    for value in seconds:
        hist[bucket_of(value)] += 1
    return hist


def median_minutes(hist: Sequence[int]) -> int | None:
    """Upper bound (minutes) of the bucket holding the median; None when empty; -1 when the
    median is beyond the last bound."""
    total = sum(hist)
    if total <= 0:
        return None
    middle = (total + 1) // 2
    seen = 0
    for index, count in enumerate(hist):
        seen += count
        if seen >= middle:
            return BOUNDS_MINUTES[index] if index < len(BOUNDS_MINUTES) else -1
    return -1
