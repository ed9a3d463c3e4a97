"""Byline roles (build_tools/data/roles.yaml): the Chinese word printed with a name, the English label, and whether
the role counts as an author in a citation. One table, read by the segmenter, attribution and the citations."""
from __future__ import annotations

import functools
from dataclasses import dataclass

from build_tools.data_files import load_yaml
from build_tools.errors import DataError

ROLES_FILE = "roles.yaml"


@dataclass(frozen=True)
class Role:
    role: str                       # as recorded in the catalog: reporter, photographer …
    en: str                         # label on the page: Reporter, Photographer …
    author: bool                    # cited as an author (a photographer is not)
    before: tuple[str, ...] = ()    # printed before the name: 记者邹伟锋
    after: tuple[str, ...] = ()     # printed after the name: 邹伟锋摄


@functools.lru_cache(maxsize=1)
def roles() -> dict[str, Role]:
    out = {}
    for key, item in (load_yaml(ROLES_FILE) or {}).items():
        if not isinstance(item, dict) or "en" not in item or "author" not in item:
            raise DataError(f"build_tools/data/{ROLES_FILE}", f"role '{key}' needs en and author")
        out[key] = Role(key, item["en"], bool(item["author"]), tuple(item.get("before") or ()),
                        tuple(item.get("after") or ()))
    return out


def role_words() -> dict[str, str]:
    """Every Chinese role word → its role: 记者 → reporter, 摄 → photographer."""
    return {word: r.role for r in roles().values() for word in r.before + r.after}


def words_before() -> list[str]:
    return [word for r in roles().values() for word in r.before]


def words_after() -> list[str]:
    return [word for r in roles().values() for word in r.after]


def label(role: str) -> str:
    """The English label of a role; a role outside the table is shown as written."""
    known = roles().get(role)
    return known.en if known else role.capitalize()


def is_author(role: str) -> bool:
    known = roles().get(role)
    return bool(known and known.author)
