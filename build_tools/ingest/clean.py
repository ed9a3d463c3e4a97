"""Cleaning: decoded lines → Line objects. Strips indentation, makes ASCII punctuation between Chinese characters
full-width, converts a Simplified copy for matching, and sets aside spam and web furniture with the reason.

Nothing is rewritten in place: each Line keeps its raw text, so every change can be shown and undone.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from build_tools.chinese import is_han, to_simplified
from build_tools.data_files import load_yaml
from build_tools.articles import Line, SetAside

_WHITESPACE = " \t\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff"
_FULL_WIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_CLOSERS = "”’）》」』"


_is_cjk = is_han


@dataclass
class Cleaned:
    lines: list[Line]
    removed: list[SetAside]
    normalised: int
    script: str


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
            if is_han(a):
                chars += 1
                changed += a != b
    return "Hant" if chars and changed / chars > 0.04 else "Hans"


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
            if sum(1 for p in spam_patterns if p.search(simplified)) >= min_hits:
                reason = spam_reason
            else:
                reason = next((r for p, r in furniture if p.search(simplified)), None)
        if reason:
            removed.append(SetAside(line=number, text=raw, reason=reason))
            line = Line(number=number, raw=raw, text="", simplified="")
        lines.append(line)
    script = detect_script([ln.text for ln in lines if ln.text])
    return Cleaned(lines=lines, removed=removed, normalised=normalised, script=script)
