"""The triage decision: every label with its confidence and reasons, in one frozen value."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from seva.routing.detect.classify import (
    Label,
    classify_category,
    classify_grievance,
    classify_urgency,
)
from seva.routing.detect.district import DistrictGuess, detect_district
from seva.routing.detect.gazetteer import Gazetteer
from seva.routing.detect.model import (
    CATEGORY_THRESHOLD,
    URGENT_THRESHOLD,
    TriageModel,
    shipped_model,
)

# District handles usually wrap the place in police words: @lucknowpolice, @sspagra, @dmbasti.
_HANDLE_PREFIX = re.compile(r"^(ssp|sp|dm|cp|up)_?")
_HANDLE_SUFFIX = re.compile(r"_?(police|pol|commissionerate|cp)$")


@dataclass(frozen=True)
class TriageDecision:
    is_grievance: Label
    district: DistrictGuess
    category: Label
    urgent: Label

    def as_json(self, post_id: Any = None) -> dict[str, Any]:
        grievance = bool(self.is_grievance.value)
        return {
            "id": post_id,
            "is_grievance": grievance,
            "district": self.district.district,
            "category": self.category.value if grievance else None,
            "urgent": bool(self.urgent.value),
            "confidence": {
                "is_grievance": self.is_grievance.confidence,
                "district": self.district.confidence,
                "category": self.category.confidence,
                "urgent": self.urgent.confidence,
            },
            "reasons": [
                *self.is_grievance.reasons,
                *self.district.reasons,
                *(self.category.reasons if grievance else ()),
                *self.urgent.reasons,
            ],
        }


def handle_districts_guess(mentions: Iterable[str], gazetteer: Gazetteer) -> dict[str, str]:
    """Districts of tagged handles that spell a district name inside police words."""
    found: dict[str, str] = {}
    for handle in mentions:
        core = _HANDLE_SUFFIX.sub("", _HANDLE_PREFIX.sub("", handle.lower()))
        places = [p for p in gazetteer.lookup_compact(core) if not p.ambiguous]
        places = places if len(core) > 2 else []
        districts = {place.district for place in places}
        if len(districts) == 1:
            found[handle.lower()] = districts.pop()
    return found


def triage(
    *,
    text: str,
    gazetteer: Gazetteer,
    mentions: Iterable[str] = (),
    author_location: str | None = None,
    handle_districts: Mapping[str, str] | None = None,
    earlier_districts: Iterable[str] = (),
    use_model: bool = True,
) -> TriageDecision:
    """Every label for one post. `use_model=False` gives the word lists' answer alone."""
    mentions = list(mentions)
    model = shipped_model() if use_model else None
    handles = {**handle_districts_guess(mentions, gazetteer), **(handle_districts or {})}
    # Urgency is read first: danger right now makes a post a call for help by itself.
    danger_now = classify_urgency(text, is_grievance=True)
    grievance = classify_grievance(text, danger_signals=len(danger_now.reasons))
    urgent = danger_now if grievance.value else classify_urgency(text, is_grievance=False)
    category = classify_category(text)
    if model is not None and grievance.value:
        urgent = _second_opinion_urgency(text, urgent, model)
        category = _second_opinion_category(text, category, model)
    return TriageDecision(
        is_grievance=grievance,
        district=detect_district(
            text=text,
            gazetteer=gazetteer,
            mentions=mentions,
            handle_districts=handles,
            author_location=author_location,
            earlier_districts=earlier_districts,
        ),
        category=category,
        urgent=urgent,
    )


def _second_opinion_urgency(text: str, urgent: Label, model: TriageModel) -> Label:
    """The word lists missed danger now; the model may not (a miss costs most here)."""
    if urgent.value:
        return urgent
    probability = model.urgent_probability(text)
    if probability < URGENT_THRESHOLD:
        return urgent
    return Label(
        True,
        round(probability, 3),
        (f"the model trained on labelled posts reads danger right now ({probability:.0%})",),
    )


def _second_opinion_category(text: str, category: Label, model: TriageModel) -> Label:
    """No category words: the model's category when it is sure enough."""
    if category.reasons != ("no category words",):
        return category
    guess, probability = model.category_guess(text)
    if probability < CATEGORY_THRESHOLD:
        return category
    return Label(
        guess,
        round(probability, 3),
        (f"the model trained on labelled posts reads {guess} ({probability:.0%})",),
    )
