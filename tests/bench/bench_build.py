"""Benchmark of the build at N stories (not a test): `make bench` (N = 100 and 1,000) or
`python -m tests.bench.bench_build 100 1000 10000`. Generates a synthetic corpus, then times each stage in a fresh
process: ingestion, attribution, page writing, `mkdocs build`; records peak memory, the search index a reader
downloads (bytes and gzipped) and the size of a story page. Writes build/bench/results.json and the table in
docs/benchmarks.md."""
from __future__ import annotations

import gzip
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from build_tools.site_checks.verify import copy_inputs
from build_tools.settings import ROOT
from tests.bench.corpus import generate

STAGE_SCRIPT = """
import json, resource, shutil
from pathlib import Path
from build_tools.pipeline import build
from build_tools.settings import Settings
Path("no-translations").mkdir(); shutil.copy("translations/glossary.yaml", "no-translations/")   # the glossary, no memory
timings = {}
settings = Settings(sources=Path("sources"), out=Path("build"), docs=Path("docs"), translations=Path("no-translations"),
                    cache=False)
catalog = build(settings, timings, translate_stories=False)
print(json.dumps({"stories": len(catalog.articles), "ingest": timings["ingest"], "attribute": timings["attribute"],
                  "write": timings["write"], "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _timed(argv: list[str], cwd: Path, env: dict) -> tuple[float, float, str]:
    """Run a process; its seconds, its peak resident memory in MB (with the children it waited for, such as
    Pagefind under mkdocs) and its standard output."""
    t = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - t
        out.seek(0), err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if proc.returncode:
        raise SystemExit(f"{' '.join(argv[:4])} … failed in {cwd}:\n{stderr[-3000:]}")
    return seconds, usage.ru_maxrss / 1024, stdout


def run(n: int, keep: Path | None = None, checkout: Path = ROOT, sources: Path | None = None) -> dict:
    """The build of N synthetic stories by the code of `checkout` (this one, or another, for a comparison), from
    `sources` when given (the same corpus for both), else from a corpus generated here."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        copy_inputs(work, root=checkout)
        shutil.rmtree(work / "sources")
        t = time.perf_counter()
        if sources:
            shutil.copytree(sources, work / "sources")
            pages = len(list((work / "sources").glob("*.txt")))
        else:
            pages = generate(n, work / "sources")
        generated = time.perf_counter() - t
        env = {**os.environ, "PYTHONPATH": str(checkout), "NO_MKDOCS_2_WARNING": "1",
               "DISABLE_MKDOCS_2_WARNING": "true", "SOURCE_DATE_EPOCH": "1700000000"}
        (work / "build").mkdir()
        archive_s, archive_mb, out = _timed([sys.executable, "-c", STAGE_SCRIPT], work, env)
        stages = json.loads(out.strip().splitlines()[-1])
        mkdocs_s, mkdocs_mb, _ = _timed([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", "site"],
                                        work, env)
        child_peak = max(archive_mb, mkdocs_mb)
        site = work / "site"
        engine = json.loads((site / "search-engine.json").read_text())["engine"]
        if engine == "lunr":
            index = (site / "search" / "search_index.json").read_bytes()
            search_bytes, search_gzip = len(index), len(gzip.compress(index, 6))
        else:
            # Pagefind: what the first search really fetches, measured in Chromium (its files are fetched in pieces)
            from tests.bench.search_corpus import measure_first_search

            search_bytes = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
            search_gzip = max(measure_first_search(site, "pagefind", q)["first_search_bytes"]
                              for q in ("技能竞赛", "Xinchang"))   # synthetic stories have no English text
        story = next((site / "stories").iterdir()) / "index.html"
        site_bytes = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        result = {"n": n, "stories": stages["stories"], "pages": pages, "generate_s": generated,
                  "ingest_s": stages["ingest"], "attribute_s": stages["attribute"], "write_s": stages["write"],
                  "mkdocs_s": mkdocs_s, "peak_mb_python": stages["peak_mb"], "peak_mb_any_child": child_peak,
                  "peak_mb_archive": archive_mb, "peak_mb_mkdocs": mkdocs_mb, "archive_process_s": archive_s,
                  "checkout": str(checkout), "pages_digest": _page_digests(site),
                  "search_engine": engine, "search_index_bytes": search_bytes, "search_index_gzip_bytes": search_gzip,
                  "story_page_bytes": story.stat().st_size,
                  "story_page_gzip_bytes": len(gzip.compress(story.read_bytes(), 6)), "site_bytes": site_bytes}
        if keep:
            shutil.copytree(work / "site", keep, dirs_exist_ok=True)
        return result


def _page_digests(site: Path) -> dict[str, str]:
    """Every page and export of the site but the search bundle (Pagefind's output is not byte-reproducible)."""
    import hashlib

    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file() and "pagefind" not in p.relative_to(site).parts
            and p.name != "search-engine.json"}


