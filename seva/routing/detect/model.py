"""A small linear model trained on the labelled corpus: a second opinion beside the word lists.

Word lists only know the phrasings someone wrote into them. The model reads every word of a
post, its sound key (phonetic.py, so "chori" and "चोरी" are one feature) and pairs of sound
keys, and weighs them as the corpus's labels taught it. It is used where a miss costs most or
the word lists are silent:
- urgency: a grievance is urgent when the word lists say so *or* the model's probability of
  danger right now reaches `URGENT_THRESHOLD` (recall before precision);
- category: when no category word is found, the model's category if it is sure enough.

Trained by `manage.py triage_train` (seva/routing/training.py) on the corpus's dev part only;
the weights ship in `model.json` beside this module. Pure: no Django, no I/O but that file.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path

from seva.routing.detect.phonetic import sound_key
from seva.routing.detect.text import words

MODEL_PATH = Path(__file__).with_name("model.json")
URGENT_THRESHOLD = 0.3
CATEGORY_THRESHOLD = 0.75  # chosen by 5-fold cross-validation on the dev part


@lru_cache(maxsize=4096)
def features(text: str) -> tuple[str, ...]:
    """Words ("w:"), their sound keys ("s:") and neighbouring sound-key pairs ("b:")."""
    tokens = words(text)
    keys = [sound_key(token) for token in tokens]  # each word's key once
    found = {"w:" + token for token in tokens}
    found.update(
        "s:" + key
        for token, key in zip(tokens, keys, strict=True)
        if len(token) >= 3 and not token.isdigit()
    )
    found.update(f"b:{first}_{second}" for first, second in itertools.pairwise(keys))
    return tuple(sorted(found))


@dataclass(frozen=True)
class LinearModel:
    """Multinomial logistic regression: one weight per (feature, label), one bias per label."""

    labels: tuple[str, ...]
    weights: Mapping[str, Sequence[float]]
    bias: Sequence[float]

    def probabilities(self, text: str) -> dict[str, float]:
        scores = list(self.bias)
        for feature in features(text):
            row = self.weights.get(feature)
            if row is not None:
                for index, weight in enumerate(row):
                    scores[index] += weight
        top = max(scores)
        exps = [math.exp(score - top) for score in scores]
        total = sum(exps)
        return {label: exp / total for label, exp in zip(self.labels, exps, strict=True)}

    def as_json(self) -> dict[str, object]:
        return {"labels": list(self.labels), "bias": list(self.bias), "weights": self.weights}

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> LinearModel:
        labels = data["labels"]
        bias = data["bias"]
        weights = data["weights"]
        assert isinstance(labels, list)
        assert isinstance(bias, list)
        assert isinstance(weights, dict)
        return cls(tuple(str(x) for x in labels), weights, [float(x) for x in bias])


@dataclass(frozen=True)
class TriageModel:
    urgency: LinearModel  # labels "no", "yes"
    category: LinearModel  # the taxonomy's values

    @cached_property
    def _urgency_margin(self) -> tuple[dict[str, float], float]:
        """For two labels the softmax is a sigmoid of the weights' difference: one number per
        feature instead of two (urgency is read for every grievance)."""
        yes, no = self.urgency.labels.index("yes"), self.urgency.labels.index("no")
        margins = {f: row[yes] - row[no] for f, row in self.urgency.weights.items()}
        return margins, self.urgency.bias[yes] - self.urgency.bias[no]

    def urgent_probability(self, text: str) -> float:
        margins, score = self._urgency_margin
        for feature in features(text):
            score += margins.get(feature, 0.0)
        return 1.0 / (1.0 + math.exp(-score))

    def category_guess(self, text: str) -> tuple[str, float]:
        ranked = sorted(self.category.probabilities(text).items(), key=lambda kv: -kv[1])
        return ranked[0]


@cache
def shipped_model() -> TriageModel | None:
    """The model that ships with Seva, or None when it has not been trained."""
    if not MODEL_PATH.exists():
        return None
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    return TriageModel(
        urgency=LinearModel.from_json(data["urgency"]),
        category=LinearModel.from_json(data["category"]),
    )
