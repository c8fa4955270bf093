"""The complaints list and page, and each action through its one service."""

from __future__ import annotations

import datetime as dt

from seva.channels.models import OutboundReply
from seva.complaints.models import Complaint
from tests.api.helpers import as_person
from tests.complaints.helpers import register


def test_list_filters_and_paginates_with_a_total(world):
    codes = [register(world.lucknow, external_user_id=str(i)).code for i in range(3)]
    urgent = register(world.hazratganj, is_urgent=True, category="theft_robbery")
    register(world.agra)
    api = as_person(world.hq_operator)
    page = api.get("/complaints", limit=2).json()
    assert page["total"] == 5
    assert len(page["items"]) == 2
    rest = api.get("/complaints", limit=2, offset=4).json()
    assert len(rest["items"]) == 1
    lucknow = api.get("/complaints", unit="D-162").json()
    assert {c["code"] for c in lucknow["items"]} == {*codes, urgent.code}
    assert api.get("/complaints", urgent="true").json()["items"][0]["code"] == urgent.code
    assert api.get("/complaints", category="theft_robbery").json()["total"] == 1
    assert api.get("/complaints", status="forwarded").json()["total"] == 5
    assert api.get("/complaints", status="closed").json()["total"] == 0
    future = (dt.datetime.now(dt.UTC) + dt.timedelta(days=1)).isoformat()
    assert api.get("/complaints", received_after=future).json()["total"] == 0
    assert api.get("/complaints", received_before=future).json()["total"] == 5


def test_bad_filters_answer_422_naming_the_field(world):
    api = as_person(world.hq_operator)
    cases: list[tuple[dict[str, object], str]] = [
        ({"limit": 0}, "limit"),
        ({"limit": "many"}, "limit"),
        ({"status": "lost"}, "status"),
        ({"received_after": "yesterday"}, "received_after"),
        ({"unit": "<script>"}, "unit"),
    ]
    for params, field in cases:
        response = api.get("/complaints", **params)
        assert response.status_code == 422, params
        assert response.json()["error"]["field"] == field


def test_the_whole_round_act_close_review(world):
    complaint = register(world.lucknow)
    officer, reviewer = as_person(world.lucknow_officer), as_person(world.hq_reviewer)
    path = f"/complaints/{complaint.code.lower().replace('-', '')}"  # codes are forgiven
    assert officer.post(f"{path}/act", {"status": "in_process"}).json()["status"] == "in_process"
    response = officer.post(f"{path}/act", {"status": "closed"})
    assert response.status_code == 400
    assert response.json()["error"] == {
        "code": "invalid_input",
        "message": "closed needs a note",
        "field": "note",
    }
    closed = officer.post(f"{path}/act", {"status": "closed", "note": "FIR registered"})
    assert closed.json()["status"] == "closed"
    reopened = reviewer.post(f"{path}/review", {"decision": "reopen", "reason": "no FIR number"})
    assert reopened.json()["status"] == "reopened"
    again = reviewer.post(f"{path}/review", {"decision": "accept"})
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "illegal_transition"
    detail = officer.get(path).json()
    assert [e["type"] for e in detail["timeline"]][-1] == "review.reopened"
    assert "act" in detail["allowed_actions"]
    assert "review" not in detail["allowed_actions"]


def test_forward_and_transfer(world):
    complaint = register(world.lucknow)
    officer = as_person(world.lucknow_officer)
    moved = officer.post(f"/complaints/{complaint.code}/forward", {"unit": "PS-162-HAZRATGANJ"})
    assert moved.json()["unit"]["code"] == "PS-162-HAZRATGANJ"
    unknown = officer.post(
        f"/complaints/{complaint.code}/transfer", {"unit": "D-999", "reason": "x"}
    )
    assert unknown.status_code == 400
    assert unknown.json()["error"]["field"] == "unit"
    across = officer.post(
        f"/complaints/{complaint.code}/transfer", {"unit": "D-118", "reason": "Agra's case"}
    )
    assert across.json()["unit"]["code"] == "D-118"
    # Now it is Agra's: the Lucknow officer no longer sees it.
    assert officer.get(f"/complaints/{complaint.code}").status_code == 404


def test_a_reply_is_kept_in_the_thread_and_recorded_before_sending(world):
    complaint = register(world.lucknow)
    response = as_person(world.lucknow_officer).post(
        f"/complaints/{complaint.code}/replies", {"text": "An officer will call you today."}
    )
    assert response.status_code == 201
    body = response.json()
    assert body["message"]["kind"] == "reply"
    # Registered by hand in the test (no stored X post): nothing to send into.
    assert body["delivery"] == "none"
    assert OutboundReply.objects.count() == 0
    too_long = as_person(world.lucknow_officer).post(
        f"/complaints/{complaint.code}/replies", {"text": "x" * 300}
    )
    assert too_long.status_code == 400
    assert Complaint.objects.get(pk=complaint.pk).messages.count() == 2


def test_received_range_takes_any_offset_and_refuses_no_zone(world):
    register(world.lucknow)
    api = as_person(world.hq_operator)
    odd = api.get("/complaints", received_after="0409-10-31T01:29:30-23:46")
    assert odd.status_code == 200
    assert odd.json()["total"] == 1
    assert api.get("/complaints", received_after="2026-01-01T00:00:00").status_code == 422
    assert api.get("/complaints", received_before="0001-01-01T00:00:00+05:00").status_code == 422
