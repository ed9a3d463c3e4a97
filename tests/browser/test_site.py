"""The built site in a real browser (headless Chromium): reading a story in either language or both, following
links between stories, places and themes, the sortable list of all stories, and pages that stay readable on a
phone. Every test also checks, through the `page` fixtures, that no request leaves the site."""
from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from build_tools.settings import ROOT

from .conftest import DESKTOP, _open_page, load_mkdocs_config, screenshot

pytestmark = pytest.mark.browser

STORY = "stories/zjgr-28d2cd/"           # Lucheng, Wenzhou; two paragraphs; theme "Worker assistance and care"
OTHER_STORY = "stories/zjgr-a7fdaf/"     # 17 paragraphs, same source page
TRADITIONAL = "stories/jhxw-5900f8/"     # Jinhua News, Traditional script
TRUNCATED = "stories/zjgr-7208f8/"
PHOTO_STORY = "stories/zjgr-d4b756/"
STORIES = 21
READING_KEY = "zh-union-archive.reading"


def _path(page) -> str:
    return urlsplit(page.url).path


_READING_STATE = """() => {
    const shown = sel => [...document.querySelectorAll(sel)].map(e => e.checkVisibility());
    const buttons = [...document.querySelectorAll('.reading-choice button[data-reading]')];
    return {zh: shown('.story-text .pair > .zh'), en: shown('.story-text .pair > .en'),
            mode: document.documentElement.getAttribute('data-reading'),
            pressed: Object.fromEntries(buttons.map(b => [b.dataset.reading, b.getAttribute('aria-pressed')]))};
}"""


def _assert_mode(page, mode: str):
    """The story reads in `mode`: every Chinese and English paragraph shown or hidden, and the buttons say so."""
    state = page.evaluate(_READING_STATE)
    assert state["zh"] and len(state["zh"]) == len(state["en"])
    assert set(state["zh"]) == {mode in ("both", "zh")}, f"Chinese paragraphs in {mode!r} mode"
    assert set(state["en"]) == {mode in ("both", "en")}, f"English paragraphs in {mode!r} mode"
    assert state["mode"] == mode
    assert state["pressed"] == {m: str(m == mode).lower() for m in ("both", "zh", "en")}


# ---- reading a story ---------------------------------------------------------------------------------------

def test_story_shows_chinese_beside_english(page):
    page.goto(STORY)
    assert page.locator("h1.story-headline .zh").inner_text() == "温州鹿城“娘家人”走访送关怀"
    assert "natal family" in page.locator("h1.story-headline .en").inner_text()
    _assert_mode(page, "both")
    first = page.locator(".story-text .pair").first
    zh, en = first.locator("> .zh").bounding_box(), first.locator("> .en").bounding_box()
    assert zh["x"] + zh["width"] <= en["x"], "on a desktop the English stands beside the Chinese"
    assert abs(zh["y"] - en["y"]) < 2
    assert first.locator("> .zh").get_attribute("lang") == "zh-Hans"
    assert "感谢你留在鹿城过年" in first.locator("> .zh").inner_text()
    assert "Thank you for staying in Lucheng" in first.locator("> .en").inner_text()


def test_reading_choice_switches_and_is_remembered(page):
    page.goto(STORY)
    page.get_by_role("button", name="中文 Chinese").click()
    _assert_mode(page, "zh")
    assert not page.locator("h1.story-headline .en").is_visible()
    page.get_by_role("button", name="English 英文").click()
    _assert_mode(page, "en")
    page.get_by_role("button", name="Both 双语").click()
    _assert_mode(page, "both")

    page.get_by_role("button", name="English 英文").click()
    assert page.evaluate(f"localStorage.getItem({READING_KEY!r})") == "en"
    page.goto(OTHER_STORY)                       # another page: the choice holds
    _assert_mode(page, "en")
    page.reload()
    _assert_mode(page, "en")
    page.get_by_role("button", name="Both 双语").click()
    page.goto(STORY)
    _assert_mode(page, "both")


