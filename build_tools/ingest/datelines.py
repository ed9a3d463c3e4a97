"""Printed dates and the lines that carry them: a web page's date line (`发布时间：2014年05月25日 来源：某某网`),
an e-paper's section label and footer, and the date forms they use. Forms and labels are data
(build_tools/data/segmentation.yaml); a date that does not exist on the calendar is no date.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from build_tools.chinese import HAN, valid_date as valid
from build_tools.data_files import load_yaml


@dataclass(frozen=True)
class DateLineRules:
    max_length: int
    labels: re.Pattern
    source_labels: tuple[str, ...]
    author_labels: tuple[str, ...]
    forms: tuple[re.Pattern, ...]
    section_label: re.Pattern
    section_label_bracketed: re.Pattern
    footer: re.Pattern
    footer_end: re.Pattern
    footer_max_lines: int


@functools.lru_cache(maxsize=1)
def rules() -> DateLineRules:
    data = load_yaml("segmentation.yaml")
    spec = data["date_line"]
    labels = sorted(spec["labels"], key=len, reverse=True)
    return DateLineRules(
        max_length=int(spec["max_length"]),
        # (a forum poster's 注册时间 and 最后登录时间 are the poster's, not a date line's 时间)
        labels=re.compile(rf"(?<!注册)(?<!登录)(?<!在线)(?P<label>{'|'.join(map(re.escape, labels))})\s*[:：]"),
        source_labels=tuple(spec["source_labels"]),
        author_labels=tuple(spec["author_labels"]),
        forms=tuple(re.compile(f) for f in data["date_forms"]),
        section_label=re.compile(data["section_label"]),
        section_label_bracketed=re.compile(data["section_label_bracketed"]),
        footer=re.compile(data["footer"]),
        footer_end=re.compile(data["footer_end"]),
        footer_max_lines=int(data["footer_max_lines"]),
    )


def find_date(text: str) -> tuple[str, re.Match] | None:
    """The first printed date in `text` in one of the date forms: (ISO value at its precision, the match)."""
    for form in rules().forms:
        for m in form.finditer(text):
            y, mo = _number(m.group("y"), year=True), _number(m.group("m"))
            d = _number(m.group("d")) if "d" in m.groupdict() and m.group("d") else None
            if valid(y, mo, d):
                return (f"{y:04d}-{mo:02d}-{d:02d}" if d else f"{y:04d}-{mo:02d}"), m
    return None


def _number(text: str, year: bool = False) -> int:
    """A date's year, month or day, in digits or in Chinese numerals (a year digit by digit: 二〇一六; a month or a
    day as a number: 十八) read with cn2an."""
    if text.isdigit():
        return int(text)
    import cn2an

    return int(cn2an.cn2an(text.replace("○", "〇"), "direct" if year else "smart"))


_TIME = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)")
_WEEKDAY = re.compile(r"(?:星期|周|礼拜)[一二三四五六日天]")
_PAPER = re.compile(f"[{HAN}]{{2,10}}(?:日报|晚报|早报|报|时报|新闻|网)")
# a read count printed after the date and time, perhaps glued to the time: `2023-07-12 16:081.2万+阅读`
_COUNT = re.compile(r"(?<!:)(?<!:\d)\d[\d.,]*\s*[万千]?\+?\s*(?:次|人)?(?:阅读|浏览|点击|围观)$")
_PAGE_LABEL = re.compile(r"第\s*[A-Z]?\d{1,3}\s*版")
_FILLER = re.compile(r"[\s【】\[\]|｜:：/()（）,，·•\-—_]+")


# a WeChat article's line under its title: `原创 某某 某某工会 2023-07-12 18:30 发表于浙江` (原创 and the poster's
# province, shown since 2022, are each optional, but one of them is there)
_ORIGINAL = re.compile(r"^原创\s*")
_POSTED_FROM = re.compile(r"\s*发表于\s*[\u4e00-\u9fff]{2,4}\s*$")


def _wechat_meta(stripped: str, rest: str, timed: bool) -> str | None:
    """The authors and account named on a WeChat article's or an app's meta line ('' if none), or None if it is no
    such line: one marked 原创 or 发表于, or an account's short name before a date with its time (某某工会 2020-08-21
    18:05)."""
    if not (_ORIGINAL.match(stripped) or _POSTED_FROM.search(stripped)):
        name = rest.strip()
        if not (timed and 2 <= len(name) <= 8 and re.fullmatch(f"[{HAN}A-Za-z0-9·]+", name)
                and stripped.startswith(name)):
            return None
    rest = _POSTED_FROM.sub(" ", _ORIGINAL.sub(" ", rest.strip()))
    tokens = rest.split()
    if len(tokens) > 4 or any(len(t) > 16 or re.search("[，。；！？,;!?]", t) for t in tokens):
        return None
    return " ".join(tokens)


def parse_date_line(text: str) -> dict | None:
    """`{date, time, source, author, text}` of a web page's date line, or None when the line is anything else."""
    spec = rules()
    stripped = text.strip()
    if not stripped or len(stripped) > spec.max_length or re.search("[。！？；]$", stripped):
        return None
    found = find_date(stripped)
    if not found:
        return None
    value, m = found
    labelled = list(spec.labels.finditer(stripped))
    rest = stripped[:m.start()] + " " + stripped[m.end():]
    count = _COUNT.search(rest.rstrip())
    if count:
        rest = rest[:count.start()]
    time = _TIME.search(rest)
    if time:
        rest = rest[:time.start()] + rest[time.end():]
    paper = None
    wechat = _wechat_meta(stripped, rest, bool(time))
    if wechat is not None:
        out = {"date": value, "text": stripped, **({"author": wechat} if wechat else {})}
        if time:
            out["time"] = time.group()
        return out
    if not labelled:
        # only a date (and a time): `2012-01`, `2021-01-21 10:04`; or a paper's dated masthead line:
        # `某某日报 2023年05月04日 星期四`
        rest = _WEEKDAY.sub(" ", rest)
        page = _PAGE_LABEL.search(rest)          # `1986年4月30日浙江日报 第2版`: the paper's page too
        if page:
            rest = rest[:page.start()] + " " + rest[page.end():]
        name = _PAPER.fullmatch(_FILLER.sub("", rest))
        if name:
            paper = name.group()
        elif _FILLER.sub("", rest):
            return None
    out = {"date": value, "text": stripped}
    if paper:
        out["source"] = paper
    if time:
        out["time"] = time.group()
    for i, lab in enumerate(labelled):
        end = labelled[i + 1].start() if i + 1 < len(labelled) else len(stripped)
        chunk = stripped[lab.end():end]
        chunk = chunk.replace(m.group(), " ") if m.group() in chunk else chunk
        chunk = _TIME.sub(" ", chunk)
        chunk = _FILLER.sub(" ", chunk).strip()
        name = lab.group("label")
        if chunk and name in spec.source_labels and "source" not in out:
            out["source"] = chunk
        elif chunk and name in spec.author_labels and "author" not in out:
            out["author"] = chunk
    return out


