"""Data for researchers: the whole catalog as CSV and JSON (one row per story), and all citations as one BibTeX
file. The columns are documented in docs/method.md and in build_tools/data/catalog.schema.json."""
from __future__ import annotations

import csv
import io
import json

from build_tools.settings import SITE_URL

COLUMNS = ["id", "url", "date", "date_precision", "place_id", "place_en", "place_zh", "city_en", "themes",
           "headline_zh", "headline_en", "people", "outlet_zh", "outlet_en", "source_file", "source_lines"]


def catalog_rows(stories: list[dict], items: dict[str, dict]) -> list[dict]:
    rows = []
    for r in sorted(stories, key=lambda s: s["id"]):
        at, item = r["attribution"], items[r["id"]]
        place = item["place"]
        rows.append({
            "id": r["id"], "url": SITE_URL + item["url"], "date": at["date"]["value"] or "",
            "date_precision": at["date"]["precision"], "place_id": place["id"] or "", "place_en": place["en"],
            "place_zh": place["zh"], "city_en": (place["city"] or {}).get("en", place["en"] if place["level"] == "city" else ""),
            "themes": ";".join(t["slug"] for t in at["themes"]),
            "headline_zh": item["zh"], "headline_en": item.get("en_raw", item["en"]) or "",
            "people": ";".join(f"{p['pinyin']} {p['name']} ({p['role']})" for p in at["people"]),
            "outlet_zh": (r["outlet"] or {}).get("zh", ""), "outlet_en": (r["outlet"] or {}).get("en", ""),
            "source_file": r["source"]["file"], "source_lines": f"{r['source']['lines'][0]}-{r['source']['lines'][1]}",
        })
    return rows


# A spreadsheet reads a cell that starts with one of these as a formula (=HYPERLINK(…), +cmd|…, @SUM(…)); OWASP's
# advice for CSV injection: put a ' before it, so the cell is text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A cell a spreadsheet shows as the text it is: on one line (a bare CR would split the row, the csv module
    does not quote it), and with a ' before anything that would start a formula."""
    if not isinstance(value, str):
        return value
    value = " ".join(value.split())
    return "'" + value if value.startswith(FORMULA_START) else value


def exports(stories: list[dict], items: dict[str, dict], bibliography: list[str]) -> dict[str, str]:
    rows = catalog_rows(stories, items)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: spreadsheet_safe(v) for k, v in row.items()} for row in rows)
    return {
        "data/catalog.csv": out.getvalue(),
        "data/catalog.json": json.dumps({"columns": COLUMNS, "stories": rows}, ensure_ascii=False, indent=1) + "\n",
        "data/archive.bib": "\n".join(sorted(bibliography)),
    }