def test_chinese_only_hides_every_english_title(page):
    page.goto(STORY)
    assert page.locator(".story-header .story-banner .en").is_visible()         # the story has a banner
    page.get_by_role("button", name="中文 Chinese").click()
    _assert_mode(page, "zh")
    shown = page.eval_on_selector_all(".story-header .en", "es => es.filter(e => e.checkVisibility())"
                                                          ".map(e => e.parentElement.className)")
    assert not shown, f"English still shown in Chinese-only mode: {shown}"


def test_reading_choice_works_from_the_keyboard(page):
    page.goto(STORY)
    # from the last link of the story's facts ("all of Wenzhou"), the keyboard alone
    page.locator(".story-facts a", has_text="all of Wenzhou").focus()
    focused = "document.activeElement.getAttribute('data-reading')"
    for _ in range(5):                       # Tab reaches the buttons, the first being "Both"
        page.keyboard.press("Tab")
        if page.evaluate(focused):
            break
    assert page.evaluate(focused) == "both"
    assert page.evaluate("document.activeElement.matches(':focus-visible')")
    page.keyboard.press("Tab")
    assert page.evaluate(focused) == "zh"
    page.keyboard.press("Enter")
    _assert_mode(page, "zh")
    page.keyboard.press("Tab")
    assert page.evaluate(focused) == "en"
    page.keyboard.press("Space")
    _assert_mode(page, "en")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(focused) == "both"
    page.keyboard.press("Space")
    _assert_mode(page, "both")


def test_paragraph_link_lands_on_the_paragraph(page):
    page.goto(OTHER_STORY + "#p3")
    target = page.locator("#p3")
    target.wait_for()
    assert page.evaluate("document.querySelector(':target') && document.querySelector(':target').id") == "p3"
    box = target.bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert box["y"] >= header["y"] + header["height"] - 1, "the paragraph is not hidden under the header"
    assert box["y"] < page.viewport_size["height"]
    assert page.evaluate("window.scrollY") > 0
    assert target.evaluate("e => getComputedStyle(e).outlineStyle") != "none", "the paragraph is highlighted"
    assert target.locator("a.pair__anchor").get_attribute("href") == "#p3"


def test_paragraph_link_is_followed_by_every_citation(page):
    page.goto(OTHER_STORY + "#p3")
    cites = page.locator(".story-cite .cite-text")
    assert cites.count() >= 4
    texts = {cites.nth(i).get_attribute("data-style"): cites.nth(i).inner_text() for i in range(cites.count())}
    missing = [style for style, text in texts.items() if f"{OTHER_STORY}#p3" not in text]
    assert not missing, f"citations that do not cite ¶3: {missing}"


# ---- from a story to its places and themes -----------------------------------------------------------------

def test_story_links_to_its_city_and_county_and_back(page):
    page.goto(STORY)
    page.locator(".story-facts a", has_text="all of Wenzhou").click()
    page.wait_for_url("**/cities/wenzhou/")
    assert page.locator("h1").inner_text().startswith("Wenzhou")
    assert page.locator(f"ol.story-list a[href$='{STORY}']").count() == 1
    page.go_back()
    page.wait_for_url(f"**/{STORY}")
    assert page.locator("h1.story-headline").is_visible()

    page.locator(".story-facts a", has_text="Lucheng District, Wenzhou").click()
    page.wait_for_url("**/cities/wenzhou/lucheng/")
    assert page.locator("h1").inner_text().startswith("Lucheng District, Wenzhou")
    assert page.locator(f"ol.story-list a[href$='{STORY}']").count() == 1
    page.locator("article p a", has_text="Wenzhou").first.click()        # "Part of Wenzhou"
    page.wait_for_url("**/cities/wenzhou/")
    page.go_back()
    page.wait_for_url("**/cities/wenzhou/lucheng/")
    page.go_back()
    page.wait_for_url(f"**/{STORY}")


