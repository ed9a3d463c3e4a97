"""Synthetic corpora for benchmarks: N stories made by recombining real sentences of the seed stories into new
pages with the seeds' structure (several stories per page, headline, byline, captions, section heads), with
places drawn from the gazetteer and dates drawn from 2015-2024. Deterministic for a given seed."""
from __future__ import annotations

import random
import re
from pathlib import Path

from build_tools.reference.gazetteer import load_gazetteer
from build_tools.ingest.stage import ingest
from build_tools.settings import SOURCES

SURNAMES = "王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高罗郑梁谢宋唐许邓冯韩曹曾彭萧蔡潘田董袁于余叶蒋杜苏魏程吕丁沈任姚卢钟"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅鹏飞雪琳晨浩宇轩然"
ACTIONS = ["开展职工技能竞赛", "走访慰问困难职工", "举办劳模工匠培训班", "推进产业工人队伍建设改革", "开展送温暖活动",
           "成立新就业形态联合工会", "推进职工医疗互助保障扩面", "开展工会法普法宣传", "举办职工文体活动",
           "建立城际间维权合作机制"]


def seed_material():
    catalog = ingest(SOURCES, record=False)
    sentences, headlines, captions, heads = [], [], [], []
    for a in catalog.articles:
        if a.script == "Hant":
            continue
        if a.headline:
            headlines.append(a.headline.simplified)
        captions += [c.simplified for c in a.captions]
        for e in a.body:
            if e.kind == "section_head":
                heads.append(e.simplified)
            else:
                sentences += [s for s in re.findall(r"[^。！？]+[。！？]”?", e.simplified) if 12 <= len(s) <= 120]
    return sorted(set(sentences)), sorted(set(headlines)), sorted(set(captions)), sorted(set(heads))


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def generate(n_stories: int, folder: Path, seed: int = 2026) -> int:
    """Write pages holding n_stories stories into `folder`; returns the number of pages."""
    rng = random.Random(seed)
    sentences, headlines, captions, heads = seed_material()
    counties = sorted((p for p in load_gazetteer().places.values() if p.level == "county"), key=lambda p: p.id)
    folder.mkdir(parents=True, exist_ok=True)
    written, page = 0, 0
    while written < n_stories:
        page += 1
        per_page = min(rng.randint(3, 9), n_stories - written)
        year = rng.randint(2015, 2024)
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        lines: list[str] = []
        for _ in range(per_page):
            county = rng.choice(counties)
            place = county.zh
            tail = rng.choice(ACTIONS)
            if rng.random() < 0.3:
                lines += [rng.choice(captions), ""]
            lines += [f"{place}总工会 {tail}", ""]
            body = [f"本报讯 记者{_name(rng)} 通讯员{_name(rng)}报道 近日，{place}总工会" + rng.choice(sentences)]
            for p in range(rng.randint(2, 8)):
                if p and rng.random() < 0.15:
                    body.append(rng.choice(heads))
                body.append("".join(rng.choice(sentences) for _ in range(rng.randint(1, 4))))
            for paragraph in body:
                lines += [paragraph, ""]
            written += 1
        stem = f"synthetic_{page:06d}"
        (folder / f"{stem}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        (folder / f"{stem}.yaml").write_text(f"outlet: zjgr\ndate: \"{date}\"\npage: {rng.randint(1, 8)}\n",
                                             encoding="utf-8")
    return page
