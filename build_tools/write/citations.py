"""Citations of a story: Chicago (notes-bibliography, newspaper article), APA 7, MLA 9 and GB/T 7714-2015 as text,
and BibTeX, RIS and CSL-JSON for reference managers. Built from the catalog record and its attribution only.

Dates keep their precision (a year-only story is cited with its year, never an invented day). The access date
depends on the reader, so pages fill it in the browser; the files leave it to the reference manager.
"""
from __future__ import annotations

import calendar
import json
import re

from build_tools.chinese import language_tag
from build_tools.records import story_url
from build_tools.reference.roles import is_author
from build_tools.settings import SITE_URL

MONTH_ABBR_MLA = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]


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


def citation_data(record: dict, headline_en: str | None, title_translation: str | None = None) -> dict:
    """`title_translation` says what the English title is: "translated title" (by the archive's contributors) or
    "machine-translated title"; citations mark it so (the English is the archive's, not the paper's)."""
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
        "page": at.get("page"), "themes": [t["slug"] for t in at["themes"]],
    }


def _names_chicago(authors):
    names = [f"{a['family']} {a['given']} {a['zh']}".replace("  ", " ") for a in authors]
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


def _title(c, nested: bool = False) -> str:
    """Original headline with its translation, marked as one; inside quotation marks, its own quotes become single
    ones."""
    title = _bilingual(c)
    if nested:
        title = title.replace("“", "‘").replace("”", "’").replace('"', "'")
    return title


def _bilingual(c) -> str:
    """三门县总工会送上“十全十美” [Sanmen County … delivers the "Perfect Ten"; translated title]"""
    if not c["title_en"]:
        return c["title_zh"]
    return f"{c['title_zh']} [{c['title_en']}; {_translated(c)}]"


def _date_long(parts) -> str:
    if len(parts) == 3:
        return f"{calendar.month_name[parts[1]]} {parts[2]}, {parts[0]}"
    if len(parts) == 2:
        return f"{calendar.month_name[parts[1]]} {parts[0]}"
    return str(parts[0]) if parts else "n.d."


def chicago(c) -> str:
    who = _names_chicago(c["authors"])
    head = f"{who}. " if who else ""
    outlet = f"{c['outlet_pinyin']} {c['outlet_zh']} [{c['outlet_en']}]" if c["outlet_pinyin"] else c["outlet_en"]
    return f"{head}“{_title(c, nested=True)}.” {outlet}, {_date_long(c['date_parts']).rstrip('.')}. {c['url']}."


def apa(c) -> str:
    names = [f"{a['family']}, {a['given'][0]}." if a["given"] else a["family"] for a in c["authors"]]
    if len(names) > 1:
        who = ", ".join(names[:-1]) + ", & " + names[-1]
    else:
        who = names[0] if names else ""
    parts = c["date_parts"]
    when = {0: "n.d.", 1: f"{parts[0]}" if parts else "n.d.",
            2: f"{parts[0]}, {calendar.month_name[parts[1]]}" if len(parts) > 1 else "",
            3: f"{parts[0]}, {calendar.month_name[parts[1]]} {parts[2]}" if len(parts) > 2 else ""}[len(parts)]
    title = _bilingual(c)
    lead = f"{who} ({when}). {title}." if who else f"{title}. ({when})."
    return f"{lead} {c['outlet_en']}. {c['url']}"


def mla(c) -> str:
    a = c["authors"]
    if not a:
        who = ""
    elif len(a) == 1:
        who = f"{a[0]['family']}, {a[0]['given']}. "
    elif len(a) == 2:
        who = f"{a[0]['family']}, {a[0]['given']}, and {a[1]['given']} {a[1]['family']}. "
    else:
        who = f"{a[0]['family']}, {a[0]['given']}, et al. "
    parts = c["date_parts"]
    when = (f"{parts[2]} {MONTH_ABBR_MLA[parts[1] - 1]} {parts[0]}" if len(parts) == 3 else
            f"{MONTH_ABBR_MLA[parts[1] - 1]} {parts[0]}" if len(parts) == 2 else str(parts[0]) if parts else "n.d.")
    url = c["url"].removeprefix("https://").removeprefix("http://")
    return f"{who}“{_title(c, nested=True)}.” {c['outlet_en']}, {when}, {url}."


def gbt7714(c) -> str:
    who = ", ".join(a["zh"] for a in c["authors"][:3]) + (", 等" if len(c["authors"]) > 3 else "")
    parts = c["date_parts"]
    when = "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts)) if parts else "出版日期不详"
    page = f"({c['page']})" if c.get("page") else ""
    lead = f"{who}. " if who else ""
    return f"{lead}{c['title_zh']}[N/OL]. {c['outlet_zh']}, {when}{page}. {c['url']}."


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


