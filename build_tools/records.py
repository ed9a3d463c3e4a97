"""The story record: what every stage after ingestion takes and returns, and what build/catalog.json holds.

A `StoryRecord` is built once per story from the ingested `Article` (build_tools/articles.py) and its source page,
given its attribution by the attribute stage, and read by translation and writing, from memory or from
build/catalog.json alone. `record.parts()` is the one definition of what of a story gets translated.
Nested values (elements, bylines, attribution) are plain JSON data, so the catalog is the record as written.
The catalog is written sorted, so it is reproducible.
"""
from __future__ import annotations

import json
import sys
import types
import typing
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, Iterator, Literal, NotRequired, TypedDict

from build_tools.chinese import language_tag, to_simplified
from build_tools.files import write_if_changed
from build_tools.reference.outlets import outlet, outlet_key
from build_tools.settings import DATA

RECORD_SCHEMA = DATA / "record.schema.json"     # generated from StoryRecord: python -m build_tools.records --schema


# A title line, paragraph or caption: `text` as printed, `simplified` in Simplified script, `lines` of the source;
# `kind` (paragraph, section_head) on body elements only. (Functional form: the annotations are evaluated here.)
ElementRecord = TypedDict("ElementRecord", {"kind": NotRequired[str], "text": str, "simplified": NotRequired[str],
                                            "lines": list[int]})


def story_url(story_id: str) -> str:
    """A story's address, from its permanent identifier only: the one place it is built."""
    return f"stories/{story_id}/"


@dataclass(frozen=True)
class Part:
    """One translatable part of a story: a title line, a caption, a paragraph or the page banner."""
    story: str
    field: str              # as the translation memory names it: headline, caption 2, paragraph 3, page banner
    text: str               # as printed (Traditional for a Traditional source)
    simplified: str
    script: str             # Hans | Hant
    key: str = ""           # the record field it comes from: headline, captions, body, page_banner …
    index: int = 0          # 1-based position among the captions or the body, else 0
    kind: str = ""          # a body element's kind (paragraph, section_head)
    lines: tuple[int, ...] = ()


TITLE_FIELDS = ("column", "kicker", "headline", "subheadline")


@dataclass
class StoryRecord(Mapping):
    """One story. Reads like the catalog's JSON object too (`record["headline"]`), for the stage functions that
    take the record's data."""

    id: str
    url: str
    source: dict[str, Any]                          # {file, sha256, lines: [first, last], anchor}
    outlet: dict[str, Any] | None                   # {key, zh, en, pinyin, kind …}
    via: dict[str, Any] | None                      # the outlet the page was captured from, when it reposted
    script: Literal["Hans", "Hant"]
    page_banner: str | None
    kicker: ElementRecord | None
    headline: ElementRecord | None
    subheadline: ElementRecord | None
    column: ElementRecord | None
    dateline: ElementRecord | None
    published: dict[str, Any] | None                # from a dateline or e-paper footer: {date, time, source}
    bylines: list[dict[str, Any]]                   # {name, role, role_zh, lines, name_simplified, pinyin}
    body: list[ElementRecord]
    captions: list[ElementRecord]
    flags: list[str]
    content_hash: str
    attribution: dict[str, Any] = field(default_factory=dict)   # {place, themes, date, people, bodies, page …}
    supplied_title: str | None = None               # for a story printed without a headline: from its opening

    # reading it like the JSON object
    def __getitem__(self, key: str):
        if key not in _FIELDS:
            raise KeyError(key)
        return getattr(self, key)

    def __iter__(self) -> Iterator[str]:
        return iter(_FIELDS)

    def __len__(self) -> int:
        return len(_FIELDS)

    @property
    def lang(self) -> str:
        return language_tag(self.script)

    def parts(self) -> list[Part]:
        """Every translatable part, in the order the memory and the engine take them: column, kicker, headline,
        subheadline, captions, body, page banner."""
        def simplified(el: dict) -> str:
            return el.get("simplified") or self._simplify(el["text"])

        out = []
        for key in TITLE_FIELDS:
            el = getattr(self, key)
            if el:
                out.append(Part(self.id, key, el["text"], simplified(el), self.script, key,
                                lines=tuple(el.get("lines") or ())))
        for i, el in enumerate(self.captions or [], 1):
            out.append(Part(self.id, f"caption {i}", el["text"], simplified(el), self.script, "captions", i,
                            lines=tuple(el.get("lines") or ())))
        for i, el in enumerate(self.body or [], 1):
            out.append(Part(self.id, f"{el['kind']} {i}", el["text"], simplified(el), self.script, "body", i,
                            el["kind"], tuple(el.get("lines") or ())))
        if self.page_banner:
            out.append(Part(self.id, "page banner", self.page_banner, self._simplify(self.page_banner), self.script,
                            "page_banner"))
        return [p for p in out if p.text.strip()]

    def _simplify(self, text: str) -> str:
        return to_simplified(text) if self.script == "Hant" else text

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _FIELDS}

    @classmethod
    def from_dict(cls, data: Mapping) -> "StoryRecord":
        return data if isinstance(data, cls) else cls(**{name: data[name] for name in _FIELDS if name in data})


