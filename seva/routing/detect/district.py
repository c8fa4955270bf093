"""Which UP district a post is about, with a confidence and the reasons an officer would give.

Evidence, strongest first: a place named in the text (a district, an old name, a police
station or locality, a tehsil, town, block or constituency), a district handle the post tags,
the author's profile location, and the districts of the author's earlier complaints. Each
piece adds weight to its district; the heaviest wins. Traps handled on the way:
- names that are ordinary words ("banda" = a fellow, "basti" = a settlement, "mau") count
  only next to a cue such as jila, janpad, district, thana or police;
- a name followed by a personal name ("Mathura Prasad") or preceded by an honorific is a person;
- a name next to another state ("Pratapgarh, Rajasthan", "Hamirpur HP") is outside UP;
- the longest name wins ("Kanpur Dehat" over "Kanpur").
No evidence gives no district.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from seva.routing.detect.gazetteer import Gazetteer, Place, PlaceKind
from seva.routing.detect.text import place_key, words


def _vocabulary(text: str) -> frozenset[str]:
    return frozenset(text.split())


CUES = _vocabulary(
    "jila jilla zila zilla janpad district distt dist thana thane police ps kotwali chowki "
    "chauki city sp ssp जिला जिले जनपद थाना थाने पुलिस कोतवाली चौकी शहर"
)
COMMON_WORDS = _vocabulary("banda basti mau sambhal बंदा बस्ती मऊ संभल")
PERSON_AFTER = _vocabulary(
    "prasad devi singh lal nath kumar kumari das chand sharan ram प्रसाद देवी सिंह लाल नाथ कुमार"
)
PERSON_BEFORE = _vocabulary("shri sri smt mr mrs ms dr श्री श्रीमती")
OTHER_STATES = _vocabulary(
    "rajasthan himachal hp bihar mp madhya maharashtra haryana punjab uttarakhand gujarat "
    "delhi jharkhand chhattisgarh राजस्थान हिमाचल बिहार मध्य हरियाणा पंजाब उत्तराखंड दिल्ली"
)
KIND_WEIGHT: Mapping[PlaceKind, float] = {
    PlaceKind.DISTRICT: 1.0,
    PlaceKind.ALIAS: 0.95,
    PlaceKind.STATION: 0.9,
    PlaceKind.LOCALITY: 0.9,
    PlaceKind.HANDLE: 0.9,
    PlaceKind.TEHSIL: 0.7,
    PlaceKind.TOWN: 0.7,
    PlaceKind.CONSTITUENCY: 0.6,
    PlaceKind.BLOCK: 0.5,
}
MINOR_KINDS = frozenset({PlaceKind.TEHSIL, PlaceKind.TOWN, PlaceKind.BLOCK, PlaceKind.CONSTITUENCY})
TAGGED_HANDLE_WEIGHT = 0.9
PROFILE_FACTOR = 0.5
HISTORY_WEIGHT = 0.3
AMBIGUOUS_FACTOR = 0.4
CUE_FACTOR = 1.2


@dataclass(frozen=True)
class DistrictGuess:
    district: str | None
    confidence: float
    reasons: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    places: tuple[Place, ...]


def _matches(tokens: list[str], gazetteer: Gazetteer) -> list[_Match]:
    """Longest-first, non-overlapping name matches in the token list."""
    found: list[_Match] = []
    position = 0
    longest = min(gazetteer.max_words, 5)
    while position < len(tokens):
        reach = min(longest, gazetteer.span_from.get(tokens[position], 0))
        for size in range(min(reach, len(tokens) - position), 0, -1):
            places = gazetteer.lookup_key(" ".join(tokens[position : position + size]))
            if places:
                found.append(_Match(position, position + size, places))
                position += size
                break
        else:
            position += 1
    return found


def _near(tokens: list[str], match: _Match, vocabulary: frozenset[str], span: int) -> bool:
    window = tokens[max(0, match.start - span) : match.start] + tokens[match.end : match.end + span]
    return any(token in vocabulary for token in window)


_OF = frozenset({"ke", "ka", "ki", "of", "in", "के", "का", "की"})
_ROAD = frozenset({"road", "rd", "marg", "highway", "expressway", "बाईपास", "रोड", "bypass"})


def _in_other_state(tokens: list[str], match: _Match) -> bool:
    """ "Pratapgarh, Rajasthan" / "Hamirpur HP" / "राजस्थान के प्रतापगढ़"."""
    after = tokens[match.end : match.end + 1]
    before = tokens[max(0, match.start - 2) : match.start]
    return bool(after and after[0] in OTHER_STATES) or (
        len(before) == 2 and before[0] in OTHER_STATES and before[1] in _OF
    )


def _text_evidence(
    tokens: list[str],
    gazetteer: Gazetteer,
    factor: float,
    label: str,
    scores: dict[str, float],
    reasons: list[str],
) -> None:
    for match in _matches(tokens, gazetteer):
        name = " ".join(tokens[match.start : match.end])
        after = tokens[match.end] if match.end < len(tokens) else ""
        before = tokens[match.start - 1] if match.start else ""
        if after in PERSON_AFTER or before in PERSON_BEFORE:
            reasons.append(f"'{name}' is part of a person's name here")
            continue
        if _in_other_state(tokens, match):
            reasons.append(f"'{name}' is outside Uttar Pradesh here")
            continue
        if match.end < len(tokens) and tokens[match.end] in _ROAD:
            reasons.append(f"'{name}' names a road here")
            continue
        cued = _near(tokens, match, CUES, 2)
        if name in COMMON_WORDS and not cued:
            continue  # an ordinary word unless a cue says it is the place
        best: dict[str, tuple[float, Place]] = {}
        for place in match.places:
            if place.kind in MINOR_KINDS and " " not in name and len(name) < 6 and not cued:
                continue  # short village and block names are often ordinary words ("rahi")
            weight = KIND_WEIGHT[place.kind] * factor
            if place.ambiguous:
                weight *= AMBIGUOUS_FACTOR
            if cued:
                weight *= CUE_FACTOR
            if weight > best.get(place.district, (0.0, place))[0]:
                best[place.district] = (weight, place)
        for district, (weight, place) in best.items():
            scores[district] += weight
            reasons.append(f"{label} names '{name}' ({place.kind.value} of {district})")


def detect_district(
    *,
    text: str,
    gazetteer: Gazetteer,
    mentions: Iterable[str] = (),
    handle_districts: Mapping[str, str] | None = None,
    author_location: str | None = None,
    earlier_districts: Iterable[str] = (),
) -> DistrictGuess:
    """The district a post is about, or None when nothing points anywhere in UP."""
    scores: dict[str, float] = defaultdict(float)
    reasons: list[str] = []
    _text_evidence(words(text), gazetteer, 1.0, "the post", scores, reasons)
    for handle in mentions:
        district = (handle_districts or {}).get(place_key(handle).replace(" ", "_"))
        if district:
            scores[district] += TAGGED_HANDLE_WEIGHT
            reasons.append(f"the post tags @{handle} ({district})")
    if author_location:
        _text_evidence(
            words(author_location), gazetteer, PROFILE_FACTOR, "the profile", scores, reasons
        )
    for district in earlier_districts:
        scores[district] += HISTORY_WEIGHT
        reasons.append(f"an earlier complaint of this author was in {district}")
    if not scores:
        return DistrictGuess(None, 0.0, tuple(reasons) or ("no place in Uttar Pradesh named",))
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    best, top = ranked[0]
    total = sum(scores.values())
    # Strong evidence for one district and little for others gives a high confidence.
    confidence = round(min(1.0, top) * top / total, 3)
    return DistrictGuess(best, confidence, tuple(reasons))
