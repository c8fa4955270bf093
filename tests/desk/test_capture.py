"""HQ captures a complaint by hand; it is registered at state HQ and waits in triage."""

import pytest

from seva.complaints.models import Complaint
from seva.complaints.statuses import Status
from tests.desk.helpers import signed_in

POST = {
    "platform": "x",
    "handle": "@Sita_Devi",
    "display_name": "सीता देवी",
    "external_id": "1890000000000000001",
    "text": "हमारे मोहल्ले में रोज़ रात को चोरी हो रही है",
    "category": "theft_robbery",
    "is_urgent": "on",
}


def test_hq_operator_captures_a_post(world):
    client = signed_in(world.hq_operator)
    assert client.get("/desk/capture/").status_code == 200
    response = client.post("/desk/capture/", POST, follow=True)
    complaint = Complaint.objects.get()
    assert response.redirect_chain[-1][0] == f"/desk/c/{complaint.code}/"
    assert f"Registered as {complaint.code}." in response.content.decode()
    assert complaint.unit == world.hq
    assert complaint.status == Status.OPEN
    assert complaint.is_urgent
    assert complaint.complainant.handle == "Sita_Devi"
    registered = complaint.events.get(type="complaint.registered")
    assert registered.actor == world.hq_operator
    assert complaint.code in client.get("/desk/triage/").content.decode()


def test_empty_text_is_a_message(world):
    client = signed_in(world.hq_operator)
    response = client.post("/desk/capture/", {**POST, "text": ""}, follow=True)
    assert response.redirect_chain[-1][0] == "/desk/capture/"
    assert "That could not be done" in response.content.decode()
    assert not Complaint.objects.exists()


@pytest.mark.parametrize(
    "person", ["hq_reviewer", "lucknow_officer", "senior_officer", "auditor", "administrator"]
)
def test_only_those_who_may_capture_see_the_form(world, person):
    client = signed_in(getattr(world, person))
    assert client.get("/desk/capture/").status_code == 404
    assert client.post("/desk/capture/", POST).status_code == 404
    assert not Complaint.objects.exists()


def test_capture_needs_csrf(world):
    client = signed_in(world.hq_operator, csrf=True)
    assert client.post("/desk/capture/", POST).status_code == 403
    assert not Complaint.objects.exists()
