"""The rules for real pages of many outlets, one by one: web and e-paper furniture, <title> lines, date lines and
addresses, section labels and footers, openings and credits, photo pages and roundups, the level of the acting
body. Each test names a layout or a form, never one outlet's story (the texts here are made up)."""
import pytest

from build_tools.attribute import dates, places
from build_tools.reference.gazetteer import load_gazetteer
from build_tools.ingest import bylines, datelines
from build_tools.ingest.clean import clean_lines, cut_annotations, split_title_line, to_simplified, web_furniture
from build_tools.ingest.segment import detect_wrapped, segment_page, supplied_title
from build_tools.articles import Line


def _lines(text: str) -> list[Line]:
    return clean_lines(text.split("\n")).lines


def _segment(text: str):
    """Cleaning and segmentation as ingestion runs them (ingest/page.py): web furniture marks a web page."""
    cleaned = clean_lines(text.split("\n"))
    web = {s.line for s in cleaned.removed if s.reason.startswith("web furniture")}
    return segment_page(cleaned.lines, cleaned.script, furniture=web), cleaned


# ---------------------------------------------------------------- furniture

@pytest.mark.parametrize("line, kind", [
    ("您当前的位置 :  某某新闻网 > 新闻中心 > 工会动态", "breadcrumb"),
    ("当前位置：首页 >> 区县新闻 >> 工会", "breadcrumb"),
    ("人民网 >> 浙江频道 >> 地方新闻", "breadcrumb"),
    ("浙江工人日报 数字报纸", "masthead"),
    ("分享到：微信 微博 QQ空间", "share"),
    ("【打印】【关闭】", "tools"),
    ("浏览次数：211", "counter"),
    ("责任编辑:施川", "editor"),
    ("浙ICP备09064728号-1 浙公网安备 33010402000358号", "copyright"),
    ("某某市新闻传媒中心主办  浙江在线新闻网站加盟单位", "copyright"),
    ("新闻热线：0577-88888888  投稿邮箱：news@example.cn", "contact"),
    ("微信图片_20210121100611.png", "image"),
    ("![](/upload/2021/01.jpg)", "image"),
    ('<ul id="x1y2"></ul>', "html"),
    ("&nbsp;&nbsp;", "html"),
    ("标题导航", "label"),
    ("· 市总工会召开劳模座谈会 · 全市职工“安康杯”竞赛启动", "links"),
    ("<<上一篇 下一篇>> 返回目录", "links"),
    ("来源：某某日报 作者：通讯员 某某", "source"),
    ("看某某新闻，关注某某新闻网微信", "follow"),
    ("首页 | 新闻 | 图片 | 视频 | 评论 | 专题", "menu"),
    ("全讯官网新闻中心今日某地视图库中心新闻专题国内新闻国际新闻", "menu"),
    ("放大 缩小 默认", "tools"),
    ("文字： 大 中 小 打印", "tools"),
    ("跳转到路径导航栏 跳转到正文内容", "tools"),
    ("中共某某市委机关报 某某日报社出版", "masthead"),
])
def test_a_furniture_line_is_set_aside_by_its_kind(line, kind):
    rule = web_furniture(to_simplified(line))
    assert rule is not None and rule.kind == kind


@pytest.mark.parametrize("sentence", [
    "县总工会为企业提供技术支持，帮助职工扫码入会。",
    "据了解，首页上线的职工服务平台已有3000余名职工注册。",
    "她说：“欧美和亚洲的客户都认可我们的手艺。”",
])
def test_a_sentence_of_the_story_is_never_furniture(sentence):
    assert web_furniture(to_simplified(sentence)) is None


def test_a_breadcrumb_names_the_site():
    cleaned = clean_lines(["您当前的位置：某县新闻网 > 新闻中心 > 工会动态", "", "县总工会走访一线职工。"])
    assert [s.name for s in cleaned.site_names] == ["某县新闻网"]
    assert cleaned.removed[0].reason.startswith("web furniture: breadcrumb")


# ---------------------------------------------------------------- <title> lines, spam, pinyin

def test_a_title_line_repeated_below_is_set_aside_and_names_the_site():
    cleaned = clean_lines(["县总工会一线送关怀-苍南新闻网", "", "县总工会一线送关怀", "", "昨日，县总工会走访了企业。"])
    assert cleaned.lines[0].text == ""
    assert "printed again below" in cleaned.removed[0].reason
    assert "苍南新闻网" in [s.name for s in cleaned.site_names]


def test_spam_glued_to_a_title_is_cut_and_reported():
    cleaned = clean_lines(["一线送关怀-某某娱乐官网", "", "昨日，区总工会组织人员走访一线职工。"])
    assert cleaned.lines[0].text == "一线送关怀"
    assert cleaned.trimmed[0].text == "-某某娱乐官网"


@pytest.mark.parametrize("line, suffix", [
    ("杭州临平：货车司机有了“暖心驿站”_新华网浙江频道", "新华网浙江频道"),
    ("市总工会组织劳模疗养 杭州网", "杭州网"),
])
def test_title_line_separators(line, suffix):
    assert split_title_line(line)[1] == suffix


@pytest.mark.parametrize("line", ["2011-07-28 10:18:51  来源：某某新闻网", "在天台 凭技能可贷款",
                                  "兰溪成立 农创客联合工会"])
def test_no_title_line_in_date_lines_or_spaced_headlines(line):
    assert split_title_line(line) is None


def test_pinyin_and_emoji_pushed_into_the_text_are_cut_and_kept_in_the_report():
    text, cut = cut_annotations("為貨運（yùn）司機（jī）建一個溫馨港灣，勞動(dòng )者(🍢)")
    assert text == "為貨運司機建一個溫馨港灣，勞動者"
    assert [c for c, _ in cut] == ["（yùn）", "（jī）", "(dòng )", "(🍢)"]
    assert cut_annotations("世界技能大赛(WorldSkills)")[1] == []


