"""HQ's bulk actions: each selected complaint goes through its own service; refusals are
reported per code and do not undo the rest."""

from __future__ import annotations

from typing import Any

import pytest

from seva.complaints import services
from seva.complaints.models import Complaint
from seva.complaints.statuses import Status
from tests.complaints.helpers import register
from tests.desk.helpers import signed_in, triage_json


def _status(code: str) -> str:
    return Complaint.objects.get(code=code).status


def test_forward_each_to_its_suggested_unit(world: Any) -> None:
    to_lucknow = register(triage=triage_json("Lucknow")).code
    to_agra = register(triage=triage_json("Agra")).code
    nowhere = register(triage=triage_json(None)).code
    page = signed_in(world.hq_operator).post(
        "/desk/triage/bulk/",
        {"action": "forward_suggested", "codes": [to_lucknow, to_agra, nowhere]},
        follow=True,
    )
    assert Complaint.objects.get(code=to_lucknow).unit == world.lucknow
    assert Complaint.objects.get(code=to_agra).unit == world.agra
    assert _status(nowhere) == Status.OPEN
    html = page.content.decode()
    assert "2 forwarded to the units triage suggests." in html
    assert f"1 could not be done: {nowhere} (triage suggests no district)" in html


def test_forward_all_to_one_unit_and_reject_with_one_reason(world: Any) -> None:
    first, second, third = (register().code for _ in range(3))
    operator = signed_in(world.hq_operator)
    operator.post("/desk/triage/bulk/", {"action": "forward", "unit": "D-118", "codes": [first]})
    assert Complaint.objects.get(code=first).unit == world.agra
    operator.post(
        "/desk/triage/bulk/",
        {"action": "reject", "reason": "spam", "codes": [second, third]},
    )
    assert _status(second) == _status(third) == Status.NOT_ACTIONABLE


def test_one_refused_complaint_does_not_undo_the_others(world: Any) -> None:
    fine = register().code
    gone = register().code
    services.complaint_reject(actor=world.hq_operator, code=gone, reason="spam")
    page = signed_in(world.hq_operator).post(
        "/desk/triage/bulk/",
        {"action": "forward", "unit": "D-162", "codes": [fine, gone]},
        follow=True,
    )
    assert _status(fine) == Status.FORWARDED
    assert f"1 could not be done: {gone}" in page.content.decode()


def test_a_code_outside_the_persons_reach_is_refused_not_done(world: Any) -> None:
    at_agra = register(world.agra).code
    operator_page = signed_in(world.hq_operator).post(
        "/desk/triage/bulk/",
        {"action": "reject", "reason": "x", "codes": ["UP-000000-000-X"]},
        follow=True,
    )
    assert "1 could not be done" in operator_page.content.decode()
    assert _status(at_agra) == Status.FORWARDED


@pytest.mark.parametrize("person", ["lucknow_officer", "agra_officer", "auditor"])
def test_bulk_is_hqs_only(world: Any, person: str) -> None:
    code = register().code
    client = signed_in(getattr(world, person))
    assert (
        client.post("/desk/triage/bulk/", {"action": "reject", "reason": "x", "codes": [code]})
    ).status_code == 404
    assert client.post("/desk/review/bulk/", {"codes": [code]}).status_code == 404
    assert _status(code) == Status.OPEN


def test_bulk_needs_a_selection_and_a_known_action(world: Any) -> None:
    operator = signed_in(world.hq_operator)
    page = operator.post("/desk/triage/bulk/", {"action": "forward", "unit": "D-162"}, follow=True)
    assert "Tick at least one complaint" in page.content.decode()
    code = register().code
    page = operator.post("/desk/triage/bulk/", {"action": "explode", "codes": [code]}, follow=True)
    assert "Choose what to do with the ticked complaints" in page.content.decode()
    page = operator.post("/desk/triage/bulk/", {"action": "reject", "codes": [code]}, follow=True)
    assert "This step needs a note or reason" in page.content.decode()
    assert _status(code) == Status.OPEN


def test_the_reviewer_accepts_several_closures_at_once(world: Any) -> None:
    codes = []
    for _ in range(3):
        code = register(world.lucknow).code
        services.complaint_act(
            actor=world.lucknow_officer, code=code, to=Status.CLOSED, note="done"
        )
        codes.append(code)
    page = signed_in(world.hq_reviewer).post("/desk/review/bulk/", {"codes": codes}, follow=True)
    assert [_status(code) for code in codes] == [Status.DISPOSED] * 3
    assert "3 closures accepted (Disposed)." in page.content.decode()


def test_the_queue_offers_the_bulk_form_and_a_tick_per_complaint(world: Any) -> None:
    code = register(triage=triage_json("Lucknow")).code
    html = signed_in(world.hq_operator).get("/desk/triage/").content.decode()
    assert 'id="bulk-form"' in html
    assert f'name="codes" value="{code}" form="bulk-form"' in html
