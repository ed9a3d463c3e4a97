"""The checks that flag machine English: they pass every contributor translation and catch the failures."""
import glob

import yaml

from build_tools.settings import TRANSLATIONS
from build_tools.translate import checks
from build_tools.translate.glossary import Item


def test_the_reference_translations_pass_every_check():
    for path in sorted(glob.glob(str(TRANSLATIONS / "*-*.yaml"))):
        for seg in yaml.safe_load(open(path, encoding="utf-8"))["segments"]:
            assert checks.check(seg["zh"], seg["en"]) == [], (path, seg["zh"][:30])


def test_each_failure_is_flagged():
    zh = "2014年，他们选拔12名选手参加全市职工职业技能大赛。"
    good = "In 2014, they selected 12 contestants for the citywide workers' vocational skills contest."
    assert checks.check(zh, good) == []
    assert checks.check(zh, "In 2014, they selected 职工 for the contest several times over.") == \
        ["chinese_left", "number_lost"]
    assert checks.check(zh, "In 2014 they selected contestants for the contest, the contest.") == ["number_lost"]
    assert "repetition" in checks.check(zh, good + " the contest the contest the contest the contest")
    assert checks.check(zh, "In 2014, 12.") == ["length_ratio"]
    assert checks.check(zh, "") == ["empty"]
    lost = [Item("ZXA", "新昌县总工会", "Xinchang County Federation of Trade Unions", "body")]
    assert checks.check(zh, good, lost) == ["name_lost"]


def test_numbers_are_recognised_in_their_english_forms():
    assert checks.numbers_lost("发放资金1338余万元，惠及企业1555家，2万多名职工", "more than 13.38 million yuan "
                               "to 1,555 enterprises and more than 20,000 workers") == []
    assert checks.numbers_lost("2019年10月，5月份", "In October 2019, in May") == []
    assert checks.numbers_lost("有1名选手", "one contestant") == []
    assert checks.numbers_lost("有1名选手", "a contestant") == ["1"]
