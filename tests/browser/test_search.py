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
    ("工会法", "zjgr-82b2f6", 1), ('"工会法"', "zjgr-82b2f6", 1), ('"Trade Union Law"', "zjgr-82b2f6", 1), ("porridge", "zjgr-d4b756", 1),
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


# ---- the archive's search rules (issue 13, item 1), each against both engines --------------------------------

@pytest.fixture(scope="session")
def archive_stories(_archive_copy) -> dict[str, dict]:
    """The stories of the test archive as the build wrote them: id → place (county, city), themes, year, and the
    text a reader sees (Simplified as indexed), read from the generated pages' front matter and HTML."""
    import html as html_lib

    import yaml

    from build_tools.chinese import to_simplified

    out = {}
    for page in sorted((_archive_copy / "docs" / "stories").glob("*/index.md")):
        text = page.read_text(encoding="utf-8")
        data = yaml.safe_load(text.split("\n---\n", 1)[0].lstrip("-\n"))["story"]
        article = text[text.index('<article class="story"'):text.index("</article>")]
        filters = ", ".join(re.findall(r'data-pagefind-filter="([^"]*)"', article))
        seen = re.sub(r'<div class="search-only[^>]*>.*?</div>', " ", article, flags=re.S)
        seen = to_simplified(html_lib.unescape(re.sub(r"<[^>]+>", " ", seen)))
        place = data["place"]
        out[data["id"]] = {"place": place["id"], "level": place["level"],
                           "city": (place.get("city") or {}).get("id") or (place["id"] if place["level"] == "city" else None),
                           "filters": filters, "text": seen,
                           "terms": [html_lib.unescape(t) for t in
                                     re.findall(r'<div class="search-only search-glossary"[^>]*>(.*?)</div>', article)]}
    return out


def _place_queries(stories: dict) -> list[tuple[str, set[str]]]:
    """Each city and each county with stories, by its two-character name (湖州, 南浔): (query, its stories)."""
    from build_tools.reference.gazetteer import load_gazetteer

    g = load_gazetteer()
    places: dict[str, set[str]] = {}
    for sid, s in stories.items():
        for pid in {s["city"], s["place"] if s["level"] == "county" else None} - {None}:
            places.setdefault(pid, set()).add(sid)
    queries = []
    for pid, ids in sorted(places.items()):
        two = [f for f in (g[pid].zh, *g[pid].short) if len(f) == 2]
        if two:
            queries.append((two[0], ids))
    return queries


def test_each_city_and_county_by_its_two_character_name_finds_a_story_of_that_place_first(home, archive_stories):
    queries = _place_queries(archive_stories)
    assert len(queries) >= 20 and {"湖州", "温州", "宁波", "南浔"} <= {q for q, _ in queries}
    misses = []
    for query, ids in queries + [("劳模", None), ("送温暖", None)]:
        found = search(home, query)
        expected = ids or {sid for sid, s in archive_stories.items() if query in s["text"]}
        if not found or found[0] not in expected:
            misses.append(f"{query!r}: first {found[:3]}, expected one of {sorted(expected)}")
    assert not misses, "\n".join(misses)


NON_WORDS = ["外卖", "股票", "网红", "电影", "手机", "汽车"]


def test_a_chinese_query_in_no_story_puts_no_unrelated_story_first(home, archive_stories):
    texts = [s["text"] for s in archive_stories.values()]
    failures = []
    for query in NON_WORDS:
        assert not any(query in t for t in texts), f"{query} is in a story: not a test of a non-word"
        assert any(query[0] in t for t in texts), f"{query[0]} should be in some story (外卖: 外省, 外来)"
        found = search(home, query)
        if found and query not in archive_stories[found[0]]["text"]:
            failures.append(f"{query!r}: first result {found[0]}")
    assert not failures, "\n".join(failures)


def _covered(run: str, text: str) -> bool:
    """Whether `run` is cut into pieces of two characters or more, each somewhere in `text`."""
    reach = {0}
    for i in range(len(run)):
        if i in reach:
            reach |= {j for j in range(i + 2, len(run) + 1) if run[i:j] in text}
    return len(run) in reach


