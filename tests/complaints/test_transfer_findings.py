"""Issue 12, item 10: transfers the desk would refuse. A closure awaiting HQ's review changed
hands, and a complaint sent back to HQ waited as Forwarded outside HQ's triage queue. (Only
names that exist before the fix are imported, so this file runs against the old code too.)"""

from __future__ import annotations

from typing import Any

import pytest

from seva.complaints import services
from seva.complaints.models import Complaint
from seva.complaints.statuses import Status
from seva.core.errors import IllegalTransition, SevaError
from tests.api.helpers import as_person
from tests.complaints.helpers import register
from tests.desk.helpers import signed_in


def _closed_at_lucknow(world: Any) -> str:
    code = register(world.lucknow).code
    services.complaint_act(actor=world.lucknow_officer, code=code, to=Status.CLOSED, note="FIR 7")
    return code


def _in_status(world: Any, status: Status) -> str:
    complaint = register(world.lucknow)
    Complaint.objects.filter(pk=complaint.pk).update(status=status.value)
    return complaint.code


@pytest.mark.parametrize("person", ["lucknow_officer", "hq_operator", "hq_reviewer"])
def test_a_closure_awaiting_review_is_not_transferred(world, person):
    code = _closed_at_lucknow(world)
    with pytest.raises(IllegalTransition):  # the status refuses it (409)
        services.complaint_transfer(
            actor=getattr(world, person), code=code, to_unit=world.agra, reason="Agra's case"
        )
    complaint = Complaint.objects.get(code=code)
    assert (complaint.status, complaint.unit) == (Status.CLOSED, world.lucknow)
    assert not complaint.events.filter(type="complaint.transferred").exists()


def test_a_closure_awaiting_review_is_not_forwarded(world):
    code = _closed_at_lucknow(world)
    with pytest.raises(IllegalTransition):
        services.complaint_forward(actor=world.lucknow_officer, code=code, to_unit=world.hazratganj)
    assert Complaint.objects.get(code=code).unit == world.lucknow


def test_after_review_reopens_it_the_complaint_moves_again(world):
    code = _closed_at_lucknow(world)
    services.complaint_review(actor=world.hq_reviewer, code=code, accept=False, reason="no FIR")
    moved = services.complaint_transfer(
        actor=world.lucknow_officer, code=code, to_unit=world.agra, reason="Agra's case"
    )
    assert (moved.status, moved.unit) == (Status.FORWARDED, world.agra)


def test_the_api_refuses_and_does_not_list_a_transfer_of_a_closure(world):
    code = _closed_at_lucknow(world)
    officer = as_person(world.lucknow_officer)
    assert "transfer" not in officer.get(f"/complaints/{code}").json()["allowed_actions"]
    response = officer.post(f"/complaints/{code}/transfer", {"unit": "D-118", "reason": "Agra"})
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "illegal_transition"
    assert Complaint.objects.get(code=code).unit == world.lucknow


def _hq_triage(world: Any) -> list[str]:
    response = signed_in(world.hq_operator).get("/desk/triage/")
    return [row["complaint"].code for row in response.context["rows"]]


@pytest.mark.parametrize(
    "status", [Status.FORWARDED, Status.IN_PROCESS, Status.INCOMPLETE_INFO, Status.REOPENED]
)
def test_a_transfer_back_to_hq_is_open_in_hqs_triage_queue(world, status):
    code = _in_status(world, status)
    moved = services.complaint_transfer(
        actor=world.lucknow_officer, code=code, to_unit=world.hq, reason="not a Lucknow matter"
    )
    assert (moved.status, moved.unit) == (Status.OPEN, world.hq)
    assert moved.events.filter(type="status.changed", data__to=Status.OPEN.value).exists()
    assert moved.sla_paused_at is None  # the clock runs again at HQ
    assert _hq_triage(world) == [code]


def test_an_open_complaint_forwarded_to_hq_stays_open_in_triage(world):
    code = _in_status(world, Status.OPEN)  # e.g. restored at Lucknow after a rejection
    moved = services.complaint_forward(actor=world.hq_operator, code=code, to_unit=world.hq)
    assert (moved.status, moved.unit) == (Status.OPEN, world.hq)
    assert _hq_triage(world) == [code]


def test_the_desk_offers_hq_as_a_transfer_target(world):
    code = register(world.lucknow).code
    body = signed_in(world.lucknow_officer).get(f"/desk/c/{code}/").content.decode()
    transfer_form = body.split('id="transfer-unit"', 1)[1].split("</select>", 1)[0]
    assert '<option value="UP">UP Police HQ</option>' in transfer_form


def test_a_reviewer_sees_no_review_form_on_a_complaint_nobody_closed(world):
    code = register(world.lucknow).code
    body = signed_in(world.hq_reviewer).get(f"/desk/c/{code}/").content.decode()
    assert f'action="/desk/c/{code}/review/"' not in body


def test_a_disposed_complaint_can_be_reopened_not_accepted_again(world):
    code = _closed_at_lucknow(world)
    services.complaint_review(actor=world.hq_reviewer, code=code, accept=True)
    body = signed_in(world.hq_reviewer).get(f"/desk/c/{code}/").content.decode()
    assert 'name="decision" value="reopen"' in body
    assert 'name="decision" value="accept"' not in body
    with pytest.raises(SevaError):
        services.complaint_review(actor=world.hq_reviewer, code=code, accept=True)
    reopened = services.complaint_review(
        actor=world.hq_reviewer, code=code, accept=False, reason="the citizen wrote again"
    )
    assert reopened.status == Status.REOPENED
