"""Releases and change history: two releases from two states of a corpus give the right changelog; the withdrawn
story's address shows a notice; the changed story's page shows its history; the same state builds identically."""
from __future__ import annotations

import json
import shutil

import feedparser
import pytest
import yaml

from build_tools import cli
from build_tools.attribute.story import attribute_catalog
from build_tools.errors import ArchiveError, SidecarError
from build_tools.records import catalog_records
from build_tools.ingest.stage import ingest
from build_tools.settings import SITE_URL, SOURCES, TRANSLATIONS
from build_tools.translate.memory import Memory, segment_hash
from build_tools.write import releases
from build_tools.write.pages import build_pages

ADDED, CORRECTED, REVIEWED, WITHDRAWN = "jhxw-5900f8", "zjgr-28d2cd", "zjgr-a7fdaf", "zjgr-82b2f6"
OLD_HEADLINE, NEW_HEADLINE = "温州鹿城“娘家人”走访送关怀", "温州鹿城“娘家人”走访送关爱"
REASON = "a fuller report of the same inspection is in the archive"


def release(corpus, version, date):
    code = cli.main(["release", version, "--sources", str(corpus / "sources"), "--out", str(corpus / "build"),
                     "--translations", str(corpus / "translations"), "--releases", str(corpus / "releases"),
                     "--date", date, "--no-record"])
    assert code == 0
    return json.loads((corpus / "releases" / f"{version}.json").read_text(encoding="utf-8"))


def edit_translation(corpus, story, field, change):
    path = corpus / "translations" / f"{story}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    seg = next(s for s in data["segments"] if s["field"] == field)
    change(seg)
    seg.pop("hash", None)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def second_state(corpus):
    """One story added, one headline corrected, one translation reviewed, one story withdrawn."""
    for f in SOURCES.glob("004_*"):
        shutil.copy(f, corpus / "sources" / f.name)
    page = next((corpus / "sources").glob("001_*.txt"))
    page.write_text(page.read_text(encoding="utf-8").replace(OLD_HEADLINE, NEW_HEADLINE), encoding="utf-8")
    edit_translation(corpus, CORRECTED, "headline", lambda s: s.update(zh=NEW_HEADLINE))
    edit_translation(corpus, REVIEWED, "paragraph 1", lambda s: s.update(
        en=s["en"] + " (Reviewed.)", provenance="post-edited", translator="Li Wen"))
    sidecar = page.with_suffix(".yaml")
    text = sidecar.read_text(encoding="utf-8")
    sidecar.write_text(text.replace("\nstories:", f"\nwithdrawn:\n  {WITHDRAWN}: {REASON}\nstories:", 1),
                       encoding="utf-8")


