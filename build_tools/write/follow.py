"""What lets readers follow and reuse the archive, joined to the page writer by three calls from pages.py:
`Follow(records, …)` once (release history, withdrawals, reprints), `follow.story(id)` for each story page, and
`follow.pages(…)` for the files it adds (Atom feeds, the changelog, withdrawal notices, the full-text dataset)."""
from __future__ import annotations

from build_tools.records import story_url
from build_tools.reference.gazetteer import PROVINCE_WIDE, load_gazetteer
from build_tools.reference.themes import theme
from build_tools.write import feeds, releases
from build_tools.write.dataset import dataset_files
from build_tools.write.render import render
from build_tools.write.reprints import find_reprints
from build_tools.write.urls import doc_path, place_url, theme_url, year_url

CHANGES_URL = "releases/"


class Follow:
    def __init__(self, records: dict, memory, translate, withdrawn: dict[str, str] | None = None):
        self.records = {r["id"]: r for r in records["stories"]}
        self.memory = memory
        self.translate = translate
        self.withdrawn = withdrawn or {}
        self.history = releases.History(releases.load_releases())
        self.fallback = releases.build_epoch_date()
        self.hashes = {sid: releases.story_hashes(r, translate) for sid, r in self.records.items()}
        self.reprints = find_reprints(list(self.records.values()))

    def since(self, sid: str) -> str:
        """When the story entered the archive: its first release, else the build's date."""
        entered = self.history.of(sid).entered
        return entered["date"] if entered else self.fallback

    def updated(self, sid: str) -> str:
        changes = self.history.of(sid).changes
        return max([self.since(sid)] + [c["date"] for c in changes])

    def story(self, sid: str) -> dict:
        """The extra parts of a story page: its history, the release to cite, reprints elsewhere."""
        h = releases.story_history_view(sid, self.history, self.hashes[sid])
        return {"history": h, "changes_url": CHANGES_URL, "anchor": releases.anchor,
                "reprints": self.reprints.get(sid, [])}

    def pages(self, items: dict, by_place: dict, by_theme: dict, by_year: dict, pages: dict[str, str],
              entities: dict | None = None) -> dict[str, str]:
        """The files this adds to the site; `pages` holds the generated pages so far (the exports among them);
        `entities`: the union bodies, enterprises and people with a page of their own, each of which gets a feed."""
        out: dict[str, str] = {}
        entries = {sid: feeds.feed_entry(self.records[sid], item, self.memory, self.since(sid), self.updated(sid))
                   for sid, item in items.items()}
        lists = list(self.lists(by_place, by_theme, by_year))
        lists += [(e["url"], f"{e['en']} {e['zh']}", [s for s in e["stories"] if s["id"] in entries])
                  for e in sorted((entities or {}).values(), key=lambda e: e["url"]) if e.get("url")]
        for url, title, listed in lists:
            out[url + feeds.FEED_NAME] = feeds.atom_feed(url, title, [entries[i["id"]] for i in listed],
                                                         self.fallback)
        out.update(self.changelog_pages())
        out.update(self.withdrawal_pages())
        out.update(dataset_files(list(self.records.values()), items, self, pages))
        return out

    @staticmethod
    def lists(by_place: dict, by_theme: dict, by_year: dict):
        """(page address, title, stories) of every list page that has a feed."""
        g = load_gazetteer()
        everything = [i for listed in by_year.values() for i in listed]
        yield "all/", "All stories 全部", everything
        for key, listed in sorted(by_place.items(), key=lambda kv: str(kv[0])):
            if not listed:
                continue
            if key == "unplaced":
                url, title = place_url(None), "Unplaced 地点未定"
            elif key == PROVINCE_WIDE:
                url, title = place_url(key), "Zhejiang (province-wide) 浙江省（全省）"
            else:
                url, title = place_url(key), f"{g[key].en} {g[key].zh}"
            if url:
                yield url, title, listed
        for slug, listed in sorted(by_theme.items()):
            if listed:
                t = theme(slug)
                yield theme_url(slug), f"{t['en']} {t['zh']}", listed
        for year, listed in sorted(by_year.items(), key=lambda kv: kv[0] or ""):
            if listed:
                yield year_url(year), year or "Undated", listed

    def changelog_pages(self) -> dict[str, str]:
        rels = []
        for rel in reversed(self.history.releases):
            ch = rel.get("changes", {})

            def title(sid, rel=rel):
                r = self.records.get(sid)
                if r is not None and r.get("headline"):
                    return r["headline"]["text"]
                return (rel["stories"].get(sid) or {}).get("headline") or sid
            rels.append({"version": rel["version"], "date": rel.get("date", ""), "anchor": releases.anchor(rel["version"]),
                         "count": len(rel["stories"]), "previous": rel.get("previous"),
                         "added": [{"id": i, "url": story_url(i), "zh": title(i)} for i in ch.get("added", [])],
                         "changed": [{"id": i, "url": story_url(i), "zh": title(i), "parts": p}
                                     for i, p in sorted(ch.get("changed", {}).items())],
                         "withdrawn": [{"id": i, "url": story_url(i), "zh": title(i), "reason": why}
                                       for i, why in sorted(ch.get("withdrawn", {}).items())]})
        return {doc_path(CHANGES_URL): render("releases.md.j2", releases=rels, url=CHANGES_URL)}

    def withdrawal_pages(self) -> dict[str, str]:
        """A notice at the address of every withdrawn story (withdrawn by a curator, or gone from the sources
        after a release held it): the address never becomes a 404."""
        out = {}
        gone = (set(self.withdrawn) | self.history.ever_released()) - set(self.records)
        for sid in sorted(gone):
            h = self.history.of(sid)
            last = h.last
            reason = self.withdrawn.get(sid) or (h.withdrawn or {}).get("reason") or \
                "no longer in the archive's sources"
            headline = None
            if last:
                rel = next(r for r in self.history.releases if r["version"] == last["version"])
                headline = rel["stories"][sid].get("headline")
            url = story_url(sid)
            out[doc_path(url)] = render("withdrawn.md.j2", story={
                "id": sid, "url": url, "reason": reason, "headline": headline, "last": last,
                "last_anchor": releases.anchor(last["version"]) if last else None, "changes_url": CHANGES_URL})
        return out
