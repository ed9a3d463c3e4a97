"""Entities: the union bodies, enterprises, institutions and people a story names, each with its English, its place
and its role in the story (actor, mentioned, reporter).

Data first (build_tools/data/entities.yaml): a name is found by the suffix that ends it (总工会, 有限公司, 学院 …) and
the words before it (jieba's word classes decide where a name begins), or by the gazetteer (a place directly before
总工会 makes that place's federation, whatever the spelling: 温州市鹿城区总工会, 鹿城区总工会); people by the
bylines, by the curated list, and by a title before a word jieba tags as a personal name (副县长严钢). jieba is run
only on a few characters around each suffix and title, so the cost stays small at 10,000 stories.
A sidecar's overrides add or remove entities of one story.
"""
from __future__ import annotations

import functools
import re

from pypinyin import lazy_pinyin

from build_tools.data_files import read_yaml
from build_tools.reference.gazetteer import Gazetteer
from build_tools.attribute.people import name_pinyin
from build_tools.data_files import load_yaml
from build_tools.errors import DataError
from build_tools.chinese import to_simplified
from build_tools.settings import DATA, TRANSLATIONS

KINDS = ("union", "enterprise", "institution", "person")
ROLES = ("reporter", "actor", "mentioned")           # strongest first: a story's entity keeps its strongest role
ACTOR_FIELDS = ("kicker", "headline", "subheadline")
_HAN = r"\u4e00-\u9fff"
_NAME_CHARS = re.compile(rf"[{_HAN}A-Za-z0-9]+$")
_NOT_GIVEN = {"v", "p", "m", "u", "d", "x", "c", "r", "q", "f", "uj", "ul", "y"}
_LEFT = 16                                           # at most this many characters of a name before its suffix


@functools.lru_cache(maxsize=1)
def rules() -> dict:
    data = load_yaml("entities.yaml")
    suffixes = dict(sorted(data["suffixes"].items(), key=lambda kv: -len(kv[0])))
    bodies: dict[str, dict] = {}
    for body in data["bodies"]:
        if body["kind"] not in KINDS:
            raise DataError(DATA / "entities.yaml", f"bodies: {body['zh']}: unknown kind '{body['kind']}'")
        for form in [body["zh"], *body.get("aliases", [])]:
            bodies[form] = body
    people = load_yaml("people.yaml")
    for zh, en in people["bodies"].items():          # people.yaml's union bodies are curated too
        bodies.setdefault(zh, {"zh": zh, "en": en, "kind": "union"})
    return {**data, "suffixes": suffixes, "bodies": bodies,
            "suffix_re": re.compile("|".join(map(re.escape, suffixes))),
            "body_re": re.compile("|".join(map(re.escape, sorted(bodies, key=len, reverse=True)))),
            "title_re": re.compile("(?:" + "|".join(map(re.escape, sorted(data["titles"], key=len, reverse=True)))
                                   + rf")(?=[{_HAN}]{{2}})"),
            "people_re": re.compile("|".join(map(re.escape, sorted(data["people"], key=len, reverse=True))))
            if data["people"] else None,
            "aliases": [(re.compile(a["from"]), a["to"]) for a in data.get("aliases", [])],
            "legal": sorted((s for s, v in suffixes.items() if v.get("legal")), key=len, reverse=True)}


@functools.lru_cache(maxsize=1)
def _glossary() -> dict[str, str]:
    """The glossary's English for each term (an entry is `term: English` or `term: {en: …, source: …}`)."""
    path = TRANSLATIONS / "glossary.yaml"
    if not path.exists():
        return {}
    terms = (read_yaml(path) or {}).get("terms") or {}
    return {zh: (entry.get("en", "") if isinstance(entry, dict) else str(entry)) for zh, entry in terms.items()}


@functools.lru_cache(maxsize=4096)
def _tagged(text: str) -> tuple[tuple[str, str], ...]:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    return tuple((p.word, p.flag) for p in jieba.posseg.cut(text))


def canonical(zh: str) -> str:
    """A name as it is compared: the curators' alias rewrites applied (浦江县委总工会 → 浦江县总工会)."""
    for pattern, to in rules()["aliases"]:
        zh = pattern.sub(to, zh)
    return zh


