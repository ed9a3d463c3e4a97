"""Precision and recall of entity extraction (build_tools/attribute/entities.py) against hand-checked gold lists:
tests/data/seed_entities_gold.yaml for the seeds (by story) and tests/data/pages/entities-gold.yaml for the
development pages (by page). An entity is right when its kind and its identity agree: a federation by its place
(鹿城区总工会 = 温州市鹿城区总工会), an enterprise by its name without legal suffix and leading place, anyone else by
name. `archive eval` prints the table."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from build_tools.attribute import entities
from build_tools.reference.gazetteer import Gazetteer, load_gazetteer
from build_tools.errors import DataError
from build_tools.pipeline import attributed
from build_tools.settings import DEV_CORPUS, ROOT, SOURCES

SEED_GOLD = ROOT / "tests" / "data" / "seed_entities_gold.yaml"
DEV_GOLD = ROOT / "tests" / "data" / "pages" / "entities-gold.yaml"


@dataclass
class Score:
    found: int = 0
    gold: int = 0
    right: int = 0
    misses: list[str] = field(default_factory=list)        # in the gold, not found
    wrong: list[str] = field(default_factory=list)         # found, not in the gold

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.right / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def gold_key(kind: str, zh: str, g: Gazetteer) -> str:
    """The identity of a gold entry, made the way extraction makes it."""
    zh = entities.canonical(zh)
    if kind != "person":
        for e in entities.find_bodies(zh, g):
            if e["kind"] == kind and e["span"] == (0, len(zh)):
                return e["key"]
        if kind == "enterprise":
            return f"enterprise/{entities._core(zh, g)}"
    return f"{kind}/{zh}"


def load(path: Path) -> dict[str, list[tuple[str, str]]]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    out: dict[str, list[tuple[str, str]]] = {}
    for unit, items in (data.get("stories") or data.get("pages") or {}).items():
        out[unit] = []
        for item in items or []:
            (kind, zh), = item.items()
            if kind not in entities.KINDS:
                raise DataError(path, f"{unit}: unknown kind '{kind}'", hint=f"one of {', '.join(entities.KINDS)}")
            out[unit].append((kind, str(zh)))
    return out


def score(catalog, gold: dict[str, list[tuple[str, str]]], by: str = "story") -> dict[str, Score]:
    """Scores per kind and for all kinds; `by` is "story" (gold keyed by story id) or "page" (by source file)."""
    g = load_gazetteer()
    units: dict[str, set[tuple[str, str]]] = {}
    names: dict[tuple[str, str], str] = {}
    for page in catalog.pages:
        for a in page.articles:
            unit = a.id if by == "story" else page.path
            for e in a.attribution.get("entities", []):
                units.setdefault(unit, set()).add((e["kind"], e["key"]))
                names[(e["kind"], e["key"])] = e["zh"]
    scores = {k: Score() for k in (*entities.KINDS, "all")}
    for unit, items in gold.items():
        if unit not in units and by == "story" and not any(a.id == unit for a in catalog.articles):
            raise DataError(unit, "the entity gold names a story that is not in the corpus")
        want = {(kind, gold_key(kind, zh, g)): zh for kind, zh in items}
        got = units.get(unit, set())
        for kind in (*entities.KINDS, "all"):
            w = {x for x in want if kind in ("all", x[0])}
            f = {x for x in got if kind in ("all", x[0])}
            s = scores[kind]
            s.gold += len(w)
            s.found += len(f)
            s.right += len(w & f)
            if kind == "all":
                s.misses += [f"{unit}: {x[0]} {want[x]}" for x in sorted(w - f)]
                s.wrong += [f"{unit}: {x[0]} {names.get(x, x[1])}" for x in sorted(f - w)]
    return scores


def evaluate(seeds: Path = SOURCES, seed_gold: Path = SEED_GOLD, dev: Path | None = None,
             dev_gold: Path = DEV_GOLD) -> dict[str, dict[str, Score]]:
    """{corpus name: scores}: the seeds by story, the development pages (when their gold exists) by page."""
    results = {"seeds": score(attributed(Path(seeds)), load(seed_gold), "story")}
    if Path(dev_gold).exists():
        results["development pages"] = score(attributed(Path(dev or DEV_CORPUS)), load(dev_gold), "page")
    return results


def render(results: dict[str, dict[str, Score]], misses: bool = True) -> str:
    out = ["Entities (precision / recall / F1, right of found / of gold):", "",
           "| kind | " + " | ".join(results) + " |", "|---|" + "---|" * len(results)]
    for kind in (*entities.KINDS, "all"):
        cells = [f"{s.precision:.2f} / {s.recall:.2f} / {s.f1:.2f} ({s.right}/{s.found} of {s.gold})"
                 for s in (r[kind] for r in results.values())]
        out.append(f"| {kind} | " + " | ".join(cells) + " |")
    if misses:
        for name, r in results.items():
            if r["all"].misses:
                out += ["", f"Entities missed ({name}):"] + [f"- {m}" for m in r["all"].misses]
            if r["all"].wrong:
                out += ["", f"Entities found but not in the gold ({name}):"] + [f"- {m}" for m in r["all"].wrong]
    return "\n".join(out)
