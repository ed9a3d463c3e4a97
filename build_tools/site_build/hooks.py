"""The MkDocs side of a sharded build and of a dirty one (overrides/hooks/site_parts.py imports these functions).

With no `ARCHIVE_SITE_PART` in the environment (`mkdocs build`, an unsharded `archive site`) the hook only adds
`assets/generated/pagefind-shards.js` to a Pagefind site: the list of the other Pagefind bundles the search box
merges (`mergeIndex`), empty when there is one. Every Pagefind page loads it, so the pages of a sharded and an
unsharded build are the same, and a new shard changes that file, not every page.

`ARCHIVE_SITE_PART` names a JSON file written by build.py that makes this build one part of a sharded site:
- a shard (`role: shard`): MkDocs reads the shard's own docs folder (its story pages and the stubs of plan.py);
  the build writes a manifest of its pages for the hub;
- the hub (`role: hub`): everything but the story pages; after the build, sitemap.xml (and .gz) are written again
  with the shards' pages, rendered by the theme's own template in the order MkDocs would list them.

A dirty build that `archive site --dirty` checked (dirty.py, `ARCHIVE_DIRTY_CHECKED` set) drops MkDocs' warning that
a dirty build may be inaccurate, which `--strict` would turn into a failure; a plain `mkdocs build --dirty --strict`
keeps it."""
from __future__ import annotations

import gzip
import json
import logging
import os
from pathlib import Path
from types import SimpleNamespace

from mkdocs.structure.files import File

from build_tools.site_build.dirty import CHECKED_ENV
from build_tools.site_build.plan import walk_key

PART_ENV = "ARCHIVE_SITE_PART"
SHARDS_SCRIPT = "assets/generated/pagefind-shards.js"
SEARCH_SCRIPT = "assets/js/pagefind-search.js"
SITEMAP = "sitemap.xml"

_state: dict = {}


def shards_script(bundles: list[str]) -> str:
    """The bundles (folders from the site root, e.g. `pagefind/shard-2/`) that pagefind-search.js merges."""
    return ("/* written by build_tools/site_build: the other Pagefind bundles of a sharded archive */\n"
            f"window.archivePagefindShards = {json.dumps(bundles)};\n")


def _checked_dirty_warning(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith("A 'dirty' build is being performed")


def on_startup(command, dirty):
    build_log = logging.getLogger("mkdocs.commands.build")
    build_log.removeFilter(_checked_dirty_warning)
    if dirty and os.environ.get(CHECKED_ENV):
        build_log.addFilter(_checked_dirty_warning)


def _part() -> dict | None:
    path = os.environ.get(PART_ENV)
    return json.loads(Path(path).read_text(encoding="utf-8")) if path else None


def _pagefind(config) -> bool:
    return config.extra.get("search_engine") == "pagefind"


def on_config(config):
    _state.clear()
    part = _state["part"] = _part()
    if _pagefind(config):
        scripts = [str(s) for s in config.extra_javascript]
        at = scripts.index(SEARCH_SCRIPT) if SEARCH_SCRIPT in scripts else len(scripts)
        config.extra_javascript.insert(at, SHARDS_SCRIPT)
    if part:
        config.docs_dir = part["docs_dir"]
    return config


def on_files(files, config):
    if _pagefind(config):
        bundles = (_state["part"] or {}).get("bundles", [])
        files.append(File.generated(config, SHARDS_SCRIPT, content=shards_script(bundles)))
    return files


def on_env(env, config, files):
    part = _state["part"]
    if not part:
        return env
    stubs = set(part.get("stubs", []))
    _state["env"] = env
    _state["pages"] = [{"src": f.src_uri, "url": f.page.url, "loc": f.page.canonical_url or f.page.abs_url,
                        "update_date": f.page.update_date, "is_link": f.page.is_link}
                       for f in files.documentation_pages() if f.src_uri not in stubs]
    return env


def _read(path: str) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def on_post_build(config):
    part = _state.get("part")
    if not part:
        return
    Path(part["manifest"]).write_text(json.dumps({"pages": _state["pages"]}, ensure_ascii=False) + "\n",
                                      encoding="utf-8")
    if part["role"] == "hub":
        _write_sitemap(config, part["shards"])


def _write_sitemap(config, shards: list[dict]) -> None:
    """sitemap.xml of the whole site, as MkDocs' build would write it (mkdocs/commands/build.py,
    _build_theme_template): every page in MkDocs' order, the pages of a build all dated by its build date."""
    from mkdocs import utils

    pages = list(_state["pages"])
    for shard in shards:
        pages += _read(shard["manifest"])["pages"]
    date = utils.get_build_date()
    pages.sort(key=lambda p: walk_key(p["src"]))
    files = [SimpleNamespace(page=SimpleNamespace(is_link=p["is_link"], abs_url=p["loc"], canonical_url=p["loc"],
                                                  update_date=date)) for p in pages]
    template = _state["env"].get_template(SITEMAP)
    output = template.render(pages=files, config=config)
    output = config.plugins.on_post_template(output, template_name=SITEMAP, config=config)
    path = Path(config.site_dir) / SITEMAP
    utils.write_file(output.encode("utf-8"), str(path))
    gz = f"{path}.gz"
    with open(gz, "wb") as handle:
        stamp = utils.get_build_timestamp(pages=[f.page for f in files])
        with gzip.GzipFile(fileobj=handle, filename=gz, mode="wb", mtime=stamp) as packed:
            packed.write(output.encode("utf-8"))
