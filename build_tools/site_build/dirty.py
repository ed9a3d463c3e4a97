"""`archive site --dirty`: `mkdocs build --dirty` where it gives the site a clean build would, a clean build where
it cannot.

MkDocs' dirty build reads and renders only the pages whose source is newer than their built file. That is enough
for the archive's pages, because the archive writes every listing itself (a new story rewrites the city, theme,
year and home pages' Markdown), and the navigation's titles are fixed in mkdocs.yml. What it is not enough for, and
what is done about it:
- whatever else a page is rendered from: mkdocs.yml, the theme overrides and hooks, this package's MkDocs hook,
  the tools' versions, the variables mkdocs.yml and the hooks read, the search engine chosen, and with lunr the
  jieba dictionary its index is cut with (it holds the reporters' names: a new name can cut every story anew): their digest is recorded after each build, and when it differs the build is
  clean;
- a page's file changed or added: by the size and time of every file of docs/ recorded after the last build, not
  by MkDocs' "newer than" alone (a file restored with an old time would be missed); its built file is removed, so
  MkDocs builds it again;
- a file removed: its built file is removed (MkDocs leaves it in place);
- a site built by something else since (a plain `mkdocs build`, an interrupted build): the record holds the stamp of
  the site's sitemap.xml, which every build writes; any other stamp, or no record, and the build is clean;
- the outputs made from every page: Material's tags plugin is not used (mkdocs.yml); the sitemap and 404 page
  MkDocs writes from the list of files in every build; the lunr index takes the entries of the pages not rebuilt
  from the previous site's index (overrides/hooks/search_index.py); Pagefind indexes the whole site again
  (overrides/hooks/search_engine.py).
tests/test_dirty_build.py compares a dirty build with a clean one byte for byte after each kind of change."""
from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.structure.files import File

from build_tools.files import write_atomic

STATE_FILE = "site-state.json"                  # in build/: what the site in site/ was built from
CHECKED_ENV = "ARCHIVE_DIRTY_CHECKED"           # set for a dirty build this module decided is safe
# read by mkdocs.yml (!ENV) or by the hooks: a change in any of them can change every page
ENVIRONMENT = ("SITE_URL", "ARCHIVE_ISSUES_URL", "ARCHIVE_CONTACT_EMAIL", "ARCHIVE_JIEBA_DICT", "ARCHIVE_SEARCH",
               "ARCHIVE_PAGEFIND")
SITEMAP = "sitemap.xml"
DEFAULT_JIEBA_DICT = "build/jieba_user_dict.txt"      # mkdocs.yml's default for ARCHIVE_JIEBA_DICT


@dataclass
class Decision:
    dirty: bool
    reason: str
    changed: list[str] = field(default_factory=list)        # files of docs/ added or changed since the last build
    removed: list[str] = field(default_factory=list)
    same_epoch: bool = False                                 # SOURCE_DATE_EPOCH as for the last build (sitemap dates)

    @property
    def nothing(self) -> bool:
        """Nothing at all changed since the last build: the site in site/ is the one a build would make."""
        return self.dirty and not self.changed and not self.removed and self.same_epoch


