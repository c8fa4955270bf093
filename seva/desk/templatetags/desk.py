"""Template helpers for the desk: labels for stored values, IST times, the SLA clock."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import template
from django.utils import dateformat
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from seva.complaints.models import Complaint
from seva.complaints.statuses import CLOCK_RUNNING, Status
from seva.core.timeutil import now, to_ist
from seva.desk import labels
from seva.directory.models import Unit

register = template.Library()


@register.filter
def status_label(value: str) -> str:
    return labels.status_label(value)


@register.filter
def category_label(value: str) -> str:
    return labels.category_label(value)


@register.filter
def unit_name(unit: Unit | None) -> str:
    """The unit's name in the reader's language (Hindi when it has one)."""
    if unit is None:
        return ""
    if (get_language() or "").startswith("hi") and unit.name_hi:
        return unit.name_hi
    return unit.name_en


@register.filter
def ist(value: dt.datetime | None) -> str:
    """An instant as India reads it: '23 Nov 2026, 07:25 IST' (month in the reader's language)."""
    if value is None:
        return ""
    return f"{dateformat.format(to_ist(value), 'j M Y, H:i')} IST"


@register.filter
def span(value: dt.timedelta | None) -> str:
    """A duration in the two largest units: '3 h 59 min', '2 d 4 h', '12 min'."""
    if value is None:
        return ""
    minutes = max(int(value.total_seconds() // 60), 0)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return _("%(d)d d %(h)d h") % {"d": days, "h": hours}
    if hours:
        return _("%(h)d h %(m)d min") % {"h": hours, "m": minutes}
    return _("%(m)d min") % {"m": minutes}


@dataclass(frozen=True)
class SlaClock:
    state: str  # running, overdue, paused, stopped
    due: dt.datetime | None
    paused_since: dt.datetime | None
    left: dt.timedelta | None = None  # running: time to the deadline
    over: dt.timedelta | None = None  # overdue: time past it


@register.simple_tag
def sla_clock(complaint: Complaint) -> SlaClock:
    status = Status(complaint.status)
    if status == Status.INCOMPLETE_INFO and complaint.sla_paused_at is not None:
        return SlaClock("paused", complaint.sla_due_at, complaint.sla_paused_at)
    if status not in CLOCK_RUNNING or complaint.sla_due_at is None:
        return SlaClock("stopped", complaint.sla_due_at, None)
    at = now()
    if complaint.sla_due_at < at:
        return SlaClock("overdue", complaint.sla_due_at, None, over=at - complaint.sla_due_at)
    return SlaClock("running", complaint.sla_due_at, None, left=complaint.sla_due_at - at)
