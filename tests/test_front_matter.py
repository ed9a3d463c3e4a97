"""Every story page's front matter holds the story's facts as data, and they are the record's."""
import pytest
import yaml

from build_tools.attribute.story import attribute_catalog
from build_tools.ingest.stage import ingest
from build_tools.reference.gazetteer import load_gazetteer, special_place
from build_tools.reference.roles import label
from build_tools.settings import SOURCES, TRANSLATIONS
from build_tools.translate.memory import Memory
from build_tools.write.pages import write_site


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    records = attribute_catalog(ingest(SOURCES, record=False))
    docs = tmp_path_factory.mktemp("docs")
    memory = Memory.load(TRANSLATIONS)
    write_site(records, docs, memory=memory)
    return records, docs, memory


def front_matter(path) -> dict:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    return yaml.safe_load(text[4:text.index("\n---\n", 4)])


def test_every_story_page_carries_its_record(built):
    records, docs, memory = built
    g = load_gazetteer()
    urls = {s["file"]: s["sidecar"].get("url") for s in records.sources}
    pages = sorted((docs / "stories").glob("*/index.md"))
    assert len(pages) == len(records.stories) > 0
    for r in records.stories:
        data = front_matter(docs / r.url / "index.md")["story"]
        at = r.attribution
        assert (data["id"], data["url"], data["script"]) == (r.id, r.url, r.script)
        assert data["outlet"]["key"] == r.outlet["key"] and data["outlet"]["en"] == r.outlet["en"]
        assert (data["via"] or {}).get("key") == (r.via or {}).get("key")
        date = at["date"]
        assert (data["date"]["value"], data["date"]["precision"], data["date"]["evidence"]) == (
            date["value"], date["precision"], date["evidence"])
        pid = at["place"]["primary"]
        assert data["place"]["id"] == pid and data["place"]["evidence"] == at["place"]["evidence"]
        if special_place(pid):
            assert data["place"]["en"] == special_place(pid).en and data["place"]["city"] is None
        else:
            assert (data["place"]["en"], data["place"]["zh"]) == (g[pid].en, g[pid].zh)
            assert data["place"]["city"]["id"] == g.city_of(pid).id and data["place"]["city"]["zh"] == g.city_of(pid).zh
        assert [t["slug"] for t in data["themes"]] == [t["slug"] for t in at["themes"]]
        assert [(p["name"], p["role"], p["role_en"]) for p in data["people"]] == [
            (p["name"], p["role"], label(p["role"])) for p in at["people"]]
        assert list(data["translation"]) == [p.field for p in r.parts()]
        for part in r.parts():
            found = memory.lookup(part.text)
            assert data["translation"][part.field].get("provenance") == (found.provenance if found else "pending"), (
                r.id, part.field)
        assert data["flags"] == r.flags
        assert data["source"] == {"file": r.source["file"], "lines": r.source["lines"], "url": urls[r.source["file"]]}


def test_the_seeds_front_matter_says_where_english_came_from(built):
    _, docs, _ = built
    kinds = {v["provenance"] for page in (docs / "stories").glob("*/index.md")
             for v in front_matter(page)["story"]["translation"].values()}
    assert "contributor" in kinds
