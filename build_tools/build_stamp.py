"""A build with nothing to do: when every input of the last build is as that build left it, and every file it
wrote is still there as written, `archive build` writes nothing and says so.

The inputs are what a build reads: every file under the sources folder (pages and sidecars), every file under the
translations folder, the package's code, data and templates, the installed translation models, the build's options
and the environment variables the archive reads (ARCHIVE_*, SITE_URL, SOURCE_DATE_EPOCH). They are digested after a
build (a build writes identifiers into sidecars and English into the memory), so the next build finds them
unchanged. The outputs are the files the build writes (the generated parts of docs/, the catalog, reports and caches
in the build folder), by size and modification time (files the build did not change keep their time:
files.write_if_changed). A build that left work undone (sentences still waiting for an installed model) is never
skipped. `cache=False` (the benchmark, `archive build --no-cache`) always builds."""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from build_tools.files import write_atomic
from build_tools.settings import (ATTRIBUTION_REPORT, CATALOG_FILE, GENERATED_DOCS, INGEST_REPORT, JIEBA_DICTIONARY,
                                   PACKAGE, TRANSLATION_REPORT, Settings)

STAMP_FILE = "build-stamp.json"
_ENVIRONMENT = ("SITE_URL", "SOURCE_DATE_EPOCH")


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


def _models() -> list[str]:
    """The installed Argos packages (argostranslate's package folder), by name and time."""
    home = os.environ.get("ARGOS_PACKAGES_DIR") or str(Path.home() / ".local" / "share" / "argos-translate" /
                                                        "packages")
    folder = Path(home)
    if not folder.is_dir():
        return []
    return sorted(f"{p.name}:{p.stat().st_mtime_ns}" for p in folder.iterdir())


def inputs_digest(settings: Settings, options: dict) -> str:
    digest = hashlib.sha256()
    for label, folder in (("sources", settings.sources), ("translations", settings.translations),
                          ("package", PACKAGE)):
        for path in _files(folder):
            if "__pycache__" in path.parts:
                continue
            digest.update(f"\0{label}/{path.relative_to(folder).as_posix()}\0".encode())
            digest.update(path.read_bytes())
    env = {k: v for k, v in os.environ.items() if k.startswith("ARCHIVE_") or k in _ENVIRONMENT}
    digest.update(json.dumps({"options": options, "env": env, "models": _models(),
                              "folders": [str(settings.docs.resolve()), str(settings.out.resolve())]},
                             sort_keys=True, default=str).encode())
    return digest.hexdigest()


# What `archive build` writes: the generated parts of docs/ (not the hand-written pages), and in the build folder its
# catalog, reports, caches and search dictionary (not what `archive site` keeps there: site-state.json, its report,
# its shards, so that building the site does not make the next archive build redo everything)
_BUILD_OUTPUTS = (CATALOG_FILE, INGEST_REPORT, ATTRIBUTION_REPORT, TRANSLATION_REPORT, JIEBA_DICTIONARY, "cache")


def _outputs(settings: Settings) -> dict[str, list[int]]:
    out = {}
    for label, folder, names in (("docs", settings.docs, GENERATED_DOCS), ("build", settings.out, _BUILD_OUTPUTS)):
        for name in names:
            target = folder / name
            for path in _files(target) if target.is_dir() else [target] if target.is_file() else []:
                st = path.stat()
                out[f"{label}/{path.relative_to(folder).as_posix()}"] = [st.st_size, st.st_mtime_ns]
    return out


def options_of(settings: Settings, translate_stories: bool) -> dict | None:
    """The options a skipped build must share with the last one; None when a build may not be skipped."""
    if not settings.cache or not isinstance(settings.engine, (str, type(None))) or settings.retranslate \
            or settings.dask:
        return None
    return {"record": settings.record, "use_corrections": settings.use_corrections, "engine": settings.engine,
            "translate": translate_stories}


def unchanged(settings: Settings, options: dict | None) -> bool:
    """True when the last build's inputs and outputs are as it left them."""
    stamp = settings.out / STAMP_FILE
    if options is None or not stamp.is_file():
        return False
    try:
        last = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (not last.get("work_left") and last.get("inputs") == inputs_digest(settings, options)
            and last.get("outputs") == _outputs(settings))


def record(settings: Settings, options: dict | None, work_left: bool) -> None:
    """After a build: what it read and wrote, for the next build to compare."""
    stamp = settings.out / STAMP_FILE
    if options is None:
        stamp.unlink(missing_ok=True)
        return
    data = {"inputs": inputs_digest(settings, options), "work_left": work_left, "outputs": _outputs(settings)}
    write_atomic(stamp, json.dumps(data, sort_keys=True) + "\n", sync=False)


def forget(settings: Settings) -> None:
    """Before a build: a build that fails half-way leaves no stamp claiming its outputs."""
    (settings.out / STAMP_FILE).unlink(missing_ok=True)
