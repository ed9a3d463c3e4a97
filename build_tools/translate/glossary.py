"""The glossary and placeholders: names, numbers, dates, money and the field's terms survive machine translation.

Before a sentence goes to the engine, every protected item in it (a glossary term from
`translations/glossary.yaml`, a union body from `data/people.yaml`, a place of the gazetteer, a person's name, a
date, an amount of money, a percentage, a number) is replaced by a placeholder `ZX` + capital letters (ZXA, ZXB
…), which the engine copies through as a foreign word. After translation each placeholder is replaced by the
item's English: glossary English, the place's English name, the person's name in pinyin (surname first), the
date written out (2019年10月 → October 2019), the amount in English (1338余万元 → more than 13.38 million yuan).
A placeholder missing from the engine's output is reported, so the segment is flagged, never silently wrong.

Placeholders hold no digits and no underscores: Argos Translate's detokenizer turns `_` into spaces, and digits
in a placeholder would confuse the check that every number of the source reappears.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from build_tools.attribute.people import name_pinyin
from build_tools.chinese import is_han
from build_tools import strict_yaml
from build_tools.data_files import load_yaml
from build_tools.errors import DataError
from build_tools.reference.gazetteer import load_gazetteer
from build_tools.settings import TRANSLATIONS

GLOSSARY_FILE = "glossary.yaml"
PLACEHOLDER = re.compile(r"Z ?X ?([A-Z]{1,2}?)(?=Z ?X|[^A-Za-z]|$)")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
_D = r"[0-9０-９]"
NUM = rf"{_D}+(?:[.．]{_D}+)?"
_MORE = r"(?:余|多|餘)"
_WAN = r"(?:万|亿|萬|億)"
# numeric expressions, most specific first; each named group feeds `_numeric_english`
NUMERIC = re.compile(r"(?<![A-Za-z0-9０-９.．])(?:" + "|".join([
    r"(?P<code>[A-Za-z]+[0-9]+[A-Za-z0-9\-]*)",
    rf"(?P<ymd>(?P<ymd_y>{_D}{{4}})年(?P<ymd_m>{_D}{{1,2}})月(?P<ymd_d>{_D}{{1,2}})[日号])",
    rf"(?P<ym>(?P<ym_y>{_D}{{4}})年(?P<ym_m>{_D}{{1,2}})月份?)",
    rf"(?P<md>(?P<md_m>{_D}{{1,2}})月(?P<md_d>{_D}{{1,2}})[日号])",
    rf"(?P<yr>(?P<yr_a>{_D}{{4}})\s*[~～至—\-－]\s*(?P<yr_b>{_D}{{4}})年度?)",
    rf"(?P<y>(?P<y_y>{_D}{{4}})年度?)(?!{_D})",
    rf"(?P<money>(?P<money_n>{NUM})(?P<money_more1>{_MORE})?(?P<money_unit>{_WAN})?(?P<money_more2>{_MORE})?元)",
    rf"(?P<pct>(?P<pct_n>{NUM})\s*[%％])",
    rf"(?P<pct2>百分之(?P<pct2_n>{NUM}))",
    rf"(?P<rng>(?P<rng_a>{NUM})\s*[~～\-－]\s*(?P<rng_b>{NUM}))(?![年月])",
    rf"(?P<big>(?P<big_n>{NUM})(?P<big_more1>{_MORE})?(?P<big_unit>{_WAN})(?P<big_more2>{_MORE})?)",
    rf"(?P<mon>(?P<mon_m>{_D}{{1,2}})月份?)(?!{_D})",
    rf"(?P<num>{NUM})",
]) + ")")
# measure words after which a four-digit number is a quantity (1185人 → 1,185), not a year
_MEASURE = set("人名家个项场次户位件台条所座间天元辆套支批期届组")


@dataclass(frozen=True)
class Item:
    """One protected stretch of a sentence."""
    token: str          # the placeholder, ZXA
    zh: str             # as in the source
    en: str             # what replaces the placeholder
    kind: str           # date, money, percent, number, term, body, place, person


@dataclass
class Masked:
    source: str
    text: str                               # the source with placeholders
    items: list[Item] = field(default_factory=list)

    def restore(self, en: str) -> tuple[str, list[Item]]:
        """The engine's English with every placeholder replaced; and the items whose placeholder was lost."""
        by_token = {i.token: i for i in self.items}
        seen: set[str] = set()

        def put(match: re.Match) -> str:
            item = by_token.get("ZX" + match.group(1))
            if item is None:
                return match.group(0)
            seen.add(item.token)
            value = item.en
            # capitalise at the start of the sentence
            if not en[:match.start()].strip(" \"'“‘(") and value[:1].islower():
                value = value[0].upper() + value[1:]
            return value

        restored = PLACEHOLDER.sub(put, en)
        restored = re.sub(r"\s{2,}", " ", restored).strip()
        return restored, [i for i in self.items if i.token not in seen]


