"""Filing a complaint through the API goes through the same intake as every channel."""

from __future__ import annotations

from seva.channels.models import InboundRecord
from seva.complaints.models import Complaint
from tests.api.helpers import Api, as_person, submitter_key

THEFT = "My motorcycle was stolen from outside Hazratganj market last night"


def test_a_submitter_files_a_complaint_once_per_client_ref(world):
    api = Api(submitter_key("112 app"))
    body = {"text": THEFT, "unit_code": "D-162", "phone": "9876543210", "client_ref": "a-1"}
    first = api.post("/complaints", body)
    assert first.status_code == 201, first.content
    filed = first.json()
    assert filed["created"] is True
    assert filed["tracking_url"].endswith(f"/track/{filed['code']}")
    complaint = Complaint.objects.get(code=filed["code"])
    assert (complaint.channel, complaint.unit) == ("api", world.lucknow)
    again = api.post("/complaints", body)
    assert again.status_code == 200
    assert again.json() == {**filed, "created": False}
    changed = api.post("/complaints", {**body, "text": "something else entirely, a theft"})
    assert changed.status_code == 409
    assert changed.json()["error"]["code"] == "conflict"
    assert Complaint.objects.count() == 1


def test_filing_refuses_people_and_bad_fields(world):
    person = as_person(world.hq_operator)
    assert person.post("/complaints", {"text": THEFT}).status_code == 403
    assert Api().post("/complaints", {"text": THEFT}).status_code == 401
    api = Api(submitter_key())
    for body, status, field in [
        ({"text": ""}, 422, "text"),
        ({"text": THEFT, "unit_code": "D-999"}, 400, "unit_code"),
        ({"text": THEFT, "phone": "call me maybe"}, 400, "phone"),
        ({"text": THEFT, "latitude": 26.8}, 400, "latitude"),
        ({"text": THEFT, "latitude": 200, "longitude": 80}, 422, "latitude"),
        ({"text": THEFT, "language": "fr"}, 422, "language"),
        ({"text": 42}, 422, "text"),
    ]:
        response = api.post("/complaints", body)
        assert response.status_code == status, (body, response.content)
        assert response.json()["error"]["field"] == field
    assert not InboundRecord.objects.exists()
    assert not Complaint.objects.exists()
