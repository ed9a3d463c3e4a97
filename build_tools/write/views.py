"""What each page shows, as plain data for the templates: a story's header, its aligned paragraph pairs with the
English from the translation memory and its provenance, and the lists the index pages are made of."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from build_tools.chinese import HAN_CHARACTER, language_tag
from build_tools.english import curly_quotes
from build_tools.records import TITLE_FIELDS, StoryRecord, story_url
from build_tools.reference.gazetteer import PROVINCE_WIDE, load_gazetteer, special_place
from build_tools.reference.outlets import outlets
from build_tools.reference.themes import theme
from build_tools.translate.glossary import load_glossary
from build_tools.translate.memory import Memory
from build_tools.write.citations import (STYLE_LABELS, citation_data, citations_of, meta_tags,
                                         story_title_zh)
from build_tools.write.gist import story_gist
from build_tools.write.urls import place_url, theme_url, year_url

FLAG_NOTES = {
    "truncated": "The source page breaks off in the middle of this story: the text ends where the capture ends.",
    "fragmentary": "The source holds this story as fragments, partly out of order; the text is shown as captured.",
    "unplaced_fragment": "Title lines that could not be matched to any story on the page, kept so nothing is lost.",
    "photo_story": "A photo story: a caption-length text with a photo credit.",
    "headline_after_story": "On the page, the headline is printed after the story (newspaper layout).",
    "no_headline": "No headline could be found for this story on the page.",
    "supplied_title": "The page prints no headline: the title in square brackets was supplied by the archive from "
                      "the story's opening sentence.",
}
ROLE_FIELDS = TITLE_FIELDS


def theme_tag(slug: str) -> str:
    t = theme(slug)
    return f"{t['en']} · {t['zh']}"


def search_places(pid: str | None, town: str | None = None) -> str:
    """The names a reader may search a story's place by, for the hidden text search indexes with a high weight:
    the place, its county and city (not the province), each as printed (湖州市), in short forms (湖州), in English
    (Huzhou) and pinyin. Stories print 湖州南浔 or 湖州市 more often than 湖州 alone, and a segmenter keeps those whole,
    so without this a two-character query finds nothing, or a story that only mentions the place."""
    g = load_gazetteer()
    if not pid or special_place(pid) or pid not in g.places:
        return ""
    chain = [g[town]] if town and town in g.places else []
    chain += [g[pid]] + [a for a in g.ancestors(pid) if a.level in ("city", "county")]
    words: list[str] = []
    for p in chain:
        for w in (p.zh, *p.short, p.en_short, p.pinyin):
            if w and w not in words:
                words.append(w)
    return " ".join(words)


def search_terms(texts: list[str], english: str) -> str:
    """The glossary's English for the terms a story's Chinese uses, where the story's own English does not say it
    (pending translations, or a freer rendering): so that "skills competition" finds a story that says 技能竞赛."""
    terms = load_glossary().terms
    text = "\n".join(texts)
    have = english.lower()
    found = []
    for zh, en in sorted(terms.items()):
        if len(zh) >= 2 and zh in text and en.lower() not in have and en not in found:
            found.append(en)
    return " · ".join(found)


def place_view(pid: str | None, town: str | None = None) -> dict:
    g = load_gazetteer()
    view = {"id": pid, "url": place_url(pid), "city": None, "town": None, "level": None, "pinyin": ""}
    special = special_place(pid)
    if special:
        return {**view, "en": special.en, "zh": special.zh, "label": special.label,
                **({"level": "province"} if special.id == PROVINCE_WIDE else {})}
    place = g[pid]
    city = g.city_of(pid)
    view.update({"en": place.en, "zh": place.zh, "label": f"{place.en} · {place.zh}", "pinyin": place.pinyin,
                 "level": place.level})
    if city and place.level != "city":
        view["city"] = {"id": city.id, "en": city.en, "zh": city.zh, "url": place_url(city.id)}
    if town:
        t = g[town]
        view["town"] = {"en": t.en_short, "zh": t.zh, "pinyin": t.pinyin}
    return view


# How the pages say where the English came from: from the data and no more (translate/memory.py)
CONTRIBUTORS = "English by the archive's contributors, not professional translators"
NOT_REVIEWED = "not reviewed"
UNREVIEWED_MACHINE = "unreviewed"


def _who(translator: str) -> str:
    if not translator or translator == "archive contributors":
        return CONTRIBUTORS
    return f"English by {translator}, a contributor to the archive, not a professional translator"


def _review(seg) -> str:
    if seg.reviewer and seg.reviewed:
        return f"checked against the Chinese by {seg.reviewer} on {seg.reviewed}"
    return NOT_REVIEWED


def provenance_label(seg) -> str:
    """What a page says about the English of one part (a translate.memory.Lookup)."""
    machine = f"{seg.engine} {seg.model}".strip()
    if seg.provenance == "contributor":
        label = f"{_who(seg.translator)}; {_review(seg)}"
    elif seg.provenance == "post-edited":
        label = (f"Machine translation ({machine}) corrected by {seg.translator or 'a contributor'}, "
                 f"not a professional translator; {_review(seg)}")
    elif seg.provenance == "machine":
        label = f"Machine translation by {machine}, {UNREVIEWED_MACHINE}" if not seg.reviewed else \
            f"Machine translation by {machine}; {_review(seg)}"
    else:
        kinds = set(seg.parts)
        label = "Sentence by sentence: " + "; ".join(
            text for kind, text in (("contributor", _who(seg.translator)),
                                    ("post-edited", "machine translation corrected by a contributor"),
                                    ("machine", f"machine translation by {machine}, {UNREVIEWED_MACHINE}"))
            if kind in kinds)
    if seg.flags:
        label += ". Flagged by the checks: " + ", ".join(f.replace("_", " ") for f in seg.flags)
    return label


class Translator:
    """English for a Chinese text from the translation memory, with its provenance."""

    def __init__(self, memory: Memory):
        self.memory = memory
        self._seen: dict[str, dict] = {}     # a text is looked up (and split into sentences) once per build

    def __call__(self, zh: str | None) -> dict | None:
        if not zh:
            return None
        if zh not in self._seen:
            self._seen[zh] = self._lookup(zh)
        return dict(self._seen[zh])

    def _lookup(self, zh: str) -> dict:
        seg = self.memory.lookup(zh)
        if seg is None:
            return {"en": None, "provenance": "pending", "label": "Translation pending"}
        provenance = seg.provenance
        if provenance == "mixed":
            # sentences of different provenance: the page is marked with the least reviewed of them
            provenance = "machine" if "machine" in seg.parts else "post-edited"
        return {"en": seg.en, "provenance": provenance, "label": provenance_label(seg), "engine": seg.engine,
                "model": seg.model, "flags": list(seg.flags), "notes": list(seg.notes),
                "reviewed": seg.reviewed, "reviewer": seg.reviewer, "translator": seg.translator}


def translation_summary(parts: list[dict]) -> list[str]:
    """One sentence per kind of English on a story page, from its parts' provenance (the notice at the top)."""
    out = []
    contributed = [p for p in parts if p["provenance"] == "contributor"]
    if contributed:
        reviewed = [p for p in contributed if p.get("reviewed")]
        if len(reviewed) == len(contributed):
            dates = sorted({p["reviewed"] for p in reviewed})
            who = ", ".join(sorted({p["reviewer"] for p in reviewed}))
            out.append(f"{CONTRIBUTORS}, checked against the Chinese by {who} on {', '.join(dates)}")
        elif reviewed:
            out.append(f"{CONTRIBUTORS}; {len(reviewed)} of {len(contributed)} parts checked against the Chinese")
        else:
            out.append(f"{CONTRIBUTORS}; {NOT_REVIEWED}")
    if any(p["provenance"] == "post-edited" for p in parts):
        out.append("machine translation corrected by a contributor")
    engines = sorted({f"{p['engine']} {p['model']}".strip() for p in parts if p["provenance"] == "machine"})
    if engines:
        out.append(f"machine translation by {', '.join(engines)}, {UNREVIEWED_MACHINE}")
    pending = sum(1 for p in parts if p["provenance"] == "pending")
    if pending:
        out.append(f"{pending} part(s) still without English (translation pending)")
    return out


