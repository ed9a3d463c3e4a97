"""Dates, with their precision and the evidence for them. A day is never invented.

In order: a curator's override for the story; a date printed with the story (a web page's date line); its
dateline's month and day (本报杭州7月20日讯, 5月25日消息) with the year of the page's other evidence; the e-paper
footer of its page; a date line printed elsewhere on the page; the sidecar's date for the page; a date in the
address the page was captured from (htmldate, then the compact forms of attribution.yaml); else an inference
from the years the page's text names ("截至2015年7月底" → 2015, after July; a year with 将 after it is still to
come), marked as inferred, never shown as certain. No evidence: undated.
"""
from __future__ import annotations

import calendar
import copy
import datetime
import functools
import re

from build_tools.data_files import load_yaml
from build_tools.chinese import valid_date as valid

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})年")
_AS_OF = re.compile(r"截至((?:19|20)\d{2})年(\d{1,2})月(底|末)?")
_RANGE = re.compile(r"(?<!\d)(?:19|20)\d{2}\s*[~～\-—至到]\s*((?:19|20)\d{2})年")
_FUTURE_BEFORE = re.compile(r"(到|至|预计|计划|力争)\s*$")
_FUTURE_AFTER = re.compile(r"^[^。，；]{0,14}?(将|要|计划|目标|力争)")
_PRINTED = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


_MONTH_DAY = re.compile(r"(?<!\d)(\d{1,2})月(\d{1,2})日(?:讯|电|消息)")
INFERRED = "inferred from the text"


def make_date(value: str, source: str, evidence: list[str], note: str | None = None) -> dict:
    parts = value.split("-")
    precision = {1: "year", 2: "month", 3: "day"}[len(parts)]
    inferred = source == INFERRED
    return {"value": value, "precision": precision,
            "display": display(value) + (" (inferred)" if inferred else ""), "source": source,
            "evidence": evidence, "note": note, "inferred": inferred}


@functools.lru_cache(maxsize=1)
def _url_forms():
    return [re.compile(p) for p in load_yaml("attribution.yaml")["url_dates"]]


def url_date(url: str | None) -> str | None:
    """The publication date an address gives (`/html/2022-08/08/content_…` → 2022-08-08), at its precision."""
    if not url:
        return None
    from htmldate.extractors import extract_url_date   # heavy import (lxml, dateparser): only when an address is given
    from htmldate.utils import Extractor

    options = Extractor(False, datetime.datetime(2099, 12, 31), datetime.datetime(1990, 1, 1), True, "%Y-%m-%d")
    found = extract_url_date(url, options)
    if found:
        return found
    for form in _url_forms():
        m = form.search(url)
        if m:
            y = int(m.group("y"))
            mo = int(m.group("m")) if "m" in m.groupdict() and m.group("m") else None
            d = int(m.group("d")) if "d" in m.groupdict() and m.group("d") else None
            if mo is None and 1990 <= y <= 2099:
                return f"{y:04d}"
            if mo and valid(y, mo, d):
                return f"{y:04d}-{mo:02d}-{d:02d}" if d else f"{y:04d}-{mo:02d}"
    return None


def display(value: str | None) -> str:
    if not value:
        return "Undated"
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return f"{calendar.month_name[parts[1]]} {parts[2]}, {parts[0]}"
    if len(parts) == 2:
        return f"{calendar.month_name[parts[1]]} {parts[0]}"
    return str(parts[0])


def undated() -> dict:
    return {"value": None, "precision": "none", "display": "Undated", "source": "none",
            "evidence": ["no date is printed and the text names no year"], "note": None}


def _context(text: str, start: int, end: int) -> str:
    return text[max(0, start - 6): end + 8]


def infer_year(texts: list[str]) -> dict | None:
    """The page's year from the years its text names."""
    past: list[tuple[int, str]] = []
    future: list[tuple[int, str]] = []
    after = None
    for text in texts:
        for m in _AS_OF.finditer(text):
            year, month = int(m.group(1)), int(m.group(2))
            if month == 12 and m.group(3):
                past.append((year + 1, _context(text, m.start(), m.end())))
            else:
                past.append((year, _context(text, m.start(), m.end())))
                if after is None or (year, month) > after:
                    after = (year, month)
        planned = {m.start(1) for m in _RANGE.finditer(text)}
        for m in _YEAR.finditer(text):
            year = int(m.group(1))
            snippet = _context(text, m.start(), m.end())
            if m.start() in planned or _FUTURE_BEFORE.search(text[max(0, m.start() - 4):m.start()]) \
                    or _FUTURE_AFTER.search(text[m.end():]):
                future.append((year, snippet))
            else:
                past.append((year, snippet))
    if not past:
        return None
    year = max(y for y, _ in past)
    evidence = [f"“{s}”" for y, s in past if y == year][:3]
    evidence += [f"“{s}” (still to come)" for y, s in future if y == year + 1][:2]
    note = None
    if after and after[0] == year:
        note = f"after {calendar.month_name[after[1]]} {year}"
    return make_date(str(year), INFERRED, evidence, note)


def page_evidence(footer: dict | None, page_published: dict | None, sidecar) -> dict | None:
    """The date the page as a whole gives, strongest first: its e-paper footer, a date line printed on it, the
    curator's sidecar, the address it was captured from."""
    if footer:
        return make_date(footer["date"], "e-paper footer", [f"{footer['paper']} {footer['section']} "
                                                             f"page {int(footer['page'])} {footer['date']}"])
    if page_published:
        return make_date(page_published["date"], "printed on the page", [page_published.get("text", "")])
    if sidecar.get("date"):
        return make_date(str(sidecar.get("date")), "sidecar", [sidecar.get("date_evidence") or "given by the curator"])
    value = url_date(sidecar.get("url"))
    if value:
        return make_date(value, "the page's address", [sidecar.get("url")])
    return None


def attribute_date(record: dict, page_texts: list[str], footer: dict | None, sidecar: dict,
                   override: dict | None, page_published: dict | None = None) -> dict:
    if override and override.get("date"):
        evidence = [override.get("date_evidence") or "decided by a curator"]
        return make_date(str(override["date"]), "curator (sidecar override)", evidence)
    published = record.get("published") or {}
    if published.get("date"):
        printed = (record.get("dateline") or {}).get("text") or published.get("line") or published["date"]
        return make_date(published["date"], "printed with the story", [printed])
    page = page_evidence(footer, page_published, sidecar)
    dateline = (record.get("dateline") or {}).get("simplified") or ""
    m = _MONTH_DAY.search(dateline)
    if m and page and page["value"]:
        year, month, day = int(page["value"][:4]), int(m.group(1)), int(m.group(2))
        # the page's own day (an issue date, a date line) is the publication date; the dateline's day refines a
        # page date known only to the year or month
        same_month = page["precision"] == "year" or (page["precision"] == "month" and int(page["value"][5:7]) == month)
        if same_month and valid(year, month, day):
            value = f"{year:04d}-{month:02d}-{day:02d}"
            return make_date(value, f"dateline, with the year from {page['source']}",
                             [m.group(), *page["evidence"]])
    if page:
        return page
    inferred = copy.deepcopy(_page_year(tuple(page_texts)))
    return inferred or undated()


@functools.lru_cache(maxsize=4)
def _page_year(page_texts: tuple[str, ...]) -> dict | None:
    """infer_year once per page, not once per story of the page (a page of 2,000 stories was read 2,000 times)."""
    return infer_year(list(page_texts))
