"""The `archive` command: a thin layer over build_tools.pipeline. Same verbs as the Makefile and the README."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from build_tools import pipeline, settings
from build_tools.errors import ArchiveError


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="archive", description="Build the Zhejiang Trade Union News Archive.")
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p):
        p.add_argument("--sources", type=Path, default=settings.SOURCES, help="folder of source pages (default: sources/)")
        p.add_argument("--out", type=Path, default=settings.BUILD, help="where the catalog and reports go (default: build/)")
        p.add_argument("--no-record", action="store_true",
                       help="do not write newly minted identifiers into the sidecars")
        p.add_argument("--no-corrections", action="store_true",
                       help="ignore the sidecars' segmentation corrections (to measure the automatic segmenter)")

    common(sub.add_parser("ingest", help="read and segment the sources; write the catalog and the ingest report"))
    common(sub.add_parser("attribute", help="ingest, then give every story its place, themes, date and people; "
                                            "write the attribution report"))
    translate = sub.add_parser("translate", help="ingest and attribute, then translate what the translation memory "
                                                 "lacks with the installed model; write the translation report")
    build = sub.add_parser("build", help="ingest, attribute, translate what the memory lacks, and write the Markdown "
                                         "pages of the site into docs/")
    for p in (translate, build):
        common(p)
        p.add_argument("--translations", type=Path, default=settings.TRANSLATIONS,
                       help="the translation memory (default: translations/)")
    translate.add_argument("--dask", metavar="SCHEDULER",
                           help="spread the translation over a Dask cluster (e.g. tcp://10.0.0.5:8786); "
                                "every worker needs the model installed at the same path")
    translate.add_argument("--retranslate", action="store_true",
                           help="translate again every sentence whose English is machine output (a new model); "
                                "reference and reviewed English is never replaced")
    build.add_argument("--docs", type=Path, default=settings.DOCS, help="MkDocs docs folder (default: docs/)")
    evaluate = sub.add_parser("eval", help="score headlines, dates, places and story counts against a gold file "
                                           "(default: the development corpus in tests/data/pages/)")
    evaluate.add_argument("--sources", type=Path, default=None, help="folder of pages (default: tests/data/pages/)")
    evaluate.add_argument("--gold", type=Path, default=None, help="gold file or folder of gold*.yaml "
                                                                   "(default: the --sources folder)")
    evaluate.add_argument("--quiet", action="store_true", help="scores only, no list of misses")
    args = parser.parse_args(argv)
    if args.command == "eval":
        from build_tools import evaluation

        try:
            tallies = evaluation.evaluate(args.sources or evaluation.DEV_CORPUS, args.gold)
        except ArchiveError as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
        print(evaluation.render(tallies, misses=not args.quiet))
        if args.sources is None and args.gold is None:
            print("\n" + evaluation.render_entities(misses=not args.quiet))
        return 0
    try:
        if args.command in ("ingest", "attribute", "translate"):
            catalog = pipeline.run_ingest(args.sources, args.out, record=not args.no_record,
                                          use_corrections=not args.no_corrections, progress=_progress,
                                          attribute=args.command != "ingest")
            if args.command == "translate":
                engine = "auto"
                if args.dask:
                    from build_tools.translate.cluster import DaskEngine
                    from build_tools.translate.engine import NoEngine, find_engine

                    local = find_engine()
                    if isinstance(local, NoEngine):
                        raise ArchiveError("translate --dask", f"no translation model: {local.reason}",
                                           hint="install it first: make model")
                    engine = DaskEngine(local, args.dask)
                pipeline.run_translate(catalog, args.out, args.translations, engine=engine,
                                       retranslate=args.retranslate, progress=_progress)
        else:
            catalog = pipeline.run_build(args.sources, args.out, args.docs, record=not args.no_record,
                                         use_corrections=not args.no_corrections, progress=_progress,
                                         translations_dir=args.translations)
    except ArchiveError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    warnings = sum(len(p.warnings) for p in catalog.pages)
    print(f"{len(catalog.pages)} sources, {len(catalog.articles)} stories, {warnings} warnings "
          f"(report: {args.out / settings.INGEST_REPORT})", file=sys.stderr)
    if catalog.minted:
        print(f"minted {len(catalog.minted)} new identifiers"
              + ("" if args.no_record else " and recorded them in the sidecars"), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
