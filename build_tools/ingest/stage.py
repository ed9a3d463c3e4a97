"""The ingest stage: every source file read, cleaned and cut into articles, each with its permanent identifier."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from build_tools.files import write_if_changed
from build_tools.ingest import duplicates, identifiers
from build_tools.ingest.cache import PageCache, page_key
from build_tools.ingest.inventory import check_size, survey
from build_tools.ingest.page import read_page
from build_tools.ingest.report import ingest_report
from build_tools.ingest.sidecar import load_sidecar, sidecar_path
from build_tools.articles import Article, SourcePage
from build_tools.settings import INGEST_CACHE, INGEST_REPORT, Settings

Progress = Callable[[str], None]


@dataclass
class Catalog:
    """What ingestion gives: the source pages with their articles."""
    sources_dir: Path
    pages: list[SourcePage] = field(default_factory=list)
    minted: list[tuple[str, str]] = field(default_factory=list)     # (source, id) minted in this run
    skipped: list[tuple[str, str]] = field(default_factory=list)    # (file in sources/, why it was not read)
    cache: object = None                                            # the PageCache, with its hits and misses

    @property
    def articles(self) -> list[Article]:
        return [a for p in self.pages for a in p.articles]


def find_sources(sources_dir: Path) -> list[Path]:
    return survey(sources_dir).sources


def ingest(sources_dir: Path, record: bool = True, use_corrections: bool = True,
           progress: Progress | None = None, cache_dir: Path | None = None) -> Catalog:
    """Read every source into pages and articles, and give every article its permanent identifier.
    With `cache_dir`, a source whose bytes, sidecar and reading code are unchanged is not read again."""
    sources_dir = Path(sources_dir)
    catalog = Catalog(sources_dir)
    cache = catalog.cache = PageCache(cache_dir)
    inventory = survey(sources_dir)
    files = inventory.sources
    catalog.skipped = list(inventory.skipped)
    for path in files:
        check_size(path, path.relative_to(sources_dir).as_posix())
    stored: dict[str, bytes] = {}          # pages read in this run, as cached (display path → pickled page)
    for i, path in enumerate(files, 1):
        display = path.relative_to(sources_dir).as_posix()
        key = page_key(path, sidecar_path(path), display, use_corrections)
        page = cache.get(key)
        if page is not None:
            page.cache_key = key
        if page is None:
            if progress and (i == len(files) or i % max(1, len(files) // 20) == 0 or len(files) <= 50):
                progress(f"[{i}/{len(files)}] reading {display}")
            page = read_page(path, display, use_corrections)
            data = cache.put(key, page)
            if data is not None:
                stored[display] = data
            page.cache_key = key
        catalog.pages.append(page)
    duplicates.check_registers(catalog.pages)
    catalog.pages, files, dropped = duplicates.drop_identical_sources(catalog.pages, files)
    catalog.skipped += [(copy, f"a byte-identical copy of {original}: published once, from {original}")
                        for copy, original in dropped]
    identifiers.register_catalog(catalog, files, write=record)
    if record:
        _rekey_rewritten(catalog, files, stored, use_corrections)
    duplicates.check_identifiers(catalog.pages)
    duplicates.warn_same_text(catalog.pages)
    return catalog


def _rekey_rewritten(catalog: Catalog, files: list[Path], stored: dict[str, bytes], use_corrections: bool) -> None:
    """A sidecar that gained identifiers changed the page's cache key: store the page under the new key too."""
    minted = {source for source, _ in catalog.minted}
    for page, path in zip(catalog.pages, files):
        if page.path in minted and page.path in stored:
            blank = {ln.number for ln in page.lines if not ln.raw.strip(" \t\u00a0\u3000\ufeff")}
            sidecar = load_sidecar(path, page.path, len(page.lines), blank)
            catalog.cache.rekey(stored[page.path], page_key(path, sidecar_path(path), page.path, use_corrections),
                                sidecar)


def run(settings: Settings) -> tuple[Catalog, str]:
    """The stage: ingest settings.sources; write and return the ingest report."""
    catalog = ingest(settings.sources, record=settings.record, use_corrections=settings.use_corrections,
                     progress=settings.progress, cache_dir=settings.cache_dir(INGEST_CACHE))
    report = ingest_report(catalog)
    write_if_changed(settings.report(INGEST_REPORT), report)
    return catalog, report
