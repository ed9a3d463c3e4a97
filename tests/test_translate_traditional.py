"""Traditional sources: where a zh-Hant→en package (Argos `translate-zt_en`, from_code `zt`) is installed, a
Traditional story is translated with it, as printed, and the memory records which model did it; without one, from
its Simplified form with the zh model. Both models here are tiny ones built by tests/translate_model.py."""
import shutil
import zipfile

import pytest
import yaml

from build_tools.records import catalog_records
from build_tools.settings import TRANSLATIONS
from build_tools.translate.engine import NoEngine, find_engine
from build_tools.translate.glossary import load_glossary
from build_tools.translate.machine import TRANSLATION_REPORT, translate_catalog
from tests.translate_model import build_model

HANT_STORY = "jhxw-5900f8"
ZT = {"from_code": "zt", "from_name": "Chinese (traditional)", "code": "translate-zt_en-tiny"}


@pytest.fixture(scope="module")
def packages(tmp_path_factory):
    root = tmp_path_factory.mktemp("argos-zt")
    for name, meta in (("zh", None), ("zt", ZT)):
        with zipfile.ZipFile(build_model(root / f"{name}.argosmodel", metadata=meta)) as z:
            z.extractall(root / "packages")
    return root / "packages"


@pytest.fixture
def translations(tmp_path):
    dest = tmp_path / "translations"
    shutil.copytree(TRANSLATIONS, dest)
    (dest / f"{HANT_STORY}.yaml").unlink()
    return dest


def test_the_zt_package_is_found_beside_the_zh_one(packages):
    engine = find_engine(packages)
    assert not isinstance(engine, NoEngine)
    assert engine.metadata["from_code"] == "zh" and engine.model == "translate-zh_en-tiny 0.1"
    assert engine.traditional is not None and engine.traditional.model == "translate-zt_en-tiny 0.1"


def test_a_traditional_story_is_translated_as_printed_by_the_zt_model(packages, seed_catalog, translations,
                                                                       tmp_path):
    engine = find_engine(packages)
    records = catalog_records(seed_catalog)
    _, run = translate_catalog(records, translations, tmp_path / "out", engine=engine)
    assert engine.traditional.sentences == run.translated > 10 and engine.sentences == 0
    segments = yaml.safe_load((translations / f"{HANT_STORY}.yaml").read_text(encoding="utf-8"))["segments"]
    machine = [s for s in segments if s["provenance"] == "machine"]
    assert machine and all(s["source_script"] == "Hant" and s["translated_from"] == "Traditional"
                           and s["model"] == "translate-zt_en-tiny 0.1" and "zh_simplified" not in s
                           for s in machine)
    report = (tmp_path / "out" / TRANSLATION_REPORT).read_text(encoding="utf-8")
    assert "Traditional sources: Argos Translate translate-zt_en-tiny 0.1" in report


def test_placeholders_go_into_the_traditional_text_where_the_simplified_finds_them():
    glossary = load_glossary()
    printed, simplified = "金華市總工會組織3000餘名職工參加技能比武", "金华市总工会组织3000余名职工参加技能比武"
    masked = glossary.protect(simplified, printed=printed)
    assert masked.text.startswith("ZXA組織ZXB名職工參加ZXC")
    assert [i.zh for i in masked.items] == ["金華市總工會", "3000餘", "技能比武"]
    assert masked.restore(masked.text).en.startswith("The Jinhua ")


def test_without_a_zt_package_traditional_goes_through_simplified(tmp_path):
    root = tmp_path / "packages"
    with zipfile.ZipFile(build_model(tmp_path / "zh.argosmodel")) as z:
        z.extractall(root)
    assert find_engine(root).traditional is None
