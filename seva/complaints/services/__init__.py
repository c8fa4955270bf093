"""The complaint lifecycle services: the only code that writes complaints.

Each service is atomic, checks access through `seva.directory.access`, locks the complaint
row, moves status only through `complaint_set_status`, and writes one event per change.
No network inside: replies are produced later from the events.
"""

from seva.complaints.services.actions import (
    complaint_act,
    complaint_forward,
    complaint_merge,
    complaint_reject,
    complaint_review,
    complaint_route,
    complaint_transfer,
)
from seva.complaints.services.allocation import complaint_codes_allocate, state_hq
from seva.complaints.services.registration import (
    NewComplaint,
    Registered,
    complaint_register,
    complaints_register_many,
)
from seva.complaints.services.status import complaint_set_status
from seva.complaints.services.thread import (
    PostAuthor,
    complaint_attach_followup,
    complaint_attach_third_party,
    complaint_note,
)

__all__ = [
    "NewComplaint",
    "PostAuthor",
    "Registered",
    "complaint_act",
    "complaint_attach_followup",
    "complaint_attach_third_party",
    "complaint_codes_allocate",
    "complaint_forward",
    "complaint_merge",
    "complaint_note",
    "complaint_register",
    "complaint_reject",
    "complaint_review",
    "complaint_route",
    "complaint_set_status",
    "complaint_transfer",
    "complaints_register_many",
    "state_hq",
]
