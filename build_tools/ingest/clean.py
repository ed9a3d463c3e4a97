"""Cleaning: decoded lines → Line objects. Strips indentation, makes ASCII punctuation between Chinese characters
full-width, converts a Simplified copy for matching, and sets aside spam and web furniture with the reason.

Nothing is rewritten in place: each Line keeps its raw text, so every change can be shown and undone.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from build_tools.data_files import load_yaml
from build_tools.model import Line, SetAside

_WHITESPACE = " \t\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff"
_FULL_WIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_CLOSERS = "”’）》」』"


def _is_cjk(char: str) -> bool:
    return bool(char) and "\u3400" <= char <= "\u9fff"


@dataclass
class Cleaned:
    lines: list[Line]
    removed: list[SetAside]
    normalised: int
    script: str


@functools.lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s.json")


def to_simplified(text: str) -> str:
    return _converter().convert(text) if text else text


@functools.lru_cache(maxsize=1)
def _rules():
    data = load_yaml("cleaning.yaml")
    spam = data["spam"]
    return (
        [re.compile(p) for p in spam["patterns"]], int(spam["min_hits"]), spam["reason"],
        [(re.compile(f["pattern"]), f["reason"]) for f in data["furniture"]],
    )


def normalise_punctuation(text: str) -> tuple[str, int]:
    """Make ASCII , : ; ? ! ( ) full-width where they punctuate Chinese; "14:42", "1,000" and English stay."""
    out: list[str] = []
    opened: list[bool] = []
    count = 0
    for i, char in enumerate(text):
        before = out[-1] if out else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        if char == "(":
            full = _is_cjk(before) or _is_cjk(after) or after in "“《"
            opened.append(full)
        elif char == ")":
            full = opened.pop() if opened else _is_cjk(before)
        elif char in _FULL_WIDTH:
            full = _is_cjk(before) or (bool(before) and before in _CLOSERS)
        else:
            full = False
        out.append(_FULL_WIDTH[char] if full else char)
        count += full
    return "".join(out), count


def detect_script(texts: list[str]) -> str:
    """'Hant' when converting to Simplified changes a noticeable share of the Chinese characters."""
    chars = changed = 0
    for text in texts:
        simple = to_simplified(text)
        for a, b in zip(text, simple):
            if "\u3400" <= a <= "\u9fff":
                chars += 1
                changed += a != b
    return "Hant" if chars and changed / chars > 0.04 else "Hans"


def is_spam(text: str, patterns, min_hits: int) -> bool:
    """SEO spam has a shape, not just two words: a run of spam terms joined by commas or spaces. A line with the
    terms is spam when they cover most of it, or when there are many of them and the line has no sentence in it
    (「来自欧美和亚洲的工会代表参观了职工之家。」 is a sentence of the story)."""
    shape = load_yaml("cleaning.yaml")["spam"]
    hits = [m.span() for p in patterns for m in [p.search(text)] if m]
    if len(hits) < min_hits:
        return False
    covered = set()
    for p in patterns:
        for m in p.finditer(text):
            covered.update(range(*m.span()))
    letters = [i for i, ch in enumerate(text) if ch.isalnum()]
    share = len(covered.intersection(letters)) / max(len(letters), 1)
    sentence = any(mark in text for mark in shape["sentence_marks"])
    return share >= float(shape["min_share"]) or (len(hits) >= int(shape["many_hits"]) and not sentence)


def clean_lines(raw_lines: list[str]) -> Cleaned:
    spam_patterns, min_hits, spam_reason, furniture = _rules()
    lines, removed, normalised = [], [], 0
    for number, raw in enumerate(raw_lines, start=1):
        text = " ".join(raw.strip(_WHITESPACE).split())
        text = re.sub(r"[\u00a0\u3000]+", " ", text)
        text, n = normalise_punctuation(text)
        normalised += n
        simplified = to_simplified(text)
        line = Line(number=number, raw=raw, text=text, simplified=simplified)
        reason = None
        if text:
            if is_spam(simplified, spam_patterns, min_hits):
                reason = spam_reason
            else:
                reason = next((r for p, r in furniture if p.search(simplified)), None)
        if reason:
            removed.append(SetAside(line=number, text=raw, reason=reason))
            line = Line(number=number, raw=raw, text="", simplified="")
        lines.append(line)
    script = detect_script([ln.text for ln in lines if ln.text])
    return Cleaned(lines=lines, removed=removed, normalised=normalised, script=script)