def pages_of(corpus):
    catalog = ingest(corpus / "sources", record=False)
    attribute_catalog(catalog)
    return build_pages(catalog_records(catalog), Memory.load(corpus / "translations"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("corpus")
    shutil.copytree(SOURCES, corpus / "sources", ignore=shutil.ignore_patterns("004_*"))
    shutil.copytree(TRANSLATIONS, corpus / "translations")
    first = release(corpus, "2026.1", "2026-06-01")
    second_state(corpus)
    second = release(corpus, "2026.2", "2026-09-01")
    mp = pytest.MonkeyPatch()
    mp.setenv("ARCHIVE_RELEASES", str(corpus / "releases"))
    pages = pages_of(corpus)
    yield {"dir": corpus, "first": first, "second": second, "pages": pages}
    mp.undo()


def test_the_second_release_has_the_right_changelog(corpus):
    first, second = corpus["first"], corpus["second"]
    assert first["previous"] is None and first["changes"]["added"] == sorted(first["stories"])
    assert ADDED not in first["stories"] and WITHDRAWN in first["stories"]
    assert second["previous"] == "2026.1"
    assert second["changes"] == {"added": [ADDED],
                                 "changed": {CORRECTED: ["headline"], REVIEWED: ["translation"]},
                                 "withdrawn": {WITHDRAWN: REASON}}
    assert set(second["stories"]) == set(first["stories"]) - {WITHDRAWN} | {ADDED}
    for entry in second["stories"].values():
        assert set(entry["hashes"]) == {"text", "headline", "place", "date", "themes", "people", "translation",
                                        "attribution"}
    changelog = (corpus["dir"] / "releases" / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog.index("## Release 2026.2") < changelog.index("## Release 2026.1")
    assert f"- changed: `{CORRECTED}` {NEW_HEADLINE} (headline)" in changelog
    assert f"- withdrawn: `{WITHDRAWN}` ({REASON})" in changelog


def test_the_withdrawn_address_shows_a_notice_linking_the_last_release(corpus):
    pages = corpus["pages"]
    notice = pages[f"stories/{WITHDRAWN}/index.md"]
    assert "This story has been withdrawn" in notice and REASON in notice
    assert 'href="../../releases/#release-2026-1"' in notice and "release 2026.1" in notice
    assert f"stories/{WITHDRAWN}/cite.bib" not in pages
    assert WITHDRAWN not in pages["all/index.md"] and WITHDRAWN not in pages["all/feed.xml"]
    assert WITHDRAWN not in pages["data/stories.jsonl"] and WITHDRAWN not in pages["data/catalog.csv"]


def test_the_changed_story_page_shows_its_history_and_names_the_release(corpus):
    page = corpus["pages"][f"stories/{CORRECTED}/index.md"]
    assert "Entered the archive in" in page and 'href="../../releases/#release-2026-1">release 2026.1</a>' in page
    assert 'release 2026.2</a> (2026-09-01): headline.' in page
    assert "Archive release 2026.2" in page                     # in the citation block
    added = corpus["pages"][f"stories/{ADDED}/index.md"]
    assert 'release 2026.2</a> (2026-09-01).' in added and "Changed in" not in added


def test_the_changelog_page_lists_every_release(corpus):
    page = corpus["pages"]["releases/index.md"]
    assert page.index('id="release-2026-2"') < page.index('id="release-2026-1"')
    assert f"<code>{CORRECTED}</code>: headline" in page and f"<code>{REVIEWED}</code>: translation" in page
    assert REASON in page


def test_feeds_date_stories_by_their_first_release(corpus):
    feed = feedparser.parse(corpus["pages"]["all/feed.xml"].encode())
    dates = {e.link.removeprefix(SITE_URL + "stories/").strip("/"): (e.published, e.updated) for e in feed.entries}
    assert dates[ADDED] == ("2026-09-01T00:00:00+00:00",) * 2
    assert dates[CORRECTED] == ("2026-06-01T00:00:00+00:00", "2026-09-01T00:00:00+00:00")
    assert dates["zjgr-1e723f"] == ("2026-06-01T00:00:00+00:00",) * 2


def test_builds_of_the_same_state_are_byte_identical(corpus, monkeypatch):
    monkeypatch.setenv("ARCHIVE_RELEASES", str(corpus["dir"] / "releases"))
    assert pages_of(corpus["dir"]) == corpus["pages"]


def test_changes_since_the_last_release_are_shown_as_pending(corpus, monkeypatch, tmp_path):
    shutil.copytree(corpus["dir"] / "translations", tmp_path / "translations")
    shutil.copytree(corpus["dir"] / "sources", tmp_path / "sources")
    edit_translation(tmp_path, "zjgr-1e723f", "headline", lambda s: s.update(en="A corrected headline"))
    monkeypatch.setenv("ARCHIVE_RELEASES", str(corpus["dir"] / "releases"))
    page = pages_of(tmp_path)["stories/zjgr-1e723f/index.md"]
    assert "not yet released: translation" in page


def test_a_release_is_never_rewritten_and_names_are_checked(corpus):
    with pytest.raises(ArchiveError, match="exists already"):
        releases.record_release(ingest(corpus["dir"] / "sources", record=False), Memory(), "2026.2",
                                "2026-10-01", corpus["dir"] / "releases")
    with pytest.raises(ArchiveError, match="not a release name"):
        releases.record_release(ingest(corpus["dir"] / "sources", record=False), Memory(), "../x",
                                "2026-10-01", corpus["dir"] / "releases")


def test_withdrawing_an_unknown_story_is_a_sidecar_error(tmp_path):
    from tests.conftest import write_source

    write_source(tmp_path, "p.txt", "本报讯 一条新闻。\n", "outlet: zjgr\nwithdrawn:\n  zjgr-000000: no reason\n")
    with pytest.raises(SidecarError, match="withdrawn: 'zjgr-000000' is not a story"):
        ingest(tmp_path, record=False)


def test_segment_hash_is_what_the_memory_uses():
    assert Memory.load(TRANSLATIONS).get(OLD_HEADLINE).hash == segment_hash(OLD_HEADLINE)
