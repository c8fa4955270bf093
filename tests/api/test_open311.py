"""Open311 GeoReport v2, checked against the facts of the spec's own examples
(wiki.open311.org/GeoReport_v2): root elements, item elements, field names and order, JSON as
arrays of objects with null for missing values, the error shape, and form-encoded POSTs."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.test import Client

from seva.complaints.models import Complaint
from seva.complaints.services import complaint_act
from seva.complaints.statuses import Status
from tests.api.helpers import submitter_key, token_for
from tests.complaints.helpers import register

BASE = "/open311/v2"
OFFSET = dt.timedelta(hours=23, minutes=46)  # the largest offset a w3 date-time may carry
# The fields of a service, a service request and an attribute, as the spec's examples list them.
SERVICE_FIELDS = [
    "service_code",
    "service_name",
    "description",
    "metadata",
    "type",
    "keywords",
    "group",
]
REQUEST_FIELDS = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
]
ATTRIBUTE_FIELDS = [
    "variable",
    "code",
    "datatype",
    "required",
    "datatype_description",
    "order",
    "description",
    "values",
]
DATATYPES = {"string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"}


def xml(response: Any) -> ET.Element:
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(response.content)  # noqa: S314 - our own answer, in a test


def as_json(response: Any) -> Any:
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(response.content)


@pytest.fixture
def client() -> Client:
    return Client()


def bearer(secret: str) -> dict[str, str]:
    """A person's token goes in the Authorization header, never in api_key (URLs are logged)."""
    return {"Authorization": f"Bearer {secret}"}


def test_service_list_in_both_formats(world, client):
    root = xml(client.get(f"{BASE}/services.xml"))
    assert root.tag == "services"
    first = root.find("service")
    assert first is not None
    assert [child.tag for child in first] == SERVICE_FIELDS
    assert first.findtext("metadata") in ("true", "false")
    assert first.findtext("type") in ("realtime", "batch", "blackbox")
    services = as_json(client.get(f"{BASE}/services.json"))
    assert isinstance(services, list)
    assert list(services[0]) == SERVICE_FIELDS
    assert services[0]["metadata"] is True
    codes = {s["service_code"] for s in services}
    assert {"theft_robbery", "women_safety", "other"} <= codes
    assert [e.findtext("service_code") for e in root] == [s["service_code"] for s in services]


def test_service_definition(world, client):
    root = xml(client.get(f"{BASE}/services/theft_robbery.xml"))
    assert root.tag == "service_definition"
    assert root.findtext("service_code") == "theft_robbery"
    attribute = root.find("attributes/attribute")
    assert attribute is not None
    assert [child.tag for child in attribute] == ATTRIBUTE_FIELDS
    assert attribute.findtext("datatype") in DATATYPES
    keys = [value.findtext("key") for value in attribute.findall("values/value")]
    assert keys == ["D-118", "D-162"]  # Agra, Lucknow: active districts by name
    definition = as_json(client.get(f"{BASE}/services/theft_robbery.json"))
    assert list(definition) == ["service_code", "attributes"]
    assert definition["attributes"][0]["values"][1] == {"key": "D-162", "name": "Lucknow"}
    assert definition["attributes"][0]["required"] is False
    missing = client.get(f"{BASE}/services/potholes.json")
    assert missing.status_code == 404
    assert list(as_json(missing)[0]) == ["code", "description"]


def _post(client: Client, fmt: str, **fields: str) -> Any:
    return client.post(f"{BASE}/requests.{fmt}", fields)  # form-encoded, as the spec sends


def spec_example_request(api_key: str, **override: str) -> dict[str, str]:
    """The spec's example POST, its fields kept and its values made ours."""
    fields = {
        "api_key": api_key,
        "jurisdiction_id": "uppolice.gov.in",
        "service_code": "theft_robbery",
        "lat": "26.8467",
        "long": "80.9462",
        "address_string": "Hazratganj crossing, Lucknow",
        "email": "ram@example.com",
        "device_id": "tt222111",
        "account_id": "123456",
        "first_name": "Ram",
        "last_name": "Kumar",
        "phone": "9876543210",
        "description": "My motorcycle was stolen from outside the market last night",
        "media_url": "https://example.com/photo.jpg",
        "attribute[unit]": "D-162",
    }
    fields.update(override)
    return fields


def test_post_a_request_in_json_then_read_it_back(world, client):
    response = _post(client, "json", **spec_example_request(submitter_key()))
    assert response.status_code == 200, response.content
    answer = as_json(response)
    assert list(answer[0]) == ["service_request_id", "service_notice", "account_id"]
    assert answer[0]["account_id"] is None
    code = answer[0]["service_request_id"]
    complaint = Complaint.objects.get(code=code)
    assert complaint.channel == "open311"
    assert complaint.unit == world.lucknow
    assert "Hazratganj crossing" in complaint.text
    assert complaint.complainant.phone == "9876543210"
    assert code in answer[0]["service_notice"]

    public = as_json(client.get(f"{BASE}/requests/{code}.json"))
    assert list(public[0]) == REQUEST_FIELDS
    assert public[0]["status"] == "open"
    assert public[0]["agency_responsible"] == "Lucknow"
    assert public[0]["description"] is None  # the citizen's words only with a key
    assert public[0]["lat"] is None
    assert public[0]["requested_datetime"].endswith("+05:30")
    officer = token_for(world.lucknow_officer)
    full = as_json(client.get(f"{BASE}/requests/{code}.json", headers=bearer(officer)))
    assert full[0]["description"].startswith("My motorcycle was stolen")
    assert (full[0]["lat"], full[0]["long"]) == (26.8467, 80.9462)
    assert full[0]["expected_datetime"] is not None  # the SLA clock's due time
    outsider = token_for(world.agra_officer)
    hidden = client.get(f"{BASE}/requests/{code}.json", headers=bearer(outsider))
    assert hidden.status_code == 404


