"""The pages for exploring the archive across stories: one page per entity (union body, enterprise, institution,
person) with every story that names it, and the index of entities. Data in, {path under docs/: Markdown} out."""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from build_tools.attribute.entities import KINDS, ROLES
from build_tools.reference import roles
from build_tools.write.charts import timeline
from build_tools.write.render import render
from build_tools.write.urls import doc_path
from build_tools.write.views import newest_first, place_view
from build_tools.reference.themes import taxonomy
from build_tools.reference.gazetteer import load_gazetteer

KIND_LABELS = {"union": ("Union bodies", "工会组织", "unions"), "enterprise": ("Enterprises", "企业", "enterprises"),
               "institution": ("Institutions", "机构", "institutions"), "person": ("People", "人物", "people")}
ROLE_LABELS = {"reporter": "reporter", "actor": "actor", "mentioned": "mentioned"}
EN_SOURCES = {"curated": "the body's own English, or the archive's (build_tools/data/entities.yaml)",
              "gazetteer": "made from the place's English in the gazetteer",
              "romanised": "romanised: place and glossary words in English, the rest in pinyin (no official English "
                           "recorded)",
              "pinyin": "pinyin, surname first", "curator": "given by a curator"}
ENTITIES_URL = "entities/"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "x"


def entity_urls(keys_en: dict[str, tuple[str, str]]) -> dict[str, str]:
    """A stable address for every entity key: entities/<kind folder>/<slug of the English>/, with -2, -3 … where
    two entities have the same English (sorted by key, so the same corpus gives the same addresses)."""
    taken: dict[str, int] = {}
    urls = {}
    for key in sorted(keys_en):
        kind, en = keys_en[key]
        base = f"{ENTITIES_URL}{KIND_LABELS[kind][2]}/{_slug(en)}"
        n = taken.get(base, 0) + 1
        taken[base] = n
        urls[key] = f"{base}/" if n == 1 else f"{base}-{n}/"
    return urls


def collect(stories: list[dict], items: dict[str, dict], memory) -> dict[str, dict]:
    """Every entity of the corpus: {key: {zh, en, kind, place, forms, what, stories: [...], roles: Counter}}."""
    entities: dict[str, dict] = {}
    zh_votes: dict[str, Counter] = defaultdict(Counter)
    for record in stories:
        found = record["attribution"].get("entities") or []
        if not found:
            continue
        item = items[record["id"]]
        for e in found:
            ent = entities.setdefault(e["key"], {"key": e["key"], "kind": e["kind"], "en": e["en"],
                                                 "en_source": e["en_source"], "place": e.get("place"),
                                                 "forms": [], "what": e.get("what"), "stories": [],
                                                 "roles": Counter(), "places": Counter()})
            zh_votes[e["key"]][e["zh"]] += 1
            if e["en_source"] in ("curated", "curator") and ent["en_source"] not in ("curated", "curator"):
                ent["en"], ent["en_source"] = e["en"], e["en_source"]
            ent["what"] = ent["what"] or e.get("what")
            ent["place"] = ent["place"] or e.get("place")
            ent["forms"] += [f for f in e.get("forms", [e["zh"]]) if f not in ent["forms"]]
            ent["roles"][e["role"]] += 1
            if item["place"]["id"]:
                ent["places"][item["place"]["id"]] += 1
            role = e["role"]
            detail = roles.label(e["byline_role"]) if role == "reporter" and e.get("byline_role") else ""
            ent["stories"].append({**item, "role": role, "role_detail": detail, "mentions": e.get("count", 1)})
    for key, ent in entities.items():
        ent["zh"] = max(zh_votes[key].items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0]
        ent["forms"] = [f for f in ent["forms"] if f != ent["zh"]]
        ent["stories"] = newest_first(ent["stories"])
    for key, url in entity_urls({k: (e["kind"], e["en"]) for k, e in entities.items()}).items():
        entities[key]["url"] = url
    return entities


