"""`archive site`: the site from docs/, in one MkDocs build below the shard size, as shards above it.

A sharded build, step by step (the working folders are in build/site-shards/):
1. plan: each story page to its shard (plan.py); the stubs every shard holds;
2. for each shard whose inputs changed since the last build (its story files, the stubs, mkdocs.yml, overrides/,
   the versions of MkDocs, Material and Pagefind): `mkdocs build --strict` of its stories, then `pagefind` over
   its output once MkDocs has exited; an unchanged shard keeps its pages and its index;
3. the hub (every page but the stories), when anything changed, once every shard's manifest (its pages, for the
   sitemap) is there;
4. the site: the hub's files, each shard's story pages and Pagefind bundles (shard 1 in pagefind/, shard k in
   pagefind/shard-k/) hard-linked into a new folder, its links checked (site_checks/links.py), then put in place
   of the old site at once.
Jobs run `workers` at a time here, or on a Dask cluster (jobs.py)."""
from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Callable

import yaml

from build_tools.errors import ArchiveError
from build_tools.files import write_atomic
from build_tools.settings import BUILD, DOCS, ROOT, SITE, SITE_SHARDS, shard_size_setting
from build_tools.site_build import dirty as dirty_build
from build_tools.site_build import hooks
from build_tools.site_build.jobs import Job, Runner
from build_tools.site_build.plan import STORIES, Plan, hub_entries, make_plan, nav_pages, stub_pages, story_ids
from build_tools.site_checks.links import check_site

PRIMARY_BUNDLE = "pagefind/"
SEARCH_ENGINE_FILE = "search-engine.json"
REPORT_FILE = "site-build.json"
_VERSIONED = ("mkdocs", "mkdocs-material", "pagefind", "pagefind_bin_extended")


def bundle_path(k: int) -> str:
    """Where shard k's Pagefind bundle goes in the site (k from 1)."""
    return PRIMARY_BUNDLE if k == 1 else f"{PRIMARY_BUNDLE}shard-{k}/"


