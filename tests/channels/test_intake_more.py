"""Intake beyond the happy path: fuzzed payloads, DMs, the stream, capture by hand, silence."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from seva.channels.base import RawItem
from seva.channels.manual import inbound_capture
from seva.channels.models import (
    ChannelAlert,
    InboundRecord,
    InboundState,
    InboundVia,
    OutboundReply,
)
from seva.channels.services.health import channel_health, channel_watch
from seva.channels.services.intake import intake_drain
from seva.channels.services.store import inbound_store
from seva.channels.workers import Stop, run_stream
from seva.channels.x.client import XClient
from seva.complaints.models import Complaint
from seva.core.errors import InvalidInput, NotAllowed
from seva.directory.models import PlaceName, UnitKind
from seva.directory.services import unit_create
from tests.channels.conftest import XWorld
from tests.channels.test_flow import poll_and_reply

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=25,
)
# Payloads shaped like ours, with any value anywhere, and entirely arbitrary ones.
post_like = st.fixed_dictionaries(
    {
        "data": st.fixed_dictionaries(
            {"id": st.text(max_size=5), "text": json_values},
            optional={
                "author_id": json_values,
                "entities": json_values,
                "referenced_tweets": json_values,
                "note_tweet": json_values,
                "geo": json_values,
                "created_at": json_values,
            },
        )
    },
    optional={"includes": json_values},
)
payloads = st.one_of(post_like, st.dictionaries(st.text(max_size=10), json_values, max_size=6))
formats = st.sampled_from(
    ["x.v2.post", "x.v1.status", "x.v2.dm", "x.v1.dm", "x.v9.what", "manual.post"]
)


@pytest.mark.django_db
@hsettings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(batch=st.lists(st.tuples(formats, payloads), min_size=1, max_size=5))
def test_intake_never_crashes_and_leaves_nothing_pending(
    world: Any, batch: list[tuple[str, Any]]
) -> None:
    InboundRecord.objects.all().delete()
    items = [
        RawItem(external_id=f"fuzz-{i}", format=fmt, payload=payload)
        for i, (fmt, payload) in enumerate(batch)
    ]
    inbound_store(platform="x", items=items, via=InboundVia.WEBHOOK)
    intake_drain()
    for record in InboundRecord.objects.all():
        assert record.state != InboundState.PENDING
        if record.state == InboundState.QUARANTINED:
            assert record.reason


def test_a_direct_message_registers_and_is_answered_by_direct_message(x: XWorld) -> None:
    x.dm("Agra ke Tajganj me mera phone chheen liya, madad karein")
    poll_and_reply(x)
    complaint = Complaint.objects.get()
    (reply,) = x.replies()
    assert reply["dm_recipient_id"] == complaint.complainant.external_user_id
    assert complaint.code in reply["text"]
    x.dm("FIR number abhi tak nahi mila")
    poll_and_reply(x)
    assert complaint.messages.count() == 2
    assert Complaint.objects.count() == 1


def test_a_post_carrying_a_code_attaches_to_that_complaint(x: XWorld) -> None:
    x.post("@Uppolice Agra me mera phone chheen liya, madad karein")
    poll_and_reply(x)
    code = Complaint.objects.get().code
    x.post(f"@Uppolice mere bhai ki shikayat {code} par koi karwai nahi hui", username="brother")
    poll_and_reply(x)
    assert Complaint.objects.count() == 1
    assert Complaint.objects.get().messages.count() == 2


def test_hindi_posts_get_hindi_replies(x: XWorld) -> None:
    x.post("@Uppolice आगरा के ताजगंज में मेरा मोबाइल छीन लिया गया, कृपया मदद करें")
    poll_and_reply(x)
    (reply,) = x.replies()
    assert "शिकायत" in reply["text"]
    assert Complaint.objects.get().language == "hi"


def test_non_grievances_are_kept_but_not_registered(x: XWorld) -> None:
    x.post("@Uppolice great work by the traffic police today, thank you!")
    poll_and_reply(x)
    assert Complaint.objects.count() == 0
    assert InboundRecord.objects.get().state == InboundState.IGNORED
    assert x.replies() == []


def test_the_filtered_stream_reconciles_rules_and_ingests(x: XWorld) -> None:
    client = XClient(base_url=x.double.url, token="t")
    client.stream_rules_change(add=[{"value": "stale", "tag": "old"}])
    stop = Stop()

    def citizen_posts_once_connected() -> None:
        for _ in range(200):
            if x.double.streams:
                x.post("@Uppolice Agra me mera phone chheen liya, madad karein")
                return
            stop.event.wait(0.05)

    threading.Thread(target=citizen_posts_once_connected, daemon=True).start()
    # The consumer runs here (it needs this test's database); it stops after the first post.
    run_stream(stop, on_item=stop.event.set)
    assert [r["tag"] for r in client.stream_rules()] == ["seva-mentions"]
    record = InboundRecord.objects.get()
    assert record.via == InboundVia.STREAM
    assert record.state == InboundState.REGISTERED
    assert Complaint.objects.count() == 1


def test_an_operator_captures_a_post_by_url_through_the_api(x: XWorld) -> None:
    post = x.post("@Uppolice Agra me mera phone chheen liya, madad karein")
    url = f"https://x.com/citizen1/status/{post['id']}"
    client = XClient(base_url=x.double.url, token="t")
    record = inbound_capture(actor=x.world.hq_operator, url=url, lookup=client.lookup_post)
    assert record.state == InboundState.REGISTERED
    assert record.format == "x.v2.post"
    # The poller later sees the same post: the same record, not a second complaint.
    poll_and_reply(x)
    assert Complaint.objects.count() == 1


def test_an_operator_captures_text_when_x_cannot_be_asked(x: XWorld) -> None:
    record = inbound_capture(
        actor=x.world.hq_operator,
        text="Hazratganj Lucknow me chain snatching hui abhi",
        author_handle="@walkin",
    )
    assert record.state == InboundState.REGISTERED
    complaint = Complaint.objects.get()
    assert complaint.unit == x.world.lucknow
    assert OutboundReply.objects.count() == 0  # nobody to reply to on X
    with pytest.raises(InvalidInput):
        inbound_capture(actor=x.world.hq_operator, url="https://example.com/not-a-post")
    with pytest.raises(NotAllowed):
        inbound_capture(actor=x.world.agra_officer, text="x", author_handle="y")


def test_a_silent_channel_raises_one_alert_until_it_recovers(x: XWorld) -> None:
    later = dt.timedelta(minutes=31)
    assert channel_watch(silent_after=dt.timedelta(minutes=30)) == []
    x.account.__class__.objects.update(created_at=x.account.created_at - later)
    (alert,) = channel_watch(silent_after=dt.timedelta(minutes=30))
    assert alert.type == "channel.silent"
    assert channel_watch(silent_after=dt.timedelta(minutes=30)) == []
    poll_and_reply(x)
    (health,) = channel_health(silent_after=dt.timedelta(minutes=30))
    assert health.last_success_at is not None
    assert not health.silent
    assert ChannelAlert.objects.count() == 1


def test_a_police_station_in_the_directory_routes_a_post_naming_it(x: XWorld) -> None:
    # "Etmaddaula" is in no shipped list; once the station is loaded, triage knows it.
    x.post("@Uppolice thana Etmaddaula ke paas meri bike chori ho gayi, FIR nahi likh rahe")
    poll_and_reply(x)
    assert Complaint.objects.get().unit == x.world.hq
    unit_create(
        kind=UnitKind.POLICE_STATION,
        code="PS-118-ETMADDAULA",
        name_en="Etmaddaula",
        name_hi="एत्माद्दौला",
        parent=x.world.agra,
    )
    x.post("@Uppolice एत्माद्दौला थाने के पास से मेरा फोन छीन लिया", username="citizen2")
    poll_and_reply(x)
    latest = Complaint.objects.order_by("-id").first()
    assert latest is not None
    assert latest.unit == x.world.agra
    assert any(
        "Etmaddaula" in reason or "एत्माद्दौला" in reason for reason in latest.triage["reasons"]
    )


def test_a_place_name_an_administrator_adds_routes_the_next_post(x: XWorld) -> None:
    # A crossing officers know by a local name, in no official list.
    x.post("@Uppolice Bhagat Singh Tiraha par meri chain chheen li, madad karein")
    poll_and_reply(x)
    assert Complaint.objects.get().unit == x.world.hq
    added = PlaceName.objects.create(name="Bhagat Singh Tiraha", district=x.world.agra)
    x.post("@Uppolice Bhagat Singh Tiraha par mera phone chheen liya", username="citizen2")
    poll_and_reply(x)
    latest = Complaint.objects.order_by("-id").first()
    assert latest is not None
    assert latest.unit == x.world.agra
    added.is_active = False
    added.save()
    x.post("@Uppolice Bhagat Singh Tiraha par meri cycle chori", username="citizen3")
    poll_and_reply(x)
    latest = Complaint.objects.order_by("-id").first()
    assert latest is not None
    assert latest.unit == x.world.hq
