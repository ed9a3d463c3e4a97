"""A curator's sidecar overrides any attribution, and the report says where a human decided."""
import pytest

from build_tools.attribute.report import attribution_report
from build_tools.attribute.story import attribute_catalog
from build_tools.errors import SidecarError
from build_tools.ingest.stage import ingest

OVERRIDE = """overrides:
  zjgr-d4b756:
    place: hangzhou
    themes: [worker-assistance, culture-and-sports]
    date: "2021-01-20"
    date_evidence: Laba festival 2021 (腊八, 20 January 2021)
    people: [{name: 翁婷婷, role: photographer, role_zh: 摄}]
    flags: [checked]
    note: filed under the city for this test
"""


def _with_override(sources_copy, text):
    sidecar = sources_copy / "001_4279732059864d8e.yaml"
    head, register = sidecar.read_text(encoding="utf-8").split("stories:", 1)
    sidecar.write_text(head + text + "stories:" + register, encoding="utf-8")


def test_overrides_replace_automatic_attribution_and_are_reported(sources_copy):
    _with_override(sources_copy, OVERRIDE)
    catalog = ingest(sources_copy, record=False)
    attribute_catalog(catalog)
    laba = next(a for a in catalog.articles if a.id == "zjgr-d4b756")
    at = laba.attribution
    assert at["place"]["primary"] == "hangzhou" and at["place"]["automatic"] == "hangzhou-xihu"
    assert [t["slug"] for t in at["themes"]] == ["worker-assistance", "culture-and-sports"]
    assert (at["date"]["value"], at["date"]["precision"]) == ("2021-01-20", "day")
    assert "checked" in laba.flags
    assert sorted(at["corrected"]) == ["date", "people", "place", "themes"]
    report = attribution_report(catalog)
    decisions = report.split("## Curators' decisions")[1]
    assert "`zjgr-d4b756` place: Xihu District, Hangzhou · 西湖区 → Hangzhou · 杭州市" in decisions
    assert "`zjgr-d4b756` date: → January 20, 2021" in decisions


@pytest.mark.parametrize("text, message", [
    ("overrides:\n  zjgr-d4b756: {place: atlantis}\n", r"overrides\.zjgr-d4b756\.place: 'atlantis' is not in the gazetteer"),
    ("overrides:\n  zjgr-d4b756: {themes: [cooking]}\n", r"overrides\.zjgr-d4b756\.themes: unknown theme 'cooking'"),
    ("overrides:\n  zjgr-d4b756: {date: 2021-13}\n", r"overrides\.zjgr-d4b756\.date: '2021-13' is not a real date"),
])
def test_bad_overrides_name_the_sidecar(sources_copy, text, message):
    _with_override(sources_copy, text)
    with pytest.raises(SidecarError, match=r"001_4279732059864d8e\.yaml.*" + message):
        attribute_catalog(ingest(sources_copy, record=False))
