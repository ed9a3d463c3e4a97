"""Segmentation, part four: the page → its stories.

The page is first cut into units (paragraphs, title lines, credits, datelines), wrapped lines rejoined. Units
that open a story (本报讯, a byline ending in 报道, a web dateline) start stories; a caption-length text with
a 摄 credit is a photo story. Title lines that do not head a section inside a story are gathered into title
groups (kicker, headline, subheadline, captions) and matched to the stories by what they have in common,
with a bonus for sitting right above a story, so that headlines printed after their story find it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from build_tools.ingest import bylines, datelines
from build_tools.ingest.segment.matching import match_groups
from build_tools.ingest.segment.rules import rules
from build_tools.ingest.segment.titles import Group, Piece, _pieces, _printed, assign_title_roles, supplied_title
from build_tools.ingest.segment.units import (Unit, _join as join_lines, _section_mark, build_units, detect_wrapped,
                                              ends_sentence, is_fragmentary, join_wrapped)
from build_tools.articles import Article, Byline, Element, Line, SetAside

@dataclass
class Segmentation:
    articles: list[Article]
    banner: list[Element]
    footer: dict | None
    layout: str
    fragmentary: bool
    notes: list[tuple[int, str]] = field(default_factory=list)   # (line, message) for the report
    label: dict | None = None                                     # an e-paper section label: page, section
    set_aside: list[SetAside] = field(default_factory=list)       # navigation and capture duplicates


@dataclass
class _Story:
    start: int                       # unit index of its opening
    units: list[Unit] = field(default_factory=list)
    photo: bool = False
    group: Group | None = None
    unplaced: bool = False


def _caption_like(unit: Unit) -> bool:
    return unit.kind == "body" and len(unit.lines) <= 2 and len(unit.text) <= rules().max_title_length and not unit.opening


def _groupable(unit: Unit) -> bool:
    return (unit.kind == "title" and (not _section_mark(unit) or unit.forced in ("headline", "kicker"))) \
        or (unit.kind == "md" and unit.level <= 2)


def segment_page(lines: list[Line], script: str, corrections: dict[int, dict] | None = None,
                 split_before: set[int] | None = None, furniture: set[int] | None = None) -> Segmentation:
    """`furniture`: the lines cleaning set aside as web or e-paper furniture (a title group never spans one)."""
    corrections = corrections or {}
    split_before = split_before or set()
    furniture = furniture or set()
    wrapped = detect_wrapped(lines)
    kinds = dict(corrections)
    footers = datelines.footer_lines([(ln.number, ln.simplified) for ln in lines if ln.text])
    for numbers in footers.values():
        for n in numbers:
            kinds.setdefault(n, {"kind": "footer"})
    units = build_units(lines, wrapped, kinds)
    for unit in units:
        for n in unit.numbers:
            fix = corrections.get(n, {})
            unit.forced = unit.forced or fix.get("role", "")
            unit.story = unit.story if unit.story is not None else fix.get("story")
    fragmentary = is_fragmentary(units)
    units = join_wrapped(units, fragmentary, wrapped, furniture)
    seg = Segmentation([], [], None, "wrapped" if wrapped else "flowed", fragmentary)

    footer_units = [u for u in units if u.kind == "footer"]
    if footer_units:
        first = next(iter(footers.values()))
        texts = [u.simplified for u in footer_units if set(u.numbers) & set(first)]
        seg.footer = {**datelines.parse_footer(" ".join(texts)), "lines": list(first)}
        for numbers in list(footers.values())[1:]:
            seg.set_aside += [SetAside(n, next(ln.raw for ln in lines if ln.number == n),
                                       "e-paper footer of another article of the same page") for n in numbers]
    units = [u for u in units if u.kind != "footer"]
    labels = [u for u in units if u.kind == "label"]
    if labels:
        seg.label = {**datelines.parse_section_label(labels[0].simplified), "lines": labels[0].numbers}
        for unit in labels[1:]:
            seg.set_aside.append(SetAside(unit.numbers[0], unit.lines[0].raw, "e-paper section label repeated"))
    units = [u for u in units if u.kind != "label"]
    units = _drop_duplicates(units, seg)
    units = _drop_site_clock(units, furniture, seg)
    units = _drop_dated_link_lists(units, seg)
    web = bool(furniture) or any(u.kind == "webline" for u in units)
    units = _date_line_below_headline(units)
    _mark_breaks(units, furniture)
    _split_trailing_credits(units)

    # Openings: 本报讯/byline paragraphs, web datelines, curator's splits, photo stories (text + 摄 credit).
    starts: dict[int, bool] = {}
    for i, unit in enumerate(units):
        if (unit.kind == "body" and unit.opening) or unit.kind == "webline" or unit.numbers[0] in split_before \
                or unit.forced == "start":
            starts[i] = False
    max_caption = rules().max_caption_length
    for i, unit in enumerate(units):
        if unit.kind != "credit" or i == 0:
            continue
        prev = units[i - 1]
        # (a credit for text and photos, 文/摄, closes the whole story: it is no caption's credit)
        if _PHOTO_CREDIT.search(unit.simplified) and not _TEXT_AND_PHOTO.search(unit.simplified) \
                and prev.kind == "body" and len(prev.text) <= max_caption \
                and not prev.opening and (i - 1) not in starts and not _continues(prev):
            starts[i - 1] = True
    _byline_lines(units, starts)
    _photo_captions(units, starts, max_caption)
    _roundup_items(units, starts)
    _items_closed_by_credits(units, starts)
    if seg.label and not seg.footer:
        _title_led(units, starts, after_stories=bool(starts))
    elif not starts and seg.footer:
        _title_led(units, starts)
    elif not starts and _summary_list(units):
        _title_led(units, starts)
    _merge_empty_starts(units, starts)
    if not starts:
        seg = _single_story(units, script, wrapped, fragmentary, seg, web)
        if seg.footer:
            _footer_headline(seg.articles, seg.footer["headline"])
        return seg

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

    banner_rules = rules().page_banners
    candidates: list[Group] = []
    if web:
        lead = [g for g in groups if g.lead]
        for group in lead[:-1]:
            _navigation(group.units, seg)
        groups = [g for g in groups if not g.lead] + lead[-1:]
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
        if web:
            _navigation(group.units, seg)
            continue
        if group.lead and not seg.banner and gi == 0:
            seg.banner += [p.element("banner") for u in group.units for p in _pieces(u, wrapped)]
            continue
        orphan = _Story(start=-1, group=group, unplaced=True)
        stories.append(orphan)
        seg.notes.append((group.first_line, "title lines matched no story: kept as an unplaced fragment"))

    for story in sorted(stories, key=lambda s: (s.units or s.group.units)[0].numbers[0]):
        seg.articles.append(_article(story, script, wrapped, fragmentary))
    if seg.footer:
        _footer_headline(seg.articles, seg.footer["headline"])
    return seg


def _footer_headline(articles: list[Article], printed: str) -> None:
    """An e-paper's footer names its article's headline: on a page of one article, where the title lines were read
    otherwise (a headline taken for a kicker, a headline printed over two lines), the footer decides. (On a page
    of several items the footer names only one of them, or the box they stand in.)"""
    key = re.sub(r"\s+", "", printed)
    if len(articles) != 1:
        return
    art = articles[0]
    roles = [r for r in ("kicker", "headline", "subheadline") if getattr(art, r)]
    texts = [re.sub(r"\s+", "", getattr(art, r).simplified) for r in roles]
    if "headline" in roles and texts[roles.index("headline")] == key:
        return
    parts = [getattr(art, r) for r in roles]
    for i in range(len(roles)):
        for j in range(i + 1, len(roles) + 1):
            if "".join(texts[i:j]) == key:
                art.kicker = _retitled(parts[:i], "kicker")
                art.headline = _retitled(parts[i:j], "headline")
                art.subheadline = _retitled(parts[j:], "subheadline")
                return


def _retitled(elements: list[Element], kind: str) -> Element | None:
    if not elements:
        return None
    return Element(kind, _join_title(e.text for e in elements), _join_title(e.simplified for e in elements),
                   sorted({n for e in elements for n in e.lines}), " ".join(e.source_text for e in elements))


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
            new = not groups or wrapped or groups[-1].captions or not _groupable(groups[-1].titles[-1]) \
                or unit.after_furniture
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


def _single_story(units, script, wrapped, fragmentary, seg: Segmentation, web: bool = False) -> Segmentation:
    """A page with no opening at all (a feature with its byline at the end) is one story. Its headline is the run
    of title lines nearest above its text; on a web page, title lines above that run are the site's navigation."""
    story = _Story(start=0, units=list(units))
    heads = [i for i, u in enumerate(units) if _groupable(u)]
    if heads:
        # the text starts at the first paragraph, or at a date line with no title line between it and the text (a
        # date line over the headline, as e-paper readers print it, is read as if it were below it)
        text_at = next((i for i, u in enumerate(units) if u.kind == "body"), len(units))
        dated = [i for i in range(text_at) if units[i].kind == "webline"]
        if dated and not any(_groupable(units[i]) for i in range(dated[0] + 1, text_at)):
            text_at = dated[0]
        above = [i for i in heads if i < text_at]
        first = heads[0]
        if above:
            first = above[-1]
            while first - 1 >= 0 and _groupable(units[first - 1]) and not units[first].after_furniture:
                first -= 1
        run = [first]
        while run[-1] + 1 < len(units) and _groupable(units[run[-1] + 1]) \
                and not units[run[-1] + 1].after_furniture:
            run.append(run[-1] + 1)
        story.group = Group(titles=[units[i] for i in run])
        nav = [i for i in range(first) if web and units[i].kind in ("title", "md")]
        _navigation([units[i] for i in nav], seg)
        story.units = [u for i, u in enumerate(units) if i not in run and i not in nav]
    if story.units or story.group:
        seg.articles.append(_article(story, script, wrapped, fragmentary))
    return seg


