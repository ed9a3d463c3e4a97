"""The full-text dataset: datapackage.json validates with frictionless, stories.jsonl loads in pandas and
round-trips every paragraph with its English and provenance, catalog.csv keeps its columns."""
from __future__ import annotations

import csv
import io
import json

import frictionless
import pandas as pd
import pytest

from build_tools.attribute.story import attribute_catalog
from build_tools.records import catalog_records
from build_tools.ingest.stage import ingest
from build_tools.settings import SOURCES, TRANSLATIONS
from build_tools.translate.memory import Memory
from build_tools.write.exports import COLUMNS
from build_tools.write.pages import build_pages
from build_tools.write.views import Translator


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    catalog = ingest(SOURCES, record=False)
    attribute_catalog(catalog)
    records = catalog_records(catalog)
    memory = Memory.load(TRANSLATIONS)
    pages = build_pages(records, memory)
    out = tmp_path_factory.mktemp("data")
    for path, text in pages.items():
        if path.startswith("data/"):
            (out / path.removeprefix("data/")).write_text(text, encoding="utf-8")
    return records, memory, pages, out


def test_the_datapackage_describes_every_data_file_and_validates(built):
    _, _, pages, out = built
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    described = {r["path"] for r in package["resources"]}
    data_files = {p.removeprefix("data/") for p in pages if p.startswith("data/")}
    assert described == data_files - {"datapackage.json", "README.md"}
    assert {"catalog.csv", "catalog.json", "archive.bib", "stories.jsonl"} <= described
    report = frictionless.validate(str(out / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])


def test_a_corrupted_file_fails_validation(built, tmp_path):
    _, _, _, out = built
    for f in out.iterdir():
        (tmp_path / f.name).write_bytes(f.read_bytes())
    lines = (tmp_path / "stories.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / "stories.jsonl").write_text("".join(lines[:-1]), encoding="utf-8")
    assert not frictionless.validate(str(tmp_path / "datapackage.json")).valid


def test_stories_load_in_pandas_and_round_trip_every_paragraph(built):
    records, memory, _, out = built
    frame = pd.read_json(out / "stories.jsonl", lines=True, dtype=False)
    assert list(frame["id"]) == sorted(r["id"] for r in records["stories"])
    translate = Translator(memory)
    by_id = {r["id"]: r for r in records["stories"]}
    checked = 0
    for row in frame.to_dict(orient="records"):
        record = by_id[row["id"]]
        assert [p["zh"] for p in row["paragraphs"]] == [e["text"] for e in record["body"]]
        assert [p["lines"] for p in row["paragraphs"]] == [e["lines"] for e in record["body"]]
        assert [c["zh"] for c in row["captions"]] == [c["text"] for c in record["captions"]]
        for p, e in zip(row["paragraphs"], record["body"]):
            t = translate(e["text"])
            assert (p["en"], p["provenance"]) == (t["en"], t["provenance"])
            assert p["segments"] and all(s["provenance"] in ("contributor", "post-edited", "machine", "pending")
                                         for s in p["segments"])
            if p["en"]:
                assert " ".join(s["en"] for s in p["segments"]) == p["en"]
            checked += 1
        assert row["source"]["lines"] == record["source"]["lines"]
        assert row["titles"]["headline"]["zh"] == record["headline"]["text"]
    assert checked > 150


def test_the_catalog_csv_keeps_its_columns(built):
    _, _, pages, _ = built
    assert next(csv.reader(io.StringIO(pages["data/catalog.csv"]))) == COLUMNS
    assert COLUMNS == ["id", "url", "date", "date_precision", "place_id", "place_en", "place_zh", "city_en",
                       "themes", "headline_zh", "headline_en", "people", "outlet_zh", "outlet_en", "source_file",
                       "source_lines"]


def test_the_dataset_readme_states_licence_rights_and_citation(built):
    _, _, pages, _ = built
    readme = pages["data/README.md"]
    assert "Creative Commons Attribution 4.0" in readme and "remain the work of their publishers" in readme
    assert ">How to cite<" in readme and "release" in readme
