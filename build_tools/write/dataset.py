"""The full-text dataset in data/: `stories.jsonl` (one story per line: metadata, every Chinese paragraph with its
English and the provenance of each translation segment, the source lines), a Frictionless `datapackage.json`
describing every data file with its schema, bytes and hash, and the dataset's README. catalog.csv, catalog.json
and archive.bib are written by exports.py and only described here."""
from __future__ import annotations

import hashlib
import json

from build_tools.settings import DATA as PACKAGE_DATA, SITE_URL
from build_tools.translate.sentences import split_sentences
from build_tools.write.render import render
from build_tools.write.exports import COLUMNS

DATA = "data/"
TITLE_FIELDS = ("column", "kicker", "headline", "subheadline")
PACKAGE_NAME = "zhejiang-union-archive"
LICENSE = {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
           "title": "Creative Commons Attribution 4.0 (the archive's own work: translations, metadata, "
                    "attribution, structure); the source texts' rights remain with their publishers"}

# stories.jsonl, one field per key, in the order each line holds them
STORY_FIELDS = [
    ("id", "string", "permanent identifier, e.g. zjgr-28d2cd"),
    ("url", "string", "permanent address of the story page"),
    ("outlet", "object", "the paper or site: {key, zh, en}"),
    ("via", "object", "the site the page was captured from, when it reposted the story: {key, zh, en}, or null"),
    ("script", "string", "Hans (Simplified) or Hant (Traditional)"),
    ("date", "object", "publication date: {value (YYYY, YYYY-MM, YYYY-MM-DD or null), precision, display}"),
    ("place", "object", "primary place: {id (gazetteer), en, zh, city}"),
    ("themes", "array", "theme slugs, best first"),
    ("people", "array", "reporters and others: {name, pinyin, role}"),
    ("titles", "object", "column, kicker, headline, subheadline: each {zh, en, provenance} or null"),
    ("dateline", "string", "dateline as printed, or null"),
    ("paragraphs", "array", "body in order: {n, anchor, kind, zh, en, provenance, lines, segments: [{zh, en, "
                            "provenance, translator, engine, model, date, flags}]}"),
    ("captions", "array", "photo captions: {n, anchor, zh, en, provenance, lines, segments}"),
    ("flags", "array", "editorial flags (truncated, fragmentary, photo_story …)"),
    ("source", "object", "source file, its sha256 and the first and last line of the story"),
    ("release", "object", "entered: first release holding the story ({version, date}) or null; latest: the "
                          "latest release holding it or null"),
]


def _segments(zh: str, memory) -> list[dict]:
    """The translation-memory segments that give a text its English: its own, else one per sentence (a sentence
    the memory lacks is listed as pending)."""
    seg = memory.get(zh)
    segs = [(zh, seg)] if seg is not None else [(s, memory.get(s)) for s in split_sentences(zh) if s.strip()]
    if all(g is None for _, g in segs):
        return []                   # nothing in the memory yet: no segments (and no second copy of the Chinese)
    return [{"zh": s, "en": g.en if g else None, "provenance": g.provenance if g else "pending",
             "translator": (g.translator or None) if g else None, "engine": (g.engine or None) if g else None,
             "model": (g.model or None) if g else None, "date": (g.date or None) if g else None,
             "flags": list(g.flags) if g else []} for s, g in segs]


def _passage(n: int, anchor: str, element: dict, translate, memory) -> dict:
    t = translate(element["text"]) or {}
    out = {"n": n, "anchor": anchor}
    if "kind" in element:
        out["kind"] = element["kind"]
    out.update({"zh": element["text"], "en": t.get("en"), "provenance": t.get("provenance", "pending"),
                "lines": element["lines"], "segments": _segments(element["text"], memory)})
    return out


def story_line(record: dict, item: dict, translate, memory, history) -> dict:
    at = record["attribution"]
    place = item["place"]
    titles = {}
    for key in TITLE_FIELDS:
        el = record.get(key)
        t = (translate(el["text"]) or {}) if el else {}
        titles[key] = {"zh": el["text"], "en": t.get("en"), "provenance": t.get("provenance", "pending"),
                       "lines": el["lines"]} if el else None
    h = history.of(record["id"])
    line = {
        "id": record["id"], "url": SITE_URL + item["url"], "outlet": record["outlet"], "via": record["via"],
        "script": record["script"],
        "date": {"value": at["date"]["value"], "precision": at["date"]["precision"], "display": at["date"]["display"]},
        "place": {"id": place["id"], "en": place["en"], "zh": place["zh"], "city": (place.get("city") or {}).get("en")},
        "themes": [t["slug"] for t in at["themes"]],
        "people": [{"name": p.get("name"), "pinyin": p.get("pinyin"), "role": p.get("role")} for p in at["people"]],
        "titles": titles,
        "dateline": (record.get("dateline") or {}).get("text"),
        "paragraphs": [_passage(i, f"p{i}", e, translate, memory) for i, e in enumerate(record["body"], 1)],
        "captions": [_passage(i, f"c{i}", c, translate, memory) for i, c in enumerate(record["captions"], 1)],
        "flags": list(record["flags"]),
        "source": {"file": record["source"]["file"], "sha256": record["source"]["sha256"],
                   "lines": record["source"]["lines"]},
        "release": {"entered": h.entered, "latest": h.last},
    }
    assert list(line) == [name for name, _, _ in STORY_FIELDS]
    return line