def test_theme_tag_leads_to_the_theme_page(page):
    page.goto(STORY)
    tag = page.locator("a.md-tag")
    assert tag.count() == 1 and tag.inner_text().strip() == "Worker assistance and care · 帮扶关爱"
    tag.click()
    page.wait_for_url(re.compile(r".*/themes/worker-assistance/$"))       # the theme page, not a tag listing
    assert page.locator("h1").inner_text().startswith("Worker assistance and care")
    assert page.locator(f"main a[href$='{STORY}']").count() == 1             # listed once
    page.locator(f"ol.story-list a[href$='{STORY}']").click()
    page.wait_for_url(f"**/{STORY}")


# ---- special stories ---------------------------------------------------------------------------------------

def test_traditional_script_story(page):
    page.goto(TRADITIONAL)
    zh = page.locator(".story-text .pair > .zh")
    assert zh.count() > 5
    assert {zh.nth(i).get_attribute("lang") for i in range(zh.count())} == {"zh-Hant"}
    assert page.locator("h1.story-headline .zh").get_attribute("lang") == "zh-Hant"
    assert page.locator("h1.story-headline .zh").inner_text() == "金華婺城打造高技能高素質產業工人隊伍"
    assert "產業工人" in zh.first.inner_text() and "产业工人" not in zh.first.inner_text()
    _assert_mode(page, "both")
    assert page.locator(".story-facts").get_by_text("via People's Daily Online").is_visible()
    hidden_copy = page.locator(".search-only")           # the Simplified copy kept for search is never shown
    assert all(not hidden_copy.nth(i).is_visible() for i in range(hidden_copy.count()))


def test_truncated_story_says_so(page):
    page.goto(TRUNCATED)
    flag = page.locator(".story-notice .story-flag--truncated")
    assert flag.is_visible()
    assert flag.inner_text().startswith("Truncated:")
    assert "breaks off" in flag.inner_text()


def test_photo_story_credits_its_photographer(page):
    page.goto(PHOTO_STORY)
    credit = page.locator(".story-facts .story-person")
    assert credit.is_visible()
    assert credit.inner_text().startswith("Photographer Weng Tingting 翁婷婷")
    flag = page.locator(".story-notice .story-flag--photo_story")
    assert flag.is_visible() and flag.inner_text().startswith("Photo story:")


# ---- all stories -------------------------------------------------------------------------------------------

def _date_column(page) -> list[str]:
    return page.eval_on_selector_all("table.all-stories tbody tr td:first-child",
                                     "cells => cells.map(c => c.getAttribute('data-sort'))")


def _years(column: list[str]) -> list[int]:
    return [int(v[:4]) for v in column]


def test_all_stories_table_sorts_by_date(page):
    page.goto("all/")
    rows = page.locator("table.all-stories tbody tr")
    assert rows.count() == STORIES
    assert page.locator("table.all-stories").evaluate(_BROKEN_WORDS) == [], "on a desktop no word is cut"
    assert page.locator("main").get_by_text(f"{STORIES} stories.").is_visible()
    header = page.locator("table.all-stories th", has_text="Date")
    before, state = _date_column(page), header.get_attribute("aria-sort")
    assert state in ("ascending", "descending")
    header.click()
    after, flipped = _date_column(page), header.get_attribute("aria-sort")
    assert flipped == {"ascending": "descending", "descending": "ascending"}[state]
    assert after != before and sorted(after) == sorted(before)
    assert _years(after) == sorted(_years(after), reverse=flipped == "descending")
    header.click()
    assert header.get_attribute("aria-sort") == state
    assert _years(_date_column(page)) == _years(before)
    # the keyboard sorts too (tablesort makes headers focusable and listens for Enter)
    page.locator("table.all-stories th", has_text="Place").focus()
    page.keyboard.press("Enter")
    places = page.eval_on_selector_all("table.all-stories tbody tr td:nth-child(2)",
                                       "cells => cells.map(c => c.getAttribute('data-sort').toLowerCase())")
    assert places in (sorted(places), sorted(places, reverse=True))
    assert rows.count() == STORIES


def test_all_stories_opens_newest_first(page):
    page.goto("all/")
    header = page.locator("table.all-stories th", has_text="Date")
    assert header.get_attribute("aria-sort") == "descending"
    years = _years(_date_column(page))
    assert years == sorted(years, reverse=True)


# ---- home, cities, every link ------------------------------------------------------------------------------

