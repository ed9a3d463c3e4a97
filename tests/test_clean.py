"""Cleaning: spam and web furniture set aside with a reason, indentation and punctuation normalised, script kept."""
from build_tools.ingest.clean import clean_lines, detect_script, normalise_punctuation


def test_spam_and_furniture_are_set_aside_with_reasons():
    raw = ["性无码免费一区二区三区在线,亚洲午夜久久久久久av", "", "原標題:婺城打造高技能高素質產業工人隊伍",
           "正文第一段。", "(責編:艾宇韜、康夢琦)", "原創推薦"]
    cleaned = clean_lines(raw)
    reasons = {r.line: r.reason for r in cleaned.removed}
    assert reasons[1].startswith("SEO spam")
    assert "原标题" in reasons[3] and "责编" in reasons[5] and "原创推荐" in reasons[6]
    assert [ln.text for ln in cleaned.lines if ln.text] == ["正文第一段。"]
    # reversible: the raw text of every removed line is kept
    assert [r.text for r in cleaned.removed][0] == raw[0]


def test_a_line_with_one_spam_word_is_not_spam():
    cleaned = clean_lines(["亚洲杯职工足球赛在杭州开幕。"])
    assert not cleaned.removed


def test_indentation_with_nbsp_and_ideographic_space_is_stripped():
    cleaned = clean_lines(["\u00a0\u00a0產業工人隊伍建設", "\u3000\u3000第二段", "\u00a0"])
    assert [ln.text for ln in cleaned.lines] == ["產業工人隊伍建設", "第二段", ""]


def test_ascii_punctuation_between_chinese_is_made_full_width_and_numbers_are_not():
    assert normalise_punctuation("南湖30个集体,34名职工获表彰")[0] == "南湖30个集体，34名职工获表彰"
    assert normalise_punctuation("2021年04月08日14:42 来源:金华")[0] == "2021年04月08日14:42 来源：金华"
    assert normalise_punctuation("外省县(市、区)总工会")[0] == "外省县（市、区）总工会"
    assert normalise_punctuation("1,000 workers (English)")[0] == "1,000 workers (English)"


def test_traditional_script_is_kept_with_a_simplified_copy():
    cleaned = clean_lines(["金華婺城打造高技能高素質產業工人隊伍"])
    assert cleaned.script == "Hant"
    line = cleaned.lines[0]
    assert line.text == "金華婺城打造高技能高素質產業工人隊伍"
    assert line.simplified == "金华婺城打造高技能高素质产业工人队伍"
    assert detect_script(["温州市鹿城区总工会走访慰问困难职工"]) == "Hans"
