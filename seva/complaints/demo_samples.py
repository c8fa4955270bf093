"""Sample complaint texts for the demo, in the mix citizens write: Hinglish, Hindi, English.

`{place}` is filled with the district's name in the text's script. Invented for the demo.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Sample:
    text: str
    language: str
    category: str
    is_urgent: bool = False
    script: str = "latin"  # which district name to put in {place}: latin or devanagari


SAMPLES: tuple[Sample, ...] = (
    Sample(
        "Sir mere ghar me chori ho gayi, {place} thana FIR nahi likh raha", "hi", "theft_robbery"
    ),
    Sample(
        "{place} me meri bike chori ho gayi kal raat, kripya sahayata karein", "hi", "theft_robbery"
    ),
    Sample(
        "मेरे घर में चोरी हो गई है, {place} पुलिस कृपया कार्रवाई करें",
        "hi",
        "theft_robbery",
        script="devanagari",
    ),
    Sample("My phone was snatched near the market in {place}. Please help.", "en", "theft_robbery"),
    Sample(
        "Padosi ne mere bhai ko maara, {place} police koi action nahi le rahi",
        "hi",
        "assault_violence",
    ),
    Sample(
        "{place} में दबंगों ने मारपीट की, थाने में सुनवाई नहीं हो रही",
        "hi",
        "assault_violence",
        script="devanagari",
    ),
    Sample(
        "A group of men are harassing girls outside the college in {place} every evening",
        "en",
        "women_safety",
    ),
    Sample(
        "Ladki ko roz pareshan kar rahe hain ladke, {place} me school ke bahar",
        "hi",
        "women_safety",
    ),
    Sample(
        "मेरा 10 साल का बेटा कल शाम से लापता है, {place}, कृपया तुरंत मदद करें",
        "hi",
        "missing_kidnapping",
        True,
        "devanagari",
    ),
    Sample(
        "URGENT my daughter has not come home since morning, {place}, please help now",
        "en",
        "missing_kidnapping",
        True,
    ),
    Sample(
        "Mere account se 50000 nikal liye kisi ne OTP maang ke, {place} cyber cell help",
        "hi",
        "cyber_fraud",
    ),
    Sample(
        "I lost money to a fake job offer on WhatsApp, {place}. Cyber complaint please.",
        "en",
        "cyber_fraud",
    ),
    Sample("{place} chauraha pe roz jam lagta hai, traffic police nahi hoti", "hi", "traffic_road"),
    Sample(
        "Trucks parked on the highway near {place} cause accidents every night",
        "en",
        "traffic_road",
    ),
    Sample(
        "रात 12 बजे तक डीजे बज रहा है {place} में, सोना मुश्किल है",
        "hi",
        "noise_nuisance",
        script="devanagari",
    ),
    Sample("Loud DJ every night in our colony in {place}, nobody acts", "en", "noise_nuisance"),
    Sample(
        "Meri zameen par kabza kar liya, {place} tehsil aur thana dono sun nahi rahe",
        "hi",
        "land_property",
    ),
    Sample("{place} के थाने में दरोगा जी ने रिश्वत मांगी है", "hi", "police_conduct", script="devanagari"),
    Sample(
        "The SHO in {place} refused to register my complaint and was rude", "en", "police_conduct"
    ),
    Sample("Gaon me khulle aam kachchi sharab bik rahi hai, {place}", "hi", "illegal_activity"),
    Sample(
        "Someone is threatening to kill my father right now in {place}, please send help",
        "en",
        "assault_violence",
        True,
    ),
    Sample(
        "{place} में एक महिला को घर में बंद करके पीटा जा रहा है, अभी मदद भेजें",
        "hi",
        "women_safety",
        True,
        "devanagari",
    ),
)
