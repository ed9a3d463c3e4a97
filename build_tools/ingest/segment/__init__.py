"""Segmentation: the cleaned lines of one page → its stories, in four parts: `units` (lines → paragraphs, titles,
credits, date lines; layout), `titles` (title groups and their roles), `matching` (title groups → stories) and
`page` (where stories open, photo pages, roundups, web navigation, and each story's fields). The rules and
thresholds are data: build_tools/data/segmentation.yaml, read once into `rules.Rules`."""
from build_tools.ingest.segment.page import Segmentation, segment_page
from build_tools.ingest.segment.rules import Rules, rules
from build_tools.ingest.segment.titles import supplied_title
from build_tools.ingest.segment.units import detect_wrapped, ends_sentence

__all__ = ["Rules", "Segmentation", "detect_wrapped", "ends_sentence", "rules", "segment_page", "supplied_title"]
