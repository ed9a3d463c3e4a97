"""Chinese script and punctuation, defined once for every stage: which characters are Chinese, which marks end a
sentence, Traditional → Simplified conversion, and the language tag of a script."""
from __future__ import annotations

import datetime
import functools
import re

# CJK Unified Ideographs, Extension A and the Compatibility Ideographs: a character class body, for patterns
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_CHARACTER = re.compile(f"[{HAN}]")

# Marks that end a sentence (and may end a paragraph); a semicolon also ends one for translation, not a paragraph
SENTENCE_ENDS = "。！？!?…"
CLAUSE_ENDS = "；;"
SENTENCE_STOPS = SENTENCE_ENDS + CLAUSE_ENDS


def is_han(char: str) -> bool:
    return bool(char) and HAN_CHARACTER.fullmatch(char) is not None


@functools.lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s.json")


def to_simplified(text: str) -> str:
    return _converter().convert(text) if text else text


def language_tag(script: str) -> str:
    """The BCP 47 tag of a story's script: zh-Hant for Traditional, zh-Hans for Simplified."""
    return "zh-Hant" if script == "Hant" else "zh-Hans"


def valid_date(year: int, month: int, day: int | None = None) -> bool:
    """A date printed in a Chinese page that exists on the calendar (2月30日 does not), in a plausible year."""
    try:
        datetime.date(year, month, day or 1)
    except ValueError:
        return False
    return 1949 <= year <= 2099
