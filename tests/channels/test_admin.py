"""The channel admin: health, records, replies, alerts, and capture by hand."""

from __future__ import annotations

from django.test import Client

from seva.channels.models import InboundRecord, InboundState
from seva.complaints.models import Complaint, ReplyTemplate
from tests.channels.conftest import XWorld
from tests.channels.test_flow import poll_and_reply
from tests.personas import sign_in


def admin_client(x: XWorld) -> Client:
    client = Client()
    x.world.administrator.is_staff = True
    x.world.administrator.save()
    assert sign_in(client, x.world.administrator).status_code == 302
    return client


def test_every_channel_page_renders_with_hostile_text(x: XWorld) -> None:
    x.post(
        "@Uppolice <script>alert(1)</script> Agra me phone chheen liya"
        ' "><img src=x onerror=alert(2)>'
    )
    poll_and_reply(x)
    client = admin_client(x)
    for page in ("channelaccount", "inboundrecord", "outboundreply", "channelalert"):
        response = client.get(f"/admin/social/{page}/")
        assert response.status_code == 200, page
        assert b"<script>alert(1)" not in response.content
    record = InboundRecord.objects.get()
    response = client.get(f"/admin/social/inboundrecord/{record.pk}/change/")
    assert response.status_code == 200
    assert b"<script>alert(1)" not in response.content


def test_an_hq_operator_captures_a_post_by_hand(x: XWorld) -> None:
    x.world.hq_operator.is_staff = True
    x.world.hq_operator.save()
    client = Client()
    assert sign_in(client, x.world.hq_operator).status_code == 302
    response = client.post(
        "/admin/social/inboundrecord/capture/",
        {"text": "Hazratganj Lucknow me chain snatching hui", "author_handle": "walkin"},
    )
    assert response.status_code == 302
    assert InboundRecord.objects.get().state == InboundState.REGISTERED
    assert Complaint.objects.get().unit == x.world.lucknow
    refused = admin_client(x).post(
        "/admin/social/inboundrecord/capture/", {"text": "chori hui", "author_handle": "a"}
    )
    assert refused.status_code == 403


def test_an_officer_cannot_reach_the_channel_admin(x: XWorld) -> None:
    x.world.agra_officer.is_staff = True
    x.world.agra_officer.save()
    client = Client()
    sign_in(client, x.world.agra_officer)
    assert client.get("/admin/social/inboundrecord/").status_code == 403
    assert client.get("/admin/social/inboundrecord/capture/").status_code == 403


def test_a_reply_template_too_long_for_a_post_is_refused(x: XWorld) -> None:
    client = admin_client(x)
    template = ReplyTemplate.objects.get(key="acknowledgement", language="en")
    response = client.post(
        f"/admin/complaints/replytemplate/{template.pk}/change/",
        {
            "key": "acknowledgement",
            "language": "en",
            "body": "{code} " + "x" * 300,
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert b"characters" in response.content
    response = client.post(
        f"/admin/complaints/replytemplate/{template.pk}/change/",
        {
            "key": "acknowledgement",
            "language": "en",
            "body": "Code {code} {oops}",
            "is_active": "on",
        },
    )
    assert b"placeholder" in response.content
