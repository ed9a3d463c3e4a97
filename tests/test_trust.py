"""Nothing lost, nothing corrupted (issue 12): curators' files, duplicate stories, exports and resource limits.

One test (or a few) per item of the issue; each failed on the main branch before the fix."""
from __future__ import annotations

import csv
import errno
import io
import json
import os
import pickle
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import yaml

from build_tools import pipeline, settings
from build_tools.attribute.story import attribute_catalog
from build_tools.cli import main as archive
from build_tools.errors import DataError, SidecarError, SourceError
from build_tools.records import catalog_records
from build_tools.ingest.clean import clean_lines
from build_tools.ingest.report import ingest_report
from build_tools.ingest.stage import ingest
from build_tools.settings import ROOT, SOURCES, TRANSLATIONS
from build_tools.translate.memory import Memory, load_file, write_segments
from build_tools.write.pages import build_pages
from tests.conftest import write_source


def _run_ingest(sources: Path, out: Path):
    """Ingest and attribute `sources` into `out` (reports, catalog, caches) without recording identifiers."""
    return pipeline.run_ingest(settings.Settings(sources=sources, out=out, record=False), attribute_stories=True)[0]

TWO_STORIES = ("职工技能大赛在杭州举行\n\n本报讯 记者王小明报道 全省职工技能大赛昨天在杭州开幕，来自各地的选手参加比赛。\n\n"
               "新昌县总工会开展送温暖活动\n\n本报讯 记者李华报道 新昌县总工会近日走访慰问困难职工，送去慰问金。\n")


