"""The gazetteer against the reference list of divisions, and the names our seeds use."""
import json

import pytest

from build_tools.reference.gazetteer import load_gazetteer
from tests.conftest import TESTS

REFERENCE = json.loads((TESTS / "data" / "gb2260_zhejiang.json").read_text(encoding="utf-8"))


def test_every_division_of_the_reference_is_in_the_gazetteer_with_its_parent():
    g = load_gazetteer()
    by_code = {p.code: p for p in g.places.values() if p.in_zhejiang and p.code and len(p.code) == 6}
    ref = {d["code"]: d for d in REFERENCE["divisions"]}
    assert set(by_code) == set(ref)
    for code, d in ref.items():
        place = by_code[code]
        assert place.zh == d["name"]
        if d.get("parent"):
            assert place.parent == by_code[d["parent"]].id, place.id
    assert len([p for p in g.places.values() if p.level == "county"]) == 90
    assert len([p for p in g.places.values() if p.level == "city"]) == 11
    assert g.reference["as_of"] == REFERENCE["as_of"]


@pytest.mark.parametrize("text, place", [
    ("温州鹿城“娘家人”", "wenzhou-lucheng"), ("嘉兴南湖工会", "jiaxing-nanhu"), ("金华婺城打造", "jinhua-wucheng"),
    ("柯桥区总工会", "shaoxing-keqiao"), ("慈溪市总工会", "ningbo-cixi"), ("新昌县总工会", "shaoxing-xinchang"),
    ("德清县钟管镇", "huzhou-deqing-zhongguan"), ("桐庐县人大", "hangzhou-tonglu"), ("湖州南浔工会", "huzhou-nanxun"),
    ("三门县总工会", "taizhou-sanmen"), ("嘉善县总工会", "jiaxing-jiashan"), ("在天台县", "taizhou-tiantai"),
    ("义乌市总工会", "jinhua-yiwu"), ("永嘉县第一届", "wenzhou-yongjia"), ("玉环市大剧院", "taizhou-yuhuan"),
    ("浦江县委", "jinhua-pujiang"), ("国际滨", "hangzhou-binjiang"), ("兰溪成立", "jinhua-lanxi"),
    ("安吉县总工会", "huzhou-anji"), ("上海青浦", "shanghai-qingpu"), ("江苏吴江", "jiangsu-wujiang"),
])
def test_every_place_name_the_seeds_use_resolves(text, place):
    found = [m for m in load_gazetteer().find(text) if m.confirmed]
    assert place in {m.place for m in found}


def test_ambiguous_short_forms_need_confirmation():
    g = load_gazetteer()
    assert [m.confirmed for m in g.find("楼顶天台上")] == [False]
    assert [m.confirmed for m in g.find("滨江工会")] == [True]