def parse_section_label(text: str) -> dict | None:
    """`00003版：职业·教育` → {page: "00003", section: "职业·教育"}."""
    m = rules().section_label.match(text.strip())
    if not m:
        bracketed = rules().section_label_bracketed.match(text.strip())
        if bracketed:               # 第2版()  第3版（要闻）: the section may be unnamed
            return {"page": bracketed.group("page"), "section": bracketed.group("section").strip()}
        return None
    # an e-paper reader prints its page navigation on the label's line: 第A13版:播报 上一版3  4下一版
    section = re.split(r"\s*\d*\s*(?:上一版|下一版|上一期|下一期|版面导航)", m.group("section"))[0].strip()
    if not section:
        return None
    out = {"page": m.group("page"), "section": section}
    if m.group("paper"):
        out["paper"] = m.group("paper")
    if m.group("date"):
        found = find_date(m.group("date"))
        if found:
            out["date"] = found[0]
    return out


def footer_lines(texts: list[tuple[int, str]]) -> dict[int, list[int]]:
    """E-paper footers among (line number, Simplified text) pairs: the last line of each footer → all its lines."""
    spec = rules()
    found: dict[int, list[int]] = {}
    for i, (number, text) in enumerate(texts):
        if not spec.footer_end.search(text):
            continue
        for k in range(spec.footer_max_lines):
            if i - k < 0:
                break
            span = texts[i - k:i + 1]
            if spec.footer.match(" ".join(t for _, t in span)):
                found[number] = [n for n, _ in span]
                break
    return found


def parse_footer(text: str) -> dict | None:
    m = rules().footer.match(text)
    return m.groupdict() if m else None
