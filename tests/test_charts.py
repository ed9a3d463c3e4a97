"""The build-time charts (write/charts.py): the map of Zhejiang and the timeline, as markup in, markup out."""
import re

from build_tools.reference.gazetteer import load_gazetteer
from build_tools.data_files import load_yaml
from build_tools.write.charts import map_data, shade, timeline, zhejiang_map


def _item(year, month="00", theme="skills-competitions", n=0):
    sort = f"{year}{month}00" if year else "00000000"
    return {"id": f"s{year}{month}{n}", "year": year, "date_sort": sort, "themes": [{"slug": theme}] if theme else []}


def test_every_county_of_the_gazetteer_is_on_the_map_or_said_not_to_be():
    g = load_gazetteer()
    counties = {p.id for p in g.places.values() if p.level == "county"}
    outlined = set(map_data()["counties"])
    hidden = set(load_yaml("map.yaml")["no_outline"])
    assert counties == outlined | hidden and not outlined & hidden
    assert len(counties) == 90 and set(map_data()["cities"]) == {p.id for p in g.places.values() if p.level == "city"}


def test_map_links_counties_with_stories_and_shades_by_count():
    svg = zhejiang_map({"shaoxing-xinchang": 2, "shaoxing": 2, "wenzhou-longgang": 1, "wenzhou": 1}, "cities/")
    assert 'href="shaoxing/xinchang/"' in svg and 'data-place="shaoxing-xinchang"' in svg
    assert 'href="shaoxing/"' in svg                      # the city name links to the city page
    # Longgang has no outline of its own: Cangnan's outline carries it, and says so
    cangnan = re.search(r'<path class="zj-map__county zj-shade-(\d)" d="[^"]+"><title>Cangnan[^<]*Longgang[^<]*</title>',
                        str(svg))
    assert cangnan and cangnan.group(1) != "0"
    assert 'href="wenzhou/cangnan/"' not in svg           # but Cangnan itself has no story
    assert "新昌县" in svg and "Xinchang County" in svg and "<table" in svg
    assert "http://" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "") and "<script" not in svg
    assert shade(0, 10) == 0 and shade(1, 10) >= 1 and shade(10, 10) == 4 and shade(1, 1) == 4


def test_timeline_counts_years_stacked_by_theme_and_undated_apart():
    items = [_item("2015"), _item("2015", theme="medical-mutual-aid"), _item("2018", "07"), _item(None),
             _item(None, theme=None)]
    svg = str(timeline(items, "themes/x/"))
    assert [y for y in re.findall(r'data-year="([^"]+)"', svg)] == ["2015", "2018", "Undated"]
    assert re.findall(r'<text class="timeline__year[^"]*"[^>]*>([^<]+)</text>', svg)[:5] == \
        ["2015", "2016", "2017", "2018", "Undated"]            # every year in between, the undated last
    assert "timeline__apart" in svg and "2 stories without a date, shown apart" in svg
    assert 'href="../../years/2015/"' in svg and 'href="../../years/undated/"' in svg
    assert svg.count('<rect class="timeline__bar"') == 2 + 1 + 2 + 1      # 2015: two themes; month strip: one
    assert "Stories dated to the month" in svg and "2018-07: 1 story" in svg
    assert timeline([], "x/") == ""
