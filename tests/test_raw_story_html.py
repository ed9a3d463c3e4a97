"""The hook that spares pages written as HTML a second Markdown parse (overrides/hooks/raw_story_html.py) gives what
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
    page = SimpleNamespace(meta={}, file=SimpleNamespace(src_uri=uri))
    token = hook.on_page_markdown(body, page, None, None)
    if token == body:
        return None
    return hook.on_page_content(f"<p>{token}</p>", page, None, None)


@pytest.fixture(scope="module")
def story_pages(tmp_path_factory):
    docs = tmp_path_factory.mktemp("docs")
    for n, folder in enumerate((SOURCES, DEV_CORPUS)):
        write_site(attributed(folder), docs / str(n), memory=Memory.load(ROOT / "translations"))
    return sorted(docs.glob("*/**/*.md"))


def test_every_generated_page_written_as_html_is_what_markdown_makes_of_it(story_pages):
    md = _markdown()
    taken = []
    for path in story_pages:
        text = path.read_text(encoding="utf-8")
        body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
        md.reset()
        got = _through_hook(body, path.name)
        if got is None:
            assert "/stories/" not in path.as_posix(), f"{path}: a story page not taken by the hook"
            continue
        taken.append(path)
        assert got == md.convert(body), path
    assert sum("/stories/" in p.as_posix() for p in taken) > 150


def test_a_page_that_is_not_wholly_html_is_left_to_markdown():
    assert _through_hook("<p>x</p>\n\nSome *Markdown* text\n", "stories/a/index.md") is None
    assert _through_hook("# A heading\n\n<p>x</p>\n", "about.md") is None
