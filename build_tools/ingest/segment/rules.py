"""The segmentation rules as one frozen object, read once from build_tools/data/segmentation.yaml."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from build_tools.data_files import load_yaml
from build_tools.errors import DataError
from build_tools.settings import DATA


@dataclass(frozen=True)
class Rules:
    page_banners: tuple[re.Pattern, ...]
    columns: tuple[re.Pattern, ...]
    section_marks: str
    max_title_length: int
    max_caption_length: int
    roundup_columns: re.Pattern
    continuation_openers: re.Pattern
    navigation_reason: str
    duplicate_reason: str
    clock_reason: str
    link_list_reason: str
    supplied_max_length: int
    supplied_drop: re.Pattern
    supplied_drop_clause: re.Pattern
    wrap_min_lines: int
    wrap_median_max: int
    wrap_line_min: int
    wrap_sentence_end_share: float
    flowed_title_max: int
    fragment_min_length: int
    fragment_min_count: int
    fragment_share: float
    couplet_min: int
    kicker_couplet_max: int
    kicker_rest_min: int
    column_max: int
    adjacency_bonus: float
    match_threshold: float
    duplicate_window: int
    duplicate_min_length: int
    credit_min_offset: int
    broken_headline_max: int
    kicker_quote_max: int
    match_window: int


def _number(name: str, value) -> int | float:
    field = Rules.__dataclass_fields__.get(name)
    if field is None:
        raise DataError(DATA / "segmentation.yaml", f"thresholds.{name}: unknown threshold",
                        hint=f"known: {', '.join(f for f in Rules.__dataclass_fields__)}")
    return float(value) if field.type == "float" else int(value)


@functools.lru_cache(maxsize=1)
def rules() -> Rules:
    data = load_yaml("segmentation.yaml")
    numbers = data["thresholds"]
    return Rules(
        page_banners=tuple(re.compile(p) for p in data["page_banners"]),
        columns=tuple(re.compile(p) for p in data["columns"]),
        section_marks=data["section_marks"],
        max_title_length=int(data["max_title_length"]),
        max_caption_length=int(data["max_caption_length"]),
        roundup_columns=re.compile(data["roundup_columns"]),
        continuation_openers=re.compile(data["continuation_openers"]),
        navigation_reason=data["navigation_reason"],
        duplicate_reason=data["duplicate_reason"],
        clock_reason=data["clock_reason"],
        link_list_reason=data["link_list_reason"],
        supplied_max_length=int(data["supplied_title"]["max_length"]),
        supplied_drop=re.compile(data["supplied_title"]["drop_opening"]),
        supplied_drop_clause=re.compile(data["supplied_title"]["drop_clause"]),
        **{name: _number(name, value) for name, value in numbers.items()},
    )
