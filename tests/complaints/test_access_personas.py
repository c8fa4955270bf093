"""The Agra officer never sees or touches Lucknow's complaints; roles reach their subtrees."""

import pytest

from seva.complaints import services
from seva.complaints.statuses import Status
from seva.core.errors import IllegalAction, NotAllowed, NotFound
from seva.directory.access import Action, access_complaint, access_complaints
from tests.complaints.helpers import register


@pytest.fixture
def lucknow_complaint(world):
    return register(world.lucknow)


def test_agra_officer_cannot_read_a_lucknow_complaint(world, lucknow_complaint):
    with pytest.raises(NotFound):
        access_complaint(world.agra_officer, lucknow_complaint.code)
    assert not access_complaints(world.agra_officer).filter(pk=lucknow_complaint.pk).exists()


@pytest.mark.parametrize(
    "attempt",
    [
        lambda w, code: services.complaint_act(
            actor=w.agra_officer, code=code, to=Status.IN_PROCESS
        ),
        lambda w, code: services.complaint_act(
            actor=w.agra_officer, code=code, to=Status.CLOSED, note="done"
        ),
        lambda w, code: services.complaint_forward(actor=w.agra_officer, code=code, to_unit=w.agra),
        lambda w, code: services.complaint_transfer(
            actor=w.agra_officer, code=code, to_unit=w.agra, reason="mine"
        ),
        lambda w, code: services.complaint_note(actor=w.agra_officer, code=code, text="hello"),
        lambda w, code: services.complaint_review(actor=w.agra_officer, code=code, accept=True),
        lambda w, code: services.complaint_reject(actor=w.agra_officer, code=code, reason="x"),
    ],
    ids=["in_process", "close", "forward", "transfer", "note", "review", "reject"],
)
def test_agra_officer_gets_not_found_for_every_action(world, lucknow_complaint, attempt):
    with pytest.raises(NotFound):
        attempt(world, lucknow_complaint.code)


def test_auditor_reads_but_may_not_act(world, lucknow_complaint):
    assert access_complaint(world.auditor, lucknow_complaint.code).pk == lucknow_complaint.pk
    with pytest.raises(NotAllowed):
        services.complaint_act(
            actor=world.auditor, code=lucknow_complaint.code, to=Status.IN_PROCESS
        )


def test_unit_officer_may_not_review_closures(world, lucknow_complaint):
    with pytest.raises(NotAllowed):
        services.complaint_review(
            actor=world.lucknow_officer, code=lucknow_complaint.code, accept=True
        )


def test_district_forwards_to_its_police_station_who_then_acts(world, lucknow_complaint):
    code = lucknow_complaint.code
    services.complaint_forward(actor=world.lucknow_officer, code=code, to_unit=world.hazratganj)
    complaint = services.complaint_act(
        actor=world.hazratganj_officer, code=code, to=Status.IN_PROCESS
    )
    assert complaint.unit == world.hazratganj
    assert access_complaint(world.lucknow_officer, code).pk == complaint.pk  # still in reach


def test_district_officer_cannot_forward_to_another_district(world, lucknow_complaint):
    with pytest.raises(NotAllowed):
        services.complaint_forward(
            actor=world.lucknow_officer, code=lucknow_complaint.code, to_unit=world.agra
        )


def test_transfer_to_another_district_keeps_the_code_and_moves_reach(world, lucknow_complaint):
    code = lucknow_complaint.code
    moved = services.complaint_transfer(
        actor=world.lucknow_officer, code=code, to_unit=world.agra, reason="Happened in Agra"
    )
    assert moved.code == code
    assert moved.status == Status.FORWARDED
    assert access_complaint(world.agra_officer, code).pk == moved.pk
    with pytest.raises(NotFound):
        access_complaint(world.lucknow_officer, code)


def test_deactivated_person_reaches_nothing(world, lucknow_complaint):
    world.lucknow_officer.is_active = False
    world.lucknow_officer.save()
    with pytest.raises(NotFound):
        access_complaint(world.lucknow_officer, lucknow_complaint.code, Action.VIEW)


def test_a_finished_complaint_does_not_change_hands(world, lucknow_complaint):
    services.complaint_reject(actor=world.hq_operator, code=lucknow_complaint.code, reason="Spam")
    with pytest.raises(IllegalAction):
        services.complaint_transfer(
            actor=world.hq_operator, code=lucknow_complaint.code, to_unit=world.agra, reason="x"
        )
