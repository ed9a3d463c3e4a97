"""Bylines, datelines and credits: the small print that says who wrote a story and who took its photos."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from build_tools.chinese import HAN
from build_tools.data_files import load_yaml
from build_tools.reference import roles as role_table

_NAME = f"[{HAN}]{{2,4}}"


@dataclass
class Credit:
    role: str          # English role
    role_zh: str       # the word as printed
    names: list[str]   # in Simplified, as matched


@dataclass
class StoryOpening:
    """What a story's first paragraph opens with: 本报讯 and/or a byline ending in 报道."""

    dateline: str          # "本报讯", "本报" or ""
    credits: list[Credit]
    end: int               # offset in the paragraph where the story text begins
    prefix_end: int        # offset where the dateline+byline text ends (before trailing spaces)


@functools.lru_cache(maxsize=1)
def _rules():
    data = load_yaml("segmentation.yaml")
    roles = role_table.role_words()
    before = sorted(role_table.words_before(), key=len, reverse=True)
    after = sorted(role_table.words_after(), key=len, reverse=True)
    datelines = sorted(data["datelines"], key=len, reverse=True)
    role_words = "|".join(map(re.escape, before))
    credit = re.compile(
        rf"^(?:(?P<title>{role_words})\s*)?(?P<names>{_NAME}(?:\s*[、，,]\s*{_NAME})*)\s*"
        rf"(?P<role>{'|'.join(map(re.escape, after))})$")
    return roles, before, datelines, credit


@functools.lru_cache(maxsize=1)
def _more_rules():
    data = load_yaml("segmentation.yaml")
    return ([re.compile(p) for p in data["opening_datelines"]], re.compile(data["trailing_credit"]),
            re.compile(data["trailing_byline"]))


def parse_opening(text: str) -> StoryOpening | None:
    """Parse `本报讯 记者邹伟锋 通讯员郑雪、周丽丽报道 正文…`, `本报杭州7月20日讯（记者 某某 通讯员 某某）正文…`,
    `松阳新闻网讯 正文…`, `5月25日消息，正文…` (Simplified text). None if the text opens no story."""
    roles, before, datelines, _ = _rules()
    patterns = _more_rules()[0]
    dateline = next((d for d in datelines if text.startswith(d)), "")
    for pattern in patterns:
        m = pattern.match(text)
        if m and len(m.group()) > len(dateline):
            dateline = m.group()
    pos = len(dateline)
    if dateline == "本报" and not re.match(r"\s|记者|通讯员|见习记者|特约记者", text[pos:pos + 4]):
        dateline, pos = "", 0   # "本报" that is just the start of a sentence
    rest = text[pos:]
    credits: list[Credit] = []
    paren = re.match(rf"\s*[（(]\s*((?:{'|'.join(map(re.escape, before))})[^（()）]{{1,60}}?)\s*[)）][，,]?\s*", rest)
    if dateline and paren:
        credits = _split_credits(paren.group(1), roles, before)
        if credits:
            return StoryOpening(dateline, credits, pos + paren.end(), pos + paren.end())
    match = re.match(r"\s*(.{2,60}?)报道(\s*)", rest)
    if match and re.match(rf"\s*({'|'.join(map(re.escape, before))})", match.group(1)):
        credits = _split_credits(match.group(1), roles, before)
        if credits:
            prefix_end = pos + match.start(2)
            return StoryOpening(dateline, credits, pos + match.end(), prefix_end)
    if dateline and dateline != "本报":
        if dateline.endswith("消息") and rest[:1] in "，,":
            dateline, rest, pos = dateline + rest[0], rest[1:], pos + 1
        end = pos + len(rest) - len(rest.lstrip())
        return StoryOpening(dateline, [], end, pos)
    return None


