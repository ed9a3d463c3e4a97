"""A build with nothing to do writes nothing (build_tools/build_stamp.py): when every input of the last build and
every file it wrote are as it left them. Any change to an input or an output, or a build asked to skip no work,
builds again."""
import os
import shutil

import pytest

from build_tools import pipeline
from build_tools.settings import TRANSLATIONS
from tests.bench.corpus import generate


@pytest.fixture
def project(tmp_path):
    generate(24, tmp_path / "sources", seed=11)
    (tmp_path / "translations").mkdir()
    shutil.copy(TRANSLATIONS / "glossary.yaml", tmp_path / "translations" / "glossary.yaml")
    return tmp_path


def build(project, **options):
    return pipeline.run_build(project / "sources", project / "build", project / "docs",
                              translations_dir=project / "translations", **options)


def times(folder):
    return {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def test_a_second_build_with_nothing_changed_does_nothing(project):
    assert build(project) is not None
    docs, out = times(project / "docs"), times(project / "build")
    assert build(project) is None                          # nothing read, nothing written
    assert times(project / "docs") == docs
    assert {p: t for p, t in times(project / "build").items() if p.name != "build-stamp.json"} == \
        {p: t for p, t in out.items() if p.name != "build-stamp.json"}


@pytest.mark.parametrize("change", ["source", "sidecar", "translation", "output removed", "output edited",
                                    "environment"])
def test_any_change_to_an_input_or_an_output_builds_again(project, change, monkeypatch):
    build(project)
    assert build(project) is None
    source = sorted((project / "sources").glob("*.txt"))[2]
    if change == "source":
        source.write_text(source.read_text(encoding="utf-8").replace("。", "。新增一句。", 1), encoding="utf-8")
    elif change == "sidecar":
        sidecar = source.with_suffix(".yaml")
        sidecar.write_text(sidecar.read_text(encoding="utf-8") + "\n# a curator's note\n", encoding="utf-8")
    elif change == "translation":
        (project / "translations" / "glossary.yaml").write_text(
            (project / "translations" / "glossary.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    elif change == "output removed":
        next((project / "docs" / "stories").glob("*/index.md")).unlink()
    elif change == "output edited":
        page = next((project / "docs" / "stories").glob("*/index.md"))
        page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    else:
        monkeypatch.setenv("ARCHIVE_CONTACT_EMAIL", "someone@example.org")
    assert build(project) is not None
    assert build(project) is None


def test_a_build_that_failed_half_way_leaves_no_stamp(project, monkeypatch):
    build(project)
    from build_tools.write import stage as write

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(write, "run", broken)
    source = sorted((project / "sources").glob("*.txt"))[0]
    source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with pytest.raises(OSError):
        build(project)
    monkeypatch.undo()
    assert not (project / "build" / "build-stamp.json").exists()
    assert build(project) is not None                       # the interrupted build's work is done again


def test_no_cache_always_builds(project):
    from build_tools.settings import Settings

    build(project)
    settings = Settings(sources=project / "sources", out=project / "build", docs=project / "docs",
                        translations=project / "translations", cache=False)
    assert pipeline.build(settings) is not None


def test_building_the_site_afterwards_does_not_make_the_next_build_redo_everything(project):
    """`make site` runs `archive site` after `archive build`: what the site step keeps in the build folder (its
    record and report) and the hand-written pages are not the archive build's outputs."""
    build(project)
    (project / "build" / "site-state.json").write_text("{}\n", encoding="utf-8")
    (project / "build" / "site-build.json").write_text("{}\n", encoding="utf-8")
    (project / "docs" / "about.md").write_text("# About\n", encoding="utf-8")
    assert build(project) is None
