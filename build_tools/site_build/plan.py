"""Which story page goes to which shard, and what a shard build needs besides its stories.

A story goes to shard `sha256(id) mod n`, n = ceil(stories / shard size): adding or correcting a story changes one
shard only, and the same pages always give the same shards (a clean build and an incremental one agree). Nothing of
this reaches a page: a story's address is `stories/<id>/` in every shard and in an unsharded build.

A shard's pages must come out as they would in one build of the whole site, so each shard build also holds a stub
of every page the story pages refer to through MkDocs or Material: the pages of the navigation (the tabs on every
page). A stub is the page's front matter and its first heading; stubs are built and thrown away."""
from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass
from pathlib import Path

STORIES = "stories"
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_HEADING = re.compile(r"^# .*$", re.M)


def story_ids(docs: Path) -> list[str]:
    """The story pages of docs/ (stories and withdrawal notices alike): the folders of docs/stories/ with a page."""
    root = Path(docs) / STORIES
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if (p / "index.md").is_file())


def shard_count(stories: int, shard_size: int) -> int:
    if shard_size < 1:
        raise ValueError(f"shard size {shard_size}: expected a whole number of stories, at least 1")
    return 1 if stories <= shard_size else math.ceil(stories / shard_size)


def shard_of(story_id: str, count: int) -> int:
    return int.from_bytes(hashlib.sha256(story_id.encode("utf-8")).digest()[:8], "big") % count


@dataclass(frozen=True)
class Plan:
    shard_size: int
    shards: tuple[tuple[str, ...], ...]       # the story identifiers of each shard, sorted

    @property
    def sharded(self) -> bool:
        return len(self.shards) > 1

    @property
    def stories(self) -> int:
        return sum(len(s) for s in self.shards)


def make_plan(ids: list[str], shard_size: int) -> Plan:
    count = shard_count(len(ids), shard_size)
    shards: list[list[str]] = [[] for _ in range(count)]
    for sid in sorted(ids):
        shards[shard_of(sid, count)].append(sid)
    return Plan(shard_size, tuple(tuple(s) for s in shards))


def walk_key(src_uri: str) -> tuple:
    """The order in which MkDocs finds a page (os.walk, folders sorted, `index` first; mkdocs.structure.files):
    the order of the sitemap."""
    *folders, name = src_uri.split("/")
    stem = name.rsplit(".", 1)[0]
    return tuple((1, f) for f in folders) + ((0, stem not in ("index", "README"), name),)


def nav_pages(nav) -> list[str]:
    """The Markdown files named in mkdocs.yml's `nav`."""
    out: list[str] = []

    def walk(item):
        if isinstance(item, str):
            if item.endswith(".md") and "://" not in item:
                out.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(nav or [])
    return out


def stub(text: str) -> str:
    """A page reduced to what the story pages see of it: front matter and first heading."""
    front = _FRONT_MATTER.match(text)
    body = text[front.end():] if front else text
    heading = _HEADING.search(body)
    return (front.group() if front else "") + (heading.group() if heading else "") + "\n"


def hub_entries(docs: Path) -> list[Path]:
    """What the hub build holds: every entry of docs/ but the story pages."""
    return sorted(p for p in Path(docs).iterdir() if p.name != STORIES)


def stub_pages(docs: Path, nav: list[str]) -> dict[str, str]:
    """{src path: stub} for the navigation's pages."""
    docs = Path(docs)
    return {rel: stub((docs / rel).read_text(encoding="utf-8")) for rel in sorted(set(nav)) if (docs / rel).is_file()}
