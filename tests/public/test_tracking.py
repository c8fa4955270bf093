"""The public tracking page: what a citizen with a code sees, and what nobody ever sees."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from seva.channels.base import RawItem
from seva.channels.direct import Submission, submission_intake
from seva.channels.models import InboundRecord, InboundVia
from seva.channels.services.intake import inbound_process
from seva.channels.services.store import inbound_store
from seva.complaints import services
from seva.complaints.codes import ALPHABET, make_code, parse_code
from seva.complaints.models import Complaint
from seva.complaints.statuses import Status
from seva.public.serialise import TrackingJSON
from tests.complaints.helpers import register

THEFT = "Lucknow me mere ghar me chori ho gayi, thana FIR nahi likh raha"


def mistype(code: str) -> str:
    """The code with its serial's last digit changed: the check character catches it."""
    prefix, date, serial, check = code.split("-")
    digit = str((int(serial[-1]) + 1) % 10)
    return f"{prefix}-{date}-{serial[:-1]}{digit}-{check}"


@pytest.fixture
def client() -> Client:
    return Client()


def from_x(text: str, *, post_id: str = "9001", fmt: str = "x.v2.post") -> Complaint:
    """A complaint registered by intake from a post (or DM) as X delivered it."""
    payload = {
        "data": {"id": post_id, "text": text, "author_id": "1001"},
        "includes": {"users": [{"id": "1001", "username": "citizen_ram", "name": "Ram Kumar"}]},
    }
    inbound_store(platform="x", items=[RawItem(post_id, fmt, payload)], via=InboundVia.POLL)
    record = InboundRecord.objects.get(external_id=post_id)
    inbound_process(record.pk)
    record.refresh_from_db()
    return Complaint.objects.get(code=record.complaint_code)


@pytest.fixture
def worked(world: Any) -> Complaint:
    """A post on X, at Lucknow, worked on: a public note, an internal note, closed."""
    complaint = from_x(THEFT)
    if complaint.unit != world.lucknow:
        services.complaint_forward(
            actor=world.hq_operator, code=complaint.code, to_unit=world.lucknow
        )
    services.complaint_note(
        actor=world.lucknow_officer,
        code=complaint.code,
        text="Internal: suspect is the neighbour's nephew",
        public=False,
    )
    services.complaint_act(
        actor=world.lucknow_officer,
        code=complaint.code,
        to=Status.CLOSED,
        note="FIR 231/2026 registered at Hazratganj",
    )
    return complaint


