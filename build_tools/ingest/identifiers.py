"""Permanent identifiers, kept like accession numbers: minted once, recorded in the sidecar, never renumbered.

An identifier is `<outlet>-<6 hex digits>` (zjgr-3fa9c1). Digits come from a hash of what opens the story, but
that is only how a new number is drawn: once registered, the identifier is found again through the register,
which ties it to a line of the source. Improving the segmenter, correcting a headline, adding or reordering
source files, or moving a file with its sidecar changes nothing.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from build_tools import strict_yaml
from build_tools.articles import Article
from build_tools.errors import SidecarError
from build_tools.files import write_atomic
from build_tools.ingest.sidecar import sidecar_path
from build_tools.reference.outlets import outlet_key


@dataclass
class Assignment:
    new: list[dict] = field(default_factory=list)        # register entries minted in this run
    warnings: list[tuple[int | None, str]] = field(default_factory=list)


def assign_identifiers(articles: list[Article], register: list[dict], outlet: str, source_sha: str,
                       anchor_texts: dict[int, str], taken: set[str]) -> Assignment:
    """Give each article its registered identifier, or mint one. `taken` holds every identifier in the corpus."""
    result = Assignment()
    used: set[str] = set()
    for article in articles:
        lines = set(article.lines())
        entries = [e for e in register if e["line"] in lines and e["id"] not in used]
        if entries:
            entries.sort(key=lambda e: (e["line"] != article.anchor, e["line"]))
            article.id = entries[0]["id"]
            for extra in entries[1:]:
                result.warnings.append((extra["line"], f"identifier {extra['id']} now falls inside story "
                                        f"{article.id}: two registered stories were merged; "
                                        f"split them again with a 'start' correction"))
            used.update(e["id"] for e in entries)
            continue
        article.id = mint(outlet, source_sha, article.anchor, anchor_texts.get(article.anchor, ""), taken)
        taken.add(article.id)
        used.add(article.id)
        result.new.append({"id": article.id, "line": article.anchor,
                           "text": anchor_texts.get(article.anchor, "")[:16]})
    for entry in register:
        if entry["id"] not in used:
            result.warnings.append((entry["line"], f"registered identifier {entry['id']} matches no story: "
                                    f"its page would disappear; restore the story or add a redirect"))
    return result


def mint(outlet: str, source_sha: str, anchor: int, anchor_text: str, taken: set[str]) -> str:
    digest = hashlib.sha1(f"{outlet}\n{source_sha}\n{anchor}\n{anchor_text}".encode()).hexdigest()
    for width in range(6, 41, 2):
        candidate = f"{outlet}-{digest[:width]}"
        if candidate not in taken:
            return candidate
    raise RuntimeError("identifier space exhausted")  # 160 bits of collisions: cannot happen


def record(sidecar_file: Path, entries: list[dict], had_register: bool = True) -> None:
    """Append newly minted identifiers to the sidecar's `stories:` register (kept as the file's last key), in the
    form the register is written in: a block list at its own indentation (PyYAML dumps it at none), or a flow
    list `[...]`. The file is replaced atomically, and only once the new text reads back as the old register
    plus the new entries."""
    if not entries:
        return
    name = str(sidecar_file)
    text = strict_yaml.read(sidecar_file, name, SidecarError) if sidecar_file.exists() else ""
    data, node = strict_yaml.load(text, name, SidecarError) if text.strip() else ({}, None)
    data = data if isinstance(data, dict) else {}
    items = [_flow_entry(e) for e in entries]
    value = next((v for k, v in node.value if k.value == "stories"), None) if node is not None else None
    if value is None:
        new = text + ("\n" if text and not text.endswith("\n") else "") + (
            "stories:  # identifier register, written by `archive ingest`: append-only, never edit or reorder\n"
            + "".join(f"  - {item}\n" for item in items))
    elif isinstance(value, yaml.SequenceNode) and value.flow_style:
        close = text.rindex("]", 0, value.end_mark.index)
        inner = text[value.start_mark.index + 1:close]
        sep = ", " if inner.strip() and not inner.rstrip().endswith(",") else " " if inner.strip() else ""
        new = text[:close].rstrip(" ") + sep + ", ".join(items) + text[close:]
    elif isinstance(value, yaml.SequenceNode) and value.value:
        indent = " " * value.start_mark.column
        new = text + ("\n" if not text.endswith("\n") else "") + "".join(f"{indent}- {item}\n" for item in items)
    elif isinstance(value, yaml.ScalarNode) and value.value in ("", "~", "null", "Null", "NULL"):
        # `stories:` with nothing under it yet (or null): write the list in its place
        new = text[:value.start_mark.index].rstrip(" ") + " [" + ", ".join(items) + "]" + text[value.end_mark.index:]
    else:
        raise SidecarError(name, "stories: the register must be a list", line=value.start_mark.line + 1)
    check, _ = strict_yaml.load(new, name, SidecarError)
    if not isinstance(check, dict) or check.get("stories") != (data.get("stories") or []) + entries:
        raise SidecarError(name, "cannot append the new identifiers to the stories: register without changing "
                                 "its meaning", hint="write the register as a block list, one '- {id: …}' a line, "
                                                     "as the last key of the file")
    write_atomic(sidecar_file, new)


def _flow_entry(e: dict) -> str:
    return f"{{id: {e['id']}, line: {e['line']}, text: {json.dumps(e['text'], ensure_ascii=False)}}}"


def register_catalog(catalog, files: list[Path], write: bool = True) -> None:
    """Give every article of the catalog its permanent identifier (pages in the order of `files`), note the
    minted ones in `catalog.minted` and, with `write`, append them to the sidecars' registers."""
    taken = {e["id"] for p in catalog.pages for e in p.sidecar.register}
    for page, path in zip(catalog.pages, files):
        info = page.sidecar
        outlet = outlet_key(info)[0] or "story"
        if not info.exists:
            page.warn(None, f"no sidecar: outlet and date unknown; write {sidecar_path(path).name} (see README)")
        elif outlet == "story":
            # warned on every build while it lasts (a register-only sidecar is written after the first build)
            page.warn(None, f"outlet unknown: add 'outlet:' to {sidecar_path(path).name} (see README)")
        anchors = {ln.number: ln.text for ln in page.lines}
        result = assign_identifiers(page.articles, info.register, outlet, page.sha256, anchors, taken)
        for line, message in result.warnings:
            page.warn(line, message)
        if result.new:
            catalog.minted += [(page.path, e["id"]) for e in result.new]
            if write:
                if info.exists and info.register and list(info.data)[-1] != "stories":
                    raise SidecarError(info.path, "'stories' must be the last key, so new identifiers can be "
                                                  "appended", hint="move the stories: block to the end of the file")
                record(sidecar_path(path), result.new, had_register=bool(info.register))
        page.articles.sort(key=lambda a: a.anchor)
