"""The gazetteer a deployment uses: the shipped places, plus the police stations loaded into
its directory (their English and Hindi names and aliases, each pointing to its district), plus
the place names administrators add (`PlaceName`: markets, crossings, local spellings).

These change rarely; the gazetteer is rebuilt when either set changes (checked with two small
queries), so what an administrator adds is known to the next intake batch without a restart.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from django.db.models import Count, Max

from seva.directory.models import PlaceName, PlaceNameKind, Unit, UnitKind
from seva.routing.detect.gazetteer import Gazetteer, Place, PlaceKind
from seva.routing.gazetteer_data import shipped_gazetteer, shipped_places


def _station_places() -> Iterator[Place]:
    districts = {
        u.path: u.name_en
        for u in Unit.objects.filter(kind=UnitKind.DISTRICT).only("path", "name_en")
    }
    for station in Unit.objects.filter(kind=UnitKind.POLICE_STATION, is_active=True):
        district = next(
            (name for path, name in districts.items() if station.path.startswith(path)), None
        )
        if district is None:
            continue
        names = [station.name_en, station.name_hi, *(station.aliases or [])]
        for name in names:
            if isinstance(name, str) and name.strip():
                yield Place(name.strip(), district, PlaceKind.STATION)


_KINDS = {
    PlaceNameKind.LOCALITY: PlaceKind.LOCALITY,
    PlaceNameKind.ALIAS: PlaceKind.ALIAS,
    PlaceNameKind.TOWN: PlaceKind.TOWN,
}


def _added_places() -> Iterator[Place]:
    rows = PlaceName.objects.filter(is_active=True, district__is_active=True).values_list(
        "name", "district__name_en", "kind"
    )
    for name, district, kind in rows:
        yield Place(name, district, _KINDS.get(PlaceNameKind(kind), PlaceKind.LOCALITY))


@lru_cache(maxsize=1)
def _built(version: tuple[int, str, int, str]) -> Gazetteer:
    extra = [*_station_places(), *_added_places()]
    if not extra:
        return shipped_gazetteer()
    return Gazetteer([*shipped_places(), *extra])


def deployment_gazetteer() -> Gazetteer:
    stations = Unit.objects.filter(kind=UnitKind.POLICE_STATION).aggregate(
        n=Count("id"), last=Max("updated_at")
    )
    added = PlaceName.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    return _built(
        (
            int(stations["n"] or 0),
            str(stations["last"]),
            int(added["n"] or 0),
            str(added["last"]),
        )
    )
