"""Sound keys and loose place matching: a Devanagari post finds a Latin-only name, a misspelt
district is found beside a place word, and everyday words never become places."""

from __future__ import annotations

import pytest

from seva.routing.detect.district import detect_district
from seva.routing.detect.phonetic import devanagari_to_latin, sound_key
from seva.routing.gazetteer_data import shipped_gazetteer


@pytest.mark.parametrize(
    ("latin", "other"),
    [
        ("mauranipur", "मऊरानीपुर"),
        ("chandausi", "चंदौसी"),
        ("sonauli", "सोनौली"),
        ("gorakhpur", "गोरखपूर"),
        ("gorakhpur", "gorakpur"),
        ("ghaziabad", "gziabad"),
        ("aligarh", "अलीगढ"),
        ("pratapgarh", "प्रतापगढ़"),
        ("sambhal", "संभल"),
        ("mughalsarai", "मुगलसराय"),
        ("shahjahanpur", "शाहजहाँपुर"),
        ("jaunpur", "jonpur"),
        ("kannauj", "kannoj"),
    ],
)
def test_spellings_of_one_place_share_a_key(latin: str, other: str) -> None:
    assert sound_key(latin) == sound_key(other)


def test_keys_keep_ch_apart_from_k_and_short_keys_are_not_used() -> None:
    assert sound_key("chori") != sound_key("kori")
    # "Agra" and "ghar" (house) share a key, which is why keys under four letters are unused.
    assert sound_key("agra") == sound_key("ghar")
    assert len(sound_key("agra")) < 4


def test_devanagari_is_spelt_plainly() -> None:
    assert devanagari_to_latin("लखनऊ") == "lakhanaoo"
    assert devanagari_to_latin("प्रयागराज") == "prayaagaraaj"


@pytest.mark.parametrize(
    ("text", "district"),
    [
        ("चंदौसी में मेरी दुकान में चोरी हो गई", "Sambhal"),
        ("मऊरानीपुर में घर के बाहर झगड़ा", "Jhansi"),
        ("Gorakpur me meri bike chori", "Gorakhpur"),
        ("jila Bulandsher me jhagda ho raha", "Bulandshahr"),
        ("Sultanpr me chori", "Sultanpur"),
        ("थाना लोनी में सुनवाई नहीं", "Ghaziabad"),
    ],
)
def test_loose_matches_find_the_district(text: str, district: str) -> None:
    guess = detect_district(text=text, gazetteer=shipped_gazetteer())
    assert guess.district == district
    assert any("sound" in reason or "near spelling" in reason for reason in guess.reasons)


@pytest.mark.parametrize(
    "text",
    [
        "mere ghar me chori ho gayi, kripya karwai karein",
        "deewar tod ke ghuse, motor cycle le gaye",
        "nadi ke kinare ek aadmi pada hai",
        "hamare mohalle me roz jhagda, bahut pareshan",
        "मेरे घर में चोरी हो गई है, कृपया कार्रवाई करें",
        "my friend was cheated at the crossing",
    ],
)
def test_everyday_words_are_not_places(text: str) -> None:
    assert detect_district(text=text, gazetteer=shipped_gazetteer()).district is None
