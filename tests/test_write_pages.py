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
