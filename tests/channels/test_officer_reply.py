"""An officer's reply written on the desk reaches the citizen's thread on X as written."""

from __future__ import annotations

from seva.channels.models import OutboundReply, ReplyState
from seva.channels.services.sending import reply_send_due
from seva.complaints.models import Complaint, MessageKind
from tests.channels.conftest import XWorld
from tests.channels.test_flow import poll_and_reply
from tests.desk.helpers import signed_in


def test_an_officers_reply_goes_into_the_citizens_thread_as_written(x: XWorld) -> None:
    post = x.post("@Uppolice Hazratganj Lucknow me meri bike chori ho gayi, FIR nahi likh rahe")
    poll_and_reply(x)
    code = Complaint.objects.get().code
    officer = signed_in(x.world.lucknow_officer)

    page = officer.post(f"/desk/c/{code}/reply/", {"text": "SHO se baat ho gayi, aaj FIR hogi"})
    assert page.status_code == 302
    reply_send_due(adapter_for=lambda account: x.adapter())

    sent = x.replies()[-1]
    assert sent["text"] == "SHO se baat ho gayi, aaj FIR hogi"
    assert sent["in_reply_to_id"] == post["id"]
    assert OutboundReply.objects.get(purpose="officer").state == ReplyState.SENT
    message = Complaint.objects.get().messages.get(kind=MessageKind.REPLY)
    assert message.author_user == x.world.lucknow_officer
    timeline = officer.get(f"/desk/c/{code}/").content.decode()
    assert "An officer replied to the citizen" in timeline