def _mark_breaks(units: list[Unit], furniture: set[int]) -> None:
    """A title group never spans set-aside furniture, a date line, or a place where the order was changed."""
    dated = {n for u in units if u.kind == "webline" for n in u.numbers}
    for prev, unit in zip(units, units[1:]):
        lo, hi = prev.numbers[-1], unit.numbers[0]
        unit.after_furniture = lo > hi or any(n in furniture or n in dated for n in range(lo + 1, hi))


_WEEKDAY = re.compile(r"(?:星期|周|礼拜)[一二三四五六日天]")
_PHOTO_CREDIT = re.compile(r"(?:摄影报道|摄影|摄|供图)[)）]?$")
_TEXT_AND_PHOTO = re.compile(r"文\s*[/／]\s*[摄图]")


def _join_title(parts) -> str:
    """The lines of one title role joined as read: no space between Chinese characters (a headline printed on two
    lines reads as one), a space where a line ends or starts with Latin letters or digits."""
    return join_lines([p for p in parts])


def _navigation(units: list[Unit], seg: Segmentation) -> None:
    reason = rules().navigation_reason
    seg.set_aside += [SetAside(ln.number, ln.raw, reason) for u in units for ln in u.lines]


def _drop_duplicates(units: list[Unit], seg: Segmentation) -> list[Unit]:
    """A paragraph or credit printed again right after itself (a capture that repeats a caption) is set aside."""
    out: list[Unit] = []
    r = rules()
    reason = r.duplicate_reason
    for unit in units:
        recent = out[-r.duplicate_window:]
        if unit.kind in ("body", "credit") and (len(unit.text) >= r.duplicate_min_length or unit.kind == "credit") and not unit.forced \
                and any(u.kind == unit.kind and u.simplified == unit.simplified for u in recent):
            seg.set_aside += [SetAside(ln.number, ln.raw, reason) for ln in unit.lines]
            continue
        out.append(unit)
    return out


