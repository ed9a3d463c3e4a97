"""Sidecars: `<source>.yaml` beside each source, what a curator knows that the text does not say.

The schema lives here, in one table. Anything not in it is an error naming the file, the key and its line.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from build_tools import strict_yaml
from build_tools.data_files import load_yaml
from build_tools.errors import SidecarError

CORRECTION_ROLES = ("headline", "kicker", "subheadline", "column", "caption", "section_head", "paragraph",
                    "continuation", "start", "set_aside")
OVERRIDE_KEYS = {"place": str, "themes": list, "date": (str, int, dt.date), "date_evidence": str,
                 "people": list, "flags": list, "note": str,
                 "summary": str,         # one English sentence on what the story is about (write/gist.py)
                 "entities": dict}       # {add: [{zh, kind, en, role}], remove: [zh]} (attribute/entities.py)

# key: (type(s), required, description) — the README's sidecar table is written from this.
SCHEMA: dict[str, tuple[Any, bool, str]] = {
    "outlet": (str, False, "key of the paper or site in build_tools/data/outlets.yaml (e.g. zjgr)"),
    "via": (str, False, "outlet key of the site the page was captured from, when it reposted the story"),
    "url": (str, False, "address the page was captured from"),
    "date": ((str, int, dt.date), False, "publication date as printed or known: YYYY, YYYY-MM or YYYY-MM-DD"),
    "date_evidence": (str, False, "why the curator gives that date, or what the text says about it"),
    "page": (int, False, "page number in the paper"),
    "section": (str, False, "section or page name (版面)"),
    "notes": (str, False, "anything else a curator wants to record"),
    "corrections": (list, False, "segmentation corrections: {lines, role, story, reason}"),
    "overrides": (dict, False, "per-story decisions that replace automatic attribution: {id: {place, themes, …}}"),
    "withdrawn": (dict, False, "stories a curator withdraws: {id: reason}; each keeps its address with a notice"),
    "stories": (list, False, "the identifier register: {id, line, text}; written by `archive ingest`, append-only"),
}


@dataclass
class Correction:
    lines: list[int]
    role: str
    story: int | None
    reason: str


@dataclass
class Sidecar:
    path: str
    data: dict[str, Any]
    corrections: list[Correction]
    register: list[dict[str, Any]]
    exists: bool
    register_lines: list[int] = field(default_factory=list)   # the sidecar line of each register entry

    def get(self, key: str, default=None):
        return self.data.get(key, default)


def sidecar_path(source: Path) -> Path:
    return source.with_suffix(".yaml")


def load_sidecar(source: Path, display: str, line_count: int, blank: set[int]) -> Sidecar:
    path = sidecar_path(source)
    name = display[: -len(source.suffix)] + ".yaml" if display.endswith(source.suffix) else str(path)
    if not path.exists() and not path.is_symlink():
        return Sidecar(name, {}, [], [], exists=False)
    text = strict_yaml.read(path, name, SidecarError)
    data, node = strict_yaml.load(text, name, SidecarError)
    data = data or {}
    where = _Locator(node)
    if not isinstance(data, dict):
        raise SidecarError(name, "must be a mapping of keys (outlet, date, …)", line=1)
    for key, value in data.items():
        if key not in SCHEMA:
            raise SidecarError(name, f"unknown key '{key}' (allowed: {', '.join(SCHEMA)})", line=where(key),
                               hint="check the spelling; the README lists the sidecar keys")
        kind, _, _ = SCHEMA[key]
        if value is None and kind in (list, dict):
            data[key] = kind()      # `stories:` with nothing under it yet
            continue
        if not isinstance(value, kind) or isinstance(value, bool):
            raise SidecarError(name, f"key '{key}' must be {_type_name(kind)}, not {type(value).__name__}",
                               line=where(key))
    for key, (_, required, _) in SCHEMA.items():
        if required and key not in data:
            raise SidecarError(name, f"missing required key '{key}'", line=1)
    outlets = load_yaml("outlets.yaml")
    for key in ("outlet", "via"):
        if key in data and data[key] not in outlets:
            raise SidecarError(name, f"key '{key}': unknown outlet '{data[key]}' (known: {', '.join(outlets)})",
                               line=where(key), hint="add the outlet to build_tools/data/outlets.yaml")
    if "date" in data:
        data["date"] = _check_date(name, "date", data["date"], where("date"))

    def check_line(n: Any, key: str, line: int | None) -> int:
        if not isinstance(n, int) or isinstance(n, bool):
            raise SidecarError(name, f"{key}: a line number must be an integer, not {n!r}", line=line)
        if not 1 <= n <= line_count:
            raise SidecarError(name, f"{key}: line {n} does not exist (the source has {line_count} lines)",
                               line=line)
        if n in blank:
            raise SidecarError(name, f"{key}: line {n} of the source is blank", line=line)
        return n

    corrections = []
    for i, item in enumerate(data.get("corrections") or []):
        key = f"corrections[{i}]"
        line = where("corrections", i)
        if not isinstance(item, dict):
            raise SidecarError(name, f"{key} must be a mapping with lines and role", line=line)
        unknown = set(item) - {"lines", "role", "story", "reason"}
        if unknown:
            raise SidecarError(name, f"{key}: unknown key '{sorted(unknown)[0]}' (allowed: lines, role, story, reason)",
                               line=line)
        if "lines" not in item or "role" not in item:
            raise SidecarError(name, f"{key}: needs both 'lines' and 'role'", line=line)
        if item["role"] not in CORRECTION_ROLES:
            raise SidecarError(name, f"{key}.role: unknown role '{item['role']}' (one of: {', '.join(CORRECTION_ROLES)})",
                               line=line)
        numbers = _line_list(name, f"{key}.lines", item["lines"], line, line_count)
        numbers = [check_line(n, f"{key}.lines", line) for n in numbers]
        story = check_line(item["story"], f"{key}.story", line) if "story" in item else None
        corrections.append(Correction(numbers, item["role"], story, str(item.get("reason", ""))))

    register = []
    for i, item in enumerate(data.get("stories") or []):
        key = f"stories[{i}]"
        line = where("stories", i)
        if not isinstance(item, dict) or set(item) - {"id", "line", "text"} or "id" not in item or "line" not in item:
            raise SidecarError(name, f"{key} must be a mapping {{id, line, text}}", line=line)
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", str(item["id"])):
            raise SidecarError(name, f"{key}.id: '{item['id']}' is not an identifier like zjgr-3fa9c1", line=line)
        check_line(item["line"], f"{key}.line", line)
        register.append(item)
    register_lines = [where("stories", i) for i in range(len(register))]
    ids = [r["id"] for r in register]
    first: dict[str, int] = {}
    for i, story_id in enumerate(ids):
        if story_id in first:
            a, b = register_lines[first[story_id]], register_lines[i]
            raise SidecarError(name, f"stories: identifier {story_id} is registered twice, at lines {a} and {b}",
                               line=b, hint="an entry was pasted twice: delete one of the two lines")
        first[story_id] = i

    for story_id, fields in (data.get("overrides") or {}).items():
        line = where("overrides", story_id)
        if not isinstance(fields, dict):
            raise SidecarError(name, f"overrides.{story_id} must be a mapping", line=line)
        for key, value in fields.items():
            if key not in OVERRIDE_KEYS:
                raise SidecarError(name, f"overrides.{story_id}: unknown key '{key}' "
                                         f"(allowed: {', '.join(OVERRIDE_KEYS)})", line=line)
            if not isinstance(value, OVERRIDE_KEYS[key]):
                raise SidecarError(name, f"overrides.{story_id}.{key} must be {_type_name(OVERRIDE_KEYS[key])}",
                                   line=line)
            if key == "date":
                fields[key] = _check_date(name, f"overrides.{story_id}.date", value, line)
            _check_override(name, f"overrides.{story_id}.{key}", value, line)
        if story_id not in ids:
            raise SidecarError(name, f"overrides: '{story_id}' is not a story of this source "
                                     f"(registered: {', '.join(ids) or 'none'})", line=line)
    for story_id, reason in (data.get("withdrawn") or {}).items():
        line = where("withdrawn", story_id)
        if not isinstance(reason, str) or not reason.strip():
            raise SidecarError(name, f"withdrawn.{story_id}: give the reason as text", line=line)
        if story_id not in ids:
            raise SidecarError(name, f"withdrawn: '{story_id}' is not a story of this source "
                                     f"(registered: {', '.join(ids) or 'none'})", line=line)
    return Sidecar(name, data, corrections, register, exists=True, register_lines=register_lines)


_PERSON_KEYS = ("name", "pinyin", "role", "role_zh")


def _check_override(name: str, key: str, value: Any, line: int | None) -> None:
    """What is inside an override's list: themes and flags are lists of text, people a list of {name, …}."""
    if key.endswith((".themes", ".flags")):
        for i, item in enumerate(value):
            if not isinstance(item, str):
                raise SidecarError(name, f"{key}[{i}] must be text, not {type(item).__name__}", line=line,
                                   hint="write the list as [slug, slug] (themes: slugs of build_tools/data/themes.yaml)")
    elif key.endswith(".people"):
        for i, item in enumerate(value):
            if not isinstance(item, dict) or not isinstance(item.get("name"), str):
                raise SidecarError(name, f"{key}[{i}] must be a mapping with a name, like {{name: 邹伟锋, role: "
                                         f"reporter}}", line=line)
            for k, v in item.items():
                if k not in _PERSON_KEYS:
                    raise SidecarError(name, f"{key}[{i}]: unknown key '{k}' (allowed: {', '.join(_PERSON_KEYS)})",
                                       line=line)
                if not isinstance(v, str):
                    raise SidecarError(name, f"{key}[{i}].{k} must be text, not {type(v).__name__}", line=line)


