"""A small linear model trained on the labelled corpus, read beside the word lists.

Word lists only know the phrasings someone wrote into them. The model reads every word of a
post, its sound key (phonetic.py, so "chori" and "चोरी" are one feature) and pairs of sound
keys, and weighs them as the corpus's labels taught it. On posts written by people who had not
seen either (docs/triage.md), it generalises better than the lists for grievance and category,
and the two together catch more danger than either:
- grievance: the model decides; where the word lists find complaint words, a weaker
  probability suffices (`GRIEVANCE_WITH_WORDS`), otherwise it must reach `GRIEVANCE_ALONE`;
- urgency: a grievance is urgent when the word lists say so *or* the model's probability of
  danger right now reaches `URGENT_THRESHOLD` (recall before precision);
- category: a model that also reads what the word lists found (`word_list_tags`) decides.

Trained by `manage.py triage_train` (seva/routing/training.py) on the corpus's dev part only;
the weights ship in `model.json` beside this module. Pure: no Django, no I/O but that file.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path

from seva.routing.detect.phonetic import sound_key
from seva.routing.detect.text import words

MODEL_PATH = Path(__file__).with_name("model.json")
# Chosen by leaving out one blind-written batch at a time (docs/triage.md).
GRIEVANCE_ALONE = 0.7
GRIEVANCE_WITH_WORDS = 0.3
URGENT_THRESHOLD = 0.08


@lru_cache(maxsize=65536)
def _word_features(token: str) -> tuple[str, str, str, str]:
    """A word's own feature, its sound key's feature ("" for short words and numbers), its
    sound key, and the start of a pair feature it begins (pairs are then one concatenation)."""
    key = sound_key(token)
    sound = "s:" + key if len(token) >= 3 and not token.isdigit() else ""
    return "w:" + token, sound, key, "b:" + key + "_"


@lru_cache(maxsize=4096)
def features(text: str) -> tuple[str, ...]:
    """Words ("w:"), their sound keys ("s:") and neighbouring sound-key pairs ("b:"), once
    each, in the order they come (so sums, and training, are the same on every run)."""
    each = [_word_features(token) for token in words(text)]
    found = [word for word, _, _, _ in each]
    found += [sound for _, sound, _, _ in each if sound]
    found += [first[3] + second[2] for first, second in itertools.pairwise(each)]
    return tuple(dict.fromkeys(found))


def word_list_tags(categories: Iterable[str], *, urgent: bool, grievance: bool) -> tuple[str, ...]:
    """What the word lists found, as features for the category model ("L:" for lists)."""
    tags = [f"L:cat:{name}" for name in categories]
    tags.append(f"L:grievance:{grievance}")
    if urgent:
        tags.append("L:urgent")
    return tuple(tags)


@dataclass(frozen=True)
class LinearModel:
    """Multinomial logistic regression: one weight per (feature, label), one bias per label."""

    labels: tuple[str, ...]
    weights: Mapping[str, Sequence[float]]
    bias: Sequence[float]

    @cached_property
    def margins(self) -> tuple[dict[str, float], float]:
        """For two labels ("no", "yes") the softmax is a sigmoid of the weights' difference:
        one number per feature instead of two (read for every post)."""
        yes, no = self.labels.index("yes"), self.labels.index("no")
        margins = {f: row[yes] - row[no] for f, row in self.weights.items()}
        return margins, self.bias[yes] - self.bias[no]

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
class Reading:
    """The three models' answers for one post. The category is only worked out when asked
    for (a post that is no grievance has none)."""

    grievance: float  # probability of a complaint
    urgent: float  # probability of danger right now
    category_scores: Sequence[float]  # one per label, before the softmax
    category_labels: tuple[str, ...]

    @cached_property
    def _category(self) -> tuple[str, float]:
        scores = self.category_scores
        top = max(scores)
        total = sum(math.exp(score - top) for score in scores)
        return self.category_labels[scores.index(top)], 1.0 / total

    @property
    def category(self) -> str:
        return self._category[0]

    @property
    def category_probability(self) -> float:
        return self._category[1]


_FIELD = 24  # bits per packed weight
_MASK = (1 << _FIELD) - 1
_OFFSET = 1 << 12  # thousandths added to every weight so no field goes negative (±4.096)
_UNITS = 1000  # model.json keeps three decimals


def _pack(weights: Sequence[float]) -> int:
    packed = 0
    for index, weight in enumerate(weights):
        units = round(weight * _UNITS) + _OFFSET
        if not 0 <= units < 2 * _OFFSET:
            raise ValueError(f"weight {weight} out of range (±{_OFFSET / _UNITS}): widen _OFFSET")
        packed |= units << (index * _FIELD)
    return packed


def _unpack(packed: int, count: int, width: int) -> list[float]:
    """The column sums of `count` packed rows (at most _CAPACITY of them)."""
    offset = count * _OFFSET
    return [(((packed >> (index * _FIELD)) & _MASK) - offset) / _UNITS for index in range(width)]


_CAPACITY = (1 << _FIELD) // (2 * _OFFSET)  # rows one sum can hold before a field overflows


def _column_sums(rows: Sequence[int], width: int) -> list[float]:
    """Each model's total over a post's packed rows; a post longer than any tweet (a web
    form's text) is summed in parts so no field overflows."""
    totals = [0.0] * width
    for start in range(0, len(rows), _CAPACITY):
        part = rows[start : start + _CAPACITY]
        totals = [a + b for a, b in zip(totals, _unpack(sum(part), len(part), width), strict=True)]
    return totals


def _sigmoid(score: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, score))))


