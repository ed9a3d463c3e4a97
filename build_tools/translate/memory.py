"""The translation memory: `translations/<story id>.yaml`, one reviewable file per story.

Each segment holds the Chinese it translates (and its hash), the English, and where the English came from, as it
is, no more:
- `provenance`: `contributor` (written by the archive's contributors, who are not professional translators),
  `post-edited` (machine output a person corrected) or `machine` (engine, model and version, date);
- `translator`: who wrote or corrected the English; `date`: when;
- `reviewer` and `reviewed` (a date): who checked the English against the Chinese, and when. Only where that
  happened: a segment without them claims no review;
- `note`: a translator's note (a silent correction of a typo in the source, a term explained), shown on the page.

Older files said `reference` for `contributor` and `reviewed` for `post-edited`; they are read as the new names
(LEGACY), so nothing has to be rewritten at once.

The build reads English from here; only what is missing goes to an engine, and nothing a person wrote is ever
overwritten by a machine.

Editors write a segment per paragraph (or headline, caption …); the engine writes one per sentence, so that
editing one sentence of a source retranslates that sentence only. `Memory.lookup` gives a paragraph's English
either way. A machine segment of a Traditional-script source records `source_script: Hant` and
`translated_from`: `Simplified` when the engine was given the Simplified form of the sentence, `Traditional` when a
zh-Hant model (Argos `translate-zt_en`) translated it as printed.
"""
from __future__ import annotations

import hashlib
import itertools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from build_tools import strict_yaml
from build_tools.files import write_atomic
from build_tools.errors import DataError
from build_tools.translate.sentences import split_sentences

PROVENANCE = ("contributor", "post-edited", "machine")
HUMAN = ("contributor", "post-edited")
LEGACY = {"reference": "contributor", "reviewed": "post-edited"}     # older names, read as the new ones


def segment_hash(text: str) -> str:
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:16]


@dataclass
class Segment:
    hash: str
    zh: str
    en: str
    provenance: str
    field: str = ""
    translator: str = ""
    engine: str = ""
    model: str = ""
    date: str = ""
    flags: tuple[str, ...] = ()
    source_script: str = ""
    translated_from: str = ""
    reviewer: str = ""
    reviewed: str = ""
    note: str = ""


@dataclass(frozen=True)
class Lookup:
    """The English of a paragraph (or headline, caption …) and where it came from."""
    en: str
    provenance: str                 # contributor | post-edited | machine | mixed (sentences of different provenance)
    engine: str = ""
    model: str = ""
    translator: str = ""
    flags: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()     # provenance of each segment used, in reading order
    date: str = ""                  # when the English was written (the latest, for several segments)
    reviewer: str = ""              # who checked it against the Chinese: only if every segment was checked
    reviewed: str = ""
    notes: tuple[str, ...] = ()     # translators' notes


def _unique(values) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


class Memory:
    """All segments of all stories, found by the hash of their Chinese text."""

    def __init__(self, segments: dict[str, Segment] | None = None):
        self.segments = segments or {}

    def get(self, text: str) -> Segment | None:
        return self.segments.get(segment_hash(text))

    def lookup(self, text: str) -> Lookup | None:
        """The English of a paragraph: its own segment if there is one, else its sentences' segments joined
        (None while any sentence has none)."""
        seg = self.get(text)
        if seg is not None:
            segs = [seg]
        else:
            sentences = [s for s in split_sentences(text) if s.strip()]
            if len(sentences) < 2:
                return None
            segs = [self.get(s) for s in sentences]
            if any(s is None for s in segs):
                return None
        kinds = _unique(s.provenance for s in segs)
        return Lookup(en=" ".join(s.en for s in segs if s.en),
                      provenance=kinds[0] if len(kinds) == 1 else "mixed",
                      engine="; ".join(_unique(s.engine for s in segs if s.provenance == "machine")),
                      model="; ".join(_unique(s.model for s in segs if s.provenance == "machine")),
                      translator="; ".join(_unique(s.translator for s in segs)),
                      flags=tuple(_unique(f for s in segs for f in s.flags)),
                      parts=tuple(s.provenance for s in segs),
                      date=max((s.date for s in segs), default=""),
                      reviewer="; ".join(_unique(s.reviewer for s in segs)) if all(s.reviewer for s in segs) else "",
                      reviewed=max((s.reviewed for s in segs), default="") if all(s.reviewed for s in segs) else "",
                      notes=tuple(_unique(s.note for s in segs)))

    def add(self, seg: Segment) -> bool:
        """Put a machine segment in the memory (not on disk: see `write_segments`); a human one stays."""
        existing = self.segments.get(seg.hash)
        if existing is not None and existing.provenance in HUMAN:
            return False
        self.segments[seg.hash] = seg
        return True

    @classmethod
    def load(cls, folder: Path) -> "Memory":
        segments: dict[str, Segment] = {}
        for path in sorted(Path(folder).glob("*.yaml")):
            if path.name == "glossary.yaml":
                continue
            for seg in load_file(path):
                existing = segments.get(seg.hash)
                # a human translation wins over a machine one for the same text; of two machine ones, the later
                if existing is None or existing.provenance not in HUMAN:
                    segments[seg.hash] = seg
        return cls(segments)


