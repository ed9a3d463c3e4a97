"""Loading the editorial data files (gazetteer, themes, cleaning and segmentation rules …), read once each, through
the one YAML loader (build_tools/strict_yaml.py: no aliases, no key given twice, every error naming file and line)."""
from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from build_tools import strict_yaml
from build_tools.errors import ArchiveError, DataError
from build_tools.settings import DATA


def read_yaml(path: Path, error: type[ArchiveError] = DataError):
    """A YAML file's data, read by the strict loader; any problem raises `error` naming the file and line."""
    return strict_yaml.load(strict_yaml.read(path, str(path), error), str(path), error)[0]


@functools.lru_cache(maxsize=None)
def load_yaml(name: str):
    """A data file of build_tools/data/, read once."""
    return read_yaml(DATA / name)


def digest_files(paths) -> str:
    """A short hash of the given files' bytes: what a cached result depends on."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
