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

# Everyday Hindi and Hinglish phrasing of each harm (fraud "in the name of" a job, a loan, a
# card; taunts at girls; drunken rows; overloaded dumpers; being held at the police station).
_MORE_CATEGORY_TERMS: Mapping[str, tuple[str, ...]] = {
    "theft_robbery": _terms("chain snatching, ताला तोड़*, ताला तोड*, सेंध, sendh, nakbazni"),
    "assault_violence": _terms(
        "maarpeet, मारपीट, ranjish, रंजिश, dabang*, दबंग*, lalkar*, ललकार*, गाली गलौज, gali galoch"
    ),
    "women_safety": _terms(
        "chheentakashi, chhintakashi, छींटाकशी, फब्ती*, fabti*, ladkiyon par, लड़कियों पर, "
        "लड़कियों, auraton, औरतों"
    ),
    "missing_kidnapping": _terms(
        "nahi mil rahi, nahi mil raha, नहीं मिल रही, नहीं मिल रहा, nahi dikh rahi, "
        "नहीं दिख रही, बहला कर, बहलाकर, bahla kar, behla kar, gumshudgi, गुमशुदगी, लौटी*, लौटे"
    ),
    "cyber_fraud": _terms(
        "farzi*, फर्जी*, dhokha*, धोखा*, धोखे*, nikal liye, निकाल लिए, kat gaye, कट गए, कट गये, "
        "aeps, olx, frod, naam pe, naam par, के नाम पर, के नाम पे, credit card, क्रेडिट कार्ड, "
        "link pe click, लिंक"
    ),
    "traffic_road": _terms(
        "dumper*, डंपर, raftar, रफ्तार, silencer, साइलेंसर, bullet, बुलेट, dabang driver"
    ),
    "noise_nuisance": _terms("hungama, हंगामा, patakhe, pataake, पटाखे, awaaz, आवाज"),
    "land_property": _terms("chakroad, चकरोड, रास्ता बंद, rasta band, vivaad, विवाद, मेड़"),
    "police_conduct": _terms(
        "bitha*, बिठा*, paise lekar, पैसे लेकर, police walon ne, पुलिस वालों ने, "
        "पुलिस वाले, lene se mana, लेने से मना, mana kar diya, मना कर दिया, बदतमीजी, vasool*, वसूल*"
    ),
    "illegal_activity": _terms(
        "nasha*, नशे, नशा, नशीली, syrup, सिरप, bal shram, बाल श्रम, child labour, jua, तस्कर*, taskar*"
    ),
}
CATEGORY_TERMS = {
    name: terms + _MORE_CATEGORY_TERMS.get(name, ()) for name, terms in CATEGORY_TERMS.items()
}

