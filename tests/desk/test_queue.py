"""The unit desk's queue: scoped by access, filtered, searched, ordered, paged."""

import datetime as dt

import time_machine
from django.utils import timezone

from seva.complaints import services
from seva.complaints.statuses import Status
from tests.complaints.helpers import register
from tests.desk.helpers import signed_in


def _codes(response) -> list[str]:
    return [c.code for c in response.context["page"].object_list]


def test_each_person_sees_only_their_reach(world):
    lucknow = register(world.lucknow).code
    hazratganj = register(world.hazratganj).code
    agra = register(world.agra).code
    at_hq = register().code
    seen = {
        person: set(_codes(signed_in(getattr(world, person)).get("/desk/")))
        for person in [
            "hq_operator",
            "lucknow_officer",
            "hazratganj_officer",
            "agra_officer",
            "senior_officer",
            "auditor",
        ]
    }
    assert seen["hq_operator"] == {lucknow, hazratganj, agra, at_hq}
    assert seen["auditor"] == {lucknow, hazratganj, agra, at_hq}
    assert seen["lucknow_officer"] == {lucknow, hazratganj}
    assert seen["senior_officer"] == {lucknow, hazratganj}
    assert seen["hazratganj_officer"] == {hazratganj}
    assert seen["agra_officer"] == {agra}


def test_filters(world):
    theft = register(world.lucknow, category="theft_robbery").code
    urgent = register(world.lucknow, category="women_safety", is_urgent=True).code
    done = register(world.lucknow).code
    services.complaint_act(actor=world.lucknow_officer, code=done, to=Status.CLOSED, note="ok")
    services.complaint_review(actor=world.hq_reviewer, code=done, accept=True)
    client = signed_in(world.lucknow_officer)

    assert set(_codes(client.get("/desk/"))) == {theft, urgent}  # work still to do
    assert set(_codes(client.get("/desk/?status=all"))) == {theft, urgent, done}
    assert _codes(client.get("/desk/?status=disposed")) == [done]
    assert _codes(client.get("/desk/?category=theft_robbery")) == [theft]
    assert _codes(client.get("/desk/?urgent=on")) == [urgent]
    assert _codes(client.get("/desk/?unit=PS-162-HAZRATGANJ")) == []
    # A value outside the choices is dropped, not an error page.
    assert set(_codes(client.get("/desk/?unit=D-118&status=nonsense"))) == {theft, urgent}


def test_overdue_filter(world):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        slow = register(world.lucknow, is_urgent=True).code
        register(world.lucknow)
    with time_machine.travel(start + dt.timedelta(minutes=30), tick=False):
        client = signed_in(world.lucknow_officer)
        response = client.get("/desk/?overdue=on")
        assert _codes(response) == [slow]
        assert "Overdue by" in response.content.decode()


def test_age_filter(world):
    start = timezone.now()
    with time_machine.travel(start - dt.timedelta(days=4), tick=False):
        old = register(world.lucknow).code
    with time_machine.travel(start, tick=False):
        new = register(world.lucknow).code
        client = signed_in(world.lucknow_officer)
        assert _codes(client.get("/desk/?age=3")) == [old]
        assert _codes(client.get("/desk/?age=7")) == []
        assert set(_codes(client.get("/desk/?age="))) == {old, new}


def test_search_text_code_and_handle_in_any_script(world):
    hindi = register(world.lucknow, text="मेरी बाइक चोरी हो गई, हजरतगंज थाना").code
    other = register(
        world.lucknow, text="Loud DJ at night", handle="night_owl", external_user_id="2002"
    ).code
    client = signed_in(world.lucknow_officer)
    assert _codes(client.get("/desk/", {"q": "चोरी"})) == [hindi]
    assert _codes(client.get("/desk/", {"q": "loud dj"})) == [other]
    assert _codes(client.get("/desk/", {"q": other.lower()})) == [other]
    assert _codes(client.get("/desk/", {"q": "@night_owl"})) == [other]
    assert _codes(client.get("/desk/", {"q": "nothing like this"})) == []


def test_urgent_first_then_the_nearest_deadline(world):
    start = timezone.now()
    codes = []
    for minutes, urgent in [(0, False), (1, True), (2, False), (3, True)]:
        with time_machine.travel(start + dt.timedelta(minutes=minutes), tick=False):
            codes.append(register(world.lucknow, is_urgent=urgent).code)
    response = signed_in(world.lucknow_officer).get("/desk/")
    assert _codes(response) == [codes[1], codes[3], codes[0], codes[2]]


def test_pages_of_25(world):
    for _ in range(27):
        register(world.lucknow)
    client = signed_in(world.lucknow_officer)
    first = client.get("/desk/?urgent=")
    assert len(_codes(first)) == 25
    assert 'href="?urgent=&amp;page=2"' in first.content.decode()
    second = client.get("/desk/?page=2")
    assert len(_codes(second)) == 2
    assert not set(_codes(first)) & set(_codes(second))


def test_htmx_asks_for_the_results_only(world):
    code = register(world.lucknow).code
    response = signed_in(world.lucknow_officer).get(
        "/desk/", {"q": code}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="results"')
    assert code in body
    assert "<html" not in body


def test_the_queue_query_count_does_not_grow_with_rows(world, django_assert_num_queries):
    client = signed_in(world.hq_operator)
    register(world.lucknow)
    # session, person, second factor (HQ), grants, HQ unit (menu), units for the filter,
    # count, page
    with django_assert_num_queries(8):
        client.get("/desk/")
    for _ in range(30):
        register(world.agra, category="cyber_fraud")
    with django_assert_num_queries(8):
        response = client.get("/desk/?q=chori")
    assert len(response.context["page"].object_list) == 25
