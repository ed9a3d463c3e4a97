"""The translation memory: the contributors' translations cover the seeds; lookups by paragraph or by sentence;
machine segments are added without touching what the editors wrote."""
import shutil

import pytest
import yaml

from build_tools.errors import DataError
from build_tools.records import catalog_records
from build_tools.settings import TRANSLATIONS
from build_tools.translate.checks import CJK
from build_tools.translate.memory import Memory, Segment, segment_entry, segment_hash, write_segments


@pytest.fixture
def translations(tmp_path):
    """A private copy of translations/: tests never write into the repository's."""
    dest = tmp_path / "translations"
    shutil.copytree(TRANSLATIONS, dest)
    return dest


def test_the_reference_memory_covers_every_part_of_the_21_seed_stories(seed_catalog):
    memory = Memory.load(TRANSLATIONS)
    records = catalog_records(seed_catalog)["stories"]
    assert len(records) == 21
    checked = 0
    for record in records:
        parts = [(k, record[k]["text"]) for k in ("headline", "kicker", "subheadline") if record.get(k)]
        parts += [(f"caption {i}", c["text"]) for i, c in enumerate(record["captions"], 1)]
        parts += [(f"{e['kind']} {i}", e["text"]) for i, e in enumerate(record["body"], 1)]
        assert record.get("headline"), record["id"]
        for where, zh in parts:
            seg = memory.get(zh)
            assert seg is not None, f"{record['id']} {where} has no English: {zh[:30]}"
            assert seg.provenance == "contributor"
            assert seg.en and not CJK.search(seg.en), f"{record['id']} {where}: Chinese left in the English"
            checked += 1
    assert checked > 150


def test_lookup_by_paragraph_or_by_sentences():
    memory = Memory()
    memory.add(Segment(segment_hash("甲。乙。"), "甲。乙。", "A. B.", "contributor", translator="editors"))
    memory.add(Segment(segment_hash("丙。"), "丙。", "C.", "machine", engine="E", model="m 1", flags=("number_lost",)))
    memory.add(Segment(segment_hash("丁！"), "丁！", "D!", "post-edited", translator="Li"))
    memory.add(Segment(segment_hash("戊。"), "戊。", "E.", "machine", engine="E", model="m 1"))
    assert memory.lookup("甲。乙。").provenance == "contributor"                    # the paragraph's own segment
    found = memory.lookup("丙。丁！")
    assert (found.en, found.provenance, found.parts) == ("C. D!", "mixed", ("machine", "post-edited"))
    assert (found.engine, found.model, found.flags) == ("E", "m 1", ("number_lost",))
    found = memory.lookup("丙。戊。")
    assert (found.en, found.provenance, found.flags) == ("C. E.", "machine", ("number_lost",))
    assert memory.lookup("丙。己。") is None                                       # one sentence missing
    assert memory.lookup("己") is None
    assert memory.get("丙。").en == "C."                                          # get is unchanged


def test_a_machine_segment_never_replaces_a_human_one():
    memory = Memory()
    memory.add(Segment(segment_hash("甲。"), "甲。", "A (edited).", "post-edited"))
    assert not memory.add(Segment(segment_hash("甲。"), "甲。", "A.", "machine"))
    assert memory.get("甲。").en == "A (edited)."


def test_adding_machine_segments_keeps_the_editors_file_byte_for_byte(translations):
    path = translations / "zjgr-7208f8.yaml"
    before = path.read_text(encoding="utf-8")
    seg = Segment(segment_hash("新的一句。"), "新的一句。", "A new sentence.", "machine", field="paragraph 9",
                  engine="Argos Translate", model="translate-zh_en 1.9", date="2026-01-02")
    write_segments(translations, "zjgr-7208f8", [segment_entry(seg)])
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before)                       # every reference entry and the opening comment kept
    added = yaml.safe_load(after)["segments"][-1]
    assert added == {"field": "paragraph 9", "hash": seg.hash, "zh": "新的一句。", "en": "A new sentence.",
                     "provenance": "machine", "engine": "Argos Translate", "model": "translate-zh_en 1.9",
                     "date": "2026-01-02"}
    # a machine entry for a text that has a reference one is not written
    reference = yaml.safe_load(before)["segments"][0]
    write_segments(translations, "zjgr-7208f8", [segment_entry(Segment(segment_hash(reference["zh"]), reference["zh"],
                                                                       "machine words", "machine"))])
    assert path.read_text(encoding="utf-8") == after
    # the file still loads, and the new segment is found
    assert Memory.load(translations).get("新的一句。").provenance == "machine"


def test_a_hash_that_does_not_match_its_chinese_is_an_error(translations):
    path = translations / "zjgr-7208f8.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "- zh: 甲\n  hash: abcdef0123456789\n  en: A\n"
                    "  provenance: machine\n", encoding="utf-8")
    with pytest.raises(DataError, match="does not match its Chinese"):
        Memory.load(translations)


def test_an_editors_comments_are_kept_when_segments_are_added(translations):
    path = translations / "zjgr-7208f8.yaml"
    text = path.read_text(encoding="utf-8").replace("- field: headline\n", "# checked against the print edition\n"
                                                    "- field: headline\n", 1)
    path.write_text(text, encoding="utf-8")
    seg = Segment(segment_hash("新的一句。"), "新的一句。", "A new sentence.", "machine", engine="E", model="m 1")
    write_segments(translations, "zjgr-7208f8", [segment_entry(seg)])
    after = path.read_text(encoding="utf-8")
    assert after.startswith(text) and "# checked against the print edition" in after
    assert Memory.load(translations).get("新的一句。").en == "A new sentence."
