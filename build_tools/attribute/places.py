"""Place attribution: the story's primary place, with the evidence for it, and every other place it mentions.

Evidence, by weight: the headline and kicker; the dateline and opening sentence; the site the page came from
(a county site's story often says only 县总工会: 苍南新闻网 is evidence for Cangnan); a union named as actor
(鹿城区总工会); then how often the body names a place. A town supports its county, a county its city. Places
outside Zhejiang are recorded as mentioned and never chosen. Weights live in build_tools/data/attribution.yaml.

Then the level of the acting body decides the level of the story: a city federation (湖州市总工会, or 市总工会 on a
city's own site) acting in the headline or opening makes a city-wide story, even where a county is named as one
venue; a provincial body (省总工会, 全省各级工会) makes it province-wide. A county body named there keeps the county.
"""
from __future__ import annotations

import re
from collections import defaultdict

from build_tools.chinese import HAN, SENTENCE_ENDS
from build_tools.reference.gazetteer import PROVINCE_WIDE, Gazetteer
from build_tools.data_files import load_yaml

# a provincial body, or the province itself as actor in its own papers (我省 "our province", 全省 "the whole province").
# The words between 省 and 工会 name a trade (省建设工会), never a city or county (山东省日照市莒县总工会); a 省 after
# another province's name is that province's (山东省总工会): see provincial_body()
_PROVINCIAL_BODY = re.compile(f"(?:浙江)?省(?:总工会|(?:(?![市县区镇乡])[{HAN}]){{1,6}}?工会)|(?<!市)省总(?!工会)"
                              f"|全省(?:各级)?工会|^我省|全省(?:职工|劳模|各地)")
_UNION_AFTER = re.compile(r"^(?:[县区市镇]|街道)?(?:总工会|工会)")
_CITY_BODY_AFTER = re.compile(f"^市?(?:总工会|总(?![{HAN}]{{0,1}}[投体人额量数])|工会)")
_CITY_BODY = re.compile(r"市总(?:工会)?")
_LEAD_FIELDS = ("headline", "kicker", "subheadline", "dateline", "opening")


def provincial_body(text: str, gazetteer: Gazetteer) -> str | None:
    """The first mention of this province's own body or of the province as actor in `text`, or None."""
    others = gazetteer.outside_province_names()
    for m in _PROVINCIAL_BODY.finditer(text):
        if not m.group().startswith("全") and text[:m.start()].endswith(others):
            continue
        return m.group()
    return None


def _opening(text: str) -> str:
    m = re.search(f"[{SENTENCE_ENDS}]", text)
    return text[: m.end()] if m else text


def story_fields(record: dict) -> list[tuple[str, str]]:
    """(field, Simplified text) of a catalog record, in order of evidence weight."""
    out = []
    for key in ("headline", "kicker", "subheadline"):
        if record.get(key):
            out.append((key, record[key]["simplified"]))
    paragraphs = [e["simplified"] for e in record["body"] if e["kind"] == "paragraph"]
    if record.get("dateline"):
        out.append(("dateline", record["dateline"]["simplified"]))
    if paragraphs:
        out.append(("opening", _opening(paragraphs[0])))
    out += [("caption", c["simplified"]) for c in record.get("captions") or []]
    out += [("body", e["simplified"]) for e in record["body"]]
    return out


def site_places(site_names: list[str], gazetteer: Gazetteer) -> list[tuple[str, str]]:
    """(place id, site name) for each site name that names a city or county of Zhejiang (婺城新闻网 → Wucheng)."""
    out = []
    for name in site_names:
        for m in gazetteer.find(name):
            place = gazetteer.get(m.place)
            if m.confirmed and place and place.in_zhejiang and place.level in ("city", "county"):
                out.append((m.place, name))
                break
    return out


def _acting_level(record: dict, gazetteer: Gazetteer, site: list[tuple[str, str]]) -> tuple[str, str] | None:
    """("city", city id) when a city federation acts in the headline or opening and no county body does."""
    county_body = city_body = None
    for field, text in story_fields(record):
        if field not in _LEAD_FIELDS:
            continue
        for m in gazetteer.find(text):
            place = gazetteer.get(m.place)
            if not m.confirmed or not place or not place.in_zhejiang:
                continue
            after = text[m.start + len(m.text):]
            if place.level == "county" and _UNION_AFTER.match(after):
                county_body = county_body or place.id
            elif place.level == "city" and _CITY_BODY_AFTER.match(after):
                city_body = city_body or place.id
        named_ends = {m.start + len(m.text) for m in gazetteer.find(text)}
        bare = any(b.start() not in named_ends and b.start() + 1 not in named_ends for b in _CITY_BODY.finditer(text))
        if city_body is None and bare:
            # 市总工会 without a name: the city of the site the page came from, when that site is a city's own
            cities = [pid for pid, _ in site if gazetteer[pid].level == "city"]
            counties = [pid for pid, _ in site if gazetteer[pid].level == "county"]
            if cities and not counties:
                city_body = cities[0]
    if city_body and not county_body:
        return "city", city_body
    return None


