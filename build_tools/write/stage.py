"""The write stage: the site's Markdown pages into docs/, and what search needs (the jieba dictionary in the build
folder, the Traditional → Simplified table for queries in docs/)."""
from __future__ import annotations

from build_tools.records import Records
from build_tools.settings import CITATION_CACHE, JIEBA_DICTIONARY, QUERY_SCRIPT, Settings
from build_tools.translate.memory import Memory
from build_tools.write.citations import cached_in
from build_tools.write.pages import write_site
from build_tools.write.search import write_jieba_dictionary, write_query_script


def search_texts(records: Records) -> list[str]:
    """The Simplified text of every story: its parts, dateline and bylines (the characters a query may use)."""
    texts = []
    for r in records.stories:
        texts += [p.simplified for p in r.parts() if p.key != "page_banner"]     # the banner is the page's
        texts += [r.dateline["simplified"]] if r.dateline else []
        texts += [b.get("name_simplified") or b["name"] for b in r.bylines] + [b["role_zh"] for b in r.bylines]
    return texts


def run(records: Records, settings: Settings, memory: Memory | None = None) -> tuple[int, str]:
    """The stage: write every generated page from the records (English from `memory`, else from
    settings.translations); return how many files changed and a line saying so."""
    memory = memory or Memory.load(settings.translations)
    if settings.cache:
        with cached_in(settings.cache_dir(CITATION_CACHE)) as cache:
            changed = write_site(records, settings.docs, progress=settings.progress, memory=memory)
        settings.say(f"citations: {cache.hits} reused, {cache.misses} formatted")
    else:
        changed = write_site(records, settings.docs, progress=settings.progress, memory=memory)
    names = sorted({n for r in records.stories for b in r.bylines for n in (b["name"], b.get("name_simplified")) if n})
    changed += write_jieba_dictionary(settings.out / JIEBA_DICTIONARY, names, settings.translations)
    changed += write_query_script(settings.docs / QUERY_SCRIPT, search_texts(records))
    report = f"wrote {sum(1 for _ in records.stories)} stories' pages into {settings.docs} ({changed} files changed)"
    return changed, report
