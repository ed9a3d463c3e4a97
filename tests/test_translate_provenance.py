"""Provenance stated as it is: the pages, the About page and the citations say what the translation memory says
about who made the English and whether anyone reviewed it, and no more; every translated element shows it."""
import re
from dataclasses import replace

import pytest
import yaml

from build_tools.attribute.story import attribute_catalog
from build_tools.records import catalog_records
from build_tools.ingest.stage import ingest
from build_tools.settings import ROOT, SOURCES, TRANSLATIONS
from build_tools.errors import DataError
from build_tools.translate.memory import Lookup, Memory, load_file
from build_tools.write.pages import build_pages
from build_tools.write.views import CONTRIBUTORS, provenance_label

ABOUT = (ROOT / "docs" / "about.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def records():
    catalog = ingest(SOURCES, record=False)
    attribute_catalog(catalog)
    return catalog_records(catalog)


@pytest.fixture(scope="module")
def memory():
    return Memory.load(TRANSLATIONS)


@pytest.fixture(scope="module")
def pages(records, memory):
    return build_pages(records, memory)


def _segments():
    return [seg for path in sorted(TRANSLATIONS.glob("*-*.yaml")) for seg in load_file(path)]


def test_the_data_records_who_translated_and_claims_no_review_that_did_not_happen():
    segments = _segments()
    assert len(segments) > 200
    assert all(s.translator for s in segments)
    assert {s.provenance for s in segments} == {"contributor"}
    assert not [s for s in segments if s.reviewer or s.reviewed]          # no review is recorded today
    raw = "".join(p.read_text(encoding="utf-8") for p in TRANSLATIONS.glob("*-*.yaml"))
    assert "provenance: reference" not in raw and "archive editors" not in raw


def test_about_says_what_the_data_says(memory):
    segments = _segments()
    assert CONTRIBUTORS in ABOUT
    if not any(s.reviewed for s in segments):
        assert "It has not been reviewed" in ABOUT
    for claim in ("faithful", "reference translation", "reviewed by the archive's editors", "written and reviewed"):
        assert claim not in ABOUT, claim
    # the machine wording About quotes is the wording a machine part gets on its page
    machine = Lookup(en="x", provenance="machine", engine="Argos Translate", model="translate-zh_en 1.9")
    label = provenance_label(machine)
    assert label[0].lower() + label[1:] in ABOUT
    assert "machine-translated title" in ABOUT and "translated title" in ABOUT


def test_each_page_says_what_its_data_says_for_every_translated_element(records, memory, pages):
    for record in records["stories"]:
        page = pages[f"stories/{record['id']}/index.md"]
        notice = re.search(r'<p class="story-notice__english">(.*?)</p>', page).group(1)
        assert CONTRIBUTORS.replace("'", "&#39;") in notice and "not reviewed" in notice, record["id"]
        assert "checked against the Chinese by" not in page
        assert "reference translation" not in page.lower() and "editors" not in page
        # every element with English carries its provenance; the label they share is said once, in the notice
        parts = [record[k]["text"] for k in ("column", "kicker", "headline", "subheadline") if record.get(k)]
        parts += [c["text"] for c in record["captions"]] + [e["text"] for e in record["body"]]
        parts += [record["page_banner"]] if record.get("page_banner") else []
        tagged = page.count('data-provenance="contributor"')
        assert tagged == len(parts), (record["id"], tagged, len(parts))
        labels = page.count("English by the archive&#39;s contributors, not professional translators; not reviewed")
        assert labels == 1 and 'class="provenance' not in page, (record["id"], labels)


def test_a_part_made_otherwise_says_so_and_the_others_do_not(records, memory):
    record = next(r for r in records["stories"] if r["id"] == "zjgr-a7fdaf")
    mixed = Memory(dict(memory.segments))
    seg = mixed.get(record["body"][2]["text"])
    mixed.segments[seg.hash] = replace(seg, provenance="machine", engine="Argos Translate",
                                       model="translate-zh_en 1.9", translator="")
    page = build_pages(records, mixed)["stories/zjgr-a7fdaf/index.md"]
    own = re.findall(r'<p class="provenance"[^>]*>(.*?)</p>', page)
    assert own == ["Machine translation by Argos Translate translate-zh_en 1.9, unreviewed"]
    notice = re.search(r'<p class="story-notice__english">(.*?)</p>', page).group(1)
    assert "machine translation by Argos Translate translate-zh_en 1.9, unreviewed" in notice
    assert "Parts not marked otherwise: English by the archive&#39;s contributors" in notice


def test_a_recorded_review_is_what_the_page_then_says(records, memory):
    record = next(r for r in records["stories"] if r["id"] == "zjgr-1e723f")
    reviewed = Memory(dict(memory.segments))
    for text in [record["headline"]["text"]] + [e["text"] for e in record["body"]] + [record["page_banner"]]:
        seg = reviewed.get(text)
        reviewed.segments[seg.hash] = replace(seg, reviewer="Test Reviewer", reviewed="2026-12-01")
    page = build_pages(records, reviewed)["stories/zjgr-1e723f/index.md"]
    assert "checked against the Chinese by Test Reviewer on 2026-12-01" in page
    assert "not reviewed" not in page.split('class="story-notice__english"')[1].split("</p>")[0]


def test_a_review_without_its_date_is_refused(tmp_path):
    path = tmp_path / "x-1.yaml"
    path.write_text(yaml.safe_dump({"story": "x-1", "segments": [
        {"zh": "甲。", "en": "A.", "provenance": "contributor", "translator": "T", "reviewer": "R"}]},
        allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataError, match="reviewed"):
        load_file(path)


def test_older_files_are_read_with_the_new_names(tmp_path):
    path = tmp_path / "x-1.yaml"
    path.write_text(yaml.safe_dump({"story": "x-1", "segments": [
        {"zh": "甲。", "en": "A.", "provenance": "reference", "translator": "T"},
        {"zh": "乙。", "en": "B.", "provenance": "reviewed", "translator": "T"}]}, allow_unicode=True),
        encoding="utf-8")
    assert [s.provenance for s in load_file(path)] == ["contributor", "post-edited"]


def test_translators_notes_are_shown_on_the_page(pages):
    noted = {}
    for path in sorted(TRANSLATIONS.glob("*-*.yaml")):
        for seg in load_file(path):
            if seg.note:
                noted.setdefault(path.stem, []).append(seg.note)
    assert {"zjgr-98492b", "jhxw-5900f8", "zjgr-7acdfb"} <= set(noted)
    for story, notes in noted.items():
        page = pages[f"stories/{story}/index.md"]
        assert 'class="translator-notes"' in page and 'class="translator-note-mark"' in page
        for note in notes:
            assert note.replace('"', "&#34;").replace("'", "&#39;") in page, (story, note[:30])


def test_citations_mark_an_english_title_as_a_translation(records, memory, pages):
    page = pages["stories/zjgr-1e723f/index.md"]
    assert "English title, translated by the archive: " in page and "machine-translated" not in page
    # a machine headline is cited as machine-translated
    record = next(r for r in records["stories"] if r["id"] == "zjgr-1e723f")
    machine = Memory(dict(memory.segments))
    seg = machine.get(record["headline"]["text"])
    machine.segments[seg.hash] = replace(seg, provenance="machine", engine="Argos Translate",
                                         model="translate-zh_en 1.9", translator="")
    page = build_pages(records, machine)["stories/zjgr-1e723f/index.md"]
    assert "English title, machine-translated by the archive: " in page
    assert "Headline: Machine translation by Argos Translate translate-zh_en 1.9, unreviewed" in page


def test_readme_describes_the_provenance_the_code_uses():
    section = README.split("## Translation")[1].split("\n## ")[0]
    for word in ("`contributor`", "`post-edited`", "`machine`", "`reviewer`", "`reviewed`", "`note`"):
        assert word in section, word
    assert "written and reviewed by the archive's editors" not in section
