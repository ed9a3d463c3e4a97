"""The glossary's terms for readers (translations/glossary.yaml and build_tools/data/glossary_notes.yaml), and
the filter that links the first occurrence of each term in a paragraph of story text to its entry."""
from __future__ import annotations

import functools
import re

from markupsafe import Markup, escape
from pypinyin import Style, lazy_pinyin

from build_tools.data_files import load_yaml, read_yaml
from build_tools.settings import TRANSLATIONS
from build_tools.write.urls import rel

GLOSSARY_URL = "glossary/"
LISTED = 30                      # stories listed under a term on the glossary page (the newest); the count is full


@functools.lru_cache(maxsize=1)
def reader_terms() -> tuple[dict, ...]:
    path = TRANSLATIONS / "glossary.yaml"
    raw = ((read_yaml(path) or {}).get("terms") or {}) if path.exists() else {}
    terms = {zh: (e.get("en", "") if isinstance(e, dict) else str(e)) for zh, e in raw.items()}
    notes = load_yaml("glossary_notes.yaml")
    entries = [(zh, en, notes["notes"].get(zh) or (notes["extra"].get(zh) or {}).get("note"))
               for zh, en in terms.items()]
    entries += [(zh, e["en"], e["note"]) for zh, e in notes["extra"].items() if zh not in terms]
    unmarked = set(notes.get("unmarked") or [])
    out = []
    for zh, en, note in entries:
        slug = "".join(lazy_pinyin(zh))
        out.append({"zh": zh, "en": en, "note": note, "pinyin": " ".join(lazy_pinyin(zh, style=Style.TONE)),
                    "anchor": f"term-{slug}", "marked": zh not in unmarked,
                    "forms": tuple(dict.fromkeys([zh, _traditional(zh)]))})
    return tuple(sorted(out, key=lambda t: ("".join(lazy_pinyin(t["zh"])), t["zh"])))


@functools.lru_cache(maxsize=None)
def _traditional(zh: str) -> str:
    return _s2t().convert(zh)


@functools.lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2t.json")


@functools.lru_cache(maxsize=1)
def _pattern() -> tuple[re.Pattern, dict[str, dict]]:
    form_of = {f: t for t in reader_terms() if t["marked"] for f in t["forms"]}
    return re.compile("|".join(map(re.escape, sorted(form_of, key=len, reverse=True)))), form_of


def mark_terms(text: str, here: str) -> Markup:
    """Story text with the first occurrence of each glossary term in it linked to the glossary (escaped)."""
    if not text:
        return Markup("")
    pattern, form_of = _pattern()
    seen: set[str] = set()
    out, last = [], 0
    for m in pattern.finditer(text):
        term = form_of[m.group()]
        if term["zh"] in seen:
            continue
        seen.add(term["zh"])
        title = f"{term['en']}: {term['note']}" if term["note"] else term["en"]
        out.append(escape(text[last:m.start()]))
        out.append(Markup('<a class="glossary-term" href="{}#{}" title="{}" data-term="{}">{}</a>').format(
            rel(here, GLOSSARY_URL), term["anchor"], title, term["zh"], m.group()))
        last = m.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


