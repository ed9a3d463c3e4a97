"""Cleaning: decoded lines → Line objects. Strips indentation, makes ASCII punctuation between Chinese characters
full-width, converts a Simplified copy for matching, and sets aside spam and web furniture with the reason.

Nothing is rewritten in place: each Line keeps its raw text, so every change can be shown and undone.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from build_tools.chinese import HAN, HAN_CHARACTER, is_han, to_simplified
from build_tools.data_files import load_yaml
from build_tools.articles import Line, SetAside, SiteName
from build_tools.ingest import bylines, datelines

_WHITESPACE = " \t\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff"
_FULL_WIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_CLOSERS = "”’）》」』"


_is_cjk = is_han


@dataclass
class Cleaned:
    lines: list[Line]
    removed: list[SetAside]
    normalised: int
    script: str
    trimmed: list[SetAside] = field(default_factory=list)      # text cut from inside a line, with the reason
    site_names: list[SiteName] = field(default_factory=list)   # the site's own name, where its furniture says it


@functools.lru_cache(maxsize=1)
def _rules():
    data = load_yaml("cleaning.yaml")
    spam = data["spam"]
    return (
        [re.compile(p) for p in spam["patterns"]], int(spam["min_hits"]), spam["reason"],
        [(re.compile(f["pattern"]), f["reason"]) for f in data["furniture"]],
    )


def normalise_punctuation(text: str) -> tuple[str, int]:
    """Make ASCII , : ; ? ! ( ) full-width where they punctuate Chinese; "14:42", "1,000" and English stay."""
    out: list[str] = []
    opened: list[bool] = []
    count = 0
    for i, char in enumerate(text):
        before = out[-1] if out else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        if char == "(":
            full = _is_cjk(before) or _is_cjk(after) or after in "“《"
            opened.append(full)
        elif char == ")":
            full = opened.pop() if opened else _is_cjk(before)
        elif char in _FULL_WIDTH:
            full = _is_cjk(before) or (bool(before) and before in _CLOSERS)
        else:
            full = False
        out.append(_FULL_WIDTH[char] if full else char)
        count += full
    return "".join(out), count


def detect_script(texts: list[str]) -> str:
    """'Hant' when converting to Simplified changes a noticeable share of the Chinese characters."""
    chars = changed = 0
    for text in texts:
        simple = to_simplified(text)
        for a, b in zip(text, simple):
            if is_han(a):
                chars += 1
                changed += a != b
    return "Hant" if chars and changed / chars > 0.04 else "Hans"


@dataclass(frozen=True)
class WebRule:
    kind: str
    pattern: re.Pattern
    reason: str
    max_length: int
    site: bool
    prose: bool = False


@functools.lru_cache(maxsize=1)
def _web_rules():
    data = load_yaml("cleaning.yaml")
    rules = [WebRule(r["kind"], re.compile(r["pattern"]), r["reason"], int(r.get("max_length", 60)),
                     bool(r.get("site")), bool(r.get("prose"))) for r in data.get("web_furniture", [])]
    menu = data["menu"]
    annotations = [(re.compile(a["pattern"]), a["reason"]) for a in data.get("annotations", [])]
    return rules, menu, annotations, data["title_line"]


_TITLE_LINES = 12     # a web page's <title> line is among its first lines
_SENTENCE_END = re.compile("[。！？!?][\u201d\u2019」』）)]*$")
_SITE_NAME = re.compile(f"[{HAN}]{{2,14}}?(?:新闻网|新闻传媒中心|融媒体中心|传媒中心|电视台|日报社|日报|晚报|在线|人民政府|网|总工会)")


def web_furniture(simplified: str) -> WebRule | None:
    """The web or e-paper furniture rule a whole line matches, if any. A line that ends a sentence is prose."""
    rules, menu, _, _ = _web_rules()
    if datelines.parse_date_line(simplified) or datelines.parse_section_label(simplified):
        return None         # a date line (来源：… 发布时间：…) or a section label (第A7版：…): segmentation reads them
    prose = bool(_SENTENCE_END.search(simplified))
    for rule in rules:
        if (rule.prose or not prose) and len(simplified) <= rule.max_length and rule.pattern.search(simplified):
            return rule
    if prose:
        return None
    if is_menu(simplified, menu):
        return WebRule("menu", re.compile(""), menu["reason"], int(menu["max_length"]), False)
    return None


def is_menu(simplified: str, menu: dict) -> bool:
    if len(simplified) > int(menu["max_length"]) or re.search("[。，；！？,;]", simplified):
        return False
    items = [i.strip() for i in re.split(menu["separators"], simplified) if i.strip()]
    if len(items) >= int(menu["min_items"]) and all(len(i) <= int(menu["max_item_length"]) for i in items):
        return True
    return sum(1 for w in menu["words"] if w in simplified) >= int(menu["min_words"])


def site_names_in(simplified: str) -> list[str]:
    """Names of news sites, papers and union bodies that a furniture line gives (婺城新闻网, 舟山市总工会 …)."""
    names = []
    for m in _SITE_NAME.finditer(simplified):
        name = m.group()
        if simplified[max(0, m.start() - 3):m.start()].endswith("ICP") or name.endswith("公网") \
                or re.fullmatch("(?:新闻|网站|中国|在线|官方|关注|看)+(?:网|在线)?", name):
            continue
        names.append(re.sub("^(?:关注|看|欢迎访问)", "", name))
    return names


def cut_annotations(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Remove pinyin or emoji pushed into the text; return the text and what was cut, with the reason."""
    cut: list[tuple[str, str]] = []
    for pattern, reason in _web_rules()[2]:
        found = pattern.findall(text)
        if found:
            cut += [(f, reason) for f in found]
            text = pattern.sub("", text)
    return text, cut


