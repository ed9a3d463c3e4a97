"""The attribution stage: place, themes, date, people and bodies for every story, then the curators' overrides."""
from __future__ import annotations

import functools
import json
from pathlib import Path

from build_tools.attribute import dates, entities, people, places, themes
from build_tools.files import write_atomic
from build_tools.data_files import digest_files
from build_tools.errors import SidecarError
from build_tools.records import Records, source_record, story_record
from build_tools.reference import roles
from build_tools.reference.gazetteer import UNPLACED, load_gazetteer
from build_tools.reference.themes import taxonomy
from build_tools.settings import DATA, PACKAGE, TRANSLATIONS


_CODE = sorted((PACKAGE / "attribute").glob("*.py")) + sorted((PACKAGE / "reference").glob("*.py")) + [
    DATA / n for n in ("gazetteer.yaml", "themes.yaml", "attribution.yaml", "people.yaml", "roles.yaml",
                       "entities.yaml")] + [TRANSLATIONS / "glossary.yaml"]


@functools.lru_cache(maxsize=1)
def _code_version() -> str:
    return digest_files(_CODE)


def attribute_catalog(catalog, cache_dir: Path | None = None) -> Records:
    """Fill `article.attribution` for every article of the catalog and return the story records, built once here.
    With `cache_dir`, a page that was read from the same bytes and sidecar as before, with the same attribution
    code and data, keeps its attributions."""
    gazetteer = load_gazetteer()
    stories = []
    for page in catalog.pages:
        records = [story_record(a, page) for a in page.articles]
        stories += records
        cached = None
        if cache_dir and page.cache_key:
            path = Path(cache_dir) / f"{page.cache_key}-{_code_version()}.json"
            cached = _read_cache(path)
        if cached and [c["id"] for c in cached] == [a.id for a in page.articles]:
            for article, c in zip(page.articles, cached):
                article.attribution = c["attribution"]
                for flag in c["flags"]:
                    article.flag(flag)
        else:
            _attribute_page(page, records, gazetteer)
            if cache_dir and page.cache_key:
                write_atomic(path, json.dumps([{"id": a.id, "attribution": a.attribution, "flags": a.flags}
                                               for a in page.articles], ensure_ascii=False))
        for article, record in zip(page.articles, records):
            record.attribution, record.flags = article.attribution, list(article.flags)
    return Records([source_record(p) for p in catalog.pages], stories)


def _read_cache(path: Path) -> list | None:
    """A page's cached attributions; a corrupt entry is discarded (and rebuilt by the caller), never fatal."""
    if not path.exists():
        return None
    try:
        cached = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(cached, list) and all(isinstance(c, dict) and {"id", "attribution", "flags"} <= set(c)
                                            and isinstance(c["flags"], list) for c in cached):
            return cached
    except (ValueError, UnicodeDecodeError):
        pass
    path.unlink(missing_ok=True)
    return None


def _attribute_page(page, records, gazetteer) -> None:
    page_texts = [" ".join(e["simplified"] for e in r["body"]) for r in records]
    overrides = page.sidecar.get("overrides") or {}
    footer = page.footer
    page_published = next((a.published for a in page.articles if a.published and a.published.get("date")), None)
    if page_published is None and page.label and page.label.get("date"):
        page_published = {"date": page.label["date"], "text": page.lines[page.label["lines"][0] - 1].text}
    for article, record in zip(page.articles, records):
        override = overrides.get(article.id)
        result = {
            "place": places.attribute_place(record, gazetteer, [n.name for n in page.site_names]
                                            + ([record["outlet"]["zh"]] if record.get("outlet") else [])),
            "themes": themes.attribute_themes(record),
            "date": dates.attribute_date(record, page_texts, footer, page.sidecar, override, page_published),
            "people": people.people(record),
            "bodies": people.bodies(record, gazetteer),
            "page": int(footer["page"]) if footer else (int(page.label["page"].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
                                                        if page.label else page.sidecar.get("page")),
            "section": footer["section"] if footer else (page.label["section"] if page.label
                                                         else page.sidecar.get("section")),
            "corrected": [],
        }
        if override:
            _apply(result, override, page.sidecar.path, article.id, gazetteer)
            for flag in override.get("flags") or []:
                article.flag(str(flag))
        # after the overrides, so that 县总工会 resolves against the curator's place
        result["entities"] = entities.story_entities(record, gazetteer, result["place"],
                                                     (override or {}).get("entities"), result["people"])
        if override and "entities" in override:
            result["corrected"].append("entities")
        article.attribution = result


def _apply(result: dict, override: dict, sidecar: str, story_id: str, gazetteer) -> None:
    where = f"overrides.{story_id}"
    if "place" in override:
        pid = override["place"]
        if pid not in gazetteer.places and pid != UNPLACED:
            raise SidecarError(sidecar, f"{where}.place: '{pid}' is not in the gazetteer",
                               hint=f"use an id of build_tools/data/gazetteer.yaml, or '{UNPLACED}'")
        automatic = result["place"]
        result["place"] = {**automatic, "primary": None if pid == UNPLACED else pid, "town": None,
                           "source": "curator", "automatic": automatic["primary"],
                           "evidence": [{"field": "curator", "text": override.get("note") or "sidecar override",
                                         "weight": None}]}
        result["corrected"].append("place")
    if "themes" in override:
        known = {t["slug"] for t in taxonomy()["themes"]}
        bad = [t for t in override["themes"] if t not in known]
        if bad:
            raise SidecarError(sidecar, f"{where}.themes: unknown theme '{bad[0]}'",
                               hint="use a slug of build_tools/data/themes.yaml")
        result["themes_automatic"] = [t["slug"] for t in result["themes"]]
        result["themes"] = [{"slug": t, "score": None, "keywords": [], "source": "curator"} for t in override["themes"]]
        result["corrected"].append("themes")
    if "date" in override:
        result["corrected"].append("date")
    if "people" in override:
        result["people_automatic"] = result["people"]
        result["people"] = [{"name": p["name"], "pinyin": p.get("pinyin") or people.name_pinyin(p["name"]),
                             "role": p.get("role", "author"), "role_en": roles.label(p.get("role", "author")),
                             "role_zh": p.get("role_zh", "")} for p in override["people"]]
        result["corrected"].append("people")
    if override.get("summary", "").strip():
        # the story's gist in the lists, instead of the English of its first sentence (write/gist.py)
        result["summary"] = {"en": " ".join(override["summary"].split()), "source": "curator"}
        result["corrected"].append("summary")
    if override.get("note"):
        result["note"] = override["note"]
