"""A post on X becomes a complaint with a code, acknowledged in the citizen's thread."""

from __future__ import annotations

from seva.channels.models import InboundRecord, InboundState, OutboundReply, ReplyState
from seva.channels.services.intake import intake_drain
from seva.channels.services.polling import account_poll
from seva.channels.services.sending import reply_send_due
from seva.complaints.models import Complaint
from seva.complaints.statuses import Status
from tests.channels.conftest import XWorld


def poll_and_reply(x: XWorld) -> None:
    account_poll(x.account, x.adapter())
    intake_drain()
    reply_send_due(adapter_for=lambda account: x.adapter())


def test_a_mention_is_registered_routed_and_acknowledged_in_thread(x: XWorld) -> None:
    post = x.post("@Uppolice Hazratganj Lucknow me meri bike chori ho gayi, FIR nahi likh rahe")

    poll_and_reply(x)

    complaint = Complaint.objects.get()
    assert complaint.unit == x.world.lucknow
    assert complaint.status == Status.FORWARDED
    assert complaint.code.startswith("LKN-")
    assert complaint.origin_message is not None
    assert complaint.origin_message.external_id == post["id"]
    (reply,) = x.replies()
    assert reply["in_reply_to_id"] == post["id"]
    assert complaint.code in reply["text"]
    assert f"https://seva.example/track/{complaint.code}" in reply["text"]
    assert OutboundReply.objects.get().state == ReplyState.SENT


def test_polling_again_ingests_nothing_twice(x: XWorld) -> None:
    x.post("@Uppolice Agra me mera phone chheen liya, madad karein")
    poll_and_reply(x)
    x.account.refresh_from_db()
    x.account.mentions_since_id = ""  # an overlapping window, as after a lost cursor
    poll_and_reply(x)
    assert InboundRecord.objects.count() == 1
    assert Complaint.objects.count() == 1
    assert len(x.replies()) == 1


def test_a_reply_in_thread_is_a_followup_not_a_new_complaint(x: XWorld) -> None:
    x.post("@Uppolice Agra me mera phone chheen liya, madad karein")
    poll_and_reply(x)
    (ack,) = x.replies()
    x.post("@Uppolice abhi tak koi call nahi aaya", in_reply_to_id=ack["id"])
    poll_and_reply(x)
    complaint = Complaint.objects.get()
    assert complaint.messages.count() == 2
    assert InboundRecord.objects.filter(state=InboundState.ATTACHED).count() == 1


def test_no_place_asks_for_district_then_the_answer_routes_it(x: XWorld) -> None:
    x.post("@Uppolice mere ghar me chori ho gayi, koi sun nahi raha")
    poll_and_reply(x)
    complaint = Complaint.objects.get()
    assert complaint.status == Status.INCOMPLETE_INFO
    (ask,) = x.replies()
    assert "district" in ask["text"]
    x.post("@Uppolice Lucknow, thana Hazratganj", in_reply_to_id=ask["id"])
    poll_and_reply(x)
    complaint.refresh_from_db()
    assert complaint.unit == x.world.lucknow
    assert complaint.status == Status.FORWARDED


def test_our_own_posts_and_reposts_never_become_complaints(x: XWorld) -> None:
    original = x.post("@Uppolice Agra me mera phone chheen liya, madad karein")
    x.post(
        "RT @citizen1: Agra me mera phone chheen liya @Uppolice",
        repost_of_id=original["id"],
        username="other",
    )
    poll_and_reply(x)
    assert Complaint.objects.count() == 1
    assert InboundRecord.objects.filter(state=InboundState.SKIPPED).count() == 1
