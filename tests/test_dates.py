"""Dates with their precision and evidence; a day only where the text or the sidecar gives one."""
import pytest

from build_tools.attribute.dates import display, infer_year
from build_tools.attribute.story import attribute_catalog
from build_tools.ingest.stage import ingest
from build_tools.settings import SOURCES


@pytest.fixture(scope="module")
def attributed():
    catalog = ingest(SOURCES, record=False)
    attribute_catalog(catalog)
    return catalog


def test_seed_dates(attributed):
    by_file = {}
    for a in attributed.articles:
        by_file.setdefault(a.source[:3], set()).add((a.attribution["date"]["value"], a.attribution["date"]["precision"]))
    assert by_file == {"000": {("2015", "year")}, "001": {("2021", "year")}, "002": {("2023", "year")},
                       "003": {("2017", "year")}, "004": {("2021-04-08", "day")}}
    for a in attributed.articles:
        date = a.attribution["date"]
        assert date["evidence"], a.id
        if date["precision"] == "day":
            assert a.published or date["source"] in ("sidecar", "e-paper footer", "curator (sidecar override)")
    xinchang = next(a for a in attributed.articles if a.id == "zjgr-de6127")
    assert xinchang.attribution["date"]["note"] == "after July 2015"
    assert any("截至2015年7月底" in e for e in xinchang.attribution["date"]["evidence"])


def test_inference_rules():
    assert infer_year(["截至2022年12月底，外资企业有1478家"])["value"] == "2023"
    assert infer_year(["2017年“两节”期间……2018年安吉县总工会将认真学习"])["value"] == "2017"
    assert infer_year(["到2025年，婺城区将基本建成"]) is None
    assert infer_year(["没有年份的文字"]) is None


def test_display_at_each_precision():
    assert display("2021-04-08") == "April 8, 2021"
    assert display("2021-04") == "April 2021"
    assert display("2017") == "2017"
    assert display(None) == "Undated"
