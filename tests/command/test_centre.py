"""The command centre: figures walked through the real services, scope, queries, CSP."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from seva.command.services import rollup_refresh
from seva.complaints import services
from seva.complaints.statuses import Status
from tests.complaints.helpers import register
from tests.desk.helpers import signed_in


def _row(response: Any, code: str) -> Any:
    for row in response.context["rows"]:
        if row["figures"].unit.code == code and not row["figures"].here:
            return row["figures"]
    raise AssertionError(f"no row for {code}")


def test_figures_follow_the_services(world: Any) -> None:
    first = register(world.hq).code
    second = register(world.hq).code
    services.complaint_forward(actor=world.hq_operator, code=first, to_unit=world.lucknow)
    services.complaint_forward(actor=world.hq_operator, code=second, to_unit=world.lucknow)
    rollup_refresh()  # the rollup worker's step
    client = signed_in(world.hq_operator)
    lucknow = _row(client.get("/command/"), "D-162")
    assert (lucknow.received, lucknow.now.get("forwarded"), lucknow.disposed) == (2, 2, 0)

    services.complaint_act(actor=world.lucknow_officer, code=first, to=Status.IN_PROCESS)
    services.complaint_act(actor=world.lucknow_officer, code=second, to=Status.CLOSED, note="ok")
    rollup_refresh()
    lucknow = _row(client.get("/command/"), "D-162")
    assert lucknow.now == {"in_process": 1, "closed": 1}
    assert lucknow.first_action == 1  # both acted on within a minute
    assert lucknow.within_sla == 100.0

    services.complaint_review(actor=world.hq_reviewer, code=second, accept=True)
    services.complaint_act(actor=world.lucknow_officer, code=first, to=Status.CLOSED, note="ok")
    services.complaint_review(actor=world.hq_reviewer, code=first, accept=False, reason="no")
    rollup_refresh()
    response = client.get("/command/")
    lucknow = _row(response, "D-162")
    assert (lucknow.disposed, lucknow.now) == (1, {"reopened": 1})
    assert response.context["total"].received == 2
    agra = _row(response, "D-118")
    assert (agra.received, agra.disposed) == (0, 0)


def test_the_agra_officer_sees_nothing_of_lucknow(world: Any) -> None:
    register(world.lucknow)
    register(world.agra)
    rollup_refresh()
    client = signed_in(world.agra_officer)
    response = client.get("/command/")
    assert response.status_code == 200
    units = {row["figures"].unit.code for row in response.context["rows"]}
    assert units == {"D-118"}
    assert response.context["total"].received == 1
    assert b"D-162" not in response.content
    assert client.get("/command/u/D-162/").status_code == 404
    assert client.get("/command/u/NOPE/").status_code == 404
    assert client.get("/command/u/D-162/export/units.csv").status_code == 404


def test_a_district_officer_sees_the_district_and_its_stations(world: Any) -> None:
    register(world.lucknow)
    register(world.hazratganj)
    rollup_refresh()
    response = signed_in(world.lucknow_officer).get("/command/")
    rows = {
        (r["figures"].unit.code, r["figures"].here): r["figures"] for r in response.context["rows"]
    }
    assert set(rows) == {("D-162", True), ("PS-162-HAZRATGANJ", False)}
    assert rows[("D-162", True)].received == 1  # held at the district itself
    assert rows[("PS-162-HAZRATGANJ", False)].received == 1
    assert response.context["total"].received == 2


def test_people_without_a_reach_get_404(world: Any, django_user_model: Any) -> None:
    from tests.personas import PASSWORD

    django_user_model.objects.create_user(username="nobody", password=PASSWORD)
    nobody = django_user_model.objects.get(username="nobody")
    assert signed_in(nobody).get("/command/").status_code == 404


def test_links_land_on_the_complaints_behind_the_figure(world: Any) -> None:
    code = register(world.hq).code
    services.complaint_forward(actor=world.hq_operator, code=code, to_unit=world.lucknow)
    client = signed_in(world.hq_operator)
    response = client.get("/command/")
    row = next(r for r in response.context["rows"] if r["figures"].unit.code == "D-162")
    links = {cell["measure"]: cell["href"] for cell in row["cells"]}
    for measure in ("received", "forwarded"):
        queue = client.get(links[measure])
        assert [c.code for c in queue.context["page"].object_list] == [code], measure
    assert list(client.get(links["disposed"]).context["page"].object_list) == []


def test_sorting_by_a_column(world: Any) -> None:
    register(world.agra)
    register(world.agra)
    register(world.lucknow)
    rollup_refresh()
    client = signed_in(world.hq_operator)
    codes = [
        r["figures"].unit.code
        for r in client.get("/command/?sort=received&dir=desc").context["rows"]
        if not r["figures"].here
    ]
    assert codes[:2] == ["D-118", "D-162"]
    ascending = client.get("/command/?sort=received&dir=asc").context["rows"]
    assert [r["figures"].received for r in ascending] == sorted(
        r["figures"].received for r in ascending
    )


@pytest.mark.parametrize("count", [1, 6])
def test_query_count_does_not_grow_with_rows(
    world: Any, count: int, django_assert_num_queries: Any
) -> None:
    for _ in range(count):
        code = register(world.hq, is_urgent=True).code
        services.complaint_forward(actor=world.hq_operator, code=code, to_unit=world.lucknow)
    rollup_refresh()
    client = signed_in(world.hq_operator)
    client.get("/command/")  # a first visit (sessions, caches)
    # Each count includes the HQ operator's second-factor device, looked up on every request
    # (django-otp), so a reset ends a session at once.
    with django_assert_num_queries(15):  # and no write: the rollup is the worker's
        assert client.get("/command/").status_code == 200
    with django_assert_num_queries(7):
        client.get("/command/live/feed/")
    with django_assert_num_queries(8):
        client.get("/command/live/health/")


def test_csp_and_no_inline_script(world: Any) -> None:
    response = signed_in(world.hq_operator).get("/command/")
    assert "script-src" in response["Content-Security-Policy"]
    html = response.content.decode()
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag
    assert not re.search(r"<script[^>]*>[^<]+</script>", html)
    assert " on" + "click=" not in html
    assert "style=" not in html


def test_live_panels(world: Any) -> None:
    urgent = register(world.agra, is_urgent=True, text="<b>help</b> \u202eevil").code
    register(world.lucknow, is_urgent=True)
    agra = signed_in(world.agra_officer)
    feed = agra.get("/command/live/feed/")
    assert urgent in feed.content.decode()
    assert "&lt;b&gt;help&lt;/b&gt;" in feed.content.decode()
    assert len(feed.context["feed"]) == 1  # nothing of Lucknow
    assert agra.get("/command/live/health/").status_code == 404  # channel health is HQ's
    page = agra.get("/command/").content.decode()
    assert 'data-live-seconds="15"' in page
    assert "command/live.js" in page
    assert signed_in(world.hq_operator).get("/command/live/health/").status_code == 200


def test_hindi_page_and_nav_link(world: Any) -> None:
    client = signed_in(world.lucknow_officer, language="hi")
    page = client.get("/command/").content.decode()
    assert "कमान केंद्र" in page
    assert "प्राप्त" in page
    queue = client.get("/desk/").content.decode()
    assert 'href="/command/"' in queue


def test_date_range_and_map(world: Any) -> None:
    register(world.lucknow)
    client = signed_in(world.hq_operator)
    response = client.get("/command/?from=2020-01-01&to=2020-01-31&measure=overdue")
    assert response.context["days"].first.isoformat() == "2020-01-01"
    assert response.context["total"].received == 0
    lucknow = next(d for d in response.context["map"].districts if d.shape.lgd_code == 162)
    assert lucknow.href.startswith("/command/u/D-162/")
    assert len(response.context["map"].districts) == 75
    # A bad date: the page shows the last 30 days and says why (a form error, 400).
    bad = client.get("/command/?from=nonsense")
    assert bad.status_code == 400
    assert "From: Enter a valid date." in bad.content.decode()
    assert bad.context["days"].last - bad.context["days"].first == dt.timedelta(days=29)
    drill = client.get("/command/u/D-162/")
    assert drill.status_code == 200
    assert {r["figures"].unit.code for r in drill.context["rows"]} == {
        "D-162",
        "PS-162-HAZRATGANJ",
    }


def test_overdue_counts_running_clocks_past_their_deadline(world: Any) -> None:
    import datetime as dt

    import time_machine
    from django.utils import timezone

    late = register(world.hq).code
    services.complaint_forward(actor=world.hq_operator, code=late, to_unit=world.lucknow)
    paused = register(world.hq).code
    services.complaint_forward(actor=world.hq_operator, code=paused, to_unit=world.lucknow)
    services.complaint_act(
        actor=world.lucknow_officer, code=paused, to=Status.INCOMPLETE_INFO, note="which road?"
    )
    register(world.hq)  # open at HQ: its clock runs too
    with time_machine.travel(timezone.now() + dt.timedelta(days=2), tick=False):
        response = signed_in(world.hq_operator).get("/command/")
    assert _row(response, "D-162").overdue == 1  # the paused clock is not late
    assert response.context["total"].overdue == 2
    assert "open" not in response.context["total"].now
