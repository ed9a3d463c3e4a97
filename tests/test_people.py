"""People in pinyin, surname first, with their roles; union bodies in English."""
from build_tools.attribute.people import name_pinyin
from build_tools.attribute.story import attribute_catalog
from build_tools.ingest.stage import ingest
from build_tools.settings import SOURCES

SEED_PEOPLE = {
    ("Zou Weifeng", "邹伟锋", "记者"), ("Zheng Xue", "郑雪", "通讯员"), ("Zhou Lili", "周丽丽", "通讯员"),
    ("Cheng Xue", "程雪", "记者"), ("Zeng Chenlu", "曾晨路", "记者"), ("Zhang Bin", "张斌", "通讯员"),
    ("He Danqi", "何单琦", "通讯员"), ("Weng Tingting", "翁婷婷", "摄"), ("Ruan Xiangmin", "阮向民", "记者"),
    ("Zhang Haocheng", "张浩呈", "记者"), ("Chen Di", "陈迪", "通讯员"), ("Zhou Mingli", "周明丽", "通讯员"),
    ("Pan Xiande", "潘仙德", "记者"), ("Ye Mengmeng", "叶梦蒙", "通讯员"), ("Yang Rongjiang", "羊荣江", "记者"),
    ("Chen Mingxu", "陈鸣旭", "通讯员"), ("Dong Li", "董莉", "通讯员"), ("Kong Xiaoruo", "孔潇若", "通讯员"),
    ("Li Fan", "李凡", "记者"), ("Zhang Yansheng", "张衍圣", "通讯员"), ("Shao Lixian", "邵黎仙", "通讯员"),
    ("Zhou Jianju", "周建巨", "文"), ("Zhou Yao", "周垚", "作者"),
}


def test_every_person_named_in_the_seeds_has_role_and_pinyin():
    catalog = ingest(SOURCES, record=False)
    attribute_catalog(catalog)
    found = {(p["pinyin"], p["name"], p["role_zh"]) for a in catalog.articles for p in a.attribution["people"]}
    assert found == SEED_PEOPLE
    bodies = {b["zh"]: b["en"] for a in catalog.articles for b in a.attribution["bodies"]}
    assert bodies["新昌县总工会"] == "Xinchang County Federation of Trade Unions"
    assert bodies["省电力工会"] == "Zhejiang Electric Power Trade Union"


def test_surname_readings_and_compound_surnames():
    assert name_pinyin("曾晨路") == "Zeng Chenlu"
    assert name_pinyin("单雪") == "Shan Xue"
    assert name_pinyin("欧阳修") == "Ouyang Xiu"