def _core(zh: str, g: Gazetteer) -> str:
    """An enterprise's name without its legal suffix and leading place (浙江正方控股集团有限公司 → 正方控股)."""
    for suffix in rules()["legal"]:
        if zh.endswith(suffix) and len(zh) > len(suffix) + 1:
            zh = zh[: -len(suffix)]
            break
    while True:
        lead = next((m for m in g.find(zh) if m.start == 0), None)
        if not lead or len(zh) - len(lead.text) < 2:
            return zh
        zh = zh[len(lead.text):].lstrip("省市")


def _english_words(zh: str) -> str:
    """English for the proper part of a name: glossary terms where there are some, else pinyin word by word."""
    terms = _glossary()
    out, i = [], 0
    while i < len(zh):
        term = next((zh[i:j] for j in range(len(zh), i, -1) if zh[i:j] in terms), None)
        if term:
            out.append(" ".join(w[:1].upper() + w[1:] for w in terms[term].split()))
            i += len(term)
            continue
        j = i + 1
        while j < len(zh) and not any(zh[j:k] in terms for k in range(j + 1, len(zh) + 1)):
            j += 1
        out += ["".join(lazy_pinyin(w)).capitalize() for w, _ in _tagged(zh[i:j]) if w.strip()]
        i = j
    return " ".join(out)


def _place_prefix(left: str, g: Gazetteer):
    """The place that ends `left` (allowing 县/市/区/委 between it and the suffix) and where the printed name
    begins (earlier places run into it: 温州市鹿城区)."""
    links = set(rules()["place_links"])
    mentions = g.find(left)                  # outside Zhejiang too: 江西省弋阳县总工会 is a body
    best = None
    for m in mentions:
        if left[m.start + len(m.text):] in links:
            best = m
    if best is None:
        return None, None
    start = best.start
    for m in sorted(mentions, key=lambda m: -m.start):
        if m.start < start and left[m.start + len(m.text):start] in links:
            start = m.start
    return best, start


def _words_before(left: str) -> str:
    """The words that end `left` and can be part of a name (jieba's word classes, not a stop word)."""
    data = rules()
    tags, stops, words_ok = set(data["name_tags"]), set(data["stop_words"]), set(data["name_words"])
    kept: list[str] = []
    for word, flag in reversed(_tagged(left)):
        if (flag not in tags and word not in words_ok) or word in stops or word.isdigit():
            break
        kept.append(word)
    words = list(reversed(kept))
    generic = set(data["generic_prefixes"])
    while words and words[0] in generic:      # 企业 工会 → no name; 公司 新京昌 … keeps 新京昌
        words.pop(0)
    return "".join(words)


def _relative(level_char: str, story_place: dict | None, g: Gazetteer):
    """县总工会 in a story about Xinchang: the Xinchang County federation (None where the story's place is unknown)."""
    level = rules()["relative_prefixes"][level_char]
    primary = (story_place or {}).get("primary")
    if not primary or primary == "zhejiang" or primary not in g.places:
        return None
    if level == "town":
        town = (story_place or {}).get("town")
        return g[town] if town else None
    county, city = g.county_of(primary), g.city_of(primary)
    if level == "county":
        return county if county and county.zh.endswith(level_char) else None
    if level == "city":
        return county if county and county.zh.endswith("市") else city
    return None


def _found(zh, kind, en, en_source, place, key, start, end, **extra) -> dict:
    return {"key": key, "zh": zh, "kind": kind, "en": en, "en_source": en_source, "place": place,
            "span": (start, end), **extra}


