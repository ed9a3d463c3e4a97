"""Checks on machine output. A segment that fails one is flagged in its memory entry, in the translation report
and on the page: machine English is never published silently when it is visibly wrong.

Flags:
- `empty`; `chinese_left` (Chinese characters in the English);
- `number_lost`: a number, date or amount of the source (read as a value by numbers.py: 1338余万元 is 13,380,000)
  that the English does not give, in any of its English forms; `qualifier_lost`: the value is there but its
  "more than", "nearly", "about" is not (3000余名 is "more than 3,000", not "3,000");
- `name_lost`: a glossary term, union body, place or person whose placeholder the engine dropped;
- `placeholder_duplicated`, `placeholder_invented`, `placeholder_altered`: the engine gave a placeholder back twice,
  made one up (ZXF where the source had four), or changed its case (zxa); each is restored once at most;
- `truncated`: decoding stopped at its length limit, not at the end token (engine.py sets the limit in proportion
  to the source);
- `invalid_date`: the source has a date that is none (2月30日); it is left to the text, and the reader told;
- `repetition` (the engine looped); `length_ratio` (English absurdly short or long for the Chinese).
"""
from __future__ import annotations

import re

from build_tools.chinese import HAN_CHARACTER
from build_tools.translate.glossary import NUMERIC_KINDS, Item, Restored
from build_tools.translate.numbers import MONTHS, Number, read_numbers

FLAGS = ("empty", "chinese_left", "number_lost", "qualifier_lost", "name_lost", "placeholder_duplicated",
         "placeholder_invented", "placeholder_altered", "truncated", "invalid_date", "repetition", "length_ratio")
CJK = HAN_CHARACTER
_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
          "sixteen seventeen eighteen nineteen twenty").split()
_TENS = {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_ORDINALS = ("zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
             "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth").split()
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9}
_FRACTION_WORDS = {"half": 1 / 2, "halves": 1 / 2, "third": 1 / 3, "thirds": 1 / 3, "quarter": 1 / 4,
                   "quarters": 1 / 4, "fifth": 1 / 5, "fifths": 1 / 5, "tenth": 1 / 10, "tenths": 1 / 10}
# how English says each qualifier (3000余 "more than 3,000", "over 3,000", "3,000-plus")
QUALIFIER_WORDS = {
    "more": r"more than|over|upwards of|in excess of|at least|exceeding|above|beyond|nearly|some|-plus|\+|or more",
    "nearly": r"nearly|almost|close to|approaching|just under|about|around|approximately|roughly|some|up to",
    "about": r"about|around|approximately|roughly|some|nearly|almost|or so|close to",
    "several": r"several|some|thousands|hundreds|tens of thousands|many",
}
# English characters per Chinese character, measured on the reference translations: 2.0-5.5 per paragraph;
# a sentence outside these bounds is not a translation of its source
MIN_RATIO, MAX_RATIO = 0.6, 10.0


def chinese_left(en: str) -> bool:
    return bool(CJK.search(en))


def english_values(en: str) -> list[tuple[float, int, int]]:
    """Every number the English gives, as (value, start, end): 1,185; 13.38 million; twenty; 1/3; one third."""
    out = []
    for m in re.finditer(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s*(hundred|thousand|million|billion))?"
                         r"(?:st|nd|rd|th)?(?![\d])", en):
        value = float(m.group(1).replace(",", "") + (m.group(2) or ""))
        if m.group(3):
            out.append((value * _SCALES[m.group(3)], m.start(), m.end()))
        out.append((value, m.start(), m.end()))
    for m in re.finditer(r"(\d+)\s*/\s*(\d+)", en):
        if int(m.group(2)):
            out.append((int(m.group(1)) / int(m.group(2)), m.start(), m.end()))
    lower = en.lower()
    words = {w: i for i, w in enumerate(_WORDS)} | {w: i for i, w in enumerate(_ORDINALS)} | _TENS
    for m in re.finditer(r"\b(" + "|".join(sorted(words, key=len, reverse=True)) + r")\b(?:[\s-]+(hundred|thousand|"
                         r"million|billion))?", lower):
        value = words[m.group(1)]
        out.append((float(value) * (_SCALES[m.group(2)] if m.group(2) else 1), m.start(), m.end()))
        if m.group(2):
            out.append((float(value), m.start(), m.end()))
    for m in re.finditer(r"\b(a|one|two|three)[\s-]+(half|halves|thirds?|quarters?|fifths?|tenths?)\b", lower):
        count = {"a": 1, "one": 1, "two": 2, "three": 3}[m.group(1)]
        out.append((count * _FRACTION_WORDS[m.group(2)], m.start(), m.end()))
    for m in re.finditer(r"\b(a|one)\s+(hundred|thousand|million|billion)\b", lower):
        out.append((_SCALES[m.group(2)], m.start(), m.end()))
    return out


