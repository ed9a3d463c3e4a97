"""The translate stage: English for what the translation memory lacks, from the installed model (or a Dask cluster
of workers that have it); with no model, the memory alone."""
from __future__ import annotations

from build_tools.errors import ArchiveError
from build_tools.records import Records
from build_tools.settings import Settings
from build_tools.translate.cluster import DaskEngine
from build_tools.translate.engine import NoEngine, find_engine
from build_tools.translate.machine import translate_catalog, translation_report
from build_tools.translate.memory import Memory


def engine_for(settings: Settings):
    """The engine settings ask for: "auto" (the installed model, if any is needed), an engine, or a Dask cluster."""
    if not settings.dask:
        return settings.engine
    local = find_engine()
    if isinstance(local, NoEngine):
        raise ArchiveError("translate --dask", f"no translation model: {local.reason}",
                           hint="install it first: make model")
    return DaskEngine(local, settings.dask)


def run(records: Records, settings: Settings) -> tuple[Memory, str]:
    """The stage: translate what the memory (settings.translations) lacks; return the memory the pages are written
    from and the translation report (also written into settings.out)."""
    memory, report, _ = run_counted(records, settings)
    return memory, report


def run_counted(records: Records, settings: Settings) -> tuple[Memory, str, int]:
    """The stage, and how many parts it left pending with an engine at hand (work a later build would do)."""
    engine = engine_for(settings)
    memory, done = translate_catalog(records, settings.translations, settings.out, engine=engine,
                                     retranslate=settings.retranslate, progress=settings.progress)
    pending = len(done.pending)
    left = pending if pending and (done.engine_calls or _has_engine(engine)) else 0
    return memory, translation_report(done), left


def _has_engine(engine) -> bool:
    if engine == "auto":
        return not isinstance(find_engine(), NoEngine)
    return engine is not None
