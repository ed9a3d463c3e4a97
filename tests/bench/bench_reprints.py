"""Benchmark of the reprint finder (not a test): `make bench-reprints` or
`python -m tests.bench.bench_reprints 10000`. Generates a synthetic corpus (tests/bench/corpus.py), ingests it,
then plants reprints: copies of randomly chosen stories, each put into a source page of its own with small edits
a second paper makes (a new opening, a few characters changed, a paragraph cut or a sentence added), so that the
corpus holds N stories in all. Reports recall and precision of the planted pairs and the seconds the finder adds
to a build. Writes build/bench/reprints.json."""
from __future__ import annotations

import copy
import json
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

from build_tools.write.reprints import find_reprints, settings
from build_tools.records import catalog_records
from build_tools.ingest.stage import ingest
from build_tools.settings import ROOT
from tests.bench.corpus import generate

FILLER = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"


def plant(stories: list[dict], n_planted: int, rng: random.Random) -> tuple[list[dict], set[tuple[str, str]]]:
    """Copies of n_planted stories with small edits, each in a source of its own; and the planted pairs."""
    candidates = [s for s in stories if sum(len(e["text"]) for e in s["body"]) >= 200]
    chosen = rng.sample(candidates, n_planted)
    planted, truth = [], set()
    for i, original in enumerate(chosen):
        r = copy.deepcopy(original)
        r["id"] = f"plant-{i:06d}"
        r["source"] = {**r["source"], "file": f"planted/{i:06d}.txt"}
        r["outlet"] = {"key": "jhxw", "zh": "金华新闻网", "en": "Jinhua News"}
        body = [e for e in r["body"] if e["kind"] != "section_head"]
        paras = [e["simplified"] for e in body]
        paras[0] = "据" + rng.choice(["浙江工人日报", "金华日报", "温州都市报"]) + "报道，" + paras[0].split("报道", 1)[-1]
        if len(paras) >= 4 and rng.random() < 0.5:
            paras.pop(rng.randrange(1, len(paras)))                   # a paragraph cut
        if rng.random() < 0.3:
            paras[-1] += rng.choice(candidates)["body"][-1]["simplified"][:40] + "。"   # a sentence added
        edited = []
        for p in paras:                                                # about 2% of the characters changed
            chars = list(p)
            for _ in range(max(1, len(chars) // 50)):
                chars[rng.randrange(len(chars))] = rng.choice(FILLER)
            edited.append("".join(chars))
        r["body"] = [{"kind": "paragraph", "text": p, "simplified": p, "lines": [0]} for p in edited]
        planted.append(r)
        truth.add(tuple(sorted((original["id"], r["id"]))))
    return planted, truth


def run(n: int, planted_share: float = 0.05, seed: int = 2026) -> dict:
    n_planted = int(n * planted_share)
    with tempfile.TemporaryDirectory() as tmp:
        generate(n - n_planted, Path(tmp) / "sources", seed=seed)
        catalog = ingest(Path(tmp) / "sources", record=False)
    stories = [s.to_dict() for s in catalog_records(catalog).stories]
    planted, truth = plant(stories, n_planted, random.Random(seed))
    corpus = stories + planted
    t0, c0 = time.perf_counter(), time.process_time()
    found = find_reprints(corpus)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    pairs = {tuple(sorted((a, r["id"]))): r["similarity"] for a, listed in found.items() for r in listed}
    hits = len(set(pairs) & truth)
    planted_similarity = sorted(pairs[p] for p in truth if p in pairs)
    return {"stories": len(corpus), "planted_pairs": len(truth), "pairs_found": len(pairs), "true_positives": hits,
            "recall": round(hits / len(truth), 4) if truth else 1.0,
            "precision": round(hits / len(pairs), 4) if pairs else 1.0,
            "planted_similarity": {"min": planted_similarity[0], "median": planted_similarity[len(planted_similarity) // 2]}
            if planted_similarity else None,
            "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2), "settings": settings(),
            "machine": f"{platform.machine()}, Python {platform.python_version()}"}


def main(argv: list[str]) -> int:
    results = [run(int(a)) for a in (argv or ["10000"])]
    out = ROOT / "build" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "reprints.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    for r in results:
        print(f"{r['stories']} stories, {r['planted_pairs']} planted pairs: found {r['pairs_found']}, "
              f"recall {r['recall']:.3f}, precision {r['precision']:.3f}, {r['seconds']:.1f} s "
              f"({r['cpu_seconds']:.1f} s CPU)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
