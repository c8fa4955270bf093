"""HQ's triage queue (the incoming stream) and review queue (closures awaiting review)."""

import pytest

from seva.complaints import services
from seva.complaints.models import Complaint
from seva.complaints.statuses import Status
from tests.complaints.helpers import register
from tests.desk.helpers import signed_in, triage_json


def _codes(response):
    return [row["complaint"].code for row in response.context["rows"]]


@pytest.mark.parametrize(
    "person", ["lucknow_officer", "agra_officer", "senior_officer", "auditor", "administrator"]
)
def test_the_hq_queues_are_hqs_only(world, person):
    client = signed_in(getattr(world, person))
    assert client.get("/desk/triage/").status_code == 404
    assert client.get("/desk/review/").status_code == 404


def test_the_operator_triages_and_the_reviewer_reviews(world):
    operator = signed_in(world.hq_operator)
    assert operator.get("/desk/triage/").status_code == 200
    assert operator.get("/desk/review/").status_code == 404  # operators do not review
    reviewer = signed_in(world.hq_reviewer)
    assert reviewer.get("/desk/review/").status_code == 200
    assert 'href="/desk/triage/"' in operator.get("/desk/").content.decode()
    assert 'href="/desk/review/"' not in operator.get("/desk/").content.decode()


def test_triage_lists_hqs_open_complaints_urgent_first_with_reasons(world):
    normal = register(triage=triage_json("Lucknow")).code
    urgent = register(triage=triage_json("Agra", urgent=True), is_urgent=True).code
    register(world.lucknow)  # already at a unit: not HQ's to triage
    response = signed_in(world.hq_operator).get("/desk/triage/")
    assert _codes(response) == [urgent, normal]
    body = response.content.decode()
    assert "the post names &#x27;lucknow&#x27; (district of Lucknow)" in body
    assert "Forward to Lucknow" in body
    assert "Forward to Agra" in body


def test_one_click_forward_to_the_suggested_district(world):
    code = register(triage=triage_json("Lucknow")).code
    client = signed_in(world.hq_operator)
    response = client.post(
        f"/desk/c/{code}/forward/", {"unit": "D-162", "next": "/desk/triage/"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/desk/triage/"
    assert f"{code} forwarded to Lucknow." in response.content.decode()
    complaint = Complaint.objects.get(code=code)
    assert (complaint.unit, complaint.status) == (world.lucknow, Status.FORWARDED)
    assert _codes(client.get("/desk/triage/")) == []


def test_forward_to_a_chosen_unit_or_reject_from_triage(world):
    first = register(triage=triage_json(None)).code
    second = register(triage=triage_json(None)).code
    client = signed_in(world.hq_operator)
    body = client.get("/desk/triage/").content.decode()
    assert '<option value="D-118">Agra</option>' in body  # the units to choose from
    client.post(f"/desk/c/{first}/forward/", {"unit": "D-118", "next": "/desk/triage/"})
    assert Complaint.objects.get(code=first).unit == world.agra
    client.post(f"/desk/c/{second}/reject/", {"reason": "spam", "next": "/desk/triage/"})
    assert Complaint.objects.get(code=second).status == Status.NOT_ACTIONABLE


def test_review_lists_closures_with_their_note_and_takes_a_decision(world):
    code = register(world.lucknow).code
    services.complaint_act(actor=world.lucknow_officer, code=code, to=Status.CLOSED, note="FIR 7")
    register(world.agra)  # not closed: not for review
    client = signed_in(world.hq_reviewer)
    response = client.get("/desk/review/")
    assert _codes(response) == [code]
    assert "FIR 7" in response.content.decode()
    client.post(
        f"/desk/c/{code}/review/",
        {"decision": "reopen", "reason": "which FIR?", "next": "/desk/review/"},
    )
    assert Complaint.objects.get(code=code).status == Status.REOPENED
    assert _codes(client.get("/desk/review/")) == []


def test_hq_queue_query_counts_are_pinned(world, django_assert_num_queries):
    operator = signed_in(world.hq_operator)
    reviewer = signed_in(world.hq_reviewer)
    for number in range(30):
        code = register(
            triage=triage_json("Lucknow" if number % 2 else "Agra"), external_user_id=str(number)
        ).code
        if number < 27:
            services.complaint_forward(actor=world.hq_operator, code=code, to_unit=world.lucknow)
            services.complaint_act(
                actor=world.lucknow_officer, code=code, to=Status.CLOSED, note=f"n{number}"
            )
    # session, person, second factor, grants, HQ unit, count, page, suggested districts,
    # unit list
    with django_assert_num_queries(9):
        assert len(_codes(operator.get("/desk/triage/"))) == 3
    # session, person, second factor, grants, HQ unit, count, page, closing notes
    with django_assert_num_queries(8):
        assert len(_codes(reviewer.get("/desk/review/"))) == 25