def _byline_lines(units: list[Unit], starts: dict[int, bool]) -> None:
    """A byline printed on its own line under a headline (本报记者 某某) opens the story whose text follows it."""
    for i, unit in enumerate(units):
        if unit.kind != "credit" or i + 1 >= len(units) or i in starts:
            continue
        if bylines.parse_credit(unit.simplified):
            continue     # 某某 摄 / 某某 文: a photo or author credit, printed after its text
        following = units[i + 1]
        if following.kind == "body" and not following.opening and (i + 1) not in starts:
            starts[i] = False


def _continues(unit: Unit) -> bool:
    """A paragraph that opens with 据了解, 据悉, 此外 … goes on with the story above; it never opens one."""
    return bool(rules().continuation_openers.match(unit.simplified))


def _drop_site_clock(units: list[Unit], furniture: set[int], seg: Segmentation) -> list[Unit]:
    """A bare date with its weekday (2024年4月28日 星期日) printed above a web page's breadcrumb or menu is the site's
    clock, today's date when the page was captured: set aside, never the publication date. So is a bare date on a
    page that prints a labelled date line (发布时间：…). An e-paper's dated masthead is its issue date and stays."""
    def bare(u: Unit) -> bool:
        return u.kind == "webline" and not datelines.rules().labels.search(u.simplified)

    labelled = any(u.kind == "webline" and not bare(u) for u in units)
    first_furniture = min(furniture) if furniture else None
    epaper = bool(seg.label or seg.footer)      # an e-paper's dated masthead is the date, no clock
    out = []
    for i, unit in enumerate(units):
        after = units[i + 1].simplified if i + 1 < len(units) else ""
        weekday = _WEEKDAY.search(unit.simplified) or _WEEKDAY.fullmatch(after.strip())
        clock = not epaper and first_furniture is not None and unit.numbers[-1] < first_furniture and weekday
        if bare(unit) and (labelled or clock):
            seg.set_aside += [SetAside(ln.number, ln.raw, rules().clock_reason) for ln in unit.lines]
            continue
        out.append(unit)
    return out


