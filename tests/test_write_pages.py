"""The generated pages (build_tools/write/pages.py and stage.py): which exist, and how they are written."""
import re

import yaml

from build_tools.settings import GENERATED_OUTPUTS, JIEBA_DICTIONARY, QUERY_SCRIPT, ROOT, Settings
from build_tools.write import stage
from build_tools.write.pages import build_pages, write_site
from tests.records_factory import BASE, memory, record, records

CITY_STORY = record(id="zjgr-0a0b0d", attribution={**BASE["attribution"], "place": {
    **BASE["attribution"]["place"], "primary": "wenzhou"}})


def front(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


def test_the_pages_of_two_stories():
    pages = build_pages(records(record(), CITY_STORY), memory({}))
    stories = {"stories/zjgr-0a0b0c/", "stories/zjgr-0a0b0d/"}
    expected = {s + name for s in stories for name in ("index.md", "cite.bib", "cite-plain.bib", "cite.ris", "cite.json")} | {
        "cities/index.md", "cities/wenzhou/index.md", "cities/wenzhou/lucheng/index.md",
        "themes/index.md", "themes/worker-assistance/index.md", "years/index.md", "years/2021/index.md",
        "all/index.md", "index.md", "data/catalog.csv", "data/catalog.json", "data/archive.bib",
        # follow and reuse: a feed beside every list, the full-text dataset, the change history
        "all/feed.xml", "cities/wenzhou/feed.xml", "cities/wenzhou/lucheng/feed.xml",
        "themes/worker-assistance/feed.xml", "years/2021/feed.xml",
        "data/README.md", "data/datapackage.json", "data/stories.jsonl", "releases/index.md",
        # explore: the index of entities (these two stories name none with a page of its own) and the glossary
        "entities/index.md", "glossary/index.md"}
    assert set(pages) == expected
    assert front(pages["stories/zjgr-0a0b0c/index.md"])["story"]["place"]["city"]["id"] == "wenzhou"
    assert pages["cities/wenzhou/index.md"].count("stories/zjgr-0a0b0") >= 2       # the city lists both


def test_home_page_counts_every_translatable_part():
    parts = record().parts()

    def percent(english):
        return re.search(r"<strong>(\d+)%</strong> of passages", build_pages(records(), memory(english))["index.md"])[1]

    assert percent({p.text: "x" for p in parts}) == "100"
    assert percent({p.text: "x" for p in parts if p.key != "page_banner"}) == str(round(100 * (len(parts) - 1) / len(parts)))


def test_write_site_keeps_unchanged_files_and_removes_stale_ones(tmp_path):
    docs = tmp_path / "docs"
    assert write_site(records(record(), CITY_STORY), docs, memory=memory({})) > 0
    stamp = (docs / "index.md").stat().st_mtime_ns
    assert write_site(records(record(), CITY_STORY), docs, memory=memory({})) == 0
    assert (docs / "index.md").stat().st_mtime_ns == stamp
    write_site(records(record()), docs, memory=memory({}))
    assert not (docs / "stories" / "zjgr-0a0b0d").exists() and (docs / "stories" / "zjgr-0a0b0c").exists()
    assert not list(docs.rglob("*.tmp"))                           # written through temporary files, none left


def test_the_write_stage_writes_search_files_too(tmp_path):
    settings = Settings(out=tmp_path / "build", docs=tmp_path / "docs")
    changed, report = stage.run(records(), settings, memory({}))
    assert changed and "1 stories" in report
    assert "邹伟锋 100000 n" in (tmp_path / "build" / JIEBA_DICTIONARY).read_text(encoding="utf-8")
    assert (tmp_path / "docs" / QUERY_SCRIPT).read_text(encoding="utf-8").startswith("/* Generated")


def test_generated_outputs_are_git_ignored():
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert all(f"/{path}/" in ignored or f"/{path}" in ignored for path in GENERATED_OUTPUTS), GENERATED_OUTPUTS


def test_story_pages_made_by_worker_processes_are_the_ones_one_process_makes(monkeypatch, tmp_path):
    """Past POOL_MIN stories the story pages are made by forked workers (write/story_pages.py): the pages, and the
    citations handed back to the cache, are those of one process; an error in a worker is raised as without them."""
    import json

    import pytest

    from build_tools.errors import SidecarError
    from build_tools.pipeline import attributed
    from build_tools.records import catalog_records
    from build_tools.settings import SOURCES, TRANSLATIONS
    from build_tools.translate.memory import Memory
    from build_tools.write import story_pages, views
    from build_tools.write.citations import cached_in

    records, mem = catalog_records(attributed(SOURCES)), Memory.load(TRANSLATIONS)
    monkeypatch.setenv("ARCHIVE_WRITE_JOBS", "1")
    alone = build_pages(records, mem)
    monkeypatch.setenv("ARCHIVE_WRITE_JOBS", "2")
    monkeypatch.setattr(story_pages, "POOL_MIN", 0)
    monkeypatch.setattr(story_pages, "SOURCES_PER_TASK", 1)
    with cached_in(tmp_path / "citations") as cache:
        assert build_pages(records, mem) == alone
    assert cache.misses == len(records["stories"])            # every worker's citations came back to the cache
    with cached_in(tmp_path / "citations") as cache:
        assert build_pages(records, mem) == alone
    assert cache.hits == len(records["stories"]) and cache.misses == 0
    kept = sum(len(json.loads(p.read_text(encoding="utf-8"))) for p in (tmp_path / "citations").glob("*.json"))
    assert kept == len(records["stories"])                    # what workers reused is kept, not dropped

    original = views.story_view

    def failing(record, *args, **kwargs):
        if record["id"] == records["stories"][5]["id"]:
            raise SidecarError(record["source"]["file"], "a planted fault", line=record["source"]["anchor"])
        return original(record, *args, **kwargs)

    monkeypatch.setattr(story_pages, "story_view", failing)
    with pytest.raises(SidecarError, match="a planted fault"):
        build_pages(records, mem)


def test_a_write_jobs_setting_that_is_no_number_is_a_clear_error(monkeypatch):
    import pytest

    from build_tools.errors import ArchiveError
    from build_tools.write import story_pages

    monkeypatch.setenv("ARCHIVE_WRITE_JOBS", "two")
    with pytest.raises(ArchiveError, match="ARCHIVE_WRITE_JOBS.*not a number"):
        story_pages.workers()