def test_post_in_xml(world, client):
    response = _post(client, "xml", **spec_example_request(submitter_key()))
    root = xml(response)
    assert root.tag == "service_requests"
    request = root.find("request")
    assert request is not None
    assert [child.tag for child in request] == [
        "service_request_id",
        "service_notice",
        "account_id",
    ]
    assert request.findtext("account_id") == ""  # the spec's <account_id/>


def test_get_requests_filters_as_the_spec_says(world, client, settings):
    settings.SEVA_OPEN311_PUBLIC_LIST = True  # off by default (test_open311_public.py)
    theft = register(world.lucknow, category="theft_robbery")
    noise = register(world.agra, category="noise_nuisance", external_user_id="2")
    complaint_act(actor=world.agra_officer, code=noise.code, to=Status.CLOSED, note="done")
    root = xml(client.get(f"{BASE}/requests.xml"))
    assert root.tag == "service_requests"
    assert [r.findtext("service_request_id") for r in root] == [noise.code, theft.code]
    assert [child.tag for child in root[0]] == REQUEST_FIELDS
    assert root[0].findtext("status") == "closed"
    assert root[0].findtext("expected_datetime") == ""

    def ids(**params: str) -> list[str]:
        return [
            r["service_request_id"] for r in as_json(client.get(f"{BASE}/requests.json", params))
        ]

    assert ids(status="open") == [theft.code]
    assert ids(status="open,closed") == [noise.code, theft.code]
    assert ids(service_code="noise_nuisance") == [noise.code]
    assert ids(service_request_id=f"{theft.code},{noise.code}", status="open") == [
        noise.code,
        theft.code,
    ]  # service_request_id overrides every other argument
    assert ids(start_date="2010-05-24T00:00:00Z", end_date="2010-06-24T00:00:00Z") == []
    recently = (theft.received_at - dt.timedelta(days=10)).astimezone(dt.timezone(-OFFSET))
    assert ids(start_date=recently.isoformat()) == [noise.code, theft.code]
    # An officer's token narrows the list to their reach.
    lucknow = token_for(world.lucknow_officer)
    listed = client.get(f"{BASE}/requests.json", headers=bearer(lucknow))
    assert [r["service_request_id"] for r in as_json(listed)] == [theft.code]


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"status": "pending"}, 400),
        ({"start_date": "yesterday"}, 400),
        ({"start_date": "2026-01-01T00:00:00"}, 400),  # no zone
        ({"start_date": "0001-01-01T00:00:00+05:00"}, 400),  # before year 1 in UTC
        ({"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"}, 400),
        ({"service_code": "potholes"}, 400),
        ({"api_key": "seva_wrong"}, 403),
    ],
)
def test_get_requests_errors(world, client, settings, params, status):
    settings.SEVA_OPEN311_PUBLIC_LIST = True
    response = client.get(f"{BASE}/requests.xml", params)
    assert response.status_code == status
    root = xml(response)
    assert root.tag == "errors"
    error = root.find("error")
    assert error is not None
    assert [child.tag for child in error] == ["code", "description"]
    assert error.findtext("code") == str(status)


def test_post_errors_follow_the_spec(world, client):
    key = submitter_key()
    nothing = _post(client, "json", **spec_example_request(""))
    assert nothing.status_code == 403
    assert as_json(nothing)[0]["code"] == 403
    wrong = _post(client, "xml", **spec_example_request("seva_not-a-key"))
    assert wrong.status_code == 403
    assert xml(wrong).findtext("error/code") == "403"
    person = _post(client, "json", **spec_example_request(token_for(world.hq_operator)))
    assert person.status_code == 403
    for override, status in [
        ({"service_code": ""}, 400),
        ({"service_code": "potholes"}, 404),
        ({"lat": "", "long": "", "address_string": ""}, 400),
        ({"lat": "north"}, 400),
        ({"description": ""}, 400),
        ({"description": "x" * 4001}, 400),
        ({"phone": "call me"}, 400),
        ({"attribute[unit]": "D-999"}, 400),
    ]:
        response = _post(client, "json", **spec_example_request(key, **override))
        assert response.status_code == status, (override, response.content)
        assert list(as_json(response)[0]) == ["code", "description"]
    assert not Complaint.objects.exists()


def test_markup_in_a_complaint_is_escaped_in_xml(world, client):
    text = "<script>alert(1)</script> & ]]> \x01 chori"
    complaint = register(world.lucknow, text=text)
    officer = token_for(world.lucknow_officer)
    response = client.get(f"{BASE}/requests/{complaint.code}.xml", headers=bearer(officer))
    assert b"<script>" not in response.content
    assert xml(response).findtext("request/description") == text.replace("\x01", "")


def test_unknown_paths_and_formats_answer_in_the_error_shape(world, client):
    assert client.get(f"{BASE}/services.yaml").status_code == 404
    assert xml(client.get(f"{BASE}/nothing-here")).tag == "errors"
    assert client.get(f"{BASE}/requests/LKN-200101-999-2.json").status_code == 404


def test_unreadable_request_ids_match_nothing(world, client):
    register(world.lucknow)
    assert client.get(f"{BASE}/requests/LKN-200101-999-X.json").status_code == 404
    assert as_json(client.get(f"{BASE}/requests.json", {"service_request_id": "nope,"})) == []
    # A NUL never reaches a query: refused before the view (seva.core.middleware).
    assert client.get(f"{BASE}/requests.json", {"service_request_id": "\x00"}).status_code == 400
