"""The action table, walked whole: every action × every status × every role through the
service, and the desk and the API offering exactly what the service accepts."""

from __future__ import annotations

import re
from typing import Any

import pytest

from seva.channels.officer_replies import reply_write
from seva.complaints import services
from seva.complaints.action_rules import (
    ACTION_STATUSES,
    COMPLAINT_ACTIONS,
    action_allowed,
    actions_available,
)
from seva.complaints.models import Complaint
from seva.complaints.statuses import OFFICER_ACTIONS, TRANSITIONS, Status
from seva.core.errors import IllegalAction, NotAllowed
from seva.directory.access import ROLE_ACTIONS, Action
from seva.directory.models import Role
from tests.api.helpers import as_person
from tests.complaints.helpers import register
from tests.desk.helpers import signed_in

# One persona per role, each reaching the Lucknow district where the complaints are held.
PERSONAS = {
    Role.HQ_OPERATOR: "hq_operator",
    Role.HQ_REVIEWER: "hq_reviewer",
    Role.SENIOR_OFFICER: "senior_officer",
    Role.UNIT_OFFICER: "lucknow_officer",
    Role.AUDITOR: "auditor",
    Role.ADMINISTRATOR: "administrator",
}
# The desk's form for each action posts to /desk/c/<code>/<this>/.
DESK_FORMS = {
    "act": Action.ACT,
    "forward": Action.FORWARD,
    "transfer": Action.TRANSFER,
    "review": Action.REVIEW,
    "reject": Action.REJECT,
    "merge": Action.MERGE,
    "note": Action.NOTE,
    "reply": Action.REPLY,
}
# The actions the API has an endpoint for (reject and merge are the desk's).
API_ACTIONS = frozenset(set(COMPLAINT_ACTIONS) - {Action.REJECT, Action.MERGE})


def test_every_role_and_every_complaint_action_is_in_the_walk():
    assert set(PERSONAS) == set(Role)
    assert set(COMPLAINT_ACTIONS) == set(DESK_FORMS.values())
    assert set(ACTION_STATUSES) == set(COMPLAINT_ACTIONS)


def _complaint_in(world: Any, status: Status, text: str = "Chori ho gayi") -> Complaint:
    complaint = register(world.lucknow, text=text)
    # Straight into the starting state: this test is about the table, not the path there.
    Complaint.objects.filter(pk=complaint.pk).update(status=status.value)
    complaint.refresh_from_db()
    return complaint


def _attempt(world: Any, person: Any, action: Action, code: str, primary: str) -> None:
    """The action through its one service, with input that is valid whatever the status."""
    moves = TRANSITIONS[Status(Complaint.objects.get(code=code).status)]
    if action == Action.FORWARD:
        services.complaint_forward(actor=person, code=code, to_unit=world.hazratganj)
    elif action == Action.ACT:
        order = (Status.IN_PROCESS, Status.INCOMPLETE_INFO, Status.CLOSED)
        to = next((s for s in order if s in moves), Status.IN_PROCESS)
        services.complaint_act(actor=person, code=code, to=to, note="seen")
    elif action == Action.REVIEW:
        accept = Status.DISPOSED in moves
        services.complaint_review(actor=person, code=code, accept=accept, reason="no FIR")
    elif action == Action.TRANSFER:
        services.complaint_transfer(actor=person, code=code, to_unit=world.agra, reason="Agra")
    elif action == Action.REJECT:
        services.complaint_reject(actor=person, code=code, reason="not a grievance")
    elif action == Action.MERGE:
        services.complaint_merge(actor=person, code=code, into_code=primary)
    elif action == Action.NOTE:
        services.complaint_note(actor=person, code=code, text="checked")
    elif action == Action.REPLY:
        reply_write(actor=person, code=code, text="We are on it.")
    else:  # pragma: no cover - a new action must be added to the walk
        raise AssertionError(action)


def _state(code: str) -> tuple[Any, ...]:
    complaint = Complaint.objects.get(code=code)
    return complaint.status, complaint.unit_id, complaint.events.count(), complaint.messages.count()


def _desk_offers(client: Any, code: str) -> set[Action]:
    response = client.get(f"/desk/c/{code}/")
    assert response.status_code == 200
    names = re.findall(rf'action="/desk/c/{re.escape(code)}/(\w+)/"', response.content.decode())
    return {DESK_FORMS[name] for name in names}


@pytest.mark.parametrize("status", list(Status), ids=[s.value for s in Status])
def test_the_service_desk_and_api_follow_the_table(world, status):
    primary = register(world.lucknow, text="The first report").code
    for role, name in PERSONAS.items():
        person = getattr(world, name)
        expected = {
            a for a in COMPLAINT_ACTIONS if status in ACTION_STATUSES[a] and a in ROLE_ACTIONS[role]
        }
        shown = _complaint_in(world, status)
        assert actions_available(person, shown) == expected, role
        assert _desk_offers(signed_in(person), shown.code) == expected, role
        listed = as_person(person).get(f"/complaints/{shown.code}").json()["allowed_actions"]
        assert set(listed) == {a.value for a in expected & API_ACTIONS}, role
        for action in COMPLAINT_ACTIONS:
            code = _complaint_in(world, status).code
            label = f"{role.value} {action.value} in {status.value}"
            if action in expected:
                _attempt(world, person, action, code, primary)
                continue
            before = _state(code)
            refusal = NotAllowed if action not in ROLE_ACTIONS[role] else IllegalAction
            with pytest.raises(refusal):
                _attempt(world, person, action, code, primary)
            assert _state(code) == before, label


@pytest.mark.parametrize(
    ("action", "targets"),
    [
        (Action.ACT, OFFICER_ACTIONS),
        (Action.REVIEW, frozenset({Status.DISPOSED, Status.REOPENED})),
        (Action.REJECT, frozenset({Status.NOT_ACTIONABLE})),
        (Action.MERGE, frozenset({Status.DUPLICATE})),
    ],
)
def test_status_moving_actions_are_allowed_exactly_where_the_transition_table_lets_them(
    action, targets
):
    # No action is offered where its move is illegal, and no legal move is left unreachable.
    assert ACTION_STATUSES[action] == {s for s in Status if TRANSITIONS[s] & targets}


def test_action_allowed_reads_the_unit_and_the_status(world):
    complaint = _complaint_in(world, Status.IN_PROCESS)
    assert action_allowed(world.lucknow_officer, Action.TRANSFER, complaint)
    assert not action_allowed(world.agra_officer, Action.TRANSFER, complaint)
    complaint.status = Status.CLOSED
    assert not action_allowed(world.lucknow_officer, Action.TRANSFER, complaint)
