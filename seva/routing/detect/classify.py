"""Grievance or not, category and urgency, from the lexicons, with reasons.

Scores count matched terms; a post is a grievance when its complaint words (or a category's
words) outweigh the praise/news/chatter words. Urgency needs danger words *and* a grievance.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

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


def _hits(tokens: list[str], terms: Iterable[str]) -> list[str]:
    joined = " " + " ".join(tokens) + " "
    found = []
    for term in terms:
        if term.endswith("*"):
            stem = term[:-1]
            if any(token.startswith(stem) for token in tokens):
                found.append(term)
        elif f" {term} " in joined:
            found.append(term)
    return found


def classify_category(text: str) -> Label:
    tokens = words(text)
    scored = {name: _hits(tokens, terms) for name, terms in CATEGORY_TERMS.items()}
    ranked = sorted(scored.items(), key=lambda item: (-len(item[1]), item[0]))
    best, hits = ranked[0]
    if not hits:
        return Label("other", 0.3, ("no category words",))
    total = sum(len(found) for _, found in ranked)
    return Label(
        best, round(len(hits) / total, 3), tuple(f"'{hit}' suggests {best}" for hit in hits)
    )


def classify_grievance(text: str) -> Label:
    tokens = words(text)
    asks = _hits(tokens, GRIEVANCE_TERMS)
    topical = [hit for terms in CATEGORY_TERMS.values() for hit in _hits(tokens, terms)]
    chatter = _hits(tokens, NON_GRIEVANCE_TERMS)
    score = len(asks) + len(topical) - 1.5 * len(chatter)
    is_grievance = score > 0
    confidence = round(min(1.0, 0.5 + abs(score) / 6), 3)
    reasons = [f"complaint word '{hit}'" for hit in asks + topical]
    reasons += [f"praise/news word '{hit}'" for hit in chatter]
    return Label(is_grievance, confidence, tuple(reasons) or ("no complaint words",))


def classify_urgency(text: str, *, is_grievance: bool) -> Label:
    hits = _hits(words(text), URGENT_TERMS)
    urgent = is_grievance and bool(hits)
    confidence = round(min(1.0, 0.4 + 0.2 * len(hits)), 3) if urgent else 0.8
    return Label(
        urgent, confidence, tuple(f"danger word '{hit}'" for hit in hits) if urgent else ()
    )
