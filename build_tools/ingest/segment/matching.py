"""Segmentation, part three: title groups matched to the stories they head, by the rare character pairs they
share, with a bonus for standing right above a story (so that headlines printed after their story find it)."""
from __future__ import annotations

import bisect
import math
import re
from collections import Counter

from build_tools.chinese import HAN
from build_tools.ingest.segment.rules import rules
from build_tools.ingest.segment.titles import Group


def _bigrams(text: str) -> set[str]:
    chars = re.sub(f"[^{HAN}A-Za-z0-9]", "", text)
    return {chars[i:i + 2] for i in range(len(chars) - 1)}


def match_groups(groups: list[Group], story_texts: list[str], adjacency_bonus: float | None = None,
                 threshold: float | None = None, story_lines: list[int] | None = None) -> dict[int, int]:
    """Assign title groups to stories: group index → story index. Greedy on shared rare character pairs.
    With `story_lines` (the first line of each story), a group is only compared with the stories printed near
    it (`match_window` stories on each side): linear in the size of the page, not quadratic."""
    adjacency_bonus = rules().adjacency_bonus if adjacency_bonus is None else adjacency_bonus
    threshold = rules().match_threshold if threshold is None else threshold
    story_grams = [_bigrams(t) for t in story_texts]
    df = Counter(g for grams in story_grams for g in grams)
    n = len(story_texts)
    scores = []
    for gi, group in enumerate(groups):
        grams = _bigrams(group.simplified)
        weight = {g: math.log((n + 1) / (df.get(g, 0) + 0.5)) for g in grams}
        total = sum(weight.values()) or 1.0
        for si in _nearby(group, story_lines, n):
            sg = story_grams[si]
            score = sum(w for g, w in weight.items() if g in sg) / total
            if group.before_story == si:
                score += adjacency_bonus
            scores.append((score, -abs(group.first_line), gi, si))
    scores.sort(reverse=True)
    taken_groups: dict[int, int] = {}
    taken_stories: set[int] = set()
    for score, _, gi, si in scores:
        if score < threshold or gi in taken_groups or si in taken_stories:
            continue
        taken_groups[gi] = si
        taken_stories.add(si)
    return taken_groups


def _nearby(group: Group, story_lines: list[int] | None, n: int) -> range:
    """The stories a title group may belong to: those within the window around where it is printed."""
    window = rules().match_window
    if story_lines is None or n <= 2 * window + 1:
        return range(n)
    at = bisect.bisect_left(story_lines, group.first_line)
    return range(max(0, at - window), min(n, at + window + 1))
