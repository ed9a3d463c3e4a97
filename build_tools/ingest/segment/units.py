"""Segmentation, part one: the cleaned lines of a page → units (paragraphs, title lines, credits, date lines,
labels, footers), wrapped lines rejoined, and the page's layout (hard-wrapped columns or flowed text)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from build_tools.ingest import bylines, datelines
from build_tools.ingest.segment.rules import rules
from build_tools.articles import Line

TERMINAL = "。！？!?…"
CLOSERS = "”’」』）)》"
# A Markdown heading is hashes, a space, then text; `#五一劳动节#…` (a Weibo hashtag) is the text of a paragraph.
_MD_HEADING = re.compile(r"^(#{1,6})[ \t]+(?![^\s#]+#(?!#))(\S.*)$")


def ends_sentence(text: str) -> bool:
    stripped = text.rstrip().rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in TERMINAL


@dataclass
class Unit:
    """A run of source lines read as one thing: a paragraph, a title block, a credit, a dateline …"""

    kind: str                     # body | title | credit | webline | footer | md
    lines: list[Line]
    parts: list[str] = field(default_factory=list)   # for titles: one text per printed line
    level: int = 0                # markdown heading level
    opening: bylines.StoryOpening | None = None
    forced: str = ""              # a role decided by a curator's correction
    story: int | None = None      # a story anchor decided by a curator's correction
    after_furniture: bool = False  # web or e-paper furniture was set aside between this unit and the one before
    credit: tuple[int, bylines.Credit] | None = None   # a photo credit printed at the end of this paragraph

    @property
    def text(self) -> str:
        return _join([ln.text for ln in self.lines]) if self.kind == "body" else " ".join(self.parts)

    @property
    def simplified(self) -> str:
        return _join([ln.simplified for ln in self.lines]) if self.kind == "body" else " ".join(
            _strip_md(ln.simplified) for ln in self.lines)

    @property
    def numbers(self) -> list[int]:
        return [ln.number for ln in self.lines]

    def offsets(self) -> list[tuple[int, int, int]]:
        """(line number, start, end) of each line inside `text` (body units)."""
        out, pos = [], 0
        texts = [ln.text for ln in self.lines]
        for i, t in enumerate(texts):
            if i and _needs_space(texts[i - 1], t):
                pos += 1
            out.append((self.lines[i].number, pos, pos + len(t)))
            pos += len(t)
        return out


def _needs_space(left: str, right: str) -> bool:
    """Rejoining a wrapped line never puts a space between Chinese characters; only between Latin words."""
    return bool(left and right and left[-1].isascii() and left[-1].isalnum()
                and right[0].isascii() and right[0].isalnum())


def _join(texts: list[str]) -> str:
    out = ""
    for t in texts:
        out += (" " if _needs_space(out, t) else "") + t
    return out


def _strip_md(text: str) -> str:
    m = _MD_HEADING.match(text)
    return m.group(2).strip() if m else text


def is_title_like(text: str, wrapped: bool) -> bool:
    r = rules()
    if not text:
        return False
    if text[0] in r.section_marks:
        # a mark opens a section head; before a long sentence it is a bullet of a list of items
        return len(text) <= r.max_title_length and not ends_sentence(text)
    if len(text) > r.max_title_length or text[-1] in "，、：；,;:" or (ends_sentence(text) and not text.rstrip(CLOSERS)[-1] in "？！?!"):
        return False
    if re.search("[。；;]", text) or (not wrapped and re.search("[，,]", text)):
        return False
    if text.count("“") != text.count("”") or text.count("《") != text.count("》"):
        return False    # a quotation opened and not closed: the line goes on below
    if bylines.parse_opening(text) or bylines.parse_credit(text):
        return False
    return True


def _classify_line(line: Line, wrapped: bool) -> str:
    s = line.simplified
    if _MD_HEADING.match(s):
        return "md"
    if datelines.parse_section_label(s):
        return "label"
    if datelines.parse_date_line(s):
        return "webline"
    if bylines.parse_credit_line(s, rules().section_marks):
        return "credit"
    if bylines.parse_opening(s):
        return "start"
    if is_title_like(s, wrapped):
        return "title"
    return "body"


def detect_wrapped(lines: list[Line]) -> bool:
    """Hard-wrapped pages (newspaper columns) have short lines of nearly equal length, most of them stopping in
    mid-sentence; a page of short paragraphs, titles and credits has short lines that end their sentences."""
    texts = [ln.text for ln in lines if ln.text]
    lengths = sorted(len(t) for t in texts)
    r = rules()
    if len(lengths) < r.wrap_min_lines or lengths[len(lengths) // 2] > r.wrap_median_max:
        return False
    longer = [t for t in texts if len(t) >= r.wrap_line_min and re.search("[，、。；：,;]", t)
              and not bylines.parse_trailing_credit(t)]
    ending = sum(1 for t in longer if ends_sentence(t))
    return not longer or ending / len(longer) < r.wrap_sentence_end_share


def build_units(lines: list[Line], wrapped: bool, forced: dict[int, dict]) -> list[Unit]:
    """Cut the page into units. `forced` maps a line number to a curator's correction for it."""
    runs: list[list[Line]] = []
    for line in lines:
        if line.blank:
            if runs and runs[-1]:
                runs.append([])
            continue
        if not runs:
            runs.append([])
        runs[-1].extend(unflatten(line) if line.number not in forced else [line])
    units: list[Unit] = []
    for run in (r for r in runs if r):
        units.extend(_units_of_run(run, wrapped, forced))
    for prev, unit in zip(units, units[1:]):
        # a section head is followed by text, not by another title: a short line there is text cut short
        if unit.kind == "title" and not unit.forced and (prev.kind == "md" and prev.level >= 3):
            unit.kind = "body"
    return units


