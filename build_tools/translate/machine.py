"""The translation stage: what the memory lacks goes to the engine, sentence by sentence, across stories.

For every translatable part of every story (headline, kicker, caption, paragraph …) the memory is asked first:
a segment for the whole part, or one for each of its sentences, and nothing is sent. Only the sentences without
a segment are translated: protected (glossary.py), batched through the engine, restored, checked (checks.py), and
written into the story's file as `machine` segments. A human segment is never replaced. A Traditional-script
sentence goes to the zh-Hant model (Argos `translate-zt_en`) as printed where one is installed
(`translated_from: Traditional`), else to the zh model in its Simplified form (`translated_from: Simplified`). With no engine, nothing
is translated and the report lists what is pending; the pages say "translation pending".
"""
from __future__ import annotations

import datetime
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, TextIO

from build_tools.chinese import to_simplified
from build_tools.files import write_if_changed
from build_tools.records import Part, Records, StoryRecord
from build_tools.settings import TRANSLATION_REPORT
from build_tools.translate import checks
from build_tools.translate.engine import NoEngine, find_engine
from build_tools.translate.glossary import load_glossary
from build_tools.translate.memory import HUMAN, Memory, Segment, segment_entry, segment_hash, write_segments
from build_tools.translate.progress import ProgressBar
from build_tools.translate.sentences import split_sentences

NOT_NEEDED = "not needed: the memory has English for every sentence"


@dataclass
class Job:
    """One sentence to translate, and where it occurs."""
    zh: str
    simplified: str
    story: str
    script: str
    places: list[tuple[str, str]] = field(default_factory=list)     # (story, field)


@dataclass
class TranslationRun:
    engine: str = ""                    # "Argos Translate translate-zh_en 1.9", or "" when there is none
    no_engine: str = ""                 # why there is none
    translated: int = 0                 # sentences translated in this run
    engine_calls: int = 0
    seconds: float = 0.0
    parts: dict[str, int] = field(default_factory=dict)             # provenance → parts
    pending: list[tuple[str, str, str, int, int]] = field(default_factory=list)     # story, field, zh, missing, of
    flagged: list[tuple[str, str, str, str, tuple[str, ...]]] = field(default_factory=list)   # story, field, zh, en, flags
    files: list[str] = field(default_factory=list)                  # memory files written


def _simplify(text: str, script: str) -> str:
    if script != "Hant":
        return text
    return to_simplified(text)


def sentence_pairs(part: Part) -> list[tuple[str, str]]:
    """(sentence as printed, its Simplified form) for each sentence of a part."""
    sentences = [s for s in split_sentences(part.text) if s.strip()]
    if part.script != "Hant":
        return [(s, s) for s in sentences]
    simplified = [s for s in split_sentences(part.simplified) if s.strip()]
    if len(simplified) == len(sentences):
        return list(zip(sentences, simplified))
    return [(s, _simplify(s, "Hant")) for s in sentences]


def _needs(seg: Segment | None, retranslate: bool) -> bool:
    return seg is None or (retranslate and seg.provenance not in HUMAN)


def collect_jobs(records: list[StoryRecord], memory: Memory, retranslate: bool = False) -> list[Job]:
    """The sentences the memory has no English for (with `retranslate`, also those it has only machine English
    for), each once, in reading order."""
    jobs: dict[str, Job] = {}
    for record in map(StoryRecord.from_dict, records):
        for part in record.parts():
            if not _needs(memory.get(part.text), retranslate):
                continue
            pairs = sentence_pairs(part)
            for n, (zh, simplified) in enumerate(pairs, 1):
                if not _needs(memory.get(zh), retranslate):
                    continue
                job = jobs.setdefault(segment_hash(zh), Job(zh.strip(), simplified.strip(), part.story, part.script))
                job.places.append((part.story, part.field if len(pairs) == 1 else f"{part.field}, sentence {n}"))
    return list(jobs.values())


