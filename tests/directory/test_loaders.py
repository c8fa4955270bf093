"""Loading UP from the shipped data, and administrators' CSV files: all or nothing."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from seva.directory.loaders import LoadError, load_handles_csv, load_units_csv, load_uttar_pradesh
from seva.directory.models import SocialHandle, Unit, UnitKind
from seva.directory.services import unit_create, unit_move

EXAMPLES = Path(__file__).resolve().parents[2] / "data" / "examples"


@pytest.fixture
def up(db):
    return load_uttar_pradesh()


def test_up_loads_hq_ranges_and_75_districts(up):
    assert Unit.objects.filter(kind=UnitKind.STATE_HQ).count() == 1
    assert Unit.objects.filter(kind=UnitKind.RANGE).count() == 18
    assert Unit.objects.filter(kind=UnitKind.DISTRICT).count() == 75
    lucknow = Unit.objects.get(lgd_code=162)
    assert (lucknow.name_en, lucknow.name_hi, lucknow.code_prefix) == ("Lucknow", "लखनऊ", "LKN")
    assert lucknow.parent is not None
    assert lucknow.parent.code == "R-LUCKNOW"
    assert "allahabad" in Unit.objects.get(name_en="Prayagraj").aliases
    prefixes = list(
        Unit.objects.filter(kind=UnitKind.DISTRICT).values_list("code_prefix", flat=True)
    )
    assert len(set(prefixes)) == 75


def test_loading_twice_changes_nothing(up):
    again = load_uttar_pradesh()
    assert (again.created, again.updated) == (0, 0)
    assert again.unchanged == 94


def test_a_range_moved_under_a_zone_stays_there_after_reload(up):
    hq = Unit.objects.get(code="UP")
    zone = unit_create(kind=UnitKind.ZONE, code="Z-LUCKNOW", name_en="Lucknow Zone", parent=hq)
    unit_move(unit=Unit.objects.get(code="R-LUCKNOW"), parent=zone)
    load_uttar_pradesh()
    assert Unit.objects.get(code="D-162").path == "/UP/Z-LUCKNOW/R-LUCKNOW/D-162/"


def test_example_stations_and_handles_load_and_reload(up):
    first = load_units_csv(EXAMPLES / "police_stations.csv")
    assert first.created == 10
    assert load_units_csv(EXAMPLES / "police_stations.csv").unchanged == 10
    hazratganj = Unit.objects.get(code="PS-162-HAZRATGANJ")
    assert hazratganj.path == "/UP/R-LUCKNOW/D-162/PS-162-HAZRATGANJ/"
    assert load_handles_csv(EXAMPLES / "social_handles.csv").created == 5
    assert load_handles_csv(EXAMPLES / "social_handles.csv").unchanged == 5
    assert SocialHandle.objects.get(handle="uppolice").is_monitored


HEADER = "code,kind,name_en,name_hi,parent_code,aliases\n"


@pytest.mark.parametrize(
    ("body", "bad_lines"),
    [
        ("PS-1,police_station,Good,,D-162,\nPS-2,police_station,,,D-162,\n", [3]),
        ("PS-1,police_station,Good,,D-999,\n", [2]),
        ("PS-1,police_station,Good,,D-162,\nPS-1,police_station,Again,,D-162,\n", [3]),
        ("PS-1,thana,Good,,D-162,\nPS 2,police_station,Spaces,,D-162,\n", [2, 3]),
        ("PS-1,police_station,Under a range,,R-AGRA,\nOK-1,police_station,Fine,,D-118,\n", [2]),
        ("PS-1,police_station,Good,,D-162,\n\nPS-3,police_station,Bad,,nowhere,\n", [4]),
    ],
    ids=[
        "empty-name",
        "unknown-parent",
        "duplicate-code",
        "bad-kind-and-code",
        "wrong-parent-kind",
        "after-blank",
    ],
)
def test_a_bad_row_refuses_the_whole_file_with_line_numbers(up, body, bad_lines):
    before = Unit.objects.count()
    with pytest.raises(LoadError) as refused:
        load_units_csv(io.StringIO(HEADER + body))
    assert [error.line for error in refused.value.errors] == bad_lines
    assert Unit.objects.count() == before


def test_missing_columns_are_reported_on_line_one(up):
    with pytest.raises(LoadError) as refused:
        load_units_csv(io.StringIO("code,name\nPS-1,Somewhere\n"))
    assert refused.value.errors[0].line == 1
    assert "parent_code" in refused.value.errors[0].reason


def test_rows_may_name_parents_defined_earlier_in_the_file(up):
    body = (
        "DEPT-HOME,department,Home Department,गृह विभाग,UP,\n"
        "OFF-HOME-1,office,Secretariat,,DEPT-HOME,\n"
    )
    assert load_units_csv(io.StringIO(HEADER + body)).created == 2


def test_bad_handles_refuse_the_file(up):
    body = (
        "platform,handle,unit_code,monitored\n"
        "x,good_one,D-162,no\n"
        "x,bad handle,D-162,no\n"
        "mastodon,x,D-999,maybe\n"
    )
    with pytest.raises(LoadError) as refused:
        load_handles_csv(io.StringIO(body))
    assert [error.line for error in refused.value.errors] == [3, 4]
    assert not SocialHandle.objects.exists()


def test_commands_print_line_errors_and_fail(up, tmp_path, capsys):
    bad = tmp_path / "stations.csv"
    bad.write_text(HEADER + "PS-1,police_station,,,D-162,\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("load_units", str(bad))
    assert "line 2" in capsys.readouterr().err
    call_command("load_units", str(EXAMPLES / "police_stations.csv"), "--dry-run")
    assert not Unit.objects.filter(kind=UnitKind.POLICE_STATION).exists()
    call_command("load_up")
    call_command("load_handles", str(EXAMPLES / "social_handles.csv"))