def test_every_result_of_a_chinese_query_holds_its_words(home, archive_stories):
    """Each story listed holds the query as written, or in pieces of two characters or more (never through single
    characters: 工会法 lists no story that only says 工会); those holding it as written come first."""
    failures = []
    for query in ["工会法", "金华婺城产业工人", "技能竞赛", "留下过年", "农创客", "劳模工匠"]:
        found = search(home, query)
        assert found, f"{query!r}: nothing found"
        texts = [archive_stories[sid]["text"] for sid in found]
        failures += [f"{query!r}: {sid} does not hold it" for sid, t in zip(found, texts) if not _covered(query, t)]
        whole = [query in t for t in texts]
        if whole != sorted(whole, reverse=True):
            failures.append(f"{query!r}: a story holding it as written comes after one that does not: {found}")
    assert not failures, "\n".join(failures)


LABELS = ["ZJARCHIVESEARCHONLY", "Published in", "Show 显示", "Both 双语", "双语", "About the English", "Unions named", "Photo caption",
          "图片说明", "¶", "Translation pending", "(year only)", "Translator's note"]
SNIPPET = {"lunr": ".md-search-result__item article p", "pagefind": ".pagefind-ui__result-excerpt"}


def test_result_snippets_are_story_text_without_the_page_furniture(home):
    for query in ["娘家人", "Lucheng", "工会", "腊八粥", "craftsmen", "湖州", "Nanxun", "Zou Weifeng"]:
        search(home, query)
        snippets = home.locator(SNIPPET[home.engine]).all_inner_texts()
        assert snippets, f"{query!r}: no snippet shown"
        for text in snippets:
            bad = [label for label in LABELS if label in text]
            assert not bad, f"{query!r}: snippet shows {bad}: {text[:200]!r}"
            assert "\u200b" not in text


def test_result_titles_carry_no_control_characters_and_both_languages(home):
    for query in ["工会", "workers", "湖州"]:
        search(home, query)
        titles = home.locator(TITLE[home.engine]).all_inner_texts()
        assert titles
        for title in titles:
            assert not re.search(r"[\u200b-\u200f\u2060\ufeff\u3007]", title), repr(title)
            assert re.search(r"[\u3400-\u9fff]", title) and re.search(r"[A-Za-z]{3}", title), repr(title)


COUNT = {"lunr": ".md-search-result__meta", "pagefind": ".pagefind-ui__message"}


def test_the_result_count_is_a_count_of_stories(home, archive_stories):
    for query in ["Huzhou", "腊八粥", "湖州", "新昌"]:
        found = search(home, query)
        message = home.locator(COUNT[home.engine]).inner_text()
        m = re.match(r"(\d+) stor(?:y|ies)\b", message)
        assert m, f"{query!r}: {message!r}"
        shown = home.locator(RESULT_LINK[home.engine]).evaluate_all("els => els.map(e => e.href)")
        assert len(shown) == len(found), f"{query!r}: a result that is not a story, or one story twice: {shown}"
        page_size = 10 if home.engine == "lunr" else 5       # the results each shows before "more"
        assert int(m.group(1)) == len(found) or (len(found) == page_size and int(m.group(1)) > page_size), \
            f"{query!r}: {message!r} but {len(found)} stories shown"
        assert int(m.group(1)) <= len(archive_stories)


RESULT_LINK = {"lunr": ".md-search-result__item > a", "pagefind": ".pagefind-ui__result-link"}


def test_english_queries_find_stories_through_the_glossary_english_of_their_chinese(home, archive_stories):
    """Terms of two words or more that no story's English says (so only the glossary's English can find them) and
    that one or two stories' Chinese uses: the story is among the first three."""
    seen = "\n".join(s["text"] for s in archive_stories.values()).lower()
    users: dict[str, list[str]] = {}
    for sid, s in sorted(archive_stories.items()):
        for term in (s["terms"][0].split(" · ") if s["terms"] else []):
            users.setdefault(term, []).append(sid)
    cases = [(term, ids[0]) for term, ids in sorted(users.items())
             if len(term.split()) >= 2 and term.lower() not in seen and len(ids) <= 2]
    assert len(cases) >= 5
    misses = [f"{q!r}: {sid} not in {found[:3]}" for q, sid in cases if sid not in (found := search(home, q))[:3]]
    assert not misses, "\n".join(misses)


