"""The calendar days a range of dates may cover: 2000-01-01 to 2099-12-31.

Ranges arrive as `from` and `to` in query strings (the desk's queue, the command centre, its
exports, the figures API). A day outside these bounds means nothing for a complaint (codes
carry two-digit years), and near the ends of Python's dates the bounds of an IST day overflow
(`0001-01-01` and `9999-12-31` ended in a 500). `day_check` is the one rule: the API calls it,
forms use `DayField`, whose validator calls it, and both say the same thing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from seva.core.errors import InvalidInput

FIRST_DAY = dt.date(2000, 1, 1)
LAST_DAY = dt.date(2099, 12, 31)


def day_bounds_message() -> str:
    return _("Give dates from %(first)s to %(last)s.") % {
        "first": FIRST_DAY.isoformat(),
        "last": LAST_DAY.isoformat(),
    }


def day_check(value: dt.date | None, *, field: str) -> dt.date | None:
    """`value` if a range may start or end there (None passes); else InvalidInput naming
    `field`."""
    if value is not None and not FIRST_DAY <= value <= LAST_DAY:
        raise InvalidInput(f"{field}: {day_bounds_message()}", field=field)
    return value


def validate_day(value: Any) -> None:
    try:
        day_check(value, field="date")
    except InvalidInput:
        raise ValidationError(day_bounds_message(), code="day_out_of_range") from None


class DayField(forms.DateField):
    """A date form field that refuses days `day_check` refuses, with the same message."""

    default_validators = [validate_day]


def date_errors(form: forms.Form, *names: str) -> str:
    """What the reader is told about the form's date fields `names` ("" when they are fine): a
    day out of bounds, or one that is not a date."""
    if not form.is_bound:
        return ""
    return " ".join(
        f"{form.fields[name].label or name}: {error}"
        for name in names
        for error in form.errors.get(name, [])
    )
