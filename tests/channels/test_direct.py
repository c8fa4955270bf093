"""Complaints filed on purpose (web form, REST API, Open311) go through the same intake."""

from __future__ import annotations

from typing import Any

import pytest

from seva.channels.base import RawItem
from seva.channels.direct import Submission, submission_intake
from seva.channels.models import InboundRecord, InboundState, InboundVia, OutboundReply
from seva.channels.services.intake import inbound_replay, intake_drain
from seva.channels.services.store import inbound_store
from seva.complaints.models import Complainant, Complaint, Event
from seva.complaints.statuses import Status
from seva.core.errors import Conflict, InvalidInput
from tests.desk.helpers import signed_in

# A grievance with no place in it, and chatter triage would not register from X.
THEFT = "My motorcycle was stolen from outside the market last night, please help"
CHATTER = "hello"


def web(text: str = THEFT, **fields: Any) -> Submission:
    return Submission(platform="web", text=text, submitter="form", **fields)


def nothing_stored() -> bool:
    return not InboundRecord.objects.exists() and not Complaint.objects.exists()


def test_a_web_submission_is_registered_at_hq_when_no_place_is_known(world: Any) -> None:
    done = submission_intake(web(language="en"))
    complaint = Complaint.objects.get(code=done.code)
    assert done.created
    assert complaint.status == Status.OPEN  # HQ finds the place: nobody can be asked
    assert complaint.unit == world.hq
    assert complaint.channel == "web"
    record = InboundRecord.objects.get(pk=done.record_id)
    assert (record.format, record.via, record.state) == (
        "web.submission",
        InboundVia.FORM,
        InboundState.REGISTERED,
    )
    assert record.complaint_code == done.code
    assert not OutboundReply.objects.exists()  # the citizen sees the code on the page


def test_a_submission_is_registered_even_when_triage_says_it_is_not_a_grievance(
    world: Any,
) -> None:
    done = submission_intake(web(CHATTER))
    assert Complaint.objects.filter(code=done.code).exists()


def test_a_chosen_district_routes_straight_there(world: Any) -> None:
    done = submission_intake(web(unit_code=world.lucknow.code))
    complaint = Complaint.objects.get(code=done.code)
    assert complaint.unit == world.lucknow
    assert complaint.status == Status.FORWARDED
    assert done.code.startswith("LKN-")
    assert complaint.triage["chosen_unit"] == world.lucknow.code
    forwarded = Event.objects.get(complaint=complaint, type="complaint.forwarded")
    assert forwarded.actor is None
    assert forwarded.data == {"from_unit": world.hq.code, "to_unit": world.lucknow.code}


def test_a_chosen_police_station_wins_over_the_place_in_the_text(world: Any) -> None:
    done = submission_intake(web("Chain snatching near Agra Fort", unit_code="PS-162-HAZRATGANJ"))
    complaint = Complaint.objects.get(code=done.code)
    assert complaint.unit == world.hazratganj
    assert done.code.startswith("LKN-")  # a station's codes carry its district's prefix


def test_contact_details_land_on_the_complainant(world: Any) -> None:
    done = submission_intake(
        web(name="Asha Verma", phone="+91 98765-43210", email="asha@example.in", language="hi")
    )
    complaint = Complaint.objects.select_related("complainant").get(code=done.code)
    person = complaint.complainant
    assert (person.platform, person.display_name) == ("web", "Asha Verma")
    assert (person.phone, person.email) == ("+919876543210", "asha@example.in")
    assert complaint.language == "hi"  # the page's language wins over the text's


def test_each_submission_is_its_own_complainant(world: Any) -> None:
    submission_intake(web(phone="9876543210"))
    submission_intake(web(phone="9876543210", name="Someone else"))
    assert Complainant.objects.filter(platform="web").count() == 2


def test_a_retry_with_the_same_client_ref_gets_the_same_code(world: Any) -> None:
    api = Submission(platform="api", text=THEFT, submitter="dial112", client_ref="r-1")
    first = submission_intake(api)
    again = submission_intake(api)
    assert (again.code, again.record_id, again.created) == (first.code, first.record_id, False)
    assert Complaint.objects.count() == 1
    record = InboundRecord.objects.get()
    assert (record.format, record.via) == ("api.submission", InboundVia.API)
    other_client = Submission(platform="api", text=THEFT, submitter="open-data", client_ref="r-1")
    assert submission_intake(other_client).code != first.code


