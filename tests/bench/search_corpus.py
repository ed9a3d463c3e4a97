"""A synthetic archive of N stories, built with either search engine, for measuring search at scale
(`make bench-search`, tests/bench/test_search_scale.py). `python -m tests.bench.search_corpus 1000 DIR` prepares the
Markdown pages of 1,000 stories in DIR; `… --build lunr|pagefind` builds the site too."""
from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from build_tools.site_checks.verify import copy_inputs
from build_tools.settings import ROOT
from tests.bench.bench_build import STAGE_SCRIPT
from tests.bench.corpus import generate


def environment(**extra: str) -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true",
            "SOURCE_DATE_EPOCH": "1700000000", **extra}


def prepare(n: int, work: Path) -> Path:
    """Copies the archive's inputs into `work`, replaces the sources with N synthetic stories and writes the pages."""
    work.mkdir(parents=True, exist_ok=True)
    copy_inputs(work)
    shutil.rmtree(work / "sources")
    generate(n, work / "sources")
    (work / "build").mkdir(exist_ok=True)
    out = subprocess.run([sys.executable, "-c", STAGE_SCRIPT], cwd=work, env=environment(), capture_output=True,
                         text=True)
    if out.returncode:
        raise RuntimeError(out.stderr[-3000:])
    return work


def build(work: Path, engine: str, site: Path) -> tuple[Path, float]:
    """`mkdocs build` of a prepared folder with ARCHIVE_SEARCH=engine; returns the site and the seconds taken."""
    t = time.perf_counter()
    env = environment(ARCHIVE_SEARCH=engine, ARCHIVE_JIEBA_DICT=str(work / "build" / "jieba_user_dict.txt"))
    mk = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(work / "mkdocs.yml"),
                         "--site-dir", str(site)], cwd=work, env=env, capture_output=True, text=True)
    if mk.returncode:
        raise RuntimeError(mk.stdout[-2000:] + mk.stderr[-3000:])
    return site, time.perf_counter() - t


def lunr_index_gzip_bytes(site: Path) -> int:
    return len(gzip.compress((site / "search" / "search_index.json").read_bytes(), 6))


def main(argv: list[str]) -> int:
    n, work = int(argv[0]), Path(argv[1])
    if not (work / "docs" / "stories").is_dir():
        prepare(n, work)
    if "--build" in argv:
        engine = argv[argv.index("--build") + 1]
        site, seconds = build(work, engine, work / f"site-{engine}")
        print(f"{engine}: built in {seconds:.0f} s → {site}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))


# ---- measuring a reader's first search in Chromium -------------------------------------------------------------

GZIP_TYPES = (".html", ".js", ".css", ".json", ".svg", ".xml", ".txt")   # Pagefind's .pf_* and wasm are gzipped already


def gzip_handler():
    """A static-file handler that gzips text files when the browser accepts it, as a web server would."""
    from tests.browser.conftest import _QuietHandler

    class Gzipping(_QuietHandler):
        def do_GET(self):   # noqa: N802 - the base class's name
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            if path.suffix in GZIP_TYPES and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", ""):
                body = gzip.compress(path.read_bytes(), 6)
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(str(path)))
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            super().do_GET()

    return Gzipping


def measure_first_search(site: Path, engine: str, query: str = "技能竞赛") -> dict:
    """Opens the home page in Chromium, then searches once; returns the bytes transferred (bodies as sent, gzipped
    where the server gzips, plus headers) for the page and for the first search, and the files of the search."""
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, DESKTOP, serve

    box = {"lunr": "input[data-md-component=search-query]", "pagefind": ".pagefind-ui__search-input"}[engine]
    done = {"lunr": ".md-search-result__item", "pagefind": ".pagefind-ui__result-link"}[engine]
    with serve(site, gzip_handler()) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            context = browser.new_context(viewport=DESKTOP)
            page = context.new_page()
            phase = {"name": "page"}
            fetched: list[dict] = []

            def finished(request):
                sizes = request.sizes()
                fetched.append({"phase": phase["name"], "url": request.url[len(url) - 1:],
                                "bytes": sizes["responseBodySize"] + sizes["responseHeadersSize"]})

            page.on("requestfinished", finished)
            page.goto(url, wait_until="networkidle")
            phase["name"] = "search"
            page.locator(box).click()
            page.locator(box).fill(query)
            page.locator(box).press("End")
            page.wait_for_selector(done, timeout=60_000)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)
            context.close()
        finally:
            browser.close()
    search = [f for f in fetched if f["phase"] == "search"]
    return {"engine": engine, "query": query, "page_bytes": sum(f["bytes"] for f in fetched if f["phase"] == "page"),
            "first_search_bytes": sum(f["bytes"] for f in search), "first_search_requests": len(search),
            "first_search_files": sorted(search, key=lambda f: -f["bytes"])}
