"""Hostile curators' files and exports (property-based), beyond the source text of tests/test_hostile.py.

Generated sidecars (every key, every YAML form, hostile values and types, anchors, keys given twice), registers
in every form the schema accepts, translation-memory files, glossaries, and every export (CSV, BibTeX, RIS,
CSL-JSON, catalog JSON) parsed back by independent parsers. Whatever the input: the build either works or stops
with an ArchiveError naming the file, never another exception. Writes that fail half-way (a patched open or
os.replace) leave sidecars and translation files old or new, never empty or in between.
`make fuzz` runs the same properties with 3,000 examples each (make test: 100)."""
from __future__ import annotations

import csv
import errno
import io
import json
import os
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from build_tools.attribute.story import attribute_catalog
from build_tools.errors import ArchiveError, DataError
from build_tools.ingest.stage import ingest
from build_tools.translate.glossary import Glossary, check_glossary
from build_tools.translate.memory import SEGMENT_KEYS, Memory, write_segments
from build_tools.write import citations
from build_tools.write.exports import COLUMNS, FORMULA_START, exports
from build_tools.write.views import Translator
from tests.test_trust import failing_writes

settings.register_profile("ci", max_examples=100, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("fuzz", max_examples=3000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

PAGE = ("职工技能大赛在杭州举行\n\n本报讯 记者王小明报道 全省职工技能大赛昨天在杭州开幕，来自各地的选手参加比赛。\n\n"
        "新昌县总工会开展送温暖活动\n\n本报讯 记者李华报道 新昌县总工会近日走访慰问困难职工，送去慰问金。\n")
NASTY = ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1,2)", "\t=1", "\r=1", "{", "}", "}{", "\\", "\\end{document}",
         "%", "&", "$", "#", "_", "~", "^", "\n", "\r\n", "\r", "ER  - ", "\nER  - \nTY  - JOUR\n", "\"", "'",
         "@article{x,", "}\n@misc{y,", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "yes", "null", "~", "*a", "&a",
         ": ", "- x", "[", "]", "<script>alert(1)</script>", "{{ x }}", "2021-02-30", "1-999999999", "0", "-1",
         "本报讯", "工会", "欧美亚洲", "\u202e", "\ufeff", "\u200b", ""]
text = st.one_of(st.sampled_from(NASTY), st.text(st.characters(blacklist_categories=("Cs",)), max_size=30),
                 st.lists(st.sampled_from(NASTY), max_size=4).map("".join))
scalar = st.one_of(text, st.integers(-10, 10 ** 12), st.booleans(), st.none(), st.floats(allow_nan=False))
anything = st.recursive(scalar, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                         st.dictionaries(text, inner, max_size=3)), max_leaves=8)


def _ids():
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "p.txt").write_text(PAGE, encoding="utf-8")
        (Path(tmp) / "p.yaml").write_text("outlet: zjgr\n", encoding="utf-8")
        catalog = ingest(Path(tmp), record=False)
        return [(a.id, a.anchor) for a in catalog.articles]


IDS = _ids()
THEMES = ["skills", "rights", "model-workers", "care"]


def _dump(data, form: str) -> str:
    if form == "flow":
        return yaml.safe_dump(data, allow_unicode=True, default_flow_style=True, width=80)
    if form == "indented":
        return yaml.dump(data, Dumper=_Indented, allow_unicode=True, sort_keys=False, default_flow_style=False)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)      # block, lists at zero indentation


class _Indented(yaml.SafeDumper):
    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


