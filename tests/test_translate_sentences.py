"""Splitting Chinese into sentences: stops, quotations and brackets, and nothing lost."""
from build_tools.translate.sentences import split_sentences


def test_stops_end_sentences():
    assert split_sentences("他来了。她走了！真的？是的；好……完") == ["他来了。", "她走了！", "真的？", "是的；好……", "完"]
    assert split_sentences("是的；好。", semicolon_split=3) == ["是的；", "好。"]


def test_a_quotation_stays_whole_with_its_closing_mark():
    text = "“这款绞盘可在50米内实现高速。我们正在申请认证。”4月7日，张小彬正在调试。"
    assert split_sentences(text) == ["“这款绞盘可在50米内实现高速。我们正在申请认证。”", "4月7日，张小彬正在调试。"]


def test_stops_inside_titles_and_brackets_do_not_split():
    text = "下发了《关于做好工作的通知。》（附件。）文件。然后"
    assert split_sentences(text) == ["下发了《关于做好工作的通知。》（附件。）文件。", "然后"]


def test_a_quote_that_never_closes_does_not_swallow_the_paragraph():
    assert split_sentences("他说“好。后面的句子。再一句。") == ["他说“好。", "后面的句子。", "再一句。"]


def test_splitting_loses_nothing_on_the_seeds(seed_catalog):
    count = 0
    for article in seed_catalog.articles:
        for element in article.elements():
            sentences = split_sentences(element.text)
            assert "".join(sentences) == element.text
            count += len(sentences)
    assert count > 300