def find_bodies(text: str, g: Gazetteer, story_place: dict | None = None) -> list[dict]:
    """Union bodies, enterprises and institutions named in one text (Simplified), leftmost first."""
    data = rules()
    out: list[dict] = []
    taken: list[tuple[int, int]] = []
    for m in data["body_re"].finditer(text):
        body = data["bodies"][m.group()]
        key = f"{body['kind']}/{canonical(body['zh'])}"
        out.append(_found(body["zh"], body["kind"], body["en"], "curated", body.get("place"), key,
                          m.start(), m.end()))
        taken.append((m.start(), m.end()))
    for m in data["suffix_re"].finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        suffix = m.group()
        rule = data["suffixes"][suffix]
        if any(text.startswith(w, m.end()) for w in data["not_after"].get(suffix, ())):
            continue
        left = text[max(0, m.start() - _LEFT):m.start()]
        run = _NAME_CHARS.search(left)
        left = run.group() if run else ""
        if not left:
            continue
        kind = rule["kind"]
        if kind == "union" and suffix in ("总工会", data["informal_union"]):
            mention, start = _place_prefix(left, g)
            place = g[mention.place] if mention else None
            printed = left[start:] + suffix if mention else None
            if place is None and left[-1] in data["relative_prefixes"] and suffix == "总工会":
                place = _relative(left[-1], story_place, g)
                printed = left[-1] + suffix
            if place is not None and (suffix == "总工会" or place.level in ("city", "county", "town")):
                en_place = place.en_short if place.level != "province" else "Zhejiang Provincial"
                begin = m.start() - len(printed) + len(suffix)
                out.append(_found(place.zh + "总工会", kind, f"{en_place} Federation of Trade Unions", "gazetteer",
                                  place.id, f"union/{place.id}", begin, m.end(), printed=printed))
                taken.append((begin, m.end()))
                continue
        words = _words_before(left)
        if len(words) < 2 or words in data["generic_prefixes"]:
            continue
        inner = [x for x in g.find(words) if g[x.place].level != "outside"]
        if inner and inner[-1].start > 0 and kind != "union":
            # 台州市劳模集体玉环市公安局: the name begins at the last place before the suffix
            words, inner = words[inner[-1].start:], [x for x in g.find(words[inner[-1].start:])]
        if suffix in data["needs_owner"] and not (
                (inner and inner[0].start == 0 and words[len(inner[0].text):] not in data["generic_prefixes"])
                or any(words.endswith(s) for s in data["legal"])):
            continue
        zh = canonical(words + suffix)
        begin = m.end() - len(zh)
        place = inner[0].place if inner else None
        if kind == "enterprise":
            key = f"enterprise/{_core(zh, g)}"
        else:
            key = f"{kind}/{zh}"
        lead = inner[0] if inner and inner[0].start == 0 else None
        if lead:
            rest = words[len(lead.text):].lstrip("省市县区镇")
            en = " ".join(x for x in (g[lead.place].en_short.split(" ")[0], _english_words(rest), rule["en"]) if x)
        else:
            en = f"{_english_words(words)} {rule['en']}"
        out.append(_found(zh, kind, en, "romanised", place, key, begin, m.end()))
        taken.append((begin, m.end()))
    return sorted(out, key=lambda e: e["span"])


def find_people(text: str, g: Gazetteer) -> list[dict]:
    """People named in one text: the curated ones, and a personal name after a title (副县长严钢)."""
    data = rules()
    out: list[dict] = []
    curated = data["people"]
    not_people = set(data["not_people"])
    spans: list[tuple[int, int]] = []
    if data["people_re"]:
        for m in data["people_re"].finditer(text):
            out.append(_person(m.group(), "curated", m.start(), curated.get(m.group())))
            spans.append((m.start(), m.end()))
    for m in data["title_re"].finditer(text):
        window = text[m.end():m.end() + 5]
        tagged = _tagged(window)
        if not tagged:
            continue
        word, flag = tagged[0]
        if len(word) == 1 and word in data["surnames"] and len(tagged) > 1 and \
                tagged[1][1] not in _NOT_GIVEN and len(tagged[1][0]) <= 2 and \
                tagged[1][0] not in data["not_given"]:
            word, flag = word + tagged[1][0], "nr"          # 邓 小兵 → 邓小兵
        if flag != "nr" or not 2 <= len(word) <= 3 or word in not_people or g.find(word):
            continue
        start = m.end()
        if any(a < start + len(word) and start < b for a, b in spans):
            continue
        out.append(_person(word, "title", start, None))
        spans.append((start, start + len(word)))
    return out


def find_credits(text: str) -> list[str]:
    """Reporters named in a credit line: 作者：记者 陈晓 通讯员 林海波 → [陈晓, 林海波]; stops at 编辑：."""
    data = rules()
    markers, stops = set(data["credit_markers"]), set(data["credit_stops"])
    names, on = [], False
    for token in re.split(r"[\s：:（）()|]+", text):
        if not token:
            continue
        if token in stops:
            on = False
        elif token in markers:
            on = True
        elif on and re.fullmatch(rf"[{_HAN}]{{2,3}}", token) and token[0] in data["surnames"]:
            names.append(token)
        else:
            on = False
    return names


def _person(zh: str, how: str, start: int, curated: dict | None) -> dict:
    return _found(zh, "person", name_pinyin(zh), "pinyin", None, f"person/{zh}", start, start + len(zh),
                  what=(curated or {}).get("what"), how=how)


