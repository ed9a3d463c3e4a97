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

# Generated parts of docs/ (everything else in docs/ is written by hand).
GENERATED_DOC_DIRS = ("stories", "cities", "themes", "years", "all", "data", "entities", "glossary")

# The archive's public address; mkdocs.yml reads the same SITE_URL variable with the same default.
import os as _os

SITE_URL = _os.environ.get("SITE_URL", "https://zhejiang-union-archive.github.io/")
if not SITE_URL.endswith("/"):
    SITE_URL += "/"
