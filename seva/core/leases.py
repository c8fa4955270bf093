"""Claiming a row for one worker: a compare-and-swap with a lease.

Pollers claim accounts, reply senders claim replies, webhook senders claim deliveries, any
number of each at once, on SQLite and PostgreSQL, with no lock held across the network call
that follows. A claim succeeds only if the row still holds the values the worker read (so two
workers never both take it) and sets its lease to now + `SEVA_WORKER_LEASE_SECONDS`: a worker
that dies holds the row only until then, and the next one takes over.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import Model

from seva.core.timeutil import now


def lease_end(at: dt.datetime | None = None) -> dt.datetime:
    return (at or now()) + dt.timedelta(seconds=settings.SEVA_WORKER_LEASE_SECONDS)


def lease_claim(
    row: Model,
    *,
    lease_field: str,
    compare: Iterable[str] = (),
    at: dt.datetime | None = None,
    **changes: Any,
) -> bool:
    """Take `row` if `lease_field` and the fields in `compare` still hold the values read into
    it; set the lease's end and `changes` (e.g. a state, an attempt count) in the same update.
    Returns whether this worker now holds it."""
    seen = {name: getattr(row, name) for name in (lease_field, *compare)}
    taken = (
        type(row)
        ._default_manager.filter(pk=row.pk, **seen)
        .update(**{lease_field: lease_end(at)}, **changes)
    )
    return taken == 1
