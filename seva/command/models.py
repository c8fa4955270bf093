"""The command centre's read side: a per-unit, per-day rollup of the complaints.

Aggregating a million complaints per request is too slow, so the figures that depend on a
date range (received, disposed, the medians, the share within SLA) are read from
`UnitDayStat`: one row per (unit, IST day) for the unit's whole subtree (a complaint counts
at its unit and at every ancestor). Rows are rebuilt from the complaints, never edited by
hand: `seva.command.services.rollup_refresh` recomputes the days touched by new events.
"Now" figures (in-process, overdue, …) are counted live over the open complaints.
"""

from __future__ import annotations

from django.db import models

from seva.command import histogram
from seva.directory.models import Unit


class UnitDayStat(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    day = models.DateField(help_text="Calendar day in IST")
    # Complaints registered that day.
    received = models.PositiveIntegerField(default=0)
    # Complaints now Disposed whose disposal fell on that day.
    disposed = models.PositiveIntegerField(default=0)
    # Of the complaints registered that day: how many closed, and how many within their SLA
    # targets. The histograms of the time to first action and to closure are one column per
    # bucket (fa0…, cl0…, added below), so the database sums them across units and days.
    closed = models.PositiveIntegerField(default=0)
    closed_within_sla = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "day"], name="uniq_unit_day_stat")]
        indexes = [models.Index(fields=["day"])]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.day}"


FIRST_ACTION_COLUMNS = [f"fa{index}" for index in range(histogram.SIZE)]
CLOSURE_COLUMNS = [f"cl{index}" for index in range(histogram.SIZE)]
for _column in (*FIRST_ACTION_COLUMNS, *CLOSURE_COLUMNS):
    UnitDayStat.add_to_class(_column, models.PositiveIntegerField(default=0))


class RollupMark(models.Model):
    """One row: locked by whoever rewrites rollup days (so two never rewrite one day at once),
    and when that last happened."""

    refreshed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"rollup refreshed at {self.refreshed_at}"