def _drop_dated_link_lists(units: list[Unit], seg: Segmentation) -> list[Unit]:
    """Two or more titles in a row, each with its date and none with text under it (`台州发布高温橙色预警 2023-07-11`,
    `椒江这个菜市场改造完成 2023-07-10`), are a list of links to other articles: set aside. A news list whose items
    have their summaries under them is stories, and is left as it is."""
    drop: set[int] = set()
    i = 0
    while i < len(units):
        j = i
        while j + 1 < len(units) and units[j].kind == "title" and units[j + 1].kind == "webline" \
                and (j + 2 >= len(units) or units[j + 2].kind in ("title", "webline")):
            j += 2
        if j - i >= 4:
            drop.update(range(i, j))
        i = max(j, i + 1)
    if not drop:
        return units
    reason = rules().link_list_reason
    seg.set_aside += [SetAside(ln.number, ln.raw, reason) for k in sorted(drop) for ln in units[k].lines
                      if not any(s.number == ln.number and s.reason == reason for s in seg.set_aside)]
    return [u for k, u in enumerate(units) if k not in drop]


def _merge_empty_starts(units: list[Unit], starts: dict[int, bool]) -> None:
    """A web date line that opens a story with no text of its own (the story's 本报讯 paragraph follows it) opens
    that story: the opening after it starts nothing new. A date line with no text after it at all opens nothing:
    it belongs to the story above (even when it is the page's only opening)."""
    order = sorted(starts)
    for a, b in zip(order, order[1:] + [len(units)]):
        if units[a].kind == "webline" and a in starts and not any(u.kind == "body" for u in units[a + 1:b]):
            if b < len(units):
                starts.pop(b, None)
            else:               # (a notice's sign-off: the issuing body, then the date, under the text)
                starts.pop(a)


