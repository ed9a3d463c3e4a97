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


def parse_opening(text: str) -> StoryOpening | None:
    """Parse `本报讯 记者邹伟锋 通讯员郑雪、周丽丽报道 正文…` (Simplified text). None if the text opens no story."""
    roles, before, datelines, _ = _rules()
    dateline = next((d for d in datelines if text.startswith(d)), "")
    pos = len(dateline)
    if dateline == "本报" and not re.match(r"\s|记者|通讯员|见习记者|特约记者", text[pos:pos + 4]):
        dateline, pos = "", 0   # "本报" that is just the start of a sentence
    rest = text[pos:]
    credits: list[Credit] = []
    match = re.match(r"\s*(.{2,60}?)报道(\s*)", rest)
    if match and re.match(rf"\s*({'|'.join(map(re.escape, before))})", match.group(1)):
        credits = _split_credits(match.group(1), roles, before)
        if credits:
            prefix_end = pos + match.start(2)
            return StoryOpening(dateline, credits, pos + match.end(), prefix_end)
    if dateline == "本报讯":
        end = pos + len(rest) - len(rest.lstrip())
        return StoryOpening(dateline, [], end, pos)
    return None


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