class _Loader(yaml.SafeLoader):
    """mkdocs.yml as data; tags such as !ENV read as None (only `nav` and `hooks` are wanted)."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def _config(config_file: Path) -> dict:
    return yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader) or {}


def pagefind_command(config_file: Path, site: Path, output: Path) -> list[str]:
    """Pagefind's command line as the search hook runs it (overrides/hooks/search_engine.py, pagefind_command),
    writing the bundle to `output`."""
    named = [h for h in _config(config_file).get("hooks") or [] if Path(h).name == "search_engine.py"]
    if not named:
        raise ArchiveError(config_file, "no search_engine.py hook: the sharded build runs Pagefind as that hook does")
    path = (config_file.parent / named[0]).resolve()
    spec = importlib.util.spec_from_file_location("archive_search_engine_hook", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.pagefind_command(site, output)


# ---- what decides whether a part is built again ----------------------------------------------------------------

def _hash_tree(h, root: Path) -> None:
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")


def config_digest(config_file: Path) -> str:
    """mkdocs.yml, the theme overrides and hooks, this package's MkDocs hook, the tools' versions, SITE_URL."""
    h = hashlib.sha256(config_file.read_bytes())
    _hash_tree(h, config_file.parent / "overrides")
    h.update(Path(hooks.__file__).read_bytes())
    for name in _VERSIONED:
        try:
            h.update(f"{name}={importlib.metadata.version(name)}\0".encode())
        except importlib.metadata.PackageNotFoundError:
            h.update(f"{name}=none\0".encode())
    h.update(os.environ.get("SITE_URL", "").encode())
    return h.hexdigest()


def _stat_line(path: Path, name: str) -> bytes:
    st = path.stat()
    return f"{name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode()


def shard_digest(base: str, docs: Path, ids: tuple[str, ...], stubs: dict[str, str]) -> str:
    """A shard's inputs: its story files (by size and time: the page writer leaves an unchanged file alone) and
    its stubs."""
    h = hashlib.sha256(base.encode())
    root = docs / STORIES
    for sid in ids:
        with os.scandir(root / sid) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                h.update(_stat_line(Path(entry.path), f"{sid}/{entry.name}"))
    h.update(json.dumps(stubs, sort_keys=True).encode())
    return h.hexdigest()


def hub_digest(base: str, docs: Path, shards: list[str], bundles: list[str]) -> str:
    h = hashlib.sha256(base.encode())
    h.update(os.environ.get("SOURCE_DATE_EPOCH", "").encode())      # the sitemap's dates
    for entry in hub_entries(docs):
        paths = sorted(p for p in entry.rglob("*") if p.is_file()) if entry.is_dir() else [entry]
        for path in paths:
            h.update(_stat_line(path, path.relative_to(docs).as_posix()))
    h.update(json.dumps([shards, bundles]).encode())
    return h.hexdigest()


# ---- the folders each part is built from ------------------------------------------------------------------------

def _fresh(folder: Path) -> Path:
    if folder.is_symlink() or folder.is_file():
        folder.unlink()
    elif folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    return folder


def shard_docs(folder: Path, docs: Path, ids: tuple[str, ...], stubs: dict[str, str]) -> Path:
    """A shard's docs folder: a link to each of its story folders in docs/stories/, and the stubs."""
    stories = _fresh(folder) / STORIES
    stories.mkdir()
    for sid in ids:
        os.symlink((docs / STORIES / sid).resolve(), stories / sid, target_is_directory=True)
    for rel, text in stubs.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def hub_docs(folder: Path, docs: Path) -> Path:
    """The hub's docs folder: a link to every entry of docs/ but stories/."""
    _fresh(folder)
    for entry in hub_entries(docs):
        os.symlink(entry.resolve(), folder / entry.name, target_is_directory=entry.is_dir())
    return folder


# ---- the site ---------------------------------------------------------------------------------------------------

def link_tree(source: Path, dest: Path) -> int:
    """Hard-link every file of `source` into `dest` (copied where the file system cannot link); returns how many."""
    count = 0
    for folder, dirs, files in os.walk(source):
        dirs.sort()
        target = dest / Path(folder).relative_to(source)
        target.mkdir(parents=True, exist_ok=True)
        for name in files:
            try:
                os.link(Path(folder) / name, target / name)
            except OSError:
                shutil.copy2(Path(folder) / name, target / name)
            count += 1
    return count


def _bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _mkdocs_job(name: str, config_file: Path, site: Path, env: dict, log: Path, dirty: bool = False) -> Job:
    argv = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(site)]
    return Job(name, argv + (["--dirty"] if dirty else []), str(config_file.parent), env, str(log), kind="mkdocs")


def _environment(**extra: str) -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", **extra}


