"""The hook that spares the HTML the archive writes a second Markdown parse (overrides/hooks/raw_story_html.py) gives
what Python-Markdown, with the site's extensions, makes of the page: checked on every page written for the seeds and
for the development corpus of real page shapes, and on runs of HTML that Markdown would read otherwise (left to it)."""
import importlib.util
from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest

from build_tools.pipeline import attributed
from build_tools.settings import DEV_CORPUS, ROOT, SOURCES
from build_tools.translate.memory import Memory
from build_tools.write.pages import write_site
from tests.browser.conftest import load_mkdocs_config

spec = importlib.util.spec_from_file_location("raw_story_html", ROOT / "overrides" / "hooks" / "raw_story_html.py")
hook = importlib.util.module_from_spec(spec)
spec.loader.exec_module(hook)


def _markdown() -> markdown.Markdown:
    config = load_mkdocs_config()
    names, options = [], {}
    for ext in config["markdown_extensions"]:
        name, opts = next(iter(ext.items())) if isinstance(ext, dict) else (ext, {})
        names.append(name)
        options[name] = opts or {}
    return markdown.Markdown(extensions=names, extension_configs=options)


def _through_hook(body: str, uri: str, md: markdown.Markdown | None = None) -> str | None:
    """The page as MkDocs gives it with the hook: Markdown converts what the hook leaves, the hook puts the HTML back.
    None when the hook takes nothing from the page."""
    page = SimpleNamespace(meta={}, file=SimpleNamespace(src_uri=uri))
    rest = hook.on_page_markdown(body, page, None, None)
    if rest == body:
        return None
    md = md or _markdown()
    md.reset()
    return hook.on_page_content(md.convert(rest), page, None, None)


@pytest.fixture(scope="module")
def story_pages(tmp_path_factory):
    docs = tmp_path_factory.mktemp("docs")
    for n, folder in enumerate((SOURCES, DEV_CORPUS)):
        write_site(attributed(folder), docs / str(n), memory=Memory.load(ROOT / "translations"))
    return sorted(docs.glob("*/**/*.md"))


def test_every_generated_page_is_what_markdown_makes_of_it(story_pages):
    md = _markdown()
    taken = []
    for path in story_pages:
        text = path.read_text(encoding="utf-8")
        body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
        got = _through_hook(body, path.name, md)
        if got is None:
            assert "/stories/" not in path.as_posix(), f"{path}: a story page not taken by the hook"
            continue
        taken.append(path)
        md.reset()
        assert got == md.convert(body), path
    assert sum("/stories/" in p.as_posix() for p in taken) > 150
    assert sum("/entities/" in p.as_posix() for p in taken) > 100     # a heading in Markdown, the rest HTML


@pytest.mark.parametrize("body", [
    "<p>x</p>\n\nSome *Markdown* text\n",
    "# A heading\n\n<p>x</p>\n",
    "<div>\n\nInside a div\n\n</div>\n\n<p>after</p>\n",          # a block left open across Markdown lines
    "<span>inline first</span>\n<p>x</p>\n",                         # Markdown makes a paragraph of it
    "Text\n<div>x</div>\n\n<ol>\n<li>a</li>\n\n<li>b</li>\n</ol>\n",  # no blank line before the first run
    "<!-- note -->\n<table><tr><td>1</td></tr></table>\n",
])
def test_runs_markdown_would_read_otherwise_are_left_to_it(body):
    md = _markdown()
    got = _through_hook(body, "about.md", md)
    md.reset()
    assert got is None or got == md.convert(body)


def test_a_page_without_raw_html_runs_is_left_whole():
    assert _through_hook("Some *Markdown*\n\n# A heading\n", "about.md") is None
    assert _through_hook("<span>x</span> inline first\n", "about.md") is None
