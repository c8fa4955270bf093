"""Sound keys: one spelling-blind key for a place name written in Devanagari or in Latin.

Citizens write "गोरखपूर", "Gorakpur" and "Gorakhpur" for one place, and the shipped lists
give most tehsils and towns in Latin letters only. A key that both scripts reduce to lets a
Devanagari post find a Latin-only name and a misspelt name find the right one:

1. Devanagari is spelt out in plain Latin letters (inherent vowel written as "a" except at
   the word's end, a virama drops it, anusvara and chandrabindu are "n", nukta ignored).
2. The Latin spelling is folded the way Hindi is written in Latin letters loosely:
   aspirates lose their h (kh → k), sh/ṣ → s, z → j, w → v, ph → f, a bare c → k, "rh" (ड़/ढ़)
   → d, m before b/p → n; every short or long "a" is dropped (the inherent vowel comes and
   goes in Latin spellings); e/i/ee/ai fold to "i" and o/u/oo/au fold to "u"; repeated
   letters collapse; any other h is dropped.

The key is lossy on purpose; callers only use keys of four or more letters, and only where
the exact name did not match.
"""

from __future__ import annotations

import re
from functools import lru_cache

_CONSONANTS = {
    "क": "k", "ख": "kh", "ग": "g", "घ": "gh", "ङ": "n",
    "च": "ch", "छ": "chh", "ज": "j", "झ": "jh", "ञ": "n",
    "ट": "t", "ठ": "th", "ड": "d", "ढ": "dh", "ण": "n",
    "त": "t", "थ": "th", "द": "d", "ध": "dh", "न": "n",
    "प": "p", "फ": "ph", "ब": "b", "भ": "bh", "म": "m",
    "य": "y", "र": "r", "ल": "l", "व": "v", "श": "sh", "ष": "sh", "स": "s", "ह": "h",
}  # fmt: skip
_VOWEL_SIGNS = {
    "ा": "aa", "ि": "i", "ी": "ee", "ु": "u", "ू": "oo", "ृ": "ri",
    "े": "e", "ै": "ai", "ो": "o", "ौ": "au", "ॅ": "e", "ॉ": "o",
}  # fmt: skip
_VOWELS = {
    "अ": "a", "आ": "aa", "इ": "i", "ई": "ee", "उ": "u", "ऊ": "oo", "ऋ": "ri",
    "ए": "e", "ऐ": "ai", "ओ": "o", "औ": "au", "ऑ": "o",
}  # fmt: skip
_NASAL = {"ं": "n", "ँ": "n"}
_VIRAMA = "्"


def devanagari_to_latin(word: str) -> str:
    """A plain Latin spelling of a Devanagari word (not a scholarly transliteration)."""
    out: list[str] = []
    pending_a = False  # a consonant's inherent vowel, written unless a sign or virama follows
    for char in word:
        if char in _CONSONANTS:
            if pending_a:
                out.append("a")
            out.append(_CONSONANTS[char])
            pending_a = True
        elif char in _VOWEL_SIGNS:
            out.append(_VOWEL_SIGNS[char])
            pending_a = False
        elif char == _VIRAMA:
            pending_a = False
        else:
            if pending_a:
                out.append("a")
            pending_a = False
            out.append(_NASAL.get(char) or _VOWELS.get(char) or char)
    # A word's last inherent vowel is silent in Hindi (राय is "rai", not "raya").
    return "".join(out)


_FOLDS = [
    (re.compile(r"rh"), "d"),  # garh, gadh (गढ़)
    (re.compile(r"chh|ch"), "C"),  # kept apart from k until the bare c is folded below
    (re.compile(r"sh"), "s"),
    (re.compile(r"ck|q"), "k"),
    (re.compile(r"c"), "k"),  # a bare c is English spelling of k (Lucknow); ch was done above
    (re.compile(r"ph"), "f"),
    (re.compile(r"([kgtdbjp])h"), r"\1"),  # aspirates
    (re.compile(r"z"), "j"),
    (re.compile(r"ow$"), "u"),  # Lucknow
    (re.compile(r"w"), "v"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"m(?=[bp])"), "n"),
    (re.compile(r"(?<!^)h"), ""),
    (re.compile(r"ee|ai|ei|ae|e|y(?=[^aeiou]|$)"), "i"),
    (re.compile(r"oo|au|ou|ao|o"), "u"),
    (re.compile(r"a"), ""),
    (re.compile(r"v"), "u"),  # व is v, w, o or u in Latin spellings (Deoband, देवबंद)
    (re.compile(r"iy"), "i"),  # पलिया, Palia
    (re.compile(r"(.)\1+"), r"\1"),
    (re.compile(r"C"), "c"),
]
_DEVANAGARI = re.compile(r"[\u0900-\u097f]")


@lru_cache(maxsize=65536)
def sound_key(word: str) -> str:
    """The sound key of one word (already a place key: lower case, no punctuation)."""
    if word.isdigit():
        return word  # numbers sound like nothing else; skip the folds
    latin = devanagari_to_latin(word.replace("\u093c", "")) if _DEVANAGARI.search(word) else word
    key = latin
    for pattern, replacement in _FOLDS:
        key = pattern.sub(replacement, key)
    return key


def sound_key_of(name_key: str) -> str:
    """The sound key of a place key of one or more words."""
    return " ".join(sound_key(word) for word in name_key.split())
