"""Search at scale (slow; `make bench-search`, left out of `make test`): an archive of 10,000 synthetic stories built
with Pagefind, and a reader's first search measured in Chromium: everything the browser fetches from typing the
query to the results, as transferred (gzipped where a server gzips), must stay under 1 MB."""
import json

import pytest

from build_tools.settings import ROOT
from tests.bench.search_corpus import build, measure_first_search, prepare

BUDGET = 1_000_000
N = 10_000


@pytest.mark.slow
@pytest.mark.browser
def test_first_search_at_10000_stories_downloads_under_1_mb(tmp_path):
    work = prepare(N, tmp_path / "archive")
    site, seconds = build(work, "pagefind", tmp_path / "site")
    assert json.loads((site / "search-engine.json").read_text())["engine"] == "pagefind"
    auto = json.loads((site / "search-engine.json").read_text())
    # synthetic stories have no English text: a pinyin place name stands for the Latin-script queries
    results = [measure_first_search(site, "pagefind", q) for q in ("技能竞赛", "Xinchang", "工会")]
    out = ROOT / "build" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "search-10000.json").write_text(json.dumps({"stories": N, "build_s": seconds, "engine": auto,
                                                       "searches": results}, indent=1) + "\n")
    for r in results:
        print(f"first search {r['query']!r}: {r['first_search_bytes'] / 1e6:.3f} MB in {r['first_search_requests']} "
              f"requests (page itself {r['page_bytes'] / 1e6:.3f} MB)")
        assert r["first_search_bytes"] < BUDGET, r
