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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from seva.routing.detect.gazetteer import MIN_SOUND_KEY, Gazetteer, Place, PlaceKind
from seva.routing.detect.lexicon import all_terms
from seva.routing.detect.phonetic import sound_key
from seva.routing.detect.place_words import (
    COMMON_WORDS,
    CUES,
    EVERYDAY_WORDS,
    OTHER_STATES,
    PERSON_AFTER,
    PERSON_BEFORE,
    vocabulary,
)
from seva.routing.detect.text import place_key, words

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
# A district's handle tagged on purpose outweighs one place named in passing ("Hapur chungi"
# is in Ghaziabad; a Chowk is in every city).
TAGGED_HANDLE_WEIGHT = 1.5
PROFILE_FACTOR = 0.5
HISTORY_WEIGHT = 0.3
AMBIGUOUS_FACTOR = 0.4
CUE_FACTOR = 1.2
# A name found by its sound (another script, a spelling) or by a near spelling counts a little
# less than one written as the lists write it.
SOUND_FACTOR = 0.85
FUZZY_FACTOR = 0.75
# Words this short are not tried by sound or near spelling: too many ordinary words collide.
MIN_LOOSE_WORD = 4
MIN_FUZZY_WORD = 5
_LOOSE_STOP = frozenset(
    sound_key(word)
    for word in EVERYDAY_WORDS
    | CUES
    | {w for t in all_terms() for w in place_key(t.rstrip("*")).split()}
)


# The lexicons' stems ("मार*", "chor*"): a word that starts with one is a word, not a place.
_STEMS = tuple(sorted({place_key(t[:-1]) for t in all_terms() if t.endswith("*")}))


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
    how: str = ""  # "" written as listed, "sound" by its sound key, "fuzzy" a near spelling
    listed: str = ""  # the listed name's sound key a loose match stood for


def _matches(tokens: Sequence[str], gazetteer: Gazetteer) -> list[_Match]:
    """Longest-first, non-overlapping name matches in the token list: names as listed first;
    the words left over are then tried by sound, then (one word at a time) by near spelling."""
    found: list[_Match] = []
    covered = [False] * len(tokens)
    position = 0
    longest = min(gazetteer.max_words, 5)
    span_from = gazetteer.span_from
    count = len(tokens)
    while position < count:
        reach = span_from.get(tokens[position], 0)
        if not reach:  # most words start no name: the hot path
            position += 1
            continue
        for size in range(min(reach, longest, count - position), 0, -1):
            places = gazetteer.lookup_key(" ".join(tokens[position : position + size]))
            if places:
                found.append(_Match(position, position + size, places))
                covered[position : position + size] = [True] * size
                position += size
                break
        else:
            position += 1
    if not all(covered):
        found.extend(_loose_matches(tokens, covered, gazetteer))
        found.sort(key=lambda match: match.start)
    return found


# Words that sit next to a place name ("Merath se", "in Gaziabad", "jila Bulandsher"): a near
# spelling counts only beside one, so "deewar", "motor" and "kinare" stay words.
_PLACE_AFTER = vocabulary("me mein se ke ka ki police thana thane district distt jila zila city")
_PLACE_BEFORE = vocabulary("in at from near jila zila janpad district distt")


# "karwane ki koshish" is a verb, not a near spelling of Karwi; no district name ends so.
_VERB_ENDINGS = ("ne", "na", "ni")


def _placed(tokens: Sequence[str], position: int) -> bool:
    after = tokens[position + 1] if position + 1 < len(tokens) else ""
    before = tokens[position - 1] if position else ""
    return after in _PLACE_AFTER or before in _PLACE_BEFORE


@lru_cache(maxsize=65536)
def _loose_sound(token: str) -> str:
    """A word's sound key, or "" for an everyday or word-list word (never a place by sound)."""
    key = sound_key(token)
    return "" if key in _LOOSE_STOP else key


