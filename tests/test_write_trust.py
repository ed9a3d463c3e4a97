"""What tells a reader who stands behind the archive and where each story comes from: the original address and the
page of the paper, the dateline in English, labels of the English where they say something, the rights, contact
and method pages, and a navigation without developer matter in the reader's way."""
import re
from pathlib import Path

import yaml

from build_tools.settings import ROOT
from build_tools.translate.memory import Memory
from build_tools.write.pages import build_pages
from build_tools.write.views import Translator, dateline_view, listing_item, story_view, text_lang, web_address
from tests.browser.conftest import load_mkdocs_config
from tests.records_factory import BASE, memory, record, records

DOCS = ROOT / "docs"


def view(r=None, english=None, source_url="http://example.org/p"):
    r = r or record()
    translate = Translator(memory(english or {}, "contributor"))
    return story_view(r, translate, [listing_item(r, translate)], source_url)


def test_the_original_address_is_given_only_when_it_is_a_web_address():
    assert web_address("http://www.zjgrrb.com/zjzgol/system/2021/01/20/033.shtml") == \
        "http://www.zjgrrb.com/zjzgol/system/2021/01/20/033.shtml"
    for bad in ("javascript:alert(1)", "data:text/html,<b>x</b>", "www.example.org/p", "", None, "http://"):
        assert web_address(bad) is None, bad
    assert view()["source_address"] == "http://example.org/p"
    assert view(source_url="javascript:alert(1)")["source_address"] is None


def test_the_story_page_names_the_original_address_and_the_page_of_the_paper():
    r = record(attribution={**BASE["attribution"], "page": 2, "section": "综合新闻"})
    page = build_pages(records(r), memory({}))["stories/zjgr-0a0b0c/index.md"]
    assert 'Original address: <a class="story-source__url" href="http://example.org/p"' in page
    assert ', page 2 (<span lang="zh-Hans">综合新闻</span>)' in page
    hostile = records(r)
    hostile.sources[0]["sidecar"]["url"] = "javascript:alert(1)"
    page = build_pages(hostile, memory({}))["stories/zjgr-0a0b0c/index.md"]
    assert 'href="javascript:' not in page and "Original address" not in page


def test_a_curators_english_note_is_not_marked_as_chinese():
    assert text_lang("截至2015年7月底", "zh-Hans") == "zh-Hans" and text_lang("No printed date.", "zh-Hans") == "en"
    r = record(attribution={**BASE["attribution"], "date": {**BASE["attribution"]["date"], "evidence": [
        "No printed date. The page is from 2021.", "腊八粥"]}})
    page = build_pages(records(r), memory({}))["stories/zjgr-0a0b0c/index.md"]
    assert '<span lang="en">No printed date. The page is from 2021.</span>' in page
    assert '<span lang="zh-Hans">腊八粥</span>' in page


def test_the_dateline_is_given_in_english_and_runs_in_before_the_first_paragraph():
    assert dateline_view(record(), Translator(Memory()))["en"] == "Zhejiang Workers' Daily reports"
    assert dateline_view(record(dateline={"text": "本报", "lines": [5]}), Translator(Memory()))["kind"] == "dateline"
    web = record(dateline={"text": "2021年04月08日14:42 來源：金華新聞網", "simplified": "2021年04月08日14:42 来源：金华新闻网",
                           "lines": [9]},
                 published={"date": "2021-04-08", "time": "14:42", "source": "金华新闻网",
                            "line": "2021年04月08日14:42 來源：金華新聞網"})
    line = dateline_view(web, Translator(Memory()))
    assert (line["en"], line["kind"]) == ("April 8, 2021, 14:42. Source: Jinhua News", "date_line")
    lede = "近日，鹿城区总工会走访职工。"
    page = build_pages(records(record()), memory({lede: "Recently, the union visited."}))["stories/zjgr-0a0b0c/index.md"]
    assert '<p class="zh" lang="zh-Hans"><span class="story-dateline">本报讯</span> ' in page
    assert "<p><span class=\"story-dateline\">Zhejiang Workers&#39; Daily reports:</span> Recently" in page
    assert '<p class="story-dateline"' not in page                           # never alone above ¶1


