"""The glossary and placeholders: names, numbers, dates, money and the field's terms survive machine translation.

Before a sentence goes to the engine, every protected item in it (a glossary term from
`translations/glossary.yaml`, a union body from `data/people.yaml`, a place of the gazetteer, a person's name, and
every number, date and amount that numbers.py reads) is replaced by a placeholder `ZX` + capital letters (ZXA, ZXB
…), which the engine copies through as a foreign word. After translation each placeholder is replaced by the
item's English exactly once (`Masked.restore`): glossary English, the place's English name, the person's name in
pinyin (surname first), the date written out (2019年10月 → October 2019), the amount with its qualifier (1338余万元
→ more than 13.38 million yuan). A union body, or a glossary name marked `article: true`, gets "the" where no
determiner stands before it (the Wucheng District Federation of Trade Unions). What the engine did wrong is
reported, so the segment is flagged, never silently wrong: a placeholder lost, given back twice (kept once),
invented (dropped) or with its case changed (restored).

Glossary abbreviations marked `whole_word: true` (县总, 市总, 省总) are taken only where jieba, with the archive's
user dictionary (write/search.py), makes them a word and their last character does not begin a word with what
follows: 县总组织 is the county federation organising, 全县总人口 and 市总投资 are the county's population and the
city's total investment.

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
from build_tools.reference.vocabulary import field_words
from build_tools.settings import TRANSLATIONS
from build_tools.translate.numbers import MONTHS, read_numbers  # noqa: F401 - MONTHS: for the tests and callers of old

GLOSSARY_FILE = "glossary.yaml"
# a placeholder as the engine should give it back, and one it changed the case of (zxa, Zxa)
PLACEHOLDER = re.compile(r"Z ?X ?([A-Z]{1,2}?)(?=Z ?X|[^A-Za-z]|$)")
_ANY_PLACEHOLDER = re.compile(r"Z ?X ?([A-Z]{1,2}?)(?=Z ?X|[^A-Za-z]|$)|\b[Zz] ?[Xx] ?([A-Za-z]{1,2})\b")
# words after which a body or place needs no article of its own ("its Federation", "the county's Federation")
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "our", "his", "her", "whose",
                "each", "every", "which", "both", "all", "any", "no", "my", "your"}
NUMERIC_KINDS = ("date", "money", "percent", "number", "code")


@dataclass(frozen=True)
class Item:
    """One protected stretch of a sentence."""
    token: str          # the placeholder, ZXA
    zh: str             # as in the source
    en: str             # what replaces the placeholder
    kind: str           # date, money, percent, number, code, term, body, place, person
    article: bool = False   # English puts "the" before it in running text (the Wucheng District Federation …)


@dataclass
class Restored:
    """The engine's English with the placeholders put back, and what went wrong with them."""
    en: str
    lost: list[Item] = field(default_factory=list)          # never given back
    duplicated: list[Item] = field(default_factory=list)    # given back more than once (kept once)
    invented: list[str] = field(default_factory=list)       # placeholders the source has none of (dropped)
    altered: list[Item] = field(default_factory=list)       # given back with its case changed (zxa)

    def __iter__(self):         # en, lost = masked.restore(raw)
        return iter((self.en, self.lost))


