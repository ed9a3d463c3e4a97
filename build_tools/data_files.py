"""Loading YAML: the editorial data files (gazetteer, themes, cleaning and segmentation rules …) and the one way a
YAML error becomes the archive's error, naming the file and line."""
from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import yaml

from build_tools.errors import ArchiveError, DataError
from build_tools.settings import DATA


def yaml_error(path, err: yaml.YAMLError, error: type[ArchiveError] = DataError, brief: bool = False) -> ArchiveError:
    """The archive's error for a YAML syntax error in `path`, with its line (`brief`: the problem only)."""
    mark = getattr(err, "problem_mark", None)
    detail = getattr(err, "problem", err) if brief else err
    return error(path, f"not valid YAML: {detail}", line=mark.line + 1 if mark else None)


def read_yaml(path: Path, error: type[ArchiveError] = DataError):
    """A YAML file's data (yaml.safe_load); a syntax error raises `error` naming the file and line."""
    try:
        return yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise yaml_error(path, err, error) from None


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
