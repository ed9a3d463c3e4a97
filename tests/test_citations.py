"""Citations and exports parse with the tools researchers use, and addresses come from identifiers only."""
import csv
import io
import json

import bibtexparser
import jsonschema
import pytest
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

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
        assert entry["title"] and entry["year"] and entry["journal"]
        [ris] = rispy.loads(pages[f"stories/{sid}/cite.ris"])
        assert ris["type_of_reference"] == "NEWS" and ris["urls"] == [f"{SITE_URL}stories/{sid}/"]
        assert ris["title"] and ris["secondary_title"]
        csl = json.loads(pages[f"stories/{sid}/cite.json"])
        source = CiteProcJSON(csl)
        style = CitationStylesStyle("harvard-cite-them-right", validate=False)
        bibliography = CitationStylesBibliography(style, source, formatter.plain)
        bibliography.register(Citation([CitationItem(sid)]))
        [rendered] = [str(item) for item in bibliography.bibliography()]
        assert csl[0]["container-title"] in rendered and csl[0]["issued"]["date-parts"][0][0] >= 2015


def test_citations_name_authors_in_pinyin_and_keep_date_precision(pages):
    bib = bibtexparser.parse_string(pages["stories/zjgr-28d2cd/cite.bib"]).entries[0]
    assert bib["author"] == "Zou, Weifeng and Zheng, Xue and Zhou, Lili"
    assert "month" not in bib.fields_dict              # year-only story: no invented month or day
    ris = rispy.loads(pages["stories/jhxw-5900f8/cite.ris"])[0]
    assert ris["date"] == "2021/04/08/"
    page = pages["stories/jhxw-5900f8/index.md"]
    assert "April 8, 2021" in page and "Zhou, Yao" in page


def test_story_page_carries_each_citation_style(pages):
    page = pages["stories/zjgr-28d2cd/index.md"]
    for label in ("Chicago", "APA 7", "MLA 9", "GB/T 7714"):
        assert label in page
    assert "Zou Weifeng 邹伟锋, Zheng Xue 郑雪, and Zhou Lili 周丽丽." in page
    assert "[N/OL]. 浙江工人日报, 2021." in page
    assert 'href="cite.bib"' in page and 'href="cite.ris"' in page and 'href="cite.json"' in page


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