# A story page lists the other stories of its source page; on an outsized page, those printed near it only, so
# that the pages of one source do not grow with the square of its stories.
SIBLINGS_SHOWN = 40


def nearby_siblings(siblings: list[dict], index: int) -> list[dict]:
    if len(siblings) <= SIBLINGS_SHOWN:
        return siblings
    start = max(0, min(index - SIBLINGS_SHOWN // 2, len(siblings) - SIBLINGS_SHOWN))
    return siblings[start:start + SIBLINGS_SHOWN]


def usual_label(parts: list[dict]) -> str | None:
    """The label most of a page's parts share (the first of them on a tie): the page's notice says it once, and
    only the parts whose English was made otherwise carry a label of their own."""
    labels = [p["label"] for p in parts]
    return max(dict.fromkeys(labels), key=labels.count) if labels else None


def text_lang(text: str | None, lang: str) -> str:
    """The language of a short text of a story's metadata: its Chinese (`lang`) if it has Chinese characters,
    else English (a curator's note)."""
    return lang if text and HAN_CHARACTER.search(text) else "en"


def web_address(url: str | None) -> str | None:
    """An address a reader can follow: http(s) only (a sidecar's `url` is a curator's text, never a script)."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


# The formula that opens a story of the paper itself (本报讯, "this paper's news"; 本报 before a byline), in English
_OWN_REPORT = re.compile(r"本[报報](?:讯|訊)?")


def dateline_view(record: StoryRecord, translate: Translator) -> dict | None:
    """The dateline printed before the story's text, in Chinese and English: 本报讯 is "<the paper> reports"; a
    web page's date line (kind `date_line`, shown on a line of its own) gives its date, time and source; anything
    else takes its English from the memory. A dateline (kind `dateline`) runs in before the first paragraph."""
    dateline = record.dateline
    if not dateline:
        return None
    zh = dateline["text"]
    simplified = (dateline.get("simplified") or zh).strip()
    outlet_en = (record.outlet or {}).get("en")
    en, provenance, kind = None, "pending", "dateline"
    if _OWN_REPORT.fullmatch(simplified):
        en, provenance = (f"{outlet_en} reports" if outlet_en else "This paper reports"), "formula"
    elif record.published and record.published.get("date") and record.published.get("line", "").strip() == zh.strip():
        published = record.published
        date = record.attribution["date"]
        en = date["display"] if date.get("value") == published["date"] else published["date"]
        if published.get("time"):
            en += f", {published['time']}"
        source = next((o["en"] for o in outlets().values() if published.get("source") in (o.get("zh"), o.get("en"))),
                      None)
        en, provenance, kind = en + (f". Source: {source}" if source else ""), "formula", "date_line"
    else:
        found = translate(zh) or {}
        en, provenance = curly_quotes(found.get("en")), found.get("provenance", "pending")
    return {"zh": zh, "en": en, "provenance": provenance, "kind": kind}


def story_view(record: dict, translate: Translator, siblings: list[dict], source_url: str | None = None) -> dict:
    """Everything a story page shows; `source_url`: the address its source page was captured from."""
    record = StoryRecord.from_dict(record)
    at = record["attribution"]
    lang = record.lang
    fields: dict[str, dict | None] = dict.fromkeys(ROLE_FIELDS)
    pairs, captions, banner = [], [], None
    provenance: dict[str, dict] = {}            # per translated field, for the front matter
    for part in record.parts():
        english = translate(part.text) or {}
        if english.get("en"):          # the page prints curly quotes; the memory and the data keep what was typed
            english = {**english, "en": curly_quotes(english["en"])}
        provenance[part.field] = {k: english[k] for k in ("provenance", "engine", "model", "flags") if english.get(k)}
        if part.key in ROLE_FIELDS:
            fields[part.key] = {"zh": part.text, **english}
        elif part.key == "body":
            pairs.append({"anchor": f"p{part.index}", "kind": part.kind, "zh": part.text, "lines": list(part.lines),
                          **english})
        elif part.key == "captions":
            captions.append({"anchor": f"c{part.index}", "zh": part.text, **english})
        else:
            banner = {"zh": part.text, **english}
    translated = [p for p in pairs + captions + [f for f in fields.values() if f] + ([banner] if banner else [])
                  if p.get("provenance")]
    kinds = sorted({p["provenance"] for p in translated})
    usual = usual_label(translated)
    for p in translated:               # a part names how its English was made where that is not the page's usual
        p["label_shown"] = p["label"] if p["label"] != usual else None
    notes, n = [], 0
    for p in translated:
        marks = []
        for note in p.get("notes") or []:
            n += 1
            notes.append({"n": n, "note": note, "anchor": f"tn{n}", "of": p.get("anchor")})
            marks.append(n)
        p["note_marks"] = marks
    headline = fields.get("headline")
    title_en = headline["en"] if headline and headline.get("en") else None
    title_zh = headline["zh"] if headline else story_title_zh(record)
    date = at["date"]
    index = next(i for i, s in enumerate(siblings) if s["id"] == record["id"])
    title_translation = None
    if title_en:
        title_translation = "machine-translated title" if headline["provenance"] == "machine" else "translated title"
    gist = story_gist(record, translate.memory)
    cite = citation_data(record, title_en, title_translation, abstract=gist["en"] if gist else None)
    shown, formats = citations_of(cite)
    place = place_view(at["place"]["primary"], at["place"].get("town"))
    themes = [{"slug": t["slug"], "en": theme(t["slug"])["en"], "zh": theme(t["slug"])["zh"],
               "url": theme_url(t["slug"]), "tag": theme_tag(t["slug"])} for t in at["themes"]]
    search_simplified = None
    if record["script"] == "Hant":
        # so that Simplified queries find Traditional stories (queries are made Simplified in the browser)
        search_simplified = " ".join([record["headline"]["simplified"] if record.get("headline") else ""]
                                     + [e["simplified"] for e in record["body"]])
    english = " ".join(p.get("en") or "" for p in pairs + captions + [f for f in fields.values() if f])
    return {
        "search_places": search_places(at["place"]["primary"], at["place"].get("town")),
        "search_names": " · ".join([f"{p['pinyin']} {p['name']}" for p in at["people"]]
                                   + [f"{b['en']} {b['zh']}" for b in at["bodies"]]),
        "search_terms": search_terms([p.simplified for p in record.parts()], english),
        "cite": {"data": cite, "formats": formats, "meta": meta_tags(cite), "rendered": shown,
                 "styles": STYLE_LABELS},
        "search_simplified": search_simplified,
        "id": record["id"], "url": story_url(record["id"]), "lang": lang, "script": record["script"],
        "title_zh": title_zh, "title_en": title_en,
        "title": f"{title_en} · {title_zh}" if title_en else title_zh,
        "fields": fields, "banner": banner, "pairs": pairs, "captions": captions,
        "dateline": dateline_view(record, translate),
        "gist": gist,
        "outlet": record["outlet"], "via": record["via"],
        "date": date, "year_url": year_url(date["value"][:4] if date["value"] else None),
        "place": place,
        "place_evidence": [{**e, "lang": text_lang(e.get("text"), lang)} for e in at["place"]["evidence"]],
        "mentioned": [
            {**place_view(m["place"]), "count": m["count"], "outside": m["outside"]} for m in at["place"]["mentioned"]],
        "themes": themes,
        "data": story_data(record, place, themes, provenance, source_url),
        "people": at["people"], "bodies": at["bodies"],
        "page_number": at.get("page"), "section": at.get("section"),
        "section_lang": text_lang(at.get("section"), lang),
        "source_address": web_address(source_url),
        "date_evidence": [{"text": e, "lang": text_lang(e, lang)} for e in date.get("evidence") or []],
        "translation": {"kinds": kinds, "summary": translation_summary(translated), "notes": notes, "usual": usual,
                        "pending": sum(1 for p in translated if p["provenance"] == "pending"),
                        "total": len(translated),
                        "engines": sorted({f"{p['engine']} {p['model']}".strip() for p in translated
                                           if p["provenance"] == "machine"})},
        "flags": [{"flag": f, "note": FLAG_NOTES.get(f, f)} for f in record["flags"]],
        "source": record["source"], "corrected": at.get("corrected", []), "note": at.get("note"),
        "siblings": nearby_siblings(siblings, index), "sibling_count": len(siblings), "previous": siblings[index - 1] if index > 0 else None,
        "next": siblings[index + 1] if index + 1 < len(siblings) else None,
    }


def story_data(record: StoryRecord, place: dict, themes: list[dict], provenance: dict[str, dict],
               source_url: str | None = None) -> dict:
    """The story's facts for its page's front matter, so that the Markdown page stands alone as data."""
    at = record.attribution
    date = at["date"]
    city = place["city"] or (place if place["level"] == "city" else None)
    return {
        "id": record.id, "url": record.url, "script": record.script,
        "outlet": {k: v for k, v in (record.outlet or {}).items() if k in ("key", "zh", "en", "pinyin")} or None,
        "via": {k: v for k, v in (record.via or {}).items() if k in ("key", "zh", "en")} or None,
        "date": {"value": date["value"], "precision": date["precision"], "display": date["display"],
                 "source": date.get("source"), "evidence": list(date.get("evidence") or []),
                 **({"note": date["note"]} if date.get("note") else {})},
        "place": {"id": place["id"], "en": place["en"], "zh": place["zh"], "level": place["level"],
                  "city": {"id": city["id"], "en": city["en"], "zh": city["zh"]} if city else None,
                  "town": place["town"], "source": at["place"].get("source"),
                  "evidence": [{k: v for k, v in e.items()} for e in at["place"]["evidence"]]},
        "themes": [{"slug": t["slug"], "en": t["en"], "zh": t["zh"], "url": t["url"]} for t in themes],
        "people": [{"name": p["name"], "pinyin": p["pinyin"], "role": p["role"], "role_en": p["role_en"],
                    "role_zh": p["role_zh"]} for p in at["people"]],
        "translation": provenance,
        "flags": list(record.flags),
        "source": {"file": record.source["file"], "lines": list(record.source["lines"]), "url": source_url},
    }


def listing_item(record: dict, translate: Translator) -> dict:
    """A story as it appears in lists: date, headline in both languages, place, themes."""
    at = record["attribution"]
    zh = story_title_zh(record)
    en = (translate(zh) or {}).get("en")
    date = at["date"]
    return {"id": record["id"], "url": story_url(record["id"]), "zh": zh, "en": curly_quotes(en), "en_raw": en,
            "gist": story_gist(record, translate.memory), "lang": language_tag(record["script"]),
            "date": date["display"], "date_sort": (date["value"] or "0000").replace("-", "").ljust(8, "0"),
            "year": (date["value"] or "")[:4] or None,
            "place": place_view(at["place"]["primary"], at["place"].get("town")),
            "themes": [{"slug": t["slug"], "en": theme(t["slug"])["en"], "zh": theme(t["slug"])["zh"],
                        "url": theme_url(t["slug"])} for t in at["themes"]]}


def newest_first(items: list[dict]) -> list[dict]:
    return sorted(items, key=lambda s: (s["date_sort"], s["id"]), reverse=True)