def test_home_page_counts_and_city_links(page):
    page.goto("")
    assert page.locator("ul.home-counts li").first.inner_text() == f"{STORIES} stories"
    cities = page.locator("ul.city-grid a")
    assert cities.count() == 8
    listed = []
    for i in range(cities.count()):
        link = cities.nth(i)
        listed.append((link.get_attribute("href"), link.locator(".city-grid__en").inner_text(),
                       int(link.locator(".city-grid__count").inner_text().split()[0])))
    others = page.locator("article p", has=page.locator("a[href='cities/province-wide/']")).inner_text()
    total = sum(n for _, _, n in listed) + sum(int(n) for n in re.findall(r"\((\d+)\)", others))
    assert total == STORIES, "every story is under one city, or province-wide, or unplaced"

    for href, name, count in listed:           # every city link leads to that city's page and its stories
        assert re.fullmatch(r"cities/[a-z-]+/", href), href
        response = page.request.get(href)
        assert response.ok, href
        assert re.search(rf"<h1[^>]*>{re.escape(name)} ", response.text()), href
        assert response.text().count('<li class="story-item">') == count, href
    href, name, count = listed[0]              # and one of them, followed by a click and back again
    cities.first.click()
    page.wait_for_url(f"**/{href}")
    assert page.locator("h1").inner_text().startswith(name)
    assert page.locator("ol.story-list > li").count() == count
    page.go_back()
    assert _path(page) == "/" and page.locator("ul.home-counts").is_visible()


def test_every_place_page_is_reachable_from_cities(page, built_site):
    on_disk = {p.parent.relative_to(built_site).as_posix() + "/" for p in (built_site / "cities").rglob("index.html")}
    on_disk.discard("cities/")
    page.goto("cities/")
    # (an SVG link's href is an object: the map's links are resolved from their attribute)
    links = page.eval_on_selector_all("main a[href]", "as => as.map(a => new URL(a.getAttribute('href'), "
                                                      "location.href).href)")
    base = urljoin(page.url, "/")
    reachable = {u[len(base):].split("#")[0] for u in links if u.startswith(base + "cities/")}
    reachable.discard("cities/")
    assert on_disk and reachable == on_disk
    for address in sorted(on_disk):
        response = page.request.get(address)
        assert response.ok, address
        assert '<li class="story-item">' in response.text(), f"{address} lists no story"


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        for key in ("href", "src"):
            if attrs.get(key) and not (tag == "link" and attrs.get("rel") == "canonical"):
                self.links.append(attrs[key])


def test_every_internal_link_and_anchor_resolves(built_site):
    """Links written as raw HTML by the templates are not checked by `mkdocs build --strict`."""
    pages: dict[str, _Links] = {}
    for html in built_site.rglob("*.html"):
        parser = _Links()
        parser.feed(html.read_text(encoding="utf-8"))
        pages[html.relative_to(built_site).as_posix()] = parser
    broken = []
    for name, parser in pages.items():
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "javascript:")):
                continue
            target = urlsplit(urljoin("http://site/" + name, link))
            path = unquote(target.path).lstrip("/")
            if path == "" or path.endswith("/"):
                path += "index.html"
            if not (built_site / path).is_file():
                broken.append(f"{name}: {link} (no {path})")
            elif target.fragment and path in pages and unquote(target.fragment) not in pages[path].ids:
                broken.append(f"{name}: {link} (no #{unquote(target.fragment)} in {path})")
    assert not broken, "\n".join(broken)


def test_source_notes_end_with_one_full_stop(built_site):
    doubled = []
    for html in sorted(built_site.glob("stories/*/index.html")):
        text = html.read_text(encoding="utf-8")
        section = text[text.find('class="story-source"'):]
        section = re.sub(r"<[^>]+>", "", section[:section.find("</section>")])
        doubled += [f"{html.parent.name}: …{m.group(0)}" for m in re.finditer(r".{20}\.\.(?![.\d])", section)]
    assert not doubled, "\n".join(doubled)


# ---- phones and screenshots --------------------------------------------------------------------------------

