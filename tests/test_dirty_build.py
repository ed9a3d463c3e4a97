"""`archive site --dirty` (build_tools/site_build/dirty.py): after each kind of change an archivist makes (a story
added, a headline corrected, a translation changed, a story withdrawn, a template changed), the archive is written
again and the site built dirty where that is safe; a clean build of the same pages into another folder gives the
same files, byte for byte, every one of them (search index, sitemap, search-engine.json included). The seed
archive with lunr, the engine `make site` picks at that size, and with ARCHIVE_SEARCH=pagefind (the engine of a
larger archive): its bundle is compared byte for byte but for the few files Pagefind does not write the same twice
(see _UNREPRODUCIBLE)."""
from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools.pipeline import run_build
from build_tools.settings import ROOT
from build_tools.site_build.build import build_site
from build_tools.site_build.dirty import STATE_FILE
from tests.test_site_build import HAND_WRITTEN

_spec = importlib.util.spec_from_file_location("search_index", ROOT / "overrides" / "hooks" / "search_index.py")
search_index = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(search_index)

# the project's inputs, copied: every change below is made to the copy
PROJECT = ("mkdocs.yml", "overrides", "sources", "translations")
NEW_SOURCE = ROOT / "tests" / "data" / "pages" / "a01_epaper_zjgr"
PAGE_001 = "001_4279732059864d8e"
STORY = "zjgr-28d2cd"                          # 温州鹿城“娘家人”走访送关怀, on page 001
WITHDRAWN = "zjgr-a7fdaf"                      # on page 001 too; the only story of 德清县 and of four entities


class Project:
    def __init__(self, root: Path):
        self.root = root
        for name in PROJECT:
            (shutil.copytree if (ROOT / name).is_dir() else shutil.copy2)(ROOT / name, root / name)
        (root / "docs").mkdir()
        for name in HAND_WRITTEN:
            (shutil.copytree if (ROOT / "docs" / name).is_dir() else shutil.copy2)(ROOT / "docs" / name,
                                                                                 root / "docs" / name)

    def write(self) -> None:
        run_build(self.root / "sources", self.root / "build", self.root / "docs", record=False,
                  translations_dir=self.root / "translations")

    def site(self, dirty: bool) -> dict:
        """`archive site [--dirty]` into site/; a clean build of the same pages into clean/ (its own record)."""
        return build_site(self.root / "docs", self.root / "site", self.root / "build", self.root / "mkdocs.yml",
                          dirty=dirty)

    def clean(self) -> dict:
        return build_site(self.root / "docs", self.root / "clean", self.root / "build-clean",
                          self.root / "mkdocs.yml")

    def edit(self, rel: str, old: str, new: str) -> None:
        path = self.root / rel
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, (rel, old)
        path.write_text(text.replace(old, new), encoding="utf-8")


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


# Pagefind does not give the same bytes twice from the same site (its filter files, their names, the metadata file
# and pagefind-entry.json, which names them, differ between two clean builds): those are compared by count, and
# search-engine.json without the bundle's size
_UNREPRODUCIBLE = re.compile(r"pagefind/(filter/.*|pagefind\.[^/]*\.pf_meta|pagefind-entry\.json)")


def _comparable(files: dict[str, bytes]) -> dict[str, bytes]:
    out = {k: v for k, v in files.items() if not _UNREPRODUCIBLE.fullmatch(k)}
    out["pagefind files compared by count"] = str(len(files) - len(out)).encode()
    if "search-engine.json" in out:
        engine = json.loads(out["search-engine.json"])
        engine.pop("pagefind_bundle_bytes", None)
        out["search-engine.json"] = json.dumps(engine).encode()
    return out


def _differences(a: Path, b: Path) -> dict[str, list[str]]:
    one, two = _comparable(_files(a)), _comparable(_files(b))
    return {"only in the dirty build": sorted(one.keys() - two.keys()),
            "only in the clean build": sorted(two.keys() - one.keys()),
            "different": sorted(k for k in one.keys() & two.keys() if one[k] != two[k])}


def _stamps(site: Path) -> dict[str, int]:
    """The times of the pages' files (404.html, a theme template, is written by every build)."""
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*.html")
            if p.name != "404.html"}


# ---- the changes ------------------------------------------------------------------------------------------------

def add_story(p: Project) -> None:
    for suffix in (".txt", ".yaml"):
        shutil.copy2(NEW_SOURCE.with_suffix(suffix), p.root / "sources" / f"a01_epaper_zjgr{suffix}")


def correct_headline(p: Project) -> None:
    """The source's headline line fixed (a curator's correction of the capture) and the story's summary given in
    its sidecar's overrides."""
    p.edit(f"sources/{PAGE_001}.txt", "温州鹿城“娘家人”走访送关怀\n", "温州鹿城“娘家人”走访送温暖\n")
    p.edit(f"sources/{PAGE_001}.yaml", "\ncorrections:\n",
           f"\noverrides:\n  {STORY}: {{summary: Lucheng's union visits 55 households of workers in hardship.}}"
           "\ncorrections:\n")


def change_translation(p: Project) -> None:
    p.edit(f"translations/{STORY}.yaml", "has visited a total of 55 households", "has so far visited 55 households")


def withdraw_story(p: Project) -> None:
    p.edit(f"sources/{PAGE_001}.yaml", "\ncorrections:\n",
           f"\nwithdrawn:\n  {WITHDRAWN}: printed twice; the other printing is the archive's\ncorrections:\n")


