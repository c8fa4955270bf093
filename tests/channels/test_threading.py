"""Only the complainant continues a complaint; anyone else's post is stored under its own
author and becomes their own complaint or a third-party note that changes nothing.

One test per threading rule for the complainant and for a stranger, on X through the double."""

from __future__ import annotations

from typing import Any

from seva.channels.direct import Submission, submission_intake
from seva.channels.manual import inbound_capture
from seva.channels.models import InboundRecord, InboundState, OutboundReply
from seva.complaints import services
from seva.complaints.models import Complaint, Message
from seva.complaints.statuses import Status
from tests.channels.conftest import XWorld
from tests.channels.test_flow import poll_and_reply

LUCKNOW_THEFT = "@Uppolice Hazratganj Lucknow me meri bike chori ho gayi, FIR nahi likh rahe"
NO_PLACE = "@Uppolice mere ghar me chori ho gayi, koi sun nahi raha"


def _record(post: dict[str, Any]) -> InboundRecord:
    return InboundRecord.objects.get(external_id=post["id"])


def _message(post: dict[str, Any]) -> Message:
    return Message.objects.get(external_id=post["id"])


def _user_id(x: XWorld, username: str) -> str:
    user = x.double.world.user_by_name(username)
    assert user is not None
    return str(user["id"])


def _asked_for_information(x: XWorld, username: str = "citizen1") -> Complaint:
    """A new complaint of `username` at Lucknow, which the officer put on Incomplete
    information (the clock paused)."""
    x.post(f"{LUCKNOW_THEFT} ({username})", username=username)
    poll_and_reply(x)
    complaint = Complaint.objects.order_by("-id").first()
    assert complaint is not None
    assert complaint.unit == x.world.lucknow
    services.complaint_act(
        actor=x.world.lucknow_officer,
        code=complaint.code,
        to=Status.INCOMPLETE_INFO,
        note="Which day, and the bike's number?",
    )
    complaint.refresh_from_db()
    assert complaint.sla_paused_at is not None
    return complaint


def _state(complaint: Complaint) -> tuple[Any, ...]:
    """What a third-party note must never change: status, unit, the clock, the history (but
    for its own line) and the replies to the citizen."""
    now = Complaint.objects.get(pk=complaint.pk)
    history = now.events.exclude(type="followup.third_party").values_list("type", flat=True)
    replies = OutboundReply.objects.filter(complaint=now).count()
    return (now.status, now.unit_id, now.sla_due_at, now.sla_paused_at, list(history), replies)


def _is_third_party_note(
    x: XWorld, post: dict[str, Any], username: str, complaint: Complaint
) -> None:
    record = _record(post)
    assert record.state == InboundState.NOTED
    assert record.complaint_code == complaint.code
    message = _message(post)
    assert message.complaint_id == complaint.pk
    assert message.kind == "third_party"
    assert message.author_handle == username
    assert message.author_name == username.title()
    assert message.author_external_id == _user_id(x, username)
    assert complaint.events.filter(
        type="followup.third_party", data__message_id=message.pk
    ).exists()


def _is_followup(x: XWorld, post: dict[str, Any], username: str, complaint: Complaint) -> None:
    record = _record(post)
    assert record.state == InboundState.ATTACHED
    assert record.complaint_code == complaint.code
    message = _message(post)
    assert message.complaint_id == complaint.pk
    assert message.kind == "inbound"
    assert (message.author_handle, message.author_external_id) == (username, _user_id(x, username))


# --- rule 1: a reply to, or a quote of, our reply -------------------------------------------


def test_a_strangers_answer_to_which_district_neither_routes_nor_resumes(x: XWorld) -> None:
    x.post(NO_PLACE)
    poll_and_reply(x)
    complaint = Complaint.objects.get()
    assert (complaint.status, complaint.unit) == (Status.INCOMPLETE_INFO, x.world.hq)
    (ask,) = x.replies()
    before = _state(complaint)

    answer = x.post("@Uppolice Agra, thana Tajganj", in_reply_to_id=ask["id"], username="stranger")
    poll_and_reply(x)

    assert _state(complaint) == before
    _is_third_party_note(x, answer, "stranger", complaint)
    assert Complaint.objects.count() == 1
    assert not complaint.events.filter(type="followup.attached").exists()
    assert len(x.replies()) == 1  # nothing said to the stranger in the citizen's thread
    assert OutboundReply.objects.count() == 1

    # The complainant's own answer routes it, by their words only (not the stranger's Agra).
    mine = x.post("@Uppolice Lucknow, thana Hazratganj", in_reply_to_id=ask["id"])
    poll_and_reply(x)
    complaint.refresh_from_db()
    assert (complaint.status, complaint.unit) == (Status.FORWARDED, x.world.lucknow)
    _is_followup(x, mine, "citizen1", complaint)


