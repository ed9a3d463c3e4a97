"""Hostile and broken input (property-based): whatever a source contains, the build either succeeds and shows the
text literally, or stops with a clear error. Never a crash, never markup or script from a source in a page, never
front matter that parses to something else. `make fuzz` runs the same properties with thousands of examples."""
import html
import os
import re
from html.parser import HTMLParser

import markdown
import pytest
from mkdocs.utils.meta import get_data
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools.attribute.story import attribute_catalog
from build_tools.errors import ArchiveError
from build_tools.records import catalog_records
from build_tools.ingest.stage import ingest
from build_tools.translate.memory import Memory
from build_tools.write.pages import build_pages

settings.register_profile("ci", max_examples=100, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("fuzz", max_examples=3000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

NASTY = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "{{ config }}",
    "{% include 'x' %}", "---", "<!-- material/tags -->", "<!-- material/tags { include: [x] } -->", ": ", "yes",
    "null", "*ref", "&anchor", "!tag", "# heading", "```", "</div></article>", "&lt;b&gt;", "\u202eevil", "\u200f",
    "\u200b", "\ufeff", "\ufffd", "。。。。", "——", "“", "》", "本报讯", "记者", "报道", "摄", "|a|b|", "\\", "%",
    "<style>*{}</style>", "javascript:alert(1)", "\"'><svg onload=alert(1)>",
]
pieces = st.one_of(st.sampled_from(NASTY), st.text(st.characters(blacklist_categories=("Cs",)), max_size=30),
                   st.text(alphabet="工会职工技能竞赛总工会鹿城新昌。，“”！？ ", max_size=30))
lines = st.lists(pieces, min_size=1, max_size=4).map("".join)
pages = st.tuples(lines, st.lists(lines, min_size=1, max_size=6), st.booleans())
names = st.sampled_from(["page.txt", "with space.txt", "中文 名.txt", "..dots.txt", "-leading-dash.txt",
                         "a'quote.txt", "<b>.txt"])

ALLOWED_TAGS = {"article", "header", "p", "span", "h1", "h2", "h3", "dl", "dt", "dd", "div", "a", "cite", "time",
                "button", "aside", "strong", "em", "figure", "figcaption", "nav", "ol", "ul", "li", "section",
                "code", "br", "small", "i", "table", "thead", "tbody", "tr", "th", "td", "hr"}


class Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems, self.text = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"attribute {name}={value!r} on <{tag}>")

    def handle_data(self, data):
        self.text.append(data)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def build(folder, name, text):
    (folder / name).write_text(text, encoding="utf-8")
    (folder / name).with_suffix(".yaml").write_text("outlet: zjgr\n", encoding="utf-8")
    catalog = ingest(folder, record=False)
    attribute_catalog(catalog)
    return catalog, build_pages(catalog_records(catalog), Memory())


def check_pages(catalog, pages):
    for article in catalog.articles:
        page = pages[f"stories/{article.id}/index.md"]
        body, meta = get_data(page)          # front matter read exactly as MkDocs reads it
        assert isinstance(meta["title"], str)
        shown = html.unescape(meta["title"])
        assert article.headline is None or article.headline.text in shown
        rendered = markdown.markdown(body, extensions=["attr_list", "tables", "toc"])
        parser = Tags()
        parser.feed(rendered)
        assert not parser.problems, parser.problems
        visible = _squash("".join(parser.text))
        for element in article.elements():
            if element.kind in ("byline", "credit"):
                continue       # shown as people with roles ("Reporter Wang Xiaoming 王小明 记者"), checked below
            assert _squash(element.text) in visible, element.text
        for person in article.bylines:
            assert _squash(person.name) in visible and _squash(person.role_zh) in visible


@given(page=pages, name=names)
def test_any_source_builds_literally_or_stops_with_a_clear_error(tmp_path_factory, page, name):
    headline, body, with_byline = page
    text = headline + "\n\n" + ("本报讯 记者王小明报道 " if with_byline else "") + "\n\n".join(body) + "\n"
    folder = tmp_path_factory.mktemp("src")
    try:
        catalog, pages_ = build(folder, name, text)
    except ArchiveError as err:
        assert str(err).startswith(name) or name in str(err)
        return
    check_pages(catalog, pages_)


def test_adversarial_source_kept_in_tests_builds_with_everything_as_text(tmp_path):
    text = (pytest.importorskip("pathlib").Path(__file__).parent / "data" / "adversarial.txt").read_text(encoding="utf-8")
    catalog, pages_ = build(tmp_path, "adversarial.txt", text)
    assert len(catalog.articles) >= 2
    check_pages(catalog, pages_)
    everything = "".join(pages_[f"stories/{a.id}/index.md"] for a in catalog.articles)
    for needle in ("&lt;script&gt;", "{{ config.site_name }}", "&lt;!-- material/tags --&gt;", "onerror=alert"):
        assert needle in everything


@pytest.mark.parametrize("headline", ["<script>alert(1)</script>---", "yes", "null", ": x", "*ref", "&anchor", "!tag",
                                      "--- fake front matter", "'quoted'", "{{ config }}"])
def test_yaml_and_fence_lookalikes_in_a_headline_stay_one_string(tmp_path, headline):
    """Regression (found by the fuzz run): a headline ending in --- must not end the front matter early."""
    catalog, pages_ = build(tmp_path, "page.txt", f"{headline}\n\n本报讯 记者王小明报道 正文。\n")
    [article] = catalog.articles
    _, meta = get_data(pages_[f"stories/{article.id}/index.md"])
    assert html.unescape(meta["title"]) == headline
    assert set(meta) >= {"title", "story_id", "tags"} and meta["story_id"] == article.id
