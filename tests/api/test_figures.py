"""GET /api/command/figures: the command centre's figures, scoped like the command centre."""

from __future__ import annotations

from typing import Any

from seva.command.services import rollup_refresh
from seva.complaints import services
from seva.complaints.statuses import Status
from tests.api.helpers import Api, as_person, submitter_key
from tests.complaints.helpers import register


def _by_unit(body: dict[str, Any]) -> dict[tuple[str, bool], dict[str, Any]]:
    return {(row["unit"], row["here"]): row for row in body["rows"]}


def test_hq_sees_every_district_and_the_numbers_follow_the_actions(world: Any) -> None:
    first = register(world.lucknow).code
    register(world.lucknow, external_user_id="2")
    register(world.agra, external_user_id="3")
    services.complaint_act(actor=world.lucknow_officer, code=first, to=Status.IN_PROCESS)
    rollup_refresh()  # the rollup worker's step
    response = as_person(world.hq_operator).get("/command/figures")
    assert response.status_code == 200, response.content
    body = response.json()
    rows = _by_unit(body)
    lucknow = rows[("D-162", False)]
    assert lucknow["received"] == 2
    assert lucknow["in_process"] == 1
    assert lucknow["forwarded"] == 1
    assert rows[("D-118", False)]["received"] == 1
    assert body["total"]["received"] == 3
    assert body["measures"][0] == "received"


def test_a_district_officer_sees_their_district_and_its_stations_only(world: Any) -> None:
    register(world.agra)
    rollup_refresh()
    body = as_person(world.lucknow_officer).get("/command/figures").json()
    units = {row["unit"] for row in body["rows"]}
    assert "PS-162-HAZRATGANJ" in units
    assert "D-118" not in units
    assert body["total"]["received"] == 0


def test_another_units_figures_are_a_404_and_no_token_a_401(world: Any) -> None:
    agra = as_person(world.agra_officer)
    assert agra.get("/command/figures", unit="D-162").status_code == 404
    assert Api().get("/command/figures").status_code == 401
    assert Api(submitter_key()).get("/command/figures").status_code in (401, 403)


def test_the_answer_says_which_days_it_counted(world: Any) -> None:
    api = as_person(world.hq_operator)
    backwards = api.get("/command/figures", **{"from": "2026-11-20", "to": "2026-11-01"}).json()
    assert (backwards["start"], backwards["end"]) == ("2026-11-01", "2026-11-20")
    long = api.get("/command/figures", **{"from": "2000-01-01", "to": "2026-11-01"}).json()
    assert long["end"] == "2026-11-01"
    assert long["start"] == "2024-11-01"  # the last 731 days
