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
        # Found this session on posts written blind: near-place words, a road's two ends,
        # a name read with ड़ as r, two names of one district side by side, a last word.
        ("kal raat Milak ke paas truck palat gaya", "Rampur"),
        ("Lucknow-Ayodhya highway pe Ram Sanehi Ghat ke paas car palat gayi", "Barabanki"),
        ("रसड़ा बाज़ार में चेन खींची गई", "Ballia"),
        ("मऊ घोसी, चुनावी रंजिश में लोग घर घेर के खड़े हैं", "Mau"),
        ("आज रात ही फेरे हैं, वो रो रो के मना कर रही है। तिलहर", "Shahjahanpur"),
        ("सिकंदराराऊ, हल्का दरोगा ने 20 हज़ार मांगे", "Hathras"),
        ("Firing going on near Phulpur, Azamgarh over a land dispute", "Azamgarh"),
        ("चकेरी थाने में FIR नहीं लिखी", "Kanpur Nagar"),
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


def test_a_tagged_district_handle_outweighs_a_place_named_in_passing():
    # "Hapur chungi" is a crossing in Ghaziabad.
    found = guess("Hapur chungi pe traffic wale ne paise le liye", mentions=["agrapolice"])
    assert found.district == "Agra"


def test_everyday_words_that_sound_like_towns_are_not_places():
    for text in ["किराए पर कमरा लेने का बहाना", "an old lady barely responding now"]:
        assert guess(text).district is None
