"""The engine with a tiny but real Argos package, built here (tests/translate_model.py) and installed through
argostranslate's own package API into a temporary packages folder: offline translation, the same output as
argostranslate's own path, and a translation memory that sends each sentence to the engine once."""
import io
import json
import shutil
import socket
import subprocess
import sys
import zipfile

import pytest
import yaml

from build_tools.records import catalog_records
from build_tools.pipeline import run_build
from build_tools.settings import ROOT, TRANSLATIONS
from build_tools.translate.engine import ModelError, NoEngine, check_model_file, find_engine
from build_tools.translate.glossary import load_glossary
from build_tools.translate.machine import TRANSLATION_REPORT, collect_jobs, translate_catalog
from build_tools.translate.memory import Memory
from tests.translate_model import build_model

HANT_STORY, HANS_STORY = "jhxw-5900f8", "zjgr-9709f1"


def _unshare_works() -> bool:
    try:
        return shutil.which("unshare") is not None and subprocess.run(
            ["unshare", "-rn", "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


@pytest.fixture(scope="module")
def argos_home(tmp_path_factory):
    """argostranslate's folders in a temporary place: it reads them from the environment at import."""
    root = tmp_path_factory.mktemp("argos")
    with pytest.MonkeyPatch.context() as mp:
        for key, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache"),
                         ("ARGOS_PACKAGES_DIR", "packages")):
            mp.setenv(key, str(root / sub))
        mp.setenv("ARGOS_COMPUTE_TYPE", "default")
        yield root


@pytest.fixture(scope="module")
def tiny_model(argos_home):
    return build_model(argos_home / "translate-zh_en-tiny.argosmodel")


@pytest.fixture(scope="module")
def records(seed_catalog):
    return catalog_records(seed_catalog)


@pytest.fixture(scope="module")
def engine_inputs(records):
    """What a build sends to the engine for the 21 seed stories when the memory is empty: every sentence,
    names, numbers and terms replaced by placeholders."""
    glossary = load_glossary()
    jobs = collect_jobs(records["stories"], Memory())
    return [glossary.protect(j.simplified).text for j in jobs]


@pytest.fixture(scope="module")
def argos_reference(argos_home, tiny_model, engine_inputs):
    """Installs the tiny model with argostranslate.package.install_from_path, then translates every input with
    argostranslate.translate.translate, one sentence per call, in a process that has no network (a network
    namespace of its own where `unshare` allows it, and its socket connections refused in any case)."""
    texts, out = argos_home / "inputs.json", argos_home / "argos.json"
    texts.write_text(json.dumps(engine_inputs, ensure_ascii=False), encoding="utf-8")
    command = [sys.executable, "-m", "tests.argos_path", "--offline", "--install", str(tiny_model),
               "--packages", str(argos_home / "packages"), str(texts), str(out)]
    isolated = _unshare_works()
    if isolated:
        command = ["unshare", "-rn"] + command
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return {"english": json.loads(out.read_text(encoding="utf-8"))["english"], "isolated": isolated}


@pytest.fixture(scope="module")
def engine(argos_reference, argos_home):
    found = find_engine(argos_home / "packages")
    assert not isinstance(found, NoEngine), found
    return found


@pytest.fixture
def translations(tmp_path):
    """A copy of translations/ without the reference files of two stories (one in Traditional script)."""
    dest = tmp_path / "translations"
    shutil.copytree(TRANSLATIONS, dest)
    (dest / f"{HANT_STORY}.yaml").unlink()
    (dest / f"{HANS_STORY}.yaml").unlink()
    return dest


def test_the_model_is_installed_through_argostranslates_package_api(engine, argos_home):
    assert engine.model == "translate-zh_en-tiny 0.1"
    assert engine.root == argos_home / "packages" / "translate-zh_en-tiny"
    import argostranslate.package

    installed = argostranslate.package.get_installed_packages(path=[argos_home / "packages"])
    assert [(p.from_code, p.to_code, p.package_version) for p in installed] == [("zh", "en", "0.1")]


def test_translation_works_with_networking_disabled(argos_home, argos_reference, engine_inputs, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network disabled by the test")

    for name in ("connect", "connect_ex"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    fresh = find_engine(argos_home / "packages")              # loads the model and its SentencePiece here
    english = fresh.translate(engine_inputs[:40])
    assert len(english) == 40 and all(english)
    # and argostranslate's own path ran with no network at all (see the argos_reference fixture)
    print("argostranslate's path ran", "in its own network namespace" if argos_reference["isolated"]
          else "with its sockets refused (no unshare here)")


def test_batched_output_equals_argostranslate_sentence_by_sentence(engine, engine_inputs, argos_reference):
    calls = engine.calls
    ours = engine.translate(engine_inputs)
    assert engine.calls - calls == 1                          # every sentence of every story in one call
    theirs = argos_reference["english"]
    assert len(ours) == len(theirs) > 300
    # a hypothesis that ran into our length limit (proportional to its source; argostranslate's is 256 tokens
    # for every sentence) is cut there and marked unfinished: its English is the start of argostranslate's
    cut = [i for i, a in enumerate(ours) if not a.finished]
    assert len(cut) < 0.05 * len(ours), len(cut)
    assert all(theirs[i].replace(" ", "").startswith(ours[i].replace(" ", "")) for i in cut)
    different = [(i, a, b) for i, (a, b) in enumerate(zip(ours, theirs)) if a != b and a.finished]
    assert not different, different[:3]
    # not a trivial agreement: the tiny model gives different English for different inputs
    assert len(set(ours)) > 0.9 * len(ours)


def test_a_second_build_makes_no_engine_calls(engine, records, translations, tmp_path):
    report = io.StringIO()
    memory, first = translate_catalog(records, translations, tmp_path / "out", engine=engine, bar_stream=report)
    assert first.translated > 50 and first.engine_calls == 1
    assert "segments/s" in report.getvalue() and "left" in report.getvalue()         # the progress bar
    assert not first.pending
    files = {p.name: p.read_text(encoding="utf-8") for p in translations.glob("*.yaml")}
    calls = engine.calls
    _, second = translate_catalog(records, translations, tmp_path / "out", engine=engine)
    assert (second.translated, second.engine_calls, engine.calls) == (0, 0, calls)
    assert {p.name: p.read_text(encoding="utf-8") for p in translations.glob("*.yaml")} == files
    # the machine segments: one per sentence, with engine, model and date; Traditional text from Simplified
    hant = yaml.safe_load(files[f"{HANT_STORY}.yaml"])["segments"]
    assert all(s["provenance"] == "machine" and s["engine"] == "Argos Translate"
               and s["model"] == "translate-zh_en-tiny 0.1" and s["date"] for s in hant)
    assert all(s["source_script"] == "Hant" and s["translated_from"] == "Simplified" and s["zh_simplified"]
               for s in hant)
    assert any(", sentence 2" in s["field"] for s in hant)
    # random English is flagged, never silently published: in the memory and in the report
    assert all(s.get("flags") for s in hant)
    assert f"| {HANT_STORY} | headline |" in (tmp_path / "out" / TRANSLATION_REPORT).read_text(encoding="utf-8")
    assert memory.lookup(records["stories"][-1]["headline"]["text"]).provenance == "machine"


def test_editing_one_source_sentence_retranslates_exactly_one_segment(engine, sources_copy, translations, tmp_path):
    run_build(sources_copy, tmp_path / "out", tmp_path / "docs", record=False, translations_dir=translations,
              engine=engine)
    sentence = "2019年3月，青嘉吴三地总工会签"                  # a sentence of zjgr-9709f1 (line 293 of page 001)
    page = next(p for p in sources_copy.glob("*.txt") if sentence in p.read_text(encoding="utf-8"))
    before = engine.sentences
    run_build(sources_copy, tmp_path / "out", tmp_path / "docs", record=False, translations_dir=translations,
              engine=engine)
    assert engine.sentences == before                       # nothing new: nothing translated
    # story zjgr-9709f1 has machine English now; edit one of its sentences
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace(sentence, "2019年4月，青嘉吴三地总工会签"), encoding="utf-8")
    run_build(sources_copy, tmp_path / "out", tmp_path / "docs", record=False, translations_dir=translations,
              engine=engine)
    assert engine.sentences == before + 1
    story = yaml.safe_load((translations / f"{HANS_STORY}.yaml").read_text(encoding="utf-8"))["segments"]
    assert sum(1 for s in story if s["zh"].startswith("2019年4月，青嘉吴")) == 1
    assert not [s for s in story if s["zh"].startswith("2019年3月，青嘉吴")]       # no stale English left behind


def test_a_reviewed_segment_survives_a_retranslation(engine, records, translations, tmp_path):
    translate_catalog(records, translations, tmp_path / "out", engine=engine)
    path = translations / f"{HANS_STORY}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    machine = [s for s in data["segments"] if s["provenance"] == "machine"]
    corrected = machine[1]
    corrected.update({"provenance": "reviewed", "translator": "Test Editor", "en": "Corrected by an editor."})
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    calls = engine.sentences
    memory, run = translate_catalog(records, translations, tmp_path / "out", engine=engine, retranslate=True)
    assert run.translated == engine.sentences - calls > len(machine) - 1      # every machine sentence again …
    after = yaml.safe_load(path.read_text(encoding="utf-8"))["segments"]
    assert [s for s in after if s["provenance"] == "reviewed"] == [corrected]  # … but not the reviewed one
    assert len(after) == len(data["segments"])                                  # replaced, not duplicated
    assert memory.get(corrected["zh"]).en == "Corrected by an editor."
    story = next(r for r in records["stories"] if r["id"] == HANS_STORY)
    part = next(p.text for p in story.parts() if corrected["zh"] in p.text)
    found = memory.lookup(part)
    assert "Corrected by an editor." in found.en and found.provenance in ("post-edited", "mixed")


def test_a_corrupt_model_is_an_error_naming_the_file(engine, tmp_path):
    broken = tmp_path / "packages"
    shutil.copytree(engine.root, broken / engine.root.name)
    (broken / engine.root.name / "model" / "model.bin").write_bytes(b"not a model" * 100)
    with pytest.raises(ModelError, match=r"model/model\.bin.*CTranslate2 cannot load"):
        find_engine(broken).translate(["你好。"])
    (broken / engine.root.name / "metadata.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match=r"metadata\.json"):
        find_engine(broken)


def test_a_wrong_language_model_is_an_error_naming_the_file(engine, tmp_path):
    # labelled zh→en, but its SentencePiece model was trained on English only
    wrong = tmp_path / "packages" / engine.root.name
    shutil.copytree(engine.root, wrong)
    english = [ln for ln in (ROOT / "README.md").read_text(encoding="utf-8").split() if ln.isascii()]
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(sentence_iterator=iter(english * 3), model_writer=model, vocab_size=200,
                                   character_coverage=1.0, minloglevel=2)
    (wrong / "sentencepiece.model").write_bytes(model.getvalue())
    with pytest.raises(ModelError, match=r"sentencepiece\.model: does not read Chinese"):
        find_engine(tmp_path / "packages")
    # a .argosmodel for another language pair is refused before it is installed
    other = tmp_path / "translate-de_en.argosmodel"
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("translate-de_en/metadata.json", json.dumps({"from_code": "de", "to_code": "en"}))
    with pytest.raises(ModelError, match=r"translate-de_en\.argosmodel: metadata\.json: a de→en model"):
        check_model_file(other)
    not_zip = tmp_path / "model.argosmodel"
    not_zip.write_text("hello")
    with pytest.raises(ModelError, match=r"model\.argosmodel: not an Argos Translate model"):
        check_model_file(not_zip)


def test_no_package_installed_is_not_an_error(tmp_path):
    assert isinstance(find_engine(tmp_path / "empty"), NoEngine)
    (tmp_path / "empty").mkdir()
    assert "no Argos Translate package is installed" in find_engine(tmp_path / "empty").reason


def test_mt_eval_scores_the_installed_model_against_the_references(engine, tmp_path):
    from build_tools.translate.evaluate import RESULT_JSON, RESULT_MD, evaluate

    result = evaluate(TRANSLATIONS, tmp_path, engine=engine)
    assert result["model"] == "translate-zh_en-tiny 0.1" and result["segments"] > 200
    for system in result["systems"].values():
        assert 0 <= system["chrF"] < 20 and 0 <= system["BLEU"] < 5          # random weights: near zero
    assert json.loads((tmp_path / RESULT_JSON).read_text(encoding="utf-8")) == result
    assert "| with placeholders (as the build) |" in (tmp_path / RESULT_MD).read_text(encoding="utf-8")
