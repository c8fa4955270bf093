"""The word lists' one-pass matcher: the rules one regular expression per list used to give."""

from __future__ import annotations

import pytest

from seva.routing.detect.matcher import TermIndex


def find(index: TermIndex, text: str) -> dict[str, list[tuple[str, str]]]:
    return index.find(text.split())


def test_words_phrases_and_stems() -> None:
    index = TermIndex({"danger": (("danger", ("goli", "jaan se", "maar*", "ताला तोड़*")),)})
    found = find(index, "unhone goli chalayi aur jaan se maarne ki dhamki di ताला तोडकर")
    assert [hit for _, hit in found["danger"]] == ["goli", "jaan se", "maarne", "ताला तोडकर"]


def test_a_stem_matches_the_start_of_a_word_only() -> None:
    index = TermIndex({"theft": (("theft", ("chor*",)),)})
    assert find(index, "chori hui")["theft"] == [("theft", "chori")]
    assert find(index, "machori")["theft"] == []


def test_the_longer_term_wins_and_uses_up_its_words() -> None:
    index = TermIndex({"missing": (("missing", ("ghar", "ghar nahi aaya")),)})
    assert find(index, "beta ghar nahi aaya")["missing"] == [("missing", "ghar nahi aaya")]


def test_in_a_group_the_earlier_list_takes_the_word() -> None:
    categories = (("theft_robbery", ("chheen*",)), ("assault_violence", ("chheen liya",)))
    index = TermIndex({"category": categories})
    assert find(index, "phone chheen liya")["category"] == [("theft_robbery", "chheen")]


def test_groups_are_read_independently() -> None:
    index = TermIndex({"now": (("now", ("abhi",)),), "recent": (("recent", ("abhi", "subah")),)})
    found = find(index, "abhi subah se")
    assert found["now"] == [("now", "abhi")]
    assert found["recent"] == [("recent", "abhi"), ("recent", "subah")]


def test_terms_are_normalised_like_posts() -> None:
    index = TermIndex({"women": (("women", ("लड़क*", "in-laws")),)})
    assert find(index, "लडकियों के in laws")["women"] == [
        ("women", "लडकियों"),
        ("women", "in laws"),
    ]


def test_a_one_letter_stem_is_refused() -> None:
    with pytest.raises(ValueError, match="two letters"):
        TermIndex({"x": (("x", ("a*",)),)})
