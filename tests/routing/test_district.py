"""District detection on the posts people actually write, including the traps."""

import pytest

from seva.routing.detect.district import detect_district
from seva.routing.gazetteer_data import shipped_gazetteer

HANDLES = {"lucknowpolice": "Lucknow", "agrapolice": "Agra"}


def guess(text, **extra):
    return detect_district(
        text=text, gazetteer=shipped_gazetteer(), handle_districts=HANDLES, **extra
    )


@pytest.mark.parametrize(
    ("text", "district"),
    [
        ("Sir mere ghar me chori ho gayi, Lucknow thana FIR nahi likh raha", "Lucknow"),
        ("मेरे घर में चोरी हो गई है, आगरा पुलिस कृपया कार्रवाई करें", "Agra"),
        ("Allahabad me meri bike chori ho gayi", "Prayagraj"),
        ("Faizabad kotwali me sunwai nahi", "Ayodhya"),
        ("Kanpur Dehat ke Akbarpur me ladai hui", "Kanpur Dehat"),
        ("jila banda ke thane me rishwat", "Banda"),
        ("बस्ती जनपद में जमीन पर कब्जा", "Basti"),
        ("Etmadpur me chori", "Agra"),
    ],
)
def test_places_in_the_text_name_the_district(text, district):
    assert guess(text).district == district


@pytest.mark.parametrize(
    "text",
    [
        "ek banda roz pareshan karta hai",  # banda = a fellow
        "hamari basti me paani nahi aata",  # basti = a settlement
        "Mathura Prasad ne mera paisa le liya",  # a person
        "Pratapgarh, Rajasthan me meri gaadi chori ho gayi",  # outside UP
        "Hamirpur HP me accident hua",
        "please help me, nobody listens",  # no clue at all
    ],
)
def test_traps_give_no_district(text):
    result = guess(text)
    assert result.district is None, result.reasons


def test_tagged_handle_and_profile_are_evidence_with_reasons():
    tagged = guess("meri shikayat sun lijiye", mentions=["lucknowpolice"])
    assert tagged.district == "Lucknow"
    assert any("@lucknowpolice" in reason for reason in tagged.reasons)
    profile = guess("chori ho gayi", author_location="Noida, India")
    assert profile.district == "Gautam Buddha Nagar"


def test_text_outweighs_the_profile_location():
    result = guess("Agra me chori ho gayi", author_location="Lucknow")
    assert result.district == "Agra"
    assert 0 < result.confidence < 1
