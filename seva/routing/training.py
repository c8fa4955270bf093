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

from seva.routing.detect.model import LinearModel, TriageModel, features

EPOCHS = 30
LEARNING_RATE = 0.3
WEIGHT_DECAY = 1e-4
SEED = 2016
KEEP_ABOVE = 0.02  # smaller weights change no decision on the dev part; the file stays small


def train_linear(
    examples: Sequence[tuple[str, str]], labels: Sequence[str], *, seed: int = SEED
) -> LinearModel:
    """A model from (text, label) pairs."""
    size = len(labels)
    index_of = {label: i for i, label in enumerate(labels)}
    rows = [(features(text), index_of[label]) for text, label in examples]
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
        feature: [round(w, 3) for w in vector]
        for feature, vector in sorted(weights.items())
        if max(abs(w) for w in vector) > KEEP_ABOVE
    }
    return LinearModel(tuple(labels), kept, [round(b, 3) for b in bias])


def train_triage_model(posts: Iterable[Mapping[str, Any]]) -> TriageModel:
    """Urgency from every post; category from the grievances."""
    posts = list(posts)
    urgency = train_linear(
        [(str(p["text"]), "yes" if p.get("urgent") else "no") for p in posts], ["no", "yes"]
    )
    grievances = [p for p in posts if p.get("is_grievance") and p.get("category")]
    categories = sorted({str(p["category"]) for p in grievances})
    category = train_linear([(str(p["text"]), str(p["category"])) for p in grievances], categories)
    return TriageModel(urgency=urgency, category=category)
