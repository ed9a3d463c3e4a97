"""Segmentation: the cleaned lines of one page → its stories.

The page is first cut into units (paragraphs, title lines, credits, datelines), wrapped lines rejoined. Units
that open a story (本报讯, a byline ending in 报道, a web dateline) start stories; a caption-length text with
a 摄 credit is a photo story. Title lines that do not head a section inside a story are gathered into title
groups (kicker, headline, subheadline, captions) and matched to the stories by what they have in common,
with a bonus for sitting right above a story, so that headlines printed after their story find it.
"""
from __future__ import annotations

import bisect
import functools
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from build_tools.data_files import load_yaml
from build_tools.ingest import bylines
from build_tools.model import Article, Byline, Element, Line

TERMINAL = "。！？!?…"
CLOSERS = "”’」』）)》"
# A Markdown heading is hashes, a space, then text; `#五一劳动节#…` (a Weibo hashtag) is the text of a paragraph.
_MD_HEADING = re.compile(r"^(#{1,6})[ \t]+(?![^\s#]+#(?!#))(\S.*)$")
_WEB_DATELINE = re.compile(
    r"^(?P<date>\d{4}年\d{1,2}月\d{1,2}日)\s*(?P<time>\d{1,2}:\d{2})?\s*来源[:：]\s*(?P<source>.+)$")
_EPAPER_FOOTER = re.compile(
    r"^(?P<paper>\S+)\s+(?P<section>\S+)\s+(?P<page>\d{3,5})\s+(?P<headline>.+?)\s+"
    r"(?P<date>\d{4}-\d{2}-\d{2})\s+(?P<edition>\d+)\s+\d{4}年\d{1,2}月\d{1,2}日\s+星期[一二三四五六日天]$")


@functools.lru_cache(maxsize=1)
def _rules():
    data = load_yaml("segmentation.yaml")
    return (
        [re.compile(p) for p in data["page_banners"]],
        [re.compile(p) for p in data["columns"]],
        data["section_marks"],
        int(data["max_title_length"]),
        int(data["max_caption_length"]),
    )


def ends_sentence(text: str) -> bool:
    stripped = text.rstrip().rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in TERMINAL


# ---------------------------------------------------------------- units

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
    _, _, marks, max_len, _ = _rules()
    if not text or text[0] in marks:
        return bool(text)
    if len(text) > max_len or text[-1] in "，、：；,;:" or (ends_sentence(text) and not text.rstrip(CLOSERS)[-1] in "？！?!"):
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
    if _EPAPER_FOOTER.match(s):
        return "footer"
    if _WEB_DATELINE.match(s):
        return "webline"
    if bylines.parse_credit(s):
        return "credit"
    if bylines.parse_opening(s):
        return "start"
    if is_title_like(s, wrapped):
        return "title"
    return "body"


