"""A reply template switched off or broken never stops intake; the admin keeps the one each
purpose falls back to."""

from __future__ import annotations

from seva.channels.models import ChannelAlert, InboundRecord, InboundState, OutboundReply
from seva.channels.replies import UNRENDERABLE_ALERT
from seva.complaints.models import Complaint, Event, ReplyTemplate
from tests.channels.conftest import XWorld
from tests.channels.test_admin import admin_client
from tests.channels.test_flow import poll_and_reply


def _switch_off(key: str, language: str) -> None:
    ReplyTemplate.objects.filter(key=key, language=language).update(is_active=False)


def test_posts_register_when_the_acknowledgement_cannot_be_written(x: XWorld) -> None:
    _switch_off("acknowledgement", "en")
    x.post("@Uppolice Hazratganj Lucknow me meri bike chori ho gayi, FIR nahi likh rahe")
    x.post("@Uppolice Agra me mera phone chheen liya gaya", username="citizen2")

    poll_and_reply(x)

    assert set(InboundRecord.objects.values_list("state", flat=True)) == {InboundState.REGISTERED}
    assert Complaint.objects.count() == 2
    failed = OutboundReply.objects.filter(purpose="acknowledgement")
    assert {reply.state for reply in failed} == {"failed"}
    assert all("no active reply template" in reply.last_error for reply in failed)
    assert Event.objects.filter(type="reply.failed").count() == 2
    assert x.replies() == []  # nothing half-written reached the citizen
    alert = ChannelAlert.objects.get(type=UNRENDERABLE_ALERT)  # one alert, not one per post
    assert alert.data["purpose"] == "acknowledgement"


def test_a_template_with_a_placeholder_we_do_not_fill_fails_the_reply_not_intake(
    x: XWorld,
) -> None:
    ReplyTemplate.objects.filter(key="acknowledgement", language="en").update(
        body="Code {code} {officer_mobile}"
    )
    x.post("@Uppolice Hazratganj Lucknow me meri bike chori ho gayi")
    poll_and_reply(x)
    assert InboundRecord.objects.get().state == InboundState.REGISTERED
    reply = OutboundReply.objects.get()
    assert reply.state == "failed"
    assert "officer_mobile" in reply.last_error


def _change(client, template: ReplyTemplate, *, active: bool):
    data = {"key": template.key, "language": template.language, "body": template.body}
    if active:
        data["is_active"] = "on"
    return client.post(f"/admin/complaints/replytemplate/{template.pk}/change/", data)


def test_the_admin_keeps_the_template_a_purpose_falls_back_to(x: XWorld) -> None:
    client = admin_client(x)
    english = ReplyTemplate.objects.get(key="acknowledgement", language="en")
    hindi = ReplyTemplate.objects.get(key="acknowledgement", language="hi")

    response = _change(client, english, active=False)
    assert response.status_code == 200
    assert b"falls back to" in response.content
    english.refresh_from_db()
    assert english.is_active

    assert _change(client, hindi, active=False).status_code == 302  # English still answers
    hindi.refresh_from_db()
    assert not hindi.is_active

    client.post(
        "/admin/complaints/replytemplate/",
        {"action": "delete_selected", "_selected_action": [english.pk], "post": "yes"},
    )
    assert ReplyTemplate.objects.filter(pk=english.pk).exists()
    client.post(f"/admin/complaints/replytemplate/{english.pk}/delete/", {"post": "yes"})
    assert ReplyTemplate.objects.filter(pk=english.pk).exists()
