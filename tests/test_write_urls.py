"""Addresses of the site's pages (build_tools/write/urls.py)."""
import posixpath

from hypothesis import given, settings, strategies as st

from build_tools.records import story_url
from build_tools.write import urls
from build_tools.reference.gazetteer import PROVINCE_WIDE, UNPLACED, load_gazetteer
from build_tools.write.urls import doc_path, place_url, rel, theme_url, year_url


def test_story_address_from_the_identifier_only():
    assert story_url("zjgr-28d2cd") == "stories/zjgr-28d2cd/"


def test_place_addresses():
    assert place_url("wenzhou") == "cities/wenzhou/"
    assert place_url("wenzhou-lucheng") == "cities/wenzhou/lucheng/"
    assert place_url(PROVINCE_WIDE) == "cities/province-wide/"
    assert place_url(None) == place_url(UNPLACED) == "cities/unplaced/"


def test_a_place_outside_zhejiang_has_no_page():
    outside = next(p.id for p in load_gazetteer().places.values() if p.level == "outside")
    assert place_url(outside) is None


def test_theme_year_and_file_addresses():
    assert theme_url("worker-assistance") == "themes/worker-assistance/"
    assert year_url("2021") == "years/2021/" and year_url(None) == "years/undated/"
    assert doc_path("stories/x/") == "stories/x/index.md" and doc_path("data/catalog.csv") == "data/catalog.csv"


def test_relative_links():
    assert rel("stories/a/", "stories/b/") == "../b/"
    assert rel("stories/a/", "stories/a/#p3") == "#p3"
    assert rel("", "cities/wenzhou/") == "cities/wenzhou/"
    assert rel("cities/wenzhou/lucheng/", "") == "../../../"
    assert rel("stories/a/", "data/catalog.csv") == "../../data/catalog.csv"


_SEGMENT = st.sampled_from(["stories", "cities", "a", "b", "x-1", "index.md", "catalog.csv", ".", ""])


@settings(max_examples=500, deadline=None)
@given(st.lists(_SEGMENT, max_size=4), st.lists(_SEGMENT, max_size=4))
def test_the_fast_relative_path_is_posixpaths(target, base):
    t, b = "/".join(target) or ".", "/".join(base) or "."
    assert urls._relpath(t, b) == posixpath.relpath(t, b)
