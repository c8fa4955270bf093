"""Load Uttar Pradesh from the data the project ships (data/geo, see its README for credits).

State HQ → one range per revenue division → the 75 districts. UP Police's 18 ranges coincide
with the 18 revenue divisions, so the division list gives the ranges. Zones are not in the
shipped data; an administrator may add them and move ranges under them, and reloading keeps
that. Idempotent: a second run reports everything unchanged.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from seva.directory.loaders.report import LoadReport
from seva.directory.loaders.upsert import unit_upsert
from seva.directory.models import Unit, UnitKind

HQ_CODE = "UP"


def geo_dir() -> Path:
    return Path(settings.BASE_DIR) / "data" / "geo"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        return list(csv.DictReader(lines))


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def range_code(division: str) -> str:
    return "R-" + division.upper().replace(" ", "-")


def _district_aliases(row: dict[str, str], extra: list[str]) -> tuple[list[str], list[str]]:
    """Aliases without the ambiguity marker, and which of them were marked ambiguous."""
    names: list[str] = []
    ambiguous: list[str] = []
    for alias in [
        *_split(row["aliases"]),
        *_split(row["aliases_hi"]),
        *_split(row["name_hi_alt"]),
        *extra,
    ]:
        clean = alias.rstrip("*").strip()
        if alias.endswith("*") and clean not in ambiguous:
            ambiguous.append(clean)
        if clean and clean not in names:
            names.append(clean)
    return names, ambiguous


@transaction.atomic
def load_uttar_pradesh(*, data_dir: Path | None = None) -> LoadReport:
    """Create or refresh HQ, the 18 ranges and the 75 districts. Returns what changed."""
    folder = data_dir or geo_dir()
    report = LoadReport()
    ours = Q(code=HQ_CODE) | Q(code__startswith="R-") | Q(code__startswith="D-")
    existing = {unit.code: unit for unit in Unit.objects.filter(ours)}
    hq = unit_upsert(
        report,
        code=HQ_CODE,
        kind=UnitKind.STATE_HQ,
        parent=None,
        existing=existing,
        fields={
            "name_en": "Uttar Pradesh Police HQ",
            "name_hi": "उत्तर प्रदेश पुलिस मुख्यालय",
            "code_prefix": settings.SEVA_HQ_CODE_PREFIX,
        },
    )
    ranges: dict[str, Unit] = {}
    for row in _rows(folder / "up_divisions.csv"):
        ranges[row["division"]] = unit_upsert(
            report,
            code=range_code(row["division"]),
            kind=UnitKind.RANGE,
            parent=hq,
            existing=existing,
            fields={
                "name_en": f"{row['division']} Range",
                "name_hi": f"{row['division_hi']} परिक्षेत्र",
                "attributes": {"division": row["division"], "division_hq": row["division_hq"]},
            },
        )
    prefixes = {
        row["lgd_code"]: row["code_prefix"]
        for row in _rows(folder / "up_district_code_prefixes.csv")
    }
    extra_aliases: dict[str, list[str]] = {}
    for row in _rows(folder / "up_district_aliases.csv"):
        if row["kind"] not in ("name", "name_hi"):  # those are the names themselves
            # Carry this file's ambiguity flag in the same `*` notation up_districts.csv uses.
            marker = "*" if row["ambiguous"] == "y" else ""
            extra_aliases.setdefault(row["lgd_code"], []).append(row["alias"] + marker)
    for row in _rows(folder / "up_districts.csv"):
        aliases, ambiguous = _district_aliases(row, extra_aliases.get(row["lgd_code"], []))
        attributes: dict[str, Any] = {
            "division": row["division"],
            "hq_town": row["hq"],
            "police_unit": row["police_unit"],
            "label_point": [float(row["label_lon"]), float(row["label_lat"])],
        }
        if ambiguous:
            attributes["ambiguous_aliases"] = ambiguous
        unit_upsert(
            report,
            code=f"D-{row['lgd_code']}",
            kind=UnitKind.DISTRICT,
            parent=ranges[row["division"]],
            existing=existing,
            fields={
                "name_en": row["name"],
                "name_hi": row["name_hi"],
                "lgd_code": int(row["lgd_code"]),
                "code_prefix": prefixes[row["lgd_code"]],
                "aliases": aliases,
                "attributes": attributes,
            },
        )
    return report
