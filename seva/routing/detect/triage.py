"""The triage decision: every label with its confidence and reasons, in one frozen value."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from seva.routing.detect.classify import (
    Label,
    category_words,
    classify_category,
    classify_grievance,
    classify_urgency,
)
from seva.routing.detect.district import DistrictGuess, detect_district
from seva.routing.detect.gazetteer import Gazetteer, PlaceKind
from seva.routing.detect.model import (
    GRIEVANCE_ALONE,
    GRIEVANCE_WITH_WORDS,
    URGENT_THRESHOLD,
    Reading,
    shipped_model,
    word_list_tags,
)

# District handles usually wrap the place in police words: @lucknowpolice, @sspagra, @dmbasti,
# @agratrafficpol, @prayagraj_pol, @Uppolice112.
_HANDLE_PREFIX = re.compile(r"^(ssp|sp|dm|cp|up)_?")
_HANDLE_SUFFIX = re.compile(r"_?(traffic)?_?(police|pol|commissionerate|cp)?_?(112)?$")
_PLACE_KINDS = (PlaceKind.DISTRICT, PlaceKind.ALIAS)


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


@lru_cache(maxsize=4096)
def _handle_core(handle: str) -> str:
    return _HANDLE_SUFFIX.sub("", _HANDLE_PREFIX.sub("", handle))


def handle_districts_guess(mentions: Iterable[str], gazetteer: Gazetteer) -> dict[str, str]:
    """Districts of tagged handles that spell a district name inside police words."""
    found: dict[str, str] = {}
    for handle in mentions:
        core = _handle_core(handle.lower())
        places = gazetteer.lookup_compact(core) if len(core) > 2 else ()
        # A district's own name wins inside a handle (@maupolice, @bandapolice: the words
        # "mau" and "banda" and the villages named Rampur are not what a handle means).
        named = [p for p in places if p.kind in _PLACE_KINDS]
        places = tuple(named) or tuple(p for p in places if not p.ambiguous)
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
    urgent, category = danger_now, Label(None, 0.0, ())
    if model is None:
        category = classify_category(text)
    else:
        listed = category_words(text)
        tags = word_list_tags(
            listed, urgent=bool(danger_now.value), grievance=bool(grievance.value)
        )
        reading = model.read(text, tags)
        grievance = _grievance_with_model(grievance, reading.grievance)
        if grievance.value:
            urgent = _urgency_with_model(danger_now, reading.urgent)
            category = _category_with_model(text, listed, reading)
    if not grievance.value:
        urgent = classify_urgency(text, is_grievance=False)
        category = classify_category(text)  # not shown: a post that is no grievance has none
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


def _grievance_with_model(words_say: Label, probability: float) -> Label:
    """The model decides; complaint words in the lists lower the bar it must reach."""
    bar = GRIEVANCE_WITH_WORDS if words_say.value else GRIEVANCE_ALONE
    is_grievance = probability >= bar
    reason = (
        f"the model trained on labelled posts reads a complaint ({probability:.0%})"
        if is_grievance
        else f"the model trained on labelled posts reads no complaint ({probability:.0%})"
    )
    confidence = probability if is_grievance else 1.0 - probability
    return Label(is_grievance, round(confidence, 3), (*words_say.reasons, reason))


def _urgency_with_model(danger_now: Label, probability: float) -> Label:
    """The word lists' danger right now, or the model's (a miss costs most here)."""
    if danger_now.value:
        return danger_now
    if probability < URGENT_THRESHOLD:
        return Label(False, round(1.0 - probability, 3), ())
    return Label(
        True,
        round(probability, 3),
        (f"the model trained on labelled posts reads danger right now ({probability:.0%})",),
    )


def _category_with_model(text: str, listed: tuple[str, ...], reading: Reading) -> Label:
    """The model's category (it read the post and what the word lists found in it), with the
    lists' words where they agree."""
    guess, probability = reading.category, reading.category_probability
    words_say = classify_category(text) if guess in listed else None
    reasons = words_say.reasons if words_say is not None and words_say.value == guess else ()
    return Label(
        guess,
        round(probability, 3),
        (*reasons, f"the model trained on labelled posts reads {guess} ({probability:.0%})"),
    )
