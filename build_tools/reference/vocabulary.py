"""The archive's vocabulary: words of the field, places, themes and union bodies that a Chinese word segmenter
must keep whole (for search at build time, and for the glossary's word boundaries before translation)."""
from __future__ import annotations

from build_tools.data_files import load_yaml
from build_tools.reference.gazetteer import load_gazetteer
from build_tools.reference.themes import taxonomy

# Words of the field that jieba would otherwise split; the glossary adds more.
FIELD_TERMS = ["总工会", "工会", "劳模工匠", "劳模", "工匠", "娘家人", "产改", "产业工人", "技能竞赛", "劳动竞赛",
               "医疗互助", "互助保障", "困难职工", "送温暖", "留下过年", "腊八粥", "农创客", "职工之家", "创新工作室",
               "职业技能大赛", "金秋助学", "五一劳动奖章", "立功竞赛", "技能人才", "高技能人才", "工会法"]


def field_words() -> set[str]:
    words = set(FIELD_TERMS)
    words.update(n for n in load_gazetteer().names() if len(n) >= 2)
    for t in taxonomy()["themes"]:
        words.add(t["zh"])
        words.update(k for k in t["keywords"] if len(k) >= 2)
    words.update(load_yaml("people.yaml")["bodies"])
    return words
