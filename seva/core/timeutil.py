"""Time helpers: we store UTC and show India Standard Time.

`now()` is the one clock services read, so tests can move time with `time_machine`-style
patching of this function alone.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

IST = ZoneInfo("Asia/Kolkata")


def now() -> dt.datetime:
    return timezone.now()


def to_ist(value: dt.datetime) -> dt.datetime:
    return value.astimezone(IST)


def ist_date(value: dt.datetime) -> dt.date:
    """The calendar date in India at that instant (complaint codes carry this date)."""
    return to_ist(value).date()