def parse_trailing_credit(text: str) -> tuple[int, Credit] | None:
    """A photo credit printed at the end of a caption: (where it starts, the credit)."""
    roles, before, _, _ = _rules()
    m = _more_rules()[1].search(text)
    role = "photographer"
    if not m:
        m = _more_rules()[2].search(text)
        role = "author"
    if not m:
        return None
    tokens = [t for t in re.split(r"[\s、，,]+", m.group("names")) if t]
    names = []
    for token in tokens:
        token = re.sub(rf"^(?:新华社|中新社|本报|晚报|日报|[{HAN}]{{2,6}}(?:网|报))?(?:{'|'.join(map(re.escape, before))}|摄影记者)", "", token)
        if token:
            names.append(token)
    if not names or not all(re.fullmatch(_NAME, n) for n in names):
        return None
    start = m.start()
    if role == "author":
        words = re.findall(rf"{'|'.join(map(re.escape, before))}", m.group("names"))
        role_zh = words[0] if words else ""
        return start, Credit(roles.get(role_zh, "author"), role_zh, names)
    role_zh = re.sub(r"\s+", "", m.group("role")).replace("／", "/")
    return start, Credit(roles.get(role_zh, "photographer"), role_zh, names)


def _split_credits(prefix: str, roles: dict, before: list[str]) -> list[Credit]:
    parts = re.split(rf"({'|'.join(map(re.escape, before))})", prefix.strip())
    if parts[0].strip():
        return []
    credits = []
    for role_zh, names_text in zip(parts[1::2], parts[2::2]):
        names = [n for n in re.split(r"[、，,\s]+", names_text.strip()) if n]
        if not names or not all(re.fullmatch(_NAME, n) for n in names):
            return []
        credits.append(Credit(roles[role_zh], role_zh, names))
    return credits


def parse_byline_line(text: str) -> list[Credit] | None:
    """`本报记者 林佳 本报通讯员 王海霞`, `记者 陈晓 通讯员 林海波`: a line that is nothing but a byline."""
    roles, before, _, _ = _rules()
    tokens = text.split()
    if len(tokens) >= 3 and all(len(t) == 1 for t in tokens):
        text = "".join(tokens)         # a byline spaced out letter by letter to fill the column: 记 者 房 伟
    # the outlet before the role: 本报记者, 新华社记者, 望潮客户端记者, 某某融媒体中心记者
    stripped = re.sub(r"^(?:本报|本台|特约|[\u4e00-\u9fff]{1,10}(?:客户端|新闻网|网|日报|晚报|报|电视台|台|社|融媒体中心|新闻))"
                      r"\s*(?=记者|通讯员|见习记者|首席记者|摄影记者)", "", text.strip())
    # a partner network's credit names the member's place: 共享联盟·嵊州 某某
    stripped = re.sub(r"共享联盟\s*[·•・]\s*[\u4e00-\u9fff]{1,6}\s+", "共享联盟 ", stripped)
    stripped = re.sub(r"(?<=\s)(?:本报|本台|特约)(?=记者|通讯员|见习记者|首席记者|摄影记者)", "", stripped)
    stripped = re.sub(r"^[（(](.*)[)）]$", r"\1", stripped)
    stripped = re.sub(r"\s*(?:摄影报道|摄影|摄|报道)$", "", stripped)     # 记者 某某 通讯员 某某 摄影报道
    if not re.match(rf"(?:{'|'.join(map(re.escape, before))})", stripped) or len(stripped) > 60:
        return None
    credits = _split_credits(stripped, roles, before)
    return credits or None


def parse_credit_line(text: str, marks: str = "") -> list[Credit] | None:
    """A line that is nothing but credits, in any of their forms: `通讯员翁婷婷 摄`, `记者 陈晓 通讯员 林海波`,
    `（严龙 王谢雪 文/摄）`. `marks`: section marks a byline may open with."""
    credit = parse_credit(text)
    if credit:
        return [credit]
    credits = parse_byline_line(text.lstrip(marks))
    if credits:
        return credits
    trailing = parse_trailing_credit(text)
    return [trailing[1]] if trailing and trailing[0] == 0 else None


def parse_credit(text: str) -> Credit | None:
    """`通讯员翁婷婷 摄`, `周建巨 文`: a credit line standing on its own."""
    roles, _, _, credit = _rules()
    match = credit.match(text.strip())
    if not match:
        return None
    names = [n for n in re.split(r"\s*[、，,]\s*", match.group("names")) if n]
    return Credit(roles[match.group("role")], match.group("role"), names)


def is_name(text: str) -> bool:
    """A line that is only a person's name (a web story's author line)."""
    return bool(re.fullmatch(f"[{HAN}]{{2,3}}", text.strip()))
