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
from functools import lru_cache

from rapidfuzz import fuzz, process

from seva.routing.detect.phonetic import sound_key_of
from seva.routing.detect.text import place_key

# Sound keys shorter than this collide with ordinary words ("ghar" and "Agra" are both "gr").
MIN_SOUND_KEY = 4
# A vowel-blind key (the sound key without i and u) finds long names whose vowels people write
# differently (कर्नलगंज, Karnailganj); shorter skeletons collide with ordinary words.
MIN_SKELETON = 5
# How alike a misspelt name's sound key must be to a district's (rapidfuzz ratio, 0-100).
FUZZY_CUTOFF = 88.0


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


# Kinds a short sound key may stand for (blocks and constituencies share too many names with
# villages and words).
_SHORT_KINDS = frozenset(
    {PlaceKind.DISTRICT, PlaceKind.ALIAS, PlaceKind.TEHSIL, PlaceKind.TOWN, PlaceKind.LOCALITY}
)


def latin_spellings(key: str) -> set[str]:
    """A Latin name's spellings to index by sound: its "rh" is ढ़ in Pratapgarh (प्रतापगढ़) but
    र and ह in Barhaj (बरहज)."""
    return {key, key.replace("rh", "r")}


@lru_cache(maxsize=65536)
def skeleton(sound: str) -> str:
    """A sound key without its vowels after the first letter."""
    return sound[:1] + sound[1:].replace("i", "").replace("u", "")


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
        self._index_sounds()

    def _index_sounds(self) -> None:
        """Sound keys (phonetic.py) of every name, so a Devanagari post finds a Latin-only
        name and a misspelling finds the right one; and, for fuzzy matching, the sound keys
        of district names and old names bucketed by first letter."""
        sounds: dict[str, list[Place]] = {}
        short: dict[str, list[Place]] = {}
        skeletons: dict[str, list[Place]] = {}
        for key, places in self._index.items():
            spellings = latin_spellings(key) if key.isascii() else {key}
            found = {sound_key_of(spelling) for spelling in spellings}
            # One word in a post for a name of two ("सिकंदराराऊ", Sikandra Rao).
            found |= {sound_key_of(spelling.replace(" ", "")) for spelling in spellings}
            for sound in found:
                letters = len(sound.replace(" ", ""))
                if letters < MIN_SOUND_KEY:
                    # Short one-word names (हाटा, मिलक, ओबरा) are kept apart: the district
                    # detector uses them only where the words around say a place is meant.
                    if letters >= 2 and " " not in sound:
                        kept = short.setdefault(sound, [])
                        kept.extend(p for p in places if p.kind in _SHORT_KINDS and p not in kept)
                    continue
                known = sounds.setdefault(sound, [])
                known.extend(p for p in places if p not in known)
                if " " not in sound and len(skeleton(sound)) >= MIN_SKELETON:
                    bones = skeletons.setdefault(skeleton(sound), [])
                    bones.extend(p for p in places if p not in bones)
        self._skeleton = {
            bones: tuple(entries)
            for bones, entries in skeletons.items()
            if len({p.district for p in entries}) == 1
        }
        self._short_sound = {
            sound: tuple(
                Place(p.name, p.district, p.kind, ambiguous=True)
                if len({q.district for q in entries}) > 1
                else p
                for p in entries
            )
            for sound, entries in short.items()
            if entries
        }
        self._sound: dict[str, tuple[Place, ...]] = {}
        for sound, entries in sounds.items():
            if len({p.district for p in entries}) > 1:
                entries = [Place(p.name, p.district, p.kind, ambiguous=True) for p in entries]
            self._sound[sound] = tuple(entries)
        self.sound_span_from: dict[str, int] = {}
        for sound in self._sound:
            first, size = sound.split(" ", 1)[0], sound.count(" ") + 1
            self.sound_span_from[first] = max(size, self.sound_span_from.get(first, 1))
        self._fuzzy: dict[str, list[str]] = {}
        for sound, known_places in self._sound.items():
            if " " not in sound and any(
                p.kind in (PlaceKind.DISTRICT, PlaceKind.ALIAS) and not p.ambiguous
                for p in known_places
            ):
                self._fuzzy.setdefault(sound[0], []).append(sound)

    def lookup_short_sound(self, sound: str) -> tuple[Place, ...]:
        """Towns, tehsils and localities whose one-word name has a short sound key."""
        return self._short_sound.get(sound, ())

    def lookup_skeleton(self, sound: str) -> tuple[Place, ...]:
        """Places of one district whose long one-word name has this word's consonants."""
        bones = skeleton(sound)
        return self._skeleton.get(bones, ()) if len(bones) >= MIN_SKELETON else ()

    def lookup_sound(self, sound: str) -> tuple[Place, ...]:
        """Places whose name sounds like `sound` (a key from phonetic.sound_key_of)."""
        return self._sound.get(sound, ())

    def lookup_fuzzy(self, sound: str) -> tuple[str, tuple[Place, ...]] | None:
        """The district (or old district name) whose one-word sound key is nearest to
        `sound`, when it is near enough: misspellings such as "Merath" for Meerut."""
        if len(sound) < MIN_SOUND_KEY:
            return None
        found = process.extractOne(
            sound, self._fuzzy.get(sound[0], ()), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
        )
        if found is None:
            return None
        return found[0], tuple(
            p for p in self._sound[found[0]] if p.kind in (PlaceKind.DISTRICT, PlaceKind.ALIAS)
        )

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
