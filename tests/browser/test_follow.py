"""The pages for following the archive, built into a real site from a corpus with two releases, a withdrawn story
and a reprint: valid HTML (Nu checker), every link and anchor resolves, feeds served beside their pages."""
from __future__ import annotations

import json
import shutil
import subprocess

import feedparser
import pytest

from build_tools.site_checks.links import check_site
from build_tools.pipeline import run_build
from build_tools.settings import DOCS, ROOT, SOURCES, TRANSLATIONS
from tests.browser.conftest import _config_paths, _copy_missing, _hand_written, _mkdocs_build
from tests.browser.test_trust import STOCK_MATERIAL_ERRORS, VNU
from tests.test_releases import ADDED, CORRECTED, WITHDRAWN, release, second_state


@pytest.fixture(scope="module")
def follow_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("follow-site")
    shutil.copy2(ROOT / "mkdocs.yml", tmp / "mkdocs.yml")
    shutil.copytree(DOCS, tmp / "docs", ignore=_hand_written)
    _copy_missing(ROOT, tmp, _config_paths(ROOT / "mkdocs.yml"))
    shutil.copytree(SOURCES, tmp / "sources", ignore=shutil.ignore_patterns("004_*"))
    shutil.copytree(TRANSLATIONS, tmp / "translations")
    release(tmp, "2026.1", "2026-06-01")
    second_state(tmp)
    lines = next(SOURCES.glob("004_*.txt")).read_text(encoding="utf-8").splitlines()
    longest = max(range(len(lines)), key=lambda i: len(lines[i]))
    lines[longest] = lines[longest][: len(lines[longest]) // 2] + "。"
    (tmp / "sources" / "reprint.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp / "sources" / "reprint.yaml").write_text('outlet: zjgr\ndate: "2021-04-09"\n', encoding="utf-8")
    release(tmp, "2026.3", "2026-10-01")
    mp = pytest.MonkeyPatch()
    mp.setenv("ARCHIVE_RELEASES", str(tmp / "releases"))
    run_build(tmp / "sources", tmp / "build", tmp / "docs", record=False, translations_dir=tmp / "translations")
    mp.undo()
    return _mkdocs_build(tmp, "lunr")


def test_the_follow_pages_pass_the_nu_html_checker(follow_site):
    pages = [follow_site / p for p in (f"stories/{WITHDRAWN}/index.html", f"stories/{CORRECTED}/index.html",
                                       f"stories/{ADDED}/index.html", "releases/index.html", "data/index.html",
                                       "all/index.html", "themes/index.html", "index.html")]
    assert all(p.is_file() for p in pages)
    out = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages)],
                         capture_output=True, text=True, timeout=600)
    messages = [m for m in json.loads(out.stderr)["messages"] if m["message"] not in STOCK_MATERIAL_ERRORS]
    assert not messages, messages[:10]


def test_every_link_and_anchor_resolves(follow_site):
    report = check_site(follow_site)
    assert not report.broken, report.broken[:20]


def test_the_built_pages_show_history_reprints_notice_and_feeds(follow_site):
    withdrawn = (follow_site / f"stories/{WITHDRAWN}/index.html").read_text(encoding="utf-8")
    assert "This story has been withdrawn" in withdrawn and "#release-2026-1" in withdrawn
    added = (follow_site / f"stories/{ADDED}/index.html").read_text(encoding="utf-8")
    assert "Also printed in" in added and "Paragraphs that differ" in added and "Archive release 2026.3" in added
    theme = next((follow_site / "themes").glob("*/index.html")).read_text(encoding="utf-8")
    assert '<link rel="alternate feed" type="application/atom+xml"' in theme and 'href="feed.xml"' in theme
    for feed in follow_site.rglob("feed.xml"):
        assert not feedparser.parse(feed.read_bytes()).bozo, feed
