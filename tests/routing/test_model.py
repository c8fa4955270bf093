"""The trained second opinion: reproducible from the corpus, and used only where the word
lists miss urgency or find no category word."""

from __future__ import annotations

import json
from pathlib import Path

from seva.routing.detect.classify import Label
from seva.routing.detect.model import MODEL_PATH, features, shipped_model
from seva.routing.detect.triage import _second_opinion_category, _second_opinion_urgency
from seva.routing.training import train_triage_model

CORPUS = Path(__file__).resolve().parents[2] / "data" / "triage" / "corpus.jsonl"


def test_the_shipped_weights_are_what_the_dev_part_trains() -> None:
    posts = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    model = train_triage_model(p for p in posts if p["split"] == "dev")
    shipped = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    fresh = json.loads(
        json.dumps({"urgency": model.urgency.as_json(), "category": model.category.as_json()})
    )
    assert fresh == shipped, "run: manage.py triage_train"


def test_features_see_both_scripts_as_one_word() -> None:
    assert "s:curi" in features("mere ghar chori ho gayi")
    assert "s:curi" in features("मेरे घर चोरी हो गई")


def test_the_model_only_adds_urgency_and_fills_a_missing_category() -> None:
    model = shipped_model()
    assert model is not None
    already = Label(True, 0.8, ("'kidnap' is urgent by nature",))
    assert _second_opinion_urgency("anything", already, model) is already
    named = Label("theft_robbery", 1.0, ("'chori' suggests theft_robbery",))
    assert _second_opinion_category("anything", named, model) is named
    silent = Label("other", 0.3, ("no category words",))
    # The model is unsure of a blocked drain (no category of ours): the post stays "other".
    assert _second_opinion_category("gaon me pradhan ne nali band kar di", silent, model) is silent