override = st.fixed_dictionaries({}, optional={
    "place": st.one_of(st.sampled_from(["xinchang", "lucheng", "unplaced", "nowhere"]), anything),
    "themes": st.one_of(st.lists(st.sampled_from(THEMES), max_size=3), anything),
    "date": st.one_of(st.sampled_from(["2021", "2021-04", "2021-04-08", "2021-02-30"]), anything),
    "date_evidence": st.one_of(text, anything), "note": st.one_of(text, anything),
    "people": st.one_of(st.lists(st.fixed_dictionaries({"name": text}, optional={"role": text, "pinyin": text}),
                                 max_size=2), anything),
    "flags": st.one_of(st.lists(text, max_size=2), anything),
})
sidecar = st.fixed_dictionaries({}, optional={
    "outlet": st.one_of(st.sampled_from(["zjgr", "jhxw", "rmw"]), text, anything),
    "via": st.one_of(st.sampled_from(["rmw"]), anything),
    "url": st.one_of(text, anything), "date": st.one_of(st.sampled_from(["2021", "2021-04-08", "2021-13"]), anything),
    "date_evidence": text, "page": st.one_of(st.integers(-2, 10 ** 9), anything), "section": text, "notes": text,
    "corrections": st.one_of(st.lists(st.fixed_dictionaries(
        {"lines": st.one_of(st.integers(0, 9), st.sampled_from(["1-2", "3-3", "5-1", "1-999999999"]),
                            st.lists(st.integers(0, 9), max_size=3)),
         "role": st.sampled_from(["headline", "paragraph", "set_aside", "start", "caption", "bogus"])},
        optional={"story": st.integers(0, 9), "reason": text}), max_size=2), anything),
    "overrides": st.one_of(st.dictionaries(st.sampled_from([i for i, _ in IDS] + ["zjgr-000000"]), override,
                                           max_size=2), anything),
    "unknown": anything,
})


@st.composite
def sidecar_text(draw):
    data = draw(sidecar)
    form = draw(st.sampled_from(["block", "flow", "indented"]))
    out = _dump(data, form) if data else ""
    trick = draw(st.sampled_from(["none", "none", "duplicate", "alias", "bom", "comment"]))
    if trick == "duplicate" and data and form != "flow":
        first = out.splitlines()[0]
        out = out + (first if ":" in first else "outlet: zjgr") + "\n"
    elif trick == "alias":
        out = "outlet: &o zjgr\nvia: *o\n" + out
    elif trick == "bom":
        out = "\ufeff" + out
    elif trick == "comment":
        out = "# a curator's note: 工会\n" + out
    return out


@given(content=sidecar_text())
def test_any_sidecar_loads_or_stops_with_an_error_naming_it(tmp_path_factory, content):
    folder = tmp_path_factory.mktemp("src")
    (folder / "p.txt").write_text(PAGE, encoding="utf-8")
    (folder / "p.yaml").write_text(content, encoding="utf-8")
    try:
        catalog = ingest(folder, record=True)
        attribute_catalog(catalog)
    except ArchiveError as err:
        assert str(err).startswith("p.yaml") or str(err).startswith(str(folder / "p.yaml")), str(err)
        return
    after = yaml.safe_load((folder / "p.yaml").read_text(encoding="utf-8"))
    before = yaml.load(content, Loader=_NoDates) or {}
    assert {k: v for k, v in after.items() if k != "stories"} == {k: v for k, v in before.items() if k != "stories"}
    again = ingest(folder, record=True)
    assert [a.id for a in again.articles] == [a.id for a in catalog.articles] and not again.minted


class _NoDates(yaml.SafeLoader):
    pass


_NoDates.yaml_implicit_resolvers = {k: [(t, r) for t, r in v if t != "tag:yaml.org,2002:timestamp"]
                                    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}


@st.composite
def register_text(draw):
    known = draw(st.integers(0, len(IDS)))
    entries = [{"id": i, "line": line, "text": "本报讯"} for i, line in IDS[:known]]
    head = draw(st.sampled_from(["outlet: zjgr\n", "# note\noutlet: zjgr  # the paper\n", "outlet: zjgr\nnotes: 工会\n"]))
    form = draw(st.sampled_from(["zero", "two", "four", "flow", "flow-lines", "empty-flow", "empty", "null"]))
    items = [f"{{id: {e['id']}, line: {e['line']}, text: \"{e['text']}\"}}" for e in entries]
    if form in ("zero", "two", "four") and items:
        pad = {"zero": "", "two": "  ", "four": "    "}[form]
        body = "stories:\n" + "".join(f"{pad}- {i}\n" for i in items)
    elif form == "flow-lines":
        body = "stories: [\n" + "".join(f"  {i},\n" for i in items) + "]\n"
    elif form == "empty":
        body = "stories:\n"
    elif form == "null":
        body = "stories: null\n"
    else:
        body = "stories: [" + ", ".join(items) + "]\n"
    if draw(st.booleans()):
        body = body.rstrip("\n")              # no newline at the end of the file
    return head + body, [e["id"] for e in entries]


