"""The theme taxonomy (build_tools/data/themes.yaml): 13 bilingual themes with the keywords that find them."""
from __future__ import annotations

import functools

from build_tools.data_files import load_yaml
from build_tools.errors import DataError


@functools.lru_cache(maxsize=1)
def taxonomy() -> dict:
    data = load_yaml("themes.yaml")
    slugs = [t["slug"] for t in data["themes"]]
    if len(set(slugs)) != len(slugs):
        raise DataError("build_tools/data/themes.yaml", "a theme slug is used twice")
    for t in data["themes"]:
        if not {"slug", "zh", "en", "keywords"} <= set(t):
            raise DataError("build_tools/data/themes.yaml", f"theme {t.get('slug')} needs slug, zh, en and keywords")
    return data


def theme(slug: str) -> dict:
    return next(t for t in taxonomy()["themes"] if t["slug"] == slug)
