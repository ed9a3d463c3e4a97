"""The translation memory: `translations/<story id>.yaml`, one reviewable file per story.

Each segment holds the Chinese it translates (and its hash), the English, and where the English came from:
`reference` (written and reviewed by the archive's editors), `reviewed` (machine output a person corrected) or
`machine` (engine, model and version). The build reads English from here; only what is missing goes to an engine,
and nothing a person wrote is ever overwritten by a machine.
"""
from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from build_tools.errors import DataError

PROVENANCE = ("reference", "reviewed", "machine")
HUMAN = ("reference", "reviewed")


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


class Memory:
    """All segments of all stories, found by the hash of their Chinese text."""

    def __init__(self, segments: dict[str, Segment] | None = None):
        self.segments = segments or {}

    def get(self, text: str) -> Segment | None:
        return self.segments.get(segment_hash(text))

    @classmethod
    def load(cls, folder: Path) -> "Memory":
        segments: dict[str, Segment] = {}
        for path in sorted(Path(folder).glob("*.yaml")):
            if path.name == "glossary.yaml":
                continue
            for seg in load_file(path):
                existing = segments.get(seg.hash)
                # a human translation wins over a machine one for the same text
                if existing is None or (existing.provenance not in HUMAN and seg.provenance in HUMAN):
                    segments[seg.hash] = seg
        return cls(segments)


def load_file(path: Path) -> list[Segment]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise DataError(path, f"not valid YAML: {err}", line=mark.line + 1 if mark else None) from None
    out = []
    for i, item in enumerate(data.get("segments") or []):
        missing = {"zh", "en", "provenance"} - set(item)
        if missing:
            raise DataError(path, f"segments[{i}] lacks {', '.join(sorted(missing))}")
        if item["provenance"] not in PROVENANCE:
            raise DataError(path, f"segments[{i}].provenance must be one of {', '.join(PROVENANCE)}")
        zh = str(item["zh"])
        expected = segment_hash(zh)
        if item.get("hash") and item["hash"] != expected:
            raise DataError(path, f"segments[{i}].hash {item['hash']} does not match its Chinese text "
                                  f"(expected {expected}); was the Chinese edited by hand?")
        out.append(Segment(hash=expected, zh=zh, en=str(item["en"]).strip(), provenance=item["provenance"],
                           field=str(item.get("field", "")), translator=str(item.get("translator", "")),
                           engine=str(item.get("engine", "")), model=str(item.get("model", "")),
                           date=str(item.get("date", "")), flags=tuple(item.get("flags") or ())))
    return out


def story_segments(record: dict) -> list[tuple[str, str]]:
    """(field, Chinese text) for every translatable part of a catalog story record, in reading order."""
    out = []
    for key in ("column", "kicker", "headline", "subheadline"):
        if record.get(key):
            out.append((key, record[key]["text"]))
    for i, cap in enumerate(record.get("captions") or []):
        out.append((f"caption {i + 1}", cap["text"]))
    for i, el in enumerate(record.get("body") or []):
        out.append((f"{el['kind']} {i + 1}", el["text"]))
    if record.get("page_banner"):
        out.append(("page banner", record["page_banner"]))
    return out


def check(catalog_file: Path, folder: Path) -> int:
    """Report, per story, the segments that have no English in the memory. Used by `python -m`."""
    memory = Memory.load(folder)
    stories = json.loads(Path(catalog_file).read_text(encoding="utf-8"))["stories"]
    missing = 0
    for record in stories:
        for field, text in story_segments(record):
            if memory.get(text) is None:
                missing += 1
                print(f"{record['id']}\t{field}\t{segment_hash(text)}\t{text[:30]}")
    print(f"{missing} segments without English", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(check(Path(sys.argv[1] if len(sys.argv) > 1 else "build/catalog.json"),
                   Path(sys.argv[2] if len(sys.argv) > 2 else "translations")))
