"""Grievance or not, category and urgency, from the lexicons, with reasons.

Scores count matched terms; a post is a grievance when its complaint words (or a category's
words) outweigh the praise/news/chatter words. Urgency needs danger words *and* a grievance.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from seva.routing.detect.lexicon import (
    CATEGORY_PRIORITY,
    CATEGORY_TERMS,
    CHILD_TERMS,
    DANGER_TERMS,
    DISPATCH_TERMS,
    GRIEVANCE_TERMS,
    HELD_NOW_TERMS,
    MINOR_TERMS,
    MISSING_NOW_TERMS,
    NON_GRIEVANCE_TERMS,
    NOW_TERMS,
    OBJECT_TERMS,
    PERSON_TERMS,
    PROGRESSIVE_MARKERS,
    RECENT_TERMS,
    SMS_SPELLINGS,
    STALE_TERMS,
    URGENT_BY_NATURE_TERMS,
)
from seva.routing.detect.matcher import TermIndex
from seva.routing.detect.text import words


@dataclass(frozen=True)
class Label:
    value: str | bool | None
    confidence: float
    reasons: tuple[str, ...]


# Every list read in one pass over the post's words (matcher.py). The categories are one group:
# at a word, the first category listing a term there takes it, as the old single pattern did.
_GROUPS = {
    "category": tuple(CATEGORY_TERMS.items()),
    "grievance": (("grievance", GRIEVANCE_TERMS),),
    "chatter": (("chatter", NON_GRIEVANCE_TERMS),),
    "by_nature": (("by_nature", URGENT_BY_NATURE_TERMS),),
    "now": (("now", NOW_TERMS),),
    "danger": (("danger", DANGER_TERMS),),
    "stale": (("stale", STALE_TERMS),),
    "dispatch": (("dispatch", DISPATCH_TERMS),),
    "held_now": (("held_now", HELD_NOW_TERMS),),
    "missing_now": (("missing_now", MISSING_NOW_TERMS),),
    "child": (("child", CHILD_TERMS),),
    "minor": (("minor", MINOR_TERMS),),
    "recent": (("recent", RECENT_TERMS),),
    "object": (("object", OBJECT_TERMS),),
    "person": (("person", PERSON_TERMS + CHILD_TERMS),),
}
_INDEX = TermIndex(_GROUPS)
_NOW_INDEX = TermIndex({"now": _GROUPS["now"]})
# "14 saal ki", "16 years old", "(16)", "12 वर्ष": an age under 18.
_MINOR_AGE = re.compile(r"(?<!\d)(?:[1-9]|1[0-7])(?:\s*(?:saal|sal|years?|yrs?|yr|साल|वर्ष)|\))")
_HARM_TO_PERSON = ("assault_violence", "women_safety", "missing_kidnapping")


def _alternation(terms: tuple[str, ...]) -> str:
    """Stems ('chor*') match a word's start; words and phrases match whole words."""
    parts = [
        re.escape(term[:-1]) + r"\S*" if term.endswith("*") else re.escape(term)
        for term in sorted(terms, key=len, reverse=True)
    ]
    return r"(?<!\S)(?:" + "|".join(parts) + r")(?!\S)"


# A danger word followed within two words by the present progressive, e.g. "maar rahe hain",
# "तोड़ने की कोशिश", "firing ho rahi hai". Read only when a danger word was found.
_DANGER_GOING_ON = re.compile(
    _alternation(DANGER_TERMS)
    + r"(?:\s+\S+){0,2}?\s+(?:"
    + "|".join(PROGRESSIVE_MARKERS)
    + r")(?!\S)"
)


_PRIORITY = {
    name: CATEGORY_PRIORITY.index(name) if name in CATEGORY_PRIORITY else 99
    for name in CATEGORY_TERMS
}


@lru_cache(maxsize=4096)
def _joined(text: str) -> str:
    """The post's words, normalised, phone spellings made plain ("rha" → "raha"), one space
    apart: what every list here is read against."""
    return " ".join(SMS_SPELLINGS.get(word, word) for word in words(text))


@lru_cache(maxsize=4096)
def _found(text: str) -> dict[str, list[str]]:
    """Each list's words found in the post (the categories' under their own names)."""
    found = _INDEX.find(_joined(text).split())
    hits: dict[str, list[str]] = defaultdict(list)  # a list found nothing: []
    for pairs in found.values():
        for label, hit in pairs:
            hits[label].append(hit)  # a category's label is its name; a list's, its group's
    return hits


def _category_hits(text: str) -> dict[str, list[str]]:
    found = _found(text)
    return {name: found[name] for name in CATEGORY_TERMS}


def _hits(text: str, group: str) -> list[str]:
    return _found(text)[group]


def _now_words(text: str) -> list[str]:
    joined = _joined(text)
    if "abhi tak" not in joined and "अभी तक" not in joined:
        return _hits(text, "now")
    # "abhi tak" / "अभी तक" is "still not", not "right now".
    rest = joined.replace("abhi tak", "").replace("अभी तक", "")
    return [hit for _, hit in _NOW_INDEX.find(rest.split())["now"]]


