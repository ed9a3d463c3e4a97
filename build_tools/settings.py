"""Every default path and setting in one place, and the settings a build runs with.

`python -m build_tools.settings --generated` prints the generated outputs (for `make clean`)."""
from __future__ import annotations

import os as _os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path(__file__).resolve().parent
DATA = PACKAGE / "data"
TEMPLATES = PACKAGE / "templates"

SOURCES = ROOT / "sources"
TRANSLATIONS = ROOT / "translations"
DOCS = ROOT / "docs"
BUILD = ROOT / "build"              # intermediate products: catalog, reports
SITE = ROOT / "site"

SOURCE_SUFFIX = ".txt"
DEV_CORPUS = ROOT / "tests" / "data" / "pages"      # the development corpus of real page shapes (archive eval)
SIDECAR_SUFFIX = ".yaml"

# In the build folder (--out)
CATALOG_FILE = "catalog.json"
INGEST_REPORT = "ingest-report.md"
ATTRIBUTION_REPORT = "attribution-report.md"
TRANSLATION_REPORT = "translation-report.md"
JIEBA_DICTIONARY = "jieba_user_dict.txt"     # mkdocs.yml reads it (ARCHIVE_JIEBA_DICT)
MT_EVAL_JSON = "mt-eval.json"                # make mt-eval
MT_EVAL_MARKDOWN = "mt-eval.md"
INGEST_CACHE = "cache/ingest"
ATTRIBUTE_CACHE = "cache/attribute"
CITATION_CACHE = "cache/citations"
SITE_SHARDS = "site-shards"                 # archive site: the parts of a sharded build (build_tools/site_build)

# In the docs folder: the generated parts (everything else in docs/ is written by hand): the folders of pages,
# whose stale files the page writer removes, and with them the home page and the generated assets.
GENERATED_DOC_DIRS = ("stories", "cities", "themes", "years", "all", "data", "releases", "entities", "glossary")
QUERY_SCRIPT = "assets/generated/t2s.js"     # mkdocs.yml lists it in extra_javascript
GENERATED_DOCS = GENERATED_DOC_DIRS + ("index.md", QUERY_SCRIPT.rsplit("/", 1)[0])
# Everything the build writes inside the project, relative to it: `make clean` removes these, `make verify` leaves
# them out of its copies, the tests check a build writes nothing else. The one list.
GENERATED_OUTPUTS = ("build", "site") + tuple(f"docs/{name}" for name in GENERATED_DOCS)

# The archive's public address; mkdocs.yml reads the same SITE_URL variable with the same default.
SITE_URL = _os.environ.get("SITE_URL", "https://zhejiang-union-archive.github.io/")
if not SITE_URL.endswith("/"):
    SITE_URL += "/"


@dataclass
class Settings:
    """What one run of the stages is given. Every stage's `run` takes its input and these."""

    sources: Path = SOURCES
    out: Path = BUILD                   # catalog, reports, caches
    docs: Path = DOCS
    translations: Path = TRANSLATIONS
    record: bool = True                 # write newly minted identifiers into the sidecars
    use_corrections: bool = True        # apply the sidecars' segmentation corrections
    engine: Any = "auto"                # "auto" (the installed model, if any), an engine, or None
    dask: str | None = None             # a Dask scheduler to spread the translation over
    retranslate: bool = False
    cache: bool = True                  # incremental: reuse what unchanged sources gave last time
    progress: Callable[[str], None] | None = None

    def __post_init__(self):
        for name in ("sources", "out", "docs", "translations"):
            setattr(self, name, Path(getattr(self, name)))

    def report(self, name: str) -> Path:
        return self.out / name

    @property
    def catalog_file(self) -> Path:
        return self.out / CATALOG_FILE

    def cache_dir(self, name: str) -> Path | None:
        return self.out / name if self.cache else None

    def say(self, message: str) -> None:
        if self.progress:
            self.progress(message)


# `archive site`: past this many story pages the site is built as shards of about this size (build_tools/site_build);
# ARCHIVE_SHARD_SIZE or `archive site --shard-size` change it.
SHARD_SIZE = 20_000


def shard_size_setting() -> int:
    value = _os.environ.get("ARCHIVE_SHARD_SIZE", "").strip()
    if not value:
        return SHARD_SIZE
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"ARCHIVE_SHARD_SIZE={value!r}: expected a whole number of stories, at least 1")
    return int(value)


# The largest source file read (bytes): one captured page is a few kilobytes; a bigger file is refused at once,
# before it is read, with a message (segmenting it would take minutes and gigabytes).
MAX_SOURCE_BYTES = 5 * 1024 * 1024


if __name__ == "__main__":      # `python3 -m build_tools.settings --generated`: the list, for the Makefile
    if sys.argv[1:] == ["--generated"]:
        print(" ".join(GENERATED_OUTPUTS))
    else:
        sys.exit("usage: python -m build_tools.settings --generated")
