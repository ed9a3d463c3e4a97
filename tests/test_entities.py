"""Entities: union bodies, enterprises, institutions and people found in the stories (attribute/entities.py), their
pages (write/explore.py), and how well extraction does against the gold lists (entity_evaluation.py)."""
import pytest
import yaml

from build_tools import entity_evaluation
from build_tools.attribute import entities
from build_tools.reference.gazetteer import load_gazetteer
from build_tools.attribute.story import attribute_catalog
from build_tools.records import catalog_records
from build_tools.ingest.stage import ingest
from build_tools.settings import SOURCES
from build_tools.translate.memory import Memory
from build_tools.settings import TRANSLATIONS
from build_tools.write.explore import collect, entity_pages
from build_tools.write.views import Translator, listing_item
from tests.conftest import write_source


@pytest.fixture(scope="module")
def seeds():
    catalog = ingest(SOURCES, record=False)
    attribute_catalog(catalog)
    return catalog


@pytest.fixture(scope="module")
def seed_pages(seeds):
    records = catalog_records(seeds)
    memory = Memory.load(TRANSLATIONS)
    translate = Translator(memory)
    items = {r["id"]: listing_item(r, translate) for r in records["stories"]}
    return records, collect(records["stories"], items, memory), entity_pages(records["stories"], items, memory)


def _record(text: str, headline: str = "", bylines=()):
    return {"headline": {"text": headline, "simplified": headline} if headline else None, "kicker": None,
            "subheadline": None, "bylines": list(bylines), "captions": [], "dateline": None,
            "body": [{"kind": "paragraph", "text": p, "simplified": p} for p in text.split("\n")]}


def by_key(found):
    return {e["key"]: e for e in found}


def test_a_union_is_one_entity_whatever_its_printed_form():
    g = load_gazetteer()
    found = by_key(entities.story_entities(_record("温州市鹿城区总工会开展慰问。\n鹿城区总工会还将推出活动。"), g))
    assert list(found) == ["union/wenzhou-lucheng"]
    body = found["union/wenzhou-lucheng"]
    assert body["zh"] == "鹿城区总工会" and body["en"] == "Lucheng District Federation of Trade Unions"
    assert body["count"] == 2 and body["role"] == "actor" and set(body["forms"]) == {"温州市鹿城区总工会", "鹿城区总工会"}


def test_aliases_merge_as_the_curators_write_them():
    g = load_gazetteer()
    found = by_key(entities.story_entities(_record("浦江县委总工会在积极参与。\n浦江县总工会窗口。"), g))
    assert list(found) == ["union/jinhua-pujiang"]
    assert found["union/jinhua-pujiang"]["zh"] == "浦江县总工会"
    assert "浦江县委总工会" in found["union/jinhua-pujiang"]["forms"]


def test_traditional_and_simplified_forms_are_one_entity(seeds):
    story = next(a for a in seeds.articles if a.script == "Hant")
    keys = {e["key"] for e in story.attribution["entities"]}
    assert "union/jinhua-wucheng" in keys            # printed 婺城區總工會
    assert "enterprise/正方控股" in keys             # 浙江正方控股集團有限公司 and 正方控股集團


def test_a_bare_level_names_the_body_of_the_storys_place():
    g = load_gazetteer()
    place = {"primary": "wenzhou-yongjia", "town": None}
    found = by_key(entities.story_entities(_record("由县政府主办，县总工会共同承办的大赛启动。"), g, place))
    assert "union/wenzhou-yongjia" in found
    assert by_key(entities.story_entities(_record("县总工会共同承办。"), g, None)) == {}


def test_generic_union_words_are_no_bodies():
    g = load_gazetteer()
    text = "企业工会主席潘慧慧表示。\n各基层工会认真贯彻《工会法》。\n热心工会工作的干部。"
    kinds = {e["kind"] for e in entities.story_entities(_record(text), g)}
    assert "union" not in kinds


def test_enterprises_and_institutions_by_their_suffixes():
    g = load_gazetteer()
    found = by_key(entities.story_entities(_record(
        "来自浙江远大钢构实业有限公司的钱凤石获奖。\n嘉兴市宏丰机械有限公司与嘉兴技师学院合作。"), g))
    assert found["enterprise/远大钢构实业"]["zh"] == "浙江远大钢构实业有限公司"
    assert found["enterprise/远大钢构实业"]["en"] == "Zhejiang Yuanda Ganggou Shiye Co., Ltd."
    assert found["institution/嘉兴技师学院"]["en"] == "Jiaxing Technician College"
    assert "enterprise/宏丰机械" in found


