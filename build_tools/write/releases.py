"""Releases of the corpus and each story's change history.

`archive release VERSION` writes `releases/VERSION.json`: every story's identifier with hashes of its text,
headline, attribution (place, date, themes, people) and translation, and a changelog of the stories added,
changed (which parts) and withdrawn since the previous release. The files are committed; the site's history
(when a story entered the archive, what changed in which release, withdrawal notices, the changelog page) is
read from them and from nothing else, so two builds of the same state are byte-identical.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from build_tools.errors import ArchiveError
from build_tools.settings import ROOT
from build_tools.write.views import Translator
from build_tools.records import Records, catalog_records

RELEASE_FORMAT = 1
# The parts of a story a release tracks, in the order a changelog names them.
PARTS = ("text", "headline", "place", "date", "themes", "people", "translation")
TRANSLATED_FIELDS = ("column", "kicker", "headline", "subheadline")


def releases_dir() -> Path:
    """The committed release records (ARCHIVE_RELEASES overrides, for tests and other corpora)."""
    return Path(os.environ.get("ARCHIVE_RELEASES") or ROOT / "releases")


def build_epoch_date() -> str:
    """The build's own date (SOURCE_DATE_EPOCH, else 1970-01-01): never the clock, so builds are reproducible."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or 0)
    return dt.datetime.fromtimestamp(epoch, dt.timezone.utc).date().isoformat()


def _digest(value) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def story_parts(record: dict, translate) -> dict:
    """What each tracked part of a story is made of (the values the hashes are taken over)."""
    at = record["attribution"]
    texts = [e["text"] for e in record["body"]] + [c["text"] for c in record["captions"]]
    titles = {k: (record.get(k) or {}).get("text") for k in TRANSLATED_FIELDS}
    english = []
    for zh in [titles[k] for k in TRANSLATED_FIELDS] + texts:
        if zh:
            t = translate(zh) or {}
            english.append([t.get("en"), t.get("provenance"), t.get("label")])
    return {
        "text": [(record.get("dateline") or {}).get("text")] + texts,
        "headline": titles,
        "place": [at["place"]["primary"], at["place"].get("town")],
        "date": [at["date"]["value"], at["date"]["precision"]],
        "themes": [t["slug"] for t in at["themes"]],
        "people": [[p.get("name"), p.get("role")] for p in at["people"]],
        "translation": english,
    }


def story_hashes(record: dict, translate) -> dict:
    parts = story_parts(record, translate)
    hashes = {k: _digest(parts[k]) for k in PARTS}
    hashes["attribution"] = _digest([parts[k] for k in ("place", "date", "themes", "people")])
    return hashes


def version_key(version: str):
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"[.\-]", version))


def valid_version(version: str) -> bool:
    return bool(re.fullmatch(r"[0-9A-Za-z][0-9A-Za-z.\-]{0,31}", version)) and ".." not in version


def load_releases(folder: Path | None = None) -> list[dict]:
    """Every release record, oldest first (by date, then version)."""
    folder = Path(folder or releases_dir())
    out = []
    for path in sorted(folder.glob("*.json")) if folder.exists() else []:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as err:
            raise ArchiveError(str(path), f"not valid JSON: {err}") from None
        if not isinstance(data, dict) or "version" not in data or "stories" not in data:
            raise ArchiveError(str(path), "not a release record (needs version and stories)")
        out.append(data)
    return sorted(out, key=lambda r: (r.get("date", ""), version_key(r["version"])))


def diff(previous: dict | None, current: dict[str, dict], withdrawn: dict[str, str]) -> dict:
    """The changelog between two releases' story hashes."""
    before = (previous or {}).get("stories", {})
    added = sorted(i for i in current if i not in before)
    changed = {}
    for i in sorted(set(current) & set(before)):
        parts = [p for p in PARTS if current[i]["hashes"].get(p) != before[i]["hashes"].get(p)]
        if parts:
            changed[i] = parts
    gone = {i: withdrawn.get(i) or "no longer in the archive's sources" for i in sorted(set(before) - set(current))}
    return {"added": added, "changed": changed, "withdrawn": gone}


def make_release(version: str, date: str, records: dict, translate, withdrawn: dict[str, str],
                 previous: dict | None) -> dict:
    stories = {}
    for r in sorted(records["stories"], key=lambda s: s["id"]):
        stories[r["id"]] = {"headline": (r.get("headline") or {}).get("text"),
                            "outlet": (r.get("outlet") or {}).get("key"),
                            "hashes": story_hashes(r, translate)}
    return {"format": RELEASE_FORMAT, "version": version, "date": date,
            "previous": previous["version"] if previous else None,
            "changes": diff(previous, stories, withdrawn), "stories": stories}