def test_one_label_per_part_and_none_where_the_notice_says_it():
    english = {p.text: "Some English." for p in record().parts()}
    v = view(english=english)
    assert {p["label_shown"] for p in v["pairs"] + v["captions"]} == {None}
    pending = build_pages(records(record()), memory({}))["stories/zjgr-0a0b0c/index.md"]
    pair = pending[pending.index('id="p1"'):pending.index('id="p2"')]
    assert pair.count("ranslation pending") == 1                  # one label, not two


def test_siblings_are_listed_only_when_there_are_some_and_name_both_languages():
    page = build_pages(records(record()), memory({}))["stories/zjgr-0a0b0c/index.md"]
    assert "story-siblings" not in page and "On the same page" not in page
    other = record(id="zjgr-0a0b0d", headline={"text": "第二篇", "simplified": "第二篇", "lines": [12]},
                   source={**BASE["source"], "lines": [12, 14], "anchor": 12})
    pages = build_pages(records(record(), other), memory({"第二篇": 'The "second" story'}, "contributor"))
    page = pages["stories/zjgr-0a0b0c/index.md"]
    assert '<h2 id="story-siblings">' in page and "holds 2 stories" in page
    assert 'rel="next">Next: The “second” story · <span lang="zh-Hans">第二篇</span> →' in page


def test_themes_are_ordered_as_on_home_without_empty_ones_and_the_page_cites_no_code():
    pages = build_pages(records(record()), memory({}))
    themes = pages["themes/index.md"]
    assert "build_tools" not in themes and ".yaml" not in themes
    assert "Culture and sports" not in themes and "Worker assistance and care" in themes
    listed = lambda page: re.findall(r'<li><a href="[^"]*"><span lang="en">([^<]+)</span>', page)
    assert listed(themes) == listed(pages["index.md"]) == ["Worker assistance and care"]
    theme_page = pages["themes/worker-assistance/index.md"]
    assert "material/tags" not in theme_page and "By title" not in theme_page      # each story listed once


def test_index_pages_have_no_one_link_sidebar_and_every_heading_has_its_chinese():
    pages = build_pages(records(record()), memory({}))
    for path in ("themes/index.md", "years/index.md", "all/index.md"):
        assert "navigation" in yaml.safe_load(pages[path].split("---\n")[1])["hide"], path
    province = record(id="zjgr-0a0b0e", attribution={**BASE["attribution"], "place": {
        **BASE["attribution"]["place"], "primary": "zhejiang"}}, source={**BASE["source"], "file": "other.txt"})
    cities = build_pages(records(record(), province), memory({}))["cities/index.md"]
    headings = re.findall(r"^## (.+)$", cities, flags=re.M)
    assert headings and all(re.search(r"[\u4e00-\u9fff]", h) for h in headings), headings


def test_the_reader_pages_exist_and_benchmarks_is_no_top_tab():
    config = load_mkdocs_config()
    top = [next(iter(item)) for item in config["nav"]]
    assert not any("Benchmarks" in t for t in top)
    about = next(item for item in config["nav"] if "About 关于" in item)["About 关于"]
    pages = [next(iter(entry.values())) for entry in about]
    assert pages == ["about.md", "method.md", "licence.md", "benchmarks.md"]       # benchmarks/ keeps its address
    for name in pages:
        assert (DOCS / name).is_file(), name
    licence = (DOCS / "licence.md").read_text(encoding="utf-8")
    assert "Creative Commons Attribution 4.0" in licence and "remain the work of their publishers" in licence
    about_text = (DOCS / "about.md").read_text(encoding="utf-8")
    assert "{#contact}" in about_text and "Report an error" in about_text
    for technical in ("GB18030", "gazetteer", "jieba", ".yaml", "build_tools"):
        assert technical not in about_text, technical               # the detail is on the Method page
    method = (DOCS / "method.md").read_text(encoding="utf-8")
    assert "{#entities}" in method and "{#themes}" in method and "{#gist}" in method


def test_the_contact_and_report_addresses_are_configured():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    archive = re.search(r"^extra:\n  archive:\n((?:    .+\n)+)", text, flags=re.M).group(1)
    assert "issues_url: !ENV [ARCHIVE_ISSUES_URL, \"https://" in archive and "contact_email:" in archive
    overrides = ROOT / "overrides" / "partials"
    report = (overrides / "report-error.html").read_text(encoding="utf-8")
    assert "urlencode" in report and "striptags" in report
    assert "licence/" in (overrides / "copyright.html").read_text(encoding="utf-8")
    assert Path(ROOT / "overrides" / "partials" / "tags.html").is_file()
