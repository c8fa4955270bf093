"""An officer's reply through the API reaches the citizen's X thread: recorded in the same
transaction as the action, sent later by the reply worker (here against the X double)."""

from __future__ import annotations

from seva.channels.models import OutboundReply, ReplyState
from seva.channels.services.sending import reply_send_due
from seva.complaints.models import Complaint
from tests.api.helpers import as_person
from tests.channels.conftest import XWorld
from tests.channels.test_flow import poll_and_reply


def test_an_api_reply_is_queued_then_sent_into_the_thread(x: XWorld) -> None:
    post = x.post("@Uppolice Hazratganj Lucknow me meri bike chori ho gayi, FIR nahi likh rahe")
    poll_and_reply(x)  # registered, acknowledged
    complaint = Complaint.objects.get()
    api = as_person(x.world.lucknow_officer)
    response = api.post(
        f"/complaints/{complaint.code}/replies", {"text": "SHO Hazratganj will call you today."}
    )
    assert response.status_code == 201, response.content
    assert response.json()["delivery"] == "queued"
    queued = OutboundReply.objects.get(purpose="officer")
    assert queued.state == ReplyState.PENDING  # recorded, not sent inside the request
    assert not [r for r in x.replies() if "SHO" in r["text"]]
    reply_send_due(adapter_for=lambda account: x.adapter())
    sent = [r for r in x.replies() if r["text"] == "SHO Hazratganj will call you today."]
    assert len(sent) == 1
    assert sent[0]["in_reply_to_id"] == post["id"]
    thread = api.get(f"/complaints/{complaint.code}").json()["thread"]
    assert thread[-1]["kind"] == "reply"
    timeline = api.get(f"/complaints/{complaint.code}").json()["timeline"]
    assert timeline[-1]["type"] == "reply.written"