def compare(base: dict, new: dict) -> dict:
    """Two builds of the same corpus: the ratio of their full-build seconds and how many files are the same."""
    a, b = base.pop("pages_digest"), new.pop("pages_digest")
    same = sum(1 for k in a if b.get(k) == a[k])
    differ = sorted(k for k in a if k in b and b[k] != a[k])
    total = lambda r: r["archive_process_s"] + r["mkdocs_s"]
    return {"baseline": base["checkout"], "baseline_s": total(base), "this_s": total(new),
            "ratio": total(new) / total(base), "files_same": same, "files_differ": len(differ),
            "files_only_baseline": len(a.keys() - b.keys()), "files_only_this": len(b.keys() - a.keys()),
            "differ_examples": differ[:10]}


def table(results: list[dict]) -> str:
    rows = ["| N stories | ingest s (stories/s) | attribute s (stories/s) | write pages s | mkdocs build s | total s | "
            "peak MB (archive / mkdocs with Pagefind) | search: engine, index on disk (first search, gzip) | story page (gzip) | site MB |",
            "|" + "---|" * 10]
    for r in results:
        # the two processes as timed from outside (interpreter start and imports included)
        total = r.get("archive_process_s", r["ingest_s"] + r["attribute_s"] + r["write_s"]) + r["mkdocs_s"]
        rate = lambda s: f"{s:.1f} ({r['stories'] / s:,.0f})" if s else "0"
        rows.append(f"| {r['stories']:,} | {rate(r['ingest_s'])} | {rate(r['attribute_s'])} | {r['write_s']:.1f} | "
                    f"{r['mkdocs_s']:.1f} | {total:.1f} | {r.get('peak_mb_archive', 0):.0f} / {r.get('peak_mb_mkdocs', 0):.0f} | "
                    f"{r['search_engine']}, {r['search_index_bytes'] / 1e6:.1f} MB "
                    f"({r['search_index_gzip_bytes'] / 1e6:.2f} MB) | "
                    f"{r['story_page_bytes'] / 1e3:.0f} kB ({r['story_page_gzip_bytes'] / 1e3:.0f} kB) | "
                    f"{r['site_bytes'] / 1e6:.0f} |")
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    """python -m tests.bench.bench_build [N …] [--baseline CHECKOUT]: with --baseline, each N is built by that
    checkout's code and by this one, back to back from the same corpus, and the two compared."""
    baseline = None
    if "--baseline" in argv:
        i = argv.index("--baseline")
        baseline = Path(argv[i + 1]).resolve()
        argv = argv[:i] + argv[i + 2:]
    sizes = [int(a) for a in argv] or [100, 1000]
    results, comparisons = [], []
    for n in sizes:
        if baseline is None:
            print(f"benchmark: N = {n} …", file=sys.stderr, flush=True)
            results.append(run(n))
            results[-1].pop("pages_digest")
            print(table(results[-1:]).splitlines()[-1], file=sys.stderr, flush=True)
            continue
        with tempfile.TemporaryDirectory() as tmp:
            generate(n, Path(tmp) / "sources")
            print(f"benchmark: N = {n}, baseline {baseline} …", file=sys.stderr, flush=True)
            base = run(n, checkout=baseline, sources=Path(tmp) / "sources")
            print(table([base]).splitlines()[-1], file=sys.stderr, flush=True)
            print(f"benchmark: N = {n}, this checkout …", file=sys.stderr, flush=True)
            new = run(n, sources=Path(tmp) / "sources")
            print(table([new]).splitlines()[-1], file=sys.stderr, flush=True)
        comparisons.append({"n": n, **compare(base, new)})
        results += [base, new]
        c = comparisons[-1]
        print(f"  full build {c['baseline_s']:.1f} s → {c['this_s']:.1f} s (ratio {c['ratio']:.2f}); files: "
              f"{c['files_same']:,} the same, {c['files_differ']:,} differ, {c['files_only_baseline']:,} only in "
              f"the baseline, {c['files_only_this']:,} only here", file=sys.stderr, flush=True)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3]) if Path("/proc/loadavg").exists() else "?"
    out = ROOT / "build" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    command = "python -m tests.bench.bench_build " + " ".join(map(str, sizes)) + \
        (f" --baseline {baseline}" if baseline else "")
    (out / "results.json").write_text(json.dumps({"machine": machine, "load_after": load, "command": command,
                                                  "results": results, "comparisons": comparisons}, indent=1) + "\n")
    print(f"\nMachine: {machine}; load average after the run: {load}\n\n{table(results)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
