"""Runs the stages in order: ingest → attribute → translate → write. Nothing else calls the stages' entry points;
the CLI, the benchmark and the tests call these functions. Between attribution and the later stages the story
records are written to build/catalog.json, so translation and writing can also start from that file alone."""
from __future__ import annotations

import time
from pathlib import Path

from build_tools import build_stamp
from build_tools.attribute import stage as attribute
from build_tools.ingest import stage as ingest
from build_tools.ingest.stage import Catalog
from build_tools.records import Records, catalog_records
from build_tools.settings import TRANSLATIONS, Settings
from build_tools.translate import stage as translate
from build_tools.translate.glossary import GLOSSARY_FILE, check_glossary
from build_tools.translate.memory import Memory
from build_tools.write import stage as write
from build_tools.write.releases import record_release


def run_ingest(settings: Settings, attribute_stories: bool = False) -> tuple[Catalog, Records]:
    """Ingest (and attribute) the sources; write the reports and the catalog of story records."""
    catalog, _ = ingest.run(settings)
    if attribute_stories:
        records, _ = attribute.run(catalog, settings)
    else:
        records = catalog_records(catalog)
    records.write(settings.catalog_file)
    return catalog, records


def run_translate(records: Records, settings: Settings) -> Memory:
    memory, _ = translate.run(records, settings)
    return memory


def run_write(records: Records, settings: Settings, memory: Memory | None = None) -> int:
    changed, _ = write.run(records, settings, memory)
    return changed


def attributed(sources_dir: Path) -> Catalog:
    """Ingest and attribute a folder of pages in memory, writing nothing, not even new identifiers into the
    sidecars (`archive eval`)."""
    catalog = ingest.ingest(Path(sources_dir), record=False)
    attribute.attribute_catalog(catalog)
    return catalog


def load_records(settings: Settings) -> Records:
    """The story records of the last ingestion (build/catalog.json)."""
    return Records.load(settings.catalog_file)


def check_translations(translations_dir: Path | None = None) -> None:
    """Read and check the translation memory and the glossary before anything is written: a broken file stops
    the build naming its line, instead of after the sidecars, reports and pages are written."""
    folder = Path(translations_dir or TRANSLATIONS)
    if folder.is_dir():
        Memory.load(folder)
    glossary = folder / GLOSSARY_FILE
    if glossary.exists():
        check_glossary(glossary)


def run_build(sources_dir: Path, out_dir: Path, docs_dir: Path, record: bool = True, use_corrections: bool = True,
              progress=None, translations_dir: Path | None = None, engine="auto") -> Catalog:
    """Every stage: ingest, attribute, translate, write."""
    settings = Settings(sources=sources_dir, out=out_dir, docs=docs_dir, record=record,
                        use_corrections=use_corrections, progress=progress, engine=engine,
                        **({"translations": translations_dir} if translations_dir else {}))
    return build(settings)


def build(settings: Settings, timings: dict[str, float] | None = None,
          translate_stories: bool = True) -> Catalog | None:
    """Every stage in order; with `timings`, the seconds each took (the benchmark's figures). None when nothing
    changed since the last build (build_stamp.py): nothing is read or written."""
    options = build_stamp.options_of(settings, translate_stories)
    if build_stamp.unchanged(settings, options):
        if settings.progress:
            settings.progress("nothing changed since the last build (sources, sidecars, translations, code, data, "
                              "options): no page rewritten; `archive build --no-cache` builds everything again")
        return None
    build_stamp.forget(settings)
    clock = [time.perf_counter()]

    def lap(stage: str) -> None:
        clock.append(time.perf_counter())
        if timings is not None:
            timings[stage] = clock[-1] - clock[-2]

    check_translations(settings.translations)
    catalog, _ = ingest.run(settings)
    lap("ingest")
    records, _ = attribute.run(catalog, settings)
    records.write(settings.catalog_file)
    lap("attribute")
    memory, left = translate.run_counted(records, settings)[::2] if translate_stories else (None, 0)
    lap("translate")
    run_write(records, settings, memory)
    lap("write")
    build_stamp.record(settings, options, work_left=bool(left))
    return catalog


def run_release(version: str, settings: Settings, releases_dir: Path | None = None, date: str | None = None) -> dict:
    """Record a release of the corpus as it stands (sources, sidecars, translation memory): releases/VERSION.json
    and the Markdown changelog. The translation memory is read, not extended: a release records what is there."""
    catalog, _ = run_ingest(settings, attribute_stories=True)
    memory = Memory.load(settings.translations)
    return record_release(catalog, memory, version, date, releases_dir)
