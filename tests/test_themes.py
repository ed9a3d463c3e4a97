"""Themes: every story gets one to three, and they are the ones a reader would give."""
from build_tools.attribute.story import attribute_catalog
from build_tools.reference.themes import taxonomy
from build_tools.ingest.stage import ingest
from build_tools.settings import SOURCES


def test_taxonomy_is_bilingual_and_between_10_and_15_themes():
    themes = taxonomy()["themes"]
    assert 10 <= len(themes) <= 15
    for t in themes:
        assert t["slug"].isascii() and t["zh"] and t["en"] and t["keywords"]


def test_seed_stories_get_the_themes_a_reader_would_give():
    catalog = ingest(SOURCES, record=False)
    attribute_catalog(catalog)
    themes = {a.id: [t["slug"] for t in a.attribution["themes"]] for a in catalog.articles}
    assert all(1 <= len(t) <= 3 for t in themes.values())
    for story in ("zjgr-7208f8", "zjgr-a7fdaf", "zjgr-9709f1", "zjgr-4ea0e8"):     # skills competitions
        assert "skills-competitions" in themes[story], story
    assert themes["zjgr-de6127"][0] == "medical-mutual-aid"
    assert themes["zjgr-28d2cd"][0] == "worker-assistance"
    assert themes["zjgr-82b2f6"][0] == "rights-legal-aid"
    assert themes["zjgr-b062c4"][0] == "ideological-work"
    assert "model-workers-craftsmen" in themes["zjgr-2c3224"]
    assert "industrial-workforce-reform" in themes["jhxw-5900f8"]