def build_site(docs: Path = DOCS, site: Path = SITE, out: Path = BUILD, config_file: Path = ROOT / "mkdocs.yml",
               shard_size: int | None = None, runner: Runner | None = None, dirty: bool = False,
               check_links: bool | None = None, progress: Callable[[str], None] | None = None) -> dict:
    """Build the site from `docs`; returns the report (also written to build/site-build.json)."""
    say = progress or (lambda message: None)
    docs, site, out, config_file = Path(docs).resolve(), Path(site).resolve(), Path(out).resolve(), \
        Path(config_file).resolve()
    runner = runner or Runner()
    start = time.perf_counter()
    plan = make_plan(story_ids(docs), shard_size or shard_size_setting())
    report: dict = {"stories": plan.stories, "shard_size": plan.shard_size, "shards": [len(s) for s in plan.shards],
                    "workers": runner.workers if runner.dask is None else f"dask {runner.dask}"}
    if not plan.sharded:
        say(f"site: {plan.stories} stories, at most {plan.shard_size} per build: one MkDocs build")
        decision, record = dirty_build.decide(docs, site, out, config_file, config_digest(config_file))
        if dirty and decision.nothing and not check_links:
            say("  nothing changed since the last build (docs/, mkdocs.yml, overrides/, settings): site/ kept as it is")
            report.update(mode="single", dirty=True, why="nothing changed", jobs=[])
        else:
            fast = dirty and decision.dirty
            say(f"  {'dirty build: ' if fast else 'clean build'}"
                + (decision.reason if fast else f" ({decision.reason})" if dirty else ""))
            dirty_build.forget(out)
            if fast:
                dirty_build.prepare(decision, docs, site, _config(config_file).get("use_directory_urls") is not False)
            env = _environment(**({dirty_build.CHECKED_ENV: "1"} if fast else {}))
            job = _mkdocs_job("site", config_file, site, env, out / SITE_SHARDS / "site.log", fast)
            report["jobs"] = [vars(d) for d in runner.run([job], say).values()]
            dirty_build.remember(record, site, out)
            report.update(mode="single", dirty=fast, why=decision.reason)
            if check_links:
                report["links"] = _check_links(site, say)
    else:
        report.update(mode="sharded", **_build_sharded(plan, docs, site, out / SITE_SHARDS, config_file, runner,
                                                       check_links is not False, say))
    report["seconds"] = time.perf_counter() - start
    out.mkdir(parents=True, exist_ok=True)
    write_atomic(out / REPORT_FILE, json.dumps(report, indent=1, default=str) + "\n", sync=False)
    return report


