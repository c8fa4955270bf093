"""Urgency on posts written after the lexicon's first version, outside the corpus: danger
happening now in the ways people put it (the present progressive, weapons, fire, poison,
break-ins), and ongoing trouble that is serious but not minutes-urgent."""

from __future__ import annotations

import pytest

from seva.routing.detect.classify import classify_grievance, classify_urgency

URGENT = [
    "Mere pados me ek aadmi apni patni ko maar raha hai, cheekh rahi hai, jaldi police bhejo",
    "Someone is breaking into my house right now, I am hiding in the bathroom, Gomti Nagar",
    "मेरी बेटी स्कूल से घर नहीं लौटी, 3 घंटे हो गए, फोन बंद है",
    "Bhai ne zehar kha liya hai, hospital le ja rahe hain, police help chahiye",
    "मेरे घर के बाहर कुछ लोग तलवार लेकर खड़े हैं, जान का खतरा है",
    "My friend posted that he will end his life tonight, please trace him",
    "Gaon me do guton me jhagda chal raha hai, lathiyan chal rahi hain, log ghayal hain",
    "Dabangg log mere ghar me ghus aaye hain aur dhamki de rahe hain, bachao",
    "There is a fire and people are trapped, nobody is coming",
    "पति शराब पीकर मुझे और बच्चों को मार रहा है, अभी मदद चाहिए",
    "Ek aadmi pistol leke gali me ghoom raha hai aur logon ko dhamka raha hai",
    "Chain snatcher ne ek aurat ko gira diya, bahut khoon beh raha hai",
    "हमारी बस को कुछ लोगों ने रोक लिया है और यात्रियों से लूटपाट कर रहे हैं",
    "I am being followed by two men on a bike since the metro station, scared",
    "Koi mere ghar ka darwaza tod raha hai, please jaldi aaiye",
]
NOT_URGENT = [
    "Meri bike 2 hafte pehle chori hui thi, FIR likhwa di, update nahi mila",
    "Padosi raat bhar DJ bajata hai, bahut pareshani hai",
    "Loan app wale meri photo viral karne ki dhamki de rahe hain aur paisa maang rahe hain",
    "Saharanpur me avaidh daru ki bhatti chal rahi hai, kripya chhapa maariye",
    "Breaking news: new police station opened in Noida today",
]


@pytest.mark.parametrize("text", URGENT)
def test_danger_now_is_urgent(text: str) -> None:
    grievance = classify_grievance(text)
    assert grievance.value
    assert classify_urgency(text, is_grievance=True).value


@pytest.mark.parametrize("text", NOT_URGENT)
def test_serious_but_not_now_is_not_urgent(text: str) -> None:
    grievance = classify_grievance(text)
    assert not classify_urgency(text, is_grievance=bool(grievance.value)).value