_LABEL = re.compile(r"(?:来源|稿源|作者|编辑|责任编辑|发布时间|时间|日期)\s*[:：]")


# a date (and time) printed after a title on the title's line, as news lists print each item: `标题    2022-06-14`
_TRAILING_DATE = re.compile(r"(?:\s+|\s*[\[【(（]|\u3000)\s*(?:(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}|(?:19|20)\d{2}年"
                            r"\d{1,2}月\d{1,2}日)(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*[\]】)）]?\s*$")


def unflatten(line: Line) -> list[Line]:
    """A capture that ran a web page's headline, its source-and-date line and its text together on one line
    (`标题 来源：某某网 作者：某某 编辑：某某 2013-08-14 某某网讯 正文…`): three pieces of the same source line, so that
    each is read for what it is; so is a news list's item title with its date after it (`标题    2022-06-14`): a
    title and a date line. Any other line is itself."""
    dated = _TRAILING_DATE.search(line.simplified)
    if dated and len(line.text) == len(line.simplified):
        title = line.simplified[:dated.start()].rstrip()
        # (not an e-paper's footer or masthead:
        # 金华日报 A3 金华新闻 2020-06-09, 台州日报 2013年08月14日)
        footer_like = datelines.parse_date_line(line.simplified) or any(
            re.fullmatch(r"[A-Z]?\d{1,3}版?|[\u4e00-\u9fff]{2,8}(?:日报|晚报|报)", t) for t in title.split())
        if 4 <= len(title) <= rules().max_title_length and not re.search("[，。；！？,;!?：:]", title) \
                and not footer_like and not datelines.find_date(title) \
                and datelines.parse_date_line(dated.group().strip(" []【】()（）")):
            return [Line(line.number, line.raw, line.text[:dated.start()].rstrip(), title),
                    Line(line.number, line.raw, line.text[dated.start():].strip(),
                         line.simplified[dated.start():].strip())]
    label = _LABEL.search(line.simplified)
    if not label or label.start() < 4 or len(line.text) != len(line.simplified):
        return [line]
    title = line.simplified[:label.start()].rstrip()
    found = datelines.find_date(line.simplified[label.start():])
    if not found or re.search("[，。；！？,;!?]", title) or len(title) > rules().max_title_length:
        return [line]
    end = label.start() + found[1].end()
    time = re.match(r"\s*\d{1,2}:\d{2}(?::\d{2})?", line.simplified[end:])
    end += time.end() if time else 0
    meta, body = line.simplified[label.start():end], line.simplified[end:].strip()
    if len(body) < 20 or not datelines.parse_date_line(meta):
        return [line]
    body_at = line.simplified.index(body, end)
    return [Line(line.number, line.raw, line.text[:label.start()].rstrip(), title),
            Line(line.number, line.raw, line.text[label.start():end].strip(), meta.strip()),
            Line(line.number, line.raw, line.text[body_at:], body)]


