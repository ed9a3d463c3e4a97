"""Reprints and near-duplicates: stories whose texts overlap strongly across sources.

Each story's body (Simplified script, punctuation and spaces removed) becomes a set of character shingles and a
MinHash signature (datasketch); MinHash LSH proposes candidate pairs in time linear in the number of stories (no
all-pairs comparison), and the exact Jaccard overlap of the two shingle sets decides. Thresholds are data:
build_tools/data/reprints.yaml. For every pair found, the paragraphs that differ are aligned for display.
"""
from __future__ import annotations

import difflib
import re
import zlib
from functools import lru_cache

from datasketch import MinHash, MinHashLSH

from build_tools.data_files import load_yaml

_NOT_TEXT = re.compile(r"[\W_]+", re.UNICODE)


@lru_cache(maxsize=1)
def settings() -> dict:
    return load_yaml("reprints.yaml")


def normalise(text: str) -> str:
    return _NOT_TEXT.sub("", text or "")


def shingles(text: str, k: int) -> set[str]:
    return {text[i:i + k] for i in range(max(len(text) - k + 1, 1))} if text else set()


def _body(record: dict) -> list[str]:
    return [e.get("simplified") or e["text"] for e in record["body"] if e.get("kind") != "section_head"]


def _crc32(data: bytes) -> int:
    return zlib.crc32(data)


def candidate_pairs(texts: dict[str, str], cfg: dict | None = None) -> tuple[set[tuple[str, str]], dict]:
    """Pairs (a < b) that LSH proposes, and each story's shingle set."""
    cfg = cfg or settings()
    k, num_perm = cfg["shingle"], cfg["num_perm"]
    template = MinHash(num_perm=num_perm, seed=cfg["seed"], hashfunc=_crc32)
    lsh = MinHashLSH(threshold=cfg["lsh_threshold"], num_perm=num_perm)
    sets, pairs = {}, set()
    for sid in sorted(texts):
        text = texts[sid]
        if len(text) < cfg["min_chars"]:
            continue
        sh = sets[sid] = shingles(text, k)
        m = MinHash(num_perm=num_perm, seed=cfg["seed"], hashfunc=_crc32, permutations=template.permutations,
                      scheme=template.scheme)
        m.update_batch([s.encode("utf-8") for s in sorted(sh)])
        for other in lsh.query(m):
            pairs.add((other, sid) if other < sid else (sid, other))
        lsh.insert(sid, m)
    return pairs, sets


def similar_pairs(texts: dict[str, str], source_of: dict[str, str] | None = None,
                  cfg: dict | None = None) -> dict[tuple[str, str], float]:
    """{(a, b): Jaccard} for every pair at or above min_similarity (of different sources, if so configured)."""
    cfg = cfg or settings()
    pairs, sets = candidate_pairs(texts, cfg)
    out = {}
    for a, b in sorted(pairs):
        if cfg["across_sources"] and source_of and source_of.get(a) == source_of.get(b):
            continue
        sa, sb = sets[a], sets[b]
        jaccard = len(sa & sb) / len(sa | sb)
        if jaccard >= cfg["min_similarity"]:
            out[(a, b)] = round(jaccard, 4)
    return out


def differing_paragraphs(here: list[str], there: list[str]) -> list[dict]:
    """The paragraphs that differ between two printings, aligned: {here, there} (None where one has none)."""
    matcher = difflib.SequenceMatcher(a=[normalise(p) for p in here], b=[normalise(p) for p in there],
                                      autojunk=False)
    out = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        left, right = here[i1:i2], there[j1:j2]
        for n in range(max(len(left), len(right))):
            out.append({"here": left[n] if n < len(left) else None, "there": right[n] if n < len(right) else None})
    return out


def find_reprints(stories: list[dict], cfg: dict | None = None) -> dict[str, list[dict]]:
    """For every story with reprints, the other printings: id, outlet, date, similarity, differing paragraphs."""
    cfg = cfg or settings()
    by_id = {r["id"]: r for r in stories}
    texts = {sid: normalise("".join(_body(r))) for sid, r in by_id.items()}
    source_of = {sid: r["source"]["file"] for sid, r in by_id.items()}
    found: dict[str, list[dict]] = {}
    for (a, b), similarity in similar_pairs(texts, source_of, cfg).items():
        for here, there in ((a, b), (b, a)):
            r = by_id[there]
            date = (r.get("attribution") or {}).get("date") or {}
            outlet = r.get("outlet") or {}
            found.setdefault(here, []).append({
                "id": there, "url": f"stories/{there}/", "outlet_zh": outlet.get("zh"), "outlet_en": outlet.get("en"),
                "date": date.get("value") or date.get("display") or "undated", "similarity": similarity,
                "lang": "zh-Hant" if r.get("script") == "Hant" else "zh-Hans",
                "identical": similarity >= cfg["identical"],
                "differences": differing_paragraphs([e["text"] for e in by_id[here]["body"]],
                                                    [e["text"] for e in r["body"]])})
    for sid in found:
        found[sid] = sorted(found[sid], key=lambda x: (-x["similarity"], x["id"]))[:cfg["max_listed"]]
    return found