@given(case=register_text())
def test_new_identifiers_append_to_a_register_in_any_form(tmp_path_factory, case):
    content, known = case
    folder = tmp_path_factory.mktemp("src")
    (folder / "p.txt").write_text(PAGE, encoding="utf-8")
    (folder / "p.yaml").write_text(content, encoding="utf-8")
    catalog = ingest(folder, record=True)
    register = [e["id"] for e in yaml.safe_load((folder / "p.yaml").read_text(encoding="utf-8"))["stories"]]
    assert register[:len(known)] == known and sorted(register) == sorted(i for i, _ in IDS)
    assert [a.id for a in catalog.articles] == [i for i, _ in IDS]
    assert not ingest(folder, record=True).minted


segment = st.dictionaries(st.one_of(st.sampled_from(SEGMENT_KEYS), text), st.one_of(text, anything), max_size=6)
good_segment = st.fixed_dictionaries({"zh": text, "en": text, "provenance": st.sampled_from(["reference", "reviewed",
                                                                                             "machine"])},
                                     optional={"field": text, "translator": text, "flags": st.lists(text, max_size=2)})


@given(segments=st.lists(st.one_of(good_segment, segment), max_size=4), form=st.sampled_from(["block", "flow"]),
       extra=st.one_of(st.none(), st.dictionaries(text, anything, max_size=1)))
def test_any_translation_file_loads_or_stops_with_an_error_naming_it(tmp_path_factory, segments, form, extra):
    folder = tmp_path_factory.mktemp("tm")
    path = folder / "zjgr-aaaaaa.yaml"
    data = {"story": "zjgr-aaaaaa", "segments": segments, **(extra or {})}
    path.write_text(_dump(data, form), encoding="utf-8")
    try:
        memory = Memory.load(folder)
    except DataError as err:
        assert str(err).startswith(str(path)), str(err)
        return
    translate = Translator(memory)
    for seg in memory.segments.values():
        assert isinstance(seg.en, str) and isinstance(seg.zh, str) and all(isinstance(f, str) for f in seg.flags)
        shown = translate(seg.zh)
        assert shown is None or shown["en"] is None or isinstance(shown["en"], str)


@given(terms=st.one_of(st.dictionaries(text, text, max_size=4), anything),
       not_names=st.one_of(st.lists(text, max_size=3), anything), surnames=st.one_of(text, anything),
       sample=text)
def test_any_glossary_is_checked_before_use(tmp_path_factory, terms, not_names, surnames, sample):
    path = tmp_path_factory.mktemp("gl") / "glossary.yaml"
    path.write_text(_dump({"terms": terms, "not_names": not_names, "surnames": surnames}, "block"), encoding="utf-8")
    try:
        data = check_glossary(path)
    except DataError as err:
        assert str(err).startswith(str(path)), str(err)
        return
    glossary = _glossary(data)
    masked = glossary.protect(sample + "总工会")
    restored, _ = masked.restore(masked.text)
    assert isinstance(restored, str)


def _glossary(data) -> Glossary:
    # constructing a Glossary reads the gazetteer; the terms are what varies
    base = _glossary.base = getattr(_glossary, "base", None) or Glossary({})
    glossary = Glossary.__new__(Glossary)
    glossary.__dict__.update(base.__dict__)
    glossary.terms = dict(data.get("terms") or {})
    glossary.not_names = set(data.get("not_names") or ())
    glossary.surnames = set(data.get("surnames") or "")
    glossary._longest = max(len(k) for k in [*glossary.terms, *glossary.bodies, *glossary.places, "x"])
    return glossary