# ---------------------------------------------------------------- dates

@pytest.mark.parametrize("line, date, extra", [
    ("发布时间：2014年05月25日 来源：某某网 作者：某某", "2014-05-25", {"source": "某某网", "author": "某某"}),
    ("2011-07-28 10:18:51  来源:  某某新闻网  作者: 见习记者 某某 摄", "2011-07-28",
     {"time": "10:18:51", "source": "某某新闻网"}),
    ("发布时间:2021-01-21 10:04", "2021-01-21", {"time": "10:04"}),
    ("日期：2019/03/15 来源：某某商报 点击数：1026", "2019-03-15", {"source": "某某商报"}),
    ("【发布日期:2015-08-24】 【来源:】 【阅读:次】", "2015-08-24", {}),
    ("2012-01", "2012-01", {}),
    ("2021年04月08日14:42  来源：金华新闻网", "2021-04-08", {"time": "14:42", "source": "金华新闻网"}),
])
def test_date_lines_in_their_common_forms(line, date, extra):
    parsed = datelines.parse_date_line(line)
    assert parsed["date"] == date
    for key, value in extra.items():
        assert parsed[key] == value


@pytest.mark.parametrize("line", ["2023年5月9日，玉环县总工会举行劳模工匠年度人物发布仪式。", "2月30日",
                                  "截至2015年7月底", "发布时间：2021-02-30"])
def test_a_sentence_or_an_impossible_date_is_no_date_line(line):
    assert datelines.parse_date_line(line) is None


@pytest.mark.parametrize("url, date", [
    ("https://epaper.example.com/html/2016-10/29/content_2567024.htm?div=-1", "2016-10-29"),
    ("http://news.example.com.cn/system/2013/08/14/016788338.shtml", "2013-08-14"),
    ("https://news.example.com.cn/news/201709/t20170912_5045254.shtml", "2017-09-12"),
    ("http://www.example.com/page/2018/0517/16639375.shtml", "2018-05-17"),
    ("https://www.example.cn/822/201810/19/181019084040134.shtml", "2018-10-19"),
    ("http://www.example.cn/art/2021/1/21/art_1229_5678.html", "2021-01-21"),
    ("http://www.example.cn/content/202110/09/c1234.html", "2021-10-09"),
    ("http://www.example.cn/Article/news/201610/4311.html", "2016-10"),
    ("http://www.example.cn/news/show.php?id=1234", None),
])
def test_dates_in_addresses(url, date):
    assert dates.url_date(url) == date


def test_a_dateline_day_takes_its_year_from_the_page():
    record = {"dateline": {"text": "本报杭州7月20日讯", "simplified": "本报杭州7月20日讯"}, "published": None}
    got = dates.attribute_date(record, [], None, {"url": "http://x.cn/news/2010/show_1.htm"}, None)
    assert (got["value"], got["precision"]) == ("2010-07-20", "day")
    # the page's own day (the issue date) is the publication date; the dateline's day is the report's
    got = dates.attribute_date(record, [], None, {"url": "http://x.cn/html/2010-07/21/content_1.htm"}, None)
    assert (got["value"], got["precision"]) == ("2010-07-21", "day")


def test_an_inferred_year_is_marked_and_never_shown_as_certain():
    got = dates.attribute_date({"dateline": None}, ["截至2015年7月底，全县已有"], None, {}, None)
    assert got["inferred"] and got["display"] == "2015 (inferred)"


# ---------------------------------------------------------------- e-paper labels and footers

def test_section_labels():
    assert datelines.parse_section_label("00003版：职业·教育") == {"page": "00003", "section": "职业·教育"}
    assert datelines.parse_section_label("第A3版：综合新闻")["page"] == "A3"
    label = datelines.parse_section_label("某某日报 2025年05月16日 第3版：要闻")
    assert (label["paper"], label["date"], label["page"]) == ("某某日报", "2025-05-16", "3")
    assert datelines.parse_section_label("全省工会第3版本的方案已印发。") is None


def test_a_footer_printed_over_several_lines_with_extra_fields():
    lines = [(1, "浙江日报 要闻 00002 我省31人获"), (2, "全国五一劳动奖章"),
             (3, "2017-04-28 3528690 2 2017年04月28日 星期五")]
    assert datelines.footer_lines(lines) == {3: [1, 2, 3]}
    footer = datelines.parse_footer(" ".join(t for _, t in lines))
    assert (footer["paper"], footer["page"], footer["date"]) == ("浙江日报", "00002", "2017-04-28")


def test_an_epaper_page_keeps_its_label_and_footer_out_of_the_headline():
    seg, _ = _segment("浙江工人日报 数字报纸\n\n00003版:人文\n\n某区公路局获“模范职工之家”\n\n"
                      "  近日，某区公路局工会被授予“全国模范职工之家”荣誉称号。\n\n"
                      "浙江工人日报 人文 00003 某区公路局获“模范职工之家” 2016-10-29 2 2016年10月29日 星期六")
    assert [a.headline.text for a in seg.articles] == ["某区公路局获“模范职工之家”"]
    assert seg.label["section"] == "人文" and seg.footer["date"] == "2016-10-29"


# ---------------------------------------------------------------- openings and credits

@pytest.mark.parametrize("text, dateline, names", [
    ("本报杭州7月20日讯 (记者 某某某 通讯员 某某) 车间里、工地上……", "本报杭州7月20日讯", ["某某某", "某某"]),
    ("本报讯（记者 叶某杰 倪某 通讯员 林某）4月28日上午，活动举行。", "本报讯", ["叶某杰", "倪某", "林某"]),
    ("某某新闻网讯 一瓶清凉的沐浴露……", "某某新闻网讯", []),
    ("5月25日消息，近日，某市总工会启动行动。", "5月25日消息，", []),
    ("新华社杭州4月28日电 4月28日，劳动者展示照片。", "新华社杭州4月28日电", []),
])
def test_opening_datelines_and_bracketed_bylines(text, dateline, names):
    opening = bylines.parse_opening(to_simplified(text))
    assert opening.dateline == dateline
    assert [n for c in opening.credits for n in c.names] == names