def write_release(release: dict, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{release['version']}.json"
    path.write_text(json.dumps(release, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def anchor(version: str) -> str:
    return "release-" + re.sub(r"[^0-9A-Za-z]+", "-", version).strip("-").lower()


@dataclass
class StoryHistory:
    entered: dict | None = None                 # {version, date} of the first release holding the story
    changes: list[dict] = field(default_factory=list)   # [{version, date, parts}] in later releases
    last: dict | None = None                    # the latest release holding it
    withdrawn: dict | None = None               # {version, date, reason, last} if a release withdrew it


class History:
    """Per-story history read from the release records."""

    def __init__(self, releases: list[dict]):
        self.releases = releases
        self.stories: dict[str, StoryHistory] = {}
        for rel in releases:
            ref = {"version": rel["version"], "date": rel.get("date", "")}
            for sid in rel["stories"]:
                h = self.stories.setdefault(sid, StoryHistory())
                if h.entered is None:
                    h.entered = ref
                h.last = ref
                h.withdrawn = None          # back in a release: no longer withdrawn
            for sid, parts in rel.get("changes", {}).get("changed", {}).items():
                self.stories.setdefault(sid, StoryHistory()).changes.append({**ref, "parts": parts})
            for sid, reason in rel.get("changes", {}).get("withdrawn", {}).items():
                h = self.stories.setdefault(sid, StoryHistory())
                h.withdrawn = {**ref, "reason": reason, "last": h.last}

    @property
    def latest(self) -> dict | None:
        return self.releases[-1] if self.releases else None

    def of(self, sid: str) -> StoryHistory:
        return self.stories.get(sid) or StoryHistory()

    def ever_released(self) -> set[str]:
        return {sid for sid, h in self.stories.items() if h.entered}


def story_history_view(sid: str, history: History, hashes: dict) -> dict:
    """What a story page says about its history: entry, later changes, the release to cite, pending changes."""
    h = history.of(sid)
    last = h.last
    latest = history.latest
    in_latest = bool(latest and sid in latest["stories"])
    pending = []
    if in_latest:
        pending = [p for p in PARTS if latest["stories"][sid]["hashes"].get(p) != hashes.get(p)]
    return {"entered": h.entered, "changes": h.changes, "release": last if in_latest else None,
            "pending": pending, "unreleased": h.entered is None, "since": (h.entered or {}).get("date")}


def withdrawn_stories(records: dict) -> dict[str, str]:
    """The curators' withdrawals, from the sidecars: {id: reason}."""
    out = {}
    for source in records["sources"]:
        for sid, reason in ((source.get("sidecar") or {}).get("withdrawn") or {}).items():
            out[str(sid)] = str(reason)
    return out


def apply_withdrawals(records: dict) -> tuple[dict, dict[str, str]]:
    """The records without the withdrawn stories (they keep only a notice page), and the withdrawals."""
    withdrawn = withdrawn_stories(records)
    if not withdrawn:
        return records, {}
    stories = [r for r in records["stories"] if r["id"] not in withdrawn]
    sources = [{**s, "stories": [i for i in s["stories"] if i not in withdrawn]} for s in records["sources"]]
    if isinstance(records, Records):
        return Records(sources, stories), withdrawn
    return {**records, "stories": stories, "sources": sources}, withdrawn


def release_date(date: str | None) -> str:
    if date:
        try:
            return dt.date.fromisoformat(date).isoformat()
        except ValueError:
            raise ArchiveError("release --date", f"'{date}' is not a date (YYYY-MM-DD)") from None
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return build_epoch_date()
    return dt.datetime.now(dt.timezone.utc).date().isoformat()


def changelog_markdown(history: list[dict]) -> str:
    """The whole change history as Markdown, newest release first (releases/CHANGELOG.md)."""
    out = ["# Changes by release", "",
           "Written by `archive release`; each release's full record is `releases/VERSION.json`.", ""]
    for rel in reversed(history):
        ch = rel.get("changes", {})
        out += [f"## Release {rel['version']} ({rel.get('date', '')})", "",
                f"{len(rel['stories'])} stories; since {rel.get('previous') or 'the beginning'}: "
                f"{len(ch.get('added', []))} added, {len(ch.get('changed', {}))} changed, "
                f"{len(ch.get('withdrawn', {}))} withdrawn.", ""]

        def name(sid, rel=rel):
            headline = (rel["stories"].get(sid) or {}).get("headline")
            return f"`{sid}` {headline}" if headline else f"`{sid}`"
        out += [f"- added: {name(i)}" for i in ch.get("added", [])]
        out += [f"- changed: {name(i)} ({', '.join(parts)})" for i, parts in sorted(ch.get("changed", {}).items())]
        out += [f"- withdrawn: `{i}` ({why})" for i, why in sorted(ch.get("withdrawn", {}).items())]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def record_release(catalog, memory, version: str, date: str | None = None, folder: Path | None = None) -> dict:
    """Write releases/VERSION.json for the catalog as it stands, and releases/CHANGELOG.md."""

    folder = Path(folder or releases_dir())
    if not valid_version(version):
        raise ArchiveError("release", f"'{version}' is not a release name (letters, digits, '.' and '-', e.g. 2026.2)")
    history = load_releases(folder)
    if any(r["version"] == version for r in history):
        raise ArchiveError(str(folder / f"{version}.json"), f"release {version} exists already",
                           hint="a release is never rewritten: name the new one differently")
    date = release_date(date)
    previous = history[-1] if history else None
    if previous and date < previous.get("date", ""):
        raise ArchiveError("release", f"date {date} is before the last release ({previous['version']}, "
                                      f"{previous['date']})")
    records, withdrawn = apply_withdrawals(catalog_records(catalog))
    release = make_release(version, date, records, Translator(memory), withdrawn, previous)
    write_release(release, folder)
    (folder / "CHANGELOG.md").write_text(changelog_markdown(history + [release]), encoding="utf-8")
    return release