def _units_of_run(run: list[Line], wrapped: bool, forced: dict[int, dict]) -> list[Unit]:
    kinds = [forced.get(ln.number, {}).get("kind") or _classify_line(ln, wrapped) for ln in run]
    units: list[Unit] = []
    commas = sum(1 for ln in run if re.search("[，、,]", ln.text))
    if all(k == "title" for k in kinds) and len(run) <= 3 and (commas <= 1 or len(run) == 1):
        return [_title_unit(run)]
    body: list[Line] = []

    def flush():
        if body:
            units.append(Unit("body", list(body)))
            body.clear()

    typical = max((len(ln.text) for ln in run), default=0)
    for i, (line, kind) in enumerate(zip(run, kinds)):
        if kind in ("md", "footer", "webline", "credit", "label"):
            flush()
            unit = Unit(kind, [line], parts=[_strip_md(line.text)])
            if kind == "md":
                unit.level = len(_MD_HEADING.match(line.simplified).group(1))
            units.append(unit)
            continue
        if kind == "start":
            flush()
        elif kind == "title" and not body:
            # a title line standing above a story's opening in the same run (headline printed on the line above)
            following = kinds[i + 1] if i + 1 < len(run) else None
            if following in ("start", "md", "webline") or not wrapped:
                units.append(_title_unit([line]))
                continue
        body.append(line)
        following = kinds[i + 1] if i + 1 < len(run) else None
        title_below = following == "title" and not bylines.parse_trailing_credit(run[i + 1].simplified)
        if kind != "title" and ends_sentence(line.text) and (len(line.text) < typical - 2
                                                              or (not wrapped and title_below)):
            # a short line ending a sentence ends its paragraph; in flowed text so does any line ending a sentence
            # before a title line (a section head, or the list of links printed under the text)
            flush()
    flush()
    for unit in units:
        if unit.kind == "body":
            unit.opening = bylines.parse_opening(unit.simplified)
    return units


def _title_unit(lines: list[Line]) -> Unit:
    return Unit("title", list(lines), parts=[ln.text for ln in lines])


def join_wrapped(units: list[Unit], fragmentary: bool, wrapped: bool = False,
                 furniture: frozenset[int] | set[int] = frozenset()) -> list[Unit]:
    """Rejoin paragraphs that a blank line cut in the middle of a sentence. `furniture`: the lines set aside."""
    for unit, following in zip(units, units[1:]):
        # In flowed text a long line without punctuation, followed by text, is the start of a sentence cut by a
        # blank line rather than a section head (those are short: 加强培训搭建平台); not when furniture stands
        # between them (a headline, its date-and-author line set aside, then the text)
        between = range(unit.numbers[-1] + 1, following.numbers[0])
        if (not wrapped and unit.kind == "title" and not unit.forced and len(unit.lines) == 1
                and not any(n in furniture for n in between)
                and len(unit.text) > rules().flowed_title_max and " " not in unit.text and not ends_sentence(unit.text)
                and following.kind == "body" and not following.opening and not _section_mark(unit)):
            unit.kind = "body"
    out: list[Unit] = []
    for unit in units:
        prev = out[-1] if out else None
        continuation = unit.forced == "continuation"
        if unit.forced == "paragraph":
            out.append(unit)
            continue
        if (prev is not None and prev.kind == "body" and unit.kind == "body" and not unit.opening
                and (continuation or (not fragmentary and not ends_sentence(prev.text)
                                      and not bylines.parse_trailing_credit(prev.simplified)))):
            prev.lines.extend(unit.lines)
            prev.opening = bylines.parse_opening(prev.simplified) if prev.opening else None
            continue
        out.append(unit)
    return out


def is_fragmentary(units: list[Unit]) -> bool:
    """Out-of-order captures: most long paragraphs stop in mid-sentence."""
    r = rules()
    long = [u for u in units if u.kind == "body" and len(u.text) >= r.fragment_min_length]
    return len(long) >= r.fragment_min_count and \
        sum(not ends_sentence(u.text) for u in long) / len(long) > r.fragment_share


def _section_mark(unit: Unit) -> bool:
    return bool(unit.text) and unit.text[0] in rules().section_marks
