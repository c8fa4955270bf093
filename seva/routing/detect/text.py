"""Text normalisation shared by the detectors.

Citizens write the same place many ways: "Prayagraj", "PRAYAGRAJ!", "प्रयागराज", "इलाहाबाद",
with or without the nukta (ज़ / ज). The key we index and look up is NFKC, case-folded, with the
nukta and other combining marks that change no meaning removed, punctuation turned to spaces
and spaces collapsed. Devanagari vowel signs and the virama are kept: they change words.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NUKTA = "\u093c"
_CHANDRABINDU, _ANUSVARA = "\u0901", "\u0902"
# Letters (any script), digits and Devanagari's combining signs are word characters.
_NOT_WORD = re.compile(r"[^\w\u0900-\u097f]+")
# Letters that keep their nukta composed even in NFKC (ऩ ऱ ऴ); the others decompose.
_WITH_NUKTA = re.compile("[\u0929\u0931\u0934]")


@lru_cache(maxsize=8192)
def place_key(text: str) -> str:
    """The lookup key of a place name or of a stretch of text."""
    if text.isascii():  # the common case, and Unicode normalisation changes nothing in it
        folded = text.lower()
    else:
        folded = unicodedata.normalize("NFKC", text).casefold()
        if _NUKTA in folded or _WITH_NUKTA.search(folded):  # NFKC text is NFC: only then
            folded = unicodedata.normalize("NFD", folded).replace(_NUKTA, "")
            folded = unicodedata.normalize("NFC", folded)
        folded = folded.replace(_CHANDRABINDU, _ANUSVARA)
    folded = folded.replace("_", " ")
    return " ".join(_NOT_WORD.sub(" ", folded).split())


@lru_cache(maxsize=8192)
def words(text: str) -> tuple[str, ...]:
    """The post's words (cached: one post is read by several detectors)."""
    return tuple(place_key(text).split())
