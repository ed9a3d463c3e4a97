"""Reproducible builds and the link checker (on a site it must find broken)."""
from build_tools.site_checks.links import check_site
from build_tools.site_checks.verify import verify


def test_two_builds_are_byte_identical():
    assert verify() == []


def test_link_checker_finds_broken_links_and_anchors(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/">ok</a> <a href="a/#here">ok</a> <a href="a/#gone">x</a> '
                                         '<a href="missing/">x</a> <script src="js/x.js"></script>', encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text('<p id="here">a</p><a href="../index.html">up</a>', encoding="utf-8")
    report = check_site(tmp_path)
    assert sorted(report.broken) == sorted(["/index.html: a/#gone → no #gone on /a/",
                                     "/index.html: a missing/ → /missing/ does not exist",
                                     "/index.html: script js/x.js → /js/x.js does not exist"])
