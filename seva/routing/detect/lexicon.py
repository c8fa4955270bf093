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
        "chor*, chura*, theft, stolen, stole, steal*, robbed, robbery, snatch*, loot*, dacoit*, "
        "burglar*, burgled, broke into, break into, jeb kat*, pickpocket*, chhin*, chheen*, "
        "chin liya, uthaigir*, pocket mar*, चोर*, चोरी, चुरा*, लूट*, छीन*, डकैती, छिनैती, जेब कट*"
    ),
    "assault_violence": _terms(
        "maar*, mar diya, mara, peet*, pit*, assault*, beat*, beaten, attack*, fight*, ladai, "
        "jhagda*, hamla, hamle, thappad, slap*, ghayal, injured, goli, firing, fired, shot, "
        "murder*, hatya, chaku*, knife, threat*, dhamki*, jaan se, lathi, danda, goons, gundo*, "
        "मार*, पीट*, हमला, झगड़*, झगड*, गोली, हत्या, धमकी, जान से, घायल, लाठी"
    ),
    "women_safety": _terms(
        "harass*, molest*, eve teas*, chhed*, chhedkhani, stalk*, follows my, peecha, pichha, "
        "obscene, ashleel, morphed, rape, dowry, dahej, sasural*, in-laws, in laws, husband, "
        "pati, domestic violence, girl*, ladki*, mahila*, woman, women, wife, biwi, patni, "
        "behen, bahan, sister, bhabhi, padosan, chhatra*, "
        "छेड़*, छेड*, उत्पीड़न, प्रताड़ित, दहेज, बलात्कार, महिला*, लड़की*, लडकी*, पत्नी, "
        "ससुराल*, पति, बहन, छात्रा*, अश्लील, पीछा, युवती"
    ),
    "missing_kidnapping": _terms(
        "missing, lapata, laapata, gayab, gumshuda*, kidnap*, abduct*, agwa, apharan, phirauti, "
        "ransom, kho gay*, kho gaya, kho gayi, got lost, lost at, did not come back, "
        "not come home, not returned, ghar nahi aaya, ghar nahi aayi, wapas nahi aaya, "
        "bhaga le gaya, लापता, गायब, गुमशुदा*, अपहरण, अगवा, फिरौती, बिछड़*, नहीं लौट*"
    ),
    "cyber_fraud": _terms(
        "otp, upi, fraud*, frauster, scam*, cheat*, cyber, online, account se, bank, paytm, "
        "phonepe, whatsapp, instagram, facebook, fake, loan app, kyc, customer care, "
        "hack*, thagi, thag*, paisa nikal, paise kat, uda liye, ठगी, ठग*, साइबर, फ्रॉड, "
        "खाते से, ओटीपी, हैक*, फेसबुक, ऑनलाइन, धोखाधड़ी, लोन ऐप"
    ),
    "traffic_road": _terms(
        "traffic, jam, accident*, challan, highway, road, truck*, trolley, overload*, parking, "
        "signal, helmet, speeding, wrong side, overtaking, speed breaker, e-rickshaw, "
        "जाम, दुर्घटना, चालान, सड़क, सडक, ट्रैफिक, हाईवे, ट्रॉली, पार्किंग"
    ),
    "noise_nuisance": _terms(
        "dj, loud, noise, shor, loudspeaker*, speaker, music, generator, डीजे, शोर, लाउडस्पीकर"
    ),
    "land_property": _terms(
        "zameen, jameen, land, plot, kabza, kabja, encroach*, property, makaan, boundary, "
        "registry, mutation, ज़मीन, जमीन, कब्जा, कब्ज़ा, प्लॉट, मकान, भूमि"
    ),
    "police_conduct": _terms(
        "rishwat, bribe*, corrupt*, rude, misbehav*, badtameezi, badsaluki, paise maange, "
        "paise maangte, money to register, took money, bhaga diya, ulta mujhe, daroga, sho, "
        "munshi, constable, incharge, in-charge, rude behaviour, "
        "रिश्वत, घूस, दरोगा, बदसलूकी, पैसे मांगे, मुंशी, सिपाही, भगा दिया"
    ),
    "illegal_activity": _terms(
        "sharab, daru, liquor, kachchi, bhatti, gambling, jua, satta, drugs, smack, ganja, "
        "nasha, gutkha, mining, khanan, taskari, smuggl*, felling, katai, illegal, avaidh, "
        "शराब, जुआ, सट्टा, गांजा, स्मैक, अवैध, खनन, तस्करी, कटाई"
    ),
}

