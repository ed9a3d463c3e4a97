"""Duplicates across sources: an identifier two stories claim, a page captured twice, a story printed twice.

An identifier is a story's permanent address, so two stories with the same one would overwrite one page: that
stops the build, naming both sidecars and lines. A source byte for byte identical to another is published once
(the first by name), with a warning naming both; two stories of the same text are both published, with a warning.
"""
from __future__ import annotations

from build_tools.errors import SidecarError


def drop_identical_sources(pages: list, files: list) -> tuple[list, list, list[tuple[str, str]]]:
    """(pages, files) without byte-identical copies, and (copy, original) for each copy dropped."""
    first: dict[str, object] = {}
    kept_pages, kept_files, dropped = [], [], []
    for page, path in zip(pages, files):
        original = first.get(page.sha256)
        if original is not None:
            dropped.append((page.path, original.path))
            original.warn(None, f"{page.path} is a byte-identical copy of this source: published once, "
                                f"from {original.path}; remove the copy")
            continue
        first[page.sha256] = page
        kept_pages.append(page)
        kept_files.append(path)
    return kept_pages, kept_files, dropped


def check_registers(pages: list) -> None:
    """No identifier is registered in two sidecars (a source copied with its sidecar)."""
    seen: dict[str, tuple[str, int | None]] = {}
    for page in pages:
        info = page.sidecar
        lines = info.register_lines or [None] * len(info.register)
        for entry, line in zip(info.register, lines):
            other = seen.get(entry["id"])
            if other is not None:
                raise SidecarError(info.path, f"identifier {entry['id']} is also registered in {other[0]}:{other[1]}",
                                   line=line, hint="a source was copied with its sidecar: give the copy its own "
                                                   "sidecar without the stories: register (new identifiers are "
                                                   "minted), or remove the copy")
            seen[entry["id"]] = (info.path, line)


def check_identifiers(pages: list) -> None:
    """After identifiers are given: every story has its own (the last guard before pages are keyed by address)."""
    seen: dict[str, tuple[str, int]] = {}
    for page in pages:
        for article in page.articles:
            other = seen.get(article.id)
            if other is not None:
                raise SidecarError(page.sidecar.path, f"story at {page.path}:{article.anchor} has identifier "
                                                      f"{article.id}, like the story at {other[0]}:{other[1]}",
                                   hint="two stories cannot share an identifier; fix the stories: registers")
            seen[article.id] = (page.path, article.anchor)


def warn_same_text(pages: list) -> None:
    """Two stories with the same text (in one source or two): both kept, both named."""
    by_text: dict[str, tuple] = {}
    for page in pages:
        for article in page.articles:
            text = "\n".join(e.text for e in article.body if e.kind == "paragraph")
            if not text:
                continue
            other = by_text.get(text)
            if other is None:
                by_text[text] = (page, article)
                continue
            first_page, first = other
            message = (f"story {article.id} ({page.path}:{article.anchor}) has the same text as story {first.id} "
                       f"({first_page.path}:{first.anchor}): printed twice, or captured twice?")
            page.warn(article.anchor, message)
            if first_page is not page:
                first_page.warn(first.anchor, message)
