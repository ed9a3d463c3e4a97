"""Addresses of the site's pages. A story's address comes from its permanent identifier only (records.story_url)."""
from __future__ import annotations

import posixpath

from build_tools.reference.gazetteer import load_gazetteer, special_place


def place_url(pid: str | None) -> str | None:
    """cities/<city>/ for a city, cities/<city>/<county>/ for a county or town's county."""
    special = special_place(pid)
    if special:
        return f"cities/{special.slug}/"
    g = load_gazetteer()
    county = g.county_of(pid)
    city = g.city_of(pid)
    if city is None:
        return None                 # outside Zhejiang: mentioned, but no page of its own
    if county:
        return f"cities/{city.id}/{county.id.removeprefix(city.id + '-')}/"
    return f"cities/{city.id}/"


def theme_url(slug: str) -> str:
    return f"themes/{slug}/"


def year_url(year: str | None) -> str:
    return f"years/{year or 'undated'}/"


def doc_path(url: str) -> str:
    """The Markdown file behind a page address: stories/x/ → stories/x/index.md."""
    return url + "index.md" if url.endswith("/") else url


def rel(from_url: str, to_url: str) -> str:
    """A relative link from one page address to another (both like 'stories/x/', '' for the home page)."""
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    target, _, fragment = to_url.partition("#")
    if target == base and fragment:
        return f"#{fragment}"
    link = _relpath(target or ".", base or ".")
    if link == ".":
        link = "./"
    elif target.endswith("/") or not target:
        link += "/"
    return link + (f"#{fragment}" if fragment else "")


def _relpath(target: str, base: str) -> str:
    """posixpath.relpath for the site's own addresses (relative, no '..'), without its normalising and joining:
    links are made tens of times per page."""
    if ".." in target or ".." in base or target.startswith("/") or base.startswith("/"):
        return posixpath.relpath(target, base)
    t = [p for p in target.split("/") if p and p != "."]
    b = [p for p in base.split("/") if p and p != "."]
    common = 0
    for x, y in zip(t, b):
        if x != y:
            break
        common += 1
    return "/".join([".."] * (len(b) - common) + t[common:]) or "."
