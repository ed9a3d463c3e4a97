"""A small story record for the unit tests of write/ (a string in, a value out)."""
from __future__ import annotations

import copy

from build_tools.records import Records, StoryRecord
from build_tools.translate.memory import Memory, Segment, segment_hash

BASE = {
    "id": "zjgr-0a0b0c", "url": "stories/zjgr-0a0b0c/",
    "source": {"file": "page.txt", "sha256": "0" * 64, "lines": [3, 9], "anchor": 3},
    "outlet": {"key": "zjgr", "zh": "浙江工人日报", "en": "Zhejiang Workers' Daily", "pinyin": "Zhejiang Gongren Ribao"},
    "via": None, "script": "Hans", "page_banner": "劳模风采",
    "kicker": None, "column": {"text": "工会“小灵通”", "simplified": "工会“小灵通”", "lines": [2]},
    "headline": {"text": "鹿城区总工会走访职工", "simplified": "鹿城区总工会走访职工", "lines": [3]},
    "subheadline": None, "dateline": {"text": "本报讯", "simplified": "本报讯", "lines": [5]}, "published": None,
    "bylines": [{"name": "邹伟锋", "name_simplified": "邹伟锋", "role": "reporter", "role_zh": "记者", "lines": [5],
                 "pinyin": ""}],
    "body": [{"kind": "paragraph", "text": "近日，鹿城区总工会走访职工。", "simplified": "近日，鹿城区总工会走访职工。",
              "lines": [5, 6]},
             {"kind": "section_head", "text": "送去关怀", "simplified": "送去关怀", "lines": [7]}],
    "captions": [{"text": "走访现场。", "simplified": "走访现场。", "lines": [9]}],
    "flags": ["photo_story"], "content_hash": "abc",
    "attribution": {
        "place": {"primary": "wenzhou-lucheng", "town": None, "score": 10.0, "source": "automatic",
                  "evidence": [{"field": "headline", "text": "鹿城区", "weight": 10}], "mentioned": []},
        "themes": [{"slug": "worker-assistance", "score": 3, "keywords": ["走访"]}],
        "date": {"value": "2021-04-08", "precision": "day", "display": "April 8, 2021", "source": "sidecar",
                 "evidence": ["printed 2021-04-08"]},
        "people": [{"name": "邹伟锋", "pinyin": "Zou Weifeng", "role": "reporter", "role_en": "Reporter",
                    "role_zh": "记者"}],
        "bodies": [], "page": 3, "section": "要闻", "corrected": []},
}


def record(**changes) -> StoryRecord:
    data = copy.deepcopy(BASE)
    data.update(changes)
    return StoryRecord.from_dict(data)


def records(*stories: StoryRecord) -> Records:
    stories = stories or (record(),)
    sources = {}
    for r in stories:
        sources.setdefault(r.source["file"], {"file": r.source["file"], "sidecar": {"url": "http://example.org/p"},
                                              "stories": []})["stories"].append(r.id)
    return Records(list(sources.values()), list(stories))


def memory(english: dict[str, str], provenance: str = "reference") -> Memory:
    return Memory({segment_hash(zh): Segment(hash=segment_hash(zh), zh=zh, en=en, provenance=provenance,
                                             engine="Argos" if provenance == "machine" else "",
                                             model="zh_en 1.9" if provenance == "machine" else "")
                   for zh, en in english.items()})
