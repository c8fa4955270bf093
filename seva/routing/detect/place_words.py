"""The words the district detector reads around place names (district.py): cues that a place is
meant, ordinary words that are also place names, the words of a person's name, other states,
and everyday words that only sound like a place somewhere."""

from __future__ import annotations


def vocabulary(text: str) -> frozenset[str]:
    """A set of words written as one string, as the lists below are."""
    return frozenset(text.split())


CUES = vocabulary(
    "jila jilla zila zilla janpad district distt dist thana thane police ps kotwali chowki "
    "chauki city sp ssp जिला जिले जनपद थाना थाने पुलिस कोतवाली चौकी शहर"
)
COMMON_WORDS = vocabulary("banda basti mau sambhal barely बंदा बस्ती मऊ संभल")
PERSON_AFTER = vocabulary(
    "prasad devi singh lal nath kumar kumari das chand sharan ram प्रसाद देवी सिंह लाल नाथ कुमार"
)
PERSON_BEFORE = vocabulary("shri sri smt mr mrs ms dr श्री श्रीमती")
OTHER_STATES = vocabulary(
    "rajasthan himachal hp bihar mp madhya maharashtra haryana punjab uttarakhand gujarat "
    "delhi jharkhand chhattisgarh राजस्थान हिमाचल बिहार मध्य हरियाणा पंजाब उत्तराखंड दिल्ली"
)
# Everyday words that sound like a place somewhere ("chori", "karwai" ~ Karwi, "sundar" ~
# Sonbhadra's spelling): never read as places by sound or near spelling. The lexicons'
# words are added (see _LOOSE_STOP).
EVERYDAY_WORDS = vocabulary(
    "ghar mera meri mere kripya karwai karyawahi chori police pulis thana thane sadak mohalla "
    "mohalle sundar badhiya bahut pareshan shikayat madad sahayata abhi turant jaldi kuch "
    "ladke ladki ghante subah shaam raat dukaan dukan makaan makan gaadi paisa paise bhai "
    "behen bahan beta beti baccha bachcha bacche school station hospital market bazaar bazar "
    "sahab saheb sahib janab kamra kamre darwaza taala tala khet bagal paas saamne samne "
    "bahar andar upar neeche mohalle wale wala wali logon karein kariye dijiye hamara hamari "
    "hamare unka unki unke inka inki inke sabhi koi kabhi sirf bilkul pura poora puri "
    "घर मेरा मेरी मेरे कृपया कार्रवाई कार्यवाही चोरी पुलिस थाना थाने सड़क सडक मोहल्ला मोहल्ले सुंदर "
    "बढ़िया बढिया बहुत परेशान शिकायत मदद सहायता अभी तुरंत जल्दी कुछ लड़के लड़की घंटे सुबह शाम रात "
    "दुकान मकान गाड़ी पैसा पैसे भाई बहन बेटा बेटी बच्चा बच्चे स्कूल स्टेशन अस्पताल बाजार बाज़ार "
    "साहब कमरा कमरे दरवाजा ताला खेत पास सामने बाहर अंदर ऊपर नीचे वाले वाला वाली लोगों करें "
    "हमारा हमारी हमारे उनका उनकी उनके सभी कोई कभी सिर्फ पूरा पूरी "
    # words that sound like a town somewhere (Dil, Dibai, Kheri, Bareli)
    "किराए किराया किराये kiraya kiraye kiraaye दिल dil डिब्बे डिब्बा dibbe dibba भेडिया bhediya "
    "bhedia barely sight site"
)
