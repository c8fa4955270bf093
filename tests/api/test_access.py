"""The API is scoped exactly as the desk: another unit's complaint is "not found" with the same
body as a missing one, a role without the action gets 403, and only live tokens of active
people get in."""

from __future__ import annotations

from typing import Any

import pytest

from seva.api.models import ApiToken
from seva.api.tokens import api_token_revoke
from seva.complaints import services
from seva.complaints.models import Event, Message
from tests.api.helpers import Api, as_person, submitter_key, token_for
from tests.complaints.helpers import register

MISSING = "LKN-200101-999-2"

ACTIONS = [
    ("/forward", {"unit": "PS-162-HAZRATGANJ"}),
    ("/act", {"status": "in_process"}),
    ("/review", {"decision": "accept"}),
    ("/transfer", {"unit": "D-118", "reason": "it happened in Agra"}),
    ("/notes", {"text": "checked the CCTV"}),
    ("/replies", {"text": "We are on it."}),
]


@pytest.fixture
def lucknow_complaint(world):
    return register(world.lucknow)


def _not_found_body(api: Api, path: str, body: Any = None):
    response = api.post(path, body) if body is not None else api.get(path)
    assert response.status_code == 404, response.content
    return response.json()


def test_outsider_gets_the_same_404_as_for_a_missing_complaint(world, lucknow_complaint):
    agra = as_person(world.agra_officer)
    code = lucknow_complaint.code
    missing = _not_found_body(agra, f"/complaints/{MISSING}")
    assert _not_found_body(agra, f"/complaints/{code}") == missing
    assert missing == {"error": {"code": "not_found", "message": "not found", "field": None}}
    for suffix, body in ACTIONS:
        assert _not_found_body(agra, f"/complaints/{code}{suffix}", body) == missing
        assert _not_found_body(agra, f"/complaints/{MISSING}{suffix}", body) == missing
    listed = agra.get("/complaints").json()
    assert listed["total"] == 0
    assert agra.get("/complaints", unit="D-162").status_code == 404
    # Nothing was written by any refused action.
    assert Event.objects.filter(complaint=lucknow_complaint).count() == 3
    assert Message.objects.filter(complaint=lucknow_complaint).count() == 1


def test_roles_without_the_action_get_403(world, lucknow_complaint):
    code = lucknow_complaint.code
    auditor = as_person(world.auditor)
    assert auditor.get(f"/complaints/{code}").status_code == 200
    for suffix, body in ACTIONS:
        response = auditor.post(f"/complaints/{code}{suffix}", body)
        assert response.status_code == 403, (suffix, response.content)
        assert response.json()["error"]["code"] == "forbidden"
    officer = as_person(world.lucknow_officer)
    response = officer.post(f"/complaints/{code}/review", {"decision": "accept"})
    assert response.status_code == 403
    reviewer = as_person(world.hq_reviewer)
    assert reviewer.post(f"/complaints/{code}/act", {"status": "in_process"}).status_code == 403


def test_no_token_a_bad_token_a_revoked_token_and_a_deactivated_person_get_401(
    world, lucknow_complaint
):
    code = lucknow_complaint.code
    secret = token_for(world.lucknow_officer)
    assert Api(secret).get(f"/complaints/{code}").status_code == 200
    for api in (Api(), Api("seva_not-a-token"), Api("garbage")):
        response = api.get(f"/complaints/{code}")
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "unauthenticated"
        assert response["WWW-Authenticate"].startswith("Bearer")
    world.lucknow_officer.is_active = False
    world.lucknow_officer.save()
    for suffix, body in [("", None), *ACTIONS]:
        path = f"/complaints/{code}{suffix}"
        response = Api(secret).post(path, body) if body else Api(secret).get(path)
        assert response.status_code == 401, (suffix, response.content)
    assert Api(secret).get("/complaints").status_code == 401
    other = token_for(world.hq_operator)
    api_token_revoke(token_id=ApiToken.objects.get(user=world.hq_operator).pk, actor=None)
    assert Api(other).get("/complaints").status_code == 401


def test_a_submitter_key_reads_nothing(world, lucknow_complaint):
    api = Api(submitter_key())
    response = api.get("/complaints")
    assert response.status_code == 403
    assert api.get(f"/complaints/{lucknow_complaint.code}").status_code == 403


def test_internal_notes_are_shown_as_at_the_desk(world, lucknow_complaint):
    code = lucknow_complaint.code
    officer = as_person(world.lucknow_officer)
    assert officer.post(f"/complaints/{code}/notes", {"text": "suspect known"}).status_code == 201
    thread = officer.get(f"/complaints/{code}").json()["thread"]
    assert [m["kind"] for m in thread] == ["inbound", "internal_note"]
    assert thread[1]["public"] is False
    # The auditor reads the whole page at the desk, so here too.
    thread = as_person(world.auditor).get(f"/complaints/{code}").json()["thread"]
    assert "suspect known" in [m["text"] for m in thread]


def test_someone_elses_post_is_marked_and_shown_only_to_officers(world, lucknow_complaint):
    services.complaint_attach_third_party(
        complaint=lucknow_complaint,
        author=services.PostAuthor(platform="x", external_id="6666", handle="troll", name="Raju"),
        text="Yeh shikayat jhoothi hai",
    )
    thread = as_person(world.lucknow_officer).get(f"/complaints/{lucknow_complaint.code}")
    (note,) = [m for m in thread.json()["thread"] if m["kind"] == "third_party"]
    assert (note["author"], note["public"]) == ("troll", False)


def test_token_last_used_is_recorded(world, lucknow_complaint):
    secret = token_for(world.lucknow_officer)
    Api(secret).get("/complaints")
    assert ApiToken.objects.get().last_used_at is not None
