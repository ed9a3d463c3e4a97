"""`archive eval` on the development corpus of real page shapes: the scores never fall, and nothing is lost."""
import re

import pytest
import yaml

from build_tools import evaluation
from build_tools.cli import main
from build_tools.ingest.page import claims
from build_tools.ingest.stage import ingest

FLOORS = yaml.safe_load((evaluation.DEV_CORPUS / "floors.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def tallies():
    return evaluation.evaluate()


@pytest.mark.parametrize("split", sorted(FLOORS))
def test_scores_do_not_fall(tallies, split):
    tally = tallies[split]
    print(f"\n{split}: " + ", ".join(f"{m} {tally.right[m]}/{tally.total[m]}" for m in evaluation.MEASURES))
    for measure, floor in FLOORS[split].items():
        if measure == "wrong_year":
            assert tally.right[measure] <= floor, (split, tally.misses)
        else:
            assert tally.right[measure] >= floor, (split, measure, tally.misses)


def test_the_command_prints_every_measure_and_only_the_dev_misses(capsys):
    assert main(["eval"]) == 0
    out = capsys.readouterr().out
    for label in evaluation.LABELS.values():
        assert label in out
    assert "Misses (heldout)" not in out


def test_nothing_is_lost_on_any_page_of_the_corpus():
    catalog = ingest(evaluation.DEV_CORPUS, record=False)
    assert len(catalog.pages) >= 60
    for page in catalog.pages:
        owners = claims(page)
        for line in page.lines:
            if line.raw.strip(" \t\u00a0\u3000\ufeff"):
                assert len(set(owners.get(line.number, []))) == 1, (page.path, line.number, line.raw)
        for item in page.cleaning + page.set_aside + page.trimmed:
            assert item.reason and item.text, (page.path, item.line)
        for article in page.articles:
            shown = "".join(re.sub(r"\s+", "", e.source_text) for e in article.elements())
            lines = "".join(re.sub(r"\s+", "", page.lines[n - 1].text) for n in article.lines())
            assert sorted(shown) == sorted(lines), (page.path, article.anchor)


def test_the_eval_does_not_touch_the_corpus_sidecars():
    before = {p: p.read_bytes() for p in evaluation.DEV_CORPUS.glob("*.yaml")}
    evaluation.evaluate()
    assert {p: p.read_bytes() for p in evaluation.DEV_CORPUS.glob("*.yaml")} == before
