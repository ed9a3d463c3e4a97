"""MkDocs hook: the HTML the archive writes goes to the browser without a second Markdown parse.

The archive writes the body of each story page, and most of every generated page, as HTML (build_tools/templates),
so Python-Markdown has nothing to convert in it: it only hands each raw HTML block to Python's HTML parser, stashes
it and puts it back, a large part of `mkdocs build`. Here each run of HTML in a page (lines that are blank or start
with a tag, between blank lines, its block-level elements closed within it) is set aside before Markdown runs and a
placeholder paragraph left in its place; Markdown converts what remains (headings, with their ids, permalinks and
table of contents; Markdown tables; prose), and the runs are put back as Markdown would have output them: their HTML
blocks (runs of non-blank lines) in order, one blank line between them. tests/test_raw_story_html.py checks, on every
page the archive writes for the seeds and the development corpus, that this is what Python-Markdown with the site's
extensions gives; anything that is not such a run is left to Markdown."""
from __future__ import annotations

import re

_runs: dict[str, list[str]] = {}
_TOKEN = "ARCHIVERAWHTML{}X"
_PLACEHOLDER = re.compile(r"<p>ARCHIVERAWHTML(\d+)X</p>")
# Python-Markdown's block-level elements that a raw run must close before it ends (else Markdown would carry the
# raw block past the run's last line)
_CONTAINERS = ("address", "article", "aside", "blockquote", "details", "dialog", "div", "dl", "fieldset",
               "figcaption", "figure", "footer", "form", "header", "hgroup", "main", "nav", "ol", "p", "pre",
               "section", "table", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dd", "dt", "summary", "svg",
               "tbody", "thead", "tr", "td", "th", "script", "style")
_OPEN = re.compile(r"<(" + "|".join(_CONTAINERS) + r")[\s>]")
_CLOSE = re.compile(r"</(" + "|".join(_CONTAINERS) + r")>")
_BLOCK_START = re.compile(r"<(" + "|".join(_CONTAINERS) + r"|hr|!--)[\s>/]")


def _closed(run: list[str]) -> bool:
    text = "\n".join(run)
    if not _BLOCK_START.match(text):        # an inline tag first: Markdown would wrap the run in a paragraph
        return False
    opened: dict[str, int] = {}
    for m in _OPEN.finditer(text):
        opened[m.group(1)] = opened.get(m.group(1), 0) + 1
    for m in _CLOSE.finditer(text):
        opened[m.group(1)] = opened.get(m.group(1), 0) - 1
    return not any(opened.values())


def split_runs(markdown: str) -> tuple[str, list[str]]:
    """The page with each raw HTML run replaced by a placeholder paragraph, and the runs in order."""
    lines = markdown.splitlines()
    out: list[str] = []
    runs: list[str] = []
    i = 0
    while i < len(lines):
        at_boundary = i == 0 or not lines[i - 1].strip()
        if at_boundary and lines[i].startswith("<"):
            j = i
            while j < len(lines) and (not lines[j].strip() or lines[j].startswith("<")):
                j += 1
            run = lines[i:j]
            while run and not run[-1].strip():
                run.pop()
            end = i + len(run)
            if (end == len(lines) or not lines[end].strip()) and _closed(run):
                out.append(_TOKEN.format(len(runs)))
                runs.append("\n\n".join(_blocks(run)))
                out.extend(lines[end:j])
                i = j
                continue
        out.append(lines[i])
        i += 1
    return "\n".join(out) + ("\n" if markdown.endswith("\n") else ""), runs


def on_page_markdown(markdown, page, config, files):
    rest, runs = split_runs(markdown)
    if not runs:
        return markdown
    _runs[page.file.src_uri] = runs
    return rest


def on_page_content(html, page, config, files):
    runs = _runs.pop(page.file.src_uri, None)
    if runs is None:
        return html
    # Markdown ends each raw block with a newline before the one between elements, and strips the page's end
    return _PLACEHOLDER.sub(lambda m: runs[int(m.group(1))] + "\n", html).rstrip("\n")


def _blocks(lines: list[str]):
    """The HTML blocks of a run: runs of non-blank lines."""
    block: list[str] = []
    for line in lines:
        if line.strip():
            block.append(line)
        elif block:
            yield "\n".join(block)
            block = []
    if block:
        yield "\n".join(block)
