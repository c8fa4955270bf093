"""The complaint page: thread, complainant, triage, timeline, SLA clock, and what each may do."""

from django.test import Client

from seva.complaints import services
from seva.complaints.models import Complaint
from seva.complaints.statuses import Status
from seva.core.timeutil import to_ist
from tests.complaints.helpers import register
from tests.desk.helpers import signed_in, triage_json


def _page(client, code):
    response = client.get(f"/desk/c/{code}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_the_whole_case(world):
    code = register(triage=triage_json("Lucknow"), category="theft_robbery").code
    services.complaint_forward(actor=world.hq_operator, code=code, to_unit=world.lucknow)
    services.complaint_note(
        actor=world.lucknow_officer, code=code, text="Beat constable sent", public=False
    )
    body = _page(signed_in(world.lucknow_officer), code)
    assert "thana FIR nahi likh raha" in body  # the citizen's post
    assert "Beat constable sent" in body
    assert "Internal note" in body
    assert "@citizen_ram" in body
    assert "Ram Kumar" in body
    assert "complaint word &#x27;chori&#x27;" in body  # the triage reasons
    assert "Theft or robbery" in body
    assert f"Registered with code {code}" in body  # the timeline, from the event log
    assert "Forwarded from UP Police HQ to Lucknow" in body  # names, not codes
    assert "Due in" in body  # the SLA clock
    assert " IST" in body


def test_times_are_shown_in_ist(world):
    complaint = register(world.lucknow)
    body = _page(signed_in(world.lucknow_officer), complaint.code)
    assert f"{to_ist(complaint.received_at):%H:%M} IST" in body


def test_outsiders_get_404_and_strangers_a_sign_in(world):
    code = register(world.lucknow).code
    assert signed_in(world.agra_officer).get(f"/desk/c/{code}/").status_code == 404
    assert signed_in(world.hazratganj_officer).get(f"/desk/c/{code}/").status_code == 404
    assert signed_in(world.lucknow_officer).get("/desk/c/NO-SUCH-CODE/").status_code == 404
    assert Client().get(f"/desk/c/{code}/").status_code == 302


def test_forms_follow_the_persons_role_and_the_status(world):
    code = register(world.lucknow).code
    officer = _page(signed_in(world.lucknow_officer), code)
    assert f'action="/desk/c/{code}/act/"' in officer
    assert 'value="PS-162-HAZRATGANJ"' in officer  # forward to a police station below
    assert f'action="/desk/c/{code}/transfer/"' in officer
    assert f'action="/desk/c/{code}/review/"' not in officer
    auditor = _page(signed_in(world.auditor), code)
    assert 'method="post" action="/desk/c/' not in auditor  # reads, does not act
    services.complaint_act(actor=world.lucknow_officer, code=code, to=Status.CLOSED, note="done")
    reviewer = _page(signed_in(world.hq_reviewer), code)
    assert f'action="/desk/c/{code}/review/"' in reviewer
    officer = _page(signed_in(world.lucknow_officer), code)
    assert f'action="/desk/c/{code}/act/"' not in officer  # Closed: HQ's turn


def test_hq_sees_the_suggested_district_first(world):
    code = register(triage=triage_json("Agra")).code
    body = _page(signed_in(world.hq_operator), code)
    assert '<option value="D-118" selected>Agra (suggested)</option>' in body


def test_the_page_query_count_is_pinned(world, django_assert_num_queries):
    code = register(world.lucknow).code
    client = signed_in(world.lucknow_officer)
    # session, person, grants, complaint+unit, complainant, thread, timeline, the timeline's
    # unit names, HQ unit (menu), forward targets, transfer targets
    with django_assert_num_queries(11):
        client.get(f"/desk/c/{code}/")
    for number in range(20):
        services.complaint_note(actor=world.lucknow_officer, code=code, text=f"note {number}")
    with django_assert_num_queries(11):
        client.get(f"/desk/c/{code}/")


def test_someone_elses_post_is_marked_with_their_handle_and_name(world):
    code = register(world.lucknow).code
    services.complaint_attach_third_party(
        complaint=Complaint.objects.get(code=code),
        author=services.PostAuthor(platform="x", external_id="6666", handle="troll", name="Raju"),
        text="Yeh shikayat jhoothi hai",
    )
    body = _page(signed_in(world.lucknow_officer), code)
    assert "msg-third_party" in body
    assert "Not the complainant" in body
    assert "@troll" in body
    assert "Raju" in body
    assert "Yeh shikayat jhoothi hai" in body
    assert "Someone other than the complainant wrote about it" in body  # the timeline
    tracking = Client().get(f"/track/{code}")
    assert tracking.status_code == 200
    assert "Yeh shikayat jhoothi hai" not in tracking.content.decode()
