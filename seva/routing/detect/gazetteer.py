"""The gazetteer: every known name of a place in UP, mapped to its district.

Built from plain rows (see `seva.routing.gazetteer_data` for the shipped data); looked up by
the normalised key of one to `max_words` words. A name can point at several districts (Akbarpur
is the HQ of both Ambedkar Nagar and Kanpur Dehat); such entries are marked ambiguous and the
district detector weighs them down.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from seva.routing.detect.text import place_key


class PlaceKind(StrEnum):
    DISTRICT = "district"  # the district's own name, English or Hindi
    ALIAS = "alias"  # old names and spellings: Allahabad, Faizabad, Ilahabad
    TEHSIL = "tehsil"
    BLOCK = "block"
    TOWN = "town"
    CONSTITUENCY = "constituency"
    LOCALITY = "locality"  # what officers know: Hazratganj, Indirapuram, Sector 62
    STATION = "station"  # police stations once loaded
    HANDLE = "handle"  # a district's social handle


@dataclass(frozen=True, slots=True)
class Place:
    name: str  # as written in the source
    district: str  # the district's English name as in up_districts.csv
    kind: PlaceKind
    ambiguous: bool = False


class Gazetteer:
    """An index from normalised names to places."""

    def __init__(self, places: Iterable[Place]) -> None:
        index: dict[str, list[Place]] = {}
        for place in places:
            key = place_key(place.name)
            if key:
                entries = index.setdefault(key, [])
                # One entry per (district, kind): "Banda", "BANDA" and "banda" are one fact.
                if not any((p.district, p.kind) == (place.district, place.kind) for p in entries):
                    entries.append(place)
                elif place.ambiguous:
                    entries[:] = [
                        Place(p.name, p.district, p.kind, ambiguous=True)
                        if (p.district, p.kind) == (place.district, place.kind)
                        else p
                        for p in entries
                    ]
        # A name shared by places in different districts is ambiguous whatever its source says.
        self._index: dict[str, tuple[Place, ...]] = {}
        for key, entries in index.items():
            districts = {place.district for place in entries}
            if len(districts) > 1:
                entries = [Place(p.name, p.district, p.kind, ambiguous=True) for p in entries]
            self._index[key] = tuple(entries)
        # Handles and hashtags run words together (#kanpurnagar): index those spellings too.
        self._compact: dict[str, tuple[Place, ...]] = {}
        for key, places in self._index.items():
            compact = key.replace(" ", "")
            known = self._compact.get(compact, ())
            self._compact[compact] = known + tuple(p for p in places if p not in known)
        # For each first word of a longer name, how many words its longest name has: the
        # matcher only tries longer spans where one could start.
        self.span_from: dict[str, int] = {}
        for key in self._index:
            first, size = key.split(" ", 1)[0], key.count(" ") + 1
            self.span_from[first] = max(size, self.span_from.get(first, 1))
        self.max_words = max((key.count(" ") + 1 for key in self._index), default=1)

    def __len__(self) -> int:
        return len(self._index)

    def lookup(self, name: str) -> tuple[Place, ...]:
        return self._index.get(place_key(name), ())

    def lookup_key(self, key: str) -> tuple[Place, ...]:
        """Look up an already normalised key (the detectors' hot path)."""
        return self._index.get(key, ())

    def lookup_compact(self, name: str) -> tuple[Place, ...]:
        """Look up a name written without spaces, as in a handle or hashtag."""
        return self._compact.get(place_key(name).replace(" ", ""), ())

    def districts(self) -> set[str]:
        return {place.district for places in self._index.values() for place in places}
