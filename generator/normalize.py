"""One normal form for names and queries, so that text typed differently but meaning the same compares equal.

The same rules are in content/assets/javascripts/normalize.js (the search page and the directory filter); both
halves are checked against one table of vectors (tests/fixtures/normalize_vectors.json, tests/test_normalize.py).

- `normalize`: what is typed differently but reads the same. Thai typing variants: เ+เ for แ, ํ+า for ำ, a tone
  mark typed before the vowel above or below it, a mark typed twice, zero-width characters; case; Latin
  diacritics (Đà Nẵng → da nang); compatibility forms (full-width letters); Thai and Lao digits as 0–9
  (๒๕๖๑ → 2561, as official documents write years); hyphens, dashes, slashes and
  underscores read as spaces, apostrophes, dots and ฯ dropped ("Xi'an" → xian, "St." → st, กรุงเทพฯ →
  กรุงเทพ), and the romanised abbreviation "st" read as saint; spaces collapsed.
- `compact`: the normal form without spaces, one alternative for romanised names typed with or without them
  (Chiangmai = Chiang Mai, Danang = Da Nang, Buriram = Buri Ram).
- `loose`: the compact form with what Thai spellers most often miss or confuse folded away: tone marks, ็ and
  ์ dropped, long and short ุ/ู ิ/ี ึ/ื folded to the short one, and the consonants that sound alike folded to
  one (ศ ษ ซ ส; ณ น; ฐ ฑ ฒ ถ ท ธ; …). Used only when nothing matches exactly (ฟุกุโอกะ finds ฟูกูโอกะ, ภูเกต
  finds ภูเก็ต, กวางสี finds กว่างซี).
"""

from __future__ import annotations

import re
import unicodedata

ZERO_WIDTH = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# Combining marks of Latin, Greek and Cyrillic letters (not Thai: its vowels and tone marks are marks too).
LATIN_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# Letters with a stroke have no decomposition.
STROKES = str.maketrans({"đ": "d", "ð": "d", "ł": "l", "ø": "o", "ħ": "h", "ı": "i"})
# Thai (๐–๙) and Lao (໐–໙) digits.
DIGITS = str.maketrans({chr(zero + n): str(n) for zero in (0x0E50, 0x0ED0) for n in range(10)})
SPACES = re.compile(r"[\s\-‐‑‒–—―_/\\·・]+")
DROPPED = re.compile("['’‘`´ʼ.\u0e2f]")
SAINT = re.compile("(?<![0-9a-z])st(?![0-9a-z])")
SARA_E_TWICE = re.compile("\u0e40\u0e40")
# ํ (nikhahit) + an optional tone mark + า: the two halves of ำ, typed apart (and Lao ໍ + າ, ຳ).
SARA_AM_APART = re.compile("\u0e4d([\u0e48-\u0e4b]?)\u0e32")
LAO_AM_APART = re.compile("\u0ecd([\u0ec8-\u0ecb]?)\u0eb2")
# A tone mark or ์ typed before the vowel above or below the same letter.
TONE_FIRST = re.compile("([\u0e48-\u0e4c])([\u0e31\u0e34-\u0e3a\u0e47])")
# ำ typed before the tone mark that belongs before it.
AM_FIRST = re.compile("\u0e33([\u0e48-\u0e4b])")
# The same Thai vowel sign or mark typed twice or more.
MARK_TWICE = re.compile("([\u0e31\u0e33-\u0e3a\u0e47-\u0e4e])\\1+")
LOOSE_DROPPED = re.compile("[\u0e47-\u0e4c ]")
# Long vowels to short (ู ุ, ี ิ, ื ึ), ใ to ไ, and each consonant to the one of its sound that is most common at
# the start of a word (ศ ษ ซ to ส, ณ to น, ธ ถ ท ฑ ฒ ฐ to ท, ภ ผ to พ, …): a name spelled by ear, กวางสี for กว่างซี.
LOOSE_FOLDED = str.maketrans(
    {
        "\u0e39": "\u0e38",
        "\u0e35": "\u0e34",
        "\u0e37": "\u0e36",
        "\u0e43": "\u0e44",
        "ข": "ค",
        "ฃ": "ค",
        "ฅ": "ค",
        "ฆ": "ค",
        "ฉ": "ช",
        "ฌ": "ช",
        "ซ": "ส",
        "ศ": "ส",
        "ษ": "ส",
        "ญ": "ย",
        "ฎ": "ด",
        "ฏ": "ต",
        "ฐ": "ท",
        "ฑ": "ท",
        "ฒ": "ท",
        "ถ": "ท",
        "ธ": "ท",
        "ณ": "น",
        "ผ": "พ",
        "ภ": "พ",
        "ฝ": "ฟ",
        "ฮ": "ห",
        "ฬ": "ล",
    }
)


def normalize(text: str) -> str:
    """The normal form of a name or a query (see the module's docstring); stable: normalize(normalize(x)) == it."""
    text = unicodedata.normalize("NFKC", ZERO_WIDTH.sub("", text))
    text = text.lower().translate(STROKES).translate(DIGITS)
    text = unicodedata.normalize("NFC", LATIN_MARKS.sub("", unicodedata.normalize("NFD", text)))
    text = _thai(text)
    text = SPACES.sub(" ", DROPPED.sub("", text)).strip()
    return SAINT.sub("saint", text)


def _thai(text: str) -> str:
    # NFKC splits ำ into ํ + า: put it back with whatever was typed apart.
    text = SARA_AM_APART.sub("\\1\u0e33", SARA_E_TWICE.sub("\u0e41", text))
    text = LAO_AM_APART.sub("\\1\u0eb3", text)
    text = MARK_TWICE.sub("\\1", text)
    for _ in range(2):
        text = TONE_FIRST.sub("\\2\\1", text)
    return AM_FIRST.sub("\\1\u0e33", text)


def compact(text: str) -> str:
    """The normal form without spaces."""
    return normalize(text).replace(" ", "")


def loose(text: str) -> str:
    """The compact form with Thai tone marks, ็ and ์ dropped, long vowels folded to short ones and consonants of
    one sound to one of them."""
    return LOOSE_DROPPED.sub("", normalize(text)).translate(LOOSE_FOLDED)


def within_one_edit(a: str, b: str) -> bool:
    """Whether b is a with at most one character changed, added or removed, or two neighbouring characters swapped
    (chaing: chiang)."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) != len(b):
        return a[i:] == b[i + 1 :]
    swapped = a[i : i + 1] == b[i + 1 : i + 2] and a[i + 1 : i + 2] == b[i : i + 1] and a[i + 2 :] == b[i + 2 :]
    return swapped or a[i + 1 :] == b[i + 1 :]
