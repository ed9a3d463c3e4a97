"""`archive site` (build_tools/site_build): the plan of shards, the job runner, and a sharded build of the seed
archive (three shards of at most 8 story pages) against one MkDocs build of the same pages: every file of the two
sites but the Pagefind bundles is the same byte for byte (story pages, hub pages, exports, feeds, sitemap), both
have every link whole, and a second build redoes only what changed."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools.pipeline import run_build
from build_tools.settings import GENERATED_DOCS, ROOT, SOURCES
from build_tools.site_build.build import build_site
from build_tools.site_build.jobs import Job, JobError, Runner
from build_tools.site_build.plan import make_plan, shard_count, stub, walk_key
from build_tools.site_checks.links import check_site

SHARD_SIZE = 8
BUNDLES = ("pagefind/",)
SHARDS_SCRIPT = "assets/generated/pagefind-shards.js"


# ---- the plan ---------------------------------------------------------------------------------------------------

def test_one_build_up_to_the_shard_size_and_shards_above_it():
    assert shard_count(20_000, 20_000) == 1
    assert shard_count(20_001, 20_000) == 2
    assert shard_count(50_000, 20_000) == 3
    with pytest.raises(ValueError):
        shard_count(10, 0)


def test_a_story_stays_in_its_shard_and_a_new_story_changes_one_shard():
    ids = [f"zjgr-{i:06x}" for i in range(0, 3000, 7)]
    plan = make_plan(ids, 150)
    assert len(plan.shards) == 3 and plan.stories == len(ids)
    assert all(100 < len(s) < 190 for s in plan.shards)             # sha256 spreads them evenly
    assert make_plan(list(reversed(ids)), 150) == plan              # the order pages are found in does not matter
    grown = make_plan(ids + ["zjgr-ffffff"], 150)
    changed = [a != b for a, b in zip(plan.shards, grown.shards)]
    assert sum(changed) == 1


def test_pages_are_ordered_as_mkdocs_finds_them(tmp_path):
    """walk_key gives MkDocs' own order of files (the sitemap's order)."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    names = ["index.md", "about.md", "all/index.md", "b.md", "stories/ab/index.md", "stories/ab-c/index.md",
             "stories/a/index.md", "stories/a/cite.bib", "z/index.md", "z/a.md", "z/y/index.md", "README.md"]
    for name in names:
        (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_text("x\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    found = [f.src_uri for f in get_files(config)]
    assert sorted(found, key=walk_key) == found


def test_a_stub_keeps_front_matter_and_heading():
    page = ('---\ntitle: Skills · 技能\nfeed: themes/skills/feed.xml\n---\n# Skills <span>技能</span>\n\n'
            '<ol><li>long list</li></ol>\n')
    assert stub(page) == '---\ntitle: Skills · 技能\nfeed: themes/skills/feed.xml\n---\n# Skills <span>技能</span>\n'


# ---- the jobs ---------------------------------------------------------------------------------------------------

def _job(tmp_path, name, code, after=()):
    return Job(name, [sys.executable, "-c", code], str(tmp_path), dict(os.environ), str(tmp_path / f"{name}.log"),
               after=after)


def test_jobs_run_after_what_they_wait_for_and_report_their_memory(tmp_path):
    stamp = tmp_path / "order.txt"
    write = "import sys; open({!r}, 'a').write(sys.argv[0] + '{}\\n')"
    jobs = [_job(tmp_path, "last", write.format(str(stamp), "last"), after=("a", "b")),
            _job(tmp_path, "a", write.format(str(stamp), "a")),
            _job(tmp_path, "b", "x = bytearray(300 * 2**20); x[::4096] = b'1' * len(x[::4096]); "
                                + write.format(str(stamp), "b"))]
    done = Runner(workers=2).run(jobs)
    lines = stamp.read_text().split()
    assert lines[-1].endswith("last") and sorted(lines[:2]) == ["-ca", "-cb"]
    assert done["b"].peak_rss_mb > 300 > done["a"].peak_rss_mb


def test_a_failed_job_stops_the_build_naming_it(tmp_path):
    jobs = [_job(tmp_path, "broken", "import sys; print('the reason'); sys.exit(3)"),
            _job(tmp_path, "after", "print('never')", after=("broken",))]
    with pytest.raises(JobError, match=r"broken failed \(exit status 3\):\nthe reason"):
        Runner(workers=2).run(jobs)
    assert not (tmp_path / "after.log").exists()


# ---- the seed archive, sharded and not -----------------------------------------------------------------------

# The pages a curator writes by hand (everything under docs/ that the write stage does not make), copied into a
# test project so that the footer's and About's links to them resolve.
HAND_WRITTEN = tuple(sorted(p.name for p in (ROOT / "docs").iterdir() if p.name not in GENERATED_DOCS))


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """The seed archive's pages written into a copy of the project, and its site built once by MkDocs alone
    (Pagefind), as `mkdocs build` does."""
    tmp = tmp_path_factory.mktemp("shards")
    for name in ("mkdocs.yml", "overrides"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy2)(ROOT / name, tmp / name)
    shutil.copytree(ROOT / "docs", tmp / "docs", ignore=lambda d, n: [x for x in n if Path(d) == ROOT / "docs"
                                                                    and x not in HAND_WRITTEN])
    run_build(SOURCES, tmp / "build", tmp / "docs", record=False)
    env = {"SOURCE_DATE_EPOCH": "1700000000", "ARCHIVE_JIEBA_DICT": str(tmp / "build" / "jieba_user_dict.txt"),
           "ARCHIVE_SEARCH": "pagefind"}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp / "one")],
                          cwd=tmp, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    yield tmp
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@pytest.fixture(scope="module")
def sharded(archive):
    report = build_site(archive / "docs", archive / "sharded", archive / "build", archive / "mkdocs.yml",
                        shard_size=SHARD_SIZE, runner=Runner(workers=2))
    return archive / "sharded", report


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _outside_search(files: dict[str, bytes]) -> dict[str, bytes]:
    return {k: v for k, v in files.items() if not k.startswith("pagefind/")
            and k not in (SHARDS_SCRIPT, "search-engine.json")}


