"""The reader's archive in Chromium: the English gist under every headline of every list, the rights, contact and
"report an error" on the pages, the all-stories list sorted and filtered on a phone, the header whole on a phone,
and axe on every kind of page at desktop and phone width (the Nu checker runs over every page in test_trust.py)."""
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import screenshot
from tests.browser.test_trust import AXE

STORY = "stories/zjgr-28d2cd/"
LISTS = [("home", ""), ("city", "cities/huzhou/"), ("theme", "themes/skills-competitions/")]
EVERY_KIND = ["", STORY, "stories/jhxw-5900f8/", "cities/", "cities/wenzhou/", "cities/wenzhou/lucheng/",
              "cities/province-wide/", "themes/", "themes/worker-assistance/", "years/", "years/2021/", "all/",
              "entities/", "entities/people/zou-weifeng/", "glossary/", "about/", "method/", "licence/",
              "benchmarks/", "releases/", "data/"]


def _page(request, width):
    return request.getfixturevalue("page" if width == "desktop" else "phone_page")


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_lists_show_an_english_gist_under_every_headline(request, width):
    page = _page(request, width)
    for name, address in LISTS:
        page.goto(address)
        items = page.locator("ol.story-list > li.story-item")
        assert items.count() >= 3, address
        for i in range(items.count()):
            gist = items.nth(i).locator(".story-item__gist")
            assert gist.is_visible() and gist.get_attribute("lang") == "en"
            text = gist.inner_text()
            assert len(text.split()) >= 5 and "English pending" not in text, (address, text)
            head = items.nth(i).locator(".story-item__link").bounding_box()
            assert gist.bounding_box()["y"] >= head["y"] + head["height"] - 1, "the gist stands under the headline"
        assert '"' not in page.locator("ol.story-list").inner_text(), "straight quotes in a list"
        path = screenshot(page, f"{width}-gist-{name}")
        assert path.stat().st_size > 10_000


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_axe_finds_no_serious_or_critical_violation_on_any_kind_of_page(request, width):
    page = _page(request, width)
    bad = []
    for address in EVERY_KIND:
        page.goto(address or "./")
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        bad += [f"{address or 'home'}: {v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
                for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, "\n".join(bad)


def test_every_story_page_has_a_prefilled_report_link_and_every_page_the_rights(page):
    page.goto(STORY)
    link = page.locator("aside.report-error a.report-error__issue")
    assert link.is_visible()
    href = urlsplit(link.get_attribute("href"))
    query = parse_qs(href.query)
    assert href.scheme == "https" and href.path.endswith("/issues/new")
    assert query["title"] == ["Error in story zjgr-28d2cd"]
    body = query["body"][0]
    assert "zjgr-28d2cd" in body and body.count("https://") == 1 and "stories/zjgr-28d2cd/" in body
    assert "温州鹿城“娘家人”走访送关怀" in body
    for address in ("", "about/", "themes/", STORY):
        page.goto(address or "./")
        rights = page.locator(".md-footer .archive-rights")
        assert "CC BY 4.0" in rights.inner_text() and "publishers" in rights.inner_text()
        rights.get_by_role("link", name="CC BY 4.0").click()
        page.wait_for_url("**/licence/")
        assert "Licence and rights" in page.locator("h1").inner_text()


def test_about_has_a_contact_and_benchmarks_sit_under_it(page):
    page.goto("about/")
    assert page.locator("#contact").is_visible()
    tabs = page.locator(".md-tabs__link")
    assert "Benchmarks" not in " ".join(tabs.all_inner_texts())
    for name in ("Method", "Licence and rights", "Benchmarks"):
        assert page.locator(".md-nav--primary").get_by_role("link", name=name).count() >= 1, name
    page.goto("benchmarks/")                        # the published address still answers
    assert "Benchmarks" in page.locator("h1").inner_text()


def test_phone_header_shows_both_names_whole(phone_page):
    phone_page.goto("./")
    for part in (".md-header__site-zh", ".md-header__site-en"):
        el = phone_page.locator(f".md-header__topic:first-child {part}")
        assert el.is_visible()
        assert el.evaluate("e => e.scrollWidth <= e.clientWidth + 1 && e.getBoundingClientRect().right <= "
                           "document.documentElement.clientWidth"), part
    assert phone_page.locator(".md-header__site-en").inner_text() == "Zhejiang Trade Union News Archive"


def test_phone_all_stories_sorts_and_filters(phone_page):
    phone_page.goto("all/")
    header = phone_page.locator("table.all-stories th", has_text="Date")
    assert header.is_visible()
    state = header.get_attribute("aria-sort")
    header.tap()
    assert header.get_attribute("aria-sort") == {"ascending": "descending", "descending": "ascending"}[state]
    rows = phone_page.locator("table.all-stories tbody tr")
    links = rows.first.locator("a")
    assert links.count() == 1, "one link a row: the headline"
    box = phone_page.locator("#facet-text")
    box.fill("porridge")
    visible = [i for i in range(rows.count()) if rows.nth(i).is_visible()]
    assert len(visible) == 1 and "腊八" in rows.nth(visible[0]).inner_text()
    assert "q=porridge" in phone_page.url
    box.fill("湖州")
    shown = sum(rows.nth(i).is_visible() for i in range(rows.count()))
    assert 1 <= shown < rows.count()


def test_a_story_alone_on_its_page_has_no_empty_siblings_heading(page, built_site):
    for html in sorted(built_site.glob("stories/*/index.html")):
        text = html.read_text(encoding="utf-8")
        assert "On the same page" not in text
        if 'id="story-siblings"' in text:
            assert text.count("<li>", text.index('id="story-siblings"')) >= 2, html.parent.name
    page.goto("stories/jhxw-5900f8/")                # the one story of its page
    assert page.locator("#story-siblings").count() == 0
    assert page.locator(".story-dateline-line .en").inner_text().startswith("April 8, 2021, 14:42")
