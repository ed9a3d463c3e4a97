"""Exploring across stories in Chromium: the map of Zhejiang (no script, no outside request: the page fixture fails
on any), entity pages, and axe on both. The Nu checker runs over every page in test_trust.py, these included."""
import pytest

from tests.browser.test_trust import AXE


def _axe(page):
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}" for v in result["violations"]
            if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("where", ["", "cities/"])
def test_the_map_shades_and_links_every_county_with_stories(page, where):
    page.goto(where or "./")
    svg = page.locator("svg.zj-map__svg")
    assert svg.count() == 1 and svg.is_visible()
    box = svg.bounding_box()
    assert box["width"] > 300 and box["height"] > 300
    assert page.locator("svg.zj-map__svg path.zj-map__county").count() >= 85
    linked = page.locator("svg.zj-map__svg a.zj-map__link")
    places = set(linked.evaluate_all("els => els.map(e => e.dataset.place)"))
    # every county the seeds are about: shaded (not the no-story shade) and linked
    for pid in ("shaoxing-xinchang", "wenzhou-lucheng", "jinhua-pujiang", "hangzhou-binjiang", "huzhou-anji"):
        assert pid in places
        shape = page.locator(f'svg.zj-map__svg a[data-place="{pid}"] path')
        assert "zj-shade-0" not in shape.get_attribute("class")
    assert len(places) == 19
    # names in both languages on hover
    title = page.locator('svg.zj-map__svg a[data-place="shaoxing-xinchang"] title').text_content()
    assert "Xinchang County" in title and "新昌县" in title and "2 stories" in title
    # and the same as a table
    assert page.locator("table.zj-map__table tbody tr").count() == 11


def test_two_counties_on_the_map_lead_to_their_pages(page):
    for pid, url, heading in (("shaoxing-xinchang", "cities/shaoxing/xinchang/", "Xinchang County"),
                              ("wenzhou-lucheng", "cities/wenzhou/lucheng/", "Lucheng District")):
        page.goto("cities/")
        page.locator(f'svg.zj-map__svg a[data-place="{pid}"] path').click()
        page.wait_for_url(f"**/{url}")
        assert heading in page.locator("h1").inner_text()


def test_map_page_and_entity_pages_pass_axe(page):
    for where in ("cities/", "entities/", "entities/unions/pujiang-county-federation-of-trade-unions/",
                  "entities/people/zou-weifeng/"):
        page.goto(where)
        bad = _axe(page)
        assert not bad, f"{where}:\n" + "\n".join(bad)


def test_an_entity_page_lists_its_stories_and_leads_to_them(page):
    page.goto("entities/")
    page.get_by_role("link", name="浦江县总工会").click()
    page.wait_for_url("**/entities/unions/pujiang-county-federation-of-trade-unions/")
    assert "Pujiang County Federation of Trade Unions" in page.locator("h1").inner_text()
    assert "浦江县委总工会" in page.locator(".entity-facts").inner_text()      # the printed alias
    page.locator(".entity-stories a.story-item__link").first.click()
    page.wait_for_url("**/stories/zjgr-7acdfb/")


@pytest.mark.parametrize("where", ["years/", "themes/skills-competitions/", "cities/shaoxing/",
                                   "entities/people/zou-weifeng/"])
def test_the_timeline_draws_and_its_bars_lead_to_the_years(page, where):
    page.goto(where)
    svg = page.locator(".timeline-block svg.timeline__svg").first
    assert svg.is_visible() and svg.bounding_box()["height"] > 100
    bars = page.locator(".timeline-block svg a[data-year]")
    assert bars.count() >= 1
    year = bars.first.get_attribute("data-year")
    bars.first.locator("rect").first.click()
    page.wait_for_url(f"**/years/{year.lower()}/")
    assert year in page.locator("h1").inner_text()


def test_years_page_passes_axe(page):
    page.goto("years/")
    bad = _axe(page)
    assert not bad, "\n".join(bad)


def test_a_term_in_a_story_leads_to_its_glossary_entry(page):
    page.goto("stories/zjgr-28d2cd/")
    per_paragraph = page.locator("article.story p.zh").evaluate_all(
        "ps => ps.map(p => p.querySelectorAll('a.glossary-term[data-term=\"娘家人\"]').length)")
    assert max(per_paragraph) == 1 and sum(per_paragraph) >= 1     # first occurrence per paragraph only
    term = page.locator('article.story p.zh a.glossary-term[data-term="娘家人"]').first
    assert "natal family" in term.get_attribute("title")
    term.click()
    page.wait_for_url("**/glossary/#term-niangjiaren")
    row = page.locator("#term-niangjiaren")
    assert row.is_visible()
    text = row.inner_text()
    assert "娘家人" in text and "niáng jiā rén" in text and "natal family" in text
    assert row.locator('a[href$="stories/zjgr-28d2cd/"]').count() == 1
    bad = _axe(page)
    assert not bad, "\n".join(bad)


def _shown(page):
    page.wait_for_function("() => document.querySelector('.facets__count').textContent.length > 0")
    return page.locator("table[data-facets] tbody tr:not([hidden])").evaluate_all(
        "rows => rows.map(r => r.dataset.story)")


def test_facets_combine_and_the_address_reproduces_the_list(browser, site_server):
    from tests.browser.conftest import DESKTOP, _close_checking, _open_page

    context, page, recorder = _open_page(browser, site_server, DESKTOP)
    page.goto("all/")
    assert len(_shown(page)) == 21
    page.select_option("#facet-city", "huzhou")
    huzhou = _shown(page)
    assert sorted(huzhou) == ["zjgr-98492b", "zjgr-a7fdaf", "zjgr-f19ee9"]
    # counts follow the filters: with Huzhou chosen, the theme options count Huzhou's stories
    option = page.locator('#facet-theme option[value="skills-competitions"]')
    assert option.inner_text().endswith("(2)")
    page.select_option("#facet-theme", "skills-competitions")
    both = _shown(page)
    assert sorted(both) == ["zjgr-98492b", "zjgr-a7fdaf"]
    address = page.url
    assert "city=huzhou" in address and "theme=skills-competitions" in address
    bad = _axe(page)
    assert not bad, "\n".join(bad)
    _close_checking(context, recorder)
    # opened fresh, in a new browser context, the address gives the same list
    context, fresh, recorder = _open_page(browser, site_server, DESKTOP)
    fresh.goto(address)
    assert _shown(fresh) == both
    assert fresh.locator("#facet-city").input_value() == "huzhou"
    fresh.goto("all/?city=huzhou&theme=skills")            # a unique prefix of a theme's name will do
    assert sorted(_shown(fresh)) == sorted(both)
    fresh.goto("all/?entity=people-zou-weifeng&year=2021")
    assert _shown(fresh) == ["zjgr-28d2cd"]
    _close_checking(context, recorder)
