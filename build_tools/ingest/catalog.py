"""The catalog: one JSON record per story, plus one per source page. Written sorted, so it is reproducible."""
from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from build_tools.data_files import load_yaml
from build_tools.files import write_if_changed


def _element(e):
    return None if e is None else {"text": e.text, "simplified": e.simplified, "lines": e.lines}


def article_record(article, page) -> dict:
    outlets = load_yaml("outlets.yaml")
    info = page.sidecar
    outlet_key = info.get("outlet")
    return {
        "id": article.id,
        "url": f"stories/{article.id}/",
        "source": {"file": page.path, "sha256": page.sha256, "lines": [article.lines()[0], article.lines()[-1]],
                   "anchor": article.anchor},
        "outlet": {"key": outlet_key, **outlets.get(outlet_key, {})} if outlet_key else None,
        "via": {"key": info.get("via"), **outlets[info.get("via")]} if info.get("via") else None,
        "script": article.script,
        "page_banner": " / ".join(e.text for e in page.banner) or None,
        "kicker": _element(article.kicker),
        "headline": _element(article.headline),
        "subheadline": _element(article.subheadline),
        "column": _element(article.column),
        "dateline": _element(article.dateline),
        "published": article.published,
        "bylines": [asdict(b) for b in article.bylines],
        "body": [{"kind": e.kind, **_element(e)} for e in article.body],
        "captions": [_element(e) for e in article.captions],
        "flags": list(article.flags),
        "content_hash": article.content_hash,
        "attribution": article.attribution,
    }


def catalog_records(catalog) -> dict:
    stories = [article_record(a, p) for p in catalog.pages for a in p.articles]
    pages = [{
        "file": p.path, "sha256": p.sha256, "encoding": p.encoding, "line_ending": p.line_ending,
        "script": p.script, "layout": p.layout, "sidecar": {k: v for k, v in p.sidecar.data.items() if k != "stories"},
        "banner": [_element(e) for e in p.banner], "footer": p.footer,
        "set_aside": [asdict(s) for s in sorted(p.cleaning + p.set_aside, key=lambda s: s.line)],
        "stories": [a.id for a in p.articles],
    } for p in catalog.pages]
    return {"sources": pages, "stories": stories}


def write_catalog(catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(catalog_records(catalog), ensure_ascii=False, indent=1, sort_keys=True, default=str)
    write_if_changed(path, text + "\n")