@pytest.mark.parametrize("text, names, role", [
    ("……送去防暑用品。（章某 陈某 摄）", ["章某", "陈某"], "photographer"),
    ("……免费测量血压。通讯员 季某 摄", ["季某"], "photographer"),
    ("……迎接屬於自己的節日。 新華社記者 金某快 攝", ["金某快"], "photographer"),
    ("……进行协商。（徐某 钱某）", ["徐某", "钱某"], "author"),
    ("……建立健康档案。（通讯员 陈某某）", ["陈某某"], "correspondent"),
])
def test_credits_at_the_end_of_a_paragraph(text, names, role):
    at, credit = bylines.parse_trailing_credit(to_simplified(text))
    assert credit.names == names and credit.role == role and at > 0


def test_a_byline_printed_on_its_own_line():
    credits = bylines.parse_byline_line("本报记者 林某 本报通讯员 王某霞")
    assert [(c.role, c.names) for c in credits] == [("reporter", ["林某"]), ("correspondent", ["王某霞"])]
    assert bylines.parse_byline_line("记者从省总工会了解到，全省工会") is None


def test_supplied_titles_come_from_the_opening_sentence():
    assert supplied_title("近日，某市总工会开设“剑瓷课堂”，邀请3名大师授课。") == "某市总工会开设“剑瓷课堂”，邀请3名大师授课"
    assert supplied_title("5月14日上午，某区总工会发布首批“模具工匠”名单，15名来自模具行业的技术骨干入选。") \
        == "某区总工会发布首批“模具工匠”名单"
    long = supplied_title("某市总工会日前联合市人力社保局、某技师学院启动“职工学历技能双提升”计划，今年将为500名职工")
    assert len(long) <= 31 and long.endswith("…") and long.count("“") == long.count("”")


# ---------------------------------------------------------------- layouts of pages

def test_wrap_detection_reads_sentence_ends_not_only_line_lengths():
    wrapped = _lines("\n".join(f"第{i}段落的文字在这里，被排版{i}断开" for i in range(12)))
    flowed = _lines("\n".join(["劳模工匠进校园", "4月27日，某市总工会邀请劳模走进中学。", "记者 某某 摄", ""] * 4))
    assert detect_wrapped(wrapped) and not detect_wrapped(flowed)


def test_a_photo_page_gives_one_story_per_captioned_photo():
    seg, _ = _segment("图片新闻\n\n某日，某市总工会慰问组来到大桥施工现场，为建筑工人送上绿豆汤。记者 某某 摄\n\n"
                      "某县总工会“清凉驿站”日前启用，户外劳动者可在此歇脚。通讯员 某某 摄\n\n"
                      "连日来，某县总工会走访多家企业，把清凉礼包送到职工手中。（章某 陈某 摄）")
    assert len(seg.articles) == 3
    assert all("photo_story" in a.flags for a in seg.articles)
    assert [b.name for b in seg.articles[2].bylines] == ["章某", "陈某"]


def test_a_roundup_column_gives_one_story_per_item():
    seg, _ = _segment("基层动态\n\n近日，龙泉市总工会开设“剑瓷课堂”，首期80名学员参加。\n\n"
                      "日前，安吉县总工会联合县人民医院为快递从业人员开展免费体检。\n\n"
                      "据悉，体检将覆盖全县200余名快递员。\n\n"
                      "嵊泗县总工会近日走访慰问坚守海岛岗位的灯塔职工。")
    assert len(seg.articles) == 3          # the 据悉 paragraph goes on with the item above
    assert seg.articles[1].body[-1].text.startswith("据悉")


def test_web_navigation_above_the_headline_is_set_aside():
    seg, cleaned = _segment("某市总工会\n首页|工会概况|工作动态|职工服务\n区总动态\n当前位置：首页 > 工作动态\n\n"
                            "市总工会召开产改现场推进会\n\n发布者：市总办公室 发布日期：2023-09-18\n\n"
                            "9月15日，某市总工会召开全市产业工人队伍建设改革现场推进会。")
    assert [a.headline.text for a in seg.articles] == ["市总工会召开产改现场推进会"]
    assert {s.text for s in seg.set_aside} >= {"区总动态"}


def test_a_date_line_above_the_headline_belongs_to_the_story_below():
    seg, _ = _segment("2012-01\n\n临海市总工会走访慰问困难职工\n\n本报讯 近日，临海市总工会开展走访慰问。")
    assert len(seg.articles) == 1
    assert seg.articles[0].headline.text == "临海市总工会走访慰问困难职工"
    assert seg.articles[0].published["date"] == "2012-01"


def test_a_paragraph_repeated_by_the_capture_is_set_aside_once():
    seg, _ = _segment("工会主席进车间宣讲\n\n近日，某市总工会主席来到车间宣讲精神。\n记者某某 摄\n"
                      "近日，某市总工会主席来到车间宣讲精神。\n记者某某 摄")
    assert len(seg.articles) == 1
    assert len(seg.set_aside) == 2


# ---------------------------------------------------------------- places

def _record(headline: str, opening: str, body: str = "") -> dict:
    return {"headline": {"simplified": headline}, "kicker": None, "subheadline": None, "dateline": None,
            "body": [{"kind": "paragraph", "simplified": opening + body}], "captions": [], "published": None}


def test_a_city_federation_acting_makes_a_city_level_story():
    g = load_gazetteer()
    got = places.attribute_place(_record("湖州市总工会启动职工疗休养", "10月8日，湖州市总工会在安吉县启动疗休养活动。"), g)
    assert got["primary"] == "huzhou"


def test_a_county_body_acting_keeps_its_county():
    g = load_gazetteer()
    got = places.attribute_place(_record("德清工会开展培训", "德清县总工会近日在舞阳街道开设培训班，湖州市总工会派员指导。"), g)
    assert got["primary"] == "huzhou-deqing"


