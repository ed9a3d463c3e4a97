"""One source file through reading, cleaning, its sidecar and segmentation → a SourcePage with its articles."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from build_tools.chinese import to_simplified
from build_tools.ingest.clean import clean_lines, site_names_in
from build_tools.ingest.read import read_source
from build_tools.ingest.segment import rules, segment_page
from build_tools.ingest.sidecar import load_sidecar
from build_tools.articles import Article, Line, SetAside, SiteName, SourcePage

_ROLE_KIND = {"headline": "title", "kicker": "title", "subheadline": "title", "column": "title",
              "section_head": "title", "paragraph": "body", "continuation": "body", "caption": "body"}


def read_page(path: Path, display: str, use_corrections: bool = True) -> SourcePage:
    decoded = read_source(path, display)
    cleaned = clean_lines(decoded.lines)
    blank = {ln.number for ln in cleaned.lines if not ln.raw.strip(" \t\u00a0\u3000\ufeff")}
    sidecar = load_sidecar(path, display, len(decoded.lines), blank)
    page = SourcePage(path=display, sha256=decoded.sha256, encoding=decoded.encoding,
                      line_ending=decoded.line_ending, script=cleaned.script, lines=cleaned.lines,
                      sidecar=sidecar, cleaning=list(cleaned.removed), normalised=cleaned.normalised,
                      trimmed=list(cleaned.trimmed), site_names=list(cleaned.site_names))
    lines = list(cleaned.lines)
    forced: dict[int, dict] = {}
    split_before: set[int] = set()
    if use_corrections:
        for fix in sidecar.corrections:
            for n in fix.lines:
                if fix.role == "set_aside":
                    page.cleaning.append(SetAside(n, lines[n - 1].raw, f"set aside by the curator: {fix.reason}"
                                                  if fix.reason else "set aside by the curator"))
                    lines[n - 1] = Line(n, lines[n - 1].raw, "", "")
                elif fix.role == "start":
                    split_before.add(n)
                else:
                    forced[n] = {"role": fix.role, "kind": _ROLE_KIND[fix.role], "story": fix.story}
    seg = segment_page(lines, cleaned.script, forced, split_before, furniture={s.line for s in cleaned.removed
                                                                             if s.reason.startswith("web furniture")})
    page.layout = seg.layout + (", fragmentary" if seg.fragmentary else "")
    page.banner = seg.banner
    page.footer = seg.footer
    page.label = seg.label
    page.set_aside += seg.set_aside
    # navigation above a web page's headline often names the site (某某市总工会, 某某新闻网)
    page.site_names += [SiteName(name, item.line, "navigation") for item in seg.set_aside
                        if item.reason == rules().navigation_reason for name in site_names_in(to_simplified(item.text))]
    for line, message in seg.notes:
        page.warn(line, message)
    for article in seg.articles:
        article.source = display
        article.content_hash = content_hash(article)
    page.articles = seg.articles
    _account(page, lines)
    return page


def content_hash(article: Article) -> str:
    parts = [(e.kind, e.text) for e in article.elements()]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()[:16]


def claims(page: SourcePage) -> dict[int, list[str]]:
    """Which part of the archive holds each source line: a story, the page banner or footer, or the set-aside list."""
    owners: dict[int, list[str]] = {}
    for article in page.articles:
        for n in article.lines():
            owners.setdefault(n, []).append(f"story:{article.anchor}")
    for element in page.banner:
        for n in element.lines:
            owners.setdefault(n, []).append("page:banner")
    if page.footer:
        for n in page.footer["lines"]:
            owners.setdefault(n, []).append("page:footer")
    if page.label:
        for n in page.label["lines"]:
            owners.setdefault(n, []).append("page:label")
    for item in page.cleaning + page.set_aside:
        owners.setdefault(item.line, []).append("set-aside")
    return owners


def _account(page: SourcePage, lines: list[Line]) -> None:
    """Nothing is lost: a line no story took is set aside with that reason, and the report says so."""
    owners = claims(page)
    for line in lines:
        if line.text and line.number not in owners:
            page.set_aside.append(SetAside(line.number, line.raw, "not placed in any story by the segmenter"))
            page.warn(line.number, "line not placed in any story; add a correction to the sidecar")
