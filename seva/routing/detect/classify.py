"""Grievance or not, category and urgency, from the lexicons, with reasons.

Scores count matched terms; a post is a grievance when its complaint words (or a category's
words) outweigh the praise/news/chatter words. Urgency needs danger words *and* a grievance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from seva.routing.detect.lexicon import (
    CATEGORY_TERMS,
    GRIEVANCE_TERMS,
    NON_GRIEVANCE_TERMS,
    URGENT_TERMS,
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
_URGENT_PATTERN = re.compile(_alternation(URGENT_TERMS))


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
    ranked = sorted(scored.items(), key=lambda item: (-len(item[1]), item[0]))
    best, hits = ranked[0]
    if not hits:
        return Label("other", 0.3, ("no category words",))
    total = sum(len(found) for _, found in ranked)
    return Label(
        best, round(len(hits) / total, 3), tuple(f"'{hit}' suggests {best}" for hit in hits)
    )


def classify_grievance(text: str) -> Label:
    asks = _hits(text, _GRIEVANCE_PATTERN)
    topical = [hit for hits in _category_hits(text).values() for hit in hits]
    chatter = _hits(text, _CHATTER_PATTERN)
    score = len(asks) + len(topical) - 1.5 * len(chatter)
    is_grievance = score > 0
    confidence = round(min(1.0, 0.5 + abs(score) / 6), 3)
    reasons = [f"complaint word '{hit}'" for hit in asks + topical]
    reasons += [f"praise/news word '{hit}'" for hit in chatter]
    return Label(is_grievance, confidence, tuple(reasons) or ("no complaint words",))


def classify_urgency(text: str, *, is_grievance: bool) -> Label:
    hits = _hits(text, _URGENT_PATTERN)
    urgent = is_grievance and bool(hits)
    confidence = round(min(1.0, 0.4 + 0.2 * len(hits)), 3) if urgent else 0.8
    return Label(
        urgent, confidence, tuple(f"danger word '{hit}'" for hit in hits) if urgent else ()
    )
