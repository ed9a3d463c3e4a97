"""The `archive` command: a thin layer over build_tools.pipeline. Same verbs as the Makefile and the README."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from build_tools import evaluation, pipeline, settings
from build_tools.errors import ArchiveError
from build_tools.site_build.build import build_site
from build_tools.site_build.jobs import Runner


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="archive", description="Build the Zhejiang Trade Union News Archive.")
    sub = parser.add_subparsers(dest="command", required=True)

    def out(p):
        p.add_argument("--out", type=Path, default=settings.BUILD,
                       help="where the catalog and reports go (default: build/)")

    def common(p):
        p.add_argument("--sources", type=Path, default=settings.SOURCES, help="folder of source pages (default: sources/)")
        out(p)
        p.add_argument("--no-record", action="store_true",
                       help="do not write newly minted identifiers into the sidecars")
        p.add_argument("--no-corrections", action="store_true",
                       help="ignore the sidecars' segmentation corrections (to measure the automatic segmenter)")

    def memory(p):
        p.add_argument("--translations", type=Path, default=settings.TRANSLATIONS,
                       help="the translation memory (default: translations/)")

    def docs(p):
        p.add_argument("--docs", type=Path, default=settings.DOCS, help="MkDocs docs folder (default: docs/)")

    common(sub.add_parser("ingest", help="read and segment the sources; write the catalog and the ingest report"))
    common(sub.add_parser("attribute", help="ingest, then give every story its place, themes, date and people; "
                                            "write the catalog and the attribution report"))
    translate = sub.add_parser("translate", help="translate what the translation memory lacks for the stories of "
                                                 "the catalog (build/catalog.json) with the installed model; write "
                                                 "the translation report")
    write = sub.add_parser("write", help="write the Markdown pages of the site into docs/ from the catalog "
                                         "(build/catalog.json) and the translation memory")
    build = sub.add_parser("build", help="ingest, attribute, translate what the memory lacks, and write the Markdown "
                                         "pages of the site into docs/")
    for p in (translate, write):
        out(p)
        memory(p)
    common(build)
    memory(build)
    docs(write)
    docs(build)
    build.add_argument("--no-cache", action="store_true",
                       help="read, attribute and write everything again, even if nothing changed since the last build")
    translate.add_argument("--dask", metavar="SCHEDULER",
                           help="spread the translation over a Dask cluster (e.g. tcp://10.0.0.5:8786); "
                                "every worker needs the model installed at the same path")
    translate.add_argument("--retranslate", action="store_true",
                           help="translate again every sentence whose English is machine output (a new model); "
                                "reference and reviewed English is never replaced")
    release = sub.add_parser("release", help="record a release of the corpus: releases/VERSION.json (every story's "
                                             "hashes, the changes since the last release) and releases/CHANGELOG.md")
    common(release)
    release.add_argument("version", help="the release's name, e.g. 2026.2")
    release.add_argument("--translations", type=Path, default=settings.TRANSLATIONS,
                         help="the translation memory (default: translations/)")
    release.add_argument("--releases", type=Path, default=None, help="release records (default: releases/)")
    release.add_argument("--date", default=None, help="the release date, YYYY-MM-DD (default: SOURCE_DATE_EPOCH's "
                                                      "date if set, else today in UTC)")
    site = sub.add_parser("site", help="build the site from docs/ with MkDocs: one build up to the shard size, "
                                       "shards above it (see README, Sharded at scale)")
    out(site)
    docs(site)
    site.add_argument("--site-dir", type=Path, default=settings.SITE, help="where the site goes (default: site/)")
    site.add_argument("--config-file", type=Path, default=settings.ROOT / "mkdocs.yml", help="default: mkdocs.yml")
    site.add_argument("--shard-size", type=int, default=None,
                      help=f"story pages per build (default: ARCHIVE_SHARD_SIZE, else {settings.SHARD_SIZE:,})")
    site.add_argument("--jobs", type=int, default=None, help="builds at a time on this machine (default: the cores)")
    site.add_argument("--dask", metavar="SCHEDULER", help="run the builds on a Dask cluster (e.g. tcp://10.0.0.5:8786); "
                                                          "every worker must see the same folders")
    site.add_argument("--dirty", action="store_true",
                      help="one build: `mkdocs build --dirty` (only the changed pages rendered) where that gives the "
                           "site a clean build gives, else a clean build (see README, Speed)")
    site.add_argument("--check-links", action=argparse.BooleanOptionalAction, default=None,
                      help="check every internal link of the built site (default: on for a sharded build)")
    evaluate = sub.add_parser("eval", help="score headlines, dates, places and story counts against a gold file "
                                           "(default: the development corpus in tests/data/pages/)")
    evaluate.add_argument("--sources", type=Path, default=None, help="folder of pages (default: tests/data/pages/)")
    evaluate.add_argument("--gold", type=Path, default=None, help="gold file or folder of gold*.yaml "
                                                                   "(default: the --sources folder)")
    evaluate.add_argument("--quiet", action="store_true", help="scores only, no list of misses")
    evaluate.add_argument("--heldout-misses", action="store_true",
                          help="also list the misses of the held-out split (reading them spoils it as a test)")
    args = parser.parse_args(argv)
    if args.command == "eval":
        try:
            tallies = evaluation.evaluate(args.sources or evaluation.DEV_CORPUS, args.gold)
        except ArchiveError as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
        print(evaluation.render(tallies, misses=not args.quiet, heldout_misses=args.heldout_misses))
        if args.sources is None and args.gold is None:
            print("\n" + evaluation.render_entities(misses=not args.quiet))
        return 0
    if args.command == "site":
        return _site(args)
    options = {k: getattr(args, k) for k in ("sources", "out", "docs", "translations", "dask", "retranslate")
               if getattr(args, k, None) is not None}
    run = settings.Settings(**options, record=not getattr(args, "no_record", False),
                            use_corrections=not getattr(args, "no_corrections", False), progress=_progress,
                            cache=not getattr(args, "no_cache", False))
    catalog = None
    try:
        if args.command == "release":
            rel = pipeline.run_release(args.version, run, args.releases, args.date)
            ch = rel["changes"]
            print(f"release {rel['version']} ({rel['date']}): {len(rel['stories'])} stories; {len(ch['added'])} added, "
                  f"{len(ch['changed'])} changed, {len(ch['withdrawn'])} withdrawn since "
                  f"{rel['previous'] or 'the beginning'}", file=sys.stderr)
            return 0
        if args.command in ("ingest", "attribute"):
            catalog, _ = pipeline.run_ingest(run, attribute_stories=args.command == "attribute")
        elif args.command in ("translate", "write"):
            if not run.catalog_file.exists():
                raise ArchiveError(run.catalog_file, "no catalog to start from",
                                   hint="run `archive attribute` first (or `archive build` for every stage)")
            if args.command == "translate":
                pipeline.check_translations(run.translations)
            records = pipeline.load_records(run)
            if args.command == "translate":
                pipeline.run_translate(records, run)
            else:
                pipeline.run_write(records, run)
            print(f"{len(records.stories)} stories (catalog: {run.catalog_file})", file=sys.stderr)
        else:
            catalog = pipeline.build(run)
    except ArchiveError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except OSError as err:      # a full disk, a file that cannot be written: the files written so far are whole
        where = f"{err.filename}: " if err.filename else ""
        print(f"error: {where}{err.strerror or err}\n  → the files written before this one are complete; free "
              f"the space (or fix the permissions) and run the command again", file=sys.stderr)
        return 2
    if catalog is not None:
        warnings = sum(len(p.warnings) for p in catalog.pages)
        skipped = f", {len(catalog.skipped)} files not read" if catalog.skipped else ""
        print(f"{len(catalog.pages)} sources, {len(catalog.articles)} stories, {warnings} warnings{skipped} "
              f"(report: {args.out / settings.INGEST_REPORT})", file=sys.stderr)
        if catalog.minted:
            print(f"minted {len(catalog.minted)} new identifiers"
                  + ("" if args.no_record else " and recorded them in the sidecars"), file=sys.stderr)
    return 0


def _site(args) -> int:
    runner = Runner(dask=args.dask) if args.dask else Runner(**({"workers": args.jobs} if args.jobs else {}))
    try:
        report = build_site(args.docs, args.site_dir, args.out, args.config_file, shard_size=args.shard_size,
                            runner=runner, dirty=args.dirty, check_links=args.check_links, progress=_progress)
    except (ArchiveError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    peak = max((j["peak_rss_mb"] for j in report.get("jobs", [])), default=0)
    if report.get("why") == "nothing changed":
        print(f"site: {report['stories']} stories, nothing changed: no build ({report['seconds']:.1f} s) → "
              f"{args.site_dir}", file=sys.stderr)
        return 0
    print(f"site: {report['stories']} stories, {len(report['shards'])} build(s) of stories, {report['seconds']:.1f} s, "
          f"peak memory of a build {peak:,.0f} MB → {args.site_dir} (report: {args.out / 'site-build.json'})",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