def test_a_good_code_shows_the_status_unit_dates_and_public_replies(
    client: Client, worked: Complaint
) -> None:
    response = client.get(f"/track/{worked.code}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert worked.code in page
    assert "Closed" in page
    assert "Lucknow" in page
    assert "लखनऊ" in page
    assert "FIR 231/2026 registered at Hazratganj" in page
    assert THEFT in page  # the citizen's own public post on X
    assert "Received" in page
    assert "Last update" in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_internal_notes_and_personal_data_never_appear(client: Client, worked: Complaint) -> None:
    for url in (f"/track/{worked.code}/", f"/track/{worked.code}.json"):
        page = client.get(url).content.decode()
        assert "neighbour's nephew" not in page
        assert "lucknow_officer" not in page  # officers' user names
        assert "Ram Kumar" not in page
        assert "citizen_ram" not in page


def test_a_web_form_complaint_hides_its_text_and_contact_details(
    client: Client, world: Any
) -> None:
    done = submission_intake(
        Submission(
            platform="web",
            text="My neighbour at 12 Park Road threatens me",
            unit_code=world.lucknow.code,
            name="Asha Verma",
            phone="9876543210",
            email="asha@example.in",
            submitter="form",
        )
    )
    for url in (f"/track/{done.code}/", f"/track/{done.code}.json"):
        page = client.get(url).content.decode()
        assert done.code in page
        for private in ("12 Park Road", "Asha Verma", "9876543210", "asha@example.in"):
            assert private not in page
    assert client.get(f"/track/{done.code}.json").json()["text"] is None


def test_a_direct_message_or_untraced_text_is_not_shown(client: Client, world: Any) -> None:
    secret = "DM: my sister is being harassed by the SHO, please keep this private"
    record = InboundRecord.objects.create(
        platform="x",
        external_id="dm:1",
        format="x.v2.dm",
        payload={},
        via=InboundVia.POLL,
        received_at=world.hq.created_at,
    )
    dm = register(world.lucknow, text=secret, source_ref=record.source_ref)
    by_hand = register(world.lucknow, text=secret, external_user_id="3003")
    for complaint in (dm, by_hand):
        assert secret not in client.get(f"/track/{complaint.code}/").content.decode()
        assert client.get(f"/track/{complaint.code}.json").json()["text"] is None


def test_a_mistyped_check_character_gets_a_helpful_message(
    client: Client, worked: Complaint
) -> None:
    response = client.get(f"/track/{mistype(worked.code)}/")
    assert response.status_code == 400
    assert "typing mistake" in response.content.decode()
    last = worked.code[-1]
    other = next(c for c in ALPHABET if c != last)
    response = client.get("/track/", {"code": worked.code[:-1] + other})
    assert response.status_code == 400
    assert "typing mistake" in response.content.decode()


def test_lower_case_and_missing_dashes_find_the_complaint(
    client: Client, worked: Complaint
) -> None:
    typed = worked.code.replace("-", "").lower()
    response = client.get("/track/", {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == f"/track/{worked.code}/"
    response = client.get(f"/track/{typed}/")
    assert response.status_code == 302
    assert response["Location"] == f"/track/{worked.code}/"
    assert client.get(f"/track/{worked.code}").status_code == 200  # as replies print it


def test_nonsense_is_not_a_code(client: Client, db: None) -> None:
    response = client.get("/track/", {"code": "<script>alert(1)</script>"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "not a complaint code" in page
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page
    assert client.get("/track/").status_code == 200


def test_an_unknown_code_is_a_404_page(client: Client, worked: Complaint) -> None:
    prefix = worked.code.split("-")[0]
    other = str(make_code(prefix=prefix, date=parse_code(worked.code).date, serial=999))
    response = client.get(f"/track/{other}/")
    assert response.status_code == 404
    assert "No complaint has this code" in response.content.decode()
    response = client.get(f"/track/{other}.json")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_a_merged_complaint_points_to_the_primary_code(client: Client, world: Any) -> None:
    primary = register(world.lucknow, text=THEFT)
    duplicate = register(world.lucknow, text=THEFT, external_user_id="2002")
    services.complaint_merge(actor=world.hq_operator, code=duplicate.code, into_code=primary.code)
    page = client.get(f"/track/{duplicate.code}/").content.decode()
    assert "Merged with another complaint" in page
    assert f'href="/track/{primary.code}/"' in page
    data = client.get(f"/track/{duplicate.code}.json").json()
    assert (data["status"], data["merged_into"]) == ("duplicate", primary.code)
    assert data["closed_at"] is not None


def test_a_transfer_is_shown_in_public_words(client: Client, world: Any) -> None:
    complaint = register(world.lucknow, text=THEFT)
    services.complaint_transfer(
        actor=world.hq_operator,
        code=complaint.code,
        to_unit=world.agra,
        reason="Happened in Agra (internal reason)",
    )
    page = client.get(f"/track/{complaint.code}/").content.decode()
    assert "Transferred to Agra" in page
    assert "internal reason" not in page


def test_the_page_in_hindi(client: Client, worked: Complaint) -> None:
    client.cookies["django_language"] = "hi"
    response = client.get(f"/track/{worked.code}/")
    page = response.content.decode()
    assert '<html lang="hi">' in page
    assert "बंद" in page  # Closed
    assert "पुलिस के अपडेट" in page
    data = client.get(f"/track/{worked.code}.json").json()
    assert data["language"] == "hi"
    assert data["status"] == "closed"  # machine values do not change with the language


def test_the_json_form_has_the_documented_shape(client: Client, worked: Complaint) -> None:
    response = client.get(f"/track/{worked.code}.json")
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert set(data) == set(TrackingJSON.__annotations__)
    assert data["code"] == worked.code
    assert data["status"] == "closed"
    assert data["unit"] == {
        "code": "D-162",
        "kind": "district",
        "kind_label": "District police",
        "name_en": "Lucknow",
        "name_hi": "लखनऊ",
    }
    assert [u["text"] for u in data["updates"]] == ["FIR 231/2026 registered at Hazratganj"]
    assert data["updates"][0]["kind"] == "note"
    assert set(data["updates"][0]) == {"at", "kind", "text"}
    assert [s["type"] for s in data["steps"]] == ["received", "forwarded", "status"]
    assert data["steps"][-1]["status"] == "closed"
    assert data["received_at"].endswith("Z")
    assert data["closed_at"] is not None
    assert data["action_due_at"] is None  # the clock stops at a closure
    same = client.get(f"/track/{worked.code}/", {"format": "json"}).json()
    assert same == data


def test_json_errors_have_a_key_and_a_message(client: Client, worked: Complaint) -> None:
    response = client.get(f"/track/{mistype(worked.code)}.json")
    assert response.status_code == 400
    assert response.json()["error"] == "typing_mistake"
    assert client.get("/track/hello.json").json()["error"] == "not_a_code"


def test_the_tracking_page_reads_a_fixed_number_of_queries(
    client: Client, world: Any, worked: Complaint, django_assert_max_num_queries: Any
) -> None:
    for n in range(5):
        services.complaint_note(
            actor=world.lucknow_officer, code=worked.code, text=f"update {n}", public=True
        )
    client.get("/track/")  # opens the client's rate-limit window
    # The counter (savepoint, update, read, release), then five reads, however many updates.
    with django_assert_max_num_queries(9):
        assert client.get(f"/track/{worked.code}/").status_code == 200


def test_head_is_answered_and_posts_are_not(client: Client, worked: Complaint) -> None:
    assert client.head(f"/track/{worked.code}/").status_code == 200  # link previews
    assert client.post(f"/track/{worked.code}/").status_code == 405
