"""The gazetteer (build_tools/data/gazetteer.yaml) and finding its places in text.

Names are matched leftmost-longest over the Simplified text: full names (鹿城区), short forms (鹿城), other
spellings (国际滨), and a city's short form joined to one of its counties' (温州鹿城, 嘉兴南湖). A short form that
is also a common word (天台 "rooftop") counts only when a union or administrative word follows it (南湖工会) or
when the same place is named unambiguously elsewhere in the story.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from build_tools.data_files import load_yaml
from build_tools.errors import DataError

LEVELS = ("province", "city", "county", "town", "outside")

PROVINCE_WIDE = "zhejiang"      # the province's own id: the place of a story of the provincial bodies
UNPLACED = "unplaced"           # what a curator writes for a story that has no place; recorded as no place (None)
_SUFFIX_AFTER_AMBIGUOUS = re.compile(r"^(总工会|工会|县|区|市|镇|街道)")


@dataclass(frozen=True)
class Place:
    id: str
    level: str
    kind: str
    zh: str
    en: str
    pinyin: str
    parent: str | None
    code: str | None
    short: tuple[str, ...] = ()
    also: tuple[str, ...] = ()
    ambiguous: bool = False

    @property
    def in_zhejiang(self) -> bool:
        return self.level != "outside"

    @property
    def en_short(self) -> str:
        """'Lucheng District' from 'Lucheng District, Wenzhou'."""
        return self.en.split(",")[0]


@dataclass(frozen=True)
class Mention:
    place: str          # place id
    text: str           # as matched
    start: int
    confirmed: bool     # False for an ambiguous short form not yet confirmed


@dataclass
class Gazetteer:
    places: dict[str, Place]
    reference: dict
    _forms: dict[str, list[tuple[str, bool]]] = field(default_factory=dict)   # form → [(place id, ambiguous)]
    _pattern: re.Pattern | None = None
    children: dict[str, list[str]] = field(default_factory=dict)             # place id → ids of its children
    _outside_provinces: tuple[str, ...] | None = None

    def __post_init__(self):
        for p in self.places.values():
            if p.parent:
                self.children.setdefault(p.parent, []).append(p.id)
        forms: dict[str, list[tuple[str, bool]]] = {}

        def add(form: str, pid: str, ambiguous: bool):
            if len(form) >= 2:
                forms.setdefault(form, [])
                if (pid, ambiguous) not in forms[form]:
                    forms[form].append((pid, ambiguous))

        for p in self.places.values():
            add(p.zh, p.id, False)
            for s in p.short:
                add(s, p.id, p.ambiguous)
            for a in p.also:
                add(a, p.id, False)
            parent = self.places.get(p.parent) if p.parent else None
            if parent and p.level in ("county", "town") and parent.level in ("city", "county"):
                for ps in (parent.short or ()) + (parent.zh,):
                    for s in p.short + (p.zh,):
                        add(ps + s, p.id, False)          # 温州鹿城, 温州市鹿城区, 德清县钟管镇
        self._forms = forms
        alternatives = sorted(forms, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, alternatives)))

    def __getitem__(self, pid: str) -> Place:
        return self.places[pid]

    def get(self, pid: str | None) -> Place | None:
        return self.places.get(pid) if pid else None

    def ancestors(self, pid: str) -> list[Place]:
        out = []
        p = self.places.get(pid)
        while p and p.parent:
            p = self.places[p.parent]
            out.append(p)
        return out

    def city_of(self, pid: str) -> Place | None:
        p = self.places.get(pid)
        if p and p.level == "city":
            return p
        return next((a for a in self.ancestors(pid) if a.level == "city"), None)

    def county_of(self, pid: str) -> Place | None:
        p = self.places.get(pid)
        if p and p.level == "county":
            return p
        return next((a for a in self.ancestors(pid) if a.level == "county"), None)

    def find(self, text: str) -> list[Mention]:
        """Every place named in `text` (Simplified), leftmost-longest."""
        out = []
        for m in self._pattern.finditer(text):
            candidates = self._forms[m.group()]
            after = text[m.end():m.end() + 3]
            for pid, ambiguous in candidates:
                confirmed = not ambiguous or bool(_SUFFIX_AFTER_AMBIGUOUS.match(after))
                out.append(Mention(pid, m.group(), m.start(), confirmed))
                if len(candidates) > 1 and not ambiguous:
                    break
        return out

    def outside_province_names(self) -> tuple[str, ...]:
        """The short names of the other provinces (山东, 黑龙江): a 省 printed after one is theirs, not Zhejiang's."""
        if self._outside_provinces is None:
            self._outside_provinces = tuple(sorted(
                {n.removesuffix("省") for p in self.places.values() if p.level == "outside" and p.kind == "province"
                 for n in (p.zh, *p.short)}, key=len, reverse=True))
        return self._outside_provinces

    def names(self) -> list[str]:
        """Every name and short form, for the search dictionary."""
        return sorted(self._forms)


@dataclass(frozen=True)
class SpecialPlace:
    """A place a story can have that is not one city or county: the whole province, or none."""
    id: str
    en: str
    zh: str
    label: str          # as shown on a story page
    slug: str           # its page: cities/<slug>/


SPECIAL_PLACES = {
    PROVINCE_WIDE: SpecialPlace(PROVINCE_WIDE, "Zhejiang (province-wide)", "浙江省（全省）",
                                "Zhejiang (province-wide) · 浙江省", "province-wide"),
    UNPLACED: SpecialPlace(UNPLACED, "Unplaced", "地点未定", "Unplaced", "unplaced"),
}


def special_place(pid: str | None) -> SpecialPlace | None:
    """The special place of a place id (None, '' and 'unplaced' are unplaced), or None for a gazetteer place."""
    return SPECIAL_PLACES[UNPLACED] if not pid else SPECIAL_PLACES.get(pid)


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    data = load_yaml("gazetteer.yaml")
    places: dict[str, Place] = {}
    for i, item in enumerate(data.get("places") or []):
        missing = {"id", "level", "zh", "en"} - set(item)
        if missing:
            raise DataError("build_tools/data/gazetteer.yaml", f"places[{i}] lacks {', '.join(sorted(missing))}")
        if item["level"] not in LEVELS:
            raise DataError("build_tools/data/gazetteer.yaml", f"places[{i}] ({item['id']}): unknown level "
                                                                f"'{item['level']}'")
        if item["id"] in places:
            raise DataError("build_tools/data/gazetteer.yaml", f"id {item['id']} is used twice")
        places[item["id"]] = Place(
            id=item["id"], level=item["level"], kind=item.get("kind", item["level"]), zh=item["zh"], en=item["en"],
            pinyin=item.get("pinyin", ""), parent=item.get("parent"), code=item.get("code"),
            short=tuple(item.get("short") or ()), also=tuple(item.get("also") or ()),
            ambiguous=bool(item.get("ambiguous")))
    for p in places.values():
        if p.parent and p.parent not in places:
            raise DataError("build_tools/data/gazetteer.yaml", f"{p.id}: parent '{p.parent}' is not in the gazetteer")
    return Gazetteer(places, data.get("reference") or {})
