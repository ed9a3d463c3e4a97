"""MkDocs hook: pages written as HTML go to the browser without a second Markdown parse.

The archive writes the body of each story page, and of most generated pages, as HTML (build_tools/templates), so
Python-Markdown has nothing to convert in them: it only stashes each raw HTML block and puts it back, a large part of
`mkdocs build`. Here the body of a page that is wholly HTML (every line blank or starting with a tag) is set aside
before Markdown runs and put back as Markdown would have output it: its HTML blocks (runs of non-blank lines) in
order, one blank line between them. tests/test_raw_story_html.py checks, on every story page of the seeds and of the
development corpus, that this is what Python-Markdown with the site's extensions gives; a page that is not wholly
HTML is left to Markdown."""
from __future__ import annotations

_bodies: dict[str, str] = {}
_TOKEN = "ARCHIVE-RAW-STORY-HTML"


def _html_only(markdown: str) -> bool:
    return all(not line.strip() or line.startswith("<") for line in markdown.splitlines())


def on_page_markdown(markdown, page, config, files):
    if _html_only(markdown):
        _bodies[page.file.src_uri] = markdown
        return _TOKEN
    return markdown


def on_page_content(html, page, config, files):
    body = _bodies.pop(page.file.src_uri, None)
    if body is None:
        return html
    return "\n\n".join(_blocks(body))


def _blocks(markdown: str):
    """The HTML blocks of the body: runs of non-blank lines."""
    block: list[str] = []
    for line in markdown.splitlines():
        if line.strip():
            block.append(line)
        elif block:
            yield "\n".join(block)
            block = []
    if block:
        yield "\n".join(block)
