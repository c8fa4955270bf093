"""Keep the command centre's rollup (`UnitDayStat`) in step with the complaints.

The rollup is derived data: a day's rows are always recomputed whole from the complaints
registered or disposed that day, so recomputing is idempotent and a missed update is repaired
by the next recompute of that day. `rollup_refresh` finds the days touched by new events,
which the outbox (`seva.complaints.outbox`, consumer "rollup") hands over exactly once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction

from seva.command import histogram
from seva.command.models import (
    CLOSURE_COLUMNS,
    FIRST_ACTION_COLUMNS,
    RollupMark,
    UnitDayStat,
)
from seva.complaints.models import Complaint, Event, SlaTarget
from seva.complaints.outbox import outbox_consume, outbox_has_waiting
from seva.complaints.sla import DEFAULT_MINUTES
from seva.complaints.statuses import Status
from seva.complaints.vocabulary import EventType
from seva.core.timeutil import IST, ist_date, now
from seva.directory.models import Unit

REFRESH_BATCH = 20_000  # events folded in per refresh; the rest wait for the next one
CONSUMER = "rollup"


def ist_day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The UTC instants at which an IST calendar day starts and ends."""
    start = dt.datetime.combine(day, dt.time.min, tzinfo=IST)
    return start.astimezone(dt.UTC), (start + dt.timedelta(days=1)).astimezone(dt.UTC)


@dataclass
class _DayTotals:
    received: int = 0
    disposed: int = 0
    closed: int = 0
    closed_within_sla: int = 0
    first_action: list[int] = field(default_factory=histogram.empty)
    closure: list[int] = field(default_factory=histogram.empty)


def _unit_chains() -> dict[int, list[int]]:
    """Each unit id → its own id and its ancestors' ids (from the materialized path)."""
    rows = list(Unit.objects.values_list("id", "code", "path"))
    id_by_code = {code: pk for pk, code, _ in rows}
    return {
        pk: [id_by_code[code] for code in path.strip("/").split("/") if code in id_by_code]
        for pk, _, path in rows
    }


def _sla_minutes() -> dict[tuple[str, bool], tuple[int, int]]:
    return {
        (row.category, row.is_urgent): (row.first_action_minutes, row.resolution_minutes)
        for row in SlaTarget.objects.all()
    }


def _target(
    targets: dict[tuple[str, bool], tuple[int, int]], category: str, urgent: bool
) -> tuple[int, int]:
    return targets.get((category, urgent)) or targets.get(("", urgent)) or DEFAULT_MINUTES[urgent]