@dataclass
class Masked:
    source: str
    text: str                               # the source with placeholders
    items: list[Item] = field(default_factory=list)
    invalid_dates: list[str] = field(default_factory=list)     # 2月30日: left to the text, flagged

    def restore(self, en: str) -> Restored:
        """The engine's English with each placeholder replaced by its item's English exactly once."""
        by_token = {i.token: i for i in self.items}
        seen: set[str] = set()
        out = Restored(en)

        def put(match: re.Match) -> str:
            exact = match.group(1) is not None
            token = "ZX" + (match.group(1) if exact else match.group(2).upper())
            item = by_token.get(token)
            if item is None:
                out.invented.append(match.group(0))
                return ""
            if item.token in seen:
                out.duplicated.append(item)
                return ""
            seen.add(item.token)
            if not exact:
                out.altered.append(item)
            value = item.en
            before = en[:match.start()]
            if item.article:
                words = re.findall(r"[A-Za-z']+", _ANY_PLACEHOLDER.sub("#", before)[-30:])
                last = words[-1].lower() if words else ""
                if value.lower().startswith("the "):
                    value = value[4:]
                if last not in _DETERMINERS and not last.endswith("'s") and not before.rstrip().endswith("'"):
                    value = "the " + value
            # capitalise at the start of the sentence
            if not before.strip(" \"'“‘(") and value[:1].islower():
                value = value[0].upper() + value[1:]
            return value

        restored = _ANY_PLACEHOLDER.sub(put, en)
        restored = re.sub(r"\b([Tt]he) the\b", r"\1", restored)
        restored = re.sub(r"\s{2,}", " ", restored).strip()
        restored = re.sub(r"\s+([,.;:!?])", r"\1", restored)
        out.en = restored
        out.lost = [i for i in self.items if i.token not in seen]
        return out


