"""Chinese text → sentences, the unit the engine translates and the memory stores machine output by.

A sentence ends at 。！？… (full-width or ASCII !?), together with the closing quotes that follow the stop
(“…。” ends a sentence; 《…。》 and （…。） do not). A stop inside a quotation or brackets does not end the sentence:
the quotation stays whole, so the engine sees it with its speaker. A quote or bracket that never closes (stories cut off
mid-sentence) is not counted as open, so one stray “ does not glue the rest of a paragraph together.

A ； (or ;) ends a sentence only in a sentence longer than SEMICOLON_SPLIT characters: the clauses of a shorter
one often share its subject, and the engine would translate subjectless fragments; a long one is split at its
semicolons so that the model family does not loop on it.

Splitting is lossless: "".join(split_sentences(text)) == text.

`split_english` cuts a translator's English paragraph the same way (the same quotation and bracket rules), so
that a story's lede can be the English of its first sentence where the English was written paragraph by paragraph.
"""
from __future__ import annotations

import re

from build_tools.chinese import CLAUSE_ENDS, SENTENCE_ENDS
from build_tools.english import curly_quotes

STOPS = set(SENTENCE_ENDS)
SEMICOLONS = set(CLAUSE_ENDS)
# a setting: sentences longer than this (characters) are split at their semicolons
SEMICOLON_SPLIT = 100
PAIRS = {"“": "”", "‘": "’", "《": "》", "（": "）", "(": ")", "「": "」", "『": "』", "〈": "〉", "【": "】", "[": "]"}
CLOSERS = set(PAIRS.values())
QUOTE_CLOSERS = set("”’」』")        # a stop then a closing quote ends the sentence; a stop then 》 or ） does not
# a quotation or bracket longer than this is split inside, so that one runaway quote cannot make a sentence of
# a whole paragraph (the model family loops on long inputs)
MAX_ENCLOSED = 200


def _matched_openers(text: str) -> set[int]:
    """Positions of the openers that are closed later in the text (by their own closer, properly nested)."""
    stack: list[int] = []
    matched: set[int] = set()
    for i, ch in enumerate(text):
        if ch in PAIRS:
            stack.append(i)
        elif ch in CLOSERS:
            # close the innermost opener of this kind; openers above it are left unmatched
            for depth in range(len(stack) - 1, -1, -1):
                if PAIRS[text[stack[depth]]] == ch:
                    matched.add(stack[depth])
                    del stack[depth:]
                    break
    return matched


def split_sentences(text: str, semicolon_split: int | None = None) -> list[str]:
    """The sentences of a paragraph, in order; whitespace between sentences stays with the sentence before it."""
    limit = SEMICOLON_SPLIT if semicolon_split is None else semicolon_split
    out: list[str] = []
    for sentence in _split(text, STOPS):
        body = sentence.strip()
        if len(body) > limit and any(ch in SEMICOLONS for ch in body):
            out += _split(sentence, SEMICOLONS)
        else:
            out.append(sentence)
    return out


def _split(text: str, STOPS: set[str]) -> list[str]:  # noqa: N803 - the stops this pass ends sentences at
    if not text:
        return []
    matched = _matched_openers(text)
    out: list[str] = []
    start = 0
    open_at: list[int] = []          # positions of the matched openers we are inside
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in PAIRS and i in matched:
            open_at.append(i)
        elif ch in CLOSERS and open_at and PAIRS[text[open_at[-1]]] == ch:
            open_at.pop()
        if ch in STOPS:
            inside = bool(open_at) and i - open_at[0] < MAX_ENCLOSED
            j = i + 1
            while j < n and text[j] in STOPS:                   # ……, ？！
                j += 1
            # closing marks right after the stop belong to this sentence
            k = j
            while k < n and text[k] in CLOSERS and open_at and PAIRS[text[open_at[-1]]] == text[k]:
                open_at.pop()
                k += 1
            if (open_at and inside) or (k > j and text[k - 1] not in QUOTE_CLOSERS):
                i = k
                continue
            while k < n and text[k].isspace():
                k += 1
            if k < n:
                out.append(text[start:k])
                start = k
            open_at = [] if not inside else open_at
            i = k
            continue
        i += 1
    if start < n:
        out.append(text[start:])
    return out


ENGLISH_STOPS = set(".!?…")
# a full stop after these does not end an English sentence (No. 1 Construction Co., Mr. Wang)
ABBREVIATIONS = {"No", "Nos", "Co", "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Inc", "vs", "etc", "e.g", "i.e", "U.S",
                 "a.m", "p.m"}
_LAST_WORD = re.compile(r"(?:^|[\s(“‘])([A-Za-z.]+)\.$")
_OPENS_SENTENCE = set("“‘([")


def _ends_sentence(before: str, after: str) -> bool:
    """Whether an English sentence really ends between `before` and `after` (both with curly quotes)."""
    if not before[-1:].isspace():                           # 1.5
        return False
    if not (after[0].isupper() or after[0] in _OPENS_SENTENCE):
        return False                                       # No. 1, Ltd. in Hangzhou
    word = _LAST_WORD.search(before.rstrip())
    return not (word and word.group(1) in ABBREVIATIONS)


def split_english(text: str) -> list[str]:
    """The sentences of an English paragraph, in order and lossless: a sentence ends at . ! ? … (and the closing
    quotes after it), never inside a quotation or brackets (straight quotes are read as the curly ones they stand
    for), and only where a space and a capital letter or an opening quote follow, not after an abbreviation."""
    curly = curly_quotes(text) or ""
    sentences: list[str] = []
    shown: list[str] = []                     # the same sentences with curly quotes, to decide on
    pos = 0
    for piece in _split(curly, ENGLISH_STOPS):
        original = text[pos:pos + len(piece)]
        pos += len(piece)
        if shown and not _ends_sentence(shown[-1], piece):
            sentences[-1] += original
            shown[-1] += piece
        else:
            sentences.append(original)
            shown.append(piece)
    return sentences
