"""Every list says what each story is about (build_tools/write/gist.py): a curator's summary, else the English of
the story's first sentence, with its provenance; "English pending" without English. And the typography the lists
and pages print: curly quotes, English sentences cut the way the translate stage cuts Chinese ones."""
import re

import pytest
import yaml

from build_tools.attribute.report import attribution_report
from build_tools.attribute.story import attribute_catalog
from build_tools.english import curly_quotes
from build_tools.errors import SidecarError
from build_tools.ingest.stage import ingest
from build_tools.records import catalog_records
from build_tools.settings import TRANSLATIONS
from build_tools.translate.memory import Memory
from build_tools.translate.sentences import split_english
from build_tools.write.gist import PENDING, lede_english, story_gist
from build_tools.write.pages import build_pages
from tests.records_factory import BASE, memory, record, records

LEDE = "近日，鹿城区总工会走访职工。工会送去慰问品。"


def _front(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


# ---- the typography ----------------------------------------------------------------------------------------

def test_straight_quotes_become_curly():
    assert curly_quotes('From "1" to "N": extending infinite possibilities') == \
        "From “1” to “N”: extending infinite possibilities"
    assert curly_quotes("the workers' \"natal family,\" visits") == "the workers’ “natal family,” visits"
    assert curly_quotes("Yuhuan 'Salute to the Workers' ceremony; don't") == "Yuhuan ‘Salute to the Workers’ ceremony; don’t"
    assert curly_quotes('("Perfect Ten")') == "(“Perfect Ten”)"
    assert curly_quotes("already “curly”") == "already “curly”" and curly_quotes(None) is None
    text = 'a "b" \'c\' d\'e'
    assert len(curly_quotes(text)) == len(text)                  # one character for one: positions hold


def test_english_sentences_are_cut_as_the_translate_stage_cuts_chinese():
    cases = {
        '"Thank you for staying. Happy new year!" Over recent days, Jia visited.':
            ['"Thank you for staying. Happy new year!" ', "Over recent days, Jia visited."],
        "At Zhejiang No. 3 Construction Co., Ltd. in Hangzhou, 1.5 times more. Mr. Wang said so.":
            ["At Zhejiang No. 3 Construction Co., Ltd. in Hangzhou, 1.5 times more. ", "Mr. Wang said so."],
        'have "set up camp." To promote it (see below. Really.) they came? Yes.':
            ['have "set up camp." ', "To promote it (see below. Really.) they came? ", "Yes."],
        "one sentence without a stop": ["one sentence without a stop"],
    }
    for text, sentences in cases.items():
        assert split_english(text) == sentences
        assert "".join(split_english(text)) == text


# ---- the gist of one story ---------------------------------------------------------------------------------

def test_the_gist_of_a_contributors_paragraph_is_its_first_sentence():
    r = record(body=[{"kind": "section_head", "text": "送去关怀", "lines": [4]},
                     {"kind": "paragraph", "text": LEDE, "lines": [5]}])
    g = story_gist(r, memory({LEDE: "Recently, the Lucheng union visited workers. It brought gifts."}, "contributor"))
    assert g == {"en": "Recently, the Lucheng union visited workers.", "provenance": "contributor"}
    one = record(body=[{"kind": "paragraph", "text": "近日，鹿城区总工会走访职工。", "lines": [5]}])
    assert story_gist(one, memory({"近日，鹿城区总工会走访职工。": "Recently, it visited. Twice."}, "contributor"))["en"] \
        == "Recently, it visited. Twice."                       # a one-sentence paragraph: all its English


def test_machine_english_gives_the_first_sentences_own_segment():
    r = record(body=[{"kind": "paragraph", "text": LEDE, "lines": [5]}])
    m = memory({"近日，鹿城区总工会走访职工。": 'The "Lucheng" union visited workers.', "工会送去慰问品。": "Gifts."},
               "machine")
    assert story_gist(r, m) == {"en": "The “Lucheng” union visited workers.", "provenance": "machine"}


def test_a_lede_that_is_only_a_quotation_takes_the_next_sentence_too():
    zh = "“我决定留下来过年。”杨青平来自安徽。他在工厂工作。"
    en = '"I\'ve decided to stay put for the New Year." Yang Qingping comes from Anhui. He works in a factory.'
    r = record(body=[{"kind": "paragraph", "text": zh, "lines": [5]}])
    assert story_gist(r, memory({zh: en}, "contributor"))["en"] == \
        "“I’ve decided to stay put for the New Year.” Yang Qingping comes from Anhui."


def test_a_curators_summary_wins_and_says_so():
    r = record(attribution={**BASE["attribution"], "summary": {"en": 'The union\'s "natal family" visits.',
                                                                "source": "curator"}})
    m = memory({p.text: "x." for p in r.parts()}, "contributor")
    assert story_gist(r, m) == {"en": "The union’s “natal family” visits.", "provenance": "curator"}


def test_no_english_no_gist():
    assert story_gist(record(), Memory()) is None
    assert lede_english("没有译文的句子。", Memory()) is None and lede_english(None, Memory()) is None


# ---- in every list, and as the page's description ----------------------------------------------------------

def test_every_list_shows_the_gist_and_the_page_gives_it_as_its_description():
    translated = record()
    pending = record(id="zjgr-0a0b0d", headline={"text": "未译的标题", "simplified": "未译的标题", "lines": [3]},
                     body=[{"kind": "paragraph", "text": "这一段没有译文。", "simplified": "这一段没有译文。",
                            "lines": [5]}], dateline=None)
    m = memory({"近日，鹿城区总工会走访职工。": "Recently, the Lucheng union visited workers.",
                "鹿城区总工会走访职工": 'Lucheng union "visits" workers'}, "contributor")
    pages = build_pages(records(translated, pending), m)
    for path in ("index.md", "cities/wenzhou/index.md", "cities/wenzhou/lucheng/index.md",
                 "themes/worker-assistance/index.md", "years/2021/index.md", "all/index.md"):
        page = pages[path]
        assert re.search(r'class="story-item__gist" lang="en">Recently, the Lucheng union visited workers\.</span>',
                         page), path
        assert '<span class="story-item__gist" lang="en"><em>English pending.</em></span>' in page, path
        assert "Lucheng union “visits” workers" in page and '"visits"' not in page, path
    assert _front(pages["stories/zjgr-0a0b0c/index.md"])["description"] == "Recently, the Lucheng union visited workers."
    assert "English pending" not in _front(pages["stories/zjgr-0a0b0d/index.md"])["description"]


@pytest.fixture(scope="module")
def seed_pages():
    catalog = ingest(__import__("build_tools.settings", fromlist=["SOURCES"]).SOURCES, record=False)
    attribute_catalog(catalog)
    return build_pages(catalog_records(catalog), Memory.load(TRANSLATIONS))


def test_every_seed_story_has_an_english_gist_in_the_lists(seed_pages):
    listed = re.findall(r'<span class="story-item__gist" lang="en">(.*?)</span></td>', seed_pages["all/index.md"])
    assert len(listed) == 21 and all(g and "English pending" not in g for g in listed)
    for path, page in seed_pages.items():
        if path.startswith("stories/") and path.endswith("index.md"):
            description = _front(page)["description"]
            assert description in listed or description.replace("&#39;", "'") in [
                g.replace("&#39;", "'") for g in listed], path


def test_a_summary_in_the_sidecar_is_the_gist_and_is_reported(sources_copy):
    sidecar = sources_copy / "001_4279732059864d8e.yaml"
    head, register = sidecar.read_text(encoding="utf-8").split("stories:", 1)
    sidecar.write_text(head + 'overrides:\n  zjgr-d4b756:\n    summary: >-\n      A union officer hands Laba porridge to '
                       '"Master He" on a building site.\nstories:' + register, encoding="utf-8")
    catalog = ingest(sources_copy, record=False)
    attribute_catalog(catalog)
    laba = next(a for a in catalog.articles if a.id == "zjgr-d4b756")
    assert laba.attribution["summary"] == {"en": 'A union officer hands Laba porridge to "Master He" on a building site.',
                                           "source": "curator"}
    assert "summary" in laba.attribution["corrected"]
    assert "`zjgr-d4b756` summary: → A union officer" in attribution_report(catalog)
    pages = build_pages(catalog_records(catalog), Memory.load(TRANSLATIONS))
    assert "A union officer hands Laba porridge to “Master He” on a building site." in pages["all/index.md"]
    assert "Decided by a curator: summary" in pages["stories/zjgr-d4b756/index.md"]


def test_a_summary_must_be_text(sources_copy):
    sidecar = sources_copy / "001_4279732059864d8e.yaml"
    head, register = sidecar.read_text(encoding="utf-8").split("stories:", 1)
    sidecar.write_text(head + "overrides:\n  zjgr-d4b756:\n    summary: [not, text]\nstories:" + register,
                       encoding="utf-8")
    with pytest.raises(SidecarError, match="summary must be"):
        ingest(sources_copy, record=False)


def test_the_feeds_and_entity_pages_use_the_same_gist(seed_pages):
    assert PENDING == "English pending"
    page = seed_pages["entities/people/zou-weifeng/index.md"]
    assert page.count('class="story-item__gist"') == 2 and "English pending" not in page
    feed = seed_pages["all/feed.xml"]
    assert "“Thank you for staying in Lucheng for Spring Festival." in feed
