"""MkDocs hook: what Material's lunr index holds (with Pagefind, the same choices are made by data-pagefind-*
attributes in the story template, build_tools/templates/story.md.j2).

- Stories only, one entry each: Material's plugin makes an entry per page section (the citations, "also on this
  page", the sources), so a query counted sections and listed the about and method pages; the hook keeps the entry
  of each story page and drops the rest, so the result count is a count of stories.
- The story's furniture is marked `data-search-exclude` in the template (the facts table, the language toggle, the
  notice on the English, labels, ¶ marks, translator's notes): Material's parser leaves it out, and the entry's
  text is the story itself (paragraphs and captions, Chinese and English), which is what a result's snippet shows.
  The headline is the entry's title.
- Fields besides title, text and tags: `names` (reporters and unions, from the facts table that stays out of the
  text), `places` (the place's names: 湖州 and Huzhou for a story of 湖州市,
  weighted high so that a story of the place comes before one that mentions it) and `glossary` (the glossary's English
  for the story's Chinese terms). The template writes them into hidden elements (search-places, search-glossary; not `terms`, a name Material gives its results);
  this hook reads them from the page and segments the Chinese with jieba as Material's plugin does.

A dirty build (`archive site --dirty`, build_tools/site_build/dirty.py) renders only the pages that changed, and
Material's plugin indexes only those: the other stories' entries are taken from the previous site's index, which
the same build of the same pages wrote, and the entries stand in the order of the pages, as a clean build gives.

Runs after Material's plugin (hooks come after plugins) and before search_engine.py measures the index (it is
listed first in mkdocs.yml)."""
from __future__ import annotations

import html
import json
import logging
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.search_index")

# field → boost (title 1000, text 1, tags 1e6 are Material's)
FIELDS = {"places": 500.0, "names": 50.0, "glossary": 2.0}
# Material weights tags (here the themes) 1e6: a query word in a theme's name ("union") then ranked every story of
# that theme above the story whose headline says it; below the headline here
TAGS_BOOST = 100.0
_HIDDEN = re.compile(r'<div class="search-only search-(places|names|glossary)"[^>]*>(.*?)</div>', re.S)
_STORY = re.compile(r"^stories/[^/#]+/$")
_FILTERS = re.compile(r'<span data-pagefind-filter="([^"]*)"></span>')

_fields: dict[str, dict] = {}     # page url → {field: text, "facets": {name: [values]}}
_build: dict = {"dirty": False, "previous": None, "stories": [], "rendered": set()}


def _segment(text: str) -> str:
    """Chinese cut into words with jieba (the user dictionary Material's plugin loaded), joined by U+200B as the
    plugin does; the search separator splits on it."""
    try:
        import jieba
    except ImportError:
        return text
    return re.sub(r"[\u3400-\u9fff]+", lambda m: "\u200b" + "\u200b".join(jieba.cut(m.group(0))) + "\u200b", text)


def on_startup(command, dirty):
    _build["dirty"] = dirty


def on_pre_build(config):
    _fields.clear()
    _build.update(previous=None, stories=[], rendered=set())
    path = Path(config["site_dir"]) / "search" / "search_index.json"
    if _build["dirty"] and path.is_file():        # read before Material's plugin writes the new one
        _build["previous"] = {d["location"]: d for d in json.loads(path.read_text(encoding="utf-8"))["docs"]}


def on_env(env, config, files):
    _build["stories"] = [f.url for f in files.documentation_pages() if _STORY.match(f.url)]
    return env


def on_page_context(context, page, config, nav):
    if _STORY.match(page.url or ""):
        _build["rendered"].add(page.url)
    if _STORY.match(page.url or "") and page.content:
        found: dict = {name: html.unescape(text).strip() for name, text in _HIDDEN.findall(page.content)}
        filters = _FILTERS.findall(page.content)
        if filters:
            found["facets"] = facets(", ".join(html.unescape(f) for f in filters))
        _fields[page.url] = found
    return context


def facets(attribute: str) -> dict[str, list[str]]:
    """Pagefind's filters of the story ("city:Wenzhou, theme:Worker assistance and care, year:2021"), its city,
    themes and year, as {name: [values]}: what the filters beside Material's search box choose by."""
    out: dict[str, list[str]] = {}
    for item in attribute.split(","):
        name, _, value = item.strip().partition(":")
        if name and value.strip():
            out.setdefault(name.strip(), []).append(value.strip())
    return out


def collapse(index: dict, fields: dict[str, dict]) -> dict:
    """Material's index with one entry per story page (none for other pages or sections) and the extra fields."""
    docs = []
    for doc in index["docs"]:
        if not _STORY.match(doc["location"]):
            continue
        for name, value in fields.get(doc["location"], {}).items():
            doc[name] = _segment(value) if name in FIELDS else value
        docs.append(doc)
    config = dict(index["config"])
    config["fields"] = {**config["fields"], "tags": {"boost": TAGS_BOOST}, **{k: {"boost": v} for k, v in FIELDS.items()}}
    return {**index, "config": config, "docs": docs}


def merge(fresh: list[dict], previous: dict[str, dict] | None, stories: list[str], rendered: set[str]) -> list[dict]:
    """A dirty build's entries: a rendered story's from this build, any other story's from the previous index (a
    page with none there, a withdrawal notice, has none), in the order of the pages."""
    if previous is None:
        raise PluginError("a dirty build with no previous search/search_index.json in the site: the stories not "
                          "rendered again would have no entries; build clean (`archive site` without --dirty)")
    new = {d["location"]: d for d in fresh}
    return [d for d in ((new.get(url) if url in rendered else previous.get(url)) for url in stories) if d]


def on_post_build(config):
    search = config.plugins.get("material/search") or config.plugins.get("search")
    path = Path(config["site_dir"]) / "search" / "search_index.json"
    if search is None or not search.config.enabled or not path.is_file():
        return
    index = collapse(json.loads(path.read_text(encoding="utf-8")), _fields)
    if _build["dirty"]:
        index["docs"] = merge(index["docs"], _build["previous"], _build["stories"], _build["rendered"])
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    tmp.replace(path)
    log.info(f"search index: {len(index['docs'])} stories")