# ---- every export parsed back by independent parsers ------------------------------------------------------------

story_id = st.from_regex(r"\A(zjgr|jhxw|rmw)-[0-9a-f]{6}\Z")
author = st.fixed_dictionaries({"family": text, "given": text, "zh": text,
                                "role": st.sampled_from(["reporter", "correspondent", "author"])})
citation = st.fixed_dictionaries({
    "id": story_id, "title_zh": text, "title_en": st.one_of(st.none(), text), "outlet_zh": text, "outlet_en": text,
    "outlet_pinyin": text, "authors": st.lists(author, max_size=3), "page": st.one_of(st.none(), st.integers(1, 99)),
    "themes": st.lists(text, max_size=3), "language": st.sampled_from(["zh-Hans", "zh-Hant"]),
    "date_parts": st.sampled_from([[], [2021], [2021, 4], [2021, 4, 8]]),
})

# back from LaTeX: our commands (citations._LATEX) and what pybtex's writer encodes itself (latexcodec, UTF-8)
_UNLATEX = {**{v: k for k, v in citations._LATEX.items()}, "\\#": "#", "\\%": "%", "\\&": "&", "\\_": "_",
            "\\textasciitilde\\ ": "~ ", "\\textasciitilde ": "~", "\\textasciitilde": "~"}


def _unlatex(value: str) -> str:
    out, i = [], 0
    keys = sorted(_UNLATEX, key=len, reverse=True)
    while i < len(value):
        key = next((k for k in keys if value.startswith(k, i)), None)
        out.append(_UNLATEX[key] if key else value[i])
        i += len(key) if key else 1
    return "".join(out)


