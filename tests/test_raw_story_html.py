"""The hook that spares story pages a second Markdown parse (overrides/hooks/raw_story_html.py) gives what
Python-Markdown, with the site's extensions, makes of them: checked on every story page of the seeds and of the
development corpus of real page shapes, and on a page that is not wholly HTML (left to Markdown)."""
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


def _through_hook(body: str, uri: str) -> str | None:
    page = SimpleNamespace(meta={"story_id": "x"}, file=SimpleNamespace(src_uri=uri))
    token = hook.on_page_markdown(body, page, None, None)
    if token == body:
        return None
    return hook.on_page_content(f"<p>{token}</p>", page, None, None)


@pytest.fixture(scope="module")
def story_pages(tmp_path_factory):
    docs = tmp_path_factory.mktemp("docs")
    for n, folder in enumerate((SOURCES, DEV_CORPUS)):
        write_site(attributed(folder), docs / str(n), memory=Memory.load(ROOT / "translations"))
    return sorted(docs.glob("*/stories/*/index.md"))


def test_every_story_page_is_what_markdown_makes_of_it(story_pages):
    assert len(story_pages) > 150
    md = _markdown()
    for path in story_pages:
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        md.reset()
        got = _through_hook(body, "stories/" + path.parent.name + "/index.md")
        assert got is not None, f"{path}: not taken by the hook"
        assert got == md.convert(body), path


def test_a_page_that_is_not_wholly_html_is_left_to_markdown():
    assert _through_hook("<p>x</p>\n\nSome *Markdown* text\n", "stories/a/index.md") is None
    page = SimpleNamespace(meta={}, file=SimpleNamespace(src_uri="cities/index.md"))
    assert hook.on_page_markdown("<p>x</p>\n", page, None, None) == "<p>x</p>\n"