def failing_writes(monkeypatch, after: int = 10):
    """Every file opened for writing takes `after` bytes, then the disk is full (ENOSPC)."""
    real_open = io.open

    class Full:
        def __init__(self, handle):
            self.handle, self.written = handle, 0

        def write(self, data):
            room = after - self.written
            if len(data) > room:
                self.handle.write(data[:max(room, 0)])
                self.handle.flush()
                raise OSError(errno.ENOSPC, "No space left on device")
            self.written += len(data)
            return self.handle.write(data)

        def __getattr__(self, name):
            return getattr(self.handle, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

    def fake_open(file, mode="r", *args, **kwargs):
        handle = real_open(file, mode, *args, **kwargs)
        return Full(handle) if any(m in mode for m in "wax") else handle

    monkeypatch.setattr(io, "open", fake_open)


# ---- 1. duplicate identifiers -------------------------------------------------------------------------------

def test_a_source_copied_with_its_sidecar_is_an_error_naming_both_sidecars_and_lines(sources_copy):
    original = sorted(sources_copy.glob("004_*.txt"))[0]
    copy = sources_copy / "005_copy.txt"
    copy.write_text(original.read_text(encoding="utf-8").replace("去年", "前年", 1), encoding="utf-8")
    shutil.copy(original.with_suffix(".yaml"), copy.with_suffix(".yaml"))
    with pytest.raises(SidecarError) as err:
        ingest(sources_copy, record=False)
    text = str(err.value)
    line = next(i for i, ln in enumerate(original.with_suffix(".yaml").read_text(encoding="utf-8").splitlines(), 1)
                if ln.lstrip().startswith("- {id:"))
    assert "005_copy.yaml" in text and f"{original.with_suffix('.yaml').name}:{line}" in text


def test_a_register_entry_pasted_twice_names_both_lines(tmp_path):
    entry = "  - {id: zjgr-aaaaaa, line: 3, text: \"本报讯\"}\n"
    write_source(tmp_path, "p.txt", TWO_STORIES, "outlet: zjgr\nstories:\n" + entry + entry)
    with pytest.raises(SidecarError) as err:
        ingest(tmp_path, record=False)
    assert "zjgr-aaaaaa" in str(err.value) and "lines 3 and 4" in str(err.value)


# ---- 2. atomic writes and caches ---------------------------------------------------------------------------

def test_a_sidecar_write_that_fails_half_way_leaves_the_old_sidecar(tmp_path, monkeypatch):
    write_source(tmp_path, "p.txt", TWO_STORIES, "outlet: zjgr\ndate: 2021-04-08\nnotes: 重要\n")
    before = (tmp_path / "p.yaml").read_bytes()
    failing_writes(monkeypatch)
    with pytest.raises(OSError):
        ingest(tmp_path, record=True)
    monkeypatch.undo()
    assert (tmp_path / "p.yaml").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.txt", "p.yaml"]      # no temporary file left


def test_a_translation_file_write_that_fails_half_way_leaves_the_old_file(tmp_path, monkeypatch):
    entry = {"field": "paragraph 1", "zh": "职工。", "en": "Workers.", "provenance": "machine", "engine": "x"}
    path = write_segments(tmp_path, "zjgr-aaaaaa", [entry])
    before = path.read_bytes()
    failing_writes(monkeypatch)
    with pytest.raises(OSError):
        write_segments(tmp_path, "zjgr-aaaaaa", [{**entry, "zh": "工会。", "en": "Unions."}])
    monkeypatch.undo()
    assert path.read_bytes() == before


def test_catalog_and_reports_are_old_or_new_after_a_failed_write(tmp_path, monkeypatch):
    write_source(tmp_path / "src", "p.txt", TWO_STORIES)
    _run_ingest(tmp_path / "src", tmp_path / "build")
    old = {p.relative_to(tmp_path / "build"): p.read_bytes() for p in (tmp_path / "build").rglob("*") if p.is_file()}
    (tmp_path / "src" / "p.txt").write_text(TWO_STORIES.replace("杭州", "宁波"), encoding="utf-8")
    _run_ingest(tmp_path / "src", tmp_path / "expected")
    new = {p.relative_to(tmp_path / "expected"): p.read_bytes() for p in (tmp_path / "expected").rglob("*")
           if p.is_file()}
    failing_writes(monkeypatch)
    with pytest.raises(OSError):
        _run_ingest(tmp_path / "src", tmp_path / "build")
    monkeypatch.undo()
    for path in (tmp_path / "build").rglob("*"):
        if path.is_file():
            name = path.relative_to(tmp_path / "build")
            assert path.read_bytes() in (old.get(name), new.get(name)), name


def test_a_corrupt_page_cache_entry_is_discarded_and_rebuilt(tmp_path):
    write_source(tmp_path / "src", "p.txt", TWO_STORIES)
    first = _run_ingest(tmp_path / "src", tmp_path / "build")
    entries = list((tmp_path / "build" / "cache" / "ingest").glob("*.pickle"))
    assert entries
    for entry in entries:
        entry.write_bytes(pickle.dumps({"not": "a page"}))
    for entry in (tmp_path / "build" / "cache" / "attribute").glob("*.json"):
        entry.write_text('[{"id": "zjgr-', encoding="utf-8")       # cut off half-way
    again = _run_ingest(tmp_path / "src", tmp_path / "build")
    assert [a.id for a in again.articles] == [a.id for a in first.articles]
    assert [a.attribution for a in again.articles] == [a.attribution for a in first.articles]
    assert again.cache.misses == 1
    for entry in (tmp_path / "build" / "cache" / "attribute").glob("*.json"):
        json.loads(entry.read_text(encoding="utf-8"))


# ---- 3. appending to the register in every YAML form ----------------------------------------------------------

REGISTER_FORMS = {
    "block, indented": "outlet: zjgr\nstories:\n  - {{id: {id}, line: 3, text: \"本报讯\"}}\n",
    "block, zero-indented as PyYAML dumps it": None,
    "flow": "outlet: zjgr\nstories: [{{id: {id}, line: 3, text: \"本报讯\"}}]\n",
    "flow over lines": "outlet: zjgr\nstories: [\n  {{id: {id}, line: 3, text: \"本报讯\"}},\n]\n",
    "empty flow": "outlet: zjgr\nstories: []\n",
    "empty key": "outlet: zjgr\nstories:\n",
}


@pytest.mark.parametrize("form", REGISTER_FORMS)
def test_new_identifiers_are_appended_to_a_register_in_any_yaml_form(tmp_path, form):
    write_source(tmp_path, "p.txt", TWO_STORIES, "outlet: zjgr\n")
    first = ingest(tmp_path, record=False)
    known = first.articles[0].id
    text = REGISTER_FORMS[form]
    if text is None:
        text = yaml.safe_dump({"outlet": "zjgr", "stories": [{"id": known, "line": 3, "text": "本报讯"}]},
                              allow_unicode=True, sort_keys=False)
    (tmp_path / "p.yaml").write_text(text.format(id=known), encoding="utf-8")
    ingest(tmp_path, record=True)
    register = yaml.safe_load((tmp_path / "p.yaml").read_text(encoding="utf-8"))["stories"]
    expected = ([known] if "empty" not in form else []) + [a.id for a in first.articles if
                                                           "empty" in form or a.id != known]
    assert [e["id"] for e in register] == expected
    again = ingest(tmp_path, record=True)
    assert [a.id for a in again.articles] == [a.id for a in first.articles]
    assert not again.minted


# ---- 4. every file in sources/ is read or named -----------------------------------------------------------------

def test_every_file_in_sources_is_read_or_named_in_the_report_with_why(tmp_path):
    write_source(tmp_path, "read.txt", TWO_STORIES)
    write_source(tmp_path, "SHOUTED.TXT", TWO_STORIES, sidecar=None)
    write_source(tmp_path, "trailing.txt ", TWO_STORIES, sidecar=None)
    (tmp_path / "orphan.yaml").write_text("outlet: zjgr\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("curator's notes\n", encoding="utf-8")
    catalog = ingest(tmp_path, record=False)
    assert [p.path for p in catalog.pages] == ["read.txt"]
    skipped = dict(catalog.skipped)
    assert set(skipped) == {"SHOUTED.TXT", "trailing.txt ", "orphan.yaml", "notes.md"}
    assert "lower-case .txt" in skipped["SHOUTED.TXT"] and "space" in skipped["trailing.txt "]
    assert "no source beside it" in skipped["orphan.yaml"] and "not a source" in skipped["notes.md"]
    report = ingest_report(catalog)
    for name, why in skipped.items():
        assert f'"{name}"' in report and why in report


# ---- 5. the spam rule keeps real sentences; the report keeps whole lines ------------------------------------

REAL_SENTENCES = [
    "来自欧美和亚洲的20多名工会代表参观了职工之家。",
    "今年以来，企业对欧美、亚洲市场的出口订单增长三成，职工收入随之提高。",
    "欧美亚洲客商点赞义乌小商品",
    "他说：“我们的产品卖到了欧美，也卖到了亚洲各地。”",
]


@pytest.mark.parametrize("sentence", REAL_SENTENCES)
def test_a_sentence_naming_europe_america_and_asia_is_not_spam(sentence):
    assert not clean_lines([sentence]).removed


def test_the_seed_spam_line_is_still_set_aside(seed_catalog):
    page = next(p for p in seed_catalog.pages if p.path.startswith("004"))
    [spam] = [s for s in page.cleaning if s.reason.startswith("SEO spam")]
    assert spam.line == 1 and spam.text in ingest_report(seed_catalog)


def test_the_report_keeps_the_whole_of_every_set_aside_line(tmp_path):
    spam = ",".join(["欧美亚洲无码一区二区在线观看"] * 6)
    furniture = "原标题：" + "婺城打造高技能高素质产业工人队伍" * 5
    write_source(tmp_path, "p.txt", spam + "\n\n" + furniture + "\n\n" + TWO_STORIES)
    catalog = ingest(tmp_path, record=False)
    assert len(catalog.pages[0].cleaning) == 2
    report = ingest_report(catalog)
    assert spam in report and furniture in report


def test_a_sentence_with_spam_words_stays_in_its_story(tmp_path):
    text = TWO_STORIES.replace("来自各地的选手参加比赛。", "来自各地的选手参加比赛。\n\n" + REAL_SENTENCES[0])
    write_source(tmp_path, "p.txt", text)
    catalog = ingest(tmp_path, record=False)
    assert any(REAL_SENTENCES[0] in e.text for a in catalog.articles for e in a.body)
    assert not catalog.pages[0].cleaning


# ---- 6. duplicates ---------------------------------------------------------------------------------------------

def test_a_byte_identical_copy_is_published_once_with_a_warning_naming_both(tmp_path):
    write_source(tmp_path, "a.txt", TWO_STORIES)
    write_source(tmp_path, "b.txt", TWO_STORIES, sidecar=None)
    catalog = ingest(tmp_path, record=False)
    assert [p.path for p in catalog.pages] == ["a.txt"] and len(catalog.articles) == 2
    warnings = " ".join(catalog.pages[0].warnings)
    assert "b.txt" in warnings and "a.txt" in warnings
    assert "b.txt" in dict(catalog.skipped)
    pages = build_pages(catalog_records(_attributed(catalog)), Memory())
    assert sum(1 for p in pages if p.endswith("/index.md") and p.startswith("stories/")) == 2


def test_a_story_whose_text_matches_another_is_reported_naming_both(tmp_path):
    write_source(tmp_path, "a.txt", TWO_STORIES)
    write_source(tmp_path, "b.txt", "另一个标题\n\n" + TWO_STORIES.split("\n\n", 1)[1].split("\n\n")[0] + "\n")
    catalog = ingest(tmp_path, record=False)
    a, b = catalog.pages
    assert any("b.txt" in w and "a.txt" in w for w in a.warnings)
    assert any("b.txt" in w and "a.txt" in w for w in b.warnings)
    assert len(catalog.articles) == 3


def _attributed(catalog):
    attribute_catalog(catalog)
    return catalog


# ---- 7. an unknown outlet is warned about on every build -------------------------------------------------------

def test_an_unknown_outlet_is_warned_about_on_every_build(tmp_path):
    write_source(tmp_path, "p.txt", TWO_STORIES, sidecar=None)
    for _ in range(2):
        catalog = ingest(tmp_path, record=True)
        assert any("outlet" in w for w in catalog.pages[0].warnings), catalog.pages[0].warnings
    assert (tmp_path / "p.yaml").exists()         # the register was written after the first build
    write_source(tmp_path, "p.txt", TWO_STORIES, sidecar="date: '2021'\n")
    assert any("outlet unknown" in w for w in ingest(tmp_path, record=False).pages[0].warnings)


# ---- 8. duplicate keys -----------------------------------------------------------------------------------------

def test_a_key_given_twice_in_a_sidecar_is_an_error_with_both_lines(tmp_path):
    write_source(tmp_path, "p.txt", TWO_STORIES, "outlet: zjgr\ndate: 2021-04-08\nnotes: x\ndate: 2021-05-01\n")
    with pytest.raises(SidecarError) as err:
        ingest(tmp_path, record=False)
    assert "'date'" in str(err.value) and "lines 2 and 4" in str(err.value) and str(err.value).startswith("p.yaml:4")


def test_a_key_given_twice_in_a_translation_file_is_an_error_with_both_lines(tmp_path):
    path = tmp_path / "zjgr-aaaaaa.yaml"
    path.write_text("story: zjgr-aaaaaa\nsegments:\n- zh: 职工。\n  en: Workers.\n  en: Staff.\n  provenance: reference\n",
                    encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_file(path)
    assert "'en'" in str(err.value) and "lines 4 and 5" in str(err.value)


# ---- 9-11. exports that open in their readers ------------------------------------------------------------------

HOSTILE_HEADLINES = ["=HYPERLINK(\"http://evil.example\",\"点击\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1,2)",
                     "\t=1+1", "\r=1+1", "工会{联欢", "反斜杠\\end{document}", "多行\nER  - \nTY  - JOUR",
                     "百分号 100% & $5 #1 a_b ~ ^", "引号\"和'"]


@pytest.fixture(scope="module")
def hostile_pages(tmp_path_factory):
    """The seeds, plus a source whose headlines are hostile, built with English headlines as hostile."""
    folder = tmp_path_factory.mktemp("hostile")
    shutil.copytree(SOURCES, folder, dirs_exist_ok=True)
    # each hostile headline as a Markdown heading, so that it is a headline whatever characters it holds
    text = "".join(f"## {h.replace(chr(10), ' ').replace(chr(13), ' ')}\n\n本报讯 记者王小明报道 第{i}个故事的正文。\n\n"
                   for i, h in enumerate(HOSTILE_HEADLINES))
    write_source(folder, "hostile.txt", text)
    catalog = ingest(folder, record=False)
    attribute_catalog(catalog)
    memory = Memory.load(TRANSLATIONS)
    from build_tools.translate.memory import Segment, segment_hash

    for article, headline in zip(catalog.pages[-1].articles, HOSTILE_HEADLINES):
        if article.headline:
            memory.segments[segment_hash(article.headline.text)] = Segment(
                segment_hash(article.headline.text), article.headline.text, headline, "reviewed")
    return build_pages(catalog_records(catalog), memory)


def _soffice(csv_path: Path, out: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is installed by make test-deps (libreoffice-calc-nogui)"
    profile = out / "profile"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{profile}", "--infilter=CSV:44,34,76,1",
                    "--convert-to", "xlsx", "--outdir", str(out), str(csv_path)], check=True, capture_output=True,
                   env={**os.environ, "HOME": str(out)}, timeout=180)
    return out / (csv_path.stem + ".xlsx")


def test_catalog_csv_opens_in_libreoffice_with_no_formula(hostile_pages, tmp_path):
    import openpyxl

    ours = tmp_path / "catalog.csv"
    ours.write_text(hostile_pages["data/catalog.csv"], encoding="utf-8")
    # the control: the same cells without neutralising are formulas to LibreOffice, so the check can see one
    control = tmp_path / "control.csv"
    control.write_text("a,b\n\"=1+1\",\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\n", encoding="utf-8")
    rows = list(csv.reader(io.StringIO(hostile_pages["data/catalog.csv"])))
    for path, formulas in ((control, True), (ours, False)):
        sheet = openpyxl.load_workbook(_soffice(path, tmp_path)).active
        found = [c.value for row in sheet.iter_rows() for c in row if c.data_type == "f"]
        assert bool(found) == formulas, found
    sheet = openpyxl.load_workbook(tmp_path / "catalog.xlsx").active
    shown = [[("" if c.value is None else str(c.value)) for c in row] for row in sheet.iter_rows()]
    headline_en = rows[0].index("headline_en")
    for headline in HOSTILE_HEADLINES[:6]:
        assert any(r[headline_en] == "'" + " ".join(headline.split()) for r in rows), headline
    assert any(r[headline_en].startswith("'=HYPERLINK") for r in shown)


def test_ris_values_are_one_line_each_and_records_stay_whole(hostile_pages):
    import rispy

    for path, text in hostile_pages.items():
        if path.endswith("cite.ris"):
            [record] = rispy.loads(text)
            assert record["type_of_reference"] == "NEWS"
            assert all(line[:2].isupper() and line[2:6] == "  - " for line in text.splitlines()), text
    forged = [t for p, t in hostile_pages.items() if p.endswith("cite.ris") and "ER  - TY" in t.replace("\n", "")]
    assert not forged


def test_every_bibtex_export_parses_in_bibtexparser_and_pybtex(hostile_pages):
    import bibtexparser
    from pybtex.database import parse_string

    files = {p: t for p, t in hostile_pages.items() if p.endswith(".bib")}
    assert "data/archive.bib" in files and len(files) > 30
    for path, text in files.items():
        library = bibtexparser.parse_string(text)
        assert not library.failed_blocks, (path, text)
        data = parse_string(text, "bibtex")
        assert [e.key for e in library.entries] == list(data.entries), path
    data = parse_string(files["data/archive.bib"], "bibtex")
    titles = " ".join(e.fields.get("titleaddon", "") for e in data.entries.values())
    assert r"\textbraceleft{}" in titles and r"\textbackslash{}" in titles


def test_every_csl_json_export_renders_in_citeproc(hostile_pages):
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    for path, text in hostile_pages.items():
        if path.endswith("cite.json"):
            items = json.loads(text)
            bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
            bibliography.register(Citation([CitationItem(items[0]["id"])]))
            assert len(list(bibliography.bibliography())) == 1
    json.loads(hostile_pages["data/catalog.json"])


# ---- 12. segmentation grows linearly; an outsized source stops at once ----------------------------------------

def _many_stories(n: int) -> list:
    from build_tools.articles import Line

    parts = []
    for i in range(n):
        parts += [f"第{i}届职工技能大赛在{i % 7}号车间举行", "",
                  f"本报讯 记者王小明报道 第{i}届职工技能大赛昨天开幕，{i}名选手参加了比赛。", ""]
    return [Line(k, t, t, t) for k, t in enumerate(parts, 1)]


def test_segmenting_a_page_grows_linearly_with_its_stories():
    from build_tools.ingest.segment import segment_page

    segment_page(_many_stories(50), "Hans")          # rules loaded, caches warm
    times = []
    for n in (600, 2400):
        lines = _many_stories(n)
        start = time.perf_counter()
        seg = segment_page(lines, "Hans")
        times.append(time.perf_counter() - start)
        assert len(seg.articles) == n and all(a.headline for a in seg.articles)
    assert times[1] / times[0] < 9, times      # 4× the stories: about 4× the time (quadratic: 16×)


def test_a_source_over_the_size_limit_stops_before_it_is_read(tmp_path, monkeypatch):
    big = write_source(tmp_path, "big.txt", "职工" * 10)
    with open(big, "ab") as handle:
        handle.truncate(settings.MAX_SOURCE_BYTES + 1)
    read = Path.read_bytes

    def refuse(self):
        assert self != big, "the outsized source was read"
        return read(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    start = time.perf_counter()
    with pytest.raises(SourceError) as err:
        ingest(tmp_path, record=False)
    assert time.perf_counter() - start < 2
    assert str(err.value).startswith("big.txt") and "5 MB limit" in str(err.value)


# ---- 13. alias bombs and huge line ranges --------------------------------------------------------------------

BOMB = "outlet: zjgr\nnotes: &a [x, x, x, x, x, x, x, x, x]\ndate_evidence: [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"


def test_aliases_in_a_sidecar_are_refused_before_they_are_expanded(tmp_path):
    write_source(tmp_path, "p.txt", TWO_STORIES, BOMB)
    with pytest.raises(SidecarError) as err:
        ingest(tmp_path, record=False)
    assert str(err.value).startswith("p.yaml:2") and "anchor" in str(err.value)


def test_aliases_in_a_translation_file_are_refused(tmp_path):
    path = tmp_path / "zjgr-aaaaaa.yaml"
    path.write_text("story: zjgr-aaaaaa\nsegments:\n- &s {zh: 职工。, en: Workers., provenance: reference}\n- *s\n",
                    encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_file(path)
    assert ":3" in str(err.value) and "anchor" in str(err.value)


def test_a_line_range_is_checked_against_the_source_before_it_is_expanded(tmp_path):
    write_source(tmp_path, "p.txt", TWO_STORIES,
                 "outlet: zjgr\ncorrections:\n  - {lines: \"1-2000000\", role: set_aside}\n")
    with pytest.raises(SidecarError) as err:
        ingest(tmp_path, record=False)
    assert "runs past the end of the source (7 lines)" in str(err.value) and str(err.value).startswith("p.yaml:3")


# ---- 14. messages, not tracebacks --------------------------------------------------------------------------------

def _registered(tmp_path, extra: str) -> None:
    write_source(tmp_path, "p.txt", TWO_STORIES, "outlet: zjgr\n")
    ingest(tmp_path, record=True)
    text = (tmp_path / "p.yaml").read_text(encoding="utf-8")
    story = yaml.safe_load(text)["stories"][0]["id"]
    (tmp_path / "p.yaml").write_text(f"outlet: zjgr\noverrides:\n  {story}: {extra}\n"
                                     + text.split("\n", 1)[1], encoding="utf-8")


@pytest.mark.parametrize("override, message", [
    ("{themes: [{skills: 1}]}", "themes[0] must be text"),
    ("{people: [邹伟锋]}", "people[0] must be a mapping with a name"),
    ("{people: [{name: 邹伟锋, role: [reporter]}]}", "people[0].role must be text"),
    ("{flags: [[x]]}", "flags[0] must be text"),
])
def test_wrong_types_inside_overrides_are_errors_naming_key_and_line(tmp_path, override, message):
    _registered(tmp_path, override)
    with pytest.raises(SidecarError) as err:
        attribute_catalog(ingest(tmp_path, record=False))
    assert str(err.value).startswith("p.yaml:3") and message in str(err.value)


def test_a_sidecar_not_in_utf8_is_an_error_naming_its_line(tmp_path):
    write_source(tmp_path, "p.txt", TWO_STORIES, None)
    (tmp_path / "p.yaml").write_bytes("outlet: zjgr\nnotes: 工会\n".encode("gb18030"))
    with pytest.raises(SidecarError) as err:
        ingest(tmp_path, record=False)
    assert str(err.value).startswith("p.yaml:2") and "not UTF-8" in str(err.value) and err.value.hint


def test_a_sidecar_path_that_is_a_folder_is_an_error(tmp_path):
    write_source(tmp_path, "p.txt", TWO_STORIES, None)
    (tmp_path / "p.yaml").mkdir()
    with pytest.raises(SidecarError) as err:
        ingest(tmp_path, record=False)
    assert str(err.value).startswith("p.yaml") and "folder" in str(err.value)


@pytest.mark.parametrize("segment, message", [
    ("{zh: 职工。, en: [1, 2], provenance: reference}", "segments[0].en must be text, not list"),
    ("{zh: 职工。, en: Workers., provenance: reference, flags: x}", "segments[0].flags must be a list of text"),
    ("{zh: 职工。, en: Workers., provenance: reference, colour: red}", "unknown key 'colour'"),
    ("just text", "segments[0] must be a mapping"),
])
def test_a_broken_translation_memory_entry_is_an_error_naming_key_and_line(tmp_path, segment, message):
    path = tmp_path / "zjgr-aaaaaa.yaml"
    path.write_text(f"story: zjgr-aaaaaa\nsegments:\n- {segment}\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        Memory.load(tmp_path)
    assert str(err.value).startswith(f"{path}:3") and message in str(err.value)


@pytest.mark.parametrize("glossary, message", [
    ("terms: [总工会, 劳模]\n", "terms must be a mapping"),
    ("terms:\n  总工会: [Federation]\n", "terms.总工会"),
    ("terms:\n  总工会: x\n  总工会: y\n", "given twice"),
    ("terms: {}\nnot_names: 周密\n", "not_names must be a list"),
])
def test_an_invalid_glossary_stops_the_build_before_anything_is_written(tmp_path, glossary, message):
    write_source(tmp_path / "src", "p.txt", TWO_STORIES, None)
    (tmp_path / "translations").mkdir()
    (tmp_path / "translations" / "glossary.yaml").write_text(glossary, encoding="utf-8")
    with pytest.raises(DataError) as err:
        pipeline.run_build(tmp_path / "src", tmp_path / "build", tmp_path / "docs",
                           translations_dir=tmp_path / "translations", engine=None)
    assert "glossary.yaml" in str(err.value) and message in str(err.value)
    assert not (tmp_path / "build").exists() and not (tmp_path / "docs").exists()
    assert not (tmp_path / "src" / "p.yaml").exists()


def test_a_broken_memory_stops_the_build_before_anything_is_written(tmp_path):
    write_source(tmp_path / "src", "p.txt", TWO_STORIES, None)
    shutil.copytree(TRANSLATIONS, tmp_path / "translations")
    (tmp_path / "translations" / "zjgr-aaaaaa.yaml").write_text(
        "story: zjgr-aaaaaa\nsegments:\n- {zh: 职工。, en: [1, 2], provenance: reference}\n", encoding="utf-8")
    with pytest.raises(DataError):
        pipeline.run_build(tmp_path / "src", tmp_path / "build", tmp_path / "docs",
                           translations_dir=tmp_path / "translations", engine=None)
    assert not (tmp_path / "build").exists() and not (tmp_path / "src" / "p.yaml").exists()


@pytest.mark.parametrize("sidecar", [b"outlet: zjgr\nnotes: \xb9\xa4\n", b"outlet: zjgr\noverrides:\n  x: {themes: [{a: 1}]}\n",
                                     BOMB.encode(), b"outlet: zjgr\noutlet: jhxw\n"])
def test_the_cli_prints_a_message_not_a_traceback(tmp_path, capsys, sidecar):
    write_source(tmp_path / "src", "p.txt", TWO_STORIES, None)
    (tmp_path / "src" / "p.yaml").write_bytes(sidecar)
    code = archive(["build", "--sources", str(tmp_path / "src"), "--out", str(tmp_path / "build"),
                    "--docs", str(tmp_path / "docs"), "--translations", str(TRANSLATIONS), "--no-record"])
    err = capsys.readouterr().err
    assert code == 2 and "\nerror: p.yaml:" in "\n" + err and "Traceback" not in err


# ---- 15. a hashtag is not a heading ------------------------------------------------------------------------------

def test_a_paragraph_starting_with_a_hashtag_stays_a_paragraph(tmp_path):
    tag = "#五一劳动节# 全市职工在各自岗位上度过节日，工会送上慰问。"
    write_source(tmp_path, "p.txt", TWO_STORIES.replace("送去慰问金。", "送去慰问金。\n\n" + tag))
    catalog = ingest(tmp_path, record=False)
    paragraphs = [e for a in catalog.articles for e in a.body if e.kind == "paragraph"]
    assert any(e.text == tag for e in paragraphs)
    assert all(a.headline is None or "五一劳动节" not in a.headline.text for a in catalog.articles)
    pages = build_pages(catalog_records(_attributed(catalog)), Memory())
    assert any("#五一劳动节#" in text for text in pages.values())


def test_real_markdown_headings_are_still_headings():
    from build_tools.ingest.segment.units import _MD_HEADING

    for line in ("# 新昌县总工会:", "## 积极推进职工素质提升", "### 一、党政重视", "## 标题 ##"):
        assert _MD_HEADING.match(line), line
    for line in ("#五一劳动节#全市职工", "# 五一劳动节#全市职工", "#标签", "####### 七级"):
        assert not _MD_HEADING.match(line), line


# ---- 16. symlinks out of sources/ ---------------------------------------------------------------------------------

def test_a_symlink_out_of_sources_is_refused(tmp_path):
    outside = write_source(tmp_path / "elsewhere", "secret.txt", TWO_STORIES)
    write_source(tmp_path / "src", "p.txt", TWO_STORIES.replace("杭州", "宁波"))
    (tmp_path / "src" / "link.txt").symlink_to(outside)
    with pytest.raises(SourceError) as err:
        ingest(tmp_path / "src", record=False)
    assert str(err.value).startswith("link.txt") and "outside sources/" in str(err.value)


def test_a_symlinked_folder_out_of_sources_is_refused(tmp_path):
    write_source(tmp_path / "elsewhere", "secret.txt", TWO_STORIES)
    write_source(tmp_path / "src", "p.txt", TWO_STORIES.replace("杭州", "宁波"))
    (tmp_path / "src" / "more").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(SourceError):
        ingest(tmp_path / "src", record=False)


def test_a_symlink_inside_sources_is_read(tmp_path):
    write_source(tmp_path / "src" / "a", "p.txt", TWO_STORIES)
    (tmp_path / "src" / "q.txt").symlink_to(tmp_path / "src" / "a" / "p.txt")
    assert len(ingest(tmp_path / "src", record=False).pages) == 1     # a byte-identical copy: published once


# ---- 17. generated outputs are listed once ---------------------------------------------------------------------

def test_make_clean_removes_every_generated_output():
    out = subprocess.run(["make", "-n", "clean"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for path in settings.GENERATED_OUTPUTS:
        assert f" {path}" in out, path
    assert "docs/all" in settings.GENERATED_OUTPUTS and "docs/assets/generated" in settings.GENERATED_OUTPUTS


def test_everything_a_build_writes_is_a_listed_generated_output(tmp_path):
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    for name in settings.GENERATED_DOCS:
        shutil.rmtree(tmp_path / "docs" / name, ignore_errors=True)
        (tmp_path / "docs" / name).unlink(missing_ok=True)
    hand_written = {p for p in (tmp_path / "docs").rglob("*") if p.is_file()}
    pipeline.run_build(SOURCES, tmp_path / "build", tmp_path / "docs", record=False, engine=None)
    written = {p for p in (tmp_path / "docs").rglob("*") if p.is_file()} - hand_written
    assert written
    listed = [tmp_path / p for p in settings.GENERATED_OUTPUTS]
    for path in written:
        assert any(path == g or g in path.parents for g in listed), path


def test_a_full_disk_is_a_message_from_the_cli_and_the_sidecar_is_kept(tmp_path, capsys, monkeypatch):
    write_source(tmp_path / "src", "p.txt", TWO_STORIES, "outlet: zjgr\nnotes: 重要\n")
    before = (tmp_path / "src" / "p.yaml").read_bytes()
    failing_writes(monkeypatch)
    code = archive(["ingest", "--sources", str(tmp_path / "src"), "--out", str(tmp_path / "build")])
    monkeypatch.undo()
    err = capsys.readouterr().err
    assert code == 2 and "No space left on device" in err and "Traceback" not in err
    assert (tmp_path / "src" / "p.yaml").read_bytes() == before


def test_the_page_writer_never_writes_one_story_over_another(tmp_path):
    write_source(tmp_path, "p.txt", TWO_STORIES)
    catalog = _attributed(ingest(tmp_path, record=False))
    catalog.articles[1].id = catalog.articles[0].id       # as two sidecars registering one identifier would
    with pytest.raises(SidecarError) as err:
        build_pages(catalog_records(catalog), Memory())
    assert "p.txt:1" in str(err.value) or "p.txt:3" in str(err.value)
