"""The gazetteer a deployment uses: the shipped places plus the police stations loaded into
its directory (their English and Hindi names and aliases, each pointing to its district).

Stations change rarely; the gazetteer is rebuilt when the set of active stations changes
(checked with one small query), so a station an administrator adds is known to the next
intake batch without a restart.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from django.db.models import Count, Max

from seva.directory.models import Unit, UnitKind
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


@lru_cache(maxsize=1)
def _built(version: tuple[int, str]) -> Gazetteer:
    stations = list(_station_places())
    if not stations:
        return shipped_gazetteer()
    return Gazetteer([*shipped_places(), *stations])


def deployment_gazetteer() -> Gazetteer:
    stats = Unit.objects.filter(kind=UnitKind.POLICE_STATION).aggregate(
        n=Count("id"), last=Max("updated_at")
    )
    return _built((int(stats["n"] or 0), str(stats["last"])))