def _texts(record: dict):
    """(role, text) for every text of a story: the kicker, headline, subheadline and opening paragraph make
    actors; the rest of the body and the captions mention."""
    for k in ACTOR_FIELDS:
        if record.get(k):
            yield "actor", record[k]["simplified"]
    paragraphs = [e for e in record["body"] if e["kind"] == "paragraph"]
    for e in record["body"]:
        yield ("actor" if paragraphs and e is paragraphs[0] else "mentioned"), e["simplified"]
    for c in record["captions"]:
        yield "mentioned", c["simplified"]


def story_entities(record: dict, g: Gazetteer, story_place: dict | None = None,
                   override: dict | None = None, people: list[dict] | None = None) -> list[dict]:
    """Every entity a story names, once each, with its strongest role and how often it is named. `people` are the
    story's reporters as attribution gives them (a curator's override included); else its bylines."""
    found: dict[str, dict] = {}

    def add(entity: dict, role: str) -> None:
        printed = entity.get("printed") or entity["zh"]
        entity = {k: v for k, v in entity.items() if k not in ("span", "printed")}
        have = found.get(entity["key"])
        if have is None:
            found[entity["key"]] = {**entity, "role": role, "count": 1, "forms": [printed]}
            return
        have["count"] += 1
        if ROLES.index(role) < ROLES.index(have["role"]):
            have["role"] = role
        if printed not in have["forms"]:
            have["forms"].append(printed)
        if len(entity["zh"]) > len(have["zh"]) and entity["en_source"] == have["en_source"]:
            have["zh"] = entity["zh"]           # the fullest printed form names it

    if people is None:
        people = [{"name": b.get("name_simplified") or b["name"], "pinyin": name_pinyin(b.get("name_simplified")
                                                                                      or b["name"]), "role": b["role"]}
                  for b in record["bylines"]]
    for p in people:
        name = to_simplified(p["name"])
        add(_found(name, "person", p.get("pinyin") or name_pinyin(name), "pinyin", None, f"person/{name}", 0, 0,
                   what=None, how="byline", byline_role=p["role"]), "reporter")
    credited = {p["name"] for p in people}
    lines = [record["dateline"]["simplified"]] if record.get("dateline") else []
    lines += [m.group() for e in record["body"][:1] for m in
              [re.match(rf"(?:本报)?(?:记者|通讯员)\s?[{_HAN}]{{2,3}}(?=\s)", e["simplified"])] if m]
    for line in lines:
        for name in find_credits(line):
            if name not in credited:
                add(_found(name, "person", name_pinyin(name), "pinyin", None, f"person/{name}", 0, 0,
                           what=None, how="credit line", byline_role="reporter"), "reporter")
    for role, text in _texts(record):
        for entity in find_bodies(text, g, story_place) + find_people(text, g):
            add(entity, role)
    _merge_short_forms(found, g)
    if override:
        for zh in override.get("remove") or []:
            for key in [k for k, e in found.items() if zh in e["forms"] or e["zh"] == zh]:
                del found[key]
        for e in override.get("add") or []:
            kind = e.get("kind", "person")
            zh = canonical(e["zh"])
            key = f"{kind}/{_core(zh, g) if kind == 'enterprise' else zh}"
            found[key] = {"key": key, "zh": zh, "kind": kind,
                          "en": e.get("en") or (name_pinyin(zh) if kind == "person" else _english_words(zh)),
                          "en_source": "curator", "place": e.get("place"), "role": e.get("role", "mentioned"),
                          "count": 1, "forms": [zh], "what": e.get("what"), "how": "curator"}
    return sorted(found.values(), key=lambda e: (ROLES.index(e["role"]), KINDS.index(e["kind"]), e["key"]))


def _merge_short_forms(found: dict[str, dict], g: Gazetteer) -> None:
    """农创客联合工会 after 兰溪农创客联合工会 in the same story is the same body (a place dropped in front)."""
    for key, e in list(found.items()):
        if e["kind"] == "person" or e["en_source"] != "romanised":
            continue
        for other in found.values():
            if other is e or other["kind"] != e["kind"] or not other["zh"].endswith(e["zh"]):
                continue
            head = other["zh"][: -len(e["zh"])]
            if head and any(m.start == 0 and len(m.text) >= len(head.rstrip("省市县区镇")) for m in g.find(head)):
                other["count"] += e["count"]
                if ROLES.index(e["role"]) < ROLES.index(other["role"]):
                    other["role"] = e["role"]
                other["forms"] += [f for f in e["forms"] if f not in other["forms"]]
                del found[key]
                break
