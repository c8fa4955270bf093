"""The command centre's date range: IST calendar days, last 30 days by default, within the
days `seva.core.days` allows (a day outside them is a form error, and the page a 400)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from seva.core.days import DayField, date_errors
from seva.core.timeutil import ist_date, now

DEFAULT_DAYS = 30
MAX_DAYS = 731  # two years; the rollup rows read grow with the range


@dataclass(frozen=True)
class DayRange:
    first: dt.date
    last: dt.date  # inclusive

    @property
    def days(self) -> list[dt.date]:
        return [self.first + dt.timedelta(days=n) for n in range((self.last - self.first).days + 1)]


def default_range() -> DayRange:
    today = ist_date(now())
    return DayRange(first=today - dt.timedelta(days=DEFAULT_DAYS - 1), last=today)


class RangeForm(forms.Form):
    start = DayField(label=_("From"), required=False, widget=forms.DateInput({"type": "date"}))
    end = DayField(label=_("To"), required=False, widget=forms.DateInput({"type": "date"}))

    def problem(self) -> str:
        """What is wrong with the dates asked for, for the reader ("" when nothing)."""
        return date_errors(self, "start", "end")

    def day_range(self) -> DayRange:
        """The range asked for; a missing value (or a bad one, which `problem` reports) falls
        back to the last 30 days."""
        fallback = default_range()
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        last: dt.date = data.get("end") or fallback.last
        first: dt.date = data.get("start") or last - dt.timedelta(days=DEFAULT_DAYS - 1)
        if first > last:
            first, last = last, first
        if (last - first).days >= MAX_DAYS:
            first = last - dt.timedelta(days=MAX_DAYS - 1)
        return DayRange(first=first, last=last)
