"""The story record: one definition of what is translated, the same record in memory and in build/catalog.json."""
import json

import jsonschema
import pytest

from build_tools.attribute.story import attribute_catalog
from build_tools.ingest.stage import ingest
from build_tools.records import RECORD_SCHEMA, Records, StoryRecord, catalog_records, record_schema, schema_text, story_url
from build_tools.settings import DATA, SOURCES
from build_tools.write import exports
from tests.records_factory import record


@pytest.fixture(scope="module")
def seed_records():
    return attribute_catalog(ingest(SOURCES, record=False))


def test_parts_in_translation_order_with_every_field():
    parts = record().parts()
    assert [p.field for p in parts] == ["column", "headline", "caption 1", "paragraph 1", "section_head 2",
                                        "page banner"]
    assert [(p.key, p.index, p.kind) for p in parts][2:5] == [("captions", 1, ""), ("body", 1, "paragraph"),
                                                             ("body", 2, "section_head")]
    assert parts[3].lines == (5, 6) and {p.story for p in parts} == {"zjgr-0a0b0c"}


def test_parts_of_a_traditional_story_carry_a_simplified_form():
    r = record(script="Hant", page_banner="勞模風采", captions=[{"text": "走訪現場。", "lines": [9]}])
    parts = {p.field: p for p in r.parts()}
    assert parts["page banner"].simplified == "劳模风采" and parts["caption 1"].simplified == "走访现场。"
    assert r.lang == "zh-Hant" and record().lang == "zh-Hans"


def test_blank_parts_are_not_translated():
    assert "page banner" not in [p.field for p in record(page_banner=" ").parts()]


def test_a_record_reads_like_its_json_object():
    r = record()
    assert r["headline"]["text"] == r.headline["text"] and r.get("kicker") is None and r.get("nothing") is None
    assert dict(r) == r.to_dict() and StoryRecord.from_dict(r.to_dict()) == r
    with pytest.raises(KeyError):
        r["nothing"]


def test_the_catalog_is_the_records(seed_records, tmp_path):
    path = tmp_path / "catalog.json"
    seed_records.write(path)
    again = Records.load(path)
    assert again.to_json() == seed_records.to_json()
    data = json.loads(path.read_text(encoding="utf-8"))
    fields = set(StoryRecord.__dataclass_fields__)
    assert all(set(story) == fields for story in data["stories"])      # nothing outside the declared record


def test_records_are_built_once_with_their_attribution(seed_records):
    assert all(r.attribution and r.url == story_url(r.id) for r in seed_records.stories)
    assert [r.id for r in seed_records.stories] == [i for s in seed_records.sources for i in s["stories"]]


def test_records_of_an_unattributed_catalog(seed_catalog):
    stories = catalog_records(seed_catalog).stories
    assert stories and all(isinstance(r, StoryRecord) for r in stories)


def test_the_export_schema_matches_the_exported_columns():
    schema = json.loads((DATA / "catalog.schema.json").read_text(encoding="utf-8"))
    row = schema["properties"]["stories"]["items"]
    assert row["required"] == exports.COLUMNS and list(row["properties"]) == exports.COLUMNS


def test_the_record_schema_is_generated_from_the_record():
    assert RECORD_SCHEMA.read_text(encoding="utf-8") == schema_text(), "run: python -m build_tools.records --schema"


def test_every_story_of_the_catalog_fits_the_record_schema(seed_records):
    validator = jsonschema.Draft202012Validator(record_schema())
    for story in json.loads(seed_records.to_json())["stories"]:
        validator.validate(story)
    broken = json.loads(seed_records.to_json())["stories"][0] | {"script": "Latn", "extra": 1}
    assert len(list(validator.iter_errors(broken))) == 2
