"""People and bodies: reporters, correspondents, photographers and authors in pinyin (surname first), and the
union bodies a story names as actors, in English."""
from __future__ import annotations

import functools
import re

from pypinyin import lazy_pinyin

from build_tools.data_files import load_yaml
from build_tools.reference import roles
from build_tools.reference.gazetteer import Gazetteer


@functools.lru_cache(maxsize=1)
def _names():
    return load_yaml("people.yaml")


def name_pinyin(name: str) -> str:
    """邹伟锋 → Zou Weifeng; 曾晨路 → Zeng Chenlu; 欧阳修 → Ouyang Xiu."""
    data = _names()
    surname_len = 2 if name[:2] in data["compound_surnames"] and len(name) > 2 else 1
    surname, given = name[:surname_len], name[surname_len:]
    readings = data["surname_readings"]
    sur = readings.get(surname) or "".join(lazy_pinyin(surname)).capitalize()
    giv = "".join(lazy_pinyin(given)).capitalize()
    return f"{sur} {giv}".strip() if given else sur


def people(record: dict) -> list[dict]:
    out = []
    for b in record["bylines"]:
        simplified = b.get("name_simplified") or b["name"]
        out.append({"name": b["name"], "pinyin": name_pinyin(simplified), "role": b["role"],
                    "role_en": roles.label(b["role"]), "role_zh": b["role_zh"]})
    return out


def bodies(record: dict, gazetteer: Gazetteer) -> list[dict]:
    """Union bodies named in the headline, kicker, subheadline or opening paragraph (the story's actors)."""
    data = _names()
    fields = [record[k]["simplified"] for k in ("headline", "kicker", "subheadline") if record.get(k)]
    paragraphs = [e["simplified"] for e in record["body"] if e["kind"] == "paragraph"]
    fields += paragraphs[:1]
    found: dict[str, dict] = {}
    for text in fields:
        for zh, en in sorted(data["bodies"].items(), key=lambda kv: -len(kv[0])):
            if zh in text and not any(zh in k for k in found):
                found[zh] = {"zh": zh, "en": en}
        for m in gazetteer.find(text):
            rest = text[m.start + len(m.text):]
            suffix = re.match(r"(县|区|市|镇)?(总工会|工会)", rest)
            place = gazetteer[m.place]
            if not suffix or not place.in_zhejiang:
                continue
            zh = m.text + suffix.group(0)
            if any(zh in k for k in found):
                continue
            en_place = place.en_short if place.level != "province" else "Zhejiang Provincial"
            found[zh] = {"zh": zh, "en": f"{en_place} {data['union_suffixes'][suffix.group(2)]}", "place": place.id}
    unique: dict[str, dict] = {}
    for body in found.values():
        unique.setdefault(body["en"], body)      # 省电力工会 and 浙江省电力工会 are one body
    return list(unique.values())