def test_a_provincial_body_makes_a_province_wide_story_even_on_a_city_site():
    g = load_gazetteer()
    got = places.attribute_place(_record("省总工会印发意见", "近日，浙江省总工会印发意见。"), g, ["绍兴网"])
    assert got["primary"] == "zhejiang"


def test_a_county_site_is_evidence_for_its_county():
    g = load_gazetteer()
    got = places.attribute_place(_record("县总工会送清凉", "近日，县总工会带着夏令用品看望一线职工。"), g, ["松阳新闻网"])
    assert got["primary"] == "lishui-songyang"
    assert any(e["field"] == "site" for e in got["evidence"])


def test_the_outlet_is_read_from_the_address_when_the_sidecar_names_none():
    from build_tools.reference.outlets import outlet_from_url

    assert outlet_from_url("https://epaper.zjgrrb.com/html/2016-10/29/content_1.htm") == "zjgr"
    assert outlet_from_url("http://zjrb.zjol.com.cn/html/2010-07/21/content_4.htm") == "zjrb"
    assert outlet_from_url("https://zjnews.zjol.com.cn/zjnews/201709/t20170912_1.shtml") == "zjol"
    assert outlet_from_url("http://www.example.com/news/1.html") is None
    assert outlet_from_url(None) is None


# ---------------------------------------------------------------- rules added from the fresh sets

def test_a_kicker_over_a_headline_printed_on_two_lines():
    seg, _ = _segment("00002版：综合\n\n新就业形态劳动者服务再升级\n某区千名快递小哥\n有了“暖心驿站”\n\n"
                      "本报讯（记者 某某）昨天，某区总工会在商圈启用驿站。")
    art = seg.articles[0]
    assert art.kicker.text == "新就业形态劳动者服务再升级"
    assert art.headline.text == "某区千名快递小哥有了“暖心驿站”"


@pytest.mark.parametrize("line, kicker, headline", [
    ("一起“追星” 某市发布2023年劳模工匠年度人物", "一起“追星”", "某市发布2023年劳模工匠年度人物"),
    ("市总工会在某市启动“春风行动” 送岗位送服务到村口", None, "市总工会在某市启动“春风行动” 送岗位送服务到村口"),
])
def test_a_short_quoted_phrase_is_a_kicker_a_long_one_is_half_the_headline(line, kicker, headline):
    from build_tools.ingest.segment.titles import Piece, split_kicker

    found, head = split_kicker(Piece(line, line, [1]))
    assert (found.text if found else None, head.text) == (kicker, headline)


def test_a_papers_dated_masthead_line_is_a_date_line():
    parsed = datelines.parse_date_line("某某日报 2023年05月04日 星期四")
    assert (parsed["date"], parsed["source"]) == ("2023-05-04", "某某日报")


def test_a_copyright_notice_is_furniture_even_as_a_sentence():
    rule = web_furniture("本网所刊登的新闻信息和各种专题专栏资料，未经协议授权，禁止下载使用。")
    assert rule is not None and rule.kind == "copyright"


def test_a_bullet_before_a_long_sentence_is_an_item_not_a_section_head():
    from build_tools.ingest.segment.units import is_title_like

    assert is_title_like("◎在助推经济发展中建功立业", wrapped=False)
    assert not is_title_like("●11月17日，某县总工会走访慰问坚守一线的环卫职工，送上棉衣和慰问金。", wrapped=False)


def test_marked_titles_head_the_items_of_a_roundup():
    seg, _ = _segment("各地工会动态\n\n■岱山为海员建“流动书屋”\n  日前，岱山县总工会在渔港码头设立书屋。\n\n"
                      "■松阳茶农学习维权知识\n  10月12日，松阳县总工会在新兴镇举办讲座。")
    assert [a.headline.text for a in seg.articles] == ["岱山为海员建“流动书屋”", "松阳茶农学习维权知识"]


def test_a_byline_line_with_a_mark_opens_an_item():
    seg, _ = _segment("00003版：基层\n\n某县医护职工同台比武\n\n  本报讯 记者 陈某 日前，某县举办比武。\n\n  □通讯员 胡某\n\n"
                      "  日前，缙云县总工会在壶镇镇启动“送技能”活动。")
    assert len(seg.articles) == 2
    assert [b.name for b in seg.articles[1].bylines] == ["胡某"]


def test_a_photo_credit_ending_in_sheying_baodao():
    assert [c.names for c in bylines.parse_byline_line("记者 邵某 通讯员 杨某 摄影报道")] == [["邵某"], ["杨某"]]


def test_spam_glued_to_a_title_line_does_not_take_the_headline_with_it():
    cleaned = clean_lines(["某市总工会举办海岛单身职工联谊会_开元棋牌官网入口", "", "5月19日，某市总工会举办联谊会。"])
    assert cleaned.lines[0].text == "某市总工会举办海岛单身职工联谊会"
    assert "开元棋牌官网入口" in cleaned.trimmed[0].text


def test_a_government_sites_name_after_a_space_is_cut_from_the_title():
    assert split_title_line("县总工会启动“工会服务进万家”活动 某某县人民政府")[1] == "某某县人民政府"


def test_a_supplied_title_is_cited_in_square_brackets():
    from build_tools import evaluation
    from build_tools.pipeline import attributed
    from build_tools.records import story_record
    from build_tools.write.citations import all_formats, citation_data

    catalog = attributed(evaluation.DEV_CORPUS)
    page, article = next((p, a) for p in catalog.pages for a in p.articles if a.supplied_title)
    assert "supplied_title" in article.flags and article.headline is None
    cite = citation_data(story_record(article, page), None)
    assert cite["title_zh"] == f"[{article.supplied_title}]"
    for style, text in all_formats(cite).items():
        assert f"[{article.supplied_title}]" in text, style


