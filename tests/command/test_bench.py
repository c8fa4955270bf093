"""`bench dashboard` must not rot: its generator, rollup and measurement on a small set."""

from __future__ import annotations

from typing import Any

from bench.dashboard_data import bench_people, generate
from bench.dashboard_measure import measure
from seva.command.models import UnitDayStat
from seva.command.services import rollup_rebuild
from seva.complaints.models import Complaint
from seva.directory.loaders import load_uttar_pradesh


def test_bench_dashboard_smoke(db: Any, settings: Any) -> None:
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    load_uttar_pradesh()
    hq_person, district_person, _lucknow = bench_people()
    counts = generate(300)
    assert counts["complaints"] == 300
    assert Complaint.objects.count() == 300
    assert rollup_rebuild() > 0
    hq_total = sum(UnitDayStat.objects.filter(unit__parent=None).values_list("received", flat=True))
    assert hq_total == 300
    figures = measure({"HQ": hq_person, "district": district_person}, requests=3)
    assert {(f.persona, f.page) for f in figures} == {
        (persona, page)
        for persona in ("HQ", "district")
        for page in ("command centre", "desk queue", "complaint page")
    }
    assert all(f.queries_max == f.queries_min for f in figures if f.page != "complaint page")


def test_bench_xlsx_smoke() -> None:
    import io

    from bench.xlsx import run

    result = run(io.StringIO(), rows=50, rounds=1)
    assert {"seva", "xlsxwriter", "openpyxl"} <= set(result)
    assert result["seva"]["bytes"] > 0
