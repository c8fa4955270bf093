"""The gazetteer knows UP's places by every name people use, in both scripts."""

import pytest

from seva.routing.detect.gazetteer import Gazetteer, Place, PlaceKind
from seva.routing.detect.text import place_key
from seva.routing.gazetteer_data import shipped_gazetteer


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("  PRAYAGRAJ!! ", "prayagraj"),
        ("ग़ाज़ियाबाद", "गाजियाबाद"),
        ("Gautam_Buddha-Nagar", "gautam buddha nagar"),
        ("गाँव", "गांव"),
    ],
)
def test_place_keys_fold_case_punctuation_and_nukta(text, key):
    assert place_key(text) == key


@pytest.mark.parametrize(
    ("name", "district"),
    [
        ("Allahabad", "Prayagraj"),
        ("इलाहाबाद", "Prayagraj"),
        ("Faizabad", "Ayodhya"),
        ("लखनऊ", "Lucknow"),
        ("Etmadpur", "Agra"),
        ("SHAMLI", "Shamli"),
        ("Kanpur Dehat", "Kanpur Dehat"),
    ],
)
def test_shipped_names_lead_to_their_district(name, district):
    assert district in {place.district for place in shipped_gazetteer().lookup(name)}


def test_all_75_districts_are_known():
    assert len(shipped_gazetteer().districts()) == 75


def test_a_name_shared_by_two_districts_is_ambiguous():
    places = shipped_gazetteer().lookup("akbarpur")
    assert {place.district for place in places} >= {"Ambedkar Nagar", "Kanpur Dehat"}
    assert all(place.ambiguous for place in places)


def test_administrators_entries_join_the_index():
    gazetteer = Gazetteer([Place("Hazratganj", "Lucknow", PlaceKind.LOCALITY)])
    assert gazetteer.lookup("hazratganj")[0].district == "Lucknow"
    assert gazetteer.lookup("nowhere") == ()
