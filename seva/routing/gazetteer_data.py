"""Build the gazetteer from the data the project ships in data/geo (see its README)."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from seva.routing.detect.gazetteer import Gazetteer, Place, PlaceKind

GEO_DIR = Path(__file__).resolve().parents[2] / "data" / "geo"


def _rows(name: str) -> list[dict[str, str]]:
    with (GEO_DIR / name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


_IN_BRACKETS = re.compile(r"\((.+?)\)")


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def shipped_places() -> Iterator[Place]:
    districts = {row["lgd_code"]: row["name"] for row in _rows("up_districts.csv")}
    for row in _rows("up_districts.csv"):
        name = row["name"]
        for own in [name, row["name_lgd"], row["name_hi"], *_split(row["name_hi_alt"])]:
            yield Place(own, name, PlaceKind.DISTRICT)
    for row in _rows("up_district_aliases.csv"):
        kind = PlaceKind.DISTRICT if row["kind"] in ("name", "name_hi") else PlaceKind.ALIAS
        yield Place(row["alias"], row["district"], kind, ambiguous=row["ambiguous"] == "y")
    for row in _rows("up_subdistricts_lgd.csv"):
        yield Place(row["subdistrict_name"], row["district"], PlaceKind.TEHSIL)
    for row in _rows("up_blocks_lgd.csv"):
        yield Place(row["block_name"], row["district"], PlaceKind.BLOCK)
    for row in _rows("up_urban_local_bodies_lgd.csv"):
        codes = _split(row["district_lgd_codes"])
        if len(codes) != 1 or codes[0] not in districts:
            continue  # a body spanning districts, or with none, says nothing on its own
        district = districts[codes[0]]
        # "Phulpur (Azamgarh)" is listed under Prayagraj's code: the name's own district wins.
        named = _IN_BRACKETS.search(row["name"])
        if named and named.group(1) in districts.values():
            district = named.group(1)
        for town in [row["name"], row["name_local"]]:
            if town:
                yield Place(town, district, PlaceKind.TOWN)
    for row in _rows("up_assembly_constituencies.csv"):
        yield Place(row["ac_name"], row["district"], PlaceKind.CONSTITUENCY)
    for row in _rows("up_localities.csv"):
        yield Place(row["place"], row["district"], PlaceKind(row["kind"]))


@cache
def shipped_gazetteer() -> Gazetteer:
    """The gazetteer of the shipped data, built once per process."""
    return Gazetteer(shipped_places())
