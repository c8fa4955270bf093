"""The trained model beside the word lists: reproducible from the corpus's dev part, deciding
grievance and category, and adding urgency where the word lists see none."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from seva.routing.detect.classify import Label
from seva.routing.detect.model import (
    MODEL_PATH,
    Reading,
    _column_sums,
    _pack,
    _unpack,
    features,
    shipped_model,
    word_list_tags,
)
from seva.routing.detect.triage import (
    _category_with_model,
    _grievance_with_model,
    _urgency_with_model,
)
from seva.routing.training import train_triage_model

CORPUS = Path(__file__).resolve().parents[2] / "data" / "triage" / "corpus.jsonl"


def test_the_shipped_weights_are_what_the_dev_part_trains() -> None:
    posts = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    model = train_triage_model(p for p in posts if p["split"] == "dev")
    shipped = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert json.loads(json.dumps(model.as_json())) == shipped, "run: manage.py triage_train"


def test_features_see_both_scripts_as_one_word() -> None:
    assert "s:curi" in features("mere ghar chori ho gayi")
    assert "s:curi" in features("मेरे घर चोरी हो गई")


def test_word_list_tags_name_what_the_lists_found() -> None:
    tags = word_list_tags(["theft_robbery"], urgent=True, grievance=True)
    assert tags == ("L:cat:theft_robbery", "L:grievance:True", "L:urgent")


def test_the_model_decides_a_grievance_and_says_so() -> None:
    silent = Label(False, 0.5, ("no complaint words",))
    theft = _grievance_with_model(silent, 0.8)
    assert theft.value is True
    assert theft.reasons[-1] == "the model trained on labelled posts reads a complaint (80%)"
    # Complaint words lower the bar, but a model sure of praise still wins; the lists'
    # reasons stay visible.
    words = Label(True, 0.6, ("complaint word 'help'",))
    assert _grievance_with_model(words, 0.4).value is True
    thanks = _grievance_with_model(words, 0.05)
    assert thanks.value is False
    assert thanks.reasons[0] == "complaint word 'help'"


def test_the_shipped_model_reads_plain_posts_plainly() -> None:
    model = shipped_model()
    assert model is not None
    theft = model.read("@Uppolice Agra me mera phone chheen liya, madad karein", ())
    assert theft.grievance > 0.5
    praise = model.read("Great work by @Uppolice, salute and thanks to the Agra team!", ())
    assert praise.grievance < 0.5
    fire = model.read("ghar me aag lag gayi hai, bachche andar phanse hain, jaldi aao", ())
    assert fire.urgent > 0.5


def test_the_word_lists_danger_is_kept_and_the_model_adds_more() -> None:
    already = Label(True, 0.8, ("'kidnap' is urgent by nature",))
    assert _urgency_with_model(already, 0.0) is already
    calm = Label(False, 0.7, ())
    assert _urgency_with_model(calm, 0.01).value is False
    added = _urgency_with_model(calm, 0.4)
    assert added.value is True
    assert added.reasons == ("the model trained on labelled posts reads danger right now (40%)",)


def test_the_category_names_the_model_and_the_words_that_agree() -> None:
    text = "mere ghar me chori ho gayi, TV aur gehne le gaye"
    labels = ("other", "theft_robbery")
    reading = Reading(0.9, 0.0, [0.0, 1.3863], labels)  # e^1.3863 = 4: 80%
    category = _category_with_model(text, ("theft_robbery",), reading)
    assert category.value == "theft_robbery"
    assert category.reasons[0] == "'chori' suggests theft_robbery"
    assert category.reasons[-1] == "the model trained on labelled posts reads theft_robbery (80%)"


def test_packed_weights_add_up_exactly() -> None:
    rows = [(0.125, -2.5, 0.0), (-0.001, 3.75, 1.0), (0.0, 0.0, -0.999)]
    packed = sum(_pack(row) for row in rows)
    assert _unpack(packed, len(rows), 3) == [0.124, 1.25, 0.001]


def test_a_weight_too_large_to_pack_is_refused() -> None:
    with pytest.raises(ValueError, match="out of range"):
        _pack((2000.0,))


def test_a_post_longer_than_any_tweet_is_read_without_overflow() -> None:
    model = shipped_model()
    assert model is not None
    words_ = " ".join(f"shabd{n}" for n in range(3000)) + " mera phone chori ho gaya"
    table_size = len(model._table)
    reading = model.read(words_, ())
    assert 0.0 <= reading.grievance <= 1.0
    assert len(model._table) == table_size
    many = [_pack((1.0, -1.0))] * 5000  # more rows than one sum can hold
    assert _column_sums(many, 2) == [5000.0, -5000.0]
