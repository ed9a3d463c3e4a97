"""The attribution report: one row per story (place, themes, date with precision, people, evidence), and the
list of places where a curator's decision replaced the automatic one."""
from __future__ import annotations

from build_tools.reference.gazetteer import load_gazetteer, special_place
from build_tools.reference.themes import theme


def place_label(pid: str | None, town: str | None = None) -> str:
    special = special_place(pid)
    if special:
        return special.en
    g = load_gazetteer()
    label = f"{g[pid].en} · {g[pid].zh}"
    if town:
        label += f" ({g[town].en_short} · {g[town].zh})"
    return label


def _cell(text) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def attribution_report(catalog) -> str:
    out = ["# Attribution report", "",
           "Place, themes, date and people of every story, with the evidence. Weights and rules: "
           "`build_tools/data/attribution.yaml`, `themes.yaml`, `gazetteer.yaml`, `people.yaml`.", "",
           "| story | headline | place | themes | date | people | evidence |", "|---|---|---|---|---|---|---|"]
    decisions = []
    for page in catalog.pages:
        for a in page.articles:
            at = a.attribution
            place = at["place"]
            evidence = "; ".join(f"{e['field']}: {e['text']}" for e in place["evidence"][:4])
            date = at["date"]
            date_text = f"{date['display']} ({date['precision']}; {date['source']})"
            if date.get("note"):
                date_text += f", {date['note']}"
            themes = ", ".join(theme(t["slug"])["en"] for t in at["themes"])
            people = ", ".join(f"{p['pinyin']} {p['name']} ({p['role_zh']})" for p in at["people"])
            out.append(f"| `{a.id}` | {_cell(a.headline.text if a.headline else '—')} | "
                       f"{_cell(place_label(place['primary'], place.get('town')))} | {_cell(themes)} | "
                       f"{_cell(date_text)} | {_cell(people) or '—'} | {_cell(evidence) or '—'} |")
            for field in at["corrected"]:
                decisions.append(f"- `{a.id}` {field}: " + {
                    "place": lambda: f"{place_label(place.get('automatic'))} → {place_label(place['primary'])}",
                    "themes": lambda: f"{', '.join(at.get('themes_automatic', []))} → "
                                      f"{', '.join(t['slug'] for t in at['themes'])}",
                    "date": lambda: f"→ {date['display']} ({date['evidence'][0]})",
                    "people": lambda: "→ " + ", ".join(p["pinyin"] for p in at["people"]),
                    "summary": lambda: f"→ {_cell(at['summary']['en'])}",
                }.get(field, lambda: "set by the sidecar")())
    out += ["", "## Curators' decisions", ""]
    out += decisions or ["None: every attribution above is automatic."]
    return "\n".join(out) + "\n"
