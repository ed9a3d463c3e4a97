"""The ingest report: per source, what was read, what cleaning removed and why, which stories were found,
what was set aside, and every warning with file:line. Markdown, so it reads well in a terminal and on the site."""
from __future__ import annotations

import json

from build_tools.data_files import load_yaml
from build_tools.reference.outlets import outlet_key
from build_tools.ingest.page import claims

SCRIPT_NAMES = {"Hans": "Simplified Chinese", "Hant": "Traditional Chinese (a Simplified copy is kept for "
                "search and attribution)"}


def _cell(text: str, limit: int = 60) -> str:
    text = " ".join(str(text).split()).replace("|", "\\|")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _span(lines: list[int]) -> str:
    return f"{lines[0]}–{lines[-1]}" if len(lines) > 1 else str(lines[0])


def ingest_report(catalog) -> str:
    outlets = load_yaml("outlets.yaml")
    pages = catalog.pages
    total_aside = sum(len(p.cleaning) + len(p.set_aside) for p in pages)
    warnings = [w for p in pages for w in p.warnings]
    out = [
        "# Ingest report", "",
        f"{len(pages)} sources, {len(catalog.articles)} stories, {total_aside} lines set aside, "
        f"{len(warnings)} warnings.", "",
        "Every non-blank line of every source is in exactly one story, in a page banner or footer, "
        "or in a *Set aside* table below with the reason.", "",
    ]
    skipped = getattr(catalog, "skipped", [])
    if skipped:
        out[2] = out[2].rstrip(".") + f", {len(skipped)} files in the sources folder not read."
        out += ["## Files not read", "", "| file | why |", "|---|---|"]
        # the name in quotes, exactly: a space at its end is one of the reasons
        out += [f"| {_cell(json.dumps(name, ensure_ascii=False), 10**6)} | {_cell(why, 10**6)} |"
                for name, why in skipped] + [""]
    if warnings:
        out += ["## Warnings", ""] + [f"- {_cell(w, 200)}" for w in warnings] + [""]
    for page in pages:
        info = page.sidecar
        key, how = outlet_key(info)
        outlet = outlets.get(key, {})
        non_blank = sum(1 for ln in page.lines if ln.raw.strip())
        out += [f"## {page.path}", ""]
        out += [
            f"- Encoding: {page.encoding}; line endings: {page.line_ending}; "
            f"{len(page.lines)} lines, {non_blank} with text",
            f"- Script: {SCRIPT_NAMES[page.script]}",
            f"- Layout: {page.layout}",
            f"- Outlet: {outlet.get('zh', '—')} {('(' + outlet['en'] + ')') if outlet else '(unknown: name it in the sidecar)'}"
            + (" (read from the page's address)" if how == "address" else "")
            + (f", via {outlets[info.get('via')]['zh']}" if info.get("via") else ""),
        ]
        if info.get("date"):
            out.append(f"- Date (sidecar): {info.get('date')}")
        if info.get("date_evidence"):
            out.append(f"- Date evidence (sidecar): {_cell(info.get('date_evidence'), 300)}")
        if page.normalised:
            out.append(f"- Punctuation: {page.normalised} ASCII marks between Chinese characters shown full-width")
        if page.banner:
            out.append("- Page banner: " + " / ".join(_cell(e.text) for e in page.banner)
                       + f" (lines {_span([n for e in page.banner for n in e.lines])})")
        if page.label:
            out.append(f"- E-paper section label: page {page.label['page']}, {page.label['section']} "
                       f"(line {page.label['lines'][0]})")
        if page.site_names:
            out.append("- Site named by its furniture: " + ", ".join(sorted({s.name for s in page.site_names})))
        footer = page.footer
        if footer:
            out.append(f"- E-paper footer: {footer['paper']}, {footer['section']}, page {int(footer['page'])}, "
                       f"{footer['date']} (line {footer['lines'][0]})")
        if info.corrections:
            out.append(f"- Curator's corrections applied: {len(info.corrections)}")
        out.append("")
        out += ["### Stories", "", "| identifier | lines | headline | bylines | flags |", "|---|---|---|---|---|"]
        for a in page.articles:
            lines = a.lines()
            bylines = ", ".join(f"{b.name} ({b.role_zh})" for b in a.bylines)
            out.append(f"| `{a.id}` | {lines[0]}–{lines[-1]} | {_cell(a.headline.text if a.headline else '—')} "
                       f"| {_cell(bylines, 40)} | {', '.join(a.flags)} |")
        out.append("")
        aside = sorted(page.cleaning + page.set_aside, key=lambda s: s.line)
        if aside:
            out += ["### Set aside", "", "| line | reason | text |", "|---|---|---|"]
            # the whole line: a set-aside line is only in the report, so the report keeps all of it
            out += [f"| {s.line} | {_cell(s.reason, 80)} | {_cell(s.text, 10**9)} |" for s in aside]
            out.append("")
        if page.trimmed:
            out += ["### Cut from lines", "", "Text removed from inside a line (the rest of the line is shown), with the "
                    "reason.", "", "| line | reason | text cut |", "|---|---|---|"]
            out += [f"| {s.line} | {_cell(s.reason, 80)} | {_cell(s.text, 200)} |" for s in page.trimmed]
            out.append("")
        owners = claims(page)
        doubled = sorted(n for n, o in owners.items() if len(set(o)) > 1)
        if doubled:
            out += [f"**Lines claimed twice:** {', '.join(map(str, doubled))}", ""]
    return "\n".join(out).rstrip() + "\n"