def _token(index: int) -> str:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    if index < 26:
        return "ZX" + letters[index]
    return "ZX" + letters[index // 26 - 1] + letters[index % 26]


def _needs_article(en: str, kind: str) -> bool:
    """A union body (and a glossary name written with "the") takes "the" in running English."""
    if kind == "body":
        return True
    return en.lower().startswith("the ")


@functools.lru_cache(maxsize=4)
def _word_segmenter(exclude: tuple[str, ...], terms: tuple[str, ...] = ()):
    """jieba with the archive's vocabulary and the glossary's terms (the words MkDocs search keeps whole too), less
    the abbreviations matched as whole words: with a high frequency of their own they would win inside other
    words (全/县总/人口)."""
    import jieba

    jieba.setLogLevel(60)
    tokenizer = jieba.Tokenizer()
    for word in sorted(field_words() | {t for t in terms if len(t) >= 2}):
        if word not in exclude and " " not in word:
            tokenizer.add_word(word, 100000)
    return tokenizer


class Glossary:
    """Terms, bodies and places with their English, and how to protect them (and names and numbers) in a text."""

    def __init__(self, terms: dict[str, str], not_names: set[str] = frozenset(), surnames: str = "",
                 source: str = GLOSSARY_FILE, whole_words: set[str] = frozenset(),
                 sources: dict[str, str] | None = None, articles: set[str] = frozenset()):
        self.source = source
        self.terms = dict(terms)
        self.whole_words = set(whole_words)            # abbreviations taken only as words (县总, not 全县总人口)
        self.sources = dict(sources or {})             # term → where its English comes from
        self.articles = set(articles)                  # terms English puts "the" before (the 14th Five-Year Plan)
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
                if form in self.whole_words and not self._is_word(text, i, i + length):
                    continue
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
                if form[-1:] in "县区市" and after[:1] == "总" and not after.startswith("总工会") \
                        and i in self._bounds(text) and self._ends_word(text, i + length + 1):
                    # 安吉县总: the paper's abbreviation of 安吉县总工会, where 县总 is a word (not 安吉县总人口)
                    return length + 1, f"{en} {self.union_suffixes['总工会']}", "body"
                return length, en, "place"
        return None

    def _is_word(self, text: str, start: int, stop: int) -> bool:
        """Whether text[start:stop] is a word of its own in jieba's segmentation of the sentence, and its last
        character does not start a dictionary word with what follows (市总投资: 总投资, total investment)."""
        bounds = self._bounds(text)
        if start not in bounds or stop not in bounds:
            return False
        return self._ends_word(text, stop)

    def _ends_word(self, text: str, stop: int) -> bool:
        if stop not in self._bounds(text):
            return False
        words = _word_segmenter(tuple(sorted(self.whole_words)), tuple(sorted(self.terms))).FREQ
        return not any(text[stop - 1] + text[stop:stop + k] in words for k in range(1, 4) if stop + k <= len(text))

    @functools.lru_cache(maxsize=256)
    def _bounds(self, text: str) -> frozenset[int]:
        tokenizer = _word_segmenter(tuple(sorted(self.whole_words)), tuple(sorted(self.terms)))
        out, pos = {0}, 0
        for word in tokenizer.cut(text, HMM=False):
            pos += len(word)
            out.add(pos)
        return frozenset(out)

    def spans(self, text: str, names: dict[str, str] | None = None) -> list[tuple[int, int, str, str]]:
        """Every protected stretch of `text`, leftmost-longest, as (start, end, English, kind)."""
        names = names or {}
        candidates: list[tuple[int, int, str, str]] = []
        numbers, _ = read_numbers(text)
        for n in numbers:
            candidates.append((n.start, n.end, n.en, n.kind))
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

    def protect(self, text: str, names: dict[str, str] | None = None, printed: str | None = None) -> Masked:
        """`text` with every protected stretch replaced by a placeholder, and the items to put back.

        `printed`: the sentence as printed in Traditional script, `text` being its Simplified form character for
        character (the same length); the stretches are found in `text` (the glossary, the gazetteer and names
        are Simplified) and replaced in `printed`, for a model that reads Traditional (translate-zt_en)."""
        spans = self.spans(text, names)
        invalid = [d.zh for d in read_numbers(text)[1]]
        simplified = text
        if printed is not None:
            if len(printed) != len(text):
                raise ValueError("the printed sentence and its Simplified form differ in length")
            text = printed
        items: list[Item] = []
        pieces: list[str] = []
        pos = 0
        for start, stop, en, kind in spans:
            token = _token(len(items))
            zh = text[start:stop]
            article = kind == "body" or simplified[start:stop] in self.articles or _needs_article(en, kind)
            items.append(Item(token, zh, en, kind, article))
            before = text[pos:start]
            # a placeholder is a Latin word: keep it apart from Latin letters (and placeholders) around it
            last = (before or "".join(pieces))[-1:]
            pad_left = " " if last and last.isascii() and last.isalnum() else ""
            after = text[stop:stop + 1]
            pad_right = " " if after and after.isascii() and after.isalnum() else ""
            pieces += [before, pad_left, token, pad_right]
            pos = stop
        pieces.append(text[pos:])
        return Masked(text, "".join(pieces), items, invalid)

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
    english, sources, whole, articles = {}, {}, set(), set()
    for zh, entry in (data.get("terms") or {}).items():
        entry = {"en": entry} if isinstance(entry, str) else entry
        english[zh] = entry["en"]
        sources[zh] = str(entry.get("source") or "")
        if entry.get("whole_word"):
            whole.add(zh)
        if entry.get("article"):
            articles.add(zh)
    return Glossary(english, set(data.get("not_names") or ()), str(data.get("surnames") or ""), source=str(p),
                    whole_words=whole, sources=sources, articles=articles)


GLOSSARY_KEYS = ("terms", "not_names", "surnames")
TERM_KEYS = ("en", "source", "note", "whole_word", "article", "pinyin", "explanation")


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
        raise DataError(p, "terms must be a mapping of each Chinese term to its English and source",
                        line=strict_yaml.line_of(node, "terms"),
                        hint="write one term a line: 总工会: {en: Federation of Trade Unions, source: …}")
    for zh, entry in terms.items():
        entry = {"en": entry} if isinstance(entry, str) else entry
        if not isinstance(zh, str) or not zh.strip() or not isinstance(entry, dict) \
                or not isinstance(entry.get("en"), str) or not entry["en"].strip():
            raise DataError(p, f"terms.{zh}: give its English as `en:` (and where it comes from as `source:`)",
                            line=strict_yaml.line_of(node, "terms", zh),
                            hint="write one term a line: 总工会: {en: Federation of Trade Unions, source: …}")
        for key, value in entry.items():
            if key not in TERM_KEYS:
                raise DataError(p, f"terms.{zh}: unknown key '{key}' (allowed: {', '.join(TERM_KEYS)})",
                                line=strict_yaml.line_of(node, "terms", zh, key))
            if key in ("en", "source", "note") and not isinstance(value, str):
                raise DataError(p, f"terms.{zh}.{key} must be text, not {type(value).__name__}",
                                line=strict_yaml.line_of(node, "terms", zh, key))
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