def _loose_matches(
    tokens: Sequence[str], covered: list[bool], gazetteer: Gazetteer
) -> list[_Match]:
    found: list[_Match] = []
    # Every word's key (a short word may end a name: "इंदिरा नगर"); a name must start with a
    # word of MIN_LOOSE_WORD letters or more.
    sounds = [
        "" if done else _loose_sound(token) for token, done in zip(tokens, covered, strict=True)
    ]
    position, count = 0, len(tokens)
    span_from = gazetteer.sound_span_from
    while position < count:
        sound = sounds[position]
        if not sound:  # covered already, or an everyday word
            position += 1
            continue
        if len(tokens[position]) < MIN_LOOSE_WORD or len(sound) < MIN_SOUND_KEY:
            if not tokens[position].isascii():  # short Latin words are too often words
                short = _short_place(tokens, position, sound, gazetteer)
                if short is not None:
                    found.append(short)
            position += 1
            continue
        reach = min(5, span_from.get(sound, 0), count - position)
        for size in range(reach, 0, -1):
            span = range(position, position + size)
            if not all(sounds[i] for i in span):  # a word covered already, or an everyday one
                continue
            places = gazetteer.lookup_sound(" ".join(sounds[i] for i in span))
            if size == 1:  # a vowel spelt differently: Haidargarh (block), Haidergarh (tehsil)
                places += tuple(
                    p for p in gazetteer.lookup_skeleton(sounds[position]) if p not in places
                )
            if places:
                found.append(_Match(position, position + size, places, "sound"))
                position += size
                break
        else:
            bones = gazetteer.lookup_skeleton(sounds[position]) or gazetteer.lookup_sound(
                _flapped_key(tokens[position])
            )
            if bones:
                found.append(_Match(position, position + 1, bones, "sound"))
            # Near spellings are tried for Latin words only: a Devanagari name is already
            # caught by its sound, and near Devanagari words are mostly other words.
            elif (
                len(tokens[position]) >= MIN_FUZZY_WORD
                and tokens[position].isascii()
                and not tokens[position].endswith(_VERB_ENDINGS)
                and _placed(tokens, position)
            ):
                near = gazetteer.lookup_fuzzy(sounds[position])
                if near is not None and near[1]:
                    found.append(_Match(position, position + 1, near[1], "fuzzy", near[0]))
            position += 1
    return found


def _flapped_key(token: str) -> str:
    """The sound key of a Devanagari word read with ड़/ढ़ as r, as Latin names write them
    (Rasra रसड़ा, Baraut बड़ौत): the text has lost the nukta that told ड़ from ड."""
    if "ड" not in token and "ढ" not in token:
        return ""
    return sound_key(token.replace("ड", "र").replace("ढ", "र"))


def _near(tokens: Sequence[str], match: _Match, vocabulary: frozenset[str], span: int) -> bool:
    before = tokens[max(0, match.start - span) : match.start]
    after = tokens[match.end : match.end + span]
    return any(token in vocabulary for token in (*before, *after))


_OF = frozenset({"ke", "ka", "ki", "of", "in", "के", "का", "की"})
_ROAD = frozenset(
    {"road", "rd", "marg", "highway", "expressway", "bypass", "बाईपास", "रोड", "हाईवे", "एक्सप्रेसवे"}
)


def _short_place(
    tokens: Sequence[str], position: int, sound: str, gazetteer: Gazetteer
) -> _Match | None:
    """A short Devanagari town or tehsil name (हाटा, मिलक, ओबरा) by its sound, only where the
    words around say a place is meant: the post starts with it, or "में/पर/के पास" follows, or
    a police word stands next to it."""
    token = tokens[position]
    if token.isascii() or len(token) < 3 or token in EVERYDAY_WORDS:
        return None
    places = gazetteer.lookup_short_sound(sound) or gazetteer.lookup_short_sound(
        _flapped_key(token)
    )
    if not places:
        return None
    match = _Match(position, position + 1, places, "sound")
    if position == 0 or _located(tokens, match) or _near(tokens, match, CUES, 2):
        return match
    return None


# "Tirwa me", "सासनी में", "milak ke paas": a word followed by "in"/"from"/"near" is a place,
# unless it is an everyday word ("ghar me").
_LOCATIVE = vocabulary("me mein se paas pe par में से पास पर")
_NEAR_WORDS = vocabulary(
    "tehsil thana chauraha crossing bazar bazaar market station tahsil "
    "तहसील थाना थाने चौराहे चौराहा बाजार बाज़ार स्टेशन कस्बे कस्बा हाईवे"
)


def _located(tokens: Sequence[str], match: _Match) -> bool:
    name = " ".join(tokens[match.start : match.end])
    after = tokens[match.end : match.end + 2]
    if sound_key(name) in _LOOSE_STOP or name in EVERYDAY_WORDS:
        return False
    if match.start == 0 and len(tokens) > 3:
        return True  # "करहल, मैं 11वीं में हूं": people begin with where they are
    signs_off = match.end == len(tokens) and len(tokens) > 3 and len(name) > 3
    if signs_off and not name.startswith(_STEMS):
        return True  # "..., तिलहर": or sign off with it (but "छापा मारें" ends with a verb)
    if not after:
        return False
    return after[0] in _LOCATIVE or after[0] in _NEAR_WORDS or tuple(after[1:]) == ("paas",)


