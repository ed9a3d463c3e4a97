"""Reprints: a story printed again in another source with small edits is found, linked from both pages with the
differing paragraphs, and nothing else is; thresholds come from build_tools/data/reprints.yaml."""
from __future__ import annotations

import shutil


from build_tools.write import reprints
from build_tools.attribute.story import attribute_catalog
from build_tools.records import catalog_records
from build_tools.ingest.stage import ingest
from build_tools.settings import SOURCES, TRANSLATIONS
from build_tools.translate.memory import Memory
from build_tools.write.pages import build_pages

PARAS = ["今年以来，市总工会围绕产业工人队伍建设改革，组织开展职工技能竞赛一百二十余场，参赛职工超过三万人次。",
         "竞赛覆盖制造业、建筑业和服务业等十多个行业，一批青年职工脱颖而出，成为企业的技术骨干。",
         "市总工会还设立专项资金，对获奖职工给予奖励，并推荐优秀选手参加全省比赛。",
         "下一步，市总工会将继续深化劳动和技能竞赛，为高质量发展贡献工会力量。"]
OTHER = ["县总工会近日走访慰问困难职工家庭四十户，送去慰问金和生活用品，帮助他们解决实际困难。",
         "工会干部与职工促膝谈心，详细了解他们的生产生活情况，并建立帮扶台账，实行动态管理。"]


def record(sid, paras, source, outlet="zjgr", date="2021-04-08"):
    return {"id": sid, "source": {"file": source}, "outlet": {"key": outlet, "zh": {"zjgr": "浙江工人日报"}.get(outlet, "金华新闻网"),
                                                            "en": outlet},
            "attribution": {"date": {"value": date, "display": date}},
            "body": [{"kind": "paragraph", "text": p, "simplified": p} for p in paras]}


def test_an_edited_copy_in_another_source_is_a_reprint_with_its_differences():
    edited = PARAS[:2] + [PARAS[2].replace("专项资金", "专门资金")] + PARAS[3:]
    found = reprints.find_reprints([record("a-000001", PARAS, "a.txt", "jhxw"),
                                    record("b-000002", edited, "b.txt", date="2021-04-09"),
                                    record("c-000003", OTHER, "c.txt")])
    assert set(found) == {"a-000001", "b-000002"}
    there = found["a-000001"][0]
    assert (there["id"], there["outlet_zh"], there["date"], there["identical"]) == ("b-000002", "浙江工人日报",
                                                                                    "2021-04-09", False)
    assert there["differences"] == [{"here": PARAS[2], "there": edited[2]}]
    assert 0.5 <= there["similarity"] < 0.98


def test_identical_copies_are_identical_and_one_source_never_reprints_itself():
    found = reprints.find_reprints([record("a-000001", PARAS, "a.txt"), record("b-000002", PARAS, "b.txt"),
                                    record("c-000003", PARAS, "a.txt")])
    assert [r["id"] for r in found["a-000001"]] == ["b-000002"]
    assert found["a-000001"][0]["identical"] and found["a-000001"][0]["differences"] == []


def test_a_dropped_paragraph_is_shown_on_one_side_only():
    d = reprints.differing_paragraphs(PARAS, PARAS[:3])
    assert d == [{"here": PARAS[3], "there": None}]


def test_short_texts_are_not_compared_and_thresholds_are_data():
    cfg = reprints.settings()
    assert {"shingle", "num_perm", "lsh_threshold", "min_similarity", "identical", "min_chars"} <= set(cfg)
    assert reprints.find_reprints([record("a-000001", ["短讯。"], "a.txt"), record("b-000002", ["短讯。"], "b.txt")]) == {}


def test_the_seed_stories_have_no_reprints(tmp_path, monkeypatch):
    catalog = ingest(SOURCES, record=False)
    attribute_catalog(catalog)
    assert reprints.find_reprints(catalog_records(catalog)["stories"]) == {}


def test_both_pages_link_the_other_printing(tmp_path, monkeypatch):
    monkeypatch.setenv("ARCHIVE_RELEASES", str(tmp_path / "releases"))
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    original = next(SOURCES.glob("004_*.txt"))
    text = original.read_text(encoding="utf-8")
    lines = text.splitlines()
    longest = max(range(len(lines)), key=lambda i: len(lines[i]))
    lines[longest] = lines[longest][: len(lines[longest]) // 2] + "。"        # the reprint cut a paragraph
    (sources / "reprint.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (sources / "reprint.yaml").write_text('outlet: zjgr\ndate: "2021-04-09"\n', encoding="utf-8")
    catalog = ingest(sources, record=False)
    attribute_catalog(catalog)
    pages = build_pages(catalog_records(catalog), Memory.load(TRANSLATIONS))
    page = pages["stories/jhxw-5900f8/index.md"]
    assert "Also printed in" in page
    # the date printed in the copied text wins over the sidecar's, as for any story
    assert '<span lang="zh-Hans">浙江工人日报</span>, 2021-04-08</a>, with edits' in page
    assert "Paragraphs that differ (1)" in page
    copy_id = next(a.id for a in catalog.articles if a.id != "jhxw-5900f8" and a.id.startswith("zjgr")
                   and f"../{a.id}/" in page)
    assert "金华新闻网" in pages[f"stories/{copy_id}/index.md"].split("Also printed in")[1]


def test_planted_reprints_are_found_among_a_thousand_synthetic_stories():
    from tests.bench.bench_reprints import run

    result = run(1000)
    assert result["planted_pairs"] == 50
    assert result["recall"] >= 0.95 and result["precision"] >= 0.95, result