def _items_closed_by_credits(units: list[Unit], starts: dict[int, bool]) -> None:
    """A paragraph that ends with its item's credit in brackets (（通讯员 陈某）) closes the item: a paragraph after it
    opens the next one, unless it goes on with the story (据了解 …)."""
    for i, unit in enumerate(units[:-1]):
        following = units[i + 1]
        if unit.kind == "body" and unit.credit and unit.credit[1].role != "photographer" \
                and following.kind == "body" and (i + 1) not in starts and not _continues(following) \
                and any(j in starts for j in range(i + 1)):
            starts[i + 1] = False


# the end of a summary cut short on a list page: `…`, `..`, `……[详细]`, `[更多]`, `阅读全文`
_CUT_SHORT = re.compile(r"(?:\.{2,}|…+|[\[【](?:详细|更多|全文|詳細)[\]】]|(?:阅读|查看|閱讀)全文\s*[>»]*)\s*$")


def _summary_list(units: list[Unit]) -> bool:
    """A list page of summaries: two or more texts cut short (…, [详细]), each under its own title (a tag or search
    page, a section's list of latest news)."""
    return sum(1 for i, u in enumerate(units) if u.kind == "body" and i > 0 and _groupable(units[i - 1])
               and _CUT_SHORT.search(u.simplified)) >= 2


def _title_led(units: list[Unit], starts: dict[int, bool], after_stories: bool = False) -> None:
    """An e-paper page with no story openings at all, where two or more title runs each stand above text: each
    title run heads its own story (the story starts at the text below it). On a page of an e-paper's text
    edition (a section label, no footer) that has openings, a title run after a story's text, above text with no
    opening of its own, heads a story too (an item printed without 本报讯)."""
    runs = []
    for i, unit in enumerate(units):
        if unit.kind == "body" and i > 0 and _groupable(units[i - 1]) and i not in starts:
            j = i - 1
            while j > 0 and _groupable(units[j - 1]):
                j -= 1
            if not after_stories or (j > 0 and units[j - 1].kind == "body" and any(k in starts for k in range(j))):
                runs.append(i)
    if after_stories or len(runs) >= 2:
        for i in runs:
            starts[i] = False


def _date_line_below_headline(units: list[Unit]) -> list[Unit]:
    """A web page's date line printed above its headline is read as if printed below it, so that the headline
    heads the story the date line opens."""
    out = list(units)
    i = 0
    while i < len(out) - 1:
        unit = out[i]
        if unit.kind == "webline" and _groupable(out[i + 1]):
            j = i + 1
            # the title lines may hold a photo's credit (记者 某某 摄) printed under the headline
            while j < len(out) and (_groupable(out[j]) or out[j].kind == "credit"):
                j += 1
            if j < len(out) and out[j].kind == "body":
                out[i:j] = out[i + 1:j] + [unit]
                i = j
                continue
        i += 1
    return out


def _split_trailing_credits(units: list[Unit]) -> None:
    for unit in units:
        if unit.kind == "body" and not unit.opening:
            found = bylines.parse_trailing_credit(unit.simplified)
            if found and found[0] >= rules().credit_min_offset:
                unit.credit = found


def _photo_captions(units: list[Unit], starts: dict[int, bool], max_caption: int) -> None:
    """Captioned photos, each with its credit at the end (……（王某 李某 摄）): each is its own photo story when the
    page holds two or more of them, or when nothing but titles stands between it and the story before."""
    captions = [i for i, u in enumerate(units) if u.credit and u.credit[0] <= max_caption and i not in starts
                and u.credit[1].role == "photographer" and not _continues(u)]
    for i in captions:
        before = next((u for u in reversed(units[:i]) if u.kind not in ("title", "md")), None)
        alone = before is None or before.kind in ("webline", "credit") or bool(before.credit)
        if len(captions) >= 2 or alone:
            starts[i] = True


