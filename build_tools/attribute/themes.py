"""Themes: one to three ranked themes per story, from the keyword rules in build_tools/data/themes.yaml."""
from __future__ import annotations

from build_tools.reference.themes import taxonomy

TITLE_FIELDS = ("headline", "kicker", "subheadline")


def attribute_themes(record: dict) -> list[dict]:
    rules = taxonomy()
    title = " ".join(record[k]["simplified"] for k in TITLE_FIELDS if record.get(k))
    body = " ".join(e["simplified"] for e in record["body"]) + " ".join(c["simplified"] for c in record["captions"])
    scored = []
    for t in rules["themes"]:
        score, hits = 0, []
        for kw in t["keywords"]:
            in_title = title.count(kw)
            in_body = min(body.count(kw), rules["body_cap"])
            if in_title or in_body:
                score += in_title * rules["title_weight"] + in_body
                hits.append(kw)
        if score:
            scored.append({"slug": t["slug"], "score": score, "keywords": hits})
    scored.sort(key=lambda s: (-s["score"], s["slug"]))
    if not scored:
        return []
    best = scored[0]["score"]
    kept = [s for s in scored if s["score"] >= rules["min_score"] and s["score"] >= rules["relative"] * best]
    return (kept or scored[:1])[: rules["max_themes"]]
