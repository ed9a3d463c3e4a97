"""argostranslate's own translation path, offline, for comparison with our engine (tests, benchmark).

argostranslate 1.11 splits sentences with stanza or MiniSBD, which download models at translate time; here its
sentencizer classes are replaced by ours (`sentences.split_sentences`), so it runs with no network at all.
Everything else is argostranslate's: paragraph by paragraph, 32-token batches, its decoding options.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from build_tools.translate.sentences import split_sentences


class ArchiveSentencizer:
    """Stands in for argostranslate.sbd's sentencizers (same constructor and method)."""

    def __init__(self, pkg):
        self.pkg = pkg

    def split_sentences(self, text: str) -> list[str]:
        return [s for s in split_sentences(text) if s.strip()] or [text]

    def __str__(self):
        return "ArchiveSentencizer"


def argos_translate(packages_dir: Path | None = None) -> Callable[[str], str]:
    """`argostranslate.translate.translate(text, "zh", "en")`, with its sentencizers replaced by ours."""
    os.environ.setdefault("ARGOS_COMPUTE_TYPE", "default")
    if packages_dir:
        os.environ["ARGOS_PACKAGES_DIR"] = str(packages_dir)
    from argostranslate import settings
    from argostranslate import translate as argos

    # settings are read at import; if argostranslate was imported before, set them here
    settings.compute_type = os.environ["ARGOS_COMPUTE_TYPE"]
    if packages_dir:
        settings.package_data_dir = Path(packages_dir)
        settings.package_dirs = [Path(packages_dir)]
    argos.StanzaSentencizer = argos.MiniSBDSentencizer = argos.SpacySentencizerSmall = ArchiveSentencizer
    argos.installed_translates.clear()
    argos.get_installed_languages.cache_clear()

    def translate(text: str) -> str:
        return argos.translate(text, "zh", "en")

    return translate


def _refuse_network() -> None:
    import socket

    def refuse(*args, **kwargs):
        raise OSError("network access is disabled in this process")

    socket.socket.connect = socket.socket.connect_ex = refuse
    socket.create_connection = socket.getaddrinfo = refuse


def main(argv: list[str] | None = None) -> int:
    """`python -m tests.argos_path [--offline] [--install FILE] [--packages DIR] IN.json OUT.json`:
    translate each text of IN.json (a list) with argostranslate's own path and write the list of English."""
    import argparse
    import json
    import time

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--offline", action="store_true", help="refuse every network connection in this process")
    parser.add_argument("--install", type=Path, help="first install this .argosmodel with argostranslate's API")
    parser.add_argument("--packages", type=Path, help="argostranslate's packages folder (ARGOS_PACKAGES_DIR)")
    parser.add_argument("texts", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    if args.offline:
        _refuse_network()
    if args.packages:
        os.environ["ARGOS_PACKAGES_DIR"] = str(args.packages)
    os.environ.setdefault("ARGOS_COMPUTE_TYPE", "default")
    if args.install:
        import argostranslate.package

        argostranslate.package.install_from_path(args.install)
    texts = json.loads(args.texts.read_text(encoding="utf-8"))
    translate = argos_translate(args.packages)
    translate("你好。")                      # loads the model outside the timing (a different text: no cache hit)
    start = time.perf_counter()
    english = [translate(t) for t in texts]
    seconds = time.perf_counter() - start
    from build_tools.files import write_atomic

    write_atomic(args.out, json.dumps({"english": english, "seconds": seconds}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
