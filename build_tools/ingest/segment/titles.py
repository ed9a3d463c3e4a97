"""Segmentation, part two: title lines printed together (kicker, headline, subheadline, column, captions) and
the role of each; the title the archive supplies for a story printed without one."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from build_tools.ingest.segment.rules import rules
from build_tools.ingest.segment.units import Unit
from build_tools.articles import Element

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
    return len(parts) >= 2 and len({len(p) for p in parts}) == 1 and len(parts[0]) >= rules().couplet_min


def split_kicker(piece: Piece) -> tuple[Piece | None, Piece]:
    """A kicker printed on the headline's own line: a couplet (匠心筑业 永创嘉技 …) or a quoted slogan."""
    words = piece.simplified.split(" ")
    if len(words) < 2:
        return None, piece
    cut = 0
    if words[0].startswith("“") or (words[0].count("“") and words[0].endswith("”")
                                    and len(words[0]) <= rules().kicker_quote_max):
        depth, used = 0, 0
        for i, w in enumerate(words):
            depth += w.count("“") - w.count("”")
            if depth <= 0:
                used = i + 1
                break
        cut = used
    elif len(words) >= 3 and len(words[0]) == len(words[1]) >= rules().couplet_min \
            and len(words[0]) <= rules().kicker_couplet_max:
        cut = 2
    if not cut or cut >= len(words):
        return None, piece
    head = " ".join(words[:cut])
    rest = " ".join(words[cut:])
    if len(rest) < rules().kicker_rest_min:
        return None, piece
    return piece.cut(0, len(head)), piece.cut(len(head), len(piece.simplified))


def assign_title_roles(group: Group, wrapped: bool) -> dict[str, list[Piece]]:
    """Decide which title line is the kicker, the headline, the subheadline, a column or a banner."""
    columns = rules().columns
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
    if len(pieces) >= 2 and len(pieces[0].simplified) <= rules().column_max and not _is_couplet(pieces[0].simplified) \
            and "column" not in roles and not wrapped:
        roles["column"] = [pieces.pop(0)]
    if not pieces:
        return roles
    if len(pieces) == 1 and not wrapped and len(titles) == 1 and len(titles[0].lines) == 3 \
            and "column" not in roles and _three_whole_titles(titles[0].lines):
        # three lines, each a title of its own (none cut short as a broken headline's are): kicker, headline,
        # subheadline (“家门口”学技能 考证书 涨工资 / 德清首家镇级职工学校在钟管开课 / 首期120名职工报名参加培训)
        pieces = [Piece(ln.text, ln.simplified, [ln.number]) for ln in titles[0].lines]
    if len(pieces) == 1 and not wrapped and len(titles) == 1 and len(titles[0].lines) == 3:
        lines = [Piece(ln.text, ln.simplified, [ln.number]) for ln in titles[0].lines]
        if _kicker_over_broken_headline(lines, wrapped):
            roles["kicker"], roles["headline"] = [lines[0]], lines[1:]
            return roles
    if len(pieces) == 1:
        kicker, headline = split_kicker(pieces[0])
        roles["headline"] = [headline]
        if kicker:
            roles["kicker"] = [kicker]
    elif len(pieces) == 2:
        first = pieces[0].simplified
        printed_on_two_lines = len(pieces[0].lines) > 1
        if not printed_on_two_lines and (_is_couplet(first) or (first.startswith("“") and first.endswith("”"))
                                         or _kicker_over_news(first, pieces[1].simplified)):
            roles["kicker"], roles["headline"] = [pieces[0]], [pieces[1]]
        else:
            roles["headline"], roles["subheadline"] = [pieces[0]], [pieces[1]]
    elif _kicker_over_broken_headline(pieces, wrapped):
        roles["kicker"], roles["headline"] = [pieces[0]], pieces[1:]
    else:
        roles["kicker"], roles["headline"], roles["subheadline"] = [pieces[0]], [pieces[1]], pieces[2:]
    return roles


# who acts in a news headline: a union or another body, or a place (鹿城区总工会为环卫工人送上…)
_ACTOR = re.compile(r"(?:工会|总工会|委员会|政府|集团|公司|协会|[\u4e00-\u9fff]{1,6}[省市县区镇乡街道])")


def _kicker_over_news(first: str, second: str) -> bool:
    """A short line over a much longer one that names who acts where the short one names no one: an evocative kicker
    (引题) over the news headline (高温下的一份牵挂 / 鹿城区总工会为环卫工人送上免费“爱心午餐”)."""
    return len(first) <= 10 and len(second) >= 2 * len(first) and not _ACTOR.search(first) \
        and bool(_ACTOR.search(second)) and not second.startswith(("——", "—", "-"))


def _three_whole_titles(lines) -> bool:
    """Three flowed title lines each longer than a broken headline's lines, the middle one the news (no spaced
    phrases, not a quotation), none opening with a dash or a bracket: a kicker, a headline and a subheadline."""
    limit = rules().broken_headline_max
    texts = [ln.simplified for ln in lines]
    return all(len(t) > limit for t in texts) and " " not in texts[1] \
        and not any(t.startswith(("——", "—", "-", "（", "(")) for t in texts[:2])


def _kicker_over_broken_headline(pieces: list[Piece], wrapped: bool) -> bool:
    """Three title lines, a long one over two short ones, printed apart from body text: a kicker over a headline
    printed on two lines (新就业形态劳动者服务再升级 / 鄞州千名快递小哥 / 有了“暖心驿站”)."""
    if len(pieces) != 3 or wrapped:
        return False
    limit = rules().broken_headline_max
    kicker, first, second = (p.simplified for p in pieces)
    return (len(first) <= limit and len(second) <= limit and len(kicker) >= max(len(first), len(second))
            and " " not in first + second and not second.startswith(("——", "—", "-")))


def supplied_title(opening: str) -> str:
    """A title for a story printed without one, from its opening sentence: 近日，龙泉市总工会在青瓷小镇开设“剑瓷课堂”，
    邀请… → 龙泉市总工会在青瓷小镇开设“剑瓷课堂”. Without brackets (they are added where it is shown)."""
    max_length, drop = rules().supplied_max_length, rules().supplied_drop
    sentence = re.split("[。！？；]", opening, maxsplit=1)[0]
    sentence = drop.sub("", sentence).strip()
    sentence = rules().supplied_drop_clause.sub("", sentence, count=1).strip()
    if len(sentence) > max_length:
        clauses = re.split("(?<=[，：])", sentence)
        kept = ""
        for clause in clauses:
            if kept and len(kept) + len(clause) > max_length:
                break
            kept += clause
        if len(kept) <= max_length:
            sentence = kept.rstrip("，：")
        else:
            cut = kept[:max_length]
            for opener, closer in ("“”", "《》", "（）"):
                if cut.count(opener) > cut.count(closer):
                    cut = cut[:cut.rfind(opener)]      # never end inside a quotation or a title
            sentence = cut.rstrip("，、：") + "…"
    return sentence
