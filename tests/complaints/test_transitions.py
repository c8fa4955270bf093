"""Every allowed and every refused move of the transition table, through the one writer."""

import pytest

from seva.complaints.models import Complaint
from seva.complaints.services import complaint_set_status
from seva.complaints.statuses import TRANSITIONS, Status
from seva.core.errors import Conflict, IllegalTransition
from tests.complaints.helpers import register

ALL_PAIRS = [(old, new) for old in Status for new in Status]


def _complaint_in(world, status: Status) -> Complaint:
    complaint = register(world.lucknow)
    # Put it straight into the starting state: this test is about the table, not the path.
    Complaint.objects.filter(pk=complaint.pk).update(status=status.value)
    complaint.refresh_from_db()
    return complaint


@pytest.mark.parametrize(("old", "new"), ALL_PAIRS, ids=[f"{o}->{n}" for o, n in ALL_PAIRS])
def test_transition_table_is_enforced(world, old, new):
    complaint = _complaint_in(world, old)
    if new in TRANSITIONS[old]:
        complaint_set_status(complaint=complaint, to=new, actor=world.hq_operator, note="n")
        assert Complaint.objects.get(pk=complaint.pk).status == new
        assert complaint.events.filter(
            type="status.changed", data__to=new.value, data__from=old.value
        ).exists()
    else:
        with pytest.raises(IllegalTransition):
            complaint_set_status(complaint=complaint, to=new, actor=world.hq_operator)
        assert Complaint.objects.get(pk=complaint.pk).status == old


def test_compare_and_swap_refuses_a_stale_status(world):
    complaint = register(world.lucknow)
    stale = Complaint.objects.get(pk=complaint.pk)
    complaint_set_status(complaint=complaint, to=Status.IN_PROCESS, actor=world.lucknow_officer)
    with pytest.raises(Conflict):
        complaint_set_status(complaint=stale, to=Status.CLOSED, actor=world.lucknow_officer)
    assert Complaint.objects.get(pk=complaint.pk).status == Status.IN_PROCESS