def _resource(name: str, path: str, text: str, integrity: bool = True, **fields) -> dict:
    """A resource with its size and hash (not for a JSON table read from a property: frictionless streams it
    and cannot count its bytes)."""
    data = text.encode("utf-8")
    out = {"name": name, "path": path, **fields, "encoding": "utf-8"}
    if integrity:
        out.update({"bytes": len(data), "hash": "sha256:" + hashlib.sha256(data).hexdigest()})
    return out


def datapackage(files: dict[str, str]) -> dict:

    schema = json.loads((PACKAGE_DATA / "catalog.schema.json").read_text(encoding="utf-8"))
    props = schema["properties"]["stories"]["items"]["properties"]

    def column(name):
        spec = props.get(name, {})
        field = {"name": name, "type": "string", "description": spec.get("description", "")}
        if name == "id":
            field["constraints"] = {"required": True, "unique": True}
        if "pattern" in spec:
            field.setdefault("constraints", {})["pattern"] = spec["pattern"].strip("^$")
        if "enum" in spec:
            field.setdefault("constraints", {})["enum"] = spec["enum"]
        return field

    catalog_schema = {"fields": [column(c) for c in COLUMNS], "primaryKey": ["id"]}
    resources = [
        _resource("catalog-csv", "catalog.csv", files["catalog.csv"], type="table", format="csv",
                  mediatype="text/csv", title="Catalog: one row per story (metadata)", schema=catalog_schema),
        _resource("catalog-json", "catalog.json", files["catalog.json"], type="table", format="json",
                  mediatype="application/json", integrity=False, title="Catalog as JSON: the same rows under \"stories\"",
                  dialect={"json": {"property": "stories"}}, schema=catalog_schema),
        _resource("archive-bib", "archive.bib", files["archive.bib"], type="text", format="bib",
                  mediatype="application/x-bibtex", title="Every story's citation in BibTeX"),
        _resource("stories", "stories.jsonl", files["stories.jsonl"], type="table", format="jsonl",
                  mediatype="application/jsonl",
                  title="Full text: one story per line, Chinese paragraphs with English and provenance",
                  schema={"fields": [{"name": n, "type": t, "description": d} for n, t, d in STORY_FIELDS],
                          "primaryKey": ["id"]}),
    ]
    resources[-1]["schema"]["fields"][0]["constraints"] = {"required": True, "unique": True}
    return {"name": PACKAGE_NAME, "title": "Zhejiang Trade Union News Archive: full-text dataset",
            "description": "Stories from Zhejiang trade-union newspapers, Chinese original and English translation "
                           "paragraph by paragraph, with paper, date, place, themes, people and provenance.",
            "homepage": SITE_URL, "licenses": [LICENSE], "keywords": ["trade unions", "Zhejiang", "Chinese",
                                                                     "newspapers", "parallel corpus"],
            "resources": resources}


def dataset_files(stories: list[dict], items: dict, follow, pages: dict[str, str]) -> dict[str, str]:
    lines = [json.dumps(story_line(r, items[r["id"]], follow.translate, follow.memory, follow.history),
                        ensure_ascii=False, separators=(",", ":"))
             for r in sorted(stories, key=lambda s: s["id"])]
    jsonl = "".join(line + "\n" for line in lines)
    files = {name: pages[DATA + name] for name in ("catalog.csv", "catalog.json", "archive.bib")}
    files["stories.jsonl"] = jsonl
    package = datapackage(files)
    latest = follow.history.latest
    readme = render("dataset_readme.md.j2", package=package, count=len(stories), site_url=SITE_URL,
                    latest=latest and {"version": latest["version"], "date": latest.get("date")})
    return {DATA + "stories.jsonl": jsonl,
            DATA + "datapackage.json": json.dumps(package, ensure_ascii=False, indent=1) + "\n",
            DATA + "README.md": readme}