def category_words(text: str) -> tuple[str, ...]:
    """The categories whose words the post uses."""
    return tuple(name for name, hits in _category_hits(text).items() if hits)


def classify_category(text: str) -> Label:
    scored = _category_hits(text)
    ranked = sorted(scored.items(), key=lambda item: (-len(item[1]), _PRIORITY[item[0]]))
    best, hits = ranked[0]
    if not hits:
        return Label("other", 0.3, ("no category words",))
    total = sum(len(found) for _, found in ranked)
    return Label(
        best, round(len(hits) / total, 3), tuple(f"'{hit}' suggests {best}" for hit in hits)
    )


def classify_grievance(text: str, *, danger_signals: int = 0) -> Label:
    """Complaint words (or a category's words) against praise/news/chatter words. Signs of
    danger right now (`danger_signals`, from classify_urgency) count as a plea: "a man is on
    the bridge railing talking of jumping" asks for help without saying "help"."""
    # Danger by nature (a suicide risk, a kidnapping) is a grievance even without a plea.
    asks = _hits(text, "grievance") + _hits(text, "by_nature")
    topical = [hit for hits in _category_hits(text).values() for hit in hits]
    chatter = _hits(text, "chatter")
    score = len(asks) + len(topical) + (1.5 if danger_signals else 0) - 1.5 * len(chatter)
    is_grievance = score > 0
    confidence = round(min(1.0, 0.5 + abs(score) / 6), 3)
    reasons = [f"complaint word '{hit}'" for hit in asks + topical]
    if danger_signals:
        reasons.append("danger right now is a call for help")
    reasons += [f"praise/news word '{hit}'" for hit in chatter]
    return Label(is_grievance, confidence, tuple(reasons) or ("no complaint words",))


def classify_urgency(text: str, *, is_grievance: bool) -> Label:
    """Danger right now. Any one of these makes a grievance urgent (a missed urgent case is
    the worst error, so the signals are broad and each gives its reason):
    - something urgent by nature: a kidnapping, a suicide risk, a weapon, fire, people trapped;
    - a person missing, when it is a child or recent (hours, since this morning), unless it is
      days old or only things are lost;
    - a woman or child held, followed or taken somewhere as they write;
    - danger words with "now" words, a present progressive, or a call to send police now.
    """
    if not is_grievance:
        return Label(False, 0.8, ())
    # The lists are read lazily, only when a decision needs them: triage runs on every post.
    joined = _joined(text)
    reasons: list[str] = []
    reasons += [f"'{hit}' is urgent by nature" for hit in _hits(text, "by_nature")]
    missing = _category_hits(text)["missing_kidnapping"] + _hits(text, "missing_now")
    stale: bool | None = None
    if missing:
        stale = bool(_hits(text, "stale"))
        things_only = bool(_hits(text, "object")) and not _hits(text, "person")
        minor = bool(_hits(text, "minor") or _MINOR_AGE.search(text))
        if (not stale or minor) and not things_only:
            # An undated report of a missing person is treated as recent: an officer checks it
            # at once rather than find out later that it was a child gone an hour ago.
            cues = _hits(text, "child") or _hits(text, "recent")
            cue = (cues or ["no date given"])[0]
            reasons.append(f"a person missing, not days ago ('{missing[0]}', '{cue}')")
    held = _hits(text, "held_now")
    reasons += [f"someone held or followed as they write ('{hit}')" for hit in held]
    now_words = _now_words(text)
    danger = _hits(text, "danger")
    dispatch: list[str] | None = None
    if danger:
        stale = bool(_hits(text, "stale")) if stale is None else stale
    if danger and not stale:
        going_on = _DANGER_GOING_ON.search(joined)
        if going_on:
            reasons.append(f"danger going on as they write ('{going_on.group(0)}')")
        elif now_words:
            reasons.append(f"danger '{danger[0]}' happening now ('{now_words[0]}')")
        else:
            dispatch = _hits(text, "dispatch")
            if dispatch:
                reasons.append(f"danger '{danger[0]}' and a call to come now ('{dispatch[0]}')")
    if not reasons:
        if dispatch is None and not now_words:
            dispatch = _hits(text, "dispatch")
        calls = now_words or dispatch or []
        if calls:
            stale = bool(_hits(text, "stale")) if stale is None else stale
        if calls and not stale:
            # Harm to a person (violence, a woman's safety, a missing person) with "now" or a
            # call to come: recall matters more than precision here, so this alone is enough.
            harms = _category_hits(text)
            harm = next((hits[0] for name in _HARM_TO_PERSON for hits in [harms[name]] if hits), "")
            if harm:
                reasons.append(f"harm to a person ('{harm}') and '{calls[0]}'")
    if not reasons:
        return Label(False, 0.7, ())
    return Label(True, round(min(1.0, 0.5 + 0.15 * len(reasons)), 3), tuple(reasons))
