"""The story pages and their citation files, made source by source, in worker processes when the archive is large.

Each story page (its view, its citations, its Markdown) depends only on the story records, the translation memory
and what the write stage computed before (listing items, release history, reprints), none of which changes while
the pages are made; so past POOL_MIN stories the sources are shared out among forked worker processes (ARCHIVE_
WRITE_JOBS, default: the machine's cores), each of which sees that state as it was when forked. The results come
back in the sources' order and are checked and merged here, so the pages are the ones one process makes
(tests/test_write_pages.py compares them). Citations a worker formatted go back to the parent's citation cache. A
batch that fails in a worker is made again here, in this process, so that its error is raised as it would be
without workers, naming its file and line."""
from __future__ import annotations

import multiprocessing
import os

from build_tools.errors import ArchiveError, SidecarError
from build_tools.write import citations
from build_tools.write.render import render
from build_tools.write.urls import doc_path
from build_tools.write.views import story_view

POOL_MIN = 400           # stories; below it, starting workers costs more than it saves
SOURCES_PER_TASK = 8

_JOB: dict = {}          # what the workers read: set before they are forked


def workers() -> int:
    wanted = os.environ.get("ARCHIVE_WRITE_JOBS")
    if wanted:
        if not wanted.strip().isdigit():
            raise ArchiveError("ARCHIVE_WRITE_JOBS", f"{wanted!r} is not a number of processes",
                               hint="set it to a whole number (1: no worker processes), or unset it for the cores")
        return max(1, int(wanted))
    return os.cpu_count() or 1


def _source(index: int) -> list[tuple[str, str, int, str, dict[str, str]]]:
    """The pages of one source's stories: (story id, source file, its line, its address, {file: text})."""
    job = _JOB
    source = job["sources"][index]
    siblings = [job["items"][i] for i in source["stories"]]
    out = []
    for record in job["by_source"].get(source["file"], ()):
        view = story_view(record, job["translate"], siblings, source["sidecar"].get("url"))
        view["outlet_name"] = (record["outlet"] or {}).get("en", "unknown outlet")
        view["follow"] = job["follow"].story(record["id"])
        formats = view["cite"]["formats"]
        out.append((record["id"], source["file"], record["source"]["anchor"], view["url"], {
            doc_path(view["url"]): render("story.md.j2", story=view),
            view["url"] + "cite.bib": formats["bibtex"],
            view["url"] + "cite-plain.bib": formats["bibtex_plain"],
            view["url"] + "cite.ris": formats["ris"],
            view["url"] + "cite.json": formats["csl"] + "\n"}))
    return out


def _task(indices: list[int]):
    """In a worker: the pages of some sources, and the citations formatted for them."""
    try:
        made = [_source(i) for i in indices]
    except Exception:                    # made again in the parent, which raises it as it should
        return "failed", indices, None
    return "ok", made, citations.take_new()


def story_pages(sources: list[dict], by_source: dict, items: dict, translate, follow, stories: list[dict],
                pages: dict[str, str], bibliography: list[str]) -> None:
    """Every story's page and citation files into `pages` (and its BibTeX into `bibliography`), source by source."""
    _JOB.update(sources=sources, by_source=by_source, items=items, translate=translate, follow=follow)
    try:
        n = workers()
        if n > 1 and len(stories) >= POOL_MIN and "fork" in multiprocessing.get_all_start_methods():
            tasks = [list(range(i, min(i + SOURCES_PER_TASK, len(sources))))
                     for i in range(0, len(sources), SOURCES_PER_TASK)]
            with multiprocessing.get_context("fork").Pool(n) as pool:
                for status, made, new in pool.imap(_task, tasks):
                    if status == "failed":
                        made = [_source(i) for i in made]
                    else:
                        citations.add_new(new)
                    for results in made:
                        _merge(results, stories, pages, bibliography)
        else:
            for i in range(len(sources)):
                _merge(_source(i), stories, pages, bibliography)
    finally:
        _JOB.clear()


def _merge(results, stories, pages, bibliography) -> None:
    for sid, file, anchor, url, files in results:
        if doc_path(url) in pages:      # one page per identifier: never one story over another
            first = next(r for r in stories if r["id"] == sid)
            raise SidecarError(file, f"story {sid} at line {anchor} has the identifier of the story at "
                                     f"{first['source']['file']}:{first['source']['anchor']}", line=anchor,
                               hint="two stories cannot share an identifier; fix the stories: registers")
        pages.update(files)
        bibliography.append(files[url + "cite.bib"])
