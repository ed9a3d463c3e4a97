"""What each page shows, as plain data for the templates: a story's header, its aligned paragraph pairs with the
English from the translation memory and its provenance, and the lists the index pages are made of."""
from __future__ import annotations

from build_tools.attribute.gazetteer import load_gazetteer
from build_tools.attribute.places import PROVINCE_WIDE
from build_tools.attribute.themes import theme
from build_tools.translate.memory import Memory
from build_tools.write.citations import all_formats, citation_data, meta_tags
from build_tools.write.urls import place_url, story_url, theme_url, year_url

FLAG_NOTES = {
    "truncated": "The source page breaks off in the middle of this story: the text ends where the capture ends.",
    "fragmentary": "The source holds this story as fragments, partly out of order; the text is shown as captured.",
    "unplaced_fragment": "Title lines that could not be matched to any story on the page, kept so nothing is lost.",
    "photo_story": "A photo story: a caption-length text with a photo credit.",
    "headline_after_story": "On the page, the headline is printed after the story (newspaper layout).",
    "no_headline": "No headline could be found for this story on the page.",
}
ROLE_FIELDS = ("column", "kicker", "headline", "subheadline")


def theme_tag(slug: str) -> str:
    t = theme(slug)
    return f"{t['en']} · {t['zh']}"


def place_view(pid: str | None, town: str | None = None) -> dict:
    g = load_gazetteer()
    view = {"id": pid, "url": place_url(pid), "city": None, "town": None, "level": None, "pinyin": ""}
    if not pid:
        return {**view, "en": "Unplaced", "zh": "地点未定", "label": "Unplaced"}
    if pid == PROVINCE_WIDE:
        return {**view, "en": "Zhejiang (province-wide)", "zh": "浙江省（全省）", "label": "Zhejiang (province-wide) · 浙江省",
                "level": "province"}
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

    def __call__(self, zh: str | None) -> dict | None:
        if not zh:
            return None
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


def story_view(record: dict, translate: Translator, siblings: list[dict]) -> dict:
    at = record["attribution"]
    lang = "zh-Hant" if record["script"] == "Hant" else "zh-Hans"
    fields: dict[str, dict | None] = dict.fromkeys(ROLE_FIELDS)
    for key in ROLE_FIELDS:
        if record.get(key):
            zh = record[key]["text"]
            fields[key] = {"zh": zh, **(translate(zh) or {})}
    pairs = []
    for i, el in enumerate(record["body"], 1):
        pairs.append({"anchor": f"p{i}", "kind": el["kind"], "zh": el["text"], "lines": el["lines"],
                      **translate(el["text"])})
    captions = [{"anchor": f"c{i}", "zh": c["text"], **translate(c["text"])}
                for i, c in enumerate(record["captions"], 1)]
    banner = {"zh": record["page_banner"], **translate(record["page_banner"])} if record["page_banner"] else None
    translated = [p for p in pairs + captions + [f for f in fields.values() if f] + ([banner] if banner else [])
                  if p.get("provenance")]
    kinds = sorted({p["provenance"] for p in translated})
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
    title_zh = headline["zh"] if headline else f"(untitled story {record['id']})"
    date = at["date"]
    index = next(i for i, s in enumerate(siblings) if s["id"] == record["id"])
    title_translation = None
    if title_en:
        title_translation = "machine-translated title" if headline["provenance"] == "machine" else "translated title"
    cite = citation_data(record, title_en, title_translation)
    formats = all_formats(cite)
    search_simplified = None
    if record["script"] == "Hant":
        # so that Simplified queries find Traditional stories (queries are made Simplified in the browser)
        search_simplified = " ".join([record["headline"]["simplified"] if record.get("headline") else ""]
                                     + [e["simplified"] for e in record["body"]])
    return {
        "cite": {"data": cite, "formats": formats, "meta": meta_tags(cite),
                 "styles": [("chicago", "Chicago (notes and bibliography)"), ("apa", "APA 7"), ("mla", "MLA 9"),
                            ("gbt7714", "GB/T 7714—2015")]},
        "search_simplified": search_simplified,
        "id": record["id"], "url": story_url(record["id"]), "lang": lang, "script": record["script"],
        "title_zh": title_zh, "title_en": title_en,
        "title": f"{title_en} · {title_zh}" if title_en else title_zh,
        "fields": fields, "banner": banner, "pairs": pairs, "captions": captions,
        "dateline": record["dateline"]["text"] if record.get("dateline") else None,
        "outlet": record["outlet"], "via": record["via"],
        "date": date, "year_url": year_url(date["value"][:4] if date["value"] else None),
        "place": place_view(at["place"]["primary"], at["place"].get("town")),
        "place_evidence": at["place"]["evidence"], "mentioned": [
            {**place_view(m["place"]), "count": m["count"], "outside": m["outside"]} for m in at["place"]["mentioned"]],
        "themes": [{"slug": t["slug"], "en": theme(t["slug"])["en"], "zh": theme(t["slug"])["zh"],
                    "url": theme_url(t["slug"]), "tag": theme_tag(t["slug"])} for t in at["themes"]],
        "people": at["people"], "bodies": at["bodies"],
        "page_number": at.get("page"), "section": at.get("section"),
        "translation": {"kinds": kinds, "summary": translation_summary(translated), "notes": notes,
                        "pending": sum(1 for p in translated if p["provenance"] == "pending"),
                        "total": len(translated),
                        "engines": sorted({f"{p['engine']} {p['model']}".strip() for p in translated
                                           if p["provenance"] == "machine"})},
        "flags": [{"flag": f, "note": FLAG_NOTES.get(f, f)} for f in record["flags"]],
        "source": record["source"], "corrected": at.get("corrected", []), "note": at.get("note"),
        "siblings": siblings, "previous": siblings[index - 1] if index > 0 else None,
        "next": siblings[index + 1] if index + 1 < len(siblings) else None,
    }


def listing_item(record: dict, translate: Translator) -> dict:
    """A story as it appears in lists: date, headline in both languages, place, themes."""
    at = record["attribution"]
    zh = record["headline"]["text"] if record.get("headline") else f"(untitled {record['id']})"
    en = (translate(zh) or {}).get("en")
    date = at["date"]
    return {"id": record["id"], "url": story_url(record["id"]), "zh": zh, "en": en,
            "lang": "zh-Hant" if record["script"] == "Hant" else "zh-Hans",
            "date": date["display"], "date_sort": (date["value"] or "0000").replace("-", "").ljust(8, "0"),
            "year": (date["value"] or "")[:4] or None,
            "place": place_view(at["place"]["primary"], at["place"].get("town")),
            "themes": [{"slug": t["slug"], "en": theme(t["slug"])["en"], "zh": theme(t["slug"])["zh"],
                        "url": theme_url(t["slug"])} for t in at["themes"]]}


def newest_first(items: list[dict]) -> list[dict]:
    return sorted(items, key=lambda s: (s["date_sort"], s["id"]), reverse=True)