def test_a_client_ref_reused_for_other_text_is_a_conflict(world: Any) -> None:
    submission_intake(Submission(platform="api", text=THEFT, submitter="c", client_ref="r-1"))
    with pytest.raises(Conflict):
        submission_intake(Submission(platform="api", text="other", submitter="c", client_ref="r-1"))


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"text": "   "}, "text"),
        ({"text": "x" * 5001}, "text"),
        ({"text": "bad \ud800 surrogate"}, "text"),
        ({"text": 42}, "text"),
        ({"unit_code": "D-999"}, "unit_code"),
        ({"unit_code": "R-LUCKNOW"}, "unit_code"),  # a range is not a choosable unit
        ({"unit_code": "DEPT-HEALTH"}, "unit_code"),
        ({"phone": "12345"}, "phone"),
        ({"phone": "call me"}, "phone"),
        ({"email": "not-an-email"}, "email"),
        ({"latitude": 91.0, "longitude": 80.0}, "latitude"),
        ({"latitude": 26.8, "longitude": 181.0}, "longitude"),
        ({"latitude": 26.8}, "latitude"),
        ({"latitude": float("nan"), "longitude": 80.0}, "latitude"),
        ({"latitude": True, "longitude": 80.0}, "latitude"),
        ({"language": "fr"}, "language"),
        ({"name": "n" * 201}, "name"),
        ({"platform": "x"}, "platform"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_stored(
    world: Any, fields: dict[str, Any], field: str
) -> None:
    values: dict[str, Any] = {"platform": "web", "text": THEFT, "submitter": "form", **fields}
    with pytest.raises(InvalidInput) as refused:
        submission_intake(Submission(**values))
    assert refused.value.field == field
    assert nothing_stored()


def test_a_deactivated_unit_cannot_be_chosen(world: Any) -> None:
    world.agra.is_active = False
    world.agra.save()
    with pytest.raises(InvalidInput):
        submission_intake(web(unit_code=world.agra.code))
    assert nothing_stored()


def test_control_characters_are_cleaned_and_line_breaks_kept(world: Any) -> None:
    done = submission_intake(web("chori\x00 hui\r\nmere ghar\x1b[31m me\u2028", name="A\nB"))
    complaint = Complaint.objects.select_related("complainant").get(code=done.code)
    assert complaint.text == "chori hui\nmere ghar[31m me"
    assert complaint.complainant.display_name == "A B"


def test_hostile_text_is_stored_as_given_and_escaped_when_shown(world: Any) -> None:
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)> {{ 7*7 }} \u202eevil'
    done = submission_intake(web(hostile, unit_code=world.lucknow.code, name="<b>Asha</b>"))
    assert Complaint.objects.get(code=done.code).text == hostile
    assert InboundRecord.objects.get(pk=done.record_id).payload["text"] == hostile
    # Officers read it on the desk: as text, never as markup.
    page = signed_in(world.lucknow_officer).get(f"/desk/c/{done.code}/").content.decode()
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "<b>Asha</b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_a_typed_code_does_not_attach_a_submission_to_someone_elses_complaint(
    world: Any,
) -> None:
    first = submission_intake(web())
    second = submission_intake(web(f"About {first.code}: they threatened me too"))
    assert second.code != first.code
    assert Complaint.objects.count() == 2


def test_intake_batch_and_single_paths_agree(world: Any) -> None:
    """Stored records drained in a batch land where `submission_intake` puts them one by one."""
    items = [
        RawItem(
            f"sub-{n}",
            "web.submission",
            {"text": THEFT, "unit_code": unit, "phone": "9876543210", "language": "en"},
        )
        for n, unit in enumerate(["", world.lucknow.code, "PS-162-HAZRATGANJ"])
    ]
    inbound_store(platform="web", items=items, via=InboundVia.FORM)
    intake_drain()
    units = dict(Complaint.objects.values_list("complainant__external_user_id", "unit__code"))
    assert units == {"sub-0": "UP", "sub-1": world.lucknow.code, "sub-2": "PS-162-HAZRATGANJ"}
    assert set(Complainant.objects.values_list("phone", flat=True)) == {"9876543210"}


def test_an_unreadable_submission_is_quarantined_and_replayable(world: Any) -> None:
    inbound_store(
        platform="web",
        items=[RawItem("sub-x", "web.submission", {"text": ""})],
        via=InboundVia.FORM,
    )
    intake_drain()
    record = InboundRecord.objects.get()
    assert record.state == InboundState.QUARANTINED
    assert inbound_replay(record_id=record.pk) == InboundState.QUARANTINED


def test_officers_actions_queue_no_reply_for_a_submission(world: Any) -> None:
    from seva.channels.replies import replies_from_events
    from seva.complaints import services

    done = submission_intake(web(unit_code=world.lucknow.code))
    services.complaint_act(
        actor=world.lucknow_officer, code=done.code, to=Status.INCOMPLETE_INFO, note="Which day?"
    )
    services.complaint_act(
        actor=world.lucknow_officer, code=done.code, to=Status.CLOSED, note="Recovered"
    )
    assert replies_from_events() == 0
    assert not OutboundReply.objects.exists()  # the tracking page tells the citizen


def test_officers_see_a_web_complainants_contact_details_and_the_public_never(
    world: Any,
) -> None:
    done = submission_intake(
        web(unit_code="D-162", name="Asha Verma", phone="9876543210", email="asha@example.in")
    )
    page = signed_in(world.lucknow_officer).get(f"/desk/c/{done.code}/").content.decode()
    assert 'href="tel:9876543210"' in page
    assert "asha@example.in" in page
    public = signed_in(world.lucknow_officer).get(f"/track/{done.code}/").content.decode()
    assert "9876543210" not in public
    assert "asha@example.in" not in public
    assert "Asha" not in public
