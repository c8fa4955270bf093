"""HQ captures a post by hand; it goes through the channels' intake like any other post."""

import pytest

from seva.complaints.models import Complaint
from tests.desk.helpers import signed_in

POST = {
    "url": "",
    "text": "हजरतगंज लखनऊ में मेरी बाइक चोरी हो गई, थाना FIR नहीं लिख रहा, मदद करें",
    "author_handle": "@Sita_Devi",
    "author_name": "सीता देवी",
    "author_location": "Lucknow",
}


def test_hq_operator_captures_a_post(world):
    client = signed_in(world.hq_operator)
    assert client.get("/desk/capture/").status_code == 200
    response = client.post("/desk/capture/", POST, follow=True)
    complaint = Complaint.objects.get()
    assert response.redirect_chain[-1][0] == f"/desk/c/{complaint.code}/"
    assert f"Registered as {complaint.code}." in response.content.decode()
    assert complaint.complainant.handle == "sita_devi"
    assert complaint.triage["reasons"]  # triaged like any other post


def test_a_pasted_address_without_x_access_uses_the_typed_text(world, settings):
    settings.SEVA_X_ACCESS_TOKEN = ""
    client = signed_in(world.hq_operator)
    post = {**POST, "url": "https://x.com/ram_k/status/1890000000000000001", "author_handle": ""}
    client.post("/desk/capture/", post)
    complaint = Complaint.objects.get()
    assert complaint.complainant.handle == "ram_k"
    assert complaint.origin_message is not None
    assert complaint.origin_message.external_id == "1890000000000000001"


def test_what_triage_finds_no_grievance_in_is_not_registered(world):
    client = signed_in(world.hq_operator)
    post = {**POST, "text": "Good morning UP Police, thank you for the great work"}
    response = client.post("/desk/capture/", post, follow=True)
    assert response.redirect_chain[-1][0] == "/desk/capture/"
    assert "not a grievance" in response.content.decode()
    assert not Complaint.objects.exists()


def test_no_text_and_no_address_is_a_message(world):
    client = signed_in(world.hq_operator)
    response = client.post("/desk/capture/", {**POST, "text": ""}, follow=True)
    assert response.redirect_chain[-1][0] == "/desk/capture/"
    assert "Please write the text" in response.content.decode()
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