_FIELDS = tuple(f.name for f in fields(StoryRecord))


@dataclass
class Records:
    """What build/catalog.json holds: every story record, and one entry per source page."""

    sources: list[dict[str, Any]]
    stories: list[StoryRecord]

    def __getitem__(self, key: str):
        if key not in ("sources", "stories"):
            raise KeyError(key)
        return getattr(self, key)

    def to_json(self) -> str:
        data = {"sources": self.sources, "stories": [r.to_dict() for r in self.stories]}
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True, default=str) + "\n"

    def write(self, path: Path) -> bool:
        return write_if_changed(path, self.to_json())

    @classmethod
    def load(cls, path: Path) -> "Records":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(data["sources"], [StoryRecord.from_dict(r) for r in data["stories"]])


def _element(e):
    return None if e is None else {"text": e.text, "simplified": e.simplified, "lines": e.lines}


def story_record(article, page) -> StoryRecord:
    """The record of an ingested article (build_tools/articles.py) of a source page, with the article's attribution."""
    info = page.sidecar
    return StoryRecord(
        id=article.id,
        url=story_url(article.id),
        source={"file": page.path, "sha256": page.sha256, "lines": [article.lines()[0], article.lines()[-1]],
                "anchor": article.anchor},
        outlet=outlet(*outlet_key(info)),
        via=outlet(info.get("via")),
        script=article.script,
        page_banner=" / ".join(e.text for e in page.banner) or None,
        kicker=_element(article.kicker),
        headline=_element(article.headline),
        subheadline=_element(article.subheadline),
        column=_element(article.column),
        dateline=_element(article.dateline),
        published=article.published,
        bylines=[asdict(b) for b in article.bylines],
        body=[{"kind": e.kind, **_element(e)} for e in article.body],
        captions=[_element(e) for e in article.captions],
        flags=list(article.flags),
        content_hash=article.content_hash,
        attribution=article.attribution,
        supplied_title=article.supplied_title or None,
    )


def source_record(page) -> dict[str, Any]:
    return {
        "file": page.path, "sha256": page.sha256, "encoding": page.encoding, "line_ending": page.line_ending,
        "script": page.script, "layout": page.layout,
        "sidecar": {k: v for k, v in page.sidecar.data.items() if k != "stories"},
        "banner": [_element(e) for e in page.banner], "footer": page.footer, "label": page.label,
        "site_names": [asdict(s) for s in page.site_names], "trimmed": [asdict(s) for s in page.trimmed],
        "set_aside": [asdict(s) for s in sorted(page.cleaning + page.set_aside, key=lambda s: s.line)],
        "stories": [a.id for a in page.articles],
    }


def catalog_records(catalog) -> Records:
    """The records of an ingested catalog (build_tools/ingest/), in source order."""
    return Records([source_record(p) for p in catalog.pages],
                   [story_record(a, p) for p in catalog.pages for a in p.articles])


def _schema_of(hint) -> dict:
    """JSON Schema of a type annotation of the record."""
    if hint is Any:
        return {}
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        return {"anyOf": [_schema_of(h) for h in typing.get_args(hint)]}
    if hint is type(None):
        return {"type": "null"}
    if hint in (str, int, float, bool):
        return {"type": {str: "string", int: "integer", float: "number", bool: "boolean"}[hint]}
    if typing.is_typeddict(hint):
        hints = typing.get_type_hints(hint)
        return {"type": "object", "additionalProperties": False,
                "required": sorted(hint.__required_keys__),
                "properties": {k: _schema_of(v) for k, v in hints.items()}}
    origin = typing.get_origin(hint)
    if origin is Literal:
        return {"enum": list(typing.get_args(hint))}
    if origin is list:
        return {"type": "array", "items": _schema_of(typing.get_args(hint)[0])}
    if origin is dict:
        return {"type": "object"}
    raise TypeError(f"no JSON Schema for {hint!r}")


def record_schema() -> dict:
    """The JSON Schema of a story of build/catalog.json, generated from the StoryRecord declaration."""
    hints = typing.get_type_hints(StoryRecord)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "record.schema.json",
        "title": "Zhejiang Trade Union News Archive: a story record of build/catalog.json (generated from "
                 "build_tools/records.py StoryRecord; do not edit)",
        "type": "object", "additionalProperties": False, "required": list(_FIELDS),
        "properties": {name: _schema_of(hints[name]) for name in _FIELDS},
    }


def schema_text() -> str:
    return json.dumps(record_schema(), ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":
    if sys.argv[1:] != ["--schema"]:
        sys.exit("usage: python -m build_tools.records --schema   (writes build_tools/data/record.schema.json)")
    write_if_changed(RECORD_SCHEMA, schema_text())
