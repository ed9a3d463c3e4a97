"""Writes the generated Markdown pages of the site into docs/: one page per story, and the index pages."""
from __future__ import annotations

import shutil
from pathlib import Path

from build_tools.ingest.catalog import catalog_records
from build_tools.settings import GENERATED_DOC_DIRS
from build_tools.write.files import write_if_changed
from build_tools.write.render import render


def write_site(catalog, docs: Path, progress=None) -> int:
    """Write every generated page; returns how many files changed. Stale generated pages are removed."""
    records = catalog_records(catalog)
    stories = records["stories"]
    wanted: dict[Path, str] = {}
    for record in stories:
        wanted[docs / "stories" / record["id"] / "index.md"] = render("story.md.j2", story=record)
    wanted[docs / "index.md"] = render("home.md.j2", sources=records["sources"],
                                       stories={s["id"]: s for s in stories})
    changed = sum(write_if_changed(path, text) for path, text in sorted(wanted.items()))
    for folder in GENERATED_DOC_DIRS:
        root = docs / folder
        if not root.exists():
            continue
        for path in sorted(root.rglob("*.md")):
            if path not in wanted:
                path.unlink()
        for d in sorted((p for p in root.rglob("*") if p.is_dir()), reverse=True):
            if not any(d.iterdir()):
                shutil.rmtree(d)
    if progress:
        progress(f"wrote {len(wanted)} pages into {docs} ({changed} changed)")
    return changed