def attribute_place(record: dict, gazetteer: Gazetteer, site_names: list[str] | None = None) -> dict:
    weights = load_yaml("attribution.yaml")["place_weights"]
    scores: dict[str, float] = defaultdict(float)
    evidence: dict[str, list[dict]] = defaultdict(list)
    counts: dict[str, int] = defaultdict(int)
    first_seen: dict[str, int] = {}
    found = []
    fields = story_fields(record)
    for position, (field, text) in enumerate(fields):
        for m in gazetteer.find(text):
            found.append((field, text, m, position))
    site = site_places(list(site_names or []) + [n for n in ((record.get("published") or {}).get("source"),) if n],
                       gazetteer)
    for pid, name in site:
        scores[pid] += weights["site"]
        first_seen.setdefault(pid, len(fields) * 10_000)
        evidence[pid].append({"field": "site", "text": name, "weight": weights["site"]})
    confirmed = {m.place for _, _, m, _ in found if m.confirmed}
    for field, text, m, position in found:
        if not m.confirmed and m.place not in confirmed:
            continue
        weight = weights.get(field, 0)
        if field == "body":
            counts[m.place] += 1
            if _UNION_AFTER.match(text[m.start + len(m.text):]):
                weight = max(weight, weights["union_actor"])
        scores[m.place] += weight
        first_seen.setdefault(m.place, position * 10_000 + m.start)
        if field != "body" or weight > weights["body"]:
            reason = "union named as actor" if field == "body" else field
            evidence[m.place].append({"field": reason, "text": m.text, "weight": weight})
    provincial = [f for f, t in story_fields(record)[:5] if f in ("headline", "kicker", "subheadline", "opening")
                  and provincial_body(t, gazetteer)]

    def descendants(pid: str) -> list[str]:
        children = [c for c in gazetteer.children.get(pid, ()) if gazetteer[c].in_zhejiang]
        return [pid] + [d for c in children for d in descendants(c)]

    def rolled(pid: str) -> float:
        return sum(scores.get(d, 0.0) for d in descendants(pid))

    def rank(place) -> tuple:
        return -rolled(place.id), min(first_seen.get(d, 10**9) for d in descendants(place.id))

    mentioned = sorted((pid for pid in scores if pid in gazetteer.places), key=lambda p: first_seen[p])
    counties = [p for p in gazetteer.places.values() if p.level == "county" and rolled(p.id) > 0]
    cities = [p for p in gazetteer.places.values() if p.level == "city" and rolled(p.id) > 0]
    best_county = min(counties, key=rank) if counties else None
    best_city = min(cities, key=rank) if cities else None
    primary, town, why = None, None, []
    if best_county and (best_city is None or gazetteer.city_of(best_county.id) == best_city
                        or rolled(best_county.id) >= rolled(best_city.id) / 2):
        primary = best_county.id
        towns = [gazetteer[c] for c in gazetteer.children.get(primary, ())
                 if scores.get(c, 0) >= weights["subheadline"]]
        town = towns[0].id if towns else None
        why = evidence[primary] + sum((evidence[t.id] for t in towns), [])
    elif best_city:
        primary = best_city.id
        why = evidence[primary] + sum((evidence[c.id] for c in counties if gazetteer.city_of(c.id) == best_city), [])
    acting = _acting_level(record, gazetteer, site)
    if acting and primary != acting[1]:
        city = acting[1]
        if primary is None or gazetteer.city_of(primary) is None or gazetteer.city_of(primary).id == city:
            primary, town = city, None
            why = [{"field": "city federation acting", "text": gazetteer[city].zh, "weight": weights["union_actor"]}] \
                + evidence[city]
    site_weight = sum(weights["site"] for pid, _ in site if primary and pid in descendants(primary))
    if provincial and (primary is None or rolled(primary) - site_weight < weights["headline"] or acting):
        primary, town = PROVINCE_WIDE, None
        why = [{"field": f, "text": provincial_body(t, gazetteer), "weight": weights["provincial_actor"]}
               for f, t in story_fields(record) if f in provincial]
    if primary is None:
        why = []
    if primary and not why:
        why = [{"field": "body", "text": gazetteer[primary].zh, "weight": rolled(primary)}]
    return {
        "primary": primary,
        "town": town,
        "score": rolled(primary) if primary and primary != PROVINCE_WIDE else None,
        "evidence": why,
        "mentioned": [{"place": pid, "count": counts.get(pid, 0) or 1,
                       "outside": not gazetteer[pid].in_zhejiang} for pid in mentioned if pid != primary],
        "source": "automatic",
    }
