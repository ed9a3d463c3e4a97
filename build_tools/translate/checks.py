"""Checks on machine output. A segment that fails one is flagged in its memory entry, in the translation report
and on the page: machine English is never published silently when it is visibly wrong.

Flags: `empty`, `chinese_left` (Chinese characters in the English), `number_lost` (a number, date or amount of the
source missing from the English), `name_lost` (a glossary term, place or person whose placeholder the engine
dropped), `repetition` (the engine looped), `length_ratio` (English absurdly short or long for the Chinese).
"""
from __future__ import annotations

import re

from build_tools.chinese import HAN_CHARACTER
from build_tools.translate.glossary import MONTHS, NUMERIC, Item, _ascii_digits, _numeric_english

FLAGS = ("empty", "chinese_left", "number_lost", "name_lost", "repetition", "length_ratio")
NUMERIC_KINDS = ("date", "money", "percent", "number")
CJK = HAN_CHARACTER
_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
          "sixteen seventeen eighteen nineteen twenty").split()
_ORDINALS = ("zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
             "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth").split()
# English characters per Chinese character, measured on the reference translations: 2.0-5.5 per paragraph;
# a sentence outside these bounds is not a translation of its source
MIN_RATIO, MAX_RATIO = 0.6, 10.0


def chinese_left(en: str) -> bool:
    return bool(CJK.search(en))


def _forms(match: re.Match, text: str) -> set[str]:
    """Ways the English may write one number of the source."""
    raw = _ascii_digits(match.group(0))
    english = _numeric_english(match, text)
    forms = {english.lower(), english.replace("more than ", "").lower()}
    for digits in re.findall(r"\d+(?:\.\d+)?", raw):
        forms.add(digits)
        value = float(digits)
        if value == int(value):
            forms.add(f"{int(value):,}")
            if int(value) < len(_WORDS):
                forms |= {_WORDS[int(value)], _ORDINALS[int(value)]}
            if 1 <= int(value) <= 12 and "月" in raw:
                forms.add(MONTHS[int(value) - 1].lower())
    return {f for f in forms if f}


def numbers_lost(zh: str, en: str) -> list[str]:
    """The numbers of `zh` (as written there) that appear in no recognisable form in `en`."""
    haystack = en.lower()
    plain = haystack.replace(",", "")
    lost = []
    for m in NUMERIC.finditer(zh):
        forms = _forms(m, zh)
        if not any(re.search(rf"(?<![\w.]){re.escape(f)}(?![\d])", haystack)
                   or re.search(rf"(?<![\w.]){re.escape(f.replace(',', ''))}(?![\d])", plain) for f in forms):
            lost.append(m.group(0))
    return lost


_LOOP = re.compile(r"([^\W\d_].{1,11}?)\1{3,}")


def repetition(en: str) -> bool:
    """A word or a phrase of up to four words said three times in a row (one word: four times), or a few
    characters said four times in a row with no space between them (sitesitesitesite)."""
    if _LOOP.search(en):
        return True
    words = re.findall(r"\w+", en.lower())
    for n in range(1, 5):
        need = 4 if n == 1 else 3
        for i in range(0, len(words) - n * need + 1):
            gram = words[i:i + n]
            if all(words[i + k * n:i + (k + 1) * n] == gram for k in range(1, need)):
                return True
    return False


def length_ratio_bad(zh: str, en: str) -> bool:
    chars = len(re.sub(r"\s", "", zh))
    if chars < 6:
        return len(en) > 120
    ratio = len(en) / chars
    return not MIN_RATIO <= ratio <= MAX_RATIO


def check(zh: str, en: str, lost: list[Item] = ()) -> list[str]:
    """Flags for the English `en` of the Chinese `zh`; `lost` are the items whose placeholder went missing."""
    if not en.strip():
        return ["empty"]
    flags = []
    if chinese_left(en):
        flags.append("chinese_left")
    if numbers_lost(zh, en) or any(i.kind in NUMERIC_KINDS for i in lost):
        flags.append("number_lost")
    if any(i.kind not in NUMERIC_KINDS for i in lost):
        flags.append("name_lost")
    if repetition(en):
        flags.append("repetition")
    if length_ratio_bad(zh, en):
        flags.append("length_ratio")
    return flags