def _build_sharded(plan: Plan, docs: Path, site: Path, work: Path, config_file: Path, runner: Runner,
                   check_links: bool, say) -> dict:
    n = len(plan.shards)
    say(f"site: {plan.stories} stories in {n} shards of at most about {plan.shard_size} "
        f"({', '.join(str(len(s)) for s in plan.shards)}), and the hub")
    config = _config(config_file)
    stubs = stub_pages(docs, nav_pages(config.get("nav")))
    base = config_digest(config_file)
    bundles = [bundle_path(k) for k in range(1, n + 1)]
    env = _environment(ARCHIVE_SEARCH="pagefind", ARCHIVE_PAGEFIND="deferred")
    jobs: list[Job] = []
    digests: dict[str, tuple[Path, str]] = {}
    shard_parts = []
    for k, ids in enumerate(plan.shards, 1):
        folder = work / f"shard-{k}"
        part = {"role": "shard", "name": f"shard-{k}", "docs_dir": str(folder / "docs"),
                "manifest": str(folder / "manifest.json"), "stubs": sorted(stubs)}
        shard_parts.append({"manifest": part["manifest"]})
        digest = shard_digest(base, docs, ids, stubs)
        digests[part["name"]] = (folder, digest)
        if _unchanged(folder, digest, ["site", "pagefind", "manifest.json"]):
            continue
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "digest").unlink(missing_ok=True)
        shard_docs(folder / "docs", docs, ids, stubs)
        write_atomic(folder / "part.json", json.dumps(part, indent=1) + "\n", sync=False)
        for stale in ("site", "pagefind"):       # removed, not overwritten: the live site links these files
            if (folder / stale).exists():
                shutil.rmtree(folder / stale)
        jobs.append(_mkdocs_job(part["name"], config_file, folder / "site",
                                {**env, hooks.PART_ENV: str(folder / "part.json")}, folder / "mkdocs.log"))
        jobs.append(Job(f"pagefind-{k}", pagefind_command(config_file, folder / "site", folder / "pagefind"),
                        str(config_file.parent), env, str(folder / "pagefind.log"), after=(part["name"],),
                        kind="pagefind"))
    for stale in sorted(work.glob("shard-*")):
        if stale.name not in digests:
            shutil.rmtree(stale)
    hub = work / "hub"
    digest = hub_digest(base, docs, [d for _, d in digests.values()], bundles)
    digests["hub"] = (hub, digest)
    if not _unchanged(hub, digest, ["site", "manifest.json"]):
        hub.mkdir(parents=True, exist_ok=True)
        (hub / "digest").unlink(missing_ok=True)
        part = {"role": "hub", "name": "hub", "docs_dir": str(hub / "docs"), "manifest": str(hub / "manifest.json"),
                "shards": shard_parts, "bundles": bundles[1:]}
        hub_docs(hub / "docs", docs)
        write_atomic(hub / "part.json", json.dumps(part, indent=1) + "\n", sync=False)
        if (hub / "site").exists():
            shutil.rmtree(hub / "site")
        jobs.append(_mkdocs_job("hub", config_file, hub / "site", {**env, hooks.PART_ENV: str(hub / "part.json")},
                                hub / "mkdocs.log"))
        jobs[-1].after = tuple(j.name for j in jobs if j.kind == "mkdocs" and j.name != "hub")
    skipped = sorted(name for name in digests if name not in {j.name for j in jobs})
    say(f"  building {', '.join(j.name for j in jobs) or 'nothing'}"
        + (f"; unchanged: {', '.join(skipped)}" if skipped else ""))
    done = runner.run(jobs, say)
    for folder, digest in digests.values():
        write_atomic(folder / "digest", digest + "\n", sync=False)
    t = time.perf_counter()
    fresh = site.parent / f".{site.name}.new"
    _fresh(fresh)
    files = link_tree(hub / "site", fresh)
    for k, ids in enumerate(plan.shards, 1):
        folder = work / f"shard-{k}"
        for sid in ids:
            files += link_tree(folder / "site" / STORIES / sid, fresh / STORIES / sid)
        files += link_tree(folder / "pagefind", fresh / bundles[k - 1])
    engine = json.loads((hub / "site" / SEARCH_ENGINE_FILE).read_text(encoding="utf-8"))
    engine.update(shard_size=plan.shard_size, pagefind_bundle_bytes=sum(_bytes(work / f"shard-{k}" / "pagefind")
                                                                        for k in range(1, n + 1)),
                  bundles=[{"path": bundles[k - 1], "stories": len(ids),
                            "bytes": _bytes(work / f"shard-{k}" / "pagefind")} for k, ids in enumerate(plan.shards, 1)])
    (fresh / SEARCH_ENGINE_FILE).unlink()
    write_atomic(fresh / SEARCH_ENGINE_FILE, json.dumps(engine, indent=1, sort_keys=True) + "\n", sync=False)
    result = {"jobs": [vars(d) for d in done.values()], "skipped": skipped, "assemble_s": time.perf_counter() - t,
              "files": files}
    say(f"  joined {files:,} files in {result['assemble_s']:.1f} s")
    if check_links:
        result["links"] = _check_links(fresh, say)
    old = site.parent / f".{site.name}.old"
    if site.exists():
        if old.exists():
            shutil.rmtree(old)
        site.rename(old)
    fresh.rename(site)
    if old.exists():
        shutil.rmtree(old)
    return result


def _unchanged(folder: Path, digest: str, outputs: list[str]) -> bool:
    stamp = folder / "digest"
    return stamp.is_file() and stamp.read_text().strip() == digest and all((folder / o).exists() for o in outputs)


def _check_links(site: Path, say) -> dict:
    t = time.perf_counter()
    checked = check_site(site)
    result = {"pages": checked.pages, "links": checked.links, "broken": len(checked.broken),
              "seconds": time.perf_counter() - t}
    say(f"  links: {checked.pages:,} pages, {checked.links:,} links, {len(checked.broken)} broken "
        f"({result['seconds']:.1f} s)")
    if checked.broken:
        raise ArchiveError(site, f"{len(checked.broken)} broken links in the joined site:\n  "
                                 + "\n  ".join(checked.broken[:20]),
                           hint="`python -m build_tools.site_checks.links` lists them all")
    return result