def split_title_line(simplified: str) -> tuple[int, str] | None:
    """(where the suffix starts, the suffix) of a `<title>` line: headline + separator + site name or spam."""
    spec = _web_rules()[3]
    best = None
    for sep in sorted(spec["separators"], key=len, reverse=True):
        at = simplified.rfind(sep)
        if at <= 0:
            continue
        suffix = simplified[at + len(sep):].strip()
        head = simplified[:at].strip()
        if (suffix and len(HAN_CHARACTER.findall(head)) >= 4 and len(suffix) <= int(spec["max_suffix_length"])
                and not re.search("[，。；！？:：]", suffix) and not _labelled(head)
                and (re.search(spec["site_words"], suffix) or _spam_hits(suffix) >= 1)):
            if best is None or at < best[0]:
                best = (at, suffix)
    if best is None and " " in simplified.strip():
        head, _, suffix = simplified.strip().rpartition(" ")
        if re.fullmatch(spec["space_suffix"].strip(), suffix) and len(HAN_CHARACTER.findall(head)) >= 4:
            best = (simplified.rfind(" "), suffix)
    return best


def _labelled(text: str) -> bool:
    """A date line or a `标签：` line is no <title> line."""
    return bool(re.search(r"\d{4}\s*[-/.年]\s*\d{1,2}", text)) or bool(datelines.rules().labels.search(text))


def _spam_hits(text: str) -> int:
    return sum(1 for p in _rules()[0] if p.search(text))


def _squash(text: str) -> str:
    return re.sub(r"[\s\u200b]+", "", text)


def is_spam(text: str, patterns, min_hits: int) -> bool:
    """SEO spam has a shape, not just two words: a run of spam terms joined by commas or spaces. A line with the
    terms is spam when they cover most of it, or when there are many of them and the line has no sentence in it
    (「来自欧美和亚洲的工会代表参观了职工之家。」 is a sentence of the story)."""
    shape = load_yaml("cleaning.yaml")["spam"]
    hits = [m.span() for p in patterns for m in [p.search(text)] if m]
    if len(hits) < min_hits:
        return False
    covered = set()
    for p in patterns:
        for m in p.finditer(text):
            covered.update(range(*m.span()))
    letters = [i for i, ch in enumerate(text) if ch.isalnum()]
    share = len(covered.intersection(letters)) / max(len(letters), 1)
    sentence = any(mark in text for mark in shape["sentence_marks"])
    # a run of short keyword items joined by dashes, commas or spaces (某某体育app下载-某某在线-…)
    items = [i for i in re.split(shape["item_separators"], text) if i]
    keyword_run = len(items) >= int(shape["min_items"]) and all(len(i) <= int(shape["max_item_length"]) for i in items)
    return share >= float(shape["min_share"]) or (not sentence and (len(hits) >= int(shape["many_hits"])
                                                                      or keyword_run))


def clean_lines(raw_lines: list[str]) -> Cleaned:
    spam_patterns, min_hits, spam_reason, furniture = _rules()
    title_spec = _web_rules()[3]
    lines, removed, trimmed, sites, normalised = [], [], [], [], 0
    footers: list[str] = []          # the copyright footer lines: they print the site's own name
    for number, raw in enumerate(raw_lines, start=1):
        text = " ".join(raw.strip(_WHITESPACE).split())
        text = re.sub(r"[\u00a0\u3000]+", " ", text)
        text, cut = cut_annotations(text)
        trimmed += [SetAside(line=number, text=c, reason=r) for c, r in cut]
        text, n = normalise_punctuation(text)
        normalised += n
        simplified = to_simplified(text)
        glued = split_title_line(simplified) if number <= _TITLE_LINES else None
        if glued and _spam_hits(glued[1]) and not _spam_hits(simplified[:glued[0]]):
            # spam glued to a <title> line: the headline stays, the spam is cut and reported
            shown = text[:glued[0]].rstrip(" -_|－—｜")
            trimmed.append(SetAside(line=number, text=text[len(shown):], reason=title_spec["reason_suffix"]))
            text, simplified = shown, to_simplified(shown)
        line = Line(number=number, raw=raw, text=text, simplified=simplified)
        reason = None
        if text:
            if is_spam(simplified, spam_patterns, min_hits):
                reason = spam_reason
            else:
                reason = next((r for p, r in furniture if p.search(simplified)), None)
            if reason is None:
                rule = web_furniture(simplified)
                if rule:
                    reason = rule.reason
                    if rule.kind == "copyright":
                        footers.append(_squash(simplified))
                    if rule.site:
                        sites += [SiteName(name, number, rule.kind) for name in site_names_in(simplified)]
        if reason:
            removed.append(SetAside(line=number, text=raw, reason=reason))
            line = Line(number=number, raw=raw, text="", simplified="")
        lines.append(line)
    _title_lines(lines, removed, trimmed, sites, title_spec)
    _contents_entries(lines, removed, title_spec)
    _masthead_lines(lines, removed, footers, title_spec)
    script = detect_script([ln.text for ln in lines if ln.text])
    return Cleaned(lines=lines, removed=removed, normalised=normalised, script=script, trimmed=trimmed,
                   site_names=sites)