def translate_records(records: list[StoryRecord], memory: Memory, folder: Path, engine=None,
                      retranslate: bool = False, progress: Callable[[str], None] | None = None,
                      bar_stream: TextIO | None = None, today: str | None = None) -> TranslationRun:
    """Translate what the memory lacks with `engine` (an engine.Engine, or None / engine.NoEngine for none),
    add it to `memory` and to the story files in `folder`; return what was done and what is pending."""
    records = [StoryRecord.from_dict(r) for r in records]
    run = TranslationRun()
    if engine is None or isinstance(engine, NoEngine):
        run.no_engine = engine.reason if isinstance(engine, NoEngine) else "no engine was given"
    else:
        run.engine = f"{engine.engine} {engine.model}"
    jobs = collect_jobs(records, memory, retranslate)
    if progress:
        progress(f"translation memory: {len(memory.segments)} segments; {len(jobs)} sentences without English"
                 + ("" if run.engine or not jobs else f" (no engine: {run.no_engine})"))
    if jobs and run.engine:
        glossary = load_glossary(folder)
        by_id = {r["id"]: r for r in records}
        names: dict[str, dict[str, str]] = {}
        for sid in dict.fromkeys(j.story for j in jobs):
            record = by_id[sid]
            texts = [p.simplified for p in record.parts()]
            known = [b.get("name_simplified") or b["name"] for b in record.get("bylines") or []]
            names[sid] = glossary.find_names(texts, known)
        # a Traditional sentence goes to the zh-Hant model as printed, where one is installed and the sentence's
        # Simplified form matches it character for character (placeholders are placed by position)
        traditional = getattr(engine, "traditional", None)
        by_hant = [traditional is not None and j.script == "Hant" and len(j.zh) == len(j.simplified) for j in jobs]
        masked = [glossary.protect(j.simplified, names[j.story], printed=j.zh if hant else None)
                  for j, hant in zip(jobs, by_hant)]
        bar = ProgressBar(len(jobs), stream=bar_stream or sys.stderr)
        engines = [(engine, [i for i, hant in enumerate(by_hant) if not hant]),
                   (traditional, [i for i, hant in enumerate(by_hant) if hant])]
        calls_before = sum(e.calls for e, _ in engines if e is not None)
        start = time.monotonic()
        outputs: list = [None] * len(jobs)
        for which, indexes in engines:
            if indexes:
                for i, out in zip(indexes, which.translate([masked[i].text for i in indexes], progress=bar.update)):
                    outputs[i] = out
        run.seconds = time.monotonic() - start
        bar.close()
        run.engine_calls = sum(e.calls for e, _ in engines if e is not None) - calls_before
        run.translated = len(jobs)
        if any(by_hant):
            run.engine += f"; Traditional sources: {traditional.engine} {traditional.model}"
        today = today or datetime.date.today().isoformat()
        entries: dict[str, list[dict]] = {}
        for job, mask, raw, hant_model in zip(jobs, masked, outputs, by_hant):
            restored = mask.restore(raw)
            en = restored.en
            hant = job.script == "Hant"
            used = traditional if hant_model else engine
            flags = checks.check(job.simplified, en, restored=restored, finished=getattr(raw, "finished", True))
            seg = Segment(hash=segment_hash(job.zh), zh=job.zh, en=en, provenance="machine",
                          field=job.places[0][1], engine=used.engine, model=used.model, date=today,
                          flags=tuple(flags), source_script="Hant" if hant else "",
                          translated_from=("Traditional" if hant_model else "Simplified") if hant else "")
            memory.add(seg)
            for story, where in job.places:
                entries.setdefault(story, []).append(
                    segment_entry(replace(seg, field=where), job.simplified if hant and not hant_model else ""))
        replaced = {segment_hash(j.zh) for j in jobs} if retranslate else set()
        for story, items in entries.items():
            headline = (by_id[story].get("headline") or {}).get("text", "")
            current = {segment_hash(t) for part in by_id[story].parts()
                       for t in [part.text] + [zh for zh, _ in sentence_pairs(part)]}
            run.files.append(str(write_segments(folder, story, items, replace=replaced, title=headline,
                                                keep=current)))
    for record in records:
        for part in record.parts():
            found = memory.lookup(part.text)
            if found is None:
                pairs = sentence_pairs(part)
                missing = sum(1 for zh, _ in pairs if memory.get(zh) is None)
                run.pending.append((part.story, part.field, part.text, missing or len(pairs), len(pairs)))
                run.parts["pending"] = run.parts.get("pending", 0) + 1
                continue
            run.parts[found.provenance] = run.parts.get(found.provenance, 0) + 1
            if found.flags:
                run.flagged.append((part.story, part.field, part.text, found.en, found.flags))
    return run


def _cell(text: str, limit: int | None = None) -> str:
    text = " ".join(str(text).split()).replace("|", "\\|")
    return text if limit is None or len(text) <= limit else text[:limit - 1] + "…"