# every key a segment may have, and what it must be: text, except flags (a list of text)
SEGMENT_KEYS = ("field", "hash", "zh", "source_script", "translated_from", "zh_simplified", "en", "provenance",
                "translator", "engine", "model", "date", "flags", "reviewer", "reviewed", "note")


def load_file(path: Path) -> list[Segment]:
    """The segments of one story's file, checked like a sidecar: any problem names the file, key and line."""
    data, node = strict_yaml.load(strict_yaml.read(path, str(path)), str(path))
    data = data or {}
    hint = "see the README's Translation section for the shape of a translation file"
    if not isinstance(data, dict):
        raise DataError(path, "must be a mapping with story and segments", line=1, hint=hint)
    unknown = set(data) - {"story", "segments"}
    if unknown:
        key = sorted(map(str, unknown))[0]
        raise DataError(path, f"unknown key '{key}' (allowed: story, segments)",
                        line=strict_yaml.line_of(node, key), hint=hint)
    segments = data.get("segments") or []
    if not isinstance(segments, list):
        raise DataError(path, "segments must be a list", line=strict_yaml.line_of(node, "segments"), hint=hint)
    out = []
    for i, item in enumerate(segments):
        line = strict_yaml.line_of(node, "segments", i)
        if not isinstance(item, dict):
            raise DataError(path, f"segments[{i}] must be a mapping with zh, en and provenance", line=line, hint=hint)
        missing = {"zh", "en", "provenance"} - set(item)
        if missing:
            raise DataError(path, f"segments[{i}] lacks {', '.join(sorted(missing))}", line=line, hint=hint)
        for key, value in item.items():
            if key not in SEGMENT_KEYS:
                raise DataError(path, f"segments[{i}]: unknown key '{key}' (allowed: {', '.join(SEGMENT_KEYS)})",
                                line=line, hint=hint)
            ok = (isinstance(value, list) and all(isinstance(f, str) for f in value)) if key == "flags" else \
                isinstance(value, str) or (key in ("date", "hash") and isinstance(value, int) and not isinstance(value, bool))
            if not ok:
                shown = "a list of text" if key == "flags" else "text"
                raise DataError(path, f"segments[{i}].{key} must be {shown}, not {type(value).__name__}",
                                line=strict_yaml.line_of(node, "segments", i, key),
                                hint="quote the value: en: \"…\"" if key != "flags" else hint)
        provenance = LEGACY.get(item["provenance"], item["provenance"])
        if provenance not in PROVENANCE:
            raise DataError(path, f"segments[{i}].provenance must be one of {', '.join(PROVENANCE)}", line=line)
        if bool(item.get("reviewer")) != bool(item.get("reviewed")):
            raise DataError(path, f"segments[{i}]: a review records both who (`reviewer`) and when (`reviewed`)",
                            line=line, hint="give both, or neither: a review that did not happen is not recorded")
        zh = str(item["zh"])
        expected = segment_hash(zh)
        if item.get("hash") and item["hash"] != expected:
            raise DataError(path, f"segments[{i}].hash {item['hash']} does not match its Chinese text "
                                  f"(expected {expected}); was the Chinese edited by hand?", line=line)
        out.append(Segment(hash=expected, zh=zh, en=str(item["en"]).strip(), provenance=provenance,
                           field=str(item.get("field", "")), translator=str(item.get("translator", "")),
                           engine=str(item.get("engine", "")), model=str(item.get("model", "")),
                           date=str(item.get("date", "")), flags=tuple(item.get("flags") or ()),
                           source_script=str(item.get("source_script", "")),
                           translated_from=str(item.get("translated_from", "")),
                           reviewer=str(item.get("reviewer") or ""), reviewed=str(item.get("reviewed") or ""),
                           note=str(item.get("note") or "").strip()))
    return out


