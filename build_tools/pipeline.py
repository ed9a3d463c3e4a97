"""Runs the stages in order. Nothing else calls the stages; the CLI and the tests call these functions."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from build_tools.errors import SidecarError
from build_tools.ingest import identifiers
from build_tools.ingest.page import read_page
from build_tools.ingest.sidecar import sidecar_path
from build_tools.model import Article, SourcePage
from build_tools.settings import SOURCE_SUFFIX

Progress = Callable[[str], None]


@dataclass
class Catalog:
    sources_dir: Path
    pages: list[SourcePage] = field(default_factory=list)
    minted: list[tuple[str, str]] = field(default_factory=list)     # (source, id) minted in this run
    cache: object = None                                            # the PageCache, with its hits and misses

    @property
    def articles(self) -> list[Article]:
        return [a for p in self.pages for a in p.articles]


def find_sources(sources_dir: Path) -> list[Path]:
    return sorted(p for p in Path(sources_dir).rglob(f"*{SOURCE_SUFFIX}") if p.is_file())


def ingest(sources_dir: Path, record: bool = True, use_corrections: bool = True,
           progress: Progress | None = None, cache_dir: Path | None = None) -> Catalog:
    """Read every source into pages and articles, and give every article its permanent identifier.
    With `cache_dir`, a source whose bytes, sidecar and reading code are unchanged is not read again."""
    from build_tools.ingest.cache import PageCache, page_key

    sources_dir = Path(sources_dir)
    catalog = Catalog(sources_dir)
    cache = catalog.cache = PageCache(cache_dir)
    files = find_sources(sources_dir)
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
            cache.put(key, page)
            page.cache_key = key
        catalog.pages.append(page)
    taken = {e["id"] for p in catalog.pages for e in p.sidecar.register}
    for page, path in zip(catalog.pages, files):
        info = page.sidecar
        outlet = info.get("outlet") or "story"
        if not info.exists:
            page.warn(None, f"no sidecar: outlet and date unknown; write {sidecar_path(path).name} (see README)")
        anchors = {ln.number: ln.text for ln in page.lines}
        result = identifiers.assign_identifiers(page.articles, info.register, outlet, page.sha256, anchors, taken)
        for line, message in result.warnings:
            page.warn(line, message)
        if result.new:
            catalog.minted += [(page.path, e["id"]) for e in result.new]
            if record:
                if info.exists and info.register and list(info.data)[-1] != "stories":
                    raise SidecarError(info.path, "'stories' must be the last key, so new identifiers can be "
                                                  "appended", hint="move the stories: block to the end of the file")
                identifiers.record(sidecar_path(path), result.new, had_register=bool(info.register))
        page.articles.sort(key=lambda a: a.anchor)
    return catalog


def run_ingest(sources_dir: Path, out_dir: Path, record: bool = True, use_corrections: bool = True,
               progress: Progress | None = None, attribute: bool = False) -> Catalog:
    """Ingest (and, with `attribute`, attribute) the sources; write the catalog and the reports into out_dir."""
    from build_tools.ingest.catalog import write_catalog
    from build_tools.ingest.report import ingest_report
    from build_tools.settings import ATTRIBUTION_REPORT, CATALOG_FILE, INGEST_REPORT
    from build_tools.write.files import write_if_changed

    catalog = ingest(sources_dir, record=record, use_corrections=use_corrections, progress=progress,
                     cache_dir=Path(out_dir) / "cache" / "ingest")
    write_if_changed(Path(out_dir) / INGEST_REPORT, ingest_report(catalog))
    if attribute:
        from build_tools.attribute.report import attribution_report
        from build_tools.attribute.story import attribute_catalog

        if progress:
            progress(f"attributing {len(catalog.articles)} stories")
        attribute_catalog(catalog, cache_dir=Path(out_dir) / "cache" / "attribute")
        write_if_changed(Path(out_dir) / ATTRIBUTION_REPORT, attribution_report(catalog))
    write_catalog(catalog, Path(out_dir) / CATALOG_FILE)
    return catalog


def run_translate(catalog: Catalog, out_dir: Path, translations_dir: Path | None = None, engine="auto",
                  retranslate: bool = False, progress: Progress | None = None):
    """Translate what the translation memory lacks (with the installed model, if any) and write the translation
    report into out_dir. Returns (memory, run)."""
    from build_tools.ingest.catalog import catalog_records
    from build_tools.settings import TRANSLATIONS
    from build_tools.translate.machine import translate_catalog

    return translate_catalog(catalog_records(catalog), Path(translations_dir or TRANSLATIONS), Path(out_dir),
                             engine=engine, retranslate=retranslate, progress=progress)


def run_build(sources_dir: Path, out_dir: Path, docs_dir: Path, record: bool = True, use_corrections: bool = True,
              progress: Progress | None = None, translations_dir: Path | None = None, engine="auto") -> Catalog:
    from build_tools.write.pages import write_site

    from build_tools.write.search import write_jieba_dictionary, write_query_script

    catalog = run_ingest(sources_dir, out_dir, record, use_corrections, progress, attribute=True)
    memory, _ = run_translate(catalog, out_dir, translations_dir, engine, progress=progress)
    write_site(catalog, Path(docs_dir), progress=progress, memory=memory)
    names = sorted({n for a in catalog.articles for b in a.bylines for n in (b.name, b.name_simplified) if n})
    write_jieba_dictionary(Path(out_dir) / "jieba_user_dict.txt", names)
    write_query_script(Path(docs_dir) / "assets" / "generated" / "t2s.js",
                       [e.simplified for a in catalog.articles for e in a.elements()])
    return catalog


def run_release(version: str, sources_dir: Path, out_dir: Path, translations_dir: Path | None = None,
                releases_dir: Path | None = None, date: str | None = None, record: bool = True,
                progress: Progress | None = None) -> dict:
    """Record a release of the corpus as it stands (sources, sidecars, translation memory): releases/VERSION.json
    and the Markdown changelog. The translation memory is read, not extended: a release records what is there."""
    from build_tools.settings import TRANSLATIONS
    from build_tools.translate.memory import Memory
    from build_tools.write.releases import record_release

    catalog = run_ingest(sources_dir, out_dir, record=record, progress=progress, attribute=True)
    memory = Memory.load(Path(translations_dir or TRANSLATIONS))
    return record_release(catalog, memory, version, date, releases_dir)