def test_a_headline_date_line_and_text_run_together_on_one_line_are_read_apart():
    seg, _ = _segment("|\n县总工会到一线送清凉 来源: 某某新闻网 作者: 阙某 阙某某 编辑: 朱某 2013-08-14 某某新闻网讯 "
                      "一瓶清凉的沐浴露、一句关心的话语，像夏日里的凉风。7月31日上午，县总工会工作人员看望一线劳动者。")
    art = seg.articles[0]
    assert art.headline.text == "县总工会到一线送清凉"
    assert art.published["date"] == "2013-08-14"
    assert art.body[0].text.startswith("一瓶清凉的沐浴露")
    assert {n for e in art.elements() for n in e.lines} == {2}


def test_a_source_author_and_date_line_is_read_as_a_date_line_not_set_aside():
    assert web_furniture("来源：某某市总工会   作者：某某区总工会   发布时间：2021-01-21 10:04") is None
    assert web_furniture("来源：某某日报 作者：通讯员 某某").kind == "source"        # no date: furniture


def test_a_headline_repeated_in_the_footer_is_no_table_of_contents():
    seg, cleaned = _segment("某某日报 数字报纸\n\n00002版:要闻\n\n我省某某人获\n全国五一劳动奖章\n\n"
                            "  本报讯 (记者 某某) 4月27日上午，表彰大会在北京举行。\n\n\n"
                            "某某日报 要闻 00002 我省某某人获\n全国五一劳动奖章\n2017-04-28 3528690 2 2017年04月28日 星期五")
    assert seg.articles[0].headline.text == "我省某某人获 全国五一劳动奖章"
    assert not [r for r in cleaned.removed if "contents" in r.reason]


def test_our_province_in_a_provincial_papers_headline_makes_a_province_wide_story():
    got = places.attribute_place(_record("我省31人获全国五一劳动奖章", "4月27日上午，表彰大会在北京举行。"), load_gazetteer())
    assert got["primary"] == "zhejiang"


def test_the_sites_clock_is_never_the_publication_date():
    seg, _ = _segment("您好，欢迎来到某某商会网！\n2024年4月28日 星期日\n当前位置：首页 > 新闻动态\n\n"
                      "某某商会常务理事被评为浙江省劳动模范\n发布时间：2020.06.28 浏览次数：2264\n\n"
                      "4月30日，浙江省表彰劳模先进大会在杭州召开。")
    assert [a.published["date"] for a in seg.articles] == ["2020-06-28"]
    assert seg.articles[0].headline.text == "某某商会常务理事被评为浙江省劳动模范"
    assert any("clock" in s.reason for s in seg.set_aside)


def test_a_bare_date_first_on_a_page_without_a_labelled_one_is_its_date():
    seg, _ = _segment("2012-01\n\n临海市总工会走访困难职工\n\n本报讯 近日，临海市总工会开展走访。\n\n某某网版权所有")
    assert seg.articles[0].published["date"] == "2012-01"


def test_a_sites_greeting_is_furniture():
    assert web_furniture("您好，欢迎来到某某商会网！").kind == "greeting"


def test_on_a_one_article_epaper_page_the_footer_names_the_headline():
    seg, _ = _segment("某某日报 数字报纸\n\n00003版:文化宫\n\n奋进新征程 温暖在身边\n\n透过两大活动看某地“娘家人”的美好\n\n"
                      "  今年春节前夕，某市总工会推出两大暖心活动。\n\n\n"
                      "某某日报 文化宫 00003 奋进新征程 温暖在身边 2024-03-29 2 2024年03月29日 星期五")
    art = seg.articles[0]
    assert (art.kicker, art.headline.text) == (None, "奋进新征程温暖在身边".replace("温", " 温", 1))
    assert art.subheadline.text == "透过两大活动看某地“娘家人”的美好"


def test_a_site_clock_with_its_weekday_on_the_next_line_and_a_date_without_a_year():
    seg, cleaned = _segment("电子报阅读机\n2026-01-31\n星期六\n当前报纸名称:某州日报\n\n某州—某水劳模工匠\n交流合作活动开展\n\n"
                            "日期:09-12\n版面:第02版:要闻       上一篇    下一篇\n\n  记者  徐某\n\n"
                            "  本报讯  记者从市总工会获悉，近日，两地劳模工匠交流活动开展。")
    art = seg.articles[0]
    assert art.published is None and art.headline.text == "某州—某水劳模工匠 交流合作活动开展"
    assert {r.reason.split(":")[0] for r in cleaned.removed} >= {"e-paper furniture", "web furniture"}


def test_a_supplied_title_skips_a_leading_clause_of_purpose():
    assert supplied_title("为丰富外来务工子女的课余生活，某市总工会日前在某镇开设“四点半课堂”。") == "某市总工会日前在某镇开设“四点半课堂”"


def test_a_story_ending_with_its_bracketed_credit_is_not_truncated():
    seg, _ = _segment("本报讯 某市总工会日前开设“四点半课堂”，每周安排志愿者辅导作业。（记者 李某 通讯员 陈某）")
    assert "truncated" not in seg.articles[0].flags


# ---------------------------------------------------------------- the site's masthead and an e-paper's article list

def test_the_sites_name_over_the_headline_is_its_masthead_when_the_copyright_footer_prints_it():
    page = ("某某市总工会职工学校1\n\n工匠学堂开进车间\n\n来源:某某日报   作者:     2024/3/8  人气:15\n\n"
            "  3月6日，某某市总工会职工学校把课堂搬进了园区车间，40余名青年职工参加。\n\n"
            "返回】 【顶部】 【关闭\n\nCopyright @ 2013-2025 某某市总工会职工学校简介版权所有\n")
    stories, cleaned = _segment(page)
    assert [a.headline.text for a in stories.articles] == ["工匠学堂开进车间"]
    assert any(s.line == 1 and "copyright footer prints it" in s.reason for s in cleaned.removed)


