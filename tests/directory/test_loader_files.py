"""More of the loaders' contract: what a reload keeps, and how malformed files are refused."""

import io
import time

import pytest

from seva.directory.loaders import LoadError, load_handles_csv, load_units_csv, load_uttar_pradesh
from seva.directory.models import SocialHandle, Unit, UnitKind

UNITS = "code,kind,name_en,name_hi,parent_code,aliases\n"
HANDLES = "platform,handle,unit_code,monitored\n"


@pytest.fixture
def up(db):
    started = time.perf_counter()
    load_uttar_pradesh()
    # The demo and every test that needs real districts pay for this; keep it cheap.
    assert time.perf_counter() - started < 2


def _refused_lines(source) -> list[int]:
    before = Unit.objects.count()
    with pytest.raises(LoadError) as refused:
        load_units_csv(source)
    assert Unit.objects.count() == before  # nothing half-loaded
    return [error.line for error in refused.value.errors]


def test_a_reload_touches_no_row(up):
    stamps = dict(Unit.objects.values_list("code", "updated_at"))
    report = load_uttar_pradesh()
    assert (report.created, report.updated) == (0, 0)
    assert dict(Unit.objects.values_list("code", "updated_at")) == stamps


def test_district_attributes_and_ambiguous_aliases(up):
    lucknow = Unit.objects.get(code="D-162")
    assert lucknow.attributes["police_unit"] == "commissionerate"
    assert lucknow.attributes["division"] == "Lucknow"
    assert "लखनऊ" not in lucknow.aliases  # the Hindi name is a name, not an alias
    ambedkar_nagar = Unit.objects.get(name_en="Ambedkar Nagar")
    assert "akbarpur" in ambedkar_nagar.aliases
    assert "akbarpur" in ambedkar_nagar.attributes["ambiguous_aliases"]
    every_alias = [alias for unit in Unit.objects.all() for alias in unit.aliases]
    assert not [alias for alias in every_alias if alias.endswith("*")]


def test_a_changed_name_updates_the_unit_without_duplicating_it(up):
    load_units_csv(io.StringIO(UNITS + "PS-162-CHOWK,police_station,Chowk,,D-162,\n"))
    report = load_units_csv(
        io.StringIO(UNITS + "PS-162-CHOWK,police_station,Chowk,चौक,D-162,chowk kotwali\n")
    )
    assert (report.created, report.updated) == (0, 1)
    chowk = Unit.objects.get(code="PS-162-CHOWK")
    assert (chowk.name_hi, chowk.aliases) == ("चौक", ["chowk kotwali"])


def test_a_bom_and_bytes_are_accepted(up):
    data = ("\ufeff" + UNITS + "PS-118-TAJGANJ,police_station,Tajganj,ताजगंज,D-118,\n").encode()
    assert load_units_csv(io.BytesIO(data)).created == 1


def test_dry_run_writes_nothing(up):
    report = load_units_csv(
        io.StringIO(UNITS + "PS-118-TAJGANJ,police_station,Tajganj,,D-118,\n"), dry_run=True
    )
    assert report.created == 1
    assert not Unit.objects.filter(kind=UnitKind.POLICE_STATION).exists()


def test_rows_of_the_wrong_shape_are_refused_by_line(up):
    body = (
        "PS-1,police_station,Good,,D-162,\n"
        "PS-2,police_station,Sector 20, Noida,,D-144,\n"  # an unquoted comma
        "PS-3,police_station\n"
        'PS-4,police_station,"Sector 20, Noida",,D-144,\n'  # quoted: fine
    )
    assert _refused_lines(io.StringIO(UNITS + body)) == [3, 4]


def test_a_file_that_is_not_utf8_is_refused_at_its_line(up):
    # Saved from a spreadsheet as Windows-1252: "é" is one byte that UTF-8 cannot read.
    data = (UNITS + "PS-1,police_station,Good,,D-162,\nPS-2,police_station,Café,,D-162,\n").encode(
        "cp1252"
    )
    assert _refused_lines(io.BytesIO(data)) == [3]


def test_an_existing_unit_of_another_kind_is_refused(up):
    body = "D-162,police_station,Lucknow,,D-162,\nUP,zone,Zone,,UP,\n"
    assert _refused_lines(io.StringIO(UNITS + body)) == [2, 3]


def test_an_office_under_a_police_station_is_refused(up):
    body = (
        "PS-1,police_station,Good,,D-162,\n"
        "OFF-1,office,Records room,,PS-1,\n"
        "DEPT-1,department,Home,,D-162,\n"
    )
    assert _refused_lines(io.StringIO(UNITS + body)) == [3, 4]


def test_handles_reload_moves_a_handle_to_its_new_unit(up):
    load_handles_csv(io.StringIO(HANDLES + "x,@LucknowPolice,D-162,no\n"))
    report = load_handles_csv(io.StringIO(HANDLES + "x,lucknowpolice,UP,yes\n"))
    assert (report.created, report.updated) == (0, 1)
    handle = SocialHandle.objects.get(handle="lucknowpolice")
    assert (handle.unit.code, handle.is_monitored) == ("UP", True)


def test_bad_handle_rows_are_all_named(up):
    body = (
        "x,good_one,D-162,no\n"
        "x,,D-162,no\n"
        "x,good_one,D-118,no\n"  # the same handle twice
        "x,agrapolice,D-118\n"  # a short row
        "x,two words,nowhere,no\n"
    )
    with pytest.raises(LoadError) as refused:
        load_handles_csv(io.StringIO(HANDLES + body))
    assert [error.line for error in refused.value.errors] == [3, 4, 5, 6]
    assert "not a known unit" in str(refused.value)
    assert not SocialHandle.objects.exists()