def change_template(p: Project) -> None:
    p.edit("overrides/partials/copyright.html", "{#-", "<!-- the archive's footer -->\n{#-")


CHANGES = [("a story added", add_story, True), ("a headline corrected", correct_headline, True),
           ("a translation changed", change_translation, True), ("a story withdrawn", withdraw_story, True),
           ("a template changed", change_template, False)]


@pytest.fixture(scope="module", params=["lunr", "pagefind"])
def project(request, tmp_path_factory):
    root = tmp_path_factory.mktemp(f"dirty-{request.param}")
    env = {"SOURCE_DATE_EPOCH": "1700000000", "ARCHIVE_JIEBA_DICT": str(root / "build" / "jieba_user_dict.txt"),
           "ARCHIVE_SEARCH": request.param}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    p = Project(root)
    p.write()
    first = p.site(dirty=True)
    assert first["dirty"] is False and "no record" in first["why"]
    yield p
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


def test_a_dirty_build_gives_the_clean_builds_site_after_each_kind_of_change(project):
    p = project
    engine = os.environ["ARCHIVE_SEARCH"]
    kinds = CHANGES if engine == "lunr" else [c for c in CHANGES if c[0] in ("a story added", "a story withdrawn")]
    dictionary = p.root / "build" / "jieba_user_dict.txt"
    for name, change, safe in kinds:
        words = dictionary.read_bytes()
        change(p)
        p.write()
        # with lunr a new name in the jieba dictionary cuts every story's index entry anew: a clean build
        dirty = safe and (engine == "pagefind" or dictionary.read_bytes() == words)
        before = _stamps(p.root / "site")
        report = p.site(dirty=True)
        assert report["dirty"] is dirty, (name, report["why"])
        assert dirty or not safe or "jieba" in report["why"]
        p.clean()
        assert _differences(p.root / "site", p.root / "clean") == {
            "only in the dirty build": [], "only in the clean build": [], "different": []}, name
        after = _stamps(p.root / "site")
        untouched = [k for k in before.keys() & after.keys() if before[k] == after[k]]
        if dirty:                       # most pages were not rendered again
            assert len(untouched) > len(after) / 2, name
        else:
            assert untouched == [], name
    site = _files(p.root / "site")
    assert ("search/search_index.json" in site) is (engine == "lunr")
    assert ("pagefind/pagefind-entry.json" in site) is (engine == "pagefind")
    assert f"stories/{WITHDRAWN}/index.html" in site and "cities/huzhou/deqing/index.html" not in site
    if engine == "lunr":
        index = json.loads(site["search/search_index.json"])
        pages = sorted(k[:-len("index.html")] for k in site if k.startswith("stories/") and k.endswith("/index.html"))
        assert [d["location"] for d in index["docs"]] == pages          # the withdrawal notice too, as when clean


def test_nothing_changed_nothing_rendered_again(project, monkeypatch):
    """Nothing changed: MkDocs is not even started. Only SOURCE_DATE_EPOCH changed (the sitemap's dates): a dirty
    build, which renders no page again."""
    before = _stamps(project.root / "site")
    report = project.site(dirty=True)
    assert report["dirty"] is True and report["why"] == "nothing changed" and report["jobs"] == []
    assert _stamps(project.root / "site") == before
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(os.environ.get("SOURCE_DATE_EPOCH", "0")) + 86400))
    report = project.site(dirty=True)
    assert report["dirty"] is True and report["why"].startswith("0 files") and report["jobs"]
    pages = {k: v for k, v in _stamps(project.root / "site").items() if k.endswith("index.html")}
    assert pages == {k: v for k, v in before.items() if k.endswith("index.html")}


def test_a_site_built_by_something_else_is_built_clean_next(project):
    """A plain `mkdocs build` into site/ (the record's sitemap stamp no longer matches), or no record at all."""
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-d", str(project.root / "site")],
                          cwd=project.root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    report = project.site(dirty=True)
    assert report["dirty"] is False and "not built by" in report["why"]
    (project.root / "build" / STATE_FILE).unlink()
    assert project.site(dirty=True)["dirty"] is False
    assert project.site(dirty=True)["dirty"] is True


def test_a_plain_strict_dirty_build_still_fails_on_mkdocs_warning(project):
    """Only a dirty build that dirty.py checked drops MkDocs' warning that dirty builds may be inaccurate."""
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--dirty", "-d",
                           str(project.root / "plain")], cwd=project.root,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True)
    assert done.returncode != 0 and "'dirty' build is being performed" in done.stderr


def test_the_search_index_of_a_dirty_build_keeps_the_order_of_the_pages():
    previous = {u: {"location": u, "title": f"old {u}"} for u in ("stories/a/", "stories/b/", "stories/c/")}
    fresh = [{"location": "stories/b/", "title": "new b"}, {"location": "stories/d/", "title": "new d"}]
    merged = search_index.merge(fresh, previous, ["stories/a/", "stories/b/", "stories/d/", "stories/e/"],
                   {"stories/b/", "stories/d/", "stories/e/"})
    assert [d["title"] for d in merged] == ["old stories/a/", "new b", "new d"]     # c removed, e has no entry
    with pytest.raises(Exception, match="no previous search"):
        search_index.merge(fresh, None, ["stories/a/"], set())
