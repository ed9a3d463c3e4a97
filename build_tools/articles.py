"""The ingested data model: a source page, its lines, and the articles cut from it (records.py holds the story
record the later stages take)."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Line:
    """One line of a source as read, with its cleaned text and a Simplified copy for matching."""

    number: int          # 1-based line number in the source file
    raw: str             # exactly as decoded (no line ending)
    text: str            # cleaned: indentation stripped, ASCII punctuation next to Chinese made full-width
    simplified: str      # `text` in Simplified script (identical for Simplified sources)

    @property
    def blank(self) -> bool:
        return not self.text


@dataclass
class Element:
    """A piece of a story taken from the source: a headline, a paragraph, a caption, a byline …

    `text` is what is shown; `source_text` is the span of the cleaned source it came from (they differ only
    where a byline prefix was cut from a paragraph or wrapped lines were joined), `lines` the source lines.
    """

    kind: str
    text: str
    simplified: str
    lines: list[int]
    source_text: str = ""

    def __post_init__(self):
        if not self.source_text:
            self.source_text = self.text


@dataclass
class Byline:
    name: str            # as printed (original script)
    role: str            # reporter, correspondent, trainee reporter, photographer, author …
    role_zh: str         # 记者, 通讯员, 摄, 文 …
    lines: list[int]
    name_simplified: str = ""
    pinyin: str = ""     # filled in by attribution


@dataclass
class SetAside:
    """A line that is in no story, and why."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class SiteName:
    """The name of the site or paper a page came from, as its furniture prints it (title, breadcrumb, footer)."""

    name: str
    line: int
    how: str             # title | breadcrumb | masthead | copyright | menu …


@dataclass
class Article:
    id: str
    source: str                         # path of the source file relative to the sources folder
    anchor: int                         # the line that opens the story; identifiers are registered against it
    script: str                         # "Hans" or "Hant"
    headline: Element | None = None
    kicker: Element | None = None
    subheadline: Element | None = None
    column: Element | None = None       # a column or section banner printed with the story
    dateline: Element | None = None     # 本报讯 …, or a web page's date-and-source line
    bylines: list[Byline] = field(default_factory=list)
    byline_elements: list[Element] = field(default_factory=list)
    body: list[Element] = field(default_factory=list)     # paragraphs and section heads, in order
    captions: list[Element] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    published: dict[str, Any] | None = None               # from a dateline or e-paper footer: {date, time, source}
    content_hash: str = ""
    attribution: dict[str, Any] = field(default_factory=dict)
    corrected: list[str] = field(default_factory=list)    # which fields a curator's sidecar decided
    supplied_title: str = ""                              # for a story printed without a headline: from its opening

    def elements(self) -> list[Element]:
        """Every element of the story, in source order."""
        parts = [e for e in (self.kicker, self.headline, self.subheadline, self.column, self.dateline) if e]
        parts += self.byline_elements + self.body + self.captions
        return sorted(parts, key=lambda e: (e.lines[0] if e.lines else 0))

    def lines(self) -> list[int]:
        return sorted({n for e in self.elements() for n in e.lines})

    def flag(self, name: str) -> None:
        if name not in self.flags:
            self.flags.append(name)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class SourcePage:
    """One source file after reading and cleaning, with what segmentation made of it."""

    path: str                    # relative to the sources folder
    sha256: str
    encoding: str
    line_ending: str
    script: str
    lines: list[Line]
    sidecar: Any                                               # the page's Sidecar (build_tools/ingest/sidecar.py)
    cleaning: list[SetAside] = field(default_factory=list)   # lines removed by cleaning, with reasons
    normalised: int = 0                                        # count of punctuation marks made full-width
    banner: list[Element] = field(default_factory=list)        # page-level banner lines
    set_aside: list[SetAside] = field(default_factory=list)   # lines no story took (after cleaning)
    articles: list[Article] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    layout: str = ""                                           # "wrapped" or "flowed"; "fragmentary" noted in flags
    footer: dict[str, Any] | None = None                       # an e-paper footer: paper, section, page, date
    label: dict[str, Any] | None = None                        # an e-paper section label: page, section, lines
    trimmed: list[SetAside] = field(default_factory=list)      # text cut from inside lines (pinyin, spam suffix)
    site_names: list[SiteName] = field(default_factory=list)   # the site's name where its furniture prints it
    cache_key: str = ""                                        # what the page was read from (incremental builds)

    def warn(self, line: int | None, message: str) -> None:
        where = f"{self.path}:{line}" if line else self.path
        self.warnings.append(f"{where}: {message}")
