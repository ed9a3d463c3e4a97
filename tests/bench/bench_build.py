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
import resource
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


def run(n: int, keep: Path | None = None) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        copy_inputs(work)
        shutil.rmtree(work / "sources")
        t = time.perf_counter()
        pages = generate(n, work / "sources")
        generated = time.perf_counter() - t
        env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true",
               "SOURCE_DATE_EPOCH": "1700000000"}
        (work / "build").mkdir()
        out = subprocess.run([sys.executable, "-c", STAGE_SCRIPT], cwd=work, env=env, capture_output=True, text=True)
        if out.returncode:
            raise SystemExit(out.stderr)
        stages = json.loads(out.stdout.strip().splitlines()[-1])
        t = time.perf_counter()
        mk = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", "site"], cwd=work,
                            env=env, capture_output=True, text=True)
        if mk.returncode:
            raise SystemExit(mk.stderr[-3000:])
        mkdocs_s = time.perf_counter() - t
        child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
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
                  "search_engine": engine, "search_index_bytes": search_bytes, "search_index_gzip_bytes": search_gzip,
                  "story_page_bytes": story.stat().st_size,
                  "story_page_gzip_bytes": len(gzip.compress(story.read_bytes(), 6)), "site_bytes": site_bytes}
        if keep:
            shutil.copytree(work / "site", keep, dirs_exist_ok=True)
        return result


def table(results: list[dict]) -> str:
    rows = ["| N stories | ingest s (stories/s) | attribute s (stories/s) | write pages s | mkdocs build s | total s | "
            "peak MB | search: engine, index on disk (first search, gzip) | story page (gzip) | site MB |",
            "|" + "---|" * 10]
    for r in results:
        total = r["ingest_s"] + r["attribute_s"] + r["write_s"] + r["mkdocs_s"]
        rate = lambda s: f"{s:.1f} ({r['stories'] / s:,.0f})" if s else "0"
        rows.append(f"| {r['stories']:,} | {rate(r['ingest_s'])} | {rate(r['attribute_s'])} | {r['write_s']:.1f} | "
                    f"{r['mkdocs_s']:.1f} | {total:.1f} | {max(r['peak_mb_python'], r['peak_mb_any_child']):.0f} | "
                    f"{r['search_engine']}, {r['search_index_bytes'] / 1e6:.1f} MB "
                    f"({r['search_index_gzip_bytes'] / 1e6:.2f} MB) | "
                    f"{r['story_page_bytes'] / 1e3:.0f} kB ({r['story_page_gzip_bytes'] / 1e3:.0f} kB) | "
                    f"{r['site_bytes'] / 1e6:.0f} |")
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [100, 1000]
    results = []
    for n in sizes:
        print(f"benchmark: N = {n} …", file=sys.stderr, flush=True)
        results.append(run(n))
        print(table(results[-1:]).splitlines()[-1], file=sys.stderr, flush=True)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    out = ROOT / "build" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps({"machine": machine, "command": "python -m tests.bench.bench_build "
                                                  + " ".join(map(str, sizes)), "results": results}, indent=1) + "\n")
    print(f"\nMachine: {machine}\n\n{table(results)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
