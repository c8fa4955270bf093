"""Every action through HTTP: one service each, refused to outsiders (404) and without CSRF,
and the errors a person can fix shown on the page."""

import pytest

from seva.complaints import services
from seva.complaints.models import Complaint, Event, MessageKind
from seva.complaints.statuses import Status
from tests.complaints.helpers import register
from tests.desk.helpers import csrf_token, signed_in

ACTIONS = {
    "act": {"to": "in_process", "note": ""},
    "forward": {"unit": "PS-162-HAZRATGANJ"},
    "transfer": {"unit": "D-118", "reason": "happened in Agra"},
    "note": {"text": "checked", "public": ""},
    "review": {"decision": "reopen", "reason": "no FIR number"},
    "reject": {"reason": "not a grievance"},
    "merge": {"into": "UP-261123-999-X"},
    "reply": {"text": "We are looking into it."},
}


def _post(client, code, action, data, **extra):
    return client.post(f"/desk/c/{code}/{action}/", data, **extra)


def _follow(client, code, action, data):
    return _post(client, code, action, data, follow=True).content.decode()


def _state(code):
    complaint = Complaint.objects.get(code=code)
    return complaint.status, complaint.unit_id, complaint.events.count()


@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize("outsider", ["agra_officer", "hazratganj_officer"])
def test_outsiders_get_404_for_every_action_and_nothing_changes(world, action, outsider):
    code = register(world.lucknow).code
    before = _state(code)
    response = _post(signed_in(getattr(world, outsider)), code, action, ACTIONS[action])
    assert response.status_code == 404
    assert _state(code) == before


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_garbage_from_an_outsider_is_still_a_404(world, action):
    code = register(world.lucknow).code
    response = _post(signed_in(world.agra_officer), code, action, {"to": "x", "unit": ""})
    assert response.status_code == 404


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_a_reader_who_may_not_act_gets_403(world, action):
    code = register(world.lucknow).code
    before = _state(code)
    assert _post(signed_in(world.auditor), code, action, ACTIONS[action]).status_code == 403
    assert _state(code) == before


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_actions_are_posts_only(world, action):
    code = register(world.lucknow).code
    assert signed_in(world.lucknow_officer).get(f"/desk/c/{code}/{action}/").status_code == 405


def test_csrf_is_enforced(world):
    code = register(world.lucknow).code
    client = signed_in(world.lucknow_officer, csrf=True)
    assert _post(client, code, "act", {"to": "in_process"}).status_code == 403
    assert Complaint.objects.get(code=code).status == Status.FORWARDED
    response = _post(
        client, code, "act", {"to": "in_process", "csrfmiddlewaretoken": csrf_token(client)}
    )
    assert response.status_code == 302
    assert Complaint.objects.get(code=code).status == Status.IN_PROCESS


def test_the_officers_three_options(world):
    code = register(world.lucknow).code
    client = signed_in(world.lucknow_officer)
    body = _follow(client, code, "act", {"to": "in_process"})
    assert f"{code} is now In-process." in body
    _follow(client, code, "act", {"to": "incomplete_info", "note": "Which thana?"})
    complaint = Complaint.objects.get(code=code)
    assert complaint.status == Status.INCOMPLETE_INFO
    assert complaint.sla_paused_at
    assert complaint.messages.filter(kind=MessageKind.PUBLIC_NOTE, text="Which thana?").exists()
    _follow(client, code, "act", {"to": "closed", "note": "FIR 12/2026"})
    assert Complaint.objects.get(code=code).status == Status.CLOSED


def test_a_missing_note_is_a_message_on_the_page(world):
    code = register(world.lucknow).code
    body = _follow(signed_in(world.lucknow_officer), code, "act", {"to": "closed", "note": " "})
    assert "This step needs a note or reason" in body
    assert Complaint.objects.get(code=code).status == Status.FORWARDED


def test_an_illegal_move_is_a_message_on_the_page(world):
    code = register(world.lucknow).code
    services.complaint_act(
        actor=world.lucknow_officer, code=code, to=Status.INCOMPLETE_INFO, note="Which thana?"
    )
    body = _follow(
        signed_in(world.lucknow_officer), code, "act", {"to": "incomplete_info", "note": "again"}
    )
    assert (
        "A complaint that is Incomplete information cannot be marked Incomplete information."
        in body
    )


def test_an_action_the_status_refuses_is_a_message_on_the_page(world):
    code = register(world.lucknow).code
    services.complaint_act(actor=world.lucknow_officer, code=code, to=Status.CLOSED, note="ok")
    body = _follow(signed_in(world.lucknow_officer), code, "act", {"to": "in_process"})
    assert "That cannot be done while the complaint is Closed." in body
    assert Complaint.objects.get(code=code).status == Status.CLOSED