def test_a_headline_that_starts_with_the_sites_name_stays_a_headline():
    page = ("某某市总工会举办职工运动会\n\n发布时间：2024-05-02  来源：某某市总工会\n\n"
            "  5月1日，某某市总工会在体育中心举办职工运动会，1200名职工参赛。\n\n"
            "版权所有：某某市总工会  浙ICP备00000000号\n")
    stories, _ = _segment(page)
    assert [a.headline.text for a in stories.articles] == ["某某市总工会举办职工运动会"]


def test_an_epaper_list_of_articles_closed_by_its_navigation_label_is_a_table_of_contents():
    page = ("第05版:综合新闻\n上一版  下一版\n \n一线送清凉\n快递小哥的“歇脚站”\n职工书屋又添新书\n \n版面导航\n \n"
            "上一期\n下一篇 2023年7月12日 放大 缩小 默认\n\n一线送清凉\n\n"
            "  7月10日，某某区总工会走进建筑工地，为200余名高温下作业的职工送去防暑用品。\n")
    stories, cleaned = _segment(page)
    assert [a.headline.text for a in stories.articles] == ["一线送清凉"]
    contents = {s.line for s in cleaned.removed if "table-of-contents" in s.reason}
    assert {4, 5, 6} <= contents


def test_a_governments_information_disclosure_table_is_furniture():
    for line in ("索 引 号  abc/2024-00017  发布机构  某某县人民政府办公室  公开日期  2024-08-27",
                 "文  号   主题分类  其他  失效日期"):
        rule = web_furniture(to_simplified(line))
        assert rule is not None and rule.kind == "disclosure"
    # a sentence that names one of the labels is text
    assert web_furniture("县总工会的发布机构是县融媒体中心。") is None


def test_the_sites_clock_label_is_furniture():
    for line in ("当前时间:", "当前时间：10:32:05", "北京时间 10:32"):
        rule = web_furniture(to_simplified(line))
        assert rule is not None and rule.kind == "clock"


def test_a_table_cells_border_after_the_text_is_cut():
    text, cut = cut_annotations("该区总工会为2000名一线职工送去了清凉防暑用品。 |")
    assert text == "该区总工会为2000名一线职工送去了清凉防暑用品。" and cut and "table cell" in cut[0][1]
    assert cut_annotations("首页 | 新闻 |")[1] == []


def test_in_flowed_text_the_list_of_links_under_the_last_paragraph_is_not_part_of_it():
    page = ("一线送清凉\n【发布日期:2024-07-20】 【来源:】 【作者:记者 某某】\n"
            "连日来，某某区总工会走访辖区企业，为一线职工送去清凉。此次活动惠及2000名职工。 |\n"
            "某某工会夏令营开营 职工子女开启研学之旅\n千年古镇 唱响新曲\n古韵老街 焕发新颜\n")
    stories, _ = _segment(page)
    assert len(stories.articles) == 1
    body = "".join(e.simplified for e in stories.articles[0].elements() if e.kind == "paragraph")
    assert body.endswith("此次活动惠及2000名职工。") and "夏令营" not in body


def test_another_provinces_union_is_not_this_provinces_body():
    g = load_gazetteer()
    assert places.provincial_body("山东省日照市某县总工会启动送温暖活动", g) is None
    assert places.provincial_body("山东省总工会举办职工运动会", g) is None
    assert places.provincial_body("受省总工会委托，市总工会走访劳模", g) == "省总工会"
    assert places.provincial_body("浙江省教育工会举办青年教师比赛", g) == "浙江省教育工会"


# ---------------------------------------------------------------- e-paper reader pages (date and navigation above the headline)

def test_an_epaper_readers_page_navigation_on_the_label_line_is_not_the_section():
    assert datelines.parse_section_label("第A13版:播 报 上一版3  4下一版") == {"page": "A13", "section": "播 报"}
    assert datelines.parse_section_label("第A7版:宁波新闻·综合 上一版3  4下一版")["section"] == "宁波新闻·综合"


@pytest.mark.parametrize("line, kind", [("某某晚报", "masthead"), ("某某商报", "masthead")])
def test_the_papers_name_alone_is_furniture(line, kind):
    rule = web_furniture(line)
    assert rule is not None and rule.kind == kind


def test_a_byline_spaced_out_letter_by_letter_is_a_byline():
    credits = bylines.parse_byline_line("记 者 房 伟")
    assert credits and credits[0].names == ["房伟"]


def test_a_bracketed_credit_for_text_and_photos_closes_the_story_not_a_caption():
    assert bylines.parse_credit_line("（某军 王某某 文/摄）")[0].role == "author and photographer"
    page = ("第A7版:综合 上一版3  4下一版\n标题导航\ndlrb\n \n2017年12月26日 星期二\n3 上一篇  下一篇 4 放大 缩小 默认\n\n"
            "“车轮上的工会”\n\n    昨天下午，某某区3000余位货运司机有了自己的工会联合会。\n\n"
            "    图①：货运司机在“司机之家”休息。\n\n    图②：区总工会向“司机之家”赠送图书。\n\n    (某军 王某某 文/摄)\n\n"
            "3 上一篇  下一篇 4 放大 缩小 默认\n   \n\n某某日报\n")
    stories, _ = _segment(page)
    assert [a.headline.text for a in stories.articles] == ["“车轮上的工会”"]
    assert stories.articles[0].published["date"] == "2017-12-26"


def test_a_date_line_above_the_headline_and_its_subheadline_on_a_reader_page():
    page = ("第A13版:播 报 上一版3  4下一版\n标题导航\ndlrb\n \n2016年12月16日 星期五\n3 上一篇 放大 缩小 默认\n\n"
            "市总工会开展送温暖活动\n\n连续12年送爱心报卡\n\n  \n\n  昨日上午，某某街道10名保洁职工代表领到了报卡。\n\n"
            "  据悉，市总工会“两节”送温暖活动也于昨日启动。\n\n  记 者 房 伟\n\n  通讯员 某某某\n\n"
            "3 上一篇 放大 缩小 默认\n   \n\n某某晚报\n")
    stories, _ = _segment(page)
    (story,) = stories.articles
    assert story.headline.text == "市总工会开展送温暖活动" and story.subheadline.text == "连续12年送爱心报卡"


