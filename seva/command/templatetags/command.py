"""Formatting of the command centre's figures."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def at_most(minutes: int | None) -> str:
    """A bucketed median ("≤ 2 h"); a dash when there is nothing to measure."""
    if minutes is None:
        return "–"
    if minutes < 0:
        return _("> 60 d")
    if minutes < 60:
        return _("≤ %(n)s min") % {"n": minutes}
    if minutes < 1440:
        hours = minutes / 60
        return _("≤ %(n)s h") % {"n": f"{hours:g}"}
    return _("≤ %(n)s d") % {"n": f"{minutes / 1440:g}"}


@register.filter
def percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}%"


def figure_text(measure: str, value: float | int | None) -> str:
    """A table figure as shown: medians bucketed, the SLA share in per cent."""
    if measure in ("first_action", "closure"):
        return at_most(None if value is None else int(value))
    if measure == "within_sla":
        return percent(value)
    return "–" if value is None else str(value)