# Words that make a post a request for help or a complaint.
GRIEVANCE_TERMS = _terms(
    "help, please, pls, plz, kripya, sahayata, madad, request, complaint, shikayat, action, "
    "karwai, karyawahi, nahi ho rahi, nahi sun, no action, fir, report, urgent, jaldi, turant, "
    "sir, madam, ji, fir, sunwai nahi, sun nahi, report nahi, nahi likh*, not registering, "
    "no action, koi karwai nahi, inquiry, jaanch, pareshan, scared, darr, khatra, "
    "मदद, सहायता, कृपया, शिकायत, कार्रवाई, कार्यवाही, तुरंत, निवेदन, प्रार्थना, सुनवाई नहीं, "
    "एफआईआर, रिपोर्ट, परेशान, खतरे"
)
# Words that mark praise, news, opinion or jokes rather than a grievance.
NON_GRIEVANCE_TERMS = _terms(
    "thank*, thanks, shukriya, dhanyavad, great work, good work, salute, proud, kudos, "
    "congrat*, badhai, well done, jai hind, happy, wish*, news, breaking news, election, vote, "
    "modi, yogi ji, bjp, congress, sp party, joke, jokes, lol, haha, meme, awareness, "
    "shared, subscribe, follow, retweet, rt, tag your, initiative, appreciable, sarahniya, "
    "tips, syllabus, how do i, how to, kaise kare, kaise banwaye, kab hoga, kab aayega, "
    "kya hai, khabar, bahut acche, accha tha, acche insaan, "
    "धन्यवाद, शुक्रिया, बधाई, सलाम, शाबाश, गर्व, चुनाव, सराहनीय, खबर, समाचार, कैसे करें"
)
# Urgency: danger right now. A post is urgent when it is a grievance and it names something
# urgent by nature (a kidnapping, a suicide risk), a missing person who is not long gone, or
# danger words together with words that say it is happening now.
URGENT_BY_NATURE_TERMS = _terms(
    "kidnap*, abduct*, apharan, agwa, phirauti, ransom, suicide, aatmahatya, faansi, "
    "jump off, poison, zeher, zehar, jahar, khudkushi, end my life, end his life, "
    "end her life, kill myself, jaan de dunga, jaan de dungi, talwar, pistol, katta, tamancha, "
    "revolver, khoon, bleeding, trapped, aag lag*, on fire, burn her, burn him, jala denge, "
    "jinda jala, breaking into, ghus aaye, ghus gaye, being followed, "
    "lootpat, acid, "
    "अपहरण, अगवा, फिरौती, आत्महत्या, फांसी, जहर, खुदकुशी, तलवार, तमंचा, कट्टा, पिस्तौल, "
    "खून, आग लग*, जिंदा जला*, घुस आए, घुस आये, लूटपाट, तेजाब"
)
NOW_TERMS = _terms(
    "abhi, right now, now, just now, turant, jaldi, urgent*, emergency, immediately, asap, "
    "bachao, bachaiye, save us, help us, in danger, khatre, khatra, अभी, तुरंत, जल्दी, "
    "बचाओ, बचाइए, खतरे, tonight, aaj raat, आज रात"
)
# A danger word followed within two words by the present progressive ("maar rahe hain",
# "darwaza tod raha hai", "पीट रहा है") says the harm is going on as they write.
PROGRESSIVE_MARKERS = ("raha", "rahe", "rahi", "rha", "rhe", "rhi", "रहा", "रहे", "रही")
DANGER_TERMS = _terms(
    "goli, firing, gun*, knife, chaku*, kill*, maar*, mar diya, hamla, attack*, peet*, "
    "locked, band kar*, dragged, zabardasti, ghayal, injured, accident, mob, lathi, "
    "loot*, tod, todh*, jhagda, fight*, ghus*, lathiyan, danda, dande, "
    "मार*, पीट*, हमला, गोली, बंद कर*, घायल, दुर्घटना, जान से, जान खतरे, जान का खतरा, "
    "लूट*, तोड़*, झगड़ा, घुस*"
)
# A missing person reported days later is serious but no longer minutes-urgent.
STALE_TERMS = _terms(
    "din se, dino se, days, hafte, week*, mahine, month*, सप्ताह, दिन से, दिनों से, महीने"
)
# When two categories have as many words, the one earlier here wins: the more specific harm.
CATEGORY_PRIORITY = (
    "missing_kidnapping",
    "women_safety",
    "cyber_fraud",
    "assault_violence",
    "theft_robbery",
    "land_property",
    "illegal_activity",
    "noise_nuisance",
    "traffic_road",
    "police_conduct",
)


def all_terms() -> tuple[str, ...]:
    """Every word and stem of every list (for telling everyday words from place names)."""
    lists = [*CATEGORY_TERMS.values(), GRIEVANCE_TERMS, NON_GRIEVANCE_TERMS]
    lists += [URGENT_BY_NATURE_TERMS, NOW_TERMS, DANGER_TERMS, STALE_TERMS]
    return tuple(term for terms in lists for term in terms)
