"""Complaint statuses and the transition table.

The table is data: `TRANSITIONS[from]` is the set of statuses a complaint may move to.
`seva.complaints.services.status.complaint_set_status` is the only writer of status and
refuses any move not listed here. Pure module: no Django.
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    # Public statuses (the citizen sees these words).
    OPEN = "open"  # registered, at HQ, not yet sent to a unit
    FORWARDED = "forwarded"  # sent to a unit, no action yet
    IN_PROCESS = "in_process"
    INCOMPLETE_INFO = "incomplete_info"  # waiting for the citizen; SLA clock paused
    CLOSED = "closed"  # the unit says it is done; HQ reviews
    DISPOSED = "disposed"  # HQ accepted the closure
    REOPENED = "reopened"  # HQ sent a closure back
    # Internal outcomes.
    NOT_ACTIONABLE = "not_actionable"  # rejected by HQ with a reason
    DUPLICATE = "duplicate"  # merged into another complaint


LABELS: dict[Status, str] = {
    Status.OPEN: "Open",
    Status.FORWARDED: "Forwarded",
    Status.IN_PROCESS: "In-process",
    Status.INCOMPLETE_INFO: "Incomplete information",
    Status.CLOSED: "Closed",
    Status.DISPOSED: "Disposed",
    Status.REOPENED: "Reopened",
    Status.NOT_ACTIONABLE: "Not actionable",
    Status.DUPLICATE: "Duplicate",
}

# Sent back to the state HQ unit (a transfer, or HQ's own forward), a complaint being worked
# becomes Open there again: HQ's triage queue is the Open complaints at HQ.
TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.OPEN: frozenset(
        {Status.FORWARDED, Status.INCOMPLETE_INFO, Status.NOT_ACTIONABLE, Status.DUPLICATE}
    ),
    Status.FORWARDED: frozenset(
        {
            Status.OPEN,
            Status.IN_PROCESS,
            Status.INCOMPLETE_INFO,
            Status.CLOSED,
            Status.NOT_ACTIONABLE,
            Status.DUPLICATE,
        }
    ),
    Status.IN_PROCESS: frozenset(
        {Status.OPEN, Status.INCOMPLETE_INFO, Status.CLOSED, Status.FORWARDED, Status.DUPLICATE}
    ),
    # The citizen's reply resumes it: back to In-process at a unit, or to Open at HQ when HQ
    # asked (no district was known yet). An officer may also close it if the citizen is silent.
    Status.INCOMPLETE_INFO: frozenset(
        {Status.IN_PROCESS, Status.OPEN, Status.CLOSED, Status.NOT_ACTIONABLE, Status.DUPLICATE}
    ),
    Status.CLOSED: frozenset({Status.DISPOSED, Status.REOPENED}),
    # A citizen may come back after disposal; HQ can reopen it then.
    Status.DISPOSED: frozenset({Status.REOPENED}),
    Status.REOPENED: frozenset(
        {
            Status.OPEN,
            Status.IN_PROCESS,
            Status.INCOMPLETE_INFO,
            Status.CLOSED,
            Status.FORWARDED,
            Status.DUPLICATE,
        }
    ),
    # HQ may restore a complaint it rejected by mistake.
    Status.NOT_ACTIONABLE: frozenset({Status.OPEN}),
    Status.DUPLICATE: frozenset(),
}

# The unit officer's three options (the Twitter Seva desk had exactly these).
OFFICER_ACTIONS: frozenset[Status] = frozenset(
    {Status.IN_PROCESS, Status.CLOSED, Status.INCOMPLETE_INFO}
)
# Moves that must carry a note or reason.
NOTE_REQUIRED: frozenset[Status] = frozenset(
    {Status.CLOSED, Status.INCOMPLETE_INFO, Status.REOPENED, Status.NOT_ACTIONABLE}
)
# Statuses in which the SLA clock can run out (not paused, not finished).
CLOCK_RUNNING: frozenset[Status] = frozenset(
    {Status.OPEN, Status.FORWARDED, Status.IN_PROCESS, Status.REOPENED}
)
# Statuses in which the complaint still needs work from someone.
ACTIVE: frozenset[Status] = CLOCK_RUNNING | {Status.INCOMPLETE_INFO, Status.CLOSED}
FINAL: frozenset[Status] = frozenset({Status.DISPOSED, Status.NOT_ACTIONABLE, Status.DUPLICATE})


def can_move(from_status: Status, to_status: Status) -> bool:
    return to_status in TRANSITIONS[from_status]
