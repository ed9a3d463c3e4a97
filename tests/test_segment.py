"""Segmentation of the five seed pages into their 21 stories, and of pages the seeds do not contain."""
from build_tools.ingest.clean import clean_lines
from build_tools.ingest.segment import segment_page
from build_tools.ingest.stage import ingest
from build_tools.settings import SOURCES


def _body_span(article):
    lines = sorted({n for e in article.body + article.byline_elements + ([article.dateline] if article.dateline else [])
                    for n in e.lines})
    return lines[0], lines[-1]


def score(catalog, gold):
    found = {(a.source, *_body_span(a), a.headline.text if a.headline else None) for a in catalog.articles}
    right = [g for g in gold if (g["file"], g["start"], g["end"], g["headline"]) in found]
    return len(right), [g for g in gold if g not in right]


def test_seed_pages_give_exactly_the_21_stories(seed_catalog, gold):
    assert len(seed_catalog.articles) == 21
    right, wrong = score(seed_catalog, gold)
    assert right == 21, wrong
    per_file = {}
    for a in seed_catalog.articles:
        per_file[a.source[:3]] = per_file.get(a.source[:3], 0) + 1
    assert per_file == {"000": 2, "001": 8, "002": 9, "003": 1, "004": 1}


def test_automatic_segmenter_without_corrections_scores_at_least_18_of_21(gold, capsys):
    catalog = ingest(SOURCES, record=False, use_corrections=False)
    right, wrong = score(catalog, gold)
    with capsys.disabled():
        print(f"\nautomatic segmenter (sidecar corrections off): {right}/21 stories right"
              + "".join(f"\n  missed: {w['file']} {w['headline']}" for w in wrong))
    assert right >= 18


def _story(catalog, headline_start):
    return next(a for a in catalog.articles if a.headline and a.headline.text.startswith(headline_start))


def test_captions_truncation_and_photo_story(seed_catalog):
    xinchang = _story(seed_catalog, "积极推进职工素质提升")
    assert xinchang.kicker.text == "新昌县总工会"
    assert [c.lines[0] for c in xinchang.captions] == [5, 9, 13]
    assert "truncated" in xinchang.flags
    assert "truncated" not in _story(seed_catalog, "四个“到位”").flags
    laba = _story(seed_catalog, "师傅，喝碗腊八粥")
    assert "photo_story" in laba.flags
    assert [(b.name, b.role, b.role_zh) for b in laba.bylines] == [("翁婷婷", "photographer", "摄")]
    for head in ("嘉兴南湖工会", "玉环发布"):
        assert "truncated" in _story(seed_catalog, head).flags


def test_headlines_printed_after_their_story_find_it(seed_catalog):
    dq = _story(seed_catalog, "从“1”到“N”")
    assert dq.subheadline.text == "德清县钟管镇总工会以竞赛促发展助成长"
    assert [c.text for c in dq.captions] == ["钟管镇举行焊工技能大赛。"]
    assert dq.body[0].text.startswith("钟管镇是德清县的工业重镇")
    js = _story(seed_catalog, "“一体化”思维")
    assert js.subheadline.text.startswith("嘉善县总工会融入")
    assert js.captions[0].lines == [392]
    cixi = _story(seed_catalog, "宁波慈溪工会")
    assert cixi.anchor == 403
    sanmen = _story(seed_catalog, "三门县总工会")
    assert sanmen.anchor == 239 and "photo_story" not in sanmen.flags
    page = next(p for p in seed_catalog.pages if p.path.startswith("001"))
    assert [e.text for e in page.banner][-1] == "全省工会劳动和技能竞赛工作典型展示（二）"


def test_kickers_subheadlines_columns(seed_catalog):
    binjiang = _story(seed_catalog, "“国际滨”")
    assert binjiang.kicker.text == "“守好红色根脉·班前十分钟活动”"
    assert binjiang.subheadline.text == "“班前十分钟”带来“红色回响”"
    assert _story(seed_catalog, "省电力工会").column.text == "工会“小灵通”"
    assert _story(seed_catalog, "永嘉县第一届").kicker.text == "匠心筑业 永创嘉技"
    assert _story(seed_catalog, "浦江县委总工会").kicker.text == "“材料交窗口 一切由我来办”"
    anji = _story(seed_catalog, "凝心聚力助发展")
    assert anji.subheadline.text == "安吉县总工会创新服务让职工有更多获得感"
    assert [(b.name, b.role) for b in anji.bylines] == [("周建巨", "author")]
    assert [e.text for e in anji.body if e.kind == "section_head"][0] == "在助推经济发展中建功立业"


def test_bylines_with_roles(seed_catalog):
    lucheng = _story(seed_catalog, "温州鹿城")
    assert [(b.name, b.role_zh) for b in lucheng.bylines] == [("邹伟锋", "记者"), ("郑雪", "通讯员"), ("周丽丽", "通讯员")]
    assert lucheng.dateline.text == "本报讯"
    # the byline was wrapped over a blank line in the middle of a name (郑 / 雪)
    assert lucheng.body[0].text.startswith("“感谢你留在鹿城过年，")
    wucheng = _story(seed_catalog, "金華婺城")
    assert [(b.name, b.role) for b in wucheng.bylines] == [("周垚", "author")]
    assert {k: v for k, v in wucheng.published.items() if k != "line"} == {"date": "2021-04-08", "time": "14:42",
                                                                           "source": "金华新闻网"}
    assert wucheng.published["line"] == wucheng.dateline.text
    assert wucheng.kicker.text == "暢通晉升通道 保障工人權益 優化制度環境"
    assert wucheng.script == "Hant"


def test_wrapped_lines_rejoin_without_spaces_between_chinese_characters(seed_catalog):
    lucheng = _story(seed_catalog, "温州鹿城")
    assert "拜个早年" in lucheng.body[0].text and " " not in lucheng.body[0].text
    assert lucheng.body[0].lines == [7, 8, 9, 10, 11, 12, 14, 15, 16]


def _segment(text):
    cleaned = clean_lines(text.split("\n"))
    return segment_page(cleaned.lines, cleaned.script)


def test_a_new_page_with_headlines_above_bylines():
    seg = _segment("\n".join([
        "衢州柯城工会举办职工运动会", "", "本报讯 记者王小明 通讯员李华报道 近日，柯城区总工会举办第五届职工运动会。", "",
        "来自全区的800名职工参加比赛。", "", "龙游县总工会开展送清凉活动", "",
        "本报讯 通讯员陈静报道 入夏以来，龙游县总工会为一线职工送去清凉。", ""]))
    assert [a.headline.text for a in seg.articles] == ["衢州柯城工会举办职工运动会", "龙游县总工会开展送清凉活动"]
    assert [len(a.body) for a in seg.articles] == [2, 1]
    assert [b.name for b in seg.articles[0].bylines] == ["王小明", "李华"]


def test_markdown_and_html_in_a_source_are_kept_as_text():
    seg = _segment("**加粗** <script>alert(1)</script>\n\n本报讯 记者王小明报道 正文里有 [链接](javascript:alert(1)) 和 {{ x }}。")
    article = seg.articles[0]
    assert article.headline.text == "**加粗** <script>alert(1)</script>"
    assert article.body[0].text == "正文里有 [链接](javascript:alert(1)) 和 {{ x }}。"
