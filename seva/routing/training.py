"""Training the triage model (seva/routing/detect/model.py) from labelled posts.

Plain stochastic gradient descent on the softmax loss with L2 weight decay, a fixed number of
epochs over a seeded shuffle, so the same corpus always gives the same weights. Small weights
are dropped and the rest rounded, to keep `model.json` small.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from seva.routing.detect.classify import (
    category_words,
    classify_grievance,
    classify_urgency,
)
from seva.routing.detect.model import LinearModel, TriageModel, features, word_list_tags

EPOCHS = 30
LEARNING_RATE = 0.1
WEIGHT_DECAY = 0.01  # strong: chosen by leaving out one blind-written batch at a time
SEED = 2016
KEEP_ABOVE = 0.02  # smaller weights are dropped: they change no decision on the dev part, and
# the file stays small
# The category model keeps a seventh fewer features with this and scores the same on held-out
# writers (docs/triage.md).
CATEGORY_KEEP_ABOVE = 0.05


def train_linear(
    examples: Sequence[tuple[Sequence[str], str]],
    labels: Sequence[str],
    *,
    seed: int = SEED,
    keep_above: float = KEEP_ABOVE,
) -> LinearModel:
    """A model from (features, label) pairs."""
    size = len(labels)
    index_of = {label: i for i, label in enumerate(labels)}
    rows = [(found, index_of[label]) for found, label in examples]
    weights: dict[str, list[float]] = {}
    bias = [0.0] * size
    order = list(range(len(rows)))
    shuffle = random.Random(seed)  # noqa: S311 - a reproducible order, not a secret
    for _ in range(EPOCHS):
        shuffle.shuffle(order)
        for position in order:
            found, truth = rows[position]
            vectors = [weights.setdefault(f, [0.0] * size) for f in found]
            scores = [bias[k] + sum(v[k] for v in vectors) for k in range(size)]
            top = max(scores)
            exps = [math.exp(s - top) for s in scores]
            total = sum(exps)
            for k in range(size):
                gradient = exps[k] / total - (1.0 if k == truth else 0.0)
                bias[k] -= LEARNING_RATE * gradient
                for vector in vectors:
                    vector[k] -= LEARNING_RATE * (gradient + WEIGHT_DECAY * vector[k])
    kept = {
        feature: [round(w, 3) if abs(w) > keep_above else 0.0 for w in vector]
        for feature, vector in sorted(weights.items())
        if max(abs(w) for w in vector) > keep_above
    }
    return LinearModel(tuple(labels), kept, [round(b, 3) for b in bias])


def category_features(text: str) -> tuple[str, ...]:
    """The category model's input: the post's features and what the word lists found."""
    danger = classify_urgency(text, is_grievance=True)
    grievance = classify_grievance(text, danger_signals=len(danger.reasons))
    tags = word_list_tags(
        category_words(text), urgent=bool(danger.value), grievance=bool(grievance.value)
    )
    return features(text) + tags


def train_triage_model(posts: Iterable[Mapping[str, Any]]) -> TriageModel:
    """Grievance and urgency from every post; category from the grievances."""
    posts = list(posts)

    def yes_no(key: str) -> list[tuple[Sequence[str], str]]:
        return [(features(str(p["text"])), "yes" if p.get(key) else "no") for p in posts]

    grievances = [p for p in posts if p.get("is_grievance") and p.get("category")]
    categories = sorted({str(p["category"]) for p in grievances})
    category = train_linear(
        [(category_features(str(p["text"])), str(p["category"])) for p in grievances],
        categories,
        keep_above=CATEGORY_KEEP_ABOVE,
    )
    return TriageModel(
        grievance=train_linear(yes_no("is_grievance"), ["no", "yes"]),
        urgency=train_linear(yes_no("urgent"), ["no", "yes"]),
        category=category,
    )
