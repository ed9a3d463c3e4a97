"""`make mt-eval`: how close the installed model comes to the archive's own English, taken as the reference.

Every segment of the memory with `contributor` provenance (English by the archive's contributors) is translated again by the installed model, as the build
would translate it (sentences, one batch, placeholders for names, numbers and terms), and also without the
placeholders; both are scored against the references with sacrebleu (chrF and BLEU, corpus level). The figures go
to build/mt-eval.json and build/mt-eval.md. With no model installed it says so and exits 0.
"""
from __future__ import annotations

import argparse
import datetime
import json
import platform
import sys
from pathlib import Path

from build_tools.chinese import to_simplified
from build_tools.errors import ArchiveError
from build_tools.files import write_atomic
from build_tools.settings import BUILD, MT_EVAL_JSON, MT_EVAL_MARKDOWN, TRANSLATIONS
from build_tools.translate.engine import NoEngine, find_engine
from build_tools.translate.glossary import load_glossary
from build_tools.translate.machine import translate_paragraphs
from build_tools.translate.memory import load_file
from build_tools.translate.sentences import split_sentences

RESULT_JSON, RESULT_MD = MT_EVAL_JSON, MT_EVAL_MARKDOWN


def reference_segments(folder: Path) -> list[dict]:
    """The contributors' segments (Chinese in Simplified, English), with their story: the references to score."""
    out, seen = [], set()
    for path in sorted(Path(folder).glob("*.yaml")):
        if path.name == "glossary.yaml":
            continue
        for seg in load_file(path):
            if seg.provenance == "contributor" and seg.hash not in seen:        # a page banner is in every story
                seen.add(seg.hash)
                # Traditional sources are translated from their Simplified form (a no-op on Simplified text)
                out.append({"story": path.stem, "zh": to_simplified(seg.zh), "en": seg.en})
    return out


def evaluate(translations: Path = TRANSLATIONS, out_dir: Path = BUILD, engine=None) -> dict:
    import sacrebleu

    engine = engine or find_engine()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if isinstance(engine, NoEngine):
        result = {"model": None, "reason": engine.reason}
        write_atomic(out_dir / RESULT_JSON, json.dumps(result, indent=1) + "\n")
        write_atomic(out_dir / RESULT_MD, f"# Machine translation evaluation\n\nNo model installed: {engine.reason}.\n")
        return result
    segments = reference_segments(translations)
    glossary = load_glossary(translations)
    names: dict[str, str] = {}
    for story in dict.fromkeys(s["story"] for s in segments):
        names.update(glossary.find_names([s["zh"] for s in segments if s["story"] == story]))
    references = [s["en"] for s in segments]
    systems = {}
    for label, gloss in (("with placeholders (as the build)", glossary), ("engine alone", None)):
        output = translate_paragraphs([s["zh"] for s in segments], engine, gloss, names)
        hypotheses = [en for en, _ in output]
        systems[label] = {
            "chrF": round(sacrebleu.corpus_chrf(hypotheses, [references]).score, 2),
            "BLEU": round(sacrebleu.corpus_bleu(hypotheses, [references]).score, 2),
            "flagged": sum(1 for _, flags in output if flags),
        }
    result = {"model": engine.model, "engine": engine.engine, "segments": len(segments),
              "sentences": sum(len([x for x in split_sentences(s["zh"]) if x.strip()]) for s in segments), "date": datetime.date.today().isoformat(),
              "machine": f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}",
              "sacrebleu": sacrebleu.__version__, "systems": systems}
    write_atomic(out_dir / RESULT_JSON, json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    write_atomic(out_dir / RESULT_MD, markdown(result))
    return result


def markdown(result: dict) -> str:
    lines = ["# Machine translation evaluation", "",
             f"Model **{result['model']}** against the English of the archive's contributors (not professional translators): {result['segments']} "
             f"segments ({result['sentences']} sentences), sacrebleu {result['sacrebleu']}, {result['date']}.", "",
             "| system | chrF | BLEU | segments flagged |", "|---|---|---|---|"]
    for label, s in result["systems"].items():
        lines.append(f"| {label} | {s['chrF']} | {s['BLEU']} | {s['flagged']} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="mt-eval", description=__doc__.split("\n\n")[0])
    parser.add_argument("--translations", type=Path, default=TRANSLATIONS, help="the translation memory")
    parser.add_argument("--out", type=Path, default=BUILD, help="where mt-eval.json and mt-eval.md go")
    args = parser.parse_args(argv)
    try:
        result = evaluate(args.translations, args.out)
    except ArchiveError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    if result["model"] is None:
        print(f"mt-eval: no model installed, so nothing to score: {result['reason']}.")
        return 0
    print(markdown(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