@given(c=citation)
def test_bibtex_of_any_story_parses_in_bibtexparser_and_pybtex(c):
    import bibtexparser
    from pybtex.database import parse_string

    c = {**c, "url": f"https://example.org/stories/{c['id']}/",
         "date_value": "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(c["date_parts"]))}
    entry = citations.bibtex(c)
    library = bibtexparser.parse_string(entry + "\n" + entry.replace(c["id"], c["id"] + "b", 1))
    assert not library.failed_blocks and [e.key for e in library.entries] == [c["id"], c["id"] + "b"], entry
    data = parse_string(entry, "bibtex")
    [(key, parsed)] = data.entries.items()
    assert key == c["id"]
    assert _unlatex(parsed.fields["title"]) == citations._one_line(c["title_zh"])
    assert _unlatex(library.entries[0]["title"]) == citations._one_line(c["title_zh"])


@given(c=citation)
def test_ris_and_csl_json_of_any_story_parse_back(c):
    import rispy
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    c = {**c, "url": f"https://example.org/stories/{c['id']}/", "date_value": ""}
    [record] = rispy.loads(citations.ris(c))
    assert record["id"] == c["id"] and record["type_of_reference"] == "NEWS"
    assert record.get("title", "") == citations._one_line(c["title_zh"])
    assert len(record.get("keywords", [])) == len(c["themes"])
    items = json.loads(json.dumps([citations.csl_json(c)], ensure_ascii=False))
    style = _style()
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    bibliography.register(Citation([CitationItem(c["id"])]))
    assert len(list(bibliography.bibliography())) == 1


def _style():
    from citeproc import CitationStylesStyle

    if not hasattr(_style, "cached"):
        _style.cached = CitationStylesStyle("harvard-cite-them-right", validate=False)
    return _style.cached


row = st.fixed_dictionaries({"id": story_id, "zh": text, "en": st.one_of(st.none(), text), "place": text,
                             "people": st.lists(text, max_size=2), "themes": st.lists(text, max_size=2),
                             "outlet": text, "file": text})


@given(rows=st.lists(row, max_size=4, unique_by=lambda r: r["id"]))
def test_csv_and_catalog_json_of_any_stories_parse_back_with_no_formula_cell(rows):
    stories, items = [], {}
    for r in rows:
        stories.append({"id": r["id"], "outlet": {"zh": r["outlet"], "en": r["outlet"]},
                        "source": {"file": r["file"], "lines": [1, 3]},
                        "attribution": {"date": {"value": None, "precision": "none"},
                                        "themes": [{"slug": t} for t in r["themes"]],
                                        "people": [{"pinyin": p, "name": p, "role": "reporter"} for p in r["people"]]}})
        items[r["id"]] = {"url": f"stories/{r['id']}/", "zh": r["zh"], "en": r["en"],
                          "place": {"id": None, "en": r["place"], "zh": r["place"], "level": None, "city": None}}
    files = exports(stories, items, [])
    parsed = list(csv.reader(io.StringIO(files["data/catalog.csv"], newline="")))
    assert parsed[0] == COLUMNS and len(parsed) == len(rows) + 1
    for cells in parsed[1:]:
        assert len(cells) == len(COLUMNS)
        assert not any(cell.startswith(FORMULA_START) for cell in cells), cells
    catalog = json.loads(files["data/catalog.json"])
    assert [s["headline_zh"] for s in catalog["stories"]] == [items[i]["zh"] for i in sorted(items)]


# ---- fault injection: a write that fails half-way ----------------------------------------------------------------

class _Fault(Exception):
    pass


def _failing(monkeypatch, where: str, after: int):
    if where == "replace":
        def replace(*args, **kwargs):
            raise OSError(errno.EIO, "rename failed")
        monkeypatch.setattr(os, "replace", replace)
        return
    failing_writes(monkeypatch, after)


@given(case=register_text(), where=st.sampled_from(["open", "replace"]), after=st.integers(0, 400))
def test_a_sidecar_write_failing_half_way_leaves_it_old_or_new(tmp_path_factory, case, where, after):
    content, known = case
    assume(len(known) < len(IDS))
    folder = tmp_path_factory.mktemp("src")
    (folder / "p.txt").write_text(PAGE, encoding="utf-8")
    (folder / "p.yaml").write_text(content, encoding="utf-8")
    expected_dir = tmp_path_factory.mktemp("expected")
    shutil.copy(folder / "p.txt", expected_dir / "p.txt")
    shutil.copy(folder / "p.yaml", expected_dir / "p.yaml")
    ingest(expected_dir, record=True)
    new = (expected_dir / "p.yaml").read_text(encoding="utf-8")
    with pytest.MonkeyPatch.context() as monkeypatch:
        _failing(monkeypatch, where, after)
        try:
            ingest(folder, record=True)
        except OSError:
            pass
    now = (folder / "p.yaml").read_text(encoding="utf-8")
    assert now in (content, new)
    assert sorted(p.name for p in folder.iterdir()) == ["p.txt", "p.yaml"]       # no temporary file left behind


@given(old=st.lists(good_segment, max_size=3), new=st.lists(good_segment, min_size=1, max_size=3),
       where=st.sampled_from(["open", "replace"]), after=st.integers(0, 600))
def test_a_translation_file_write_failing_half_way_leaves_it_old_or_new(tmp_path_factory, old, new, where, after):
    folder = tmp_path_factory.mktemp("tm")
    entries = [{**s, "provenance": "machine", "zh": s["zh"] or "空"} for s in new]
    write_segments(folder, "zjgr-aaaaaa", [{**s, "zh": s["zh"] or "旧"} for s in old] if old else [], title="工会")
    path = folder / "zjgr-aaaaaa.yaml"
    before = path.read_text(encoding="utf-8") if path.exists() else None
    expected = tmp_path_factory.mktemp("expected")
    if before is not None:
        shutil.copy(path, expected / path.name)
    write_segments(expected, "zjgr-aaaaaa", entries, title="工会")
    new_text = (expected / path.name).read_text(encoding="utf-8")
    with pytest.MonkeyPatch.context() as monkeypatch:
        _failing(monkeypatch, where, after)
        try:
            write_segments(folder, "zjgr-aaaaaa", entries, title="工会")
        except OSError:
            pass
    now = path.read_text(encoding="utf-8") if path.exists() else None
    assert now in (before, new_text) and now != ""
    assert [p.name for p in folder.iterdir()] == ([path.name] if now is not None else [])