def _is_credit(simplified: str) -> bool:
    return bool(bylines.parse_credit(simplified) or bylines.parse_byline_line(simplified)
                or bylines.parse_trailing_credit(simplified))


def _contents_entries(lines: list[Line], removed: list[SetAside], spec: dict) -> None:
    """A short line printed again further down the page is a table-of-contents entry (本版导读) or the page's
    title: the later copy is the headline, the earlier one is set aside."""
    later: dict[str, int] = {}
    footer = {n for numbers in datelines.footer_lines([(ln.number, ln.simplified) for ln in lines if ln.text]).values()
              for n in numbers}
    for line in lines:
        if line.text and line.number not in footer:       # an e-paper footer repeats the headline: no contents
            later[_squash(line.simplified)] = line.number
    # a table of contents and a title line stand above the page's text: before the first sentence
    head = next((ln.number for ln in lines if ln.text and _SENTENCE_END.search(ln.simplified)), len(lines) + 1)
    for i, line in enumerate(lines):
        if line.number >= head:
            break
        key = _squash(line.simplified)
        if line.text and 4 <= len(key) <= 40 and not _SENTENCE_END.search(key) and later.get(key, 0) > line.number \
                and not _is_credit(line.simplified):
            removed.append(SetAside(line=line.number, text=line.raw, reason=spec["reason_contents"]))
            lines[i] = Line(line.number, line.raw, "", "")
    closers = [s.line for s in removed if s.line < head and re.fullmatch(spec["contents_closers"], _squash(s.text))]
    for closer in closers:
        for i in range(closer - 2, -1, -1):           # lines[i] is line i + 1
            line = lines[i]
            if not line.text:
                continue
            key = _squash(line.simplified)
            if len(key) > 40 or _SENTENCE_END.search(key) or datelines.parse_section_label(line.simplified) \
                    or _is_credit(line.simplified):
                break
            removed.append(SetAside(line=line.number, text=line.raw, reason=spec["reason_contents"]))
            lines[i] = Line(line.number, line.raw, "", "")
    removed.sort(key=lambda s: s.line)


def _masthead_lines(lines: list[Line], removed: list[SetAside], footers: list[str], spec: dict) -> None:
    """A short line above the page's first sentence that is the site's name as its copyright footer prints it
    (山西某某干部学校1 over a footer 山西某某干部学校简介版权所有) is the masthead, not a headline: a headline is not
    printed inside the footer."""
    if not footers:
        return
    head = next((ln.number for ln in lines if ln.text and _SENTENCE_END.search(ln.simplified)), len(lines) + 1)
    for i, line in enumerate(lines):
        if line.number >= head:
            break
        core = re.sub(spec["masthead_tail"], "", _squash(line.simplified))
        if line.text and 4 <= len(core) and len(line.simplified) <= int(spec["masthead_max_length"]) \
                and not _SENTENCE_END.search(core) and any(core in f for f in footers):
            removed.append(SetAside(line=line.number, text=line.raw, reason=spec["reason_masthead"]))
            lines[i] = Line(line.number, line.raw, "", "")
    removed.sort(key=lambda s: s.line)


def _title_lines(lines: list[Line], removed: list[SetAside], trimmed: list[SetAside], sites: list[SiteName],
                 spec: dict) -> None:
    """A `<title>` line (headline + separator + site name or spam) among the first lines of a web page: set aside
    when the headline is printed again below it, else cut to the headline. Its suffix names the site."""
    texts = {_squash(ln.simplified) for ln in lines if ln.text}
    for i, line in enumerate(lines[:_TITLE_LINES]):
        if not line.text:
            continue
        found = split_title_line(line.simplified)
        if not found:
            continue
        at, suffix = found
        head = _squash(line.simplified[:at])
        sites += [SiteName(name, line.number, "title") for name in site_names_in(suffix)] or (
            [SiteName(suffix, line.number, "title")] if re.search(spec["site_words"], suffix) else [])
        if head in texts - {_squash(line.simplified)}:
            removed.append(SetAside(line=line.number, text=line.raw, reason=spec["reason_repeated"]))
            lines[i] = Line(line.number, line.raw, "", "")
        else:
            shown = line.text[:at].rstrip(" -_|－—｜")
            trimmed.append(SetAside(line=line.number, text=line.text[len(shown):], reason=spec["reason_suffix"]))
            lines[i] = Line(line.number, line.raw, shown, to_simplified(shown))
    removed.sort(key=lambda s: s.line)