def test_a_bad_form_value_is_a_message_not_a_crash(world):
    code = register(world.lucknow).code
    body = _follow(signed_in(world.lucknow_officer), code, "act", {"to": "disposed"})
    assert "That could not be done" in body
    body = _follow(signed_in(world.lucknow_officer), code, "forward", {"unit": "NOPE"})
    assert "That unit cannot take this complaint" in body


def test_forward_to_a_police_station_and_transfer_across(world):
    code = register(world.lucknow).code
    client = signed_in(world.lucknow_officer)
    body = _follow(client, code, "forward", {"unit": "PS-162-HAZRATGANJ"})
    assert f"{code} forwarded to Hazratganj." in body
    assert Complaint.objects.get(code=code).unit == world.hazratganj
    other = register(world.lucknow).code
    _follow(client, other, "transfer", {"unit": "D-118", "reason": "Agra's case"})
    assert Complaint.objects.get(code=other).unit == world.agra
    assert Event.objects.filter(complaint__code=other, type="complaint.transferred").exists()


def test_forwarding_outside_ones_reach_is_refused(world):
    code = register(world.lucknow).code
    response = _post(signed_in(world.lucknow_officer), code, "forward", {"unit": "D-118"})
    assert response.status_code == 403
    assert Complaint.objects.get(code=code).unit == world.lucknow


def test_internal_and_public_notes(world):
    code = register(world.lucknow).code
    client = signed_in(world.lucknow_officer)
    _follow(client, code, "note", {"text": "inside only"})
    _follow(client, code, "note", {"text": "for the citizen", "public": "on"})
    kinds = dict(Complaint.objects.get(code=code).messages.values_list("text", "kind"))
    assert kinds["inside only"] == MessageKind.INTERNAL_NOTE
    assert kinds["for the citizen"] == MessageKind.PUBLIC_NOTE


def test_hq_review_accept_reopen_and_reject(world):
    code = register(world.lucknow).code
    services.complaint_act(actor=world.lucknow_officer, code=code, to=Status.CLOSED, note="ok")
    reviewer = signed_in(world.hq_reviewer)
    body = _follow(reviewer, code, "review", {"decision": "reopen", "reason": ""})
    assert "This step needs a note or reason" in body
    _follow(reviewer, code, "review", {"decision": "reopen", "reason": "No FIR number"})
    assert Complaint.objects.get(code=code).status == Status.REOPENED
    services.complaint_act(actor=world.lucknow_officer, code=code, to=Status.CLOSED, note="FIR 9")
    _follow(reviewer, code, "review", {"decision": "accept"})
    assert Complaint.objects.get(code=code).status == Status.DISPOSED
    at_hq = register().code
    _follow(signed_in(world.hq_operator), at_hq, "reject", {"reason": "advertisement"})
    assert Complaint.objects.get(code=at_hq).status == Status.NOT_ACTIONABLE


def test_next_never_leaves_the_site(world):
    code = register(world.lucknow).code
    response = _post(
        signed_in(world.lucknow_officer),
        code,
        "note",
        {"text": "x", "next": "https://evil.example/phish"},
    )
    assert response["Location"] == f"/desk/c/{code}/"


def test_hq_marks_a_duplicate(world):
    first = register(world.lucknow).code
    again = register(world.lucknow).code
    client = signed_in(world.hq_operator)
    assert f'action="/desk/c/{again}/merge/"' in client.get(f"/desk/c/{again}/").content.decode()
    body = _follow(client, again, "merge", {"into": again.lower()})
    assert "That could not be done" in body  # not a duplicate of itself
    body = _follow(client, again, "merge", {"into": first.lower()})
    assert f"{again} merged into {first} as a duplicate." in body
    duplicate = Complaint.objects.get(code=again)
    assert duplicate.status == Status.DUPLICATE
    assert duplicate.merged_into is not None
    assert duplicate.merged_into.code == first
    officer = signed_in(world.lucknow_officer).get(f"/desk/c/{first}/").content.decode()
    assert "/merge/" not in officer  # unit officers do not merge


def test_an_empty_note_is_a_message(world):
    code = register(world.lucknow).code
    body = _follow(signed_in(world.lucknow_officer), code, "note", {"text": "  "})
    assert "Please write the text" in body


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_every_action_refuses_a_post_without_the_csrf_token(world, action):
    code = register(world.lucknow).code
    before = _state(code)
    client = signed_in(world.hq_reviewer, csrf=True)
    assert _post(client, code, action, ACTIONS[action]).status_code == 403
    assert _state(code) == before


@pytest.mark.parametrize("url", ["/desk/triage/bulk/", "/desk/review/bulk/"])
def test_bulk_actions_refuse_a_post_without_the_csrf_token(world, url):
    code = register().code
    client = signed_in(world.hq_reviewer, csrf=True)
    response = client.post(url, {"action": "reject", "reason": "spam", "codes": [code]})
    assert response.status_code == 403
    assert Complaint.objects.get(code=code).status == Status.OPEN