def test_quoting_our_reply_continues_only_for_the_complainant(x: XWorld) -> None:
    complaint = _asked_for_information(x)
    (ack,) = x.replies()
    before = _state(complaint)

    quote = x.post("@Uppolice yeh jhooth hai", quoted_id=ack["id"], username="stranger")
    poll_and_reply(x)
    assert _state(complaint) == before
    _is_third_party_note(x, quote, "stranger", complaint)

    mine = x.post("@Uppolice kal raat, UP32 AB 1234", quoted_id=ack["id"])
    poll_and_reply(x)
    _is_followup(x, mine, "citizen1", complaint)
    complaint.refresh_from_db()
    assert complaint.status == Status.IN_PROCESS
    assert complaint.sla_paused_at is None


# --- rules 2 and 3: the citizen's own thread --------------------------------------------------


def test_a_stranger_answering_the_citizens_post_gets_a_complaint_of_their_own(
    x: XWorld,
) -> None:
    original = x.post(LUCKNOW_THEFT)
    poll_and_reply(x)
    complaint = Complaint.objects.get()

    theirs = x.post(
        "@Uppolice Agra me mera phone bhi chheen liya, madad karein",
        in_reply_to_id=original["id"],
        username="stranger",
    )
    mine = x.post("@Uppolice abhi tak koi call nahi aaya", in_reply_to_id=original["id"])
    poll_and_reply(x)

    assert complaint.messages.filter(kind="inbound").count() == 2
    _is_followup(x, mine, "citizen1", complaint)
    record = _record(theirs)
    assert record.state == InboundState.REGISTERED
    own = Complaint.objects.get(code=record.complaint_code)
    assert own.complainant.handle == "stranger"
    assert own.complainant.external_user_id == _user_id(x, "stranger")
    assert own.origin_message is not None
    assert own.origin_message.author_external_id == _user_id(x, "stranger")


# --- rule 4: a post carrying a complaint code -------------------------------------------------


def test_a_stranger_naming_the_code_leaves_a_note_and_the_clock_paused(x: XWorld) -> None:
    complaint = _asked_for_information(x)
    before = _state(complaint)

    note = x.post(
        f"@Uppolice {complaint.code} wali shikayat galat hai, band karo", username="stranger"
    )
    poll_and_reply(x)
    assert _state(complaint) == before
    _is_third_party_note(x, note, "stranger", complaint)
    assert Complaint.objects.count() == 1

    mine = x.post(f"@Uppolice {complaint.code}: kal raat 9 baje, UP32 AB 1234")
    poll_and_reply(x)
    _is_followup(x, mine, "citizen1", complaint)
    complaint.refresh_from_db()
    assert complaint.status == Status.IN_PROCESS


def test_a_stranger_naming_a_code_at_hq_cannot_route_it(x: XWorld) -> None:
    x.post(NO_PLACE)
    poll_and_reply(x)
    complaint = Complaint.objects.get()
    before = _state(complaint)

    x.post(f"@Uppolice {complaint.code} Lucknow, thana Hazratganj", username="stranger")
    poll_and_reply(x)
    assert _state(complaint) == before

    x.post(f"@Uppolice {complaint.code} Lucknow, thana Hazratganj")
    poll_and_reply(x)
    complaint.refresh_from_db()
    assert (complaint.status, complaint.unit) == (Status.FORWARDED, x.world.lucknow)