def _choose_filter(page, name: str, value: str) -> None:
    if page.engine == "pagefind":
        box = page.locator(f".pagefind-ui__filter-checkbox[id='{name}-{value}']")
        if not box.is_visible():
            page.locator(".pagefind-ui__filter-block summary", has_text=name.capitalize()).first.click()
        box.check()
    else:
        page.locator(f"select[data-archive-filter={name}]").select_option(value)
    page.wait_for_timeout(600)


def test_results_filter_by_city_theme_and_year(home, archive_stories):
    query = "工会"
    search(home, query)
    everything = int(re.match(r"\d+", home.locator(COUNT[home.engine]).inner_text()).group(0))
    assert everything >= 5
    for name, value in [("city", "Huzhou"), ("year", "2023"), ("theme", "Worker assistance and care")]:
        home.goto("./")
        search(home, query)
        _choose_filter(home, name, value)
        ids = _story_ids(home.locator(RESULT_LINK[home.engine]).evaluate_all("els => els.map(e => e.href)"))
        assert ids, f"{name}={value}: nothing left"
        wrong = [i for i in ids if f"{name}:{value}" not in archive_stories[i]["filters"]]
        assert not wrong, f"{name}={value}: {wrong} are not"
        home.wait_for_function("([sel, n]) => { const m = document.querySelector(sel); "
                               "return m && /^\\d+/.test(m.textContent) && parseInt(m.textContent) < n; }",
                               arg=[COUNT[home.engine], everything])


@pytest.mark.parametrize("engine", ["lunr", "pagefind"])
@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_search_results_screenshots(request, browser, engine, width):
    """Search results for a two-character place name, at 1280 and 390 wide, with each engine, saved for review
    (test-artifacts/screenshots/<width>-search-<engine>.png): results shown, each a story."""
    from tests.browser.conftest import PHONE, SCREENSHOTS

    server = request.getfixturevalue("site_server" if engine == "lunr" else "pagefind_site_server")
    options = {"is_mobile": True, "has_touch": True} if width == "phone" else {}
    context, page, recorder = _open_page(browser, server, PHONE if width == "phone" else DESKTOP, **options)
    page.engine = engine
    page.goto("./")
    # the widest the page gets, read at every frame while the search opens and its results come in: a phone's
    # browser widens the page to what overflows it (Material's opening disc did, for 0.4 s: extra.css)
    page.evaluate("""() => { window.archiveWidest = 0; const look = () => { window.archiveWidest = Math.max(
        window.archiveWidest, window.innerWidth, document.documentElement.scrollWidth); requestAnimationFrame(look); };
        look(); }""")
    if engine == "lunr" and width == "phone":
        # on a phone Material's box opens from the header's icon, over the page; the query is typed into it
        page.locator("label[for=__search]").first.click()
        box = page.locator(SEARCH_BOX["lunr"])
        box.fill("湖州")
        box.press("End")
        page.wait_for_function("() => /stor/.test(document.querySelector('.md-search-result__meta').textContent)")
        found = _story_ids(page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.href)"))
    else:
        found = search(page, "湖州")
    assert found and all(re.fullmatch(r"[a-z0-9]+-[0-9a-f]+", i) for i in found)
    page.wait_for_timeout(500)                          # the opening transitions are over
    window = (PHONE if width == "phone" else DESKTOP)["width"]
    scroll, inner, widest = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth, window.archiveWidest]")
    assert scroll <= inner + 1 and inner == window, f"search open: page {scroll} px wide in a window of {inner} px"
    assert widest <= window + 1, f"while the search opened the page grew to {widest} px in a {window} px window"
    # the results are an overlay on the window: the window is what a reader sees
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{width}-search-{engine}.png"
    page.screenshot(path=str(path), animations="disabled")
    assert path.stat().st_size > 10_000
    _close_checking(context, recorder)


def test_the_lunr_filters_show_only_with_the_open_search(page):
    """The city, theme and year filters sit above lunr's results; with the search closed they are not on the page."""
    page.goto("stories/zjgr-28d2cd/")
    page.locator(SEARCH_BOX["lunr"]).click()
    search_lunr = _search_lunr(page, "湖州")
    assert search_lunr and page.locator(".archive-search-filters").is_visible()
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('__search').checked")
    assert not page.locator(".archive-search-filters").is_visible()
    page.reload()
    assert not page.locator(".archive-search-filters").is_visible()