def bibtex(c) -> str:
    """One BibTeX entry, written by pybtex's writer (which quotes every value and checks its braces); the values
    are LaTeX-escaped first."""
    from pybtex.database import BibliographyData, Entry
    from pybtex.database.output.bibtex import Writer     # the class itself: finding it by name each time is slow

    fields = [("title", c["title_zh"])]
    if c["title_en"]:
        fields.append(("titleaddon", f"[{c['title_en']}; {_translated(c)}]"))
        fields.append(("note", f"English title ({_translated(c)}, by the archive): {c['title_en']}"))
    if c["authors"]:
        fields.append(("author", " and ".join(f"{_name_part(a['family'])}, {_name_part(a['given'])}"
                                              for a in c["authors"])))
    fields += [("journal", c["outlet_en"]), ("entrysubtype", "newspaper")]
    parts = c["date_parts"]
    if parts:
        fields.append(("year", str(parts[0])))
        if len(parts) > 1:
            fields.append(("month", str(parts[1])))
        fields.append(("date", c["date_value"]))
    if c.get("page"):
        fields.append(("pages", str(c["page"])))
    fields += [("url", c["url"]), ("langid", "chinese")]
    entry = Entry("article", fields=[(k, v if k in ("url", "month", "author") else latex_escape(v)) for k, v in fields])
    return Writer().to_string(BibliographyData({c["id"]: entry}))


def ris(c) -> str:
    lines = [("TY", "NEWS"), ("ID", c["id"]), ("TI", c["title_zh"])]
    if c["title_en"]:
        lines.append(("TT", c["title_en"]))
        lines.append(("N1", f"English title: {_translated(c)}, by the archive"))
    lines += [("AU", f"{a['family']}, {a['given']}") for a in c["authors"]]
    lines.append(("T2", c["outlet_en"]))
    if c["outlet_zh"]:
        lines.append(("J2", c["outlet_zh"]))
    parts = c["date_parts"]
    if parts:
        lines.append(("PY", str(parts[0])))
        date = [str(parts[0])] + [f"{p:02d}" for p in parts[1:]]
        lines.append(("DA", "/".join(date + [""] * (4 - len(date)))))
    if c.get("page"):
        lines.append(("SP", str(c["page"])))
    lines += [("UR", c["url"]), ("LA", c["language"])]
    lines += [("KW", t) for t in c["themes"]]
    lines.append(("ER", ""))
    # a line break inside a value would end the field and start a forged one (ER  - ends the record)
    return "".join(f"{tag}  - {_one_line(value)}".rstrip(" ") + "\n" if tag != "ER" else "ER  - \n"
                   for tag, value in lines)


def csl_json(c) -> dict:
    item = {"id": c["id"], "type": "article-newspaper", "title": _title(c), "container-title": c["outlet_en"],
            "URL": c["url"], "language": c["language"]}
    if c["authors"]:
        item["author"] = [{"family": a["family"], "given": a["given"]} for a in c["authors"]]
    if c["date_parts"]:
        item["issued"] = {"date-parts": [c["date_parts"]]}
    if c.get("page"):
        item["page"] = str(c["page"])
    return item


def all_formats(c) -> dict:
    return {"chicago": chicago(c), "apa": apa(c), "mla": mla(c), "gbt7714": gbt7714(c),
            "bibtex": bibtex(c), "ris": ris(c), "csl": json.dumps([csl_json(c)], ensure_ascii=False, indent=1)}


def meta_tags(c: dict, site_name: str = "浙江工会新闻档案 · Zhejiang Trade Union News Archive") -> list[dict]:
    """<meta> tags that reference managers read: Highwire (citation_*), Dublin Core, PRISM, Open Graph, and
    Zotero's item type. No citation_journal_title: it would make a newspaper story a journal article."""
    parts = c["date_parts"]
    highwire_date = "/".join([str(parts[0])] + [f"{p:02d}" for p in parts[1:]]) if parts else ""
    iso_date = c["date_value"] or ""
    title = _bilingual(c)
    tags = [("name", "z:itemType", "newspaperArticle"), ("name", "citation_title", c["title_zh"])]
    tags += [("name", "citation_author", f"{a['family']}, {a['given']}") for a in c["authors"]]
    if highwire_date:
        tags.append(("name", "citation_publication_date", highwire_date))
    tags += [("name", "citation_language", c["language"]), ("name", "citation_public_url", c["url"]),
             ("name", "citation_abstract_html_url", c["url"])]
    if c["themes"]:
        tags.append(("name", "citation_keywords", "; ".join(c["themes"])))
    if c.get("page"):
        tags.append(("name", "citation_firstpage", str(c["page"])))
    tags += [("name", "prism.publicationName", c["outlet_en"]), ("name", "DC.title", title)]
    tags += [("name", "DC.creator", f"{a['family']}, {a['given']}") for a in c["authors"]]
    if iso_date:
        tags.append(("name", "DC.date", iso_date))
    tags += [("name", "DC.language", c["language"]), ("name", "DC.source", f"{c['outlet_en']} ({c['outlet_zh']})"),
             ("name", "DC.type", "Text"), ("name", "DC.identifier", c["url"]),
             ("property", "og:type", "article"), ("property", "og:title", title), ("property", "og:url", c["url"]),
             ("property", "og:site_name", site_name), ("property", "og:locale", "zh_CN" if c["language"] == "zh-Hans"
                                                        else "zh_TW")]
    if len(parts) == 3:
        tags.append(("property", "article:published_time", iso_date))
    return [{"attr": a, "key": k, "value": v} for a, k, v in tags]