def detect_wrapped(lines: list[Line]) -> bool:
    """Hard-wrapped pages (newspaper columns) have short lines of nearly equal length."""
    lengths = sorted(len(ln.text) for ln in lines if ln.text)
    return len(lengths) >= 10 and lengths[len(lengths) // 2] <= 24


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
        runs[-1].append(line)
    units: list[Unit] = []
    for run in (r for r in runs if r):
        units.extend(_units_of_run(run, wrapped, forced))
    for prev, unit in zip(units, units[1:]):
        # a section head is followed by text, not by another title: a short line there is text cut short
        if unit.kind == "title" and not unit.forced and (prev.kind == "md" and prev.level >= 3):
            unit.kind = "body"
    return units


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
        if kind in ("md", "footer", "webline", "credit"):
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
        if kind != "title" and ends_sentence(line.text) and len(line.text) < typical - 2:
            flush()     # a short line ending a sentence ends its paragraph
    flush()
    for unit in units:
        if unit.kind == "body":
            unit.opening = bylines.parse_opening(unit.simplified)
    return units


def _title_unit(lines: list[Line]) -> Unit:
    return Unit("title", list(lines), parts=[ln.text for ln in lines])


def join_wrapped(units: list[Unit], fragmentary: bool, wrapped: bool = False) -> list[Unit]:
    """Rejoin paragraphs that a blank line cut in the middle of a sentence."""
    for unit, following in zip(units, units[1:]):
        # In flowed text a long line without punctuation, followed by text, is the start of a sentence cut by a
        # blank line rather than a section head (those are short: 加强培训搭建平台).
        if (not wrapped and unit.kind == "title" and not unit.forced and len(unit.lines) == 1
                and len(unit.text) > 22 and " " not in unit.text and not ends_sentence(unit.text)
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
                and (continuation or (not fragmentary and not ends_sentence(prev.text)))):
            prev.lines.extend(unit.lines)
            prev.opening = bylines.parse_opening(prev.simplified) if prev.opening else None
            continue
        out.append(unit)
    return out


def is_fragmentary(units: list[Unit]) -> bool:
    """Out-of-order captures: most long paragraphs stop in mid-sentence."""
    long = [u for u in units if u.kind == "body" and len(u.text) >= 60]
    return len(long) >= 4 and sum(not ends_sentence(u.text) for u in long) / len(long) > 0.5


# ---------------------------------------------------------------- title groups

@dataclass
class Piece:
    """One printed title line (or a flowed title block) with the source lines it came from."""

    text: str
    simplified: str
    lines: list[int]
    source_text: str = ""      # as printed, markup included (# of a Markdown heading), when it differs

    def element(self, kind: str) -> Element:
        return Element(kind=kind, text=self.text, simplified=self.simplified, lines=list(self.lines),
                       source_text=self.source_text or self.text)

    def cut(self, start: int, end: int) -> "Piece":
        return Piece(self.text[start:end].strip(), self.simplified[start:end].strip(), list(self.lines))


@dataclass
class Group:
    """Title lines printed together: kicker, headline, subheadline, and the captions printed with them."""

    titles: list[Unit]
    captions: list[Unit] = field(default_factory=list)
    before_story: int | None = None   # index of the story whose opening this group sits right above
    lead: bool = False                # printed before the first story of the page

    @property
    def units(self) -> list[Unit]:
        return sorted(self.titles + self.captions, key=lambda u: u.numbers[0])

    @property
    def simplified(self) -> str:
        return " ".join(u.simplified for u in self.units)

    @property
    def first_line(self) -> int:
        return self.units[0].numbers[0]


def _pieces(unit: Unit, wrapped: bool) -> list[Piece]:
    if unit.kind == "title" and wrapped:
        return [Piece(ln.text, ln.simplified, [ln.number]) for ln in unit.lines]
    return [Piece(unit.text, unit.simplified, unit.numbers, _printed(unit))]


def _printed(unit: Unit) -> str:
    return " ".join(ln.text for ln in unit.lines)


def _is_couplet(text: str) -> bool:
    """Parallel phrases of equal length separated by spaces: 技能人才增量 技术创新提质."""
    parts = text.split()
    return len(parts) >= 2 and len({len(p) for p in parts}) == 1 and len(parts[0]) >= 4


def split_kicker(piece: Piece) -> tuple[Piece | None, Piece]:
    """A kicker printed on the headline's own line: a couplet (匠心筑业 永创嘉技 …) or a quoted slogan."""
    words = piece.simplified.split(" ")
    if len(words) < 2:
        return None, piece
    cut = 0
    if words[0].startswith("“") or (words[0].count("“") and words[0].endswith("”")):
        depth, used = 0, 0
        for i, w in enumerate(words):
            depth += w.count("“") - w.count("”")
            if depth <= 0:
                used = i + 1
                break
        cut = used
    elif len(words) >= 3 and len(words[0]) == len(words[1]) >= 4 and len(words[0]) <= 6:
        cut = 2
    if not cut or cut >= len(words):
        return None, piece
    head = " ".join(words[:cut])
    rest = " ".join(words[cut:])
    if len(rest) < 8:
        return None, piece
    return piece.cut(0, len(head)), piece.cut(len(head), len(piece.simplified))


def assign_title_roles(group: Group, wrapped: bool) -> dict[str, list[Piece]]:
    """Decide which title line is the kicker, the headline, the subheadline, a column or a banner."""
    banners, columns, marks, _, _ = _rules()
    roles: dict[str, list[Piece]] = {"captions": []}
    forced = [(u, u.forced) for u in group.titles if u.forced in ("kicker", "headline", "subheadline", "column")]
    md = [u for u in group.titles if u.kind == "md"]
    titles = group.titles
    if md:
        roles["captions"] += [p for u in group.titles if u.kind != "md" for p in _pieces(u, wrapped)]
        titles = md
    roles["captions"] += [p for u in group.captions for p in _pieces(u, wrapped)]
    if forced:
        for unit, role in forced:
            roles.setdefault(role, []).extend(_pieces(unit, wrapped))
        rest = [u for u in titles if u.forced not in ("kicker", "headline", "subheadline", "column")]
        if rest:
            # the curator decided some lines; the others keep their automatic role where it is still free
            auto = assign_title_roles(Group(titles=rest), wrapped)
            for role, pieces in auto.items():
                if role != "captions" and pieces:
                    free = role if role not in roles else ("subheadline" if role == "headline" else role)
                    roles.setdefault(free, []).extend(pieces)
        return roles
    if md:
        heads = [u for u in md if u.level <= 2]
        if len(heads) >= 2:
            roles["kicker"] = _pieces(heads[0], wrapped)
            roles["headline"] = _pieces(heads[1], wrapped)
            roles["subheadline"] = [p for u in heads[2:] for p in _pieces(u, wrapped)]
        elif heads:
            roles["headline"] = _pieces(heads[0], wrapped)
        roles["kicker"] = [Piece(p.text.rstrip(":："), p.simplified.rstrip(":："), p.lines, p.source_text)
                           for p in roles.get("kicker", [])]
        return roles
    pieces = [p for u in titles for p in _pieces(u, wrapped)]
    while pieces and any(c.search(pieces[0].simplified) for c in columns):
        roles.setdefault("column", []).append(pieces.pop(0))
    if len(pieces) >= 3 and _is_couplet(pieces[-1].simplified) and len(pieces[-1].simplified.split()) >= 3:
        roles.setdefault("column", []).append(pieces.pop())
    if len(pieces) >= 2 and len(pieces[0].simplified) <= 7 and not _is_couplet(pieces[0].simplified) \
            and "column" not in roles and not wrapped:
        roles["column"] = [pieces.pop(0)]
    if not pieces:
        return roles
    if len(pieces) == 1:
        kicker, headline = split_kicker(pieces[0])
        roles["headline"] = [headline]
        if kicker:
            roles["kicker"] = [kicker]
    elif len(pieces) == 2:
        first = pieces[0].simplified
        printed_on_two_lines = len(pieces[0].lines) > 1
        if not printed_on_two_lines and (_is_couplet(first) or (first.startswith("“") and first.endswith("”"))):
            roles["kicker"], roles["headline"] = [pieces[0]], [pieces[1]]
        else:
            roles["headline"], roles["subheadline"] = [pieces[0]], [pieces[1]]
    else:
        roles["kicker"], roles["headline"], roles["subheadline"] = [pieces[0]], [pieces[1]], pieces[2:]
    return roles


# ---------------------------------------------------------------- matching groups to stories

def _bigrams(text: str) -> set[str]:
    chars = re.sub(r"[^\u3400-\u9fffA-Za-z0-9]", "", text)
    return {chars[i:i + 2] for i in range(len(chars) - 1)}


def match_groups(groups: list[Group], story_texts: list[str], adjacency_bonus: float = 0.3,
                 threshold: float = 0.15, story_lines: list[int] | None = None) -> dict[int, int]:
    """Assign title groups to stories: group index → story index. Greedy on shared rare character pairs.
    With `story_lines` (the first line of each story), a group is only compared with the stories printed near
    it (`match_window` of segmentation.yaml on each side): linear in the size of the page, not quadratic."""
    story_grams = [_bigrams(t) for t in story_texts]
    df = Counter(g for grams in story_grams for g in grams)
    n = len(story_texts)
    scores = []
    for gi, group in enumerate(groups):
        grams = _bigrams(group.simplified)
        weight = {g: math.log((n + 1) / (df.get(g, 0) + 0.5)) for g in grams}
        total = sum(weight.values()) or 1.0
        for si in _nearby(group, story_lines, n):
            sg = story_grams[si]
            score = sum(w for g, w in weight.items() if g in sg) / total
            if group.before_story == si:
                score += adjacency_bonus
            scores.append((score, -abs(group.first_line), gi, si))
    scores.sort(reverse=True)
    taken_groups: dict[int, int] = {}
    taken_stories: set[int] = set()
    for score, _, gi, si in scores:
        if score < threshold or gi in taken_groups or si in taken_stories:
            continue
        taken_groups[gi] = si
        taken_stories.add(si)
    return taken_groups


def _nearby(group: Group, story_lines: list[int] | None, n: int) -> range:
    """The stories a title group may belong to: those within the window around where it is printed."""
    window = int(load_yaml("segmentation.yaml")["match_window"])
    if story_lines is None or n <= 2 * window + 1:
        return range(n)
    at = bisect.bisect_left(story_lines, group.first_line)
    return range(max(0, at - window), min(n, at + window + 1))


# ---------------------------------------------------------------- the page

@dataclass
class Segmentation:
    articles: list[Article]
    banner: list[Element]
    footer: dict | None
    layout: str
    fragmentary: bool
    notes: list[tuple[int, str]] = field(default_factory=list)   # (line, message) for the report


@dataclass
class _Story:
    start: int                       # unit index of its opening
    units: list[Unit] = field(default_factory=list)
    photo: bool = False
    group: Group | None = None
    unplaced: bool = False


def _caption_like(unit: Unit) -> bool:
    _, _, _, max_len, _ = _rules()
    return unit.kind == "body" and len(unit.lines) <= 2 and len(unit.text) <= max_len and not unit.opening


def _section_mark(unit: Unit) -> bool:
    _, _, marks, _, _ = _rules()
    return bool(unit.text) and unit.text[0] in marks


def _groupable(unit: Unit) -> bool:
    return (unit.kind == "title" and not _section_mark(unit)) or (unit.kind == "md" and unit.level <= 2)


def segment_page(lines: list[Line], script: str, corrections: dict[int, dict] | None = None,
                 split_before: set[int] | None = None) -> Segmentation:
    corrections = corrections or {}
    split_before = split_before or set()
    wrapped = detect_wrapped(lines)
    units = build_units(lines, wrapped, corrections)
    for unit in units:
        for n in unit.numbers:
            fix = corrections.get(n, {})
            unit.forced = unit.forced or fix.get("role", "")
            unit.story = unit.story if unit.story is not None else fix.get("story")
    fragmentary = is_fragmentary(units)
    units = join_wrapped(units, fragmentary, wrapped)
    seg = Segmentation([], [], None, "wrapped" if wrapped else "flowed", fragmentary)

    footer_units = [u for u in units if u.kind == "footer"]
    if footer_units:
        m = _EPAPER_FOOTER.match(footer_units[0].simplified)
        seg.footer = {**m.groupdict(), "lines": footer_units[0].numbers}
    units = [u for u in units if u.kind != "footer"]

    # Openings: 本报讯/byline paragraphs, web datelines, curator's splits, photo stories (text + 摄 credit).
    starts: dict[int, bool] = {}
    for i, unit in enumerate(units):
        if (unit.kind == "body" and unit.opening) or unit.kind == "webline" or unit.numbers[0] in split_before \
                or unit.forced == "start":
            starts[i] = False
    _, _, _, _, max_caption = _rules()
    for i, unit in enumerate(units):
        if unit.kind != "credit" or i == 0:
            continue
        credit = bylines.parse_credit(unit.simplified)
        prev = units[i - 1]
        if credit and "photographer" in credit.role and prev.kind == "body" and len(prev.text) <= max_caption \
                and not prev.opening and (i - 1) not in starts:
            starts[i - 1] = True
    if not starts:
        return _single_story(units, script, wrapped, fragmentary, seg)

    order = sorted(starts)
    stories = [_Story(start=s, photo=starts[s]) for s in order]
    groups: list[Group] = []
    # The lead zone: everything printed above the first story.
    groups += _zone_groups(units[:order[0]], wrapped, before_story=0, lead=True)
    for k, story in enumerate(stories):
        end = order[k + 1] if k + 1 < len(order) else len(units)
        body = units[story.start:end]
        tail: list[Unit] = []
        while len(body) > 1:
            unit = body[-1]
            if _groupable(unit) or (_caption_like(unit) and ends_sentence(unit.text) and len(body) > 2
                                    and _groupable(body[-2])):
                tail.insert(0, body.pop())
            else:
                break
        story.units = body
        groups += _zone_groups(tail, wrapped, before_story=k + 1 if k + 1 < len(stories) else None)

    banner_rules = _rules()[0]
    candidates: list[Group] = []
    for group in groups:
        if any(r.search(u.simplified) for u in group.titles for r in banner_rules):
            seg.banner += [p.element("banner") for u in group.units for p in _pieces(u, wrapped)]
        else:
            candidates.append(group)
    forced_pairs = {}
    for gi, group in enumerate(candidates):
        anchor = next((u.story for u in group.units if u.story is not None), None)
        if anchor is not None:
            si = next((i for i, s in enumerate(stories) if anchor in s.units[0].numbers), None)
            if si is None:
                seg.notes.append((group.first_line, f"correction names story line {anchor}, which opens no story"))
            else:
                forced_pairs[gi] = si
    free = [gi for gi in range(len(candidates)) if gi not in forced_pairs]
    texts = [" ".join(u.simplified for u in s.units) for s in stories]
    matched = match_groups([candidates[gi] for gi in free], texts,
                           story_lines=[s.units[0].numbers[0] for s in stories])
    pairs = {free[k]: si for k, si in matched.items()}
    for gi, si in forced_pairs.items():
        pairs[gi] = si
    for gi, si in sorted(pairs.items()):
        if stories[si].group is None:
            stories[si].group = candidates[gi]
        else:
            pairs.pop(gi)
    for gi, group in enumerate(candidates):
        if gi in pairs:
            continue
        if group.lead and not seg.banner and gi == 0:
            seg.banner += [p.element("banner") for u in group.units for p in _pieces(u, wrapped)]
            continue
        orphan = _Story(start=-1, group=group, unplaced=True)
        stories.append(orphan)
        seg.notes.append((group.first_line, "title lines matched no story: kept as an unplaced fragment"))

    for story in sorted(stories, key=lambda s: (s.units or s.group.units)[0].numbers[0]):
        seg.articles.append(_article(story, script, wrapped, fragmentary))
    return seg


def _zone_groups(zone: list[Unit], wrapped: bool, before_story: int | None, lead: bool = False) -> list[Group]:
    if not zone:
        return []
    if any(u.kind == "md" and u.level <= 2 for u in zone):
        titles = [u for u in zone if u.kind == "md" and u.level <= 2]
        others = [u for u in zone if u not in titles]
        return [Group(titles=titles + [u for u in others if u.forced in ("kicker", "headline", "subheadline")],
                      captions=[u for u in others if u.forced not in ("kicker", "headline", "subheadline")],
                      before_story=before_story, lead=lead)]
    groups: list[Group] = []
    pending: list[Unit] = []
    for unit in zone:
        if unit.kind == "title" or unit.kind == "md":
            new = not groups or wrapped or groups[-1].captions or not _groupable(groups[-1].titles[-1])
            if unit.forced in ("subheadline", "kicker") and groups and not groups[-1].captions:
                new = False
            if new:
                groups.append(Group(titles=[unit], captions=pending, lead=lead))
                pending = []
            else:
                groups[-1].titles.append(unit)
        elif groups:
            groups[-1].captions.append(unit)
        else:
            pending.append(unit)
    if pending:
        groups.append(Group(titles=[], captions=pending, lead=lead))
    if groups:
        groups[-1].before_story = before_story
    return groups


def _single_story(units, script, wrapped, fragmentary, seg: Segmentation) -> Segmentation:
    """A page with no opening at all (a feature with its byline at the end) is one story."""
    story = _Story(start=0, units=list(units))
    heads = [i for i, u in enumerate(units) if _groupable(u)]
    if heads:
        first = heads[0]
        run = [first]
        while run[-1] + 1 < len(units) and _groupable(units[run[-1] + 1]):
            run.append(run[-1] + 1)
        story.group = Group(titles=[units[i] for i in run])
        story.units = [u for i, u in enumerate(units) if i not in run]
    if story.units or story.group:
        seg.articles.append(_article(story, script, wrapped, fragmentary))
    return seg


def _article(story: _Story, script: str, wrapped: bool, fragmentary: bool) -> Article:
    art = Article(id="", source="", anchor=0, script=script)
    if story.group:
        roles = assign_title_roles(story.group, wrapped)
        for role in ("kicker", "headline", "subheadline", "column"):
            pieces = roles.get(role) or []
            if pieces:
                merged = Piece(" ".join(p.text for p in pieces), " ".join(p.simplified for p in pieces),
                               sorted({n for p in pieces for n in p.lines}),
                               " ".join(p.source_text or p.text for p in pieces))
                setattr(art, role, merged.element(role))
        art.captions = [p.element("caption") for p in roles["captions"]]
    units = story.units
    for i, unit in enumerate(units):
        if unit.kind == "webline":
            m = _WEB_DATELINE.match(unit.simplified)
            art.dateline = Element("dateline", unit.text, unit.simplified, unit.numbers)
            art.published = {k: v for k, v in m.groupdict().items() if v}
            # a bare name printed right above a web dateline is the author
            if story.group and art.subheadline and bylines.is_name(art.subheadline.simplified):
                author = art.subheadline
                art.subheadline = None
                _add_byline(art, author, [bylines.Credit("author", "作者", [author.simplified])])
            continue
        if unit.kind == "credit":
            credit = bylines.parse_credit(unit.simplified)
            _add_byline(art, Element("credit", unit.text, unit.simplified, unit.numbers), [credit])
            continue
        if unit.kind == "body" and unit.opening and i == 0:
            _split_opening(art, unit)
            continue
        if unit.kind == "body" and unit.forced == "caption":
            art.captions.append(Element("caption", unit.text, unit.simplified, unit.numbers))
        elif unit.kind == "body" and unit.forced != "section_head":
            art.body.append(Element("paragraph", unit.text, unit.simplified, unit.numbers))
        else:
            text = unit.text
            shown = text[1:].strip() if _section_mark(unit) else text
            simplified = unit.simplified[1:].strip() if _section_mark(unit) else unit.simplified
            art.body.append(Element("section_head", shown, simplified, unit.numbers, source_text=_printed(unit)))
    art.anchor = (units[0].numbers[0] if units else (story.group.first_line if story.group else 0))
    paragraphs = [e for e in art.body if e.kind == "paragraph"]
    if story.photo:
        art.flag("photo_story")
    if story.unplaced:
        art.flag("unplaced_fragment")
    if fragmentary:
        art.flag("fragmentary")
    elif paragraphs and not ends_sentence(paragraphs[-1].text):
        art.flag("truncated")
    if art.headline is None:
        art.flag("no_headline")
    elif story.group and units and story.group.first_line > units[-1].numbers[-1]:
        art.flag("headline_after_story")
    return art


def _add_byline(art: Article, element: Element, credits: list[bylines.Credit]) -> None:
    art.byline_elements.append(element)
    for credit in credits:
        for name in credit.names:
            shown = _original(element, name)
            art.bylines.append(Byline(name=shown, role=credit.role, role_zh=credit.role_zh,
                                      lines=list(element.lines), name_simplified=name))


def _original(element: Element, simplified_name: str) -> str:
    """The name as printed (Traditional sources keep their script)."""
    at = element.simplified.find(simplified_name)
    if at >= 0 and len(element.text) == len(element.simplified):
        return element.text[at:at + len(simplified_name)]
    return simplified_name


def _split_opening(art: Article, unit: Unit) -> None:
    opening = unit.opening
    text, simplified = unit.text, unit.simplified
    if len(text) != len(simplified):
        text = simplified
    offsets = unit.offsets()

    def lines_of(start: int, end: int) -> list[int]:
        return [n for n, a, b in offsets if a < end and b > start] or [offsets[0][0]]

    d_end = len(opening.dateline)
    if opening.dateline:
        art.dateline = Element("dateline", text[:d_end], simplified[:d_end], lines_of(0, d_end))
    if opening.credits:
        b_start = d_end + (len(text[d_end:]) - len(text[d_end:].lstrip()))
        element = Element("byline", text[b_start:opening.prefix_end], simplified[b_start:opening.prefix_end],
                          lines_of(b_start, opening.prefix_end))
        _add_byline(art, element, opening.credits)
    rest = text[opening.end:]
    if rest:
        art.body.append(Element("paragraph", rest, simplified[opening.end:], lines_of(opening.end, len(text))))