def test_phone_pages_fit_the_screen(phone_page):
    too_wide = {}
    for address in ("", STORY, TRADITIONAL, "all/", "cities/", "cities/jinhua/", "themes/worker-assistance/"):
        phone_page.goto(address)
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        if width > phone_page.viewport_size["width"]:
            too_wide[address or "home"] = width
    assert not too_wide, f"pages that scroll sideways on a 390px phone: {too_wide}"


_BROKEN_WORDS = """table => {
    const broken = [];
    const walker = document.createTreeWalker(table.tBodies[0], NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const m of node.data.matchAll(/[A-Za-z]+/g)) {
            const range = document.createRange();
            range.setStart(node, m.index);
            range.setEnd(node, m.index + m[0].length);
            const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
            if (lines.size > 1) broken.push(m[0]);
        }
    }
    return broken;
}"""


def test_phone_all_stories_table_breaks_no_word(phone_page):
    phone_page.goto("all/")
    broken = phone_page.locator("table.all-stories").evaluate(_BROKEN_WORDS)
    assert not broken, f"words cut across lines: {sorted(set(broken))}"


def test_phone_story_puts_english_under_chinese(phone_page):
    phone_page.goto(STORY)
    first = phone_page.locator(".story-text .pair").first
    zh, en = first.locator("> .zh").bounding_box(), first.locator("> .en").bounding_box()
    assert en["y"] >= zh["y"] + zh["height"] - 1
    phone_page.get_by_role("button", name="English 英文").tap()
    _assert_mode(phone_page, "en")


SHOTS = [("home", "", None), ("story-both", STORY, "both"), ("story-zh", STORY, "zh"), ("story-en", STORY, "en"),
         ("story-traditional", TRADITIONAL, "both"), ("city", "cities/wenzhou/", None),
         ("theme", "themes/worker-assistance/", None), ("all-stories", "all/", None)]


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_screenshots_for_review(request, width):
    """Full-page screenshots in test-artifacts/screenshots/ (desktop-*.png, phone-*.png) for a human to look at."""
    page = request.getfixturevalue("page" if width == "desktop" else "phone_page")
    for name, address, mode in SHOTS:
        if _path(page) != "/" + address:
            page.goto(address)
        if mode:
            page.locator(f".reading-choice button[data-reading='{mode}']").click()
            _assert_mode(page, mode)
        path = screenshot(page, f"{width}-{name}")
        assert path.stat().st_size > 10_000


# ---- the guard every page fixture applies ------------------------------------------------------------------

def test_page_guard_catches_stray_requests_script_errors_and_missing_files(browser, site_server):
    context, page, recorder = _open_page(browser, site_server, DESKTOP)
    try:
        page.goto("")
        page.evaluate("""async () => {
            await fetch('http://127.0.0.2:9/elsewhere.js').catch(() => null);
            await fetch('no-such-file.js');
            setTimeout(() => { throw new Error('deliberate'); }, 0);
            await new Promise(done => setTimeout(done, 50));
        }""")
    finally:
        context.close()
    assert recorder.outside() == ["http://127.0.0.2:9/elsewhere.js"]
    assert any("HTTP 404" in p and p.endswith("/no-such-file.js") for p in recorder.problems), recorder.problems
    assert any("deliberate" in p for p in recorder.problems), recorder.problems


# ---- a fresh clone -----------------------------------------------------------------------------------------

def _tracked(path: Path) -> list[str] | None:
    try:
        out = subprocess.run(["git", "ls-files", "--", str(path)], cwd=ROOT, capture_output=True, text=True,
                             timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return out.stdout.split() if out.returncode == 0 else None


def test_theme_overrides_folder_is_in_the_repository():
    """Git keeps no empty folder: a custom_dir without a tracked file is missing from a fresh clone, and there
    `mkdocs build` aborts ("The path set in custom_dir ... does not exist")."""
    custom_dir = (load_mkdocs_config().get("theme") or {}).get("custom_dir")
    if not custom_dir:
        return
    tracked = _tracked(ROOT / custom_dir)
    if tracked is None:
        pytest.skip("not a git checkout")
    assert tracked, f"{custom_dir} holds no file under version control"
