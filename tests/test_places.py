"""Place attribution on the seeds (automatic, no overrides) and on text the seeds do not contain."""
import pytest

from build_tools.reference.gazetteer import load_gazetteer
from build_tools.attribute.places import attribute_place
from build_tools.attribute.story import attribute_catalog
from build_tools.records import story_record as article_record
from build_tools.ingest.stage import ingest
from tests.conftest import write_source

EXPECTED = {
    "zjgr-7208f8": "shaoxing-xinchang", "zjgr-de6127": "shaoxing-xinchang", "zjgr-28d2cd": "wenzhou-lucheng",
    "zjgr-a7fdaf": "huzhou-deqing", "zjgr-82b2f6": "hangzhou-tonglu", "zjgr-f19ee9": "huzhou-nanxun",
    "zjgr-1e723f": "taizhou-sanmen", "zjgr-9709f1": "jiaxing-jiashan", "zjgr-9985a3": "ningbo-cixi",
    "zjgr-824fc0": "jiaxing-nanhu", "zjgr-52e11a": "taizhou-tiantai", "zjgr-246a0b": "jinhua-yiwu",
    "zjgr-4ea0e8": "wenzhou-yongjia", "zjgr-2c3224": "taizhou-yuhuan", "zjgr-7acdfb": "jinhua-pujiang",
    "zjgr-b062c4": "hangzhou-binjiang", "zjgr-d9e24c": "zhejiang", "zjgr-6bb744": "jinhua-lanxi",
    "zjgr-98492b": "huzhou-anji", "jhxw-5900f8": "jinhua-wucheng",
}


def test_primary_places_of_the_seed_stories(seed_catalog):
    g = load_gazetteer()
    got = {}
    for page in seed_catalog.pages:
        for a in page.articles:
            got[a.id] = attribute_place(article_record(a, page), g)
    assert {k: v["primary"] for k, v in got.items() if k in EXPECTED} == EXPECTED
    assert got["zjgr-a7fdaf"]["town"] == "huzhou-deqing-zhongguan"
    # the Laba porridge photo story names no county; it must not inherit Sanmen from the story above it
    assert got["zjgr-d4b756"]["primary"] in (None, "hangzhou", "hangzhou-xihu")
    # partners outside Zhejiang are mentioned, never primary
    jiashan = {m["place"]: m for m in got["zjgr-9709f1"]["mentioned"]}
    assert jiashan["shanghai-qingpu"]["outside"] and jiashan["jiangsu-wujiang"]["outside"]
    yiwu = {m["place"] for m in got["zjgr-246a0b"]["mentioned"]}
    assert {"jiangxi-yiyang", "guizhou-luodian"} <= yiwu
    for result in got.values():
        if result["primary"]:
            assert result["evidence"], result


@pytest.fixture
def attribute(tmp_path):
    """Ingest and attribute one new page, the way the build does."""
    def run(text: str, sidecar: str = "outlet: zjgr\n"):
        folder = tmp_path / f"s{len(list(tmp_path.iterdir()))}"
        write_source(folder, "page.txt", text, sidecar)
        catalog = ingest(folder, record=False)
        attribute_catalog(catalog)
        return catalog.articles
    return run


def test_a_county_the_seeds_never_name(attribute):
    [story] = attribute("龙泉市总工会开展送清凉活动\n\n本报讯 通讯员王芳报道 入夏以来，龙泉市总工会走访一线职工，送去清凉。")
    assert story.attribution["place"]["primary"] == "lishui-longquan"
    assert [p["pinyin"] for p in story.attribution["people"]] == ["Wang Fang"]


def test_a_partner_city_is_mentioned_not_primary(attribute):
    [story] = attribute("莲都区总工会与柯城区工会签订合作协议\n\n本报讯 记者李明报道 日前，丽水市莲都区总工会与衢州市柯城区"
                         "总工会签订职工维权合作协议。莲都区总工会主席表示，将与柯城方面加强交流。")
    place = story.attribution["place"]
    assert place["primary"] == "lishui-liandu"
    assert "quzhou-kecheng" in {m["place"] for m in place["mentioned"]}


def test_a_traditional_script_story(attribute):
    [story] = attribute("溫州甌海工會舉辦職工技能競賽\n\n本報訊 記者陳靜報道 近日，溫州市甌海區總工會舉辦第三屆職工職業技能競賽，"
                         "共有300名選手參賽。")
    assert story.script == "Hant"
    assert story.attribution["place"]["primary"] == "wenzhou-ouhai"
    assert story.attribution["themes"][0]["slug"] == "skills-competitions"
    assert story.attribution["people"][0]["pinyin"] == "Chen Jing"


def test_an_epaper_footer_gives_paper_section_page_and_exact_date(attribute):
    stories = attribute("职工技能培训走进车间\n\n本报讯 记者王小明报道 近日，海宁市总工会组织技能培训。\n\n"
                         "浙江工人日报 职业·教育 00003 职工技能培训走进车间 2018-08-31 2 2018年08月31日 星期五")
    [story] = stories
    date = story.attribution["date"]
    assert (date["value"], date["precision"], date["display"]) == ("2018-08-31", "day", "August 31, 2018")
    assert story.attribution["page"] == 3 and story.attribution["section"] == "职业·教育"
    assert story.attribution["place"]["primary"] == "jiaxing-haining"
