"""Loading the editorial YAML data files (gazetteer, themes, cleaning and segmentation rules)."""
from __future__ import annotations

import functools

import yaml

from build_tools.errors import DataError
from build_tools.settings import DATA


@functools.lru_cache(maxsize=None)
def load_yaml(name: str):
    path = DATA / name
    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise DataError(path, f"not valid YAML: {err}", line=mark.line + 1 if mark else None) from None


def digest_files(paths) -> str:
    """A short hash of the given files' bytes: what a cached result depends on."""
    import hashlib

    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
