"""The protect/restore round trip, table-driven: every input issue 14 names, and more from the seeds and our own,
each with the English it must give (and what it must not). The "engine" here copies the placeholders through, as
a good model does; what a bad model does is tests/test_translate_misbehaving.py."""
import pytest

from build_tools.translate import checks
from build_tools.translate.glossary import PLACEHOLDER, load_glossary
from build_tools.translate.numbers import read_numbers

# (Chinese, English the restored sentence must contain, English it must not contain)
CASES = [
    # ---- named in issue 14: approximate quantities keep their qualifier
    ("组织3000余名职工参加", ["more than 3,000"], ["3,000 余"]),
    ("吸引1000余名选手", ["more than 1,000"], []),
    ("2000多名职工", ["more than 2,000"], []),
    ("建成劳模创新工作室20多个", ["more than 20"], []),
    ("开展100余场活动", ["more than 100"], []),
    ("发放资金1338余万元", ["more than 13.38 million yuan"], ["1338"]),
    ("近千名职工", ["nearly 1,000"], []),
    ("两万余人参与", ["more than 20,000"], []),
    # a year before 届 is a class year, not a count
    ("原是该校1989届毕业生", ["graduates of the class of 1989"], ["1,989"]),
    # hotlines and model numbers as they are
    ("推进工会信访和12345阳光热线咨询", ["12345"], ["12,345"]),
    ("建设5G基站", ["5G"], ["5 G"]),
    # one number, with its thousands separator
    ("惠及1,185人", ["1,185"], ["1,185 1,185"]),
    # mixed and Chinese numerals
    ("总投资1亿2000万元", ["120 million yuan"], ["100 million"]),
    ("奖励5千元", ["5,000 yuan"], []),
    ("3千名职工", ["3,000"], []),
    ("发放三千元", ["3,000 yuan"], []),
    ("占百分之八十", ["80%"], []),
    ("约占三分之一", ["one third"], []),
    ("第二届职工运动会", ["second"], []),
    ("二〇二三年", ["2023"], []),
    # ranges as ranges
    ("1至3月，全县", ["January to March"], ["1 March"]),
    ("2015~2016年度先进集体", ["2015-2016"], []),
    # dates
    ("2021.4.8上午", ["April 8, 2021"], []),
    ("2021-04-08发布", ["April 8, 2021"], []),
    ("迎接5.1劳动节", ["May Day"], ["5.1"]),
    # currencies named
    ("实现出口14.6亿美元", ["1.46 billion US dollars"], []),
    ("捐款100万港元", ["1 million HK dollars"], []),
    # plan names and terms from the glossary
    ("“十四五”期间", ["the 14th Five-Year Plan"], []),
    ("县总工会党组书记王力红", ["secretary of the Party leadership group"], ["Party secretary"]),
    ("推进能级工资集体协商工作", ["collective consultation on skill-grade wages"], ["bargaining"]),
    ("第一届会员代表大会顺利召开", ["first", "members' representative congress"], []),
    ("培训职工3250人次", ["3,250", "person-times"], []),
    ("新和成股份有限公司十分重视", ["Zhejiang NHU Co., Ltd."], ["Xinhecheng"]),
    ("号召外省职工留下过年", ["staying put for the New Year"], ["Zhejiang"]),
    ("用心当好职工“娘家人”", ["natal family"], ["home folks"]),
    # union-body abbreviations only as words
    ("今年县总首次开展了非公企业大走访调研活动", ["the county federation"], []),
    ("安吉县总及时出台了办法", ["the Anji County Federation of Trade Unions"], []),
    ("全县总人口达到50万", ["500,000"], ["county federation"]),
    ("市总投资达到14.6亿美元", ["1.46 billion US dollars"], ["city federation"]),
    ("编制城市总体规划", [], ["city federation"]),
    # ---- from the seeds
    ("2019年10月，青嘉吴三地在嘉善举行竞赛", ["October 2019", "Qingpu, Jiashan and Wujiang", "Jiashan"], []),
    ("4月7日起占比达30%以上", ["April 7", "30%"], []),
    ("截至2015年7月底", ["July 2015"], []),
    ("收到答卷达1.2万余份", ["more than 12,000"], []),
    ("为职工追回经济赔偿30万余元", ["more than 300,000 yuan"], []),
    ("涉及金额458万余元", ["more than 4.58 million yuan"], []),
    ("共筹资发放32.9万元", ["329,000 yuan"], []),
    ("培训职工1.5万人次", ["15,000", "person-times"], []),
    ("留下过年职工每人补贴餐费800元", ["staying put for the New Year", "800 yuan"], []),
    ("全县共有技能人才7.4万人", ["74,000"], []),
    ("2022年辖区60%以上规模以上企业", ["2022", "60%"], []),
    ("2003年入企", ["2003"], []),
    ("新昌县总工会组织劳模慰问困难职工", ["the Xinchang County Federation of Trade Unions", "model worker",
                                "workers in hardship"], []),
    ("温州鹿城的困难职工", ["Lucheng, Wenzhou"], []),
    ("2018年8月31日", ["August 31, 2018"], []),
    ("接待来信来访来电36起、48人次", ["36", "48", "person-times"], []),
    ("访谈对象达520多人次", ["more than 520", "person-times"], []),
    ("引进各类经典课程500多门", ["more than 500"], []),
    ("连续开展劳动技能比武二十届", ["20"], []),
    ("获得团体一等奖6次", ["6"], []),
    ("从1994年开始就把5月份定为活动月", ["1994", "May"], []),
    ("发出留在原地过年的防疫倡议", [], []),
    # ---- our own
    ("超过30%的企业", ["more than 30%"], []),
    ("约500人参加", ["about 500"], []),
    ("上千人次", ["more than 1,000", "person-times"], []),
    ("数千名职工", ["several thousand"], []),
    ("4月7日至9日", ["April 7 to 9"], []),
    ("3月30日至4月2日", ["March 30 to April 2"], []),
    ("2021年1至3月", ["January to March 2021"], []),
    ("2015至2016年", ["2015 to 2016"], []),
    ("3-5天", ["3 to 5"], []),
    ("拨打0571-87654321咨询", ["0571-87654321"], []),
    ("十多个项目", ["more than 10"], []),
    ("近3年来", ["3"], ["nearly"]),
    ("千家万户", [], ["1,000"]),
    ("十分重要", [], ["10"]),
    ("第一时间召开会议", [], ["first"]),
    ("一线职工", [], ["one"]),
    ("学习贯彻党的二十大精神", ["the 20th National Congress of the CPC"], []),
    ("党的十九大以来", ["the 19th National Congress of the CPC"], []),
    ("弘扬劳模精神、劳动精神、工匠精神", ["the spirit of model workers", "the spirit of labor",
                                 "the spirit of craftsmanship"], []),
    ("农民工工资", ["migrant workers"], []),
    ("职工维权法律帮扶工作站", ["rights protection"], []),
    ("召开职代会", ["workers' congress"], []),
    ("开展送温暖活动", ["sending warmth"], []),
    ("全国劳动模范", ["model worker"], []),
    ("开展集体协商", ["collective consultation"], []),
    ("100万欧元", ["1 million euros"], []),
    ("2021年4月8日", ["April 8, 2021"], []),
    ("5月1日", ["May 1"], []),
    ("13.5%", ["13.5%"], []),
    ("1.5万", ["15,000"], []),
    ("2月29日", ["February 29"], []),
]

