"""The complaint's thread: only the complainant continues a complaint; anyone else's words are
kept under their own name and change nothing."""

import pytest

from seva.complaints import services
from seva.complaints.models import Complaint, MessageKind
from seva.complaints.selectors import complainant_identities
from seva.complaints.services import PostAuthor
from seva.complaints.statuses import Status
from seva.core.errors import NotAllowed
from tests.complaints.helpers import register

STRANGER = PostAuthor(platform="x", external_id="6666", handle="troll", name="Not Ram")


def _waiting(world) -> Complaint:
    complaint = register(world.lucknow)
    services.complaint_act(
        actor=world.lucknow_officer, code=complaint.code, to=Status.INCOMPLETE_INFO, note="When?"
    )
    return Complaint.objects.get(pk=complaint.pk)


def test_a_follow_up_from_anyone_but_the_complainant_is_refused(world):
    complaint = _waiting(world)
    with pytest.raises(NotAllowed):
        services.complaint_attach_followup(complaint=complaint, author=STRANGER, text="close it")
    # Same handle, another account: identity is the platform's user id, never the handle.
    lookalike = PostAuthor(platform="x", external_id="6667", handle="citizen_ram", name="Ram")
    with pytest.raises(NotAllowed):
        services.complaint_attach_followup(complaint=complaint, author=lookalike, text="close")
    after = Complaint.objects.get(pk=complaint.pk)
    assert after.status == Status.INCOMPLETE_INFO
    assert after.messages.filter(kind=MessageKind.INBOUND).count() == 1


def test_the_complainants_follow_up_is_stored_under_their_own_post(world):
    complaint = _waiting(world)
    renamed = PostAuthor(platform="x", external_id="1001", handle="ram_k", name="Ram K.")
    message = services.complaint_attach_followup(complaint=complaint, author=renamed, text="9pm")
    assert (message.author_external_id, message.author_handle, message.author_name) == (
        "1001",
        "ram_k",
        "Ram K.",
    )
    assert Complaint.objects.get(pk=complaint.pk).status == Status.IN_PROCESS


def test_a_third_party_note_changes_nothing_but_its_own_line(world):
    complaint = _waiting(world)
    before = list(complaint.events.values_list("type", flat=True))
    message = services.complaint_attach_third_party(
        complaint=complaint, author=STRANGER, text="It happened in Agra", external_id="77"
    )
    after = Complaint.objects.get(pk=complaint.pk)
    assert (after.status, after.unit, after.sla_due_at, after.sla_paused_at) == (
        complaint.status,
        complaint.unit,
        complaint.sla_due_at,
        complaint.sla_paused_at,
    )
    assert list(after.events.values_list("type", flat=True)) == [*before, "followup.third_party"]
    assert message.kind == MessageKind.THIRD_PARTY
    assert (message.author_external_id, message.author_handle, message.author_name) == (
        "6666",
        "troll",
        "Not Ram",
    )
    assert not message.is_public


def test_the_complainant_of_a_merged_duplicate_counts_on_the_main_complaint(world):
    main = register(world.lucknow)
    duplicate = register(world.lucknow, external_user_id="2002", handle="sita", text="Same")
    again = register(world.lucknow, external_user_id="3003", handle="gita", text="Same again")
    services.complaint_merge(actor=world.hq_operator, code=again.code, into_code=duplicate.code)
    services.complaint_merge(actor=world.hq_operator, code=duplicate.code, into_code=main.code)
    assert complainant_identities([main.pk]) == {
        main.pk: frozenset({("x", "1001"), ("x", "2002"), ("x", "3003")})
    }
    gita = PostAuthor(platform="x", external_id="3003", handle="gita", name="Gita")
    message = services.complaint_attach_followup(complaint=main, author=gita, text="Any news?")
    assert message.complaint_id == main.pk
    assert message.author_handle == "gita"
