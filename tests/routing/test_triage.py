"""The triage decision and the fixed `manage.py triage` interface."""

import json

import pytest
from django.core.management import CommandError, call_command

from seva.routing.detect.triage import triage
from seva.routing.gazetteer_data import shipped_gazetteer


def decide(text, **extra):
    return triage(text=text, gazetteer=shipped_gazetteer(), **extra).as_json("t")


def test_a_hinglish_theft_complaint():
    result = decide(
        "Sir mere ghar me chori ho gayi, Lucknow thana FIR nahi likh raha, kripya madad"
    )
    assert result["is_grievance"] is True
    assert result["district"] == "Lucknow"
    assert result["category"] in {"theft_robbery", "police_conduct"}
    assert result["urgent"] is False
    assert result["reasons"]


def test_an_urgent_missing_child_in_hindi():
    result = decide("मेरा 10 साल का बेटा कल शाम से लापता है, आगरा, कृपया तुरंत मदद करें")
    assert result["is_grievance"] is True
    assert result["district"] == "Agra"
    assert result["category"] == "missing_kidnapping"
    assert result["urgent"] is True


def test_praise_is_not_a_grievance():
    result = decide("Great work by @Uppolice, salute and thanks to the Agra team!")
    assert result["is_grievance"] is False
    assert result["category"] is None


def test_a_tagged_district_handle_gives_the_district():
    result = decide("meri shikayat par karwai nahi ho rahi", mentions=["kanpurnagarpol"])
    assert result["district"] == "Kanpur Nagar"


def test_command_reads_and_writes_json_lines(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps({"id": 1, "text": "Allahabad me chori", "author_location": None, "mentions": []})
        + "\n"
        + json.dumps({"id": "b", "text": "jai hind", "extra": "ignored"})
        + "\n",
        encoding="utf-8",
    )
    target = tmp_path / "out.jsonl"
    call_command("triage", "--input", str(source), "--output", str(target))
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == [1, "b"]
    assert lines[0]["district"] == "Prayagraj"
    assert set(lines[0]) == {
        "id",
        "is_grievance",
        "district",
        "category",
        "urgent",
        "confidence",
        "reasons",
    }


def test_command_refuses_a_bad_line_with_its_number(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": 1, "text": "ok"}\nnot json\n', encoding="utf-8")
    with pytest.raises(CommandError, match=":2:"):
        call_command("triage", "--input", str(source), "--output", str(tmp_path / "o.jsonl"))


def test_score_and_bench_commands_print_json_last(capsys):
    call_command("triage_score", "--split", "dev")
    scores = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert scores["posts"] > 300
    assert 0 <= scores["grievance_f1"] <= 1
    call_command("bench", "triage", "--posts", "50", "--rounds", "1")
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert result["benchmark"] == "triage"
    assert result["median_posts_per_second"] > 0
