"""The facets of the all-stories page (write/explore.facets): the values of each story and the options with counts."""
from build_tools.attribute.story import attribute_catalog
from build_tools.records import catalog_records
from build_tools.settings import TRANSLATIONS
from build_tools.translate.memory import Memory
from build_tools.write.explore import collect, facets
from build_tools.write.views import Translator, listing_item


def test_every_story_has_its_facet_values_and_every_option_its_count(seed_catalog):
    attribute_catalog(seed_catalog)
    records = catalog_records(seed_catalog)
    memory = Memory.load(TRANSLATIONS)
    items = {r["id"]: listing_item(r, Translator(memory)) for r in records["stories"]}
    data = facets(records["stories"], items, collect(records["stories"], items, memory))
    rows = data["rows"]
    assert rows["zjgr-a7fdaf"]["city"] == "huzhou" and rows["zjgr-a7fdaf"]["county"] == "huzhou-deqing"
    assert "skills-competitions" in rows["zjgr-a7fdaf"]["theme"].split()
    assert rows["jhxw-5900f8"]["outlet"] == "jhxw" and rows["jhxw-5900f8"]["year"] == "2021"
    assert "people-zou-weifeng" in rows["zjgr-28d2cd"]["entity"].split()
    by_name = {f["name"]: {o["value"]: o["count"] for o in f["options"]} for f in data["facets"]}
    assert set(by_name) == {"city", "county", "theme", "year", "outlet", "entity"}
    assert by_name["city"]["huzhou"] == 3 and by_name["year"]["2023"] == 9
    for name, options in by_name.items():
        if name != "entity":
            assert all(n == sum(v in r[name].split() for r in rows.values()) for v, n in options.items()), name