def test_of_several_codes_the_authors_own_complaint_is_continued(x: XWorld) -> None:
    x.post(LUCKNOW_THEFT, username="neighbour")
    poll_and_reply(x)
    theirs = Complaint.objects.get()
    mine = _asked_for_information(x)
    post = x.post(f"@Uppolice {theirs.code} jaisa hi mera {mine.code}: kal raat 9 baje")
    poll_and_reply(x)
    _is_followup(x, post, "citizen1", mine)
    assert theirs.messages.count() == 1  # not even a note on the neighbour's complaint


def test_a_web_complaint_is_never_continued_from_x(x: XWorld) -> None:
    code = submission_intake(
        Submission(
            platform="web",
            text="Hazratganj me meri bike chori ho gayi",
            unit_code=x.world.lucknow.code,
            name="Ram",
            phone="9876543210",
        )
    ).code
    complaint = Complaint.objects.get(code=code)
    before = _state(complaint)
    post = x.post(f"@Uppolice {code} band kar do, maamla suljh gaya", username="ram")
    poll_and_reply(x)
    assert _state(complaint) == before
    _is_third_party_note(x, post, "ram", complaint)


def test_a_post_typed_in_by_hand_never_continues_a_complaint(x: XWorld) -> None:
    complaint = _asked_for_information(x)
    before = _state(complaint)
    record = inbound_capture(
        actor=x.world.hq_operator,
        text=f"{complaint.code}: kal raat 9 baje",
        author_handle="citizen1",  # the complainant's handle, typed: X does not vouch for it
    )
    assert _state(complaint) == before
    assert record.state == InboundState.NOTED
    message = Message.objects.get(complaint=complaint, kind="third_party")
    assert message.author_handle == "citizen1"


# --- rule 5: direct messages ------------------------------------------------------------------


def test_direct_messages_continue_only_the_senders_own_complaint(x: XWorld) -> None:
    complaint = _asked_for_information(x)
    before = _state(complaint)
    x.dm(f"{complaint.code} wali shikayat jhoothi hai", username="stranger")
    x.dm("Tajganj Agra me mera phone chheen liya, madad karein", username="stranger2")
    poll_and_reply(x)
    assert _state(complaint) == before
    note = Message.objects.get(kind="third_party")
    assert (note.complaint_id, note.author_handle) == (complaint.pk, "stranger")
    own = Complaint.objects.get(complainant__handle="stranger2")
    dms = [r for r in x.replies() if r.get("dm_recipient_id")]
    assert [r["dm_recipient_id"] for r in dms] == [_user_id(x, "stranger2")]
    assert own.code in dms[0]["text"]

    x.dm("kal raat 9 baje, UP32 AB 1234")  # citizen1, no code: their open complaint
    poll_and_reply(x)
    complaint.refresh_from_db()
    assert complaint.status == Status.IN_PROCESS


# --- merged duplicates ------------------------------------------------------------------------


def test_the_complainant_of_a_merged_duplicate_continues_the_main_complaint(x: XWorld) -> None:
    x.post(LUCKNOW_THEFT)
    poll_and_reply(x)
    x.post("@Uppolice Hazratganj Lucknow me bike chori, meri bhi, FIR nahi", username="citizen2")
    poll_and_reply(x)
    main, duplicate = Complaint.objects.order_by("id")
    services.complaint_merge(actor=x.world.hq_operator, code=duplicate.code, into_code=main.code)
    services.complaint_act(
        actor=x.world.lucknow_officer, code=main.code, to=Status.INCOMPLETE_INFO, note="Kab?"
    )
    main.refresh_from_db()
    ack_on_duplicate = next(r for r in x.replies() if duplicate.code in r["text"])
    before = _state(main)

    stranger = x.post(
        "@Uppolice Agra ki baat hai", in_reply_to_id=ack_on_duplicate["id"], username="stranger"
    )
    poll_and_reply(x)
    assert _state(main) == before
    _is_third_party_note(x, stranger, "stranger", main)

    theirs = x.post(
        "@Uppolice kal raat 9 baje", in_reply_to_id=ack_on_duplicate["id"], username="citizen2"
    )
    poll_and_reply(x)
    _is_followup(x, theirs, "citizen2", main)
    main.refresh_from_db()
    assert main.status == Status.IN_PROCESS
    by_code = x.post(f"@Uppolice {main.code} FIR ab tak nahi", username="citizen2")
    poll_and_reply(x)
    _is_followup(x, by_code, "citizen2", main)
