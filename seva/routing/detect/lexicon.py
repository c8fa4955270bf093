"""Word lists for grievance, category and urgency, in English, Hinglish and Hindi.

Entries are place keys (see text.py): lower case, no nukta. A phrase of several words matches
as a whole; a single word matches a token, or a token's start when it ends in '*'
("chor*" matches chori, chor, choron).
"""

from __future__ import annotations

from collections.abc import Mapping


def _terms(text: str) -> tuple[str, ...]:
    return tuple(term.strip() for term in text.split(",") if term.strip())


CATEGORY_TERMS: Mapping[str, tuple[str, ...]] = {
    "theft_robbery": _terms(
        "chor*, theft, stolen, steal*, robbed, robbery, snatch*, loot*, dacoit*, burglar*, "
        "chhin*, chin liya, uthaigir*, pocket mar*, चोर*, चोरी, लूट*, छीन*, डकैती, छिनैती"
    ),
    "assault_violence": _terms(
        "maar*, mar diya, mara, peet*, pit*, assault*, beat*, attack*, fight*, ladai, jhagda*, "
        "goli, firing, fired, shot, murder*, hatya, chaku, knife, threat*, dhamki, jaan se, "
        "मार*, पीट*, हमला, झगड़*, झगड*, गोली, हत्या, धमकी, जान से"
    ),
    "women_safety": _terms(
        "harass*, molest*, eve teas*, chhed*, chhedkhani, stalk*, rape, dowry, dahej, "
        "domestic violence, girl*, ladki, ladkiyon, mahila, woman, women, wife, biwi, patni, "
        "छेड़*, छेड*, छेड़छाड़, उत्पीड़न, दहेज, बलात्कार, महिला, लड़की*, लडकी*, पत्नी"
    ),
    "missing_kidnapping": _terms(
        "missing, lapata, laapata, gayab, gumshuda, kidnap*, abduct*, agwa, apharan, "
        "not come home, not returned, ghar nahi aaya, ghar nahi aayi, लापता, गायब, गुमशुदा, "
        "अपहरण, अगवा"
    ),
    "cyber_fraud": _terms(
        "otp, upi, fraud, scam*, cyber, online, account se, bank, paytm, phonepe, whatsapp, "
        "fake call, hack*, thagi, thag*, paisa nikal, paise kat, ठगी, ठग*, साइबर, फ्रॉड, खाते से"
    ),
    "traffic_road": _terms(
        "traffic, jam, accident, challan, highway, road, truck*, overload*, parking, signal, "
        "helmet, speeding, जाम, दुर्घटना, चालान, सड़क, सडक, ट्रैफिक"
    ),
    "noise_nuisance": _terms(
        "dj, loud, noise, shor, loudspeaker, speaker, music, late night, raat bhar, "
        "डीजे, शोर, लाउडस्पीकर"
    ),
    "land_property": _terms(
        "zameen, jameen, land, plot, kabza, kabja, encroach*, property, makaan, boundary, "
        "registry, mutation, ज़मीन, जमीन, कब्जा, कब्ज़ा, प्लॉट, मकान, भूमि"
    ),
    "police_conduct": _terms(
        "rishwat, bribe*, corrupt*, rude, misbehav*, refused to register, fir nahi, "
        "report nahi likh, not registering, sunwai nahi, sun nahi, daroga, sho, "
        "रिश्वत, घूस, दरोगा, सुनवाई नहीं, एफआईआर नहीं, बदसलूकी"
    ),
    "illegal_activity": _terms(
        "sharab, daru, liquor, kachchi, gambling, jua, satta, drugs, smack, ganja, mining, "
        "khanan, illegal, avaidh, शराब, जुआ, सट्टा, गांजा, स्मैक, अवैध, खनन"
    ),
}

# Words that make a post a request for help or a complaint.
GRIEVANCE_TERMS = _terms(
    "help, please, pls, plz, kripya, sahayata, madad, request, complaint, shikayat, action, "
    "karwai, karyawahi, nahi ho rahi, nahi sun, no action, fir, report, urgent, jaldi, turant, "
    "sir, madam, ji, मदद, सहायता, कृपया, शिकायत, कार्रवाई, कार्यवाही, तुरंत, निवेदन, प्रार्थना"
)
# Words that mark praise, news, opinion or jokes rather than a grievance.
NON_GRIEVANCE_TERMS = _terms(
    "thank*, thanks, shukriya, dhanyavad, great work, good work, salute, proud, kudos, "
    "congrat*, badhai, well done, jai hind, happy, wish*, news, breaking, election, vote, "
    "modi, yogi ji, bjp, congress, sp party, joke, lol, haha, meme, "
    "धन्यवाद, शुक्रिया, बधाई, सलाम, शाबाश, गर्व, चुनाव"
)
# Danger right now: a life at risk, a missing child, a woman in danger, a crime in progress.
URGENT_TERMS = _terms(
    "abhi, right now, now, turant, jaldi, urgent*, emergency, immediately, asap, "
    "jaan se maar, kill*, maar dalenge, goli, firing, gun, knife, chaku, suicide, aatmahatya, "
    "jump*, faansi, poison, zeher, bachao, bachaiye, save us, help us, in danger, "
    "locked, band kar*, kidnap*, agwa, missing child, bachcha lapata, beta lapata, beti lapata, "
    "daughter, son, bachchi, अभी, तुरंत, जल्दी, बचाओ, बचाइए, जान से, गोली, आत्महत्या, "
    "अपहरण, बेटा, बेटी, बच्चा, बच्ची, खतरे"
)
