"""The words citizens read for a complaint's status: the public statuses by their names, the
internal outcomes (Not actionable, Duplicate) in public wording, and one sentence on what each
means for them. Stored values stay machine values; these render them in the reader's language.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from seva.complaints.statuses import Status

PUBLIC_STATUS_LABELS: dict[Status, Promise] = {
    Status.OPEN: _("Open"),
    Status.FORWARDED: _("Forwarded"),
    Status.IN_PROCESS: _("In-process"),
    Status.INCOMPLETE_INFO: _("Incomplete information"),
    Status.CLOSED: _("Closed"),
    Status.DISPOSED: _("Disposed"),
    Status.REOPENED: _("Reopened"),
    Status.NOT_ACTIONABLE: _("Not taken up"),
    Status.DUPLICATE: _("Merged with another complaint"),
}

PUBLIC_STATUS_MEANINGS: dict[Status, Promise] = {
    Status.OPEN: _("Received at UP Police headquarters, which is sending it to the right unit."),
    Status.FORWARDED: _("Sent to the unit below, which will act on it."),
    Status.IN_PROCESS: _("The unit below is working on it."),
    Status.INCOMPLETE_INFO: _(
        "The police need more information from you: see the latest update below."
    ),
    Status.CLOSED: _("The unit says the matter is resolved; headquarters is reviewing it."),
    Status.DISPOSED: _("Headquarters accepted the unit's action. The complaint is disposed."),
    Status.REOPENED: _("Headquarters sent the complaint back to the unit for more work."),
    Status.NOT_ACTIONABLE: _(
        "It was not taken up as a police complaint. You may file a new complaint with more "
        "details, or contact your police station."
    ),
    Status.DUPLICATE: _("It is handled together with the complaint below: follow that code."),
}

UNIT_KIND_LABELS: dict[str, Promise] = {
    "state_hq": _("State headquarters"),
    "zone": _("Zone"),
    "range": _("Range"),
    "district": _("District police"),
    "police_station": _("Police station"),
    "department": _("Department"),
    "office": _("Office"),
}

# The steps of a complaint's public history, by event type (see PublicStep.type).
STEP_SENTENCES: dict[str, Promise] = {
    "received": _("Complaint received"),
    "forwarded": _("Sent to %(unit)s"),
    "transferred": _("Transferred to %(unit)s"),
    "status": _("Status: %(status)s"),
    "merged": _("Merged with complaint %(code)s"),
}


def public_status_label(status: Status) -> str:
    return str(PUBLIC_STATUS_LABELS[status])


def public_status_meaning(status: Status) -> str:
    return str(PUBLIC_STATUS_MEANINGS[status])