def translation_report(run: TranslationRun) -> str:
    total = sum(run.parts.values())
    out = ["# Translation report", "",
           "Where the English of every story comes from (`translations/<story id>.yaml`), what the engine translated "
           "in this build, what it got visibly wrong, and what is still without English.", ""]
    if run.engine:
        out.append(f"Engine: **{run.engine}**. This build translated {run.translated} sentences in "
                   f"{run.engine_calls} engine calls ({run.seconds:.1f} s).")
    elif run.no_engine == NOT_NEEDED:
        out.append("Engine: not used: the memory has English for every sentence.")
    else:
        out.append(f"Engine: **none**: {run.no_engine}. Nothing was translated; the pages show "
                   "\"translation pending\" where the memory has no English.")
    out += ["", "| English | parts |", "|---|---|"]
    labels = {"contributor": "the archive's contributors (not professional translators)",
              "post-edited": "machine, corrected by a contributor",
              "machine": "machine, unreviewed", "mixed": "mixed (sentences of different provenance)",
              "pending": "pending (no English)"}
    for key in ("contributor", "post-edited", "mixed", "machine", "pending"):
        if run.parts.get(key):
            out.append(f"| {labels[key]} | {run.parts[key]} |")
    out.append(f"| **all** | {total} |")
    out += ["", f"## Pending ({len(run.pending)})", ""]
    if run.pending:
        out += ["Parts with no English yet: the Chinese is published alone with a \"translation pending\" note.", "",
                "| story | field | sentences without English | text |", "|---|---|---|---|"]
        out += [f"| {story} | {where} | {missing} of {of} | {_cell(text, 120)} |"
                for story, where, text, missing, of in run.pending]
    else:
        out.append("None: every part of every story has English.")
    out += ["", f"## Flagged ({len(run.flagged)})", ""]
    if run.flagged:
        out += ["Machine English that failed a check (see `build_tools/translate/checks.py`): published with the "
                "flag on the page; correct it in the story's file and set `provenance: post-edited` and `translator`.", "",
                "| story | field | flags | Chinese | English |", "|---|---|---|---|---|"]
        out += [f"| {story} | {where} | {', '.join(flags)} | {_cell(zh, 80)} | {_cell(en, 120)} |"
                for story, where, zh, en, flags in run.flagged]
    else:
        out.append("None.")
    return "\n".join(out) + "\n"


def translate_catalog(records: Records, translations_dir: Path, out_dir: Path, engine="auto",
                      retranslate: bool = False, progress: Callable[[str], None] | None = None,
                      bar_stream: TextIO | None = None) -> tuple[Memory, TranslationRun]:
    """The stage as the pipeline runs it: load the memory, find the engine (`"auto"`: the installed package),
    translate what is missing, write the report into out_dir. Returns the memory the pages are written from."""
    memory = Memory.load(translations_dir)
    if engine == "auto":
        stories = records["stories"]
        engine = find_engine() if collect_jobs(stories, memory, retranslate) else None
        if engine is None:
            engine = NoEngine(NOT_NEEDED)
    run = translate_records(records["stories"], memory, Path(translations_dir), engine, retranslate=retranslate,
                            progress=progress, bar_stream=bar_stream)
    write_if_changed(Path(out_dir) / TRANSLATION_REPORT, translation_report(run))
    if progress:
        progress(f"translation: {run.translated} sentences translated, {len(run.pending)} parts pending, "
                 f"{len(run.flagged)} flagged (report: {Path(out_dir) / TRANSLATION_REPORT})")
    return memory, run


def translate_paragraphs(texts: list[str], engine, glossary=None, names: dict[str, str] | None = None,
                         bar_stream: TextIO | None = None) -> list[tuple[str, list[str]]]:
    """English and flags for each Simplified paragraph, translated as the build translates (sentence by sentence,
    all in one batch; with `glossary`, through placeholders). For evaluating a model; nothing is stored."""
    pieces = [[s for s in split_sentences(t) if s.strip()] or [t] for t in texts]
    flat = [s for sentences in pieces for s in sentences]
    masked = [glossary.protect(s, names) for s in flat] if glossary else None
    bar = ProgressBar(len(flat), stream=bar_stream or sys.stderr)
    raw = engine.translate([m.text for m in masked] if masked else flat, progress=bar.update)
    bar.close()
    out, i = [], 0
    for text, sentences in zip(texts, pieces):
        english, flags = [], []
        for s in sentences:
            restored = masked[i].restore(raw[i]) if masked else None
            en = restored.en if restored else str(raw[i])
            english.append(en)
            found = checks.check(s, en, restored=restored, finished=getattr(raw[i], "finished", True))
            flags += [f for f in found if f not in flags]
            i += 1
        out.append((" ".join(english), flags))
    return out