def segment_entry(seg: Segment, zh_simplified: str = "") -> dict:
    """A machine segment as it is written in a story's file (keys in reading order, empty ones left out)."""
    entry = {"field": seg.field, "hash": seg.hash, "zh": seg.zh}
    if seg.source_script:
        entry.update({"source_script": seg.source_script, "translated_from": seg.translated_from})
    if zh_simplified and zh_simplified != seg.zh:
        entry["zh_simplified"] = zh_simplified
    entry.update({"en": seg.en, "provenance": seg.provenance, "engine": seg.engine, "model": seg.model,
                  "date": seg.date})
    if seg.flags:
        entry["flags"] = list(seg.flags)
    return {k: v for k, v in entry.items() if v not in ("", None)}


def write_segments(folder: Path, story: str, entries: list[dict], replace: set[str] = frozenset(),
                   title: str = "", keep: set[str] | None = None) -> Path:
    """Add machine segments to `<folder>/<story>.yaml`. Machine segments whose hash is in `replace` are dropped
    first (a retranslation), and so are those whose hash is not in `keep` when it is given (sentences no longer in
    the story: an edited sentence leaves no stale English behind). A human segment (contributor, post-edited) is never
    dropped nor shadowed: an entry for a text that already has one is not written. The file's opening comment and
    every other entry are kept as they are (the files are written the way the editors' files are, so untouched
    entries stay byte for byte)."""
    path = Path(folder) / f"{story}.yaml"
    if path.exists():
        text = path.read_text(encoding="utf-8")
        head = "".join(itertools.takewhile(lambda line: line.startswith("#"), text.splitlines(True)))
        data = yaml.safe_load(text) or {}
    else:
        head = f"# Translation memory of {story}" + (f": {title}" if title else "") + "\n"
        data = {}
    data.setdefault("story", story)
    kept = []
    for item in data.get("segments") or []:
        h = segment_hash(str(item.get("zh", "")))
        if _provenance(item) not in HUMAN and (h in replace or (keep is not None and h not in keep)):
            continue
        kept.append(item)
    human = {segment_hash(str(i["zh"])) for i in kept if _provenance(i) in HUMAN}
    present = {segment_hash(str(i["zh"])) for i in kept}
    added = []
    for entry in entries:
        h = segment_hash(entry["zh"])
        if h not in human and h not in present:
            added.append(entry)
            present.add(h)
    kept += added
    new = head + _dump({**data, "segments": kept})
    if path.exists() and len(kept) == len(data.get("segments") or []) + len(added):
        # nothing dropped: if the editors' file has comments or formatting that writing it out would lose,
        # append the new entries to it instead
        original = path.read_text(encoding="utf-8")
        if head + _dump(yaml.safe_load(original) or {}) != original and original.endswith("\n") \
                and list(data)[-1] == "segments" and re.search(r"^segments:\s*\n-", original, re.M):
            appended = original + _dump(added) if added else original
            if (yaml.safe_load(appended) or {}).get("segments") == kept:
                new = appended
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != new:
        write_atomic(path, new)
    return path


def _provenance(item: dict) -> str:
    value = item.get("provenance")
    return LEGACY.get(value, value)


def _dump(data) -> str:
    # the way the editors' files are written: untouched entries come out byte for byte
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
