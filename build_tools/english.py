"""English punctuation, defined once for every stage: straight quotes made typographic (“…”, ‘…’, ’).

The translation memory keeps English as its translators typed it, mostly with straight quotes; the pages print
curly ones. One character is replaced by one character, so positions in the text stay where they were."""
from __future__ import annotations

import re

# after these (or at the start of the text) a quote opens; anywhere else it closes
_OPENS_AFTER = set(" \t\n\r\u00a0([{<—–-/“‘")
_WORD = re.compile(r"\w")


def curly_quotes(text: str | None) -> str | None:
    """`From "1" to "N"` → `From “1” to “N”`; `workers' "natal family"` → `workers’ “natal family”`; `'Salute'` →
    `‘Salute’`. Quotes already curly are left as they are."""
    if not text or ('"' not in text and "'" not in text):
        return text
    out = []
    for i, ch in enumerate(text):
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if ch == '"':
            ch = "“" if before in _OPENS_AFTER and not after.isspace() else "”"
        elif ch == "'":
            if _WORD.match(before):
                ch = "’"                          # don't, workers', 1990's
            else:
                ch = "‘" if before in _OPENS_AFTER and not after.isspace() else "’"
        out.append(ch)
    return "".join(out)
