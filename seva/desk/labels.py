"""The words the desk shows for stored values (statuses, categories, unit kinds).

Stored values stay machine values (house style: events and rows never hold translated words);
these tables turn them into the reader's language when a page is rendered.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from seva.complaints.statuses import Status

STATUS_LABELS: dict[str, Promise] = {
    Status.OPEN: _("Open"),
    Status.FORWARDED: _("Forwarded"),
    Status.IN_PROCESS: _("In-process"),
    Status.INCOMPLETE_INFO: _("Incomplete information"),
    Status.CLOSED: _("Closed"),
    Status.DISPOSED: _("Disposed"),
    Status.REOPENED: _("Reopened"),
    Status.NOT_ACTIONABLE: _("Not actionable"),
    Status.DUPLICATE: _("Duplicate"),
}

# The triage categories (seva.routing.detect.lexicon) and "other".
CATEGORY_LABELS: dict[str, Promise] = {
    "missing_kidnapping": _("Missing person or kidnapping"),
    "women_safety": _("Women's safety"),
    "cyber_fraud": _("Cyber fraud"),
    "assault_violence": _("Assault or violence"),
    "theft_robbery": _("Theft or robbery"),
    "land_property": _("Land or property"),
    "illegal_activity": _("Illegal activity"),
    "noise_nuisance": _("Noise or nuisance"),
    "traffic_road": _("Traffic and roads"),
    "police_conduct": _("Police conduct"),
    "other": _("Other"),
}


def status_label(value: str) -> str:
    label = STATUS_LABELS.get(value)
    return str(label) if label is not None else value


def category_label(value: str) -> str:
    if not value:
        return ""
    label = CATEGORY_LABELS.get(value)
    return str(label) if label is not None else value


# The reply templates an officer may start a reply from (ReplyTemplate keys). The automatic
# ones (acknowledgement, the request for a place) are sent by Seva itself.
REPLY_TEMPLATE_LABELS: dict[str, Promise] = {
    "status": _("Status update"),
    "incomplete_info": _("Ask for more information"),
    "closure": _("Closure notice"),
}


def reply_template_choices() -> list[tuple[str, str]]:
    return [(key, str(label)) for key, label in REPLY_TEMPLATE_LABELS.items()]