def _hook(config_file: Path, name: str):
    path = config_file.parent / "overrides" / "hooks" / name
    spec = importlib.util.spec_from_file_location(f"archive_{path.stem}_hook", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# what changed, in the words of the build's log
INPUTS = {"theme": "mkdocs.yml, the theme overrides, the hooks or the tools' versions",
          "environment": "a variable that mkdocs.yml or the hooks read (" + ", ".join(ENVIRONMENT) + ")",
          "engine": "the search engine (lunr or Pagefind)",
          "jieba": "the jieba dictionary (names of reporters, glossary terms), with which lunr's index cuts every "
                   "story's Chinese"}


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def inputs(config_file: Path, docs: Path, theme: str) -> dict[str, str]:
    """Everything but docs/ that a page is rendered from (see the module's docstring), as digests; `theme`, that of
    mkdocs.yml, the overrides and the tools (build.config_digest)."""
    engine = _hook(config_file, "search_engine.py").choose_engine(docs)
    out = {"theme": theme, "engine": engine,
           "environment": _sha("".join(f"{n}={os.environ.get(n, '')}\0" for n in ENVIRONMENT).encode())}
    if engine == "lunr":            # Pagefind cuts Chinese by itself
        jieba = Path(os.environ.get("ARCHIVE_JIEBA_DICT") or DEFAULT_JIEBA_DICT)
        jieba = jieba if jieba.is_absolute() else config_file.parent / jieba
        out["jieba"] = _sha(jieba.read_bytes()) if jieba.is_file() else "none"
    return out


def docs_stamps(docs: Path) -> dict[str, list[int]]:
    """{path in docs/: [size, mtime_ns]} for every file (the page writer leaves an unchanged file alone)."""
    out: dict[str, list[int]] = {}
    for folder, dirs, files in os.walk(docs, followlinks=True):
        dirs.sort()
        rel = Path(folder).relative_to(docs).as_posix()
        for name in files:
            st = os.stat(os.path.join(folder, name))
            out[name if rel == "." else f"{rel}/{name}"] = [st.st_size, st.st_mtime_ns]
    return out


def _site_stamp(site: Path) -> list[int] | None:
    path = site / SITEMAP
    if not path.is_file():
        return None
    st = path.stat()
    return [st.st_size, st.st_mtime_ns, st.st_ino]


def built_file(rel: str, docs: Path, site: Path, use_directory_urls: bool) -> Path:
    """Where MkDocs writes the file `rel` of docs/ (mkdocs.structure.files.File owns that rule)."""
    return Path(File(rel, str(docs), str(site), use_directory_urls).abs_dest_path)


def decide(docs: Path, site: Path, out: Path, config_file: Path, theme: str) -> tuple[Decision, dict]:
    """Whether the next build can be dirty, and the record to keep once it has succeeded."""
    record = {"site": str(site), "inputs": inputs(config_file, docs, theme), "docs": docs_stamps(docs),
              "epoch": os.environ.get("SOURCE_DATE_EPOCH")}
    try:
        before = json.loads((out / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Decision(False, f"no record of the last build ({out / STATE_FILE})"), record
    if before.get("site") != str(site) or before.get("site_stamp") != _site_stamp(site):
        return Decision(False, f"{site} was not built by the last `archive site`"), record
    changed_inputs = [INPUTS[k] for k in INPUTS if (before.get("inputs") or {}).get(k) != record["inputs"].get(k)]
    if changed_inputs:
        return Decision(False, "changed: " + "; ".join(changed_inputs)), record
    old, new = before.get("docs") or {}, record["docs"]
    changed = sorted(k for k, v in new.items() if old.get(k) != v)
    removed = sorted(old.keys() - new.keys())
    return Decision(True, f"{len(changed)} files of docs/ added or changed, {len(removed)} removed",
                    changed, removed, same_epoch=before.get("epoch") == record["epoch"]), record


def prepare(decision: Decision, docs: Path, site: Path, directory_urls: bool) -> None:
    """Before a dirty build: the built files of changed and removed files go, so that MkDocs builds the changed
    ones and no removed page stays in the site."""
    for rel in decision.changed + decision.removed:
        path = built_file(rel, docs, site, directory_urls)
        if path.is_file():
            path.unlink()
        if rel in decision.removed:
            folder = path.parent
            while folder != site and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent


def forget(out: Path) -> None:
    """Before any build: the record goes, so that a build that fails halfway is followed by a clean one."""
    (out / STATE_FILE).unlink(missing_ok=True)


def remember(record: dict, site: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    write_atomic(out / STATE_FILE, json.dumps({**record, "site_stamp": _site_stamp(site)}) + "\n", sync=False)