def _check_date(name: str, key: str, value: Any, line: int | None) -> str:
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        raise SidecarError(name, f"{key}: '{text}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", line=line)
    try:
        parts = [int(p) for p in text.split("-")] + [1, 1]
        dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        raise SidecarError(name, f"{key}: '{text}' is not a real date", line=line) from None
    return text


def _line_list(name: str, key: str, value: Any, line: int | None, line_count: int) -> list[Any]:
    if isinstance(value, int):
        return [value]
    if isinstance(value, str) and re.fullmatch(r"\d+\s*-\s*\d+", value):
        a, b = (int(x) for x in value.split("-"))
        if b < a:
            raise SidecarError(name, f"{key}: range '{value}' runs backwards", line=line)
        if b > line_count:     # checked before the range is expanded: "1-999999999" is not a list to build
            raise SidecarError(name, f"{key}: range '{value}' runs past the end of the source "
                                     f"({line_count} lines)", line=line)
        return list(range(a, b + 1))
    if isinstance(value, list):
        return value
    raise SidecarError(name, f"{key}: give a line number, a range like '389-390' or a list", line=line)


def _type_name(kind) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = {str: "text", int: "a whole number", list: "a list", dict: "a mapping", dt.date: "a date"}
    return " or ".join(names.get(k, k.__name__) for k in kinds)


class _Locator:
    """Finds the line of a key (or list item) in the composed YAML, for error messages."""

    def __init__(self, node):
        self.node = node

    def __call__(self, key, index=None) -> int | None:
        node = self.node
        if not isinstance(node, yaml.MappingNode):
            return None
        for k, v in node.value:
            if k.value == str(key):
                if index is None:
                    return k.start_mark.line + 1
                if isinstance(v, yaml.SequenceNode) and isinstance(index, int) and index < len(v.value):
                    return v.value[index].start_mark.line + 1
                if isinstance(v, yaml.MappingNode):
                    for k2, _ in v.value:
                        if k2.value == str(index):
                            return k2.start_mark.line + 1
                return k.start_mark.line + 1
        return None
