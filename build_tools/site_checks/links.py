"""Link integrity of a built site: every internal link, script, stylesheet and image resolves, and every #anchor
exists on its page. Links to the site's own public address (site_url) count as internal."""
from __future__ import annotations

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


def check_site(site: Path, site_url: str = SITE_URL) -> Report:
    site = Path(site)
    base = urlsplit(site_url)
    parsed: dict[Path, _Page] = {}
    for html in sorted(site.rglob("*.html")):
        page = _Page()
        page.feed(html.read_text(encoding="utf-8"))
        parsed[html] = page
    report = Report(pages=len(parsed))
    for html, page in parsed.items():
        page_url = "/" + html.relative_to(site).as_posix()
        for tag, link in page.links:
            report.links += 1
            if link.startswith(("mailto:", "data:", "javascript:", "tel:")):
                if link.startswith("javascript:"):
                    report.broken.append(f"{page_url}: javascript: link {link}")
                continue
            absolute = urljoin("http://site" + page_url, link)
            parts = urlsplit(absolute)
            if parts.netloc == base.netloc and parts.path.startswith(base.path):
                path = "/" + parts.path[len(base.path):]
            elif parts.netloc == "site":
                path = parts.path
            else:
                report.external.append(f"{page_url}: {link}")
                continue
            target = _file_for(site, path)
            if target is None:
                report.broken.append(f"{page_url}: {tag} {link} → {path} does not exist")
                continue
            if parts.fragment and target.suffix == ".html":
                fragment = unquote(parts.fragment)
                if fragment not in parsed[target].ids and not fragment.startswith(":~:"):
                    report.broken.append(f"{page_url}: {link} → no #{fragment} on {path}")
    return report


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
