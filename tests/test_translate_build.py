"""Without a model the build still succeeds from the translation memory, and says what is pending."""
import json
import os
import shutil
import subprocess
import sys

from build_tools.settings import ROOT, TRANSLATIONS
from build_tools.translate.machine import TRANSLATION_REPORT

STORY = "zjgr-f19ee9"


def test_without_a_model_the_build_succeeds_and_the_report_lists_what_is_pending(tmp_path):
    translations = tmp_path / "translations"
    shutil.copytree(TRANSLATIONS, translations)
    (translations / f"{STORY}.yaml").unlink()
    before = {p.name: p.read_bytes() for p in translations.iterdir()}
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(tmp_path / "no-packages"),
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    result = subprocess.run([sys.executable, "-m", "build_tools.cli", "build", "--no-record", "--out",
                             str(tmp_path / "build"), "--docs", str(tmp_path / "docs"), "--translations",
                             str(translations)], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "no Argos Translate package is installed" in result.stderr
    report = (tmp_path / "build" / TRANSLATION_REPORT).read_text(encoding="utf-8")
    assert "Engine: **none**: no Argos Translate package is installed" in report
    story = next(s for s in json.loads((tmp_path / "build" / "catalog.json").read_text(encoding="utf-8"))["stories"]
                 if s["id"] == STORY)
    fields = [k for k in ("kicker", "headline", "subheadline", "column") if story.get(k)]
    fields += [f"caption {i}" for i in range(1, len(story["captions"]) + 1)]
    fields += [f"{e['kind']} {i}" for i, e in enumerate(story["body"], 1)]
    pending = [line for line in report.splitlines() if line.startswith(f"| {STORY} |")]
    assert [line.split(" | ")[1] for line in pending] == fields
    assert f"| {STORY} | headline | 1 of 1 | {story['headline']['text']} |" in report
    assert sum(1 for line in report.splitlines() if line.startswith("| zjgr-") or line.startswith("| jhxw-")) \
        == len(fields)                                  # the other 20 stories have all their English
    page = (tmp_path / "docs" / "stories" / STORY / "index.md").read_text(encoding="utf-8")
    assert "translation pending" in page.lower()
    # nothing was written into the memory
    assert {p.name: p.read_bytes() for p in translations.iterdir()} == before


def test_mt_eval_says_so_and_succeeds_without_a_model(tmp_path):
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(tmp_path / "no-packages")}
    result = subprocess.run([sys.executable, "-m", "build_tools.translate.evaluate", "--out", str(tmp_path)],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "no model installed, so nothing to score" in result.stdout
    assert json.loads((tmp_path / "mt-eval.json").read_text(encoding="utf-8"))["model"] is None
