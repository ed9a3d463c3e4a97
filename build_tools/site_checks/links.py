"""Link integrity of a built site: every internal link, script, stylesheet and image resolves, and every #anchor
exists on its page. Links to the site's own public address (site_url) count as internal."""
from __future__ import annotations

import multiprocessing
import os
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from build_tools.settings import SITE_URL


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []    # (tag, url)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(key):
                self.ids.add(attrs[key])
        for key in ("href", "src"):
            if attrs.get(key) and not (tag == "link" and attrs.get("rel") in ("preconnect", "dns-prefetch")):
                self.links.append((tag, attrs[key]))


@dataclass
class Report:
    pages: int = 0
    links: int = 0
    broken: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)


def _file_for(site: Path, path: str) -> Path | None:
    target = site / unquote(path).lstrip("/")
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def _check_page(job: tuple[Path, Path, str]):
    """One page: its ids, what is broken on it, the links external, and the #anchors to look for on other pages
    (target page, fragment, message)."""
    site, html, site_url = job
    base = urlsplit(site_url)
    page = _Page()
    page.feed(html.read_text(encoding="utf-8"))
    page_url = "/" + html.relative_to(site).as_posix()
    broken, external, anchors = [], [], []
    for tag, link in page.links:
        if link.startswith(("mailto:", "data:", "javascript:", "tel:")):
            if link.startswith("javascript:"):
                broken.append(f"{page_url}: javascript: link {link}")
            continue
        absolute = urljoin("http://site" + page_url, link)
        parts = urlsplit(absolute)
        if parts.netloc == base.netloc and parts.path.startswith(base.path):
            path = "/" + parts.path[len(base.path):]
        elif parts.netloc == "site":
            path = parts.path
        else:
            external.append(f"{page_url}: {link}")
            continue
        target = _file_for(site, path)
        if target is None:
            broken.append(f"{page_url}: {tag} {link} → {path} does not exist")
            continue
        if parts.fragment and target.suffix == ".html":
            fragment = unquote(parts.fragment)
            if fragment.startswith(":~:"):
                continue
            message = f"{page_url}: {link} → no #{fragment} on {path}"
            if target == html:
                if fragment not in page.ids:
                    broken.append(message)
            else:
                anchors.append((target.relative_to(site).as_posix(), fragment, len(broken), message))
    return page_url, frozenset(page.ids), len(page.links), broken, external, anchors


def check_site(site: Path, site_url: str = SITE_URL, workers: int | None = None) -> Report:
    """Every page is read once, by `workers` processes (default: the cores); only the ids of each page are kept,
    so the memory needed does not grow with the links of the site."""
    site = Path(site)
    pages = sorted(site.rglob("*.html"))
    ids: dict[str, frozenset] = {}
    report = Report(pages=len(pages))
    jobs = [(site, html, site_url) for html in pages]
    workers = workers or os.cpu_count() or 1
    if workers > 1 and len(jobs) > 200:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            scanned = list(_scan(pool.imap(_check_page, jobs, chunksize=64), ids, report))
    else:
        scanned = list(_scan(map(_check_page, jobs), ids, report))
    for broken, anchors in scanned:
        # a missing #anchor on another page is listed where the page's own check would have put it
        for target, fragment, at, message in reversed(anchors):
            if fragment not in ids.get(target, frozenset()):
                broken.insert(at, message)
        report.broken += broken
    return report


def _scan(checked, ids: dict, report: Report):
    for page_url, page_ids, links, broken, external, anchors in checked:
        ids[page_url.lstrip("/")] = page_ids
        report.links += links
        report.external += external
        yield broken, anchors


def main(argv: list[str] | None = None) -> int:
    site = Path((argv or sys.argv[1:] or ["site"])[0])
    report = check_site(site)
    for line in report.broken:
        print(f"broken: {line}")
    print(f"{report.pages} pages, {report.links} links, {len(report.broken)} broken, "
          f"{len(report.external)} to other hosts")
    return 1 if report.broken else 0


if __name__ == "__main__":
    sys.exit(main())
