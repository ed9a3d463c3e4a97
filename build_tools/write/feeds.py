"""Atom feeds (feedgen): the whole archive (`all/feed.xml`) and every place, theme and year page (`feed.xml`
beside the page). An entry is a story in both languages: the headline in English and Chinese, the Chinese opening
paragraph and the English gist (a curator's summary, else the English of its first sentence from the translation
memory: build_tools/write/gist.py; else "English pending"). Entries are dated by when the story entered the archive: the date of the first release holding it
(releases/*.json), else the build's SOURCE_DATE_EPOCH. Nothing reads the clock, so feeds are byte-reproducible.
Every text goes through lxml (feedgen), which escapes it; characters XML cannot carry are dropped first.
"""
from __future__ import annotations

import datetime as dt
import html
import re

from feedgen.feed import FeedGenerator

from build_tools.settings import SITE_URL
from build_tools.write.gist import PENDING, lede_english, story_gist

FEED_NAME = "feed.xml"
ARCHIVE_FEED = "all/" + FEED_NAME
FEED_LIMIT = 50                 # newest entries per feed; the dataset and the lists hold everything
ARCHIVE = "Zhejiang Trade Union News Archive · 浙江工会新闻档案"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str | None) -> str:
    return _NOT_XML.sub("", text or "")


def english_gist(zh: str | None, memory) -> str:
    """The English of a paragraph's first sentence (build_tools/write/gist.py), else "English pending"."""
    found = lede_english(zh, memory)
    return found["en"] if found else PENDING


def _when(date: str) -> dt.datetime:
    return dt.datetime.fromisoformat(date).replace(tzinfo=dt.timezone.utc)


def feed_entry(record: dict, item: dict, memory, since: str, updated: str) -> dict:
    """One story as a feed entry (plain data; the feed writer escapes it)."""
    first = next((e["text"] for e in record["body"] if e["kind"] != "section_head"), None)
    gist = item.get("gist") or story_gist(record, memory)
    outlet = record.get("outlet") or {}
    return {"id": record["id"], "url": SITE_URL + item["url"], "zh": item["zh"], "en": item["en"],
            "first_zh": first or "", "gist": gist["en"] if gist else PENDING, "since": since, "updated": updated,
            "date": item["date"], "date_sort": item["date_sort"], "place": item["place"], "themes": item["themes"],
            "outlet": " · ".join(x for x in (outlet.get("en"), outlet.get("zh")) if x) or "Unknown outlet",
            "lang": item["lang"]}


def newest_entries(entries: list[dict]) -> list[dict]:
    return sorted(entries, key=lambda e: (e["since"], e["date_sort"], e["id"]), reverse=True)[:FEED_LIMIT]


def atom_feed(page_url: str, title: str, entries: list[dict], fallback_date: str) -> str:
    """The Atom document for one list page (page_url like 'themes/skills/')."""
    entries = newest_entries(entries)
    fg = FeedGenerator()
    fg.id(SITE_URL + page_url)
    fg.title(xml_text(f"{title} — {ARCHIVE}"))
    fg.author({"name": "Zhejiang Trade Union News Archive"})
    fg.link(href=SITE_URL + page_url, rel="alternate", type="text/html")
    fg.link(href=SITE_URL + page_url + FEED_NAME, rel="self", type="application/atom+xml")
    fg.language("en")
    fg.generator("build_tools.write.feeds (python-feedgen)")
    fg.subtitle("Stories as they enter the archive, in Chinese and English")
    fg.updated(_when(max([e["updated"] for e in entries], default=fallback_date)))
    for e in entries:
        fe = fg.add_entry(order="append")
        fe.id(e["url"])
        fe.title(xml_text(f"{e['en']} · {e['zh']}" if e["en"] else e["zh"]))
        fe.link(href=e["url"], rel="alternate", type="text/html")
        fe.published(_when(e["since"]))
        fe.updated(_when(e["updated"]))
        fe.author({"name": xml_text(e["outlet"])})
        for t in e["themes"]:
            fe.category(term=t["slug"], label=xml_text(f"{t['en']} · {t['zh']}"))
        fe.summary(xml_text(e["gist"]))
        body = (f'<p lang="{e["lang"]}">{html.escape(e["first_zh"])}</p>'
                f'<p lang="en">{html.escape(e["gist"])}</p>'
                f'<p lang="en">{html.escape(e["date"])} · {html.escape(e["place"]["en"])} · '
                f'{html.escape(e["outlet"])}</p>')
        fe.content(xml_text(body), type="html")
    return fg.atom_str(pretty=True).decode("utf-8")