# what looks like a date but is none: left to the text and flagged
INVALID = ["2月30日", "2021年13月", "4月31日", "2021.2.30"]


@pytest.fixture(scope="module")
def glossary():
    return load_glossary()


def test_the_table_is_as_large_as_issue_14_asks():
    assert len(CASES) >= 40 + 35


@pytest.mark.parametrize("zh,wanted,unwanted", CASES, ids=[c[0][:12] for c in CASES])
def test_protect_and_restore_give_the_english_named(glossary, zh, wanted, unwanted):
    masked = glossary.protect(zh)
    restored = masked.restore(masked.text)
    assert restored.lost == [] and not restored.duplicated and not restored.invented and not restored.altered
    assert not PLACEHOLDER.search(restored.en), restored.en
    for english in wanted:
        assert english in restored.en or english[:1].upper() + english[1:] in restored.en, (english, restored.en)
    for english in unwanted:
        assert english not in restored.en, (english, restored.en)
    # and the restored English passes the number checks against its own source
    assert checks.number_flags(zh, restored.en + " " + " ".join(
        i.en for i in masked.items)) == [], restored.en


@pytest.mark.parametrize("zh", INVALID)
def test_a_date_that_is_none_is_left_to_the_text_and_flagged(glossary, zh):
    masked = glossary.protect(f"{zh}，职工参加活动。")
    assert masked.invalid_dates == [zh]
    assert zh in masked.text                              # not replaced: the model sees it as written
    assert read_numbers(zh)[1]
    assert "invalid_date" in checks.check(f"{zh}，职工参加活动。", "On that day workers took part in the activity.")


ALPHABET = "0123456789.,%~-至到年月日号届级余多近约上数第分之百千万亿十零〇一二三四五六七八九两元美港块人名个 热线电话ABG劳动节县总市省工会"


def test_any_mix_of_numerals_is_read_without_error_and_restored_whole(glossary):
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet=ALPHABET, min_size=1, max_size=30))
    def prop(text):
        numbers, invalid = read_numbers(text)
        assert all(text[n.start:n.end] == n.zh for n in numbers)
        masked = glossary.protect(text)
        restored = masked.restore(masked.text)
        assert restored.lost == [] and not PLACEHOLDER.search(restored.en)
        checks.check(text, restored.en)

    prop()
