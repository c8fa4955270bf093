"""Which action on a complaint is allowed in which status, and for whom: the one table.

Two pieces of data answer it together. `ROLE_ACTIONS` (`seva.directory.access`) says which
actions each role may take inside its reach; `ACTION_STATUSES` below says in which statuses
each action may be taken at all. A person may take an action on a complaint when both say yes
(`action_allowed`). Every service fetches its complaint through `complaint_for_action`, which
refuses with the domain errors; the desk shows the forms and the API lists the actions that
`actions_available` returns. So the three cannot disagree, and a test walks the whole table
(every action, status and role) through all three.

Which status a move then lands in (In-process, Closed, …) is the transition table's
(`seva.complaints.statuses.TRANSITIONS`), enforced by its one writer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from seva.complaints.statuses import LABELS, Status
from seva.core.errors import IllegalAction
from seva.directory.access import ROLE_ACTIONS, Action, access_can, access_complaint
from seva.directory.models import Role

if TYPE_CHECKING:
    from seva.complaints.models import Complaint
    from seva.directory.access import AnyUser

# A complaint still being worked: it may be sent on, changed hands, asked about. Not while a
# closure awaits HQ's review (HQ decides first: accept, or reopen and then move it), and never
# once finished (Disposed, Not actionable, Duplicate) until HQ reopens or restores it.
_BEING_WORKED = frozenset(
    {Status.OPEN, Status.FORWARDED, Status.IN_PROCESS, Status.INCOMPLETE_INFO, Status.REOPENED}
)
_EVERY_STATUS = frozenset(Status)

ACTION_STATUSES: dict[Action, frozenset[Status]] = {
    Action.FORWARD: _BEING_WORKED,
    Action.TRANSFER: _BEING_WORKED,
    # In-process, Closed or Incomplete information: wherever one of them is a legal move.
    Action.ACT: _BEING_WORKED,
    # Accept or reopen a closure; reopen a disposed complaint when the citizen comes back.
    Action.REVIEW: frozenset({Status.CLOSED, Status.DISPOSED}),
    # Not actionable is HQ's word on a complaint nobody has started on (or waiting for the
    # citizen); once a unit works it, only its closure and HQ's review end it.
    Action.REJECT: frozenset({Status.OPEN, Status.FORWARDED, Status.INCOMPLETE_INFO}),
    Action.MERGE: _BEING_WORKED,
    # Words are never refused: a note or a reply to a citizen who comes back after the end.
    Action.NOTE: _EVERY_STATUS,
    Action.REPLY: _EVERY_STATUS,
}

# The actions taken on one complaint, in the order the desk and the docs show them.
COMPLAINT_ACTIONS: tuple[Action, ...] = tuple(ACTION_STATUSES)


def action_allowed(user: AnyUser | None, action: Action, complaint: Complaint) -> bool:
    """May this person take `action` on this complaint now (its unit and its status)?"""
    return Status(complaint.status) in ACTION_STATUSES[action] and access_can(
        user, action, complaint.unit
    )


def actions_available(user: AnyUser | None, complaint: Complaint) -> frozenset[Action]:
    """Every action this person may take on this complaint now (no query: grants are cached
    on the person)."""
    return frozenset(a for a in COMPLAINT_ACTIONS if action_allowed(user, a, complaint))


def complaint_for_action(user: AnyUser | None, code: str, action: Action) -> Complaint:
    """The complaint, locked for the caller's transaction, once `action` is allowed on it.

    Raises NotFound (missing or outside the person's reach), NotAllowed (their role may not
    take `action` there) and IllegalAction (the complaint's status does not allow it). The
    status is read from the locked row, so it is the status the service then changes.
    """
    complaint = access_complaint(user, code, action, for_update=True)
    status = Status(complaint.status)
    if status not in ACTION_STATUSES[action]:
        raise IllegalAction(action.value, status.value)
    return complaint


def action_table_markdown() -> str:
    """The table as the docs show it (`docs/lifecycle.md`, `docs/desk.md`; a test keeps them
    equal to this)."""
    statuses = list(Status)
    header = ["action", "roles (in their reach)", *(LABELS[s] for s in statuses)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for action in COMPLAINT_ACTIONS:
        roles = ", ".join(role.label for role in Role if action in ROLE_ACTIONS[role])
        cells = ["✓" if s in ACTION_STATUSES[action] else "—" for s in statuses]
        lines.append("| " + " | ".join([action.value, str(roles), *cells]) + " |")
    return "\n".join(lines) + "\n"
