"""Every default path and setting in one place."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path(__file__).resolve().parent
DATA = PACKAGE / "data"
TEMPLATES = PACKAGE / "templates"

SOURCES = ROOT / "sources"
TRANSLATIONS = ROOT / "translations"
DOCS = ROOT / "docs"
BUILD = ROOT / "build"              # intermediate products: catalog, reports

SOURCE_SUFFIX = ".txt"
SIDECAR_SUFFIX = ".yaml"

CATALOG_FILE = "catalog.json"
INGEST_REPORT = "ingest-report.md"
ATTRIBUTION_REPORT = "attribution-report.md"

# Generated parts of docs/ (everything else in docs/ is written by hand): the folders of pages, whose stale files
# the page writer removes, and with them the home page and the generated assets.
GENERATED_DOC_DIRS = ("stories", "cities", "themes", "years", "all", "data")
GENERATED_DOCS = GENERATED_DOC_DIRS + ("index.md", "assets/generated")
# Everything the build writes inside the project, relative to it: `make clean` removes these, `make verify` leaves
# them out of its copies, the tests check a build writes nothing else. The one list.
GENERATED_OUTPUTS = ("build", "site") + tuple(f"docs/{name}" for name in GENERATED_DOCS)

# The archive's public address; mkdocs.yml reads the same SITE_URL variable with the same default.
import os as _os

SITE_URL = _os.environ.get("SITE_URL", "https://zhejiang-union-archive.github.io/")
if not SITE_URL.endswith("/"):
    SITE_URL += "/"

# The largest source file read (bytes): one captured page is a few kilobytes; a bigger file is refused at once,
# before it is read, with a message (segmenting it would take minutes and gigabytes).
MAX_SOURCE_BYTES = 5 * 1024 * 1024


if __name__ == "__main__":      # `python3 -m build_tools.settings generated`: the list, for the Makefile
    import sys

    if sys.argv[1:] == ["generated"]:
        print(" ".join(GENERATED_OUTPUTS))