def test_a_photo_credit_under_the_headline_does_not_keep_a_date_line_above_it_from_being_read_below():
    page = ("第A5版:特别报道 上一版3  4下一版\n标题导航\n \n2014年12月08日 星期一\n下一篇 4 放大 缩小 默认\n\n"
            "某某社区为务工者过节\n\n  记者 某某 摄\n\n"
            "  12月5日，某某社区近百名外来务工者齐聚一堂，共度外来务工者节。\n\n  当天下午，大家参观了新落成的博物馆。\n")
    stories, _ = _segment(page)
    (story,) = stories.articles
    assert story.headline.text == "某某社区为务工者过节" and story.published["date"] == "2014-12-08"


# ---------------------------------------------------------------- dates in words, news lists, app pages, notices

@pytest.mark.parametrize("line, date", [
    ("二〇一六年二月十八日　星期四", "2016-02-18"),          # a masthead's date in Chinese numerals
    ("一九八六年四月三十日", "1986-04-30"),
    ("二〇二一年十二月三十一日", "2021-12-31"),
    ("1986年4月30日某某日报 第2版", "1986-04-30"),          # a digitised archive's dated page line
    ("2023-07-12 16:081.2万+阅读", "2023-07-12"),          # an app's date, time and read count run together
    ("2023-07-12 16:08 3562阅读", "2023-07-12"),
])
def test_date_lines_in_words_with_a_page_or_with_a_read_count(line, date):
    assert datelines.parse_date_line(line)["date"] == date


def test_a_date_in_words_that_is_not_on_the_calendar_is_no_date():
    assert datelines.parse_date_line("二〇二一年二月三十日") is None


@pytest.mark.parametrize("line, page, section", [("第2版()", "2", ""), ("第3版（要闻）", "3", "要闻")])
def test_an_archive_readers_bracketed_page_label(line, page, section):
    assert datelines.parse_section_label(line) == {"page": page, "section": section}


@pytest.mark.parametrize("line, kind", [
    ("第8735期　今日8版", "masthead"), ("农历丙申年正月十一", "masthead"), ("某某新闻网网址：www.example.cn", "masthead"),
    ("台州市委市政府唯一官方新闻客户端", "share"), ("打开", "share"), ("打开某某客户端 阅读更多精彩内容", "share"),
    ("专栏:", "label"),
])
def test_masthead_app_banner_and_empty_label_lines_are_furniture(line, kind):
    rule = web_furniture(line)
    assert rule is not None and rule.kind == kind


def test_a_byline_with_its_outlet_before_the_role():
    credits = bylines.parse_credit_line("某某客户端记者 吴某某 通讯员 应某某")
    assert [(c.role, c.names) for c in credits] == [("reporter", ["吴某某"]), ("correspondent", ["应某某"])]
    assert bylines.parse_credit_line("某某社记者 吴某某")[0].names == ["吴某某"]


def test_a_news_list_with_a_date_after_each_title_is_one_story_per_item():
    page = ("某某市总工会\n首页 | 新闻中心 | 通知公告\n当前位置：首页 > 新闻中心\n\n"
            "市总工会部署今年“安康杯”竞赛    2022-06-14\n6月13日，市总工会召开推进会，部署今年竞赛工作，重点围绕建筑施工行业开展隐患排查……[详细]\n\n"
            "某某区总工会发放“清凉补贴”    2022-06-13\n近日，某某区总工会下拨专项资金，向环卫、快递等行业的户外劳动者发放补贴……[详细]\n\n"
            "共 12 条记录  第 1/2 页  首页 上一页 下一页 尾页\n")
    stories, _ = _segment(page)
    assert [(a.headline.text, a.published["date"]) for a in stories.articles] == [
        ("市总工会部署今年“安康杯”竞赛", "2022-06-14"), ("某某区总工会发放“清凉补贴”", "2022-06-13")]


def test_titles_with_dates_and_no_text_under_them_are_a_list_of_links():
    page = ("某某县总工会为环卫工人送清凉\n2023-07-12 16:08\n\n  连日来，某某县持续高温。县总工会为一线环卫工人送去绿豆汤和防暑药品，"
            "共计慰问职工300余人。\n\n相关阅读\n某某发布高温橙色预警 2023-07-11\n某某菜市场改造完成 2023-07-10\n"
            "某某公园新增健身步道 2023-07-09\n")
    stories, _ = _segment(page)
    (story,) = stories.articles
    assert story.headline.text == "某某县总工会为环卫工人送清凉"
    assert "菜市场" not in "".join(e.text for e in story.elements())
    assert any("菜市场" in s.text and "list of links" in s.reason for s in stories.set_aside)


def test_a_headline_is_not_run_into_the_text_across_its_date_and_author_line():
    page = ("某某县总工会\n首页 | 工会动态 | 通知公告\n您现在的位置：首页 >> 通知公告 >> 正文\n\n"
            "2018年度某某县“五一劳动奖章”拟推荐对象公示\n\n作者：县总工会办公室　　来源：本站原创　　点击数：417　　更新时间：\n\n"
            "　　根据市总工会的要求，经基层工会推荐，拟推荐以下2名同志为2018年度“五一劳动奖章”对象，现予以公示。\n\n"
            "　　吕某某　某某轴承有限公司数控车工\n　　梁某某　某某县人民医院护士长\n\n"
            "　　公示期为五个工作日。\n\n某某县总工会\n二〇一八年三月五日\n\n【打印此文】【关闭窗口】\n")
    stories, _ = _segment(page)
    (story,) = stories.articles           # the sign-off's date line opens no story of its own
    assert story.headline.text == "2018年度某某县“五一劳动奖章”拟推荐对象公示"