def _roundup_items(units: list[Unit], starts: dict[int, bool]) -> None:
    """Under a roundup column (简讯, 基层动态 …) every paragraph is its own item, with the title line above it."""
    column = rules().roundup_columns
    inside: list[int] = []
    zones: list[list[int]] = []
    for i, unit in enumerate(units):
        if unit.kind == "title" and column.match(unit.simplified):
            inside = []
            zones.append(inside)
            continue
        if not zones:
            continue
        if unit.kind == "md":
            inside = []
            zones.append(inside)
        elif unit.kind == "body":
            inside.append(i)
    for zone in zones:
        # items that open with their own dateline (本报讯 …) are split by those; otherwise every paragraph
        if zone and not any(units[i].opening or i in starts for i in zone):
            for i in zone:
                if not _continues(units[i]):
                    starts[i] = False
                    head = units[i - 1]
                    if head.kind == "title" and _section_mark(head) and not head.forced:
                        head.forced = "headline"      # ■岱山为海员建“流动书屋”: the item's headline, marked


def _article(story: _Story, script: str, wrapped: bool, fragmentary: bool) -> Article:
    art = Article(id="", source="", anchor=0, script=script)
    if story.group:
        roles = assign_title_roles(story.group, wrapped)
        for role in ("kicker", "headline", "subheadline", "column"):
            pieces = roles.get(role) or []
            if pieces:
                marks = rules().section_marks
                merged = Piece(_join_title(p.text for p in pieces).lstrip(marks),
                               _join_title(p.simplified for p in pieces).lstrip(marks),
                               sorted({n for p in pieces for n in p.lines}),
                               " ".join(p.source_text or p.text for p in pieces))
                setattr(art, role, merged.element(role))
        art.captions = [p.element("caption") for p in roles["captions"]]
    units = story.units
    for i, unit in enumerate(units):
        if unit.kind == "webline":
            parsed = datelines.parse_date_line(unit.simplified)
            element = Element("dateline", unit.text, unit.simplified, unit.numbers)
            if art.published is None:
                art.published = {k: v for k, v in parsed.items() if k != "text" and v} | {"line": unit.text}
            if art.dateline is not None or any(u.opening for u in units):
                art.byline_elements.append(Element("date_line", unit.text, unit.simplified, unit.numbers))
                continue
            art.dateline = element
            # a bare name printed right above a web dateline is the author
            if story.group and art.subheadline and bylines.is_name(art.subheadline.simplified):
                author = art.subheadline
                art.subheadline = None
                _add_byline(art, author, [bylines.Credit("author", "作者", [author.simplified])])
            continue
        if unit.kind == "credit":
            credits = bylines.parse_credit_line(unit.simplified, rules().section_marks) or []
            _add_byline(art, Element("credit", unit.text, unit.simplified, unit.numbers), credits)
            continue
        if unit.kind == "body" and unit.opening and all(u.kind == "webline" for u in units[:i]):
            _split_opening(art, unit)
            continue
        if unit.kind == "body" and unit.forced == "caption":
            art.captions.append(Element("caption", unit.text, unit.simplified, unit.numbers))
        elif unit.kind == "body" and unit.forced != "section_head" and unit.credit \
                and len(unit.text) == len(unit.simplified):
            at, credit = unit.credit
            art.body.append(Element("paragraph", unit.text[:at].rstrip(), unit.simplified[:at].rstrip(), unit.numbers))
            _add_byline(art, Element("credit", unit.text[at:].strip(), unit.simplified[at:].strip(), unit.numbers),
                        [credit])
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
    elif paragraphs and not ends_sentence(paragraphs[-1].text) \
            and not bylines.parse_trailing_credit(paragraphs[-1].simplified):     # …作业。（记者 某某）: whole
        art.flag("truncated")
    if art.headline is None:
        art.flag("no_headline")
        first = next((e for e in art.body + art.captions if e.kind in ("paragraph", "caption")), None)
        opening = first.text if first else ""
        said = bylines.parse_opening(first.simplified) if first and len(first.text) == len(first.simplified) else None
        if said:            # 本报讯 记者某某 …: the title is made from what the story says, not from its byline
            opening = opening[said.end:]
        art.supplied_title = supplied_title(opening)
        if art.supplied_title:
            art.flag("supplied_title")
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
