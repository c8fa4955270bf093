"""The channel admin: health, records, replies and alerts (capture by hand is at the desk)."""

from __future__ import annotations

from django.test import Client

from seva.channels.models import InboundRecord
from seva.complaints.models import Complaint, ReplyTemplate
from tests.channels.conftest import XWorld
from tests.channels.test_flow import poll_and_reply
from tests.personas import sign_in


def admin_client(x: XWorld) -> Client:
    client = Client()
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


def test_an_officer_cannot_reach_the_channel_admin(x: XWorld) -> None:
    for person in ("agra_officer", "hq_operator"):
        client = Client()
        assert sign_in(client, getattr(x.world, person)).status_code == 302
        response = client.get("/admin/social/inboundrecord/")
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_capture_by_hand_lives_at_the_desk_only(x: XWorld) -> None:
    response = admin_client(x).get("/admin/social/inboundrecord/capture/", follow=True)
    assert response.status_code == 404


def test_a_district_administrator_sees_only_its_records(x: XWorld) -> None:
    x.post("@Uppolice Agra ke Sadar Bazar me meri bike chori ho gayi, FIR nahi likh rahe")
    x.post("@Uppolice Hazratganj Lucknow me chain snatching hui")
    poll_and_reply(x)
    lucknow = Complaint.objects.get(unit__path__startswith=x.world.lucknow.path)
    agra = Complaint.objects.exclude(pk=lucknow.pk).get()  # Agra's, or HQ's to triage
    client = Client()
    assert sign_in(client, x.world.lucknow_administrator).status_code == 302
    records = client.get("/admin/social/inboundrecord/").content.decode()
    assert lucknow.code in records
    assert agra.code not in records
    replies = client.get("/admin/social/outboundreply/").content.decode()
    assert lucknow.code in replies
    assert agra.code not in replies
    agra_record = InboundRecord.objects.get(complaint_code=agra.code)
    assert client.get(f"/admin/social/inboundrecord/{agra_record.pk}/change/").status_code == 404
    accounts = client.get("/admin/social/channelaccount/").content.decode()
    assert "uppolice" not in accounts.lower()  # the state's account is HQ's


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
