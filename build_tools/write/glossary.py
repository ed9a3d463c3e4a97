"""The reader's glossary: every term of translations/glossary.yaml (and the extra ones of
build_tools/data/glossary_notes.yaml) with its pinyin, its English, a one-line explanation and the stories that use
it; and the marking of those terms in story text (a link to the glossary, first occurrence per paragraph)."""
from __future__ import annotations

from build_tools.write.render import render
from build_tools.write.terms import GLOSSARY_URL, LISTED, reader_terms
from build_tools.write.urls import doc_path
from build_tools.write.views import newest_first


def _story_text(record: dict) -> str:
    parts = [record[k]["simplified"] for k in ("kicker", "headline", "subheadline") if record.get(k)]
    parts += [e["simplified"] for e in record["body"]] + [c["simplified"] for c in record["captions"]]
    return "\n".join(parts)


def glossary_pages(stories: list[dict], items: dict[str, dict]) -> dict[str, str]:
    texts = {r["id"]: _story_text(r) for r in stories}
    terms = []
    for t in reader_terms():
        using = newest_first([items[i] for i, text in texts.items() if t["zh"] in text])
        terms.append({**t, "stories": using[:LISTED], "count": len(using)})
    return {doc_path(GLOSSARY_URL): render("glossary.md.j2", terms=terms)}