def test_the_seed_archive_builds_as_three_shards_and_a_hub(sharded):
    site, report = sharded
    assert report["mode"] == "sharded" and len(report["shards"]) == 3 and min(report["shards"]) >= 1
    assert sum(report["shards"]) == len(list((site / "stories").iterdir()))
    kinds = sorted(j["name"] for j in report["jobs"])
    assert kinds == ["hub", "pagefind-1", "pagefind-2", "pagefind-3", "shard-1", "shard-2", "shard-3"]
    assert report["links"]["broken"] == 0


def test_every_page_and_export_is_the_unsharded_builds_byte_for_byte(archive, sharded):
    one, many = _files(archive / "one"), _files(sharded[0])
    assert _outside_search(one).keys() == _outside_search(many).keys()
    differ = [k for k in _outside_search(one) if one[k] != many[k]]
    assert differ == []
    for export in ("data/catalog.csv", "data/catalog.json", "data/archive.bib", "data/stories.jsonl",
                   "data/datapackage.json", "all/feed.xml", "sitemap.xml", "sitemap.xml.gz"):
        assert export in many and many[export] == one[export]
    assert b"stories/zjgr-28d2cd/" in many["sitemap.xml"]


def test_the_search_bundles_are_one_per_shard_and_listed_for_the_search_box(archive, sharded):
    site, report = sharded
    bundles = ["pagefind/", "pagefind/shard-2/", "pagefind/shard-3/"]
    for b in bundles:
        assert (site / b / "pagefind-entry.json").is_file()
    assert json.dumps(bundles[1:]) in (site / SHARDS_SCRIPT).read_text()
    assert "window.archivePagefindShards = [];" in (archive / "one" / SHARDS_SCRIPT).read_text()
    engine = json.loads((site / "search-engine.json").read_text())
    assert [b["path"] for b in engine["bundles"]] == bundles
    assert [b["stories"] for b in engine["bundles"]] == report["shards"]


def test_links_of_both_sites_are_whole_and_the_same(archive, sharded):
    one, many = check_site(archive / "one"), check_site(sharded[0])
    assert one.broken == [] and many.broken == []
    assert (one.pages, one.links, sorted(one.external)) == (many.pages, many.links, sorted(many.external))


def test_a_second_build_redoes_only_the_shard_that_changed(archive, sharded):
    site, first = sharded
    before = _files(site)
    again = build_site(archive / "docs", site, archive / "build", archive / "mkdocs.yml", shard_size=SHARD_SIZE)
    assert again["jobs"] == [] and sorted(again["skipped"]) == ["hub", "shard-1", "shard-2", "shard-3"]
    assert _files(site) == before                                  # the same site, put back whole
    page = sorted((archive / "docs" / "stories").glob("*/index.md"))[0]
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("</article>", "<p>A curator's correction.</p>\n</article>", 1), encoding="utf-8")
    try:
        third = build_site(archive / "docs", site, archive / "build", archive / "mkdocs.yml", shard_size=SHARD_SIZE)
        rebuilt = sorted(j["name"] for j in third["jobs"])
        assert len(rebuilt) == 3 and "hub" in rebuilt
        [shard] = [n for n in rebuilt if n.startswith("shard-")]
        assert rebuilt == sorted(["hub", shard, "pagefind-" + shard.split("-")[1]])
        assert "A curator" in (site / "stories" / page.parent.name / "index.html").read_text(encoding="utf-8")
    finally:
        page.write_text(text, encoding="utf-8")
        build_site(archive / "docs", site, archive / "build", archive / "mkdocs.yml", shard_size=SHARD_SIZE)
    assert _outside_search(_files(site)) == _outside_search(before)


def test_the_shards_build_on_a_dask_cluster_to_the_same_site(archive, sharded, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  host="127.0.0.1") as cluster, distributed.Client(cluster) as client:
        report = build_site(archive / "docs", tmp_path / "site", tmp_path / "build", archive / "mkdocs.yml",
                            shard_size=SHARD_SIZE, runner=Runner(dask=client))
    assert len(report["jobs"]) == 7 and report["links"]["broken"] == 0
    assert _outside_search(_files(tmp_path / "site")) == _outside_search(_files(sharded[0]))


def test_below_the_shard_size_it_is_one_mkdocs_build(archive, tmp_path):
    report = build_site(archive / "docs", tmp_path / "site", tmp_path / "build", archive / "mkdocs.yml",
                        shard_size=1000, check_links=True)
    assert report["mode"] == "single" and report["links"]["broken"] == 0
    assert _outside_search(_files(tmp_path / "site")) == _outside_search(_files(archive / "one"))
    assert (tmp_path / "site" / "pagefind" / "pagefind-entry.json").is_file()
