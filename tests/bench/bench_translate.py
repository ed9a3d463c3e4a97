"""Benchmark of translation throughput (not a test): `make bench-translate`, or
`python -m tests.bench.bench_translate [--big] [--no-real]`.

The same input and the same model for both paths: every sentence of the 21 seed stories, as the build sends it to
the engine (names, numbers and terms as placeholders).
- ours: `Engine.translate`, every sentence in one `translate_batch` call (2,048-token batches sorted by length,
  inter_threads=2, intra_threads=1 on 2 cores);
- argostranslate's: `argostranslate.translate.translate` called paragraph by paragraph (its own sentence batches of
  32 tokens, inter_threads=1), with its sentencizer replaced by ours so that it runs offline and sees the same
  sentences.
Both with beam 4; model loading is outside the timing. Models: the tests' tiny model, `--big` a random-weight
model of OPUS-MT size (6+6 layers, d=512, 32k vocabulary, int8), and the installed translate-zh_en when there
is one. One run each; figures in segments (sentences) per second and their ratio. Writes build/bench/translate.json.
"""
from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from build_tools.records import catalog_records
from build_tools.ingest.stage import ingest
from build_tools.settings import ROOT, SOURCES
from build_tools.translate.engine import NoEngine, default_packages_dirs, find_engine
from build_tools.translate.glossary import load_glossary
from build_tools.translate.machine import sentence_pairs
from build_tools.translate.sentences import split_sentences
from tests.translate_model import build_model


def seed_paragraphs() -> list[list[str]]:
    """Every part of every seed story as the list of its sentences, protected as the build protects them."""
    glossary = load_glossary()
    out = []
    for record in catalog_records(ingest(SOURCES, record=False))["stories"]:
        for part in record.parts():
            out.append([glossary.protect(simplified).text for _, simplified in sentence_pairs(part)])
    return out


def argos_path(packages: Path, texts: list[str], work: Path, install: Path | None = None) -> dict:
    (work / "in.json").write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    command = [sys.executable, "-m", "tests.argos_path", "--offline", "--packages", str(packages)]
    if install:
        command += ["--install", str(install)]
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(packages), "XDG_DATA_HOME": str(work / "data"),
           "XDG_CONFIG_HOME": str(work / "config"), "XDG_CACHE_HOME": str(work / "cache"),
           "ARGOS_COMPUTE_TYPE": "default"}
    result = subprocess.run(command + [str(work / "in.json"), str(work / "out.json")], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(result.stderr)
    return json.loads((work / "out.json").read_text(encoding="utf-8"))


def measure(label: str, packages: Path, paragraphs: list[list[str]], work: Path, install: Path | None = None) -> dict:
    texts = ["".join(p) for p in paragraphs]
    assert all([s for s in split_sentences(t) if s.strip()] == p for t, p in zip(texts, paragraphs))
    print(f"{label}: argostranslate, paragraph by paragraph …", file=sys.stderr, flush=True)
    theirs = argos_path(packages, texts, work, install)
    engine = find_engine(packages)
    assert not isinstance(engine, NoEngine), engine.reason
    engine._load()
    sentences = [s for p in paragraphs for s in p]
    print(f"{label}: ours, {len(sentences)} sentences in one batch call …", file=sys.stderr, flush=True)
    start = time.perf_counter()
    english = engine.translate(sentences)
    seconds = time.perf_counter() - start
    ours, i = [], 0
    for p in paragraphs:
        ours.append(" ".join(english[i:i + len(p)]))
        i += len(p)
    ours_rate, theirs_rate = len(sentences) / seconds, len(sentences) / theirs["seconds"]
    return {"model": f"{label} ({engine.model})", "sentences": len(sentences), "paragraphs": len(paragraphs),
            "ours": {"seconds": round(seconds, 2), "segments_per_s": round(ours_rate, 1), "calls": engine.calls,
                     "threads": f"inter {engine.inter_threads}, intra {engine.intra_threads}"},
            "argostranslate": {"seconds": round(theirs["seconds"], 2), "segments_per_s": round(theirs_rate, 1),
                               "calls": len(paragraphs)},
            "ratio": round(ours_rate / theirs_rate, 2),
            # argostranslate decodes a paragraph's sentences as one token list, we join decoded sentences with a
            # space: they differ in spacing where a sentence's English starts with a piece without "▁" (often with
            # random weights, rarely with a real model), so spaces are left out of the comparison
            "same_output": sum("".join(a.split()) == "".join(b.split()) for a, b in zip(ours, theirs["english"]))}


def table(results: list[dict]) -> str:
    lines = ["| model | sentences | ours (segments/s) | argostranslate (segments/s) | ratio | same output |",
             "|---|---|---|---|---|---|"]
    for r in results:
        lines.append(f"| {r['model']} | {r['sentences']} | {r['ours']['segments_per_s']} "
                     f"({r['ours']['seconds']} s, {r['ours']['calls']} call) | "
                     f"{r['argostranslate']['segments_per_s']} ({r['argostranslate']['seconds']} s, "
                     f"{r['argostranslate']['calls']} calls) | {r['ratio']}× | "
                     f"{r['same_output']} of {r['paragraphs']} paragraphs |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    paragraphs = seed_paragraphs()
    results = []
    real = find_engine(default_packages_dirs()[0]) if "--no-real" not in argv else NoEngine("skipped")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        # argostranslate makes its folders when imported: in the temporary folder, not in the user's home
        for key in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            os.environ[key] = str(work / key.lower())
        models = [("tiny test model", False)] + ([("OPUS-MT-size random model", True)] if "--big" in argv else [])
        for label, big in models:
            folder = work / ("big" if big else "tiny")
            folder.mkdir()
            print(f"building the {label} …", file=sys.stderr, flush=True)
            model = build_model(folder / "model.argosmodel", big=big)
            results.append(measure(label, folder / "packages", paragraphs, folder, install=model))
        if not isinstance(real, NoEngine):
            (work / "real").mkdir()
            results.append(measure("installed model", real.root.parent, paragraphs, work / "real"))
        else:
            print(f"no installed zh→en model to measure: {real.reason}", file=sys.stderr)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    command = "python -m tests.bench.bench_translate " + " ".join(argv)
    out = ROOT / "build" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "translate.json").write_text(json.dumps({"machine": machine, "command": command.strip(),
                                                    "results": results}, indent=1, ensure_ascii=False) + "\n")
    print(f"\n`{command.strip()}` on {machine}:\n\n{table(results)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
