"""The attribute stage: place, themes, date, people and bodies for every story; the story records are built here."""
from __future__ import annotations

from build_tools.attribute.report import attribution_report
from build_tools.attribute.story import attribute_catalog  # noqa: F401 (pipeline.attributed uses it)
from build_tools.files import write_if_changed
from build_tools.records import Records
from build_tools.settings import ATTRIBUTE_CACHE, ATTRIBUTION_REPORT, Settings


def run(catalog, settings: Settings) -> tuple[Records, str]:
    """The stage: attribute every article of an ingested catalog; return the story records and the attribution
    report (also written into settings.out)."""
    settings.say(f"attributing {len(catalog.articles)} stories")
    records = attribute_catalog(catalog, cache_dir=settings.cache_dir(ATTRIBUTE_CACHE))
    report = attribution_report(catalog)
    write_if_changed(settings.report(ATTRIBUTION_REPORT), report)
    return records, report
