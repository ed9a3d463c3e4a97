"""The reader's glossary (write/glossary.py): every term with pinyin, English, explanation and its stories; terms
marked in story text, first occurrence per paragraph, the text still escaped."""
import yaml

from build_tools.records import catalog_records
from build_tools.settings import TRANSLATIONS
from build_tools.translate.memory import Memory
from build_tools.write.glossary import glossary_pages
from build_tools.write.terms import mark_terms, reader_terms
from build_tools.write.views import Translator, listing_item


def test_every_glossary_term_has_pinyin_english_and_an_explanation():
    terms = {t["zh"]: t for t in reader_terms()}
    glossary = yaml.safe_load((TRANSLATIONS / "glossary.yaml").read_text(encoding="utf-8"))["terms"]
    assert set(glossary) <= set(terms)
    for zh, t in terms.items():
        assert t["note"] and t["en"] and t["pinyin"], zh
    assert terms["娘家人"]["pinyin"] == "niáng jiā rén" and terms["产改"]["en"] == glossary["产改"]["en"]
    for reader_term in ("劳模", "工匠", "产改", "娘家人", "职代会", "送温暖"):
        assert reader_term in terms
    assert len({t["anchor"] for t in terms.values()}) == len(terms)


def test_terms_are_marked_once_per_paragraph_and_the_text_stays_escaped():
    html = str(mark_terms("<b>劳模</b>和劳模工匠，劳模再来；娘家人。", "stories/x/"))
    assert html.count('class="glossary-term"') == 3                 # 劳模, 劳模工匠 (longest first), 娘家人
    assert html.count('data-term="劳模"') == 1
    assert "&lt;b&gt;" in html and "<b>" not in html
    assert 'href="../../glossary/#term-niangjiaren"' in html
    assert "glossary-term" not in str(mark_terms("新昌县总工会", "x/"))     # unmarked: part of names
    assert 'data-term="娘家人"' in str(mark_terms("娘家人", "stories/x/"))
    assert 'data-term="劳模"' in str(mark_terms("勞模", "stories/x/"))   # Traditional text too


def test_the_glossary_page_lists_every_term_with_its_stories(seed_catalog):
    from build_tools.attribute.story import attribute_catalog

    attribute_catalog(seed_catalog)
    records = catalog_records(seed_catalog)
    translate = Translator(Memory.load(TRANSLATIONS))
    items = {r["id"]: listing_item(r, translate) for r in records["stories"]}
    page = glossary_pages(records["stories"], items)["glossary/index.md"]
    for t in reader_terms():
        assert f'id="{t["anchor"]}"' in page and t["zh"] in page
    row = page.split('id="term-niangjiaren"')[1].split("</tr>")[0]
    assert "stories/zjgr-28d2cd/" in row                              # 温州鹿城“娘家人”走访送关怀