# Words that make a post a request for help or a complaint.
GRIEVANCE_TERMS = _terms(
    "help, please, pls, plz, kripya, sahayata, madad, request, complaint, shikayat, action, "
    "karwai, karyawahi, nahi ho rahi, nahi sun, no action, fir, report, urgent, jaldi, turant, "
    "sir, madam, ji, fir, sunwai nahi, sun nahi, report nahi, nahi likh*, not registering, "
    "no action, koi karwai nahi, inquiry, jaanch, pareshan, scared, darr, khatra, "
    "मदद, सहायता, कृपया, शिकायत, कार्रवाई, कार्यवाही, तुरंत, निवेदन, प्रार्थना, सुनवाई नहीं, "
    "एफआईआर, रिपोर्ट, परेशान, खतरे, "
    "mushkil, मुश्किल, pareshani, परेशानी, dhyan de*, ध्यान दे*, ध्यान दीजिए, koi update nahi, "
    "कोई अपडेट नहीं, no update, mana kar rahe, मना कर रहे, रोक*, rok*, kuch nahi ho raha, "
    "koi sunwai nahi, कोई सुनवाई नहीं, कोई नहीं रहता, khulea*, खुलेआम, nahi utha rahe, "
    "नहीं उठा रहे"
)
# Words that mark praise, news, opinion or jokes rather than a grievance.
NON_GRIEVANCE_TERMS = _terms(
    "thank*, thanks, shukriya, dhanyavad, great work, good work, salute, proud, kudos, "
    "congrat*, badhai, well done, jai hind, happy, wish*, news, breaking news, election, vote, "
    "modi, yogi ji, bjp, congress, sp party, joke, jokes, lol, haha, meme, awareness, "
    "shared, subscribe, follow, retweet, rt, tag your, initiative, appreciable, sarahniya, "
    "tips, syllabus, how do i, how to, kaise kare, kaise banwaye, kab hoga, kab aayega, "
    "kya hai, khabar, bahut acche, accha tha, acche insaan, "
    "धन्यवाद, शुक्रिया, बधाई, सलाम, शाबाश, गर्व, चुनाव, सराहनीय, खबर, समाचार, कैसे करें, "
    # news of a case solved, tributes, politics: about the police, not asking them
    "dhoondh liya, dhundh liya, found the, recovered, rescued, saved a, baramad, arrested, "
    "bhandafod, rip, om shanti, shraddhanjali, jagrukta, vipaksh, sarkar par, diversion, "
    "बरामद, गिरफ्तार, भंडाफोड़, भंडाफोड, श्रद्धांजलि, शहीद, ॐ शांति, जागरूकता, विपक्ष, "
    "सरकार पर, डायवर्जन, 😂"
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
    # a suicide risk, said the many ways people say it
    "khud ko khatam, khud ko khatm, khatam kar lega, khatam kar legi, kudne, kood*, "
    "keetnashak, zeher kha*, jahar kha*, nas kaat*, marne ki baat, jaan dene, "
    # people trapped or swept away, a crowd turning violent
    "dabe hain, dab gaye, fanse hain, phanse hain, beh gaye, bah gaye, doob*, drown*, "
    "aamne saamne, pathar chal*, patthar chal*, pathrav, stone pelting, firing ho, "
    "अपहरण, अगवा, फिरौती, आत्महत्या, फांसी, जहर, खुदकुशी, तलवार, तमंचा, कट्टा, पिस्तौल, "
    "खून, आग लग*, जिंदा जला*, घुस आए, घुस आये, लूटपाट, तेजाब, "
    "खुद को खत्म, खत्म कर लेगा, खत्म कर लेगी, कूदने, कूद*, कीटनाशक, जहर खा*, नस काट*, "
    "मरने की बात, जान देने, दबे हैं, दब गए, फंसे हैं, बह गए, डूब*, आमने सामने, पथराव, "
    "पत्थर चल*, फायरिंग हो, "
    # goodbyes and places people go to end their lives
    "end it, alvida, goodbye, last message, mat dhoondhna, mat dhundhna, dont look for me, "
    "don't look for me, suicide note, chitthi chhod*, patri pe, railway track, on the track, "
    "jump*, will die, mar jayega, mar jayegi, jaan chali jayegi, "
    "अलविदा, मत ढूंढना, चिट्ठी छोड़*, पटरी पर, मर जाएगा, मर जाएगी, "
    # poison and pills, borewells, collapses, deep water
    "chuhe maar, rat poison, dawa kha li, goliyan kha li, pills, sleeping pills, "
    "neend ki goli*, borewell, bore well, dhans*, collapse*, gotakhor, divers, gehre pani, "
    "दवा खा ली, गोलियां खा ली, नींद की गोलियां, बोरवेल, धंस*, गोताखोर, गहरे पानी, "
    # someone lying hurt, stuck or gone under; a boat over; a ledge; a last "take care"
    "behosh, unconscious, palat gayi, capsiz*, atak gayi, stuck inside, lying on the, "
    "run over, kuchal*, sewer, munder, ledge, railing, nahi jeena, jeena nahi, khayal rakhna, "
    "take care of mom, take care of maa, forced marriage, zabardasti shaadi, ransom call, "
    "lakh do varna, warna maar denge, cutting the lock, lock kaat*, pulled him, pulled her, "
    "pulled a boy, pulled a girl, pulled a child, "
    "बेहोश, पलट गई, पलट गया, अटकी, अटका, रौंद*, कुचल*, सीवर, मुंडेर, रेलिंग, नहीं जीना, "
    "जीना नहीं, ख्याल रखना, जबरदस्ती शादी, लाख दो वरना, वरना मार देंगे, ताला काट*, "
    "अता-पता नहीं, अता पता नहीं, पता नहीं चल रहा, बाहर नहीं आए, "
    # fire and smoke, flood water rising, a wild animal inside, a live wire, a collapse,
    # a woman in labour cut off, a newborn taken, a mouth held shut, "I might do something"
    "aag, fire, dhuan, dhua, smoke, baadh, flood*, pani kamar, paani kamar, pani ghus*, "
    "paani ghus*, tendua, leopard, tiger, baagh, snake bite, saanp ne kaat*, karant, "
    "current laga, electrocut*, malbe, rubble, caved in, dhah gayi, dhah gaya, newborn, "
    "navjaat, sword*, farsa, gandasa, garbhvati, pregnant, labour pain, prasav, "
    "muh daba*, mouth shut, hands over, kuch kar lu, kuch kar lunga, kuch kar lungi, ab bas, "
    "आग, धुआं, धुआँ, बाढ़, बाढ, पानी कमर, पानी घुस*, तेंदुआ, बाघ, सांप ने काट*, साँप ने काट*, "
    "करंट, मलबे, ढह*, नवजात, फरसा, गंडासा, गर्भवती, प्रसव, मुंह दबा*, मुँह दबा*, कुछ कर लूं, "
    "कुछ कर लूँ, कुछ कर लूंगा, कुछ कर लूंगी, अब बस"
)
# A child: missing is urgent however long ago ("a missing child" is danger right now).
MINOR_TERMS = _terms(
    "nabalig, naabalig, minor, bachcha, bachchi, baccha, bacchi, bacche, bachche, child, kid, "
    "little girl, little boy, school, tuition, coaching, class, kaksha, "
    "नाबालिग, बच्चा, बच्ची, बच्चे, स्कूल, ट्यूशन, कोचिंग, कक्षा"
)
# Someone asking for police to come now ("jaldi police bhejo", "कोई बचा लो"): with danger or
# harm to a person in the post, it is an emergency call rather than a request for action.
DISPATCH_TERMS = _terms(
    "bhejo, bhejiye, bhejein, bhejen, bhej do, bhej dijiye, send police, send help, "
    "send someone, send force, send ambulance, please hurry, jaldi aao, jaldi aaiye, "
    "jaldi aaye, jaldi kijiye, jaldi karo, bacha lo, bachao, bachaiye, save her, save him, "
    "save us, help kr do, help kar do, help karo, "
    "भेजिए, भेजें, भेजो, भेज दीजिए, भेज दो, जल्दी आइए, जल्दी आए, जल्दी कीजिए, जल्दी करें, "
    "बचा लो, बचाओ, बचाइए, पहुंचिए, पहुंचो"
)
# A woman or child in danger as they write: followed, taken somewhere, surrounded, held.
HELD_NOW_TERMS = _terms(
    "peeche lage, pichhe lage, peecha kar rahe, le ja raha, le ja rahe, galat raste, "
    "sunsaan, sunsan, darr lag raha, dar lag raha, kheench*, gher liya, gher kar, gherkar, "
    "kamre me band, ghar me band, bandhak, locked me, locked us, following me, following her, "
    "andar aane ki koshish, ghusne ki koshish, trying to enter, trying to break, window lock, "
    "lock kar di, lock kar diya, "
    "पीछे लगे, पीछा कर रहे, ले जा रहा, ले जा रहे, गलत रास्ते, सुनसान, डर लग रहा, खींच*, "
    "घुसने की कोशिश, अंदर आने की कोशिश, "
    "घेर लिया, घेर कर, घेरकर, कमरे में बंद, घर में बंद, बंधक"
)
# Said of a person who cannot be found: with a child or a recent time it is urgent.
MISSING_NOW_TERMS = _terms(
    "nahi mil rahi, nahi mil raha, nahi dikh rahi, nahi dikh raha, kahin chala gaya, "
    "kahin chali gayi, ghar nahi aayi, ghar nahi aaya, na ghar aayi, nahi lauti, nahi lauta, "
    "bahla kar, behla kar, behla ke, bahla ke, bhaga le gaya, utha le gaye, utha kar le gaye, "
    "नहीं मिल रही, नहीं मिल रहा, नहीं दिख रही, नहीं दिख रहा, कहीं चला गया, कहीं चली गई, "
    "घर नहीं आई, घर नहीं आया, नहीं लौटी, नहीं लौटा, बहला कर, बहलाकर, उठा ले गए, खो गई, खो गया, "
    "kho gayi, kho gaya, kho gaye, nahi laute, nahi mila, nahi mili, abhi tak nahi mila, "
    "lost in the crowd, wandered off, बिछड़ गई, बिछड़ गईं, बिछड़ गए, बिछड गई, हाथ से छूट गया, "
    "नहीं मिला, नहीं मिली, नहीं लौटे, कुछ पता नहीं, kuch pata nahi, gayab hai, गायब है"
)
# Children and others who cannot look after themselves (the elderly, people with dementia).
CHILD_TERMS = _terms(
    "bachcha, bachchi, baccha, bacchi, bacche, bachche, beti, beta, nabalig, minor, child, "
    "kid, son, daughter, saal ka, saal ki, years old, year old, yr old, yrs old, little girl, "
    "little boy, girl, boy, elderly, old man, old woman, buzurg, dementia, dadi, dada, nani, "
    "nana, "
    "बच्चा, बच्ची, बच्चे, बेटी, बेटा, नाबालिग, साल का, साल की, बुजुर्ग, दादी, दादा, नानी, नाना, "
    "याददाश्त, मानसिक"
)
# Family and people words: a post naming one is about a person, not only a lost thing.
PERSON_TERMS = _terms(
    "bhai, behen, bahan, papa, mummy, maa, father, mother, brother, sister, husband, wife, "
    "pati, patni, dost, friend, भाई, बहन, पापा, मम्मी, मां, माँ, पति, पत्नी, दोस्त"
)
RECENT_TERMS = _terms(
    "ghante, ghanta, aaj subah, aaj shaam, subah se, shaam se, raat se, abhi, baje, hours, "
    "an hour, minutes, minute, aadha ghanta, since morning, tonight, aaj raat, this evening, "
    "this morning, today, subah, shaam, aaj, "
    "घंटे, घंटा, आज सुबह, आज शाम, सुबह से, शाम से, रात से, अभी, बजे, मिनट, आधा घंटा, आज रात, "
    "सुबह, शाम, आज"
)
# Things, not people: "mera wallet kho gaya" is a lost-property report.
OBJECT_TERMS = _terms(
    "wallet, purse, phone, mobile, id, license, licence, aadhaar, aadhar, documents, card, "
    "bag, suitcase, keys, पर्स, फोन, मोबाइल, लाइसेंस, आधार, कार्ड, बैग, दस्तावेज, "
    "marksheet, certificate, passport, मार्कशीट, प्रमाण पत्र, पासपोर्ट"
)
NOW_TERMS = _terms(
    "abhi, right now, now, just now, turant, jaldi, urgent*, emergency, immediately, asap, "
    "bachao, bachaiye, save us, help us, in danger, is waqt, iss waqt, इस वक्त, इस समय, "
    "अभी, तुरंत, जल्दी, बचाओ, बचाइए, tonight, aaj raat, आज रात, help help, मदद मदद"
)
# A danger word followed within two words by the present progressive ("maar rahe hain",
# "darwaza tod raha hai", "पीट रहा है") says the harm is going on as they write.
PROGRESSIVE_MARKERS = (
    "raha", "rahe", "rahi", "rha", "rhe", "rhi", "रहा", "रहे", "रही",
    "going", "happening", "progress",  # "robbery going on", "in progress"
    # "trying to" and "standing there" (with sticks, at the door) say the same
    "koshish", "कोशिश", "khade", "khada", "खड़े", "खड़ा", "खडे", "खडा",
    "jari", "जारी",  # "firing jari hai", "फायरिंग जारी"
)  # fmt: skip
DANGER_TERMS = _terms(
    "goli, firing, gun*, knife, chaku*, kill*, maar*, mar diya, hamla, attack*, peet*, "
    "locked, band kar*, dragged, zabardasti, ghayal, injured, accident, mob, lathi, "
    "loot*, tod, todh*, jhagda, fight*, ghus*, lathiyan, danda, dande, hathiyar*, weapon*, "
    "bheed, pathar, patthar, lalkar*, gali galoch, peeche, pichhe, "
    "मार*, पीट*, हमला, गोली, बंद कर*, घायल, दुर्घटना, जान से, जान खतरे, जान का खतरा, "
    "लूट*, तोड़*, तोड*, झगड़ा, झगडा, घुस*, हथियार, लाठी, डंडे, डंडा, भीड़, भीड, पत्थर, ललकार*, "
    "फायरिंग, पीछे, नहीं छोड़ेंगे, नहीं छोडेंगे, nahi chhodenge, dekh lenge, "
    # a crime in progress: armed robbers, a thief still in sight, a shutter being cut
    "robbery, robbers, armed, beat*, stabb*, lynch*, snatch*, chheen*, chhin*, shutter, "
    "crowbar, lock tod*, taala tod*, break into, breaking in, गोलियां, गोलियाँ, बंदूक*, "
    "bandook*, pistol*, शटर, छीन*, ताला तोड़*, ताला तोड*, bhaage, bhage, भागे, "
    "golibari*, goli bari, गोलीबारी, hitting, hit him, hit her, stabbing"
)
# A missing person reported days later is serious but no longer minutes-urgent.
STALE_TERMS = _terms(
    "din se, dino se, days, hafte, week*, mahine, month*, pichle, din pehle, saal pehle, "
    "सप्ताह, दिन से, दिनों से, महीने, पिछले, दिन पहले, हफ्ते, हफ्तों, "
    # a date ("3 फरवरी को", "since 2 Oct"): told days later, not as it happens
    "january, february, march, april, june, july, august, september, october, november, "
    "december, jan, feb, sept, oct, nov, dec, जनवरी, फरवरी, मार्च, अप्रैल, जून, जुलाई, अगस्त, "
    "सितंबर, अक्टूबर, नवंबर, दिसंबर"
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
# Categories never listed publicly (Open311's public list), whatever an administrator sets:
# who reported harassment, or complained about the police, must not be findable by a stranger.
# Administrators mark more in the admin (seva.complaints.models.SensitiveCategory).
SENSITIVE_CATEGORIES = ("women_safety", "police_conduct")


def all_terms() -> tuple[str, ...]:
    """Every word and stem of every list (for telling everyday words from place names)."""
    lists = [*CATEGORY_TERMS.values(), GRIEVANCE_TERMS, NON_GRIEVANCE_TERMS]
    lists += [URGENT_BY_NATURE_TERMS, NOW_TERMS, DANGER_TERMS, STALE_TERMS, DISPATCH_TERMS]
    lists += [HELD_NOW_TERMS, MISSING_NOW_TERMS, CHILD_TERMS, RECENT_TERMS, OBJECT_TERMS]
    lists += [PERSON_TERMS, MINOR_TERMS]
    return tuple(term for terms in lists for term in terms)


# Hinglish as typed on a phone: each spelling → the one the lists are written in. Applied to
# the words the classifiers read (not to place names), so "le ja rha h" reads "le ja raha hai".
SMS_SPELLINGS: Mapping[str, str] = {
    "rha": "raha", "rhe": "rahe", "rhi": "rahi", "h": "hai", "hn": "hain", "he": "hai",
    "kr": "kar", "kro": "karo", "krke": "karke", "krna": "karna", "krwa": "karwa",
    "gya": "gaya", "gyi": "gayi", "gye": "gaye", "gai": "gayi", "nhi": "nahi", "ni": "nahi",
    "nai": "nahi", "plz": "please", "pls": "please", "plzz": "please", "jldi": "jaldi",
    "bht": "bahut", "bhot": "bahut", "lote": "laute", "lauti": "lauti", "ghr": "ghar",
    "mujhse": "mujhse", "abi": "abhi", "abhie": "abhi", "tk": "tak", "bhej": "bhej",
    "kia": "kiya", "liya": "liya", "diya": "diya", "dia": "diya", "lia": "liya",
}  # fmt: skip
