"""Search in a real browser: Chinese words and phrases, Traditional and Simplified, English singular and plural,
pinyin place names and reporters' names each find the right story (first, or within the first three)."""
import re

import pytest

from tests.browser.conftest import DESKTOP, _close_checking, _open_page

QUERIES = [
    # (query, story id, rank it must reach: 1 = first story result, 3 = within the first three)
    ("技能竞赛", "zjgr-7208f8", 3), ("医疗互助", "zjgr-de6127", 3), ("娘家人", "zjgr-28d2cd", 1),
    ("留下过年", "zjgr-f19ee9", 3), ("腊八粥", "zjgr-d4b756", 1), ("義烏", "zjgr-246a0b", 1),
    ("skills competition", "zjgr-7208f8", 3), ("competitions", "zjgr-7208f8", 3), ("model workers", "zjgr-d9e24c", 3),
    ("loan", "zjgr-52e11a", 1), ("loans", "zjgr-52e11a", 1), ("Yiwu", "zjgr-246a0b", 1),
    ("Xinchang", "zjgr-7208f8", 3), ("Zou Weifeng", "zjgr-28d2cd", 3), ("邹伟锋", "zjgr-28d2cd", 3),
    ("省电力工会", "zjgr-d9e24c", 1), ("劳模工匠", "zjgr-d9e24c", 3), ("鹿城区", "zjgr-28d2cd", 1),
    ("Wucheng", "jhxw-5900f8", 1), ("婺城", "jhxw-5900f8", 1), ("產業工人", "zjgr-824fc0", 3),
    ("金华婺城产业工人", "jhxw-5900f8", 3), ("Lucheng", "zjgr-28d2cd", 1), ("Anji", "zjgr-98492b", 1),
    ("工会法", "zjgr-82b2f6", 1), ('"Trade Union Law"', "zjgr-82b2f6", 1), ("porridge", "zjgr-d4b756", 1),
    ("钟管镇", "zjgr-a7fdaf", 1), ("Cixi", "zjgr-9985a3", 1), ("Zhou Jianju", "zjgr-98492b", 1),
    ("思想政治工作", "zjgr-b062c4", 1), ("农创客", "zjgr-6bb744", 1), ("Yuhuan", "zjgr-2c3224", 1),
]


def search(page, query: str) -> list[str]:
    """Type a query the way a reader does, in whichever search box the site has; story ids in result order."""
    if page.engine == "pagefind":
        return _search_pagefind(page, query)
    return _search_lunr(page, query)


def _story_ids(hrefs: list[str]) -> list[str]:
    ids = []
    for href in hrefs:
        m = re.search(r"/stories/([a-z0-9-]+)/", href)
        if m and m.group(1) not in ids:
            ids.append(m.group(1))
    return ids


def _search_lunr(page, query: str) -> list[str]:
    """Material's search: fill, then a key so it reacts."""
    box = page.locator(SEARCH_BOX["lunr"])
    box.click()
    box.fill(query)
    box.press("End")
    page.wait_for_function("() => document.querySelector('.md-search-result__meta') && "
                           "!/Type to start|Initializing/.test(document.querySelector('.md-search-result__meta').textContent)")
    page.wait_for_timeout(150)
    return _story_ids(page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.href)"))


def _search_pagefind(page, query: str) -> list[str]:
    """Pagefind's box: the box is cleared first (so no earlier results are read), then the query typed; done when the
    message names the query and every result shown has its link."""
    box = page.locator(SEARCH_BOX["pagefind"])
    box.click()
    box.fill("")
    page.wait_for_function("() => !document.querySelector('.pagefind-ui__result')")
    box.fill(query)
    box.press("End")
    page.wait_for_function("""q => {
        const m = document.querySelector('.pagefind-ui__message');
        if (!m || !m.textContent.includes(q) || /^Searching/.test(m.textContent)) return false;
        const shown = document.querySelectorAll('.pagefind-ui__result').length;
        return (shown > 0 || /^No results/.test(m.textContent)) &&
               document.querySelectorAll('.pagefind-ui__result-link').length === shown;
    }""", arg=query)
    return _story_ids(page.locator(".pagefind-ui__result-link").evaluate_all("els => els.map(e => e.href)"))


SEARCH_BOX = {"lunr": "input[data-md-component=search-query]", "pagefind": ".pagefind-ui__search-input"}
TITLE = {"lunr": ".md-search-result__item h1", "pagefind": ".pagefind-ui__result-title"}


@pytest.fixture(params=["lunr", "pagefind"])
def home(request, browser):
    """The home page of the site built with each search engine: lunr (Material's search, what the archive uses at
    this size) and Pagefind (what it switches to at scale); the same checks as the `page` fixture."""
    server = request.getfixturevalue("site_server" if request.param == "lunr" else "pagefind_site_server")
    context, page, recorder = _open_page(browser, server, DESKTOP)
    page.engine = request.param
    page.goto("./")
    yield page
    _close_checking(context, recorder)




def test_at_least_25_queries_find_their_story(home):
    assert len(QUERIES) >= 25
    misses = []
    for query, story, rank in QUERIES:
        found = search(home, query)
        if story not in found[:rank]:
            misses.append(f"{query!r}: expected {story} within {rank}, got {found[:5]}")
    assert not misses, "\n".join(misses)


def test_results_show_the_headline_in_both_languages(home):
    search(home, "腊八粥")
    title = home.locator(TITLE[home.engine]).first.inner_text().replace("\u200b", "")
    assert "喝碗腊八粥" in title and "Laba porridge" in title


def test_a_traditional_query_is_left_as_typed(home):
    search(home, "義烏")
    assert home.locator(SEARCH_BOX[home.engine]).input_value() == "義烏"