def test_three_whole_title_lines_are_kicker_headline_and_subheadline():
    page = ("“家门口”学技能 考证书 涨工资\n某某县首家镇级职工学校在某某镇开课\n首期120名职工报名参加电工、焊工培训\n\n本报记者 潘某某\n\n"
            "  本报讯 8月14日晚上7点，某某镇职工学校的两间教室里坐满了刚下班的职工。\n\n  据介绍，职工学校课程为期两个月。\n")
    stories, _ = _segment(page)
    (story,) = stories.articles
    assert (story.kicker.text, story.headline.text, story.subheadline.text) == (
        "“家门口”学技能 考证书 涨工资", "某某县首家镇级职工学校在某某镇开课", "首期120名职工报名参加电工、焊工培训")


def test_a_list_page_of_summaries_cut_short_is_one_story_per_summary():
    page = ("首页 | 资讯 | 地方 | 专题\n当前位置：首页 > 地方 > 第7页\n\n某某：工会“和事佬”化解工资纠纷\n"
            "近日，某某区总工会设立的“和事佬”调解室成功调解一起拖欠工资纠纷，帮助12名木工拿回工资..\n\n"
            "某某：古城职工书屋对外开放\n4月20日，某某市总工会建成的职工书屋正式对外开放，职工和游客都可以免费阅读……[详细]\n\n"
            "上一页 1 2 3 下一页\n")
    stories, _ = _segment(page)
    assert [a.headline.text for a in stories.articles] == ["某某：工会“和事佬”化解工资纠纷", "某某：古城职工书屋对外开放"]


@pytest.mark.parametrize("line", ["注册时间: 2017-05-02", "最后登录: 2024-01-09", "在线时间: 6120(时)", "发帖: 98214",
                                  "[ 此帖被某某在2021-03-18 09:47重新编辑 ]"])
def test_a_forum_posters_profile_and_edit_note_are_furniture_not_dates(line):
    assert datelines.parse_date_line(line) is None
    rule = web_furniture(line)
    assert rule is not None and rule.kind == "forum"


def test_a_forum_posts_own_date_line():
    assert datelines.parse_date_line("楼主 发表于: 2021-03-18")["date"] == "2021-03-18"


# ---------------------------------------------------------------- WeChat articles and app shares

@pytest.mark.parametrize("line, author", [
    ("原创 某某工会 某某市总工会 2023-07-12 18:30 发表于浙江", "某某工会 某某市总工会"),
    ("某某市总工会 2023-07-12 18:30 发表于浙江", "某某市总工会"),
    ("原创 2023-07-12", None),
])
def test_a_wechat_articles_meta_line_is_its_date_line(line, author):
    parsed = datelines.parse_date_line(line)
    assert parsed["date"] == "2023-07-12" and parsed.get("author") == author


def test_a_sentence_with_a_date_is_no_wechat_meta_line():
    assert datelines.parse_date_line("原创 这是一句很长的话，不是作者 2023-07-12") is None


@pytest.mark.parametrize("line", ["收录于合集 #工会动态 32个", "#工会动态 #职工服务", "在看 12", "END", "- END -",
                                  "点击蓝字关注我们", "首页"])
def test_wechat_and_navigation_furniture(line):
    assert web_furniture(line) is not None


def test_a_partner_networks_credit_in_a_byline():
    credits = bylines.parse_credit_line("某某客户端 记者 王某某 共享联盟·某某 李某某")
    assert [(c.role, c.names) for c in credits] == [("reporter", ["王某某"]), ("partner correspondent", ["李某某"])]


def test_a_wechat_article_page():
    page = ("某某市总工会为新就业形态劳动者送清凉\n\n原创 某某工会 某某市总工会 2023-07-12 18:30 发表于浙江\n\n"
            "收录于合集 #工会动态 32个\n\n7月11日，某某市总工会来到城区多个骑手驿站，为外卖骑手、快递小哥送去绿豆和防暑药品。\n\n"
            "市总工会相关负责人表示，今年夏季“送清凉”活动将持续到8月底。\n\nEND\n\n来源：某某市总工会\n编辑：王某某\n\n阅读原文\n阅读 1520\n在看 12\n")
    stories, _ = _segment(page)
    (story,) = stories.articles
    assert story.headline.text == "某某市总工会为新就业形态劳动者送清凉" and story.published["date"] == "2023-07-12"


def test_an_accounts_name_before_a_date_and_time_is_a_meta_line_not_a_title():
    assert datelines.parse_date_line("某某工会 2020-08-21 18:05") == {
        "date": "2020-08-21", "text": "某某工会 2020-08-21 18:05", "author": "某某工会", "time": "18:05"}
    assert datelines.parse_date_line("某某工会 2020-08-21") is None          # no time: a list item, not a meta line


def test_a_short_kicker_over_the_news_headline():
    page = ("某某晚报网 | 首页 | 本地\n当前位置：首页 > 本地新闻\n\n高温下的一份牵挂\n某某区总工会为环卫工人送上免费“爱心午餐”\n"
            "【发布日期：2016-07-29】 【来源：某某晚报】\n连日来，每到中午11点，某某街道一家快餐店门口就排起了穿橙色工作服的队伍。"
            "环卫工人凭工作证即可免费领取一份午餐。\n")
    stories, _ = _segment(page)
    (story,) = stories.articles
    assert (story.kicker.text, story.headline.text) == ("高温下的一份牵挂", "某某区总工会为环卫工人送上免费“爱心午餐”")


def test_a_headline_over_its_subheadline_stays_so():
    page = ("某某县总工会举办职工技能大赛\n\n300名职工同台比武\n\n本报讯（记者 某某）5月10日，某某县总工会举办职工技能大赛。\n")
    stories, _ = _segment(page)
    (story,) = stories.articles
    assert story.headline.text == "某某县总工会举办职工技能大赛" and story.subheadline.text == "300名职工同台比武"
