"""A complaint's whole life, and the event log that records every step of it."""

import pytest

from seva.complaints import services
from seva.complaints.models import AppendOnlyError, Complaint, MessageKind
from seva.complaints.selectors import complaint_timeline
from seva.complaints.statuses import Status
from seva.core.errors import InvalidInput
from tests.complaints.helpers import register


def test_full_lifecycle_is_recorded_event_by_event(world):
    complaint = register()
    code = complaint.code
    assert code.startswith("UP-")
    assert complaint.status == Status.OPEN
    services.complaint_forward(actor=world.hq_operator, code=code, to_unit=world.lucknow)
    services.complaint_act(
        actor=world.lucknow_officer, code=code, to=Status.INCOMPLETE_INFO, note="Which thana?"
    )
    services.complaint_attach_followup(
        complaint=(complaint := Complaint.objects.get(code=code)),
        author=services.PostAuthor.of(complaint.complainant),
        text="Thana Hazratganj, sir",
    )
    services.complaint_act(
        actor=world.lucknow_officer, code=code, to=Status.CLOSED, note="FIR lodged"
    )
    services.complaint_review(
        actor=world.hq_reviewer, code=code, accept=False, reason="No FIR number"
    )
    services.complaint_act(
        actor=world.lucknow_officer, code=code, to=Status.CLOSED, note="FIR 123/2026 lodged"
    )
    final = services.complaint_review(actor=world.hq_reviewer, code=code, accept=True)

    assert final.status == Status.DISPOSED
    assert final.code == code
    assert final.reopen_count == 1
    assert all([final.first_action_at, final.closed_at, final.disposed_at, final.forwarded_at])
    statuses = [(e.data["from"], e.data["to"]) for e in final.events.filter(type="status.changed")]
    assert statuses == [
        ("open", "forwarded"),
        ("forwarded", "incomplete_info"),
        ("incomplete_info", "in_process"),
        ("in_process", "closed"),
        ("closed", "reopened"),
        ("reopened", "closed"),
        ("closed", "disposed"),
    ]
    types = list(final.events.values_list("type", flat=True))
    assert types[0] == "complaint.registered"
    for expected in [
        "complaint.forwarded",
        "sla.paused",
        "followup.attached",
        "sla.resumed",
        "review.reopened",
        "review.accepted",
        "note.added",
    ]:
        assert expected in types
    actors = {e.actor for e in final.events.filter(type="status.changed")}
    assert {world.hq_operator, world.lucknow_officer, world.hq_reviewer, None} == actors
    kinds = list(final.messages.values_list("kind", flat=True))
    assert kinds.count(MessageKind.INBOUND) == 2


def test_events_are_append_only(world):
    event = register().events.get(type="complaint.registered")
    event.data = {"tampered": True}
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


@pytest.mark.parametrize("status", [Status.CLOSED, Status.INCOMPLETE_INFO])
def test_closing_or_asking_for_information_needs_a_note(world, status):
    code = register(world.lucknow).code
    with pytest.raises(InvalidInput):
        services.complaint_act(actor=world.lucknow_officer, code=code, to=status, note="  ")


def test_reopening_needs_a_reason(world):
    code = register(world.lucknow).code
    services.complaint_act(actor=world.lucknow_officer, code=code, to=Status.CLOSED, note="done")
    with pytest.raises(InvalidInput):
        services.complaint_review(actor=world.hq_reviewer, code=code, accept=False, reason="")


def test_registered_at_a_district_carries_its_prefix_and_starts_forwarded(world):
    complaint = register(world.hazratganj)
    assert complaint.code.startswith("LKN-")
    assert complaint.status == Status.FORWARDED
    assert complaint.unit == world.hazratganj


def test_hq_request_for_district_returns_to_open_on_reply(world):
    code = register().code
    services.complaint_act(
        actor=world.hq_operator, code=code, to=Status.INCOMPLETE_INFO, note="Which district?"
    )
    services.complaint_attach_followup(
        complaint=(complaint := Complaint.objects.get(code=code)),
        author=services.PostAuthor.of(complaint.complainant),
        text="Agra",
    )
    assert Complaint.objects.get(code=code).status == Status.OPEN


def test_merge_and_reject(world):
    primary = register(world.lucknow)
    duplicate = register(world.lucknow, text="Same theft again")
    merged = services.complaint_merge(
        actor=world.hq_operator, code=duplicate.code, into_code=primary.code
    )
    assert merged.status == Status.DUPLICATE
    assert merged.merged_into == primary
    assert primary.events.filter(type="complaint.duplicate_merged").exists()
    other = register(text="Great work by UP police!")
    rejected = services.complaint_reject(actor=world.hq_operator, code=other.code, reason="Praise")
    assert rejected.status == Status.NOT_ACTIONABLE


def test_notes_internal_and_public(world):
    code = register(world.lucknow).code
    internal = services.complaint_note(actor=world.lucknow_officer, code=code, text="Call SHO")
    public = services.complaint_note(
        actor=world.lucknow_officer, code=code, text="Team sent", public=True
    )
    assert not internal.is_public
    assert public.is_public
    assert Complaint.objects.get(code=code).events.filter(type="note.added").count() == 2


def test_timeline_is_rendered_from_the_event_log(world):
    code = register().code
    services.complaint_forward(actor=world.hq_operator, code=code, to_unit=world.lucknow)
    timeline = complaint_timeline(Complaint.objects.get(code=code))
    assert [entry.type for entry in timeline] == [
        "complaint.registered",
        "complaint.forwarded",
        "status.changed",
    ]
    assert timeline[0].actor == "system"
    assert timeline[1].actor == "hq_operator"
    assert timeline[1].sentence == "Forwarded from UP Police HQ to Lucknow"
    assert timeline[2].sentence == "Status: Open → Forwarded"


def test_timeline_names_units_in_the_readers_language(world):
    from django.utils import translation

    code = register().code
    services.complaint_forward(actor=world.hq_operator, code=code, to_unit=world.lucknow)
    with translation.override("hi"):
        timeline = complaint_timeline(Complaint.objects.get(code=code))
    assert "लखनऊ" in timeline[1].sentence
    assert "D-162" not in timeline[1].sentence