def test_people_from_bylines_titles_and_the_curated_list():
    g = load_gazetteer()
    record = _record("新昌县副县长严钢在县总工会党组书记王力红的陪同下慰问。\n外卖骑手吴建峰说，师傅何师傅来了。",
                     bylines=[{"name": "邹伟锋", "name_simplified": "邹伟锋", "role": "reporter"}])
    found = by_key(entities.story_entities(record, g))
    assert found["person/邹伟锋"]["role"] == "reporter" and found["person/邹伟锋"]["en"] == "Zou Weifeng"
    assert found["person/严钢"]["en"] == "Yan Gang"
    assert found["person/王力红"]["what"]            # curated: the list says who she is
    assert "person/吴建峰" in found                  # title 骑手 + a name jieba tags as a person
    assert not any(k.startswith("person/何师傅") or k == "person/师傅" for k in found)


def test_credit_lines_name_reporters():
    assert entities.find_credits("2013-08-14 来源：苍南新闻网 作者：记者 陈晓 通讯员 林海波") == ["陈晓", "林海波"]
    assert entities.find_credits("作者：陈晓东 编辑：许婷") == ["陈晓东"]


def test_a_sidecar_override_adds_and_removes_entities(tmp_path):
    text = ("本报讯 记者邹伟锋报道 新昌县总工会日前举办技能比武，浙江大友木业有限公司派员参加。\n"
            "比赛中，选手方晓琴获得第一名。\n")
    write_source(tmp_path, "p.txt", text)
    catalog = ingest(tmp_path, record=True)
    story = catalog.articles[0].id
    (tmp_path / "p.yaml").write_text(yaml.safe_dump({"outlet": "zjgr", "overrides": {story: {"entities": {
        "remove": ["浙江大友木业有限公司"],
        "add": [{"zh": "新昌县人力社保局", "kind": "institution", "en": "Xinchang Human Resources Bureau"}]}}},
        "stories": yaml.safe_load((tmp_path / "p.yaml").read_text())["stories"]}, allow_unicode=True))
    catalog = ingest(tmp_path, record=False)
    attribute_catalog(catalog)
    at = catalog.articles[0].attribution
    keys = {e["key"] for e in at["entities"]}
    assert "enterprise/大友木业" not in keys and "institution/新昌县人力社保局" in keys
    assert "union/shaoxing-xinchang" in keys and "entities" in at["corrected"]


def test_every_actor_union_reporter_and_enterprise_of_the_seeds_has_its_page(seeds, seed_pages):
    records, collected, pages = seed_pages
    for a in seeds.articles:
        for e in a.attribution["entities"]:
            if (e["kind"] == "union" and e["role"] == "actor") or e["role"] == "reporter" \
                    or e["kind"] == "enterprise":
                ent = collected[e["key"]]
                assert a.id in [s["id"] for s in ent["stories"]], (e["zh"], a.id)
                page = pages[ent["url"] + "index.md"]
                assert f"stories/{a.id}/" in page and ent["zh"] in page
    xinchang = collected["union/shaoxing-xinchang"]
    assert [s["id"] for s in xinchang["stories"]] == ["zjgr-7208f8", "zjgr-de6127"] or \
        sorted(s["id"] for s in xinchang["stories"]) == ["zjgr-7208f8", "zjgr-de6127"]
    zou = collected["person/邹伟锋"]
    assert {s["id"] for s in zou["stories"]} == {"zjgr-28d2cd", "zjgr-4ea0e8"}
    assert all(s["role"] == "reporter" for s in zou["stories"])
    assert zou["url"] == "entities/people/zou-weifeng/"
    # newest first, each with the English of its first sentence or "English pending"
    dates = [s["date_sort"] for s in zou["stories"]]
    assert dates == sorted(dates, reverse=True)
    page = pages["entities/people/zou-weifeng/index.md"]
    assert "Reporter" in page and ("English pending" in page or "story-item__gist" in page)
    assert "entities/index.md" in pages


def test_the_gist_is_the_english_of_the_first_sentence(seed_pages):
    _, collected, _ = seed_pages
    story = next(s for s in collected["union/jinhua-pujiang"]["stories"])
    assert story["gist"]["en"].startswith("To help Pujiang") and story["gist"]["provenance"] == "contributor"


def test_precision_and_recall_stay_above_the_measured_floor():
    results = entity_evaluation.evaluate()
    seeds, dev = results["seeds"]["all"], results["development pages"]["all"]
    assert seeds.precision >= 0.95 and seeds.recall >= 0.95, entity_evaluation.render(results)
    assert dev.precision >= 0.95 and dev.recall >= 0.90, entity_evaluation.render(results)
    text = entity_evaluation.render(results, misses=False)
    assert "| union |" in text and "development pages" in text


def test_archive_eval_prints_entity_scores(capsys):
    from build_tools.cli import main

    assert main(["eval", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "Entities (precision / recall" in out and "| person |" in out