@dataclass(frozen=True)
class TriageModel:
    grievance: LinearModel  # labels "no", "yes"
    urgency: LinearModel  # labels "no", "yes"
    category: LinearModel  # the taxonomy's values; reads features and word_list_tags

    @cached_property
    def _table(self) -> dict[str, int]:
        """Every feature's weights in the three models packed into one integer: its grievance
        margin, its urgency margin, then its weight for each category, one per 32-bit field.

        Why: a post's ~60 features would otherwise be added up weight by weight (~800 float
        additions in Python, and as many scattered float objects to fetch). Packed, a post's
        features add up in one C-level sum of integers, unpacked once. It is exact: the
        weights ship rounded to thousandths (training.py), so each is a whole number of
        thousandths, and an offset keeps every field positive.
        """
        grievance, _ = self.grievance.margins
        urgency, _ = self.urgency.margins
        category = self.category.weights
        nothing = (0.0,) * len(self.category.labels)
        return {
            feature: _pack(
                (
                    grievance.get(feature, 0.0),
                    urgency.get(feature, 0.0),
                    *category.get(feature, nothing),
                )
            )
            for feature in {*grievance, *urgency, *category}
        }

    def read(self, text: str, tags: Sequence[str]) -> Reading:
        """All three models on one post; `tags` say what the word lists found in it."""
        table = self._table
        rows = [row for row in map(table.get, itertools.chain(features(text), tags)) if row]
        columns = _column_sums(rows, 2 + len(self.category.labels))
        return Reading(
            grievance=_sigmoid(self.grievance.margins[1] + columns[0]),
            urgent=_sigmoid(self.urgency.margins[1] + columns[1]),
            category_scores=[
                bias + total for bias, total in zip(self.category.bias, columns[2:], strict=True)
            ],
            category_labels=self.category.labels,
        )

    def as_json(self) -> dict[str, object]:
        return {
            "grievance": self.grievance.as_json(),
            "urgency": self.urgency.as_json(),
            "category": self.category.as_json(),
        }


@cache
def shipped_model() -> TriageModel | None:
    """The model that ships with Seva, or None when it has not been trained."""
    if not MODEL_PATH.exists():
        return None
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    return TriageModel(
        grievance=LinearModel.from_json(data["grievance"]),
        urgency=LinearModel.from_json(data["urgency"]),
        category=LinearModel.from_json(data["category"]),
    )
