"""The `archive` command on any folder of sources, and its errors."""
import json
import shutil
import subprocess
import sys

from tests.conftest import ROOT, write_source


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "build_tools.cli", *args], capture_output=True, text=True, cwd=cwd)


def test_ingest_any_folder(tmp_path):
    src = tmp_path / "in"
    write_source(src, "page one.txt", "衢州柯城工会举办职工运动会\n\n本报讯 记者王小明报道 近日，柯城区总工会举办职工运动会。\n",
                 sidecar=None)
    result = run("ingest", "--sources", str(src), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    catalog = json.loads((tmp_path / "out" / "catalog.json").read_text(encoding="utf-8"))
    assert [s["headline"]["text"] for s in catalog["stories"]] == ["衢州柯城工会举办职工运动会"]
    report = (tmp_path / "out" / "ingest-report.md").read_text(encoding="utf-8")
    assert "page one.txt" in report and "Encoding: UTF-8" in report and "no sidecar" in report
    assert "[1/1] reading page one.txt" in result.stderr          # progress is shown
    # the minted identifier was recorded, so a second run mints nothing
    assert "stories:" in (src / "page one.yaml").read_text(encoding="utf-8")
    assert "minted" not in run("ingest", "--sources", str(src), "--out", str(tmp_path / "out")).stderr


def test_a_broken_file_stops_with_its_name_and_a_hint(tmp_path):
    write_source(tmp_path / "in", "bad.txt", b"\x00\x01\x02binary", sidecar=None)
    result = run("ingest", "--sources", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--no-record")
    assert result.returncode == 2
    assert "error: bad.txt:1: binary data" in result.stderr
    assert "→" in result.stderr


def test_translate_and_write_run_from_the_catalog_alone(tmp_path):
    src = tmp_path / "in"
    write_source(src, "page.txt", "衢州柯城工会举办职工运动会\n\n本报讯 记者王小明报道 近日，柯城区总工会举办职工运动会。\n")
    out, docs, memory = tmp_path / "out", tmp_path / "docs", tmp_path / "translations"
    memory.mkdir()
    (memory / "glossary.yaml").write_text((ROOT / "translations" / "glossary.yaml").read_text(encoding="utf-8"),
                                          encoding="utf-8")
    assert run("write", "--out", str(out), "--docs", str(docs)).returncode == 2        # no catalog yet
    assert run("attribute", "--sources", str(src), "--out", str(out)).returncode == 0
    shutil.rmtree(src)                                                                  # the catalog is enough
    translated = run("translate", "--out", str(out), "--translations", str(memory))
    assert translated.returncode == 0, translated.stderr
    assert "| pending (no English) |" in (out / "translation-report.md").read_text(encoding="utf-8")
    written = run("write", "--out", str(out), "--docs", str(docs), "--translations", str(memory))
    assert written.returncode == 0, written.stderr
    story = json.loads((out / "catalog.json").read_text(encoding="utf-8"))["stories"][0]
    page = (docs / story["url"] / "index.md").read_text(encoding="utf-8")
    assert "衢州柯城工会举办职工运动会" in page and "story:" in page
