"""Writes the generated Markdown pages of the site into docs/: one page per story, and the index pages
(cities and counties, themes, years, all stories, home). Files whose content is unchanged are not rewritten."""
from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path

from build_tools.reference.gazetteer import PROVINCE_WIDE, SPECIAL_PLACES, UNPLACED, load_gazetteer
from build_tools.reference.themes import taxonomy
from build_tools.records import Records, StoryRecord, catalog_records
from build_tools.files import write_if_changed
from build_tools.errors import SidecarError
from build_tools.settings import GENERATED_DOC_DIRS, TRANSLATIONS
from build_tools.translate.memory import Memory
from build_tools.write.exports import exports
from build_tools.write.charts import timeline, zhejiang_map
from build_tools.write.explore import collect as collect_entities, entity_pages, facets
from build_tools.write.follow import Follow
from build_tools.write.glossary import glossary_pages
from build_tools.write.releases import apply_withdrawals
from build_tools.write.render import render
from build_tools.write.urls import doc_path, place_url, theme_url, year_url
from build_tools.write.story_pages import story_pages
from build_tools.write.views import Translator, listing_item, newest_first, theme_tag

def build_pages(records: Records, memory: Memory) -> dict[str, str]:
    """Every generated page: {path under docs/: Markdown text}."""
    translate = Translator(memory)
    g = load_gazetteer()
    records, withdrawn = apply_withdrawals(records)          # withdrawn stories keep a notice page only
    follow = Follow(records, memory, translate, withdrawn)
    stories = records["stories"]
    items = {r["id"]: listing_item(r, translate) for r in stories}
    pages: dict[str, str] = {}
    bibliography: list[str] = []

    by_source: dict[str, list[dict]] = defaultdict(list)       # grouped once: O(stories), not O(sources × stories)
    for r in stories:
        by_source[r["source"]["file"]].append(r)
    story_pages(records["sources"], by_source, items, translate, follow, stories, pages, bibliography)

    # places: every city and county with stories, plus province-wide and unplaced
    by_place: dict[str, list] = defaultdict(list)
    for item in items.values():
        pid = item["place"]["id"]
        if pid and pid != PROVINCE_WIDE:
            county = g.county_of(pid)
            by_place[g.city_of(pid).id].append(item)
            if county:
                by_place[county.id].append(item)
        else:
            by_place[pid or UNPLACED].append(item)
    cities = []
    for city in (p for p in g.places.values() if p.level == "city"):
        counties = [{"id": k.id, "en": k.en, "en_short": k.en_short, "zh": k.zh, "url": place_url(k.id),
                     "count": len(by_place[k.id])}
                    for k in g.places.values() if k.parent == city.id and k.level == "county" and by_place.get(k.id)]
        cities.append({"id": city.id, "en": city.en, "zh": city.zh, "url": place_url(city.id),
                       "count": len(by_place.get(city.id, [])), "counties": counties})
        if by_place.get(city.id):
            view = {"en": city.en, "zh": city.zh, "url": place_url(city.id), "counties": counties, "parent": None}
            pages[doc_path(view["url"])] = render("place.md.j2", place=view, stories=newest_first(by_place[city.id]),
                                                  timeline=timeline(by_place[city.id], view["url"]))
        for k in counties:
            view = {"en": k["en"], "zh": k["zh"], "url": k["url"], "counties": [],
                    "parent": {"en": city.en, "zh": city.zh, "url": place_url(city.id)}}
            pages[doc_path(k["url"])] = render("place.md.j2", place=view, stories=newest_first(by_place[k["id"]]),
                                               timeline=timeline(by_place[k["id"]], k["url"]))
    extra = []
    for key, en, zh in ((s.id, s.en, s.zh) for s in SPECIAL_PLACES.values()):
        if by_place.get(key):
            url = place_url(key)
            extra.append({"en": en, "zh": zh, "url": url, "count": len(by_place[key])})
            view = {"en": en, "zh": zh, "url": url, "counties": [], "parent": None}
            pages[doc_path(url)] = render("place.md.j2", place=view, stories=newest_first(by_place[key]),
                                          timeline=timeline(by_place[key], url))
    place_counts = {k: len(v) for k, v in by_place.items()}
    pages["cities/index.md"] = render("places_index.md.j2", cities=cities, extra_places=extra,
                                      zj_map=zhejiang_map(place_counts, "cities/"))

    # themes
    by_theme: dict[str, list] = defaultdict(list)
    for item in items.values():
        for t in item["themes"]:
            by_theme[t["slug"]].append(item)
    themes = []
    for t in taxonomy()["themes"]:
        view = {"slug": t["slug"], "en": t["en"], "zh": t["zh"], "url": theme_url(t["slug"]),
                "tag": theme_tag(t["slug"]), "count": len(by_theme[t["slug"]])}
        themes.append(view)
        if by_theme[t["slug"]]:
            pages[doc_path(view["url"])] = render("theme.md.j2", theme=view, stories=newest_first(by_theme[t["slug"]]),
                                                  timeline=timeline(by_theme[t["slug"]], view["url"]))
    # Themes as Home lists them: most stories first (ties in the taxonomy's order), themes without stories left out
    themes = sorted((t for t in themes if t["count"]), key=lambda t: -t["count"])
    pages["themes/index.md"] = render("themes_index.md.j2", themes=themes)

    # years
    by_year: dict[str | None, list] = defaultdict(list)
    for item in items.values():
        by_year[item["year"]].append(item)
    years = []
    for year in sorted(by_year, key=lambda y: y or "", reverse=True):
        view = {"label": year or "Undated", "url": year_url(year), "count": len(by_year[year])}
        years.append(view)
        pages[doc_path(view["url"])] = render("year.md.j2", year=view, stories=newest_first(by_year[year]))
    pages["years/index.md"] = render("years_index.md.j2", years=years, timeline=timeline(list(items.values()), "years/"))

    everything = newest_first(list(items.values()))
    entities = collect_entities(stories, items, memory)
    pages["all/index.md"] = render("all.md.j2", stories=everything, facets=facets(stories, items, entities))
    dated = sorted(y for y in by_year if y)
    passages = [(translate(part.text) or {}).get("en") for r in stories for part in StoryRecord.from_dict(r).parts()]
    counts = {"stories": len(stories), "cities": sum(1 for c in cities if c["count"]),
              "counties": len({i["place"]["id"] for i in items.values() if i["place"].get("level") == "county"}),
              "years": len(dated), "first_year": dated[0] if dated else None, "last_year": dated[-1] if dated else None,
              "translated_percent": round(100 * sum(1 for p in passages if p) / max(len(passages), 1))}
    pages.update(exports(stories, items, bibliography))
    pages.update(follow.pages(items, by_place, by_theme, by_year, pages, entities))   # feeds, changelog, notices, data
    pages.update(entity_pages(stories, items, memory, entities))          # entities/ (write/explore.py)
    pages.update(glossary_pages(stories, items))                 # glossary/ (write/glossary.py)
    pages["index.md"] = render("home.md.j2", counts=counts, cities=cities, extra_places=extra,
                               zj_map=zhejiang_map(place_counts, ""),
                               themes=themes, latest=everything[:8])
    return pages


def write_site(records: Records, docs: Path, progress=None, memory: Memory | None = None) -> int:
    """Write every generated page of the story records (or of an attributed ingest catalog); returns how many files
    changed. Stale generated pages are removed."""
    memory = memory or Memory.load(TRANSLATIONS)
    if not isinstance(records, Records):
        records = catalog_records(records)
    pages = build_pages(records, memory)
    wanted = {docs / path: text for path, text in pages.items()}
    # docs/ is generated from the inputs: renamed into place atomically, without waiting for the disk each time
    changed = sum(write_if_changed(path, text, sync=False) for path, text in sorted(wanted.items()))
    for folder in GENERATED_DOC_DIRS:
        root = docs / folder
        if not root.exists():
            continue
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            if path not in wanted:
                path.unlink()
        for d in sorted((p for p in root.rglob("*") if p.is_dir()), reverse=True):
            if not any(d.iterdir()):
                shutil.rmtree(d)
    if progress:
        progress(f"wrote {len(wanted)} pages into {docs} ({changed} changed)")
    return changed
