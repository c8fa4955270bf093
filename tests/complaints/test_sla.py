"""SLA clocks with time travel: pause, resume, overdue and escalation to the parent unit."""

import datetime as dt

import time_machine

from seva.complaints import services
from seva.complaints.models import Complaint, SlaTarget
from seva.complaints.sla import is_overdue, sla_escalate_overdue
from seva.complaints.statuses import Status
from tests.complaints.helpers import register

START = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)


def test_urgent_complaints_get_fifteen_minutes_for_first_action(world):
    with time_machine.travel(START, tick=False):
        complaint = register(world.lucknow, is_urgent=True)
    assert complaint.sla_due_at == START + dt.timedelta(minutes=15)


def test_category_target_overrides_the_default(world):
    SlaTarget.objects.update_or_create(
        category="women_safety",
        is_urgent=False,
        defaults={"first_action_minutes": 30, "resolution_minutes": 600},
    )
    with time_machine.travel(START, tick=False):
        complaint = register(world.lucknow, category="women_safety")
    assert complaint.sla_due_at == START + dt.timedelta(minutes=30)


def test_incomplete_information_pauses_and_the_citizens_reply_resumes(world):
    with time_machine.travel(START, tick=False):
        code = register(world.lucknow).code
    with time_machine.travel(START + dt.timedelta(minutes=10), tick=False):
        services.complaint_act(actor=world.lucknow_officer, code=code, to=Status.IN_PROCESS)
    due_before = Complaint.objects.get(code=code).sla_due_at
    assert due_before is not None
    with time_machine.travel(START + dt.timedelta(hours=1), tick=False):
        services.complaint_act(
            actor=world.lucknow_officer, code=code, to=Status.INCOMPLETE_INFO, note="Address?"
        )
    # Waiting three days for the citizen does not make the unit late.
    paused = Complaint.objects.get(code=code)
    assert not is_overdue(paused, START + dt.timedelta(days=30))
    with time_machine.travel(START + dt.timedelta(days=3, hours=1), tick=False):
        services.complaint_attach_followup(
            complaint=(complaint := Complaint.objects.get(code=code)),
            author=services.PostAuthor.of(complaint.complainant),
            text="Near the clock tower",
        )
    resumed = Complaint.objects.get(code=code)
    assert resumed.status == Status.IN_PROCESS
    assert resumed.sla_paused_at is None
    assert resumed.sla_due_at == due_before + dt.timedelta(days=3)
    assert resumed.events.filter(type="sla.resumed", data__paused_seconds=3 * 86400).exists()


def test_overdue_complaint_is_escalated_once_to_the_parent(world):
    with time_machine.travel(START, tick=False):
        complaint = register(world.hazratganj, is_urgent=True)
    assert sla_escalate_overdue(at=START + dt.timedelta(minutes=10)) == 0
    late = START + dt.timedelta(minutes=16)
    assert is_overdue(Complaint.objects.get(pk=complaint.pk), late)
    assert sla_escalate_overdue(at=late) == 1
    assert sla_escalate_overdue(at=late + dt.timedelta(minutes=5)) == 0  # once per deadline
    escalated = Complaint.objects.get(pk=complaint.pk)
    assert escalated.escalated_to == world.lucknow
    assert escalated.events.filter(type="sla.escalated", data__to_unit="D-162").count() == 1


def test_first_action_starts_the_closure_deadline_and_can_escalate_again(world):
    with time_machine.travel(START, tick=False):
        code = register(world.lucknow, is_urgent=True).code
    sla_escalate_overdue(at=START + dt.timedelta(minutes=20))
    with time_machine.travel(START + dt.timedelta(minutes=30), tick=False):
        acted = services.complaint_act(actor=world.lucknow_officer, code=code, to=Status.IN_PROCESS)
    assert acted.escalated_at is None
    assert acted.sla_due_at == START + dt.timedelta(minutes=30, hours=24)
    assert sla_escalate_overdue(at=START + dt.timedelta(days=2)) == 1
    assert acted.events.filter(type="sla.escalated").count() == 2
