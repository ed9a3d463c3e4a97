"""Dates, with their precision and the evidence for them. A day is never invented.

In order: a curator's override for the story; a date printed with the story (a web dateline); the e-paper
footer of its page; the sidecar's date for the page; else an inference from the years the page's text names
("截至2015年7月底" → 2015, after July; a year with 将 after it is still to come). No evidence: undated.
"""
from __future__ import annotations

import calendar
import copy
import functools
import re

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})年")
_AS_OF = re.compile(r"截至((?:19|20)\d{2})年(\d{1,2})月(底|末)?")
_RANGE = re.compile(r"(?<!\d)(?:19|20)\d{2}\s*[~～\-—至到]\s*((?:19|20)\d{2})年")
_FUTURE_BEFORE = re.compile(r"(到|至|预计|计划|力争)\s*$")
_FUTURE_AFTER = re.compile(r"^[^。，；]{0,14}?(将|要|计划|目标|力争)")
_PRINTED = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def make_date(value: str, source: str, evidence: list[str], note: str | None = None) -> dict:
    parts = value.split("-")
    precision = {1: "year", 2: "month", 3: "day"}[len(parts)]
    return {"value": value, "precision": precision, "display": display(value), "source": source,
            "evidence": evidence, "note": note}


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
    return make_date(str(year), "inferred from the text", evidence, note)


def attribute_date(record: dict, page_texts: list[str], footer: dict | None, sidecar: dict,
                   override: dict | None) -> dict:
    if override and override.get("date"):
        evidence = [override.get("date_evidence") or "decided by a curator"]
        return make_date(str(override["date"]), "curator (sidecar override)", evidence)
    published = record.get("published") or {}
    m = _PRINTED.match(published.get("date", ""))
    if m:
        value = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
        return make_date(value, "printed with the story", [record["dateline"]["text"]])
    if footer:
        return make_date(footer["date"], "e-paper footer", [f"{footer['paper']} {footer['section']} "
                                                             f"page {int(footer['page'])} {footer['date']}"])
    if sidecar.get("date"):
        return make_date(str(sidecar.get("date")), "sidecar", [sidecar.get("date_evidence") or "given by the curator"])
    inferred = copy.deepcopy(_page_year(tuple(page_texts)))
    return inferred or undated()


@functools.lru_cache(maxsize=4)
def _page_year(page_texts: tuple[str, ...]) -> dict | None:
    """infer_year once per page, not once per story of the page (a page of 2,000 stories was read 2,000 times)."""
    return infer_year(list(page_texts))
