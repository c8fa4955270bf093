"""SLA clocks: targets per category and urgency, due times, overdue, escalation.

A complaint has two deadlines: first action (from registration) and closure (from the first
action, and again from a reopening). `Complaint.sla_due_at` holds the one that applies now.
Incomplete information pauses the clock; the citizen's reply resumes it and the deadline
moves on by the time spent waiting (see `complaint_set_status`).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q

from seva.complaints import events
from seva.complaints.models import Complaint, SlaTarget
from seva.complaints.statuses import CLOCK_RUNNING
from seva.core.timeutil import now

# Used when an administrator has deleted every target; the seeded rows say the same.
DEFAULT_MINUTES = {True: (15, 24 * 60), False: (4 * 60, 7 * 24 * 60)}


def sla_target_minutes(*, category: str, is_urgent: bool) -> tuple[int, int]:
    """(first action, resolution) minutes: the exact category's target, else any category's."""
    rows = {
        row.category: (row.first_action_minutes, row.resolution_minutes)
        for row in SlaTarget.objects.filter(is_urgent=is_urgent, category__in=[category, ""])
    }
    return rows.get(category) or rows.get("") or DEFAULT_MINUTES[is_urgent]


def first_action_window(*, category: str, is_urgent: bool) -> dt.timedelta:
    return dt.timedelta(minutes=sla_target_minutes(category=category, is_urgent=is_urgent)[0])


def resolution_due(complaint: Complaint, *, since: dt.datetime) -> dt.datetime:
    minutes = sla_target_minutes(category=complaint.category, is_urgent=complaint.is_urgent)[1]
    return since + dt.timedelta(minutes=minutes)


def overdue_q(at: dt.datetime) -> Q:
    """Complaints whose running clock has passed its deadline."""
    return Q(status__in=[s.value for s in CLOCK_RUNNING], sla_paused_at=None, sla_due_at__lt=at)


def is_overdue(complaint: Complaint, at: dt.datetime | None = None) -> bool:
    at = at or now()
    return (
        complaint.status in CLOCK_RUNNING
        and complaint.sla_paused_at is None
        and complaint.sla_due_at is not None
        and complaint.sla_due_at < at
    )


def sla_escalate_overdue(*, at: dt.datetime | None = None, batch: int = 500) -> int:
    """Flag overdue complaints to their unit's parent, once per deadline. Returns how many.

    Idempotent: a complaint already escalated for its current deadline is skipped (the
    escalation flag is cleared when the next deadline starts)."""
    at = at or now()
    count = 0
    candidates = (
        Complaint.objects.filter(overdue_q(at), escalated_at=None)
        .select_related("unit__parent")
        .order_by("sla_due_at")[:batch]
    )
    for complaint in candidates:
        parent = complaint.unit.parent or complaint.unit
        with transaction.atomic():
            flagged = Complaint.objects.filter(pk=complaint.pk, escalated_at=None).update(
                escalated_at=at, escalated_to=parent
            )
            if flagged:
                due = complaint.sla_due_at.isoformat() if complaint.sla_due_at else ""
                events.sla_escalated(complaint, to_unit=parent, due_at=due)
                count += 1
    return count
