"""What is in sources/: the pages to read, and every other file with the reason it is not read.

Nothing in the folder is ignored without a word: a `.TXT`, a name ending in a space, a sidecar with no text
beside it, a stray file all appear in the ingest report. A symbolic link that leads out of the folder is refused
(its target is not part of the archive), and so is a source larger than settings.MAX_SOURCE_BYTES, before it is
read.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from build_tools.errors import SourceError
from build_tools.settings import MAX_SOURCE_BYTES, SIDECAR_SUFFIX, SOURCE_SUFFIX


@dataclass
class Inventory:
    sources: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)     # (file under sources/, why it is not read)


def survey(sources_dir: Path) -> Inventory:
    root = Path(sources_dir)
    real_root = root.resolve()
    found = Inventory()
    files: list[Path] = []
    for folder, dirs, names in os.walk(root, followlinks=False):
        here = Path(folder)
        for d in sorted(dirs):
            if (here / d).is_symlink():
                _inside(here / d, root, real_root)
                found.skipped.append(((here / d).relative_to(root).as_posix(),
                                      "a link to a folder: not followed; copy the files into sources/ instead"))
        dirs[:] = sorted(d for d in dirs if not (here / d).is_symlink())
        files += [here / n for n in names]
    stems = {p.with_suffix("") for p in files if p.name.endswith(SOURCE_SUFFIX)}
    for path in sorted(files):
        display = path.relative_to(root).as_posix()
        if path.is_symlink():
            _inside(path, root, real_root)
            if not path.exists():
                found.skipped.append((display, "a broken link: its target does not exist"))
                continue
        name = path.name
        if name.endswith(SOURCE_SUFFIX) and name[: -len(SOURCE_SUFFIX)].strip() == name[: -len(SOURCE_SUFFIX)] \
                and name[: -len(SOURCE_SUFFIX)]:
            found.sources.append(path)
        elif name.endswith(SIDECAR_SUFFIX) and path.with_suffix("") in stems:
            continue        # the sidecar of a source, read with it
        else:
            found.skipped.append((display, _why_not(path, name)))
    return found


def _why_not(path: Path, name: str) -> str:
    stripped = name.strip()
    if stripped != name and (stripped.endswith(SOURCE_SUFFIX) or stripped.endswith(SIDECAR_SUFFIX)):
        return f"the name begins or ends with a space: rename it to '{stripped}'"
    if name.lower().endswith(SOURCE_SUFFIX):
        return f"a source must end in lower-case {SOURCE_SUFFIX}: rename it to '{name[:-4]}{SOURCE_SUFFIX}'"
    if name.endswith(SIDECAR_SUFFIX):
        return (f"a sidecar with no source beside it ({path.with_suffix(SOURCE_SUFFIX).name} is missing): "
                f"restore the source, or remove the sidecar")
    if name.lower().endswith((".yml", ".yaml")):
        return f"sidecars end in {SIDECAR_SUFFIX}: rename it"
    return f"not a source: only {SOURCE_SUFFIX} files (and their {SIDECAR_SUFFIX} sidecars) are read"


def _inside(link: Path, root: Path, real_root: Path) -> None:
    target = link.resolve()
    if target != real_root and real_root not in target.parents:
        raise SourceError(link.relative_to(root).as_posix(),
                          f"a symbolic link to {os.readlink(link)}, outside sources/: refused",
                          hint="copy the file into sources/ (the archive keeps its own copy of every page)")


def check_size(path: Path, display: str) -> None:
    size = path.stat().st_size
    if size > MAX_SOURCE_BYTES:
        raise SourceError(display, f"{size / 1024 / 1024:.1f} MB, larger than the "
                                   f"{MAX_SOURCE_BYTES / 1024 / 1024:.0f} MB limit for one source",
                          hint="one source is one captured page: split the file into its pages "
                               "(the limit is MAX_SOURCE_BYTES in build_tools/settings.py)")