def _months(en: str) -> set[int]:
    lower = en.lower()
    return {i + 1 for i, name in enumerate(MONTHS) if re.search(rf"\b{name.lower()}\b", lower)}


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b)) or (b and abs(a - b) / abs(b) < 0.005 and a != int(a))


def number_problems(number: Number, en: str, values: list[tuple[float, int, int]] | None = None,
                    months: set[int] | None = None) -> list[str]:
    """What the English `en` gets wrong about one number of its source: `number_lost`, `qualifier_lost`."""
    values = english_values(en) if values is None else values
    months = _months(en) if months is None else months
    if number.literal:
        return [] if number.literal.lower() in en.lower() else ["number_lost"]
    if any(m not in months and str(m) not in en for m in number.months):
        return ["number_lost"]
    found = []
    for value in number.values:
        hits = [(s, e) for v, s, e in values if _close(v, value)]
        if not hits:
            return ["number_lost"]
        found.append(hits)
    if number.qualifier and found:
        pattern = re.compile(rf"(?:{QUALIFIER_WORDS[number.qualifier]})", re.I)
        if not any(pattern.search(en[max(0, s - 25):e + 12]) for s, e in found[0]):
            return ["qualifier_lost"]
    if number.qualifier == "several" and not re.search(QUALIFIER_WORDS["several"], en, re.I):
        return ["qualifier_lost"]
    return []


def numbers_lost(zh: str, en: str) -> list[str]:
    """The numbers of `zh` (as written there) whose value, or whose qualifier, the English `en` does not give."""
    numbers, _ = read_numbers(zh)
    values, months = english_values(en), _months(en)
    return [n.zh for n in numbers if number_problems(n, en, values, months)]


def number_flags(zh: str, en: str) -> list[str]:
    numbers, _ = read_numbers(zh)
    values, months = english_values(en), _months(en)
    flags: list[str] = []
    for n in numbers:
        for f in number_problems(n, en, values, months):
            if f not in flags:
                flags.append(f)
    return flags


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


def check(zh: str, en: str, lost: list[Item] = (), restored: Restored | None = None,
          finished: bool = True) -> list[str]:
    """Flags for the English `en` of the Chinese `zh`. `lost` are the items whose placeholder went missing (or
    give `restored`, the whole restoration); `finished` is False when decoding stopped at its length limit."""
    if restored is not None:
        lost = restored.lost
    flags = []
    if not finished:
        flags.append("truncated")
    if not en.strip():
        return flags + ["empty"]
    if chinese_left(en):
        flags.append("chinese_left")
    found = number_flags(zh, en)
    if "number_lost" in found or any(i.kind in NUMERIC_KINDS for i in lost):
        flags.append("number_lost")
    if "qualifier_lost" in found:
        flags.append("qualifier_lost")
    if any(i.kind not in NUMERIC_KINDS for i in lost):
        flags.append("name_lost")
    if restored is not None:
        for flag, problem in (("placeholder_duplicated", restored.duplicated),
                              ("placeholder_invented", restored.invented), ("placeholder_altered", restored.altered)):
            if problem:
                flags.append(flag)
    if read_numbers(zh)[1]:
        flags.append("invalid_date")
    if repetition(en):
        flags.append("repetition")
    if length_ratio_bad(zh, en):
        flags.append("length_ratio")
    return flags
