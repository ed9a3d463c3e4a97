"""A story's gist: one English sentence that says what the story is about, shown under its headline in every list,
as its page's description, in the feeds and as the abstract reference managers read.

A curator's `summary` (a sidecar's `overrides`) wins. Otherwise the gist is the story's lede: the English of its
first sentence, from the translation memory. Machine English is stored sentence by sentence, so the first
sentence (as the translate stage splits Chinese) has its own segment; a contributor's English is stored paragraph
by paragraph, and then the lede is the first sentence of the paragraph's English (as `split_english` cuts it), or
all of it when the Chinese paragraph is one sentence. No English, no gist: the lists say "English pending".

A gist is {"en": text, "provenance": contributor | post-edited | machine | curator}."""
from __future__ import annotations

from build_tools.english import curly_quotes
from build_tools.translate.sentences import split_english, split_sentences

PENDING = "English pending"


def lede_paragraph(record) -> str | None:
    """The story's first paragraph as printed (section heads are not its lede)."""
    return next((e["text"] for e in record["body"] if e.get("kind", "paragraph") == "paragraph" and e["text"].strip()),
                None)


def _quotation(sentence: str) -> bool:
    """A sentence that is all a quotation ("“我决定留下来过年。”"): a lede that opens with one says what the story
    is about only with the sentence after it."""
    text = (curly_quotes(sentence) or "").strip()
    return len(text) > 1 and text[0] in _OPENING and text[-1] in _CLOSING


_OPENING, _CLOSING = set("“‘「『"), set("”’」』")


def _lede_count(sentences: list[str]) -> int:
    """How many sentences make the lede: the first, and the next after each that is only a quotation."""
    count = 1
    while count < len(sentences) and _quotation(sentences[count - 1]):
        count += 1
    return count


def lede_english(zh: str | None, memory) -> dict | None:
    """The English of the first sentence of the paragraph `zh` (with the next after a quotation), with its
    provenance; None without English."""
    if not zh:
        return None
    sentences = [s for s in split_sentences(zh) if s.strip()]
    if not sentences:
        return None
    count = _lede_count(sentences)
    segs = [memory.get(s) for s in sentences[:count]]
    if all(seg is not None and seg.en for seg in segs):
        kinds = {seg.provenance for seg in segs}
        provenance = kinds.pop() if len(kinds) == 1 else ("machine" if "machine" in kinds else "post-edited")
        return {"en": curly_quotes(" ".join(seg.en.strip() for seg in segs)), "provenance": provenance}
    found = memory.lookup(zh)
    if found is None or not found.en:
        return None
    english = found.en.strip()
    if len(sentences) > count:
        parts = [p.strip() for p in split_english(english)] or [english]
        english = " ".join(parts[:_lede_count(parts)])
    provenance = found.provenance
    if provenance == "mixed":       # sentences of different provenance: the least reviewed of them
        provenance = "machine" if "machine" in found.parts else "post-edited"
    return {"en": curly_quotes(english), "provenance": provenance}


def story_gist(record, memory) -> dict | None:
    """The story's gist: a curator's summary, else its lede in English; None while it has no English."""
    summary = (record["attribution"] or {}).get("summary")
    if summary and summary.get("en"):
        return {"en": curly_quotes(summary["en"].strip()), "provenance": "curator"}
    return lede_english(lede_paragraph(record), memory)
