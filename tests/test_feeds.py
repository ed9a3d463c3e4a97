"""Atom feeds: valid (feedparser), the right entries in both languages, dated by entry into the archive, linked
from every list page, escaped, and byte-reproducible."""
from __future__ import annotations

import json

import feedparser
import pytest

from build_tools.records import catalog_records
from build_tools.settings import SITE_URL, TRANSLATIONS
from build_tools.translate.memory import Memory
from build_tools.write import feeds
from build_tools.write.pages import build_pages


@pytest.fixture(scope="module")
def attributed():
    from build_tools.attribute.story import attribute_catalog
    from build_tools.ingest.stage import ingest
    from build_tools.settings import SOURCES

    catalog = ingest(SOURCES, record=False)
    attribute_catalog(catalog)
    return catalog


@pytest.fixture(scope="module")
def seed_pages(attributed, tmp_path_factory):
    import os
    old = os.environ.get("ARCHIVE_RELEASES")
    os.environ["ARCHIVE_RELEASES"] = str(tmp_path_factory.mktemp("no-releases"))
    try:
        return build_pages(catalog_records(attributed), Memory.load(TRANSLATIONS))
    finally:
        if old is None:
            del os.environ["ARCHIVE_RELEASES"]
        else:
            os.environ["ARCHIVE_RELEASES"] = old


def parse(text: str):
    parsed = feedparser.parse(text.encode("utf-8"))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def test_the_archive_feed_is_valid_atom_with_every_story(seed_pages, attributed):
    feed = parse(seed_pages["all/feed.xml"])
    ids = {a.id for a in attributed.articles}
    assert {e.link for e in feed.entries} == {f"{SITE_URL}stories/{i}/" for i in ids}
    assert feed.feed.links[1].href == SITE_URL + "all/feed.xml"          # rel=self
    for e in feed.entries:
        assert e.id == e.link
        assert e.published == e.updated                              # nothing released, nothing changed
        assert e.author


def test_city_and_theme_feeds_list_the_stories_of_their_page(seed_pages):
    feed_paths = [p for p in seed_pages if p.endswith("/feed.xml")]
    assert any(p.startswith("cities/") for p in feed_paths) and any(p.startswith("themes/") for p in feed_paths)
    for path in feed_paths:
        page = seed_pages[path.replace("feed.xml", "index.md")]
        feed = parse(seed_pages[path])
        listed = {line.split('href="')[1].split('"')[0] for line in page.splitlines()
                  if 'class="story-item__link"' in line}
        if path != "all/feed.xml":
            assert {e.link.removeprefix(SITE_URL) for e in feed.entries} == \
                   {"stories/" + h.rsplit("/", 2)[-2] + "/" for h in listed}, path


def test_entries_carry_both_languages_and_the_english_gist(seed_pages):
    feed = parse(seed_pages["all/feed.xml"])
    entry = next(e for e in feed.entries if e.link.endswith("/jhxw-5900f8/"))
    assert "·" in entry.title                                         # English · Chinese headline
    content = entry.content[0].value
    assert 'lang="zh-Hant"' in content and 'lang="en"' in content
    assert entry.summary and entry.summary != feeds.PENDING
    assert {t.term for t in entry.tags}


def test_the_gist_is_pending_without_english():
    assert feeds.english_gist("没有译文的句子。", Memory()) == "English pending"


def test_entries_are_dated_by_entry_into_the_archive_not_publication(attributed, tmp_path, monkeypatch):
    from build_tools.write import releases
    from build_tools.write.views import Translator

    records = catalog_records(attributed)
    memory = Memory.load(TRANSLATIONS)
    release = releases.make_release("2026.1", "2026-11-30", records, Translator(memory), {}, None)
    releases.write_release(release, tmp_path)
    monkeypatch.setenv("ARCHIVE_RELEASES", str(tmp_path))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798761600")           # 2027-01-01
    feed = parse(build_pages(records, memory)["all/feed.xml"])
    assert {e.published for e in feed.entries} == {"2026-11-30T00:00:00+00:00"}


def test_every_list_page_links_its_feed_in_head_and_body(seed_pages):
    for path, text in seed_pages.items():
        if path.endswith("index.md") and path.split("/")[0] in ("cities", "themes", "years", "all") \
                and path.count("/") >= 2:
            feed = path.replace("index.md", "feed.xml")
            assert feed in seed_pages, path
            assert f"feed: {feed}" in text, path                    # <link rel=alternate> via overrides/main.html
            assert 'class="feed-link"' in text and 'href="feed.xml"' in text, path


def test_head_template_links_the_feeds():
    from build_tools.settings import ROOT

    main = (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    assert main.count('<link rel="alternate feed" type="application/atom+xml"') == 2 and "page.meta.feed" in main
    assert '<link rel="alternate" ' not in main     # Material would fetch a sitemap beside it (see main.html)


def test_hostile_text_is_escaped_and_control_characters_dropped():
    entry = {"id": "x-1", "url": SITE_URL + "stories/x-1/", "zh": "<script>alert(1)</script>\x00\x1b", "en": None,
             "first_zh": "]]><b>&amp;\ufffe", "gist": "<i>gist</i>", "since": "2026-01-01", "updated": "2026-01-01",
             "date": "2021", "date_sort": "20210000", "place": {"en": "<x>"}, "themes": [], "outlet": "O&P",
             "lang": "zh-Hans"}
    text = feeds.atom_feed("all/", "<All>", [entry], "2026-01-01")
    feed = parse(text)
    assert "<script>" not in text and "\x00" not in text
    assert feed.entries[0].title == "<script>alert(1)</script>"
    assert "&lt;b&gt;&amp;amp;" in feed.entries[0].content[0].value


def test_feeds_are_byte_reproducible(attributed, tmp_path, monkeypatch):
    monkeypatch.setenv("ARCHIVE_RELEASES", str(tmp_path))
    one, two = (build_pages(catalog_records(attributed), Memory.load(TRANSLATIONS)) for _ in range(2))
    feeds_built = [p for p in one if p.endswith("feed.xml")]
    assert len(feeds_built) > 10
    assert json.dumps(sorted(one)) == json.dumps(sorted(two))
    for path in feeds_built:
        assert one[path] == two[path], path


def test_every_entity_page_has_a_feed_of_the_stories_that_name_it(seed_pages):
    entity_pages = {p for p in seed_pages if p.startswith("entities/") and p.endswith("/index.md")
                    and p != "entities/index.md"}
    assert entity_pages
    for page in entity_pages:
        folder = page.removesuffix("index.md")
        feed = parse(seed_pages[folder + "feed.xml"])
        listed = {e.link.removeprefix(SITE_URL) for e in feed.entries}      # stories/<id>/
        assert listed and all(story in seed_pages[page] for story in listed), page     # each linked from the page
        assert "Atom feed" in seed_pages[page] and "feed: " in seed_pages[page].split("---")[1]
