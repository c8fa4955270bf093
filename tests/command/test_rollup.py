"""The rollup: refreshed from new events, rebuilt whole, and the medians' buckets."""

from __future__ import annotations

import io
from typing import Any

from django.core.management import call_command

from seva.command import histogram
from seva.command.models import RollupMark, UnitDayStat
from seva.command.services import rollup_refresh
from seva.complaints import services
from seva.complaints.outbox import outbox_has_waiting
from tests.complaints.helpers import register


def _received(unit: Any) -> int:
    return sum(UnitDayStat.objects.filter(unit=unit).values_list("received", flat=True))


def test_refresh_folds_in_new_events_once(world: Any) -> None:
    register(world.hazratganj)
    assert rollup_refresh() == 1
    assert (_received(world.hazratganj), _received(world.lucknow), _received(world.hq)) == (1, 1, 1)
    assert _received(world.agra) == 0
    assert rollup_refresh() == 0  # nothing new
    assert RollupMark.objects.get().refreshed_at is not None
    assert not outbox_has_waiting("rollup")


def test_a_transfer_moves_the_complaint_between_units(world: Any) -> None:
    code = register(world.lucknow).code
    rollup_refresh()
    services.complaint_transfer(
        actor=world.lucknow_officer, code=code, to_unit=world.agra, reason="Agra's"
    )
    rollup_refresh()
    assert (_received(world.lucknow), _received(world.agra)) == (0, 1)


def test_the_command_rebuilds_and_refreshes(world: Any) -> None:
    register(world.agra)
    out = io.StringIO()
    call_command("command_rollup", "--rebuild", stdout=out)
    assert "rebuilt" in out.getvalue()
    assert _received(world.agra) == 1
    register(world.agra)
    call_command("command_rollup", stdout=out)
    assert _received(world.agra) == 2


def test_bucketed_median() -> None:
    hist = histogram.from_durations([30, 100, 4000, 90_000])  # 0.5 min, 1.7 min, 67 min, 25 h
    assert histogram.median_minutes(hist) == 2  # the 2nd of 4 lies in the "≤ 2 min" bucket
    assert histogram.median_minutes(histogram.empty()) is None
    assert histogram.median_minutes(histogram.from_durations([10**8])) == -1
