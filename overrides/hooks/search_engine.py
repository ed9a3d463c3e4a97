"""MkDocs hook: which search engine the site gets.

ARCHIVE_SEARCH = lunr | pagefind | auto (default auto).
- lunr: Material's search plugin; one index (search/search_index.json) that a reader downloads whole on first search.
- pagefind: Material's search plugin is switched off; after the build `python -m pagefind` (the extended binary, which
  segments Chinese) writes a chunked index to pagefind/, and the header carries Pagefind's search box
  (overrides/partials/header.html, partials/pagefind.html, assets/js/pagefind-search.js).
- auto: lunr while the index a reader would download stays under the budget (1 MB gzipped), else pagefind. The size is
  estimated before the build from the text of the story pages (gzip of their words, times a factor measured against
  lunr's real index on synthetic archives of 100 and 1,000 stories), so it grows with the archive, not a story count.

The decision and the estimate are written to the build log and to site/search-engine.json."""
from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

log = logging.getLogger("mkdocs.hooks.search_engine")

BUDGET_GZIP_BYTES = 1_000_000
# lunr's gzipped index ÷ gzip of the story pages' text: 1.38 on 1,016 synthetic stories, 1.27 on the 21 real ones.
LUNR_FACTOR = 1.4
ENGINES = ("lunr", "pagefind", "auto")
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
# The front matter's `story:` block (the story's facts as data, its last key) is not indexed; LUNR_FACTOR was
# measured without it
_DATA_BLOCK = re.compile(r"\nstory:\n.*?\n---\n", re.S)

_decision: dict = {}


def estimate_lunr_gzip(docs_dir: Path, stop_above: int | None = None) -> tuple[int, int]:
    """Estimated gzipped size of lunr's index for the story pages in docs_dir; returns (bytes, stories read).
    With stop_above, reading stops as soon as the estimate passes it (a large archive is not read whole)."""
    stories = sorted((docs_dir / "stories").glob("*/index.md")) if (docs_dir / "stories").is_dir() else []
    packer = zlib.compressobj(6)
    packed = 0
    for i, page in enumerate(stories, 1):
        text = _SPACE.sub(" ", _TAG.sub(" ", _DATA_BLOCK.sub("\n---\n", page.read_text(encoding="utf-8"), count=1)))
        packed += len(packer.compress(text.encode("utf-8")))
        if stop_above and packed * LUNR_FACTOR > stop_above:
            return int(packed * LUNR_FACTOR), i
    packed += len(packer.flush())
    return int(packed * LUNR_FACTOR), len(stories)


def _choose(config) -> dict:
    wanted = (os.environ.get("ARCHIVE_SEARCH") or "auto").strip().lower()
    if wanted not in ENGINES:
        raise ValueError(f"ARCHIVE_SEARCH={wanted!r}: expected one of {', '.join(ENGINES)}")
    decision = {"engine": wanted, "requested": wanted, "budget_gzip_bytes": BUDGET_GZIP_BYTES}
    if wanted == "auto":
        estimate, read = estimate_lunr_gzip(Path(config["docs_dir"]), stop_above=BUDGET_GZIP_BYTES)
        decision.update(engine="pagefind" if estimate > BUDGET_GZIP_BYTES else "lunr",
                        lunr_estimate_gzip_bytes=estimate, stories_read=read,
                        estimate_complete=estimate <= BUDGET_GZIP_BYTES)
    return decision


def choose_engine(docs_dir: Path) -> str:
    """The engine a build of docs_dir gets (build_tools/site_build/dirty.py: a change of engine means a clean
    build)."""
    return _choose({"docs_dir": str(docs_dir)})["engine"]


def on_config(config):
    global _decision
    _decision = _choose(config)
    engine = _decision["engine"]
    config.extra["search_engine"] = engine
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if engine == "pagefind":
        if search is not None:
            search.config.enabled = False
        # written by pagefind after the build; mkdocs only links them
        config.extra_css.append("pagefind/pagefind-ui.css")
        config.extra_javascript.append("pagefind/pagefind-ui.js")
        config.extra_javascript.append("assets/js/pagefind-search.js")
    estimate = _decision.get("lunr_estimate_gzip_bytes")
    why = (f" (lunr index estimated at {estimate / 1e6:.2f} MB gzipped{'+' if not _decision['estimate_complete'] else ''}"
           f", budget {BUDGET_GZIP_BYTES / 1e6:.0f} MB)" if estimate is not None else " (ARCHIVE_SEARCH)")
    log.info(f"search engine: {engine}{why}")
    return config


def pagefind_command(site: Path, output: Path | None = None) -> list[str]:
    """Pagefind over a built site (bundle in site/pagefind/, or in `output`); build_tools/site_build runs the same
    command for each shard of a sharded archive.
    Pages are <html lang="en"> holding Chinese and English: indexed as one Chinese-language index, Chinese is
    segmented into words and English words are kept whole (no stemming: queries are de-inflected and every term is
    matched as a prefix). See README, "Search at scale"."""
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site), "--force-language", "zh", "--quiet"]
    return cmd + (["--output-path", str(output)] if output else [])


def on_post_build(config):
    site = Path(config["site_dir"])
    # ARCHIVE_PAGEFIND=deferred: the parts of a sharded build; `archive site` runs Pagefind after MkDocs has exited
    if _decision.get("engine") == "pagefind" and os.environ.get("ARCHIVE_PAGEFIND") != "deferred":
        # the bundle is made again whole: a dirty build (`archive site --dirty`) leaves the last one in place
        shutil.rmtree(site / "pagefind", ignore_errors=True)
        result = subprocess.run(pagefind_command(site), capture_output=True, text=True)
        if result.returncode:
            raise RuntimeError(f"pagefind failed:\n{result.stdout}\n{result.stderr}")
        bundle = site / "pagefind"
        _decision["pagefind_bundle_bytes"] = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
    else:
        index = site / "search" / "search_index.json"
        if index.is_file():
            data = index.read_bytes()
            _decision["lunr_index_bytes"] = len(data)
            _decision["lunr_index_gzip_bytes"] = len(zlib.compress(data, 6))
    (site / "search-engine.json").write_text(json.dumps(_decision, indent=1, sort_keys=True) + "\n",
                                             encoding="utf-8")