def _token(index: int) -> str:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    if index < 26:
        return "ZX" + letters[index]
    return "ZX" + letters[index // 26 - 1] + letters[index % 26]


def _ascii_digits(text: str) -> str:
    return text.translate(str.maketrans("０１２３４５６７８９．", "0123456789."))


def format_number(value: float) -> str:
    """1185 → 1,185; 13.5 → 13.5; 20000 → 20,000."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def english_amount(value: float) -> str:
    """13380000 → 13.38 million; 20000 → 20,000."""
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if value >= size:
            return f"{format_number(round(value / size, 6))} {word}"
    return format_number(value)


def _numeric_english(m: re.Match, text: str) -> str:
    g = {k: _ascii_digits(v) for k, v in m.groupdict().items() if v is not None}

    def month(n: str) -> str:
        return MONTHS[int(n) - 1] if 1 <= int(n) <= 12 else n

    if "code" in g:
        return g["code"]
    if "ymd" in g:
        return f"{month(g['ymd_m'])} {int(g['ymd_d'])}, {g['ymd_y']}"
    if "ym" in g:
        return f"{month(g['ym_m'])} {g['ym_y']}"
    if "md" in g:
        return f"{month(g['md_m'])} {int(g['md_d'])}"
    if "yr" in g:
        return f"{g['yr_a']}-{g['yr_b']}"
    if "y" in g:
        return g["y_y"]
    for kind in ("money", "big"):
        if kind in g:
            value = float(g[f"{kind}_n"]) * {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}.get(g.get(f"{kind}_unit", ""), 1)
            more = "more than " if g.get(f"{kind}_more1") or g.get(f"{kind}_more2") else ""
            return f"{more}{english_amount(value)}" + (" yuan" if kind == "money" else "")
    if "pct" in g:
        return f"{g['pct_n']}%"
    if "pct2" in g:
        return f"{g['pct2_n']}%"
    if "rng" in g:
        return f"{g['rng_a']}-{g['rng_b']}"
    if "mon" in g:
        return month(g["mon_m"])
    number = g["num"]
    after = text[m.end():m.end() + 1]
    if "." in number or len(number) < 4 or (len(number) == 4 and after not in _MEASURE):
        return number
    return format_number(float(number))


def _numeric_kind(m: re.Match) -> str:
    name = m.lastgroup
    return {"ymd": "date", "ym": "date", "md": "date", "yr": "date", "y": "date", "mon": "date",
            "money": "money", "pct": "percent", "pct2": "percent"}.get(name, "number")


class Glossary:
    """Terms, bodies and places with their English, and how to protect them (and names and numbers) in a text."""

    def __init__(self, terms: dict[str, str], not_names: set[str] = frozenset(), surnames: str = "",
                 source: str = GLOSSARY_FILE):
        self.source = source
        self.terms = dict(terms)
        self.not_names = set(not_names)
        self.surnames = set(surnames)
        people = load_yaml("people.yaml")
        self.bodies = dict(people["bodies"])
        self.union_suffixes = dict(people["union_suffixes"])
        self.places: dict[str, tuple[str, bool]] = {}      # form → (English, ambiguous)
        g = load_gazetteer()
        for p in g.places.values():
            full = "Zhejiang Province" if p.level == "province" and p.zh == "浙江省" else p.en_short
            self._place(p.zh, full, False)
            for s in p.short:
                self._place(s, p.pinyin or full, p.ambiguous)
            parent = g.places.get(p.parent) if p.parent else None
            if parent and p.level in ("county", "town") and parent.level in ("city", "county"):
                for ps in (parent.short or ()) + (parent.zh,):
                    self._place(ps + p.zh, p.en, False)                          # 德清县钟管镇
                    for s in p.short:
                        self._place(ps + s, f"{p.pinyin}, {parent.pinyin}", False)   # 温州鹿城
        for p in g.places.values():
            full = "Zhejiang Province" if p.level == "province" and p.zh == "浙江省" else p.en_short
            for a in p.also:
                self._place(a, full, False)
        self._longest = max(len(k) for k in [*self.terms, *self.bodies, *self.places, "x"])

    def _place(self, form: str, en: str, ambiguous: bool) -> None:
        if len(form) >= 2 and form not in self.places:
            self.places[form] = (en, ambiguous)

    # ---- what is protected -----------------------------------------------------------------------------------
    def _vocabulary_at(self, text: str, i: int) -> tuple[int, str, str] | None:
        """The longest term, body or place starting at i: (length, English, kind)."""
        for length in range(min(self._longest, len(text) - i), 1, -1):
            form = text[i:i + length]
            if form in self.bodies:
                return length, self.bodies[form], "body"
            if form in self.terms:
                return length, self.terms[form], "term"
            if form in self.places:
                en, ambiguous = self.places[form]
                after = text[i + length:i + length + 3]
                suffix = re.match(r"(县|区|市|镇)?(总工会|工会)", after)
                if ambiguous and not (suffix or re.match(r"(县|区|市|镇|街道)", after)):
                    continue
                if suffix and not suffix.group(1):
                    # a place's union is one body: 新昌县总工会 → Xinchang County Federation of Trade Unions
                    return length + len(suffix.group(0)), f"{en} {self.union_suffixes[suffix.group(2)]}", "body"
                return length, en, "place"
        return None

    def spans(self, text: str, names: dict[str, str] | None = None) -> list[tuple[int, int, str, str]]:
        """Every protected stretch of `text`, leftmost-longest, as (start, end, English, kind)."""
        names = names or {}
        candidates: list[tuple[int, int, str, str]] = []
        for m in NUMERIC.finditer(text):
            candidates.append((m.start(), m.end(), _numeric_english(m, text), _numeric_kind(m)))
        for name, pinyin in names.items():
            for m in re.finditer(re.escape(name), text):
                candidates.append((m.start(), m.end(), pinyin, "person"))
        for i in range(len(text)):
            found = self._vocabulary_at(text, i)
            if found:
                candidates.append((i, i + found[0], found[1], found[2]))
        out: list[tuple[int, int, str, str]] = []
        end = 0
        for start, stop, en, kind in sorted(candidates, key=lambda c: (c[0], -(c[1] - c[0]))):
            if start >= end:
                out.append((start, stop, en, kind))
                end = stop
        return out

    def protect(self, text: str, names: dict[str, str] | None = None) -> Masked:
        """`text` with every protected stretch replaced by a placeholder, and the items to put back."""
        items: list[Item] = []
        pieces: list[str] = []
        pos = 0
        for start, stop, en, kind in self.spans(text, names):
            token = _token(len(items))
            items.append(Item(token, text[start:stop], en, kind))
            before = text[pos:start]
            # a placeholder is a Latin word: keep it apart from Latin letters (and placeholders) around it
            last = (before or "".join(pieces))[-1:]
            pad_left = " " if last and last.isascii() and last.isalnum() else ""
            after = text[stop:stop + 1]
            pad_right = " " if after and after.isascii() and after.isalnum() else ""
            pieces += [before, pad_left, token, pad_right]
            pos = stop
        pieces.append(text[pos:])
        return Masked(text, "".join(pieces), items)

    # ---- people's names ----------------------------------------------------------------------------------------
    def find_names(self, texts: list[str], known: list[str] = ()) -> dict[str, str]:
        """People named in a story's texts (Simplified): {name: pinyin}. `known` are the story's bylines.

        jieba tags candidate names; one is taken when it starts with a surname, is not a place, term or common
        word, and is three characters long or stands after a title (主任张小彬) or before a verb of speech (说,
        表示). Two-character words are too often ordinary words to be taken on jieba's word alone.
        """
        import jieba
        import jieba.posseg as pseg

        out = {n: name_pinyin(n) for n in known if n}
        jieba.setLogLevel(60)
        for text in texts:
            pos = 0
            for word, flag in pseg.cut(text):
                start, pos = pos, pos + len(word)
                if flag != "nr" or not 2 <= len(word) <= 3 or word in out or not self._could_be_name(word):
                    continue
                if jieba.dt.FREQ.get(word):
                    continue
                context = bool(_TITLE_BEFORE.search(text[max(0, start - 6):start])
                               or _SPEECH_AFTER.match(text[pos:pos + 3]))
                if len(word) == 3 or context:
                    out[word] = name_pinyin(word)
        return out

    def _could_be_name(self, word: str) -> bool:
        if word in self.not_names or word[0] not in self.surnames or word[-1] in _PLACE_SUFFIX:
            return False
        if not all(is_han(ch) for ch in word):
            return False
        return not any(form in self.terms or form in self.places or form in self.bodies
                       for form in (word, word[:2], word[1:]) if len(form) >= 2)


_TITLE_BEFORE = re.compile(r"(书记|主任|主席|经理|县长|市长|区长|镇长|局长|厂长|队长|组长|班长|师傅|记者|通讯员|技师|工程师|委员|"
                           r"董事长|总监|校长|院长|代表|选手|员工|职工|部长|科长|站长|所长|负责人|创始人|老师|医生|获得者|冠军|"
                           r"会长|社长|处长|村长|干部|党员)$")
_SPEECH_AFTER = re.compile(r"^(说|表示|介绍|告诉|认为|坦言|笑着|感慨|回忆|指出|强调|透露)")
_PLACE_SUFFIX = set("镇县区市村寺街路乡省部局厅湖山江河桥角园")


@functools.lru_cache(maxsize=8)
def _load(path: str, stamp: float) -> Glossary:
    p = Path(path)
    data = check_glossary(p)
    return Glossary(data.get("terms") or {}, set(data.get("not_names") or ()), str(data.get("surnames") or ""),
                    source=str(p))


GLOSSARY_KEYS = ("terms", "not_names", "surnames")


def check_glossary(p: Path) -> dict:
    """The glossary's data, checked: any problem names the file, the key and its line."""
    data, node = strict_yaml.load(strict_yaml.read(p, str(p)), str(p))
    data = data or {}
    if not isinstance(data, dict):
        raise DataError(p, "must be a mapping with terms, not_names and surnames", line=1)
    for key in data:
        if key not in GLOSSARY_KEYS:
            raise DataError(p, f"unknown key '{key}' (allowed: {', '.join(GLOSSARY_KEYS)})",
                            line=strict_yaml.line_of(node, key))
    terms = data.get("terms") or {}
    if not isinstance(terms, dict):
        raise DataError(p, "terms must be a mapping of Chinese terms to their English", line=strict_yaml.line_of(node, "terms"),
                        hint="write one term a line: 总工会: Federation of Trade Unions")
    for zh, en in terms.items():
        if not isinstance(zh, str) or not isinstance(en, str) or not zh.strip() or not en.strip():
            raise DataError(p, f"terms.{zh}: each term maps Chinese text to English text, not "
                               f"{type(zh).__name__} to {type(en).__name__}", line=strict_yaml.line_of(node, "terms", zh),
                            hint="write one term a line: 总工会: Federation of Trade Unions")
    not_names = data.get("not_names") or []
    if not isinstance(not_names, list) or not all(isinstance(n, str) for n in not_names):
        raise DataError(p, "not_names must be a list of words", line=strict_yaml.line_of(node, "not_names"))
    if not isinstance(data.get("surnames") or "", str):
        raise DataError(p, "surnames must be text (the surname characters run together)",
                        line=strict_yaml.line_of(node, "surnames"))
    return data


def load_glossary(folder: Path = TRANSLATIONS) -> Glossary:
    """The glossary of `folder` (translations/ by default); reloaded when the file changes."""
    path = Path(folder) / GLOSSARY_FILE
    if not path.exists():
        raise DataError(path, "the glossary is missing", hint="restore translations/glossary.yaml from git")
    return _load(str(path), path.stat().st_mtime)