def rollup_days_recompute(days: Iterable[dt.date]) -> int:
    """Rebuild the rollup rows of these IST days from the complaints. Returns rows written.

    "Within SLA" is judged on the recorded times: first action within the first-action target
    and closure within first-action + resolution targets from registration (paused time is not
    subtracted, so the figure errs on the strict side).
    """
    chains = _unit_chains()
    targets = _sla_minutes()
    written = 0
    for day in sorted(set(days)):
        start, end = ist_day_bounds(day)
        totals: dict[int, _DayTotals] = {}
        registered = Complaint.objects.filter(registered_at__gte=start, registered_at__lt=end)
        for unit_id, category, urgent, reg_at, first_at, closed_at in registered.values_list(
            "unit_id", "category", "is_urgent", "registered_at", "first_action_at", "closed_at"
        ):
            first_bucket = (
                histogram.bucket_of((first_at - reg_at).total_seconds()) if first_at else -1
            )
            closure_bucket = (
                histogram.bucket_of((closed_at - reg_at).total_seconds()) if closed_at else -1
            )
            within = False
            if closed_at:
                first_minutes, resolution_minutes = _target(targets, category, urgent)
                first_ok = first_at is None or (first_at - reg_at) <= dt.timedelta(
                    minutes=first_minutes
                )
                within = first_ok and (closed_at - reg_at) <= dt.timedelta(
                    minutes=first_minutes + resolution_minutes
                )
            for pk in chains.get(unit_id, [unit_id]):
                entry = totals.setdefault(pk, _DayTotals())
                entry.received += 1
                if first_bucket >= 0:
                    entry.first_action[first_bucket] += 1
                if closure_bucket >= 0:
                    entry.closed += 1
                    entry.closure[closure_bucket] += 1
                    entry.closed_within_sla += within
        disposed = Complaint.objects.filter(
            status=Status.DISPOSED.value, disposed_at__gte=start, disposed_at__lt=end
        )
        for unit_id in disposed.values_list("unit_id", flat=True):
            for pk in chains.get(unit_id, [unit_id]):
                totals.setdefault(pk, _DayTotals()).disposed += 1
        rows = [
            UnitDayStat(
                unit_id=pk,
                day=day,
                received=entry.received,
                disposed=entry.disposed,
                closed=entry.closed,
                closed_within_sla=entry.closed_within_sla,
                **dict(zip(FIRST_ACTION_COLUMNS, entry.first_action, strict=True)),
                **dict(zip(CLOSURE_COLUMNS, entry.closure, strict=True)),
            )
            for pk, entry in totals.items()
        ]
        with transaction.atomic():
            UnitDayStat.objects.filter(day=day).delete()
            UnitDayStat.objects.bulk_create(rows, batch_size=500)
        written += len(rows)
    return written


# Events that cannot change a day's figures (unit, category, urgency, registration, first
# action, closure, disposal). Any other type, a new one included, folds its complaint in.
_NO_FIGURES = frozenset(
    {
        EventType.NOTE_ADDED,
        EventType.FOLLOWUP_ATTACHED,
        EventType.SLA_PAUSED,
        EventType.SLA_RESUMED,
        EventType.REPLY_QUEUED,
        EventType.REPLY_WRITTEN,
        EventType.REPLY_FAILED,
        EventType.REPLY_WITHHELD,
    }
)


def rollup_wants(event: Event) -> bool:
    return event.type not in _NO_FIGURES


def rollup_refresh(*, batch: int = REFRESH_BATCH) -> int:
    """Fold the complaints touched by new events into the rollup, each event once (through
    the outbox). Returns days recomputed.

    Cheap when there is nothing new (one indexed read). Concurrent callers are serialised on
    the mark row, so two never rewrite the same day at once.
    """
    if not outbox_has_waiting(CONSUMER):
        return 0
    return outbox_consume(CONSUMER, _fold, batch=batch)


def _fold(events: list[Event]) -> int:
    RollupMark.objects.select_for_update().get_or_create(pk=1)
    touched = {event.complaint_id for event in events}
    days: set[dt.date] = set()
    for registered_at, disposed_at in Complaint.objects.filter(pk__in=touched).values_list(
        "registered_at", "disposed_at"
    ):
        days.add(ist_date(registered_at))
        if disposed_at:
            days.add(ist_date(disposed_at))
    rollup_days_recompute(days)
    RollupMark.objects.filter(pk=1).update(refreshed_at=now())
    return len(days)


@transaction.atomic
def rollup_rebuild(*, since: dt.date | None = None) -> int:
    """Recompute every day from `since` (default: the first complaint) to today. Returns rows
    written. Events still waiting in the outbox are folded in again later, harmlessly."""
    RollupMark.objects.select_for_update().get_or_create(pk=1)
    first = Complaint.objects.order_by("registered_at").values_list("registered_at", flat=True)
    start = since or (ist_date(first[0]) if first else ist_date(now()))
    today = ist_date(now())
    if since is None:
        UnitDayStat.objects.all().delete()
    days = [start + dt.timedelta(days=n) for n in range((today - start).days + 1)]
    written = rollup_days_recompute(days)
    RollupMark.objects.filter(pk=1).update(refreshed_at=now())
    return written