def entity_pages(stories: list[dict], items: dict[str, dict], memory, entities: dict | None = None) -> dict[str, str]:
    entities = entities if entities is not None else collect(stories, items, memory)
    pages: dict[str, str] = {}
    groups: dict[str, list] = {k: [] for k in KINDS}
    # a place has a page when a story is placed there (or in one of its counties): link only those
    with_page = {u for i in items.values() for u in (i["place"]["url"], (i["place"].get("city") or {}).get("url")) if u}
    for key, ent in entities.items():
        if ent["place"]:
            ent["place_view"], ent["place_from"] = place_view(ent["place"]), "name"
            if ent["place_view"]["url"] not in with_page:
                ent["place_view"] = {**ent["place_view"], "url": None}
        elif ent["places"] and ent["kind"] != "person":
            ent["place_view"], ent["place_from"] = place_view(ent["places"].most_common(1)[0][0]), "stories"
        else:
            ent["place_view"], ent["place_from"] = None, None
        ent["role_counts"] = [(r, ent["roles"][r]) for r in ROLES if ent["roles"][r]]
        ent["en_note"] = EN_SOURCES.get(ent["en_source"], ent["en_source"])
        ent["kind_label"] = KIND_LABELS[ent["kind"]]
        groups[ent["kind"]].append(ent)
    for ent in entities.values():
        pages[doc_path(ent["url"])] = render("entity.md.j2", entity=ent, timeline=timeline(ent["stories"], ent["url"]))
    for kind in KINDS:
        groups[kind].sort(key=lambda e: (-len(e["stories"]), e["en"], e["key"]))
    pages[doc_path(ENTITIES_URL)] = render("entities_index.md.j2", groups=[
        {"kind": k, "label": KIND_LABELS[k], "entities": groups[k]} for k in KINDS if groups[k]],
        total=len(entities))
    return pages


# ---- facets of the all-stories page ----------------------------------------------------------------------------

FACETS = (("city", "City", "城市"), ("county", "County", "区县"), ("theme", "Theme", "主题"), ("year", "Year", "年份"),
          ("outlet", "Outlet", "报刊"), ("entity", "Union, enterprise or person", "机构人物"))
ENTITY_OPTIONS = 400              # the entity facet offers the entities named in the most stories


def entity_value(url: str) -> str:
    """entities/unions/pujiang-county-federation-of-trade-unions/ → unions-pujiang-county-federation-of-trade-unions"""
    return url.removeprefix(ENTITIES_URL).strip("/").replace("/", "-")


def facets(stories: list[dict], items: dict[str, dict], entities: dict[str, dict] | None = None) -> dict:
    """What the all-stories page filters by: per story the values of each facet (data-* attributes of its row),
    and per facet its options with labels and counts (the page's script keeps the counts up to date as filters
    combine; the address keeps the filters: all/?city=huzhou&theme=skills-competitions)."""

    g = load_gazetteer()
    entities = entities if entities is not None else {}
    rows: dict[str, dict[str, str]] = {}
    options: dict[str, dict[str, dict]] = {f: {} for f, _, _ in FACETS}

    def add(facet, value, label, zh=""):
        o = options[facet].setdefault(value, {"value": value, "label": label, "zh": zh, "count": 0})
        o["count"] += 1
        return value

    for record in stories:
        item = items[record["id"]]
        place = item["place"]
        values: dict[str, list[str]] = {f: [] for f, _, _ in FACETS}
        pid = place["id"]
        if pid and pid in g.places:
            city, county = g.city_of(pid), g.county_of(pid)
            if city:
                values["city"].append(add("city", city.id, city.en_short, city.zh))
            if county:
                values["county"].append(add("county", county.id, f"{county.en_short} ({city.en_short})", county.zh))
        elif pid:
            values["city"].append(add("city", "province-wide", "Zhejiang (province-wide)", "浙江省"))
        for t in item["themes"]:
            values["theme"].append(add("theme", t["slug"], t["en"], t["zh"]))
        values["year"].append(add("year", item["year"] or "undated", item["year"] or "Undated"))
        outlet = record.get("outlet") or {}
        if outlet.get("key"):
            values["outlet"].append(add("outlet", outlet["key"], outlet.get("en", outlet["key"]), outlet.get("zh", "")))
        for e in record["attribution"].get("entities") or []:
            ent = entities.get(e["key"])
            if ent:
                values["entity"].append(entity_value(ent["url"]))
        rows[record["id"]] = {f: " ".join(dict.fromkeys(v)) for f, v in values.items()}
    ranked = sorted(entities.values(), key=lambda e: (-len(e["stories"]), e["en"]))[:ENTITY_OPTIONS]
    keep = set()
    for ent in ranked:
        value = entity_value(ent["url"])
        keep.add(value)
        options["entity"][value] = {"value": value, "label": ent["en"], "zh": ent["zh"], "count": len(ent["stories"])}
    for r in rows.values():
        r["entity"] = " ".join(v for v in r["entity"].split() if v in keep)
    order = {t["slug"]: i for i, t in enumerate(taxonomy()["themes"])}
    sort = {"city": lambda o: o["label"], "county": lambda o: o["label"], "theme": lambda o: order.get(o["value"], 99),
            "year": lambda o: ("0" if o["value"] == "undated" else "1") + o["value"], "outlet": lambda o: o["label"],
            "entity": lambda o: (-o["count"], o["label"])}
    reverse = {"year": True}
    return {"rows": rows, "facets": [{"name": f, "en": en, "zh": zh, "options": sorted(
        options[f].values(), key=sort[f], reverse=reverse.get(f, False))} for f, en, zh in FACETS if options[f]]}
