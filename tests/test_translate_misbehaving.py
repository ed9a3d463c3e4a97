"""A model that misbehaves on purpose: the tiny test model (tests/translate_model.py), run through the real engine,
with its outputs patched to drop, duplicate, invent and lower-case placeholders, and with a length limit it runs
into. Each failure is flagged in the memory (the story's file), in the translation report and on the page."""
import shutil
import zipfile

import pytest
import yaml

from build_tools.attribute.story import attribute_catalog
from build_tools.records import catalog_records
from build_tools.ingest.stage import ingest
from build_tools.settings import SOURCES, TRANSLATIONS
from build_tools.translate import engine as engine_module
from build_tools.translate.engine import NoEngine, find_engine
from build_tools.translate.glossary import PLACEHOLDER
from build_tools.translate.machine import TRANSLATION_REPORT, translate_catalog
from build_tools.write.pages import build_pages
from tests.translate_model import build_model

STORY = "zjgr-9709f1"          # many numbers, places and bodies


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    """The tiny model unpacked into a packages folder of its own (what argostranslate's install does)."""
    root = tmp_path_factory.mktemp("argos-misbehaving")
    model = build_model(root / "tiny.argosmodel")
    with zipfile.ZipFile(model) as z:
        z.extractall(root / "packages")
    found = find_engine(root / "packages")
    assert not isinstance(found, NoEngine), found
    return found


@pytest.fixture(scope="module")
def records():
    catalog = ingest(SOURCES, record=False)
    attribute_catalog(catalog)
    return catalog_records(catalog)


@pytest.fixture
def translations(tmp_path):
    dest = tmp_path / "translations"
    shutil.copytree(TRANSLATIONS, dest)
    (dest / f"{STORY}.yaml").unlink()
    return dest


def _patched(engine, monkeypatch, mutate):
    """The engine's own English for each sentence, followed by the sentence's placeholders as `mutate` leaves
    them: a model that copies placeholders through, except as the case says."""
    real = engine.translate

    def translate(sentences, progress=None):
        out = real(sentences, progress)
        patched = []
        for source, english in zip(sentences, out):
            tokens = ["ZX" + t for t in PLACEHOLDER.findall(source)]
            text = " ".join([english] + (mutate(tokens) if tokens else []))
            patched.append(engine_module.Decoded(text, english.finished))
        return patched

    monkeypatch.setattr(engine, "translate", translate)


CASES = {
    "dropped": (lambda t: t[1:], ("number_lost", "name_lost")),
    "duplicated": (lambda t: t + t[:1], ("placeholder_duplicated",)),
    "invented": (lambda t: t + ["ZXYZ"], ("placeholder_invented",)),
    "lower-cased": (lambda t: [t[0].lower()] + t[1:], ("placeholder_altered",)),
}


def _flagged_everywhere(flags, records, translations, out, memory):
    segments = yaml.safe_load((translations / f"{STORY}.yaml").read_text(encoding="utf-8"))["segments"]
    machine = [s for s in segments if s["provenance"] == "machine"]
    assert machine
    hit = [s for s in machine if set(flags) & set(s.get("flags") or ())]
    assert hit, flags                                                   # in the memory
    report = (out / TRANSLATION_REPORT).read_text(encoding="utf-8")
    assert any(f in report for f in flags)                              # in the report
    assert f"| {STORY} |" in report
    page = build_pages(records, memory)[f"stories/{STORY}/index.md"]
    words = [f.replace("_", " ") for f in flags]
    assert "Flagged by the checks" in page and any(w in page for w in words)     # on the page
    return hit


@pytest.mark.parametrize("case", list(CASES))
def test_each_placeholder_failure_is_flagged_in_memory_report_and_page(case, engine, records, translations,
                                                                       tmp_path, monkeypatch):
    mutate, flags = CASES[case]
    _patched(engine, monkeypatch, mutate)
    memory, run = translate_catalog(records, translations, tmp_path / "out", engine=engine)
    assert run.translated > 10
    hit = _flagged_everywhere(flags, records, translations, tmp_path / "out", memory)
    if case in ("duplicated", "invented"):
        # restored once at most, and nothing invented published
        assert not any(PLACEHOLDER.search(s["en"]) for s in hit)


def test_a_hypothesis_that_stops_at_the_length_limit_is_flagged(engine, records, translations, tmp_path,
                                                                 monkeypatch):
    # a limit of two tokens: CTranslate2 stops every hypothesis there, without the end token
    monkeypatch.setattr(engine_module, "DECODE_RATIO", 0)
    monkeypatch.setattr(engine_module, "DECODE_EXTRA", 2)
    memory, run = translate_catalog(records, translations, tmp_path / "out", engine=engine)
    hit = _flagged_everywhere(("truncated",), records, translations, tmp_path / "out", memory)
    assert len(hit) == run.translated


def test_a_good_placeholder_copy_is_not_flagged_for_placeholders(engine, records, translations, tmp_path,
                                                                 monkeypatch):
    _patched(engine, monkeypatch, lambda t: t)
    translate_catalog(records, translations, tmp_path / "out", engine=engine)
    segments = yaml.safe_load((translations / f"{STORY}.yaml").read_text(encoding="utf-8"))["segments"]
    placeholder_flags = {"placeholder_duplicated", "placeholder_invented", "placeholder_altered", "name_lost"}
    assert not [s for s in segments if placeholder_flags & set(s.get("flags") or ())]
