"""Grievance or not, category and urgency, from the lexicons, with reasons.

Scores count matched terms; a post is a grievance when its complaint words (or a category's
words) outweigh the praise/news/chatter words. Urgency needs danger words *and* a grievance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from seva.routing.detect.lexicon import (
    CATEGORY_PRIORITY,
    CATEGORY_TERMS,
    DANGER_TERMS,
    GRIEVANCE_TERMS,
    NON_GRIEVANCE_TERMS,
    NOW_TERMS,
    PROGRESSIVE_MARKERS,
    STALE_TERMS,
    URGENT_BY_NATURE_TERMS,
)
from seva.routing.detect.text import words


@dataclass(frozen=True)
class Label:
    value: str | bool | None
    confidence: float
    reasons: tuple[str, ...]


def _alternation(terms: tuple[str, ...]) -> str:
    """Stems ('chor*') match a word's start; words and phrases match whole words."""
    parts = [
        re.escape(term[:-1]) + r"\S*" if term.endswith("*") else re.escape(term)
        for term in sorted(terms, key=len, reverse=True)
    ]
    return r"(?<!\S)(?:" + "|".join(parts) + r")(?!\S)"


# One pass over the text finds every category's words: each category is a named group.
_CATEGORY_PATTERN = re.compile(
    "|".join(f"(?P<{name}>{_alternation(terms)})" for name, terms in CATEGORY_TERMS.items())
)
_GRIEVANCE_PATTERN = re.compile(_alternation(GRIEVANCE_TERMS))
_CHATTER_PATTERN = re.compile(_alternation(NON_GRIEVANCE_TERMS))
_BY_NATURE_PATTERN = re.compile(_alternation(URGENT_BY_NATURE_TERMS))
_NOW_PATTERN = re.compile(_alternation(NOW_TERMS))
_DANGER_PATTERN = re.compile(_alternation(DANGER_TERMS))
_STALE_PATTERN = re.compile(_alternation(STALE_TERMS))
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
def _category_hits(text: str) -> dict[str, list[str]]:
    hits: dict[str, list[str]] = {name: [] for name in CATEGORY_TERMS}
    for match in _CATEGORY_PATTERN.finditer(" ".join(words(text))):
        assert match.lastgroup is not None
        hits[match.lastgroup].append(match.group())
    return hits


def _hits(text: str, pattern: re.Pattern[str]) -> list[str]:
    return pattern.findall(" ".join(words(text)))


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


def classify_grievance(text: str) -> Label:
    # Danger by nature (a suicide risk, a kidnapping) is a grievance even without a plea.
    asks = _hits(text, _GRIEVANCE_PATTERN) + _hits(text, _BY_NATURE_PATTERN)
    topical = [hit for hits in _category_hits(text).values() for hit in hits]
    chatter = _hits(text, _CHATTER_PATTERN)
    score = len(asks) + len(topical) - 1.5 * len(chatter)
    is_grievance = score > 0
    confidence = round(min(1.0, 0.5 + abs(score) / 6), 3)
    reasons = [f"complaint word '{hit}'" for hit in asks + topical]
    reasons += [f"praise/news word '{hit}'" for hit in chatter]
    return Label(is_grievance, confidence, tuple(reasons) or ("no complaint words",))


def classify_urgency(text: str, *, is_grievance: bool) -> Label:
    if not is_grievance:
        return Label(False, 0.8, ())
    reasons: list[str] = []
    by_nature = _hits(text, _BY_NATURE_PATTERN)
    reasons += [f"'{hit}' is urgent by nature" for hit in by_nature]
    missing = _category_hits(text)["missing_kidnapping"]
    stale = _hits(text, _STALE_PATTERN)
    if missing and not stale:
        reasons += [f"a person missing now ('{hit}')" for hit in missing]
    # "abhi tak" is "still not", not "right now".
    now_words = _NOW_PATTERN.findall(" ".join(words(text)).replace("abhi tak", ""))
    danger = _hits(text, _DANGER_PATTERN)
    if now_words and danger:
        reasons += [f"danger '{hit}' happening now ('{now_words[0]}')" for hit in danger]
    elif danger:
        going_on = _DANGER_GOING_ON.search(" ".join(words(text)))
        if going_on:
            reasons.append(f"danger going on as they write ('{going_on.group(0)}')")
    if not reasons:
        return Label(False, 0.7, ())
    return Label(True, round(min(1.0, 0.5 + 0.15 * len(reasons)), 3), tuple(reasons))