def _names_a_road(tokens: Sequence[str], match: _Match, matches: list[_Match]) -> bool:
    """ "Kanpur Road", "Lucknow-Ayodhya highway", "आगरा-लखनऊ एक्सप्रेसवे": the road's ends."""
    end = match.end
    following = next((m for m in matches if m.start == end), None)
    if following is not None and following.end < len(tokens) and tokens[following.end] in _ROAD:
        end = following.end
    return end < len(tokens) and tokens[end] in _ROAD


def _beside_its_district(match: _Match, matches: list[_Match]) -> bool:
    """ "मऊ घोसी", "Ghosi, Mau": two names of one district side by side confirm each other."""
    districts = {place.district for place in match.places}
    return any(
        other is not match
        and (0 <= match.start - other.end <= 1 or 0 <= other.start - match.end <= 1)
        and districts & {place.district for place in other.places}
        for other in matches
    )


def _in_other_state(tokens: Sequence[str], match: _Match) -> bool:
    """ "Pratapgarh, Rajasthan" / "Hamirpur HP" / "राजस्थान के प्रतापगढ़"."""
    after = tokens[match.end : match.end + 1]
    before = tokens[max(0, match.start - 2) : match.start]
    return bool(after and after[0] in OTHER_STATES) or (
        len(before) == 2 and before[0] in OTHER_STATES and before[1] in _OF
    )


def _text_evidence(
    tokens: Sequence[str],
    gazetteer: Gazetteer,
    factor: float,
    label: str,
    scores: dict[str, float],
    reasons: list[str],
) -> None:
    matches = _matches(tokens, gazetteer)
    for match in matches:
        name = " ".join(tokens[match.start : match.end])
        after = tokens[match.end] if match.end < len(tokens) else ""
        before = tokens[match.start - 1] if match.start else ""
        if after in PERSON_AFTER or before in PERSON_BEFORE:
            reasons.append(f"'{name}' is part of a person's name here")
            continue
        if _in_other_state(tokens, match) or name in OTHER_STATES:
            reasons.append(f"'{name}' is outside Uttar Pradesh here")
            continue
        on_road = _names_a_road(tokens, match, matches)
        if on_road and any(p.kind in (PlaceKind.DISTRICT, PlaceKind.ALIAS) for p in match.places):
            # "Kanpur Road" runs through Lucknow; but "Bidhuna road" is near Bidhuna.
            reasons.append(f"'{name}' names a road here")
            continue
        if name in CUES:
            continue  # "kotwali" is a police station's word here, not the block of that name
        paired = _beside_its_district(match, matches)
        cued = _near(tokens, match, CUES, 2) or on_road or paired or _located(tokens, match)
        if name in COMMON_WORDS and not (paired or _near(tokens, match, CUES, 2)):
            continue  # an ordinary word unless a cue says it is the place
        loose = {"": 1.0, "sound": SOUND_FACTOR, "fuzzy": FUZZY_FACTOR}[match.how]
        best: dict[str, tuple[float, Place]] = {}
        for place in match.places:
            if place.kind in MINOR_KINDS and " " not in name and len(name) < 6 and not cued:
                continue  # short village and block names are often ordinary words ("rahi")
            if match.how and place.kind in MINOR_KINDS and name.isascii():
                continue  # Latin words sounding like a village are mostly English ("friend")
            if (
                place.kind == PlaceKind.BLOCK
                and (match.how or len(name) < 6)
                and not _near(tokens, match, CUES, 2)
            ):
                continue  # blocks share names with words and villages ("kone", "dubai")
            weight = KIND_WEIGHT[place.kind] * factor * loose
            if place.ambiguous:
                weight *= AMBIGUOUS_FACTOR
            if cued:
                weight *= CUE_FACTOR
            if weight > best.get(place.district, (0.0, place))[0]:
                best[place.district] = (weight, place)
        for district, (weight, place) in best.items():
            scores[district] += weight
            how = {"": "", "sound": ", by its sound", "fuzzy": ", a near spelling"}[match.how]
            reasons.append(f"{label} names '{name}' ({place.kind.value} of {district}{how})")


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
