"""Incremental builds: nothing changed, nothing read again and no Markdown file rewritten; one source changed,
only that source read and attributed again."""
import pytest

from build_tools.attribute.story import attribute_catalog
from build_tools.ingest.stage import ingest
from build_tools.translate.memory import Memory
from build_tools.write.pages import write_site
from tests.bench.corpus import generate


def build(tmp_path):
    catalog = ingest(tmp_path / "sources", record=True, cache_dir=tmp_path / "cache" / "ingest")
    attribute_catalog(catalog, cache_dir=tmp_path / "cache" / "attribute")
    changed = write_site(catalog, tmp_path / "docs", memory=Memory())
    return catalog, changed


@pytest.fixture
def corpus(tmp_path):
    generate(60, tmp_path / "sources", seed=7)
    return tmp_path


def test_a_rebuild_with_nothing_changed_reads_and_rewrites_nothing(corpus):
    first, written = build(corpus)
    assert first.cache.misses == len(first.pages) and written > len(first.articles)
    # the first build recorded identifiers in the sidecars, and cached each page under its sidecar's new key
    stamps = {p: p.stat().st_mtime_ns for p in (corpus / "docs").rglob("*.md")}
    again, written = build(corpus)
    assert again.cache.misses == 0 and again.cache.hits == len(again.pages)
    assert written == 0
    assert {p: p.stat().st_mtime_ns for p in (corpus / "docs").rglob("*.md")} == stamps
    assert [a.attribution for a in again.articles] == [a.attribution for a in first.articles]


def test_changing_one_source_reads_only_that_source(corpus):
    build(corpus)
    build(corpus)
    source = sorted((corpus / "sources").glob("*.txt"))[3]
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("。", "。新增一句。", 1), encoding="utf-8")
    catalog, written = build(corpus)
    assert catalog.cache.misses == 1
    changed_stories = [a for a in catalog.articles if a.source == source.name]
    assert 1 <= written <= 4 * len(changed_stories)     # at most each story's page and its three citation files


def test_a_rebuild_with_nothing_changed_translates_nothing(corpus, tmp_path_factory):
    """With a (tiny, real) model: the first build translates every sentence, the second sends none to the engine
    and rewrites no page."""
    import shutil
    import zipfile
    from types import SimpleNamespace

    from build_tools.records import catalog_records
    from build_tools.settings import TRANSLATIONS
    from build_tools.translate.engine import Engine
    from build_tools.translate.machine import translate_records
    from tests.translate_model import build_model

    models = tmp_path_factory.mktemp("model")
    with zipfile.ZipFile(build_model(models / "tiny.argosmodel")) as z:
        z.extractall(models / "packages")
    [package] = [p for p in (models / "packages").iterdir() if p.is_dir()]
    engine = Engine(SimpleNamespace(package_path=str(package)))
    memory_dir = corpus / "translations"
    memory_dir.mkdir()
    shutil.copy(TRANSLATIONS / "glossary.yaml", memory_dir / "glossary.yaml")
    runs, written = [], []
    for _ in range(3):
        catalog = ingest(corpus / "sources", record=True, cache_dir=corpus / "cache" / "ingest")
        attribute_catalog(catalog, cache_dir=corpus / "cache" / "attribute")
        memory = Memory.load(memory_dir)
        runs.append(translate_records(catalog_records(catalog)["stories"], memory, memory_dir, engine))
        written.append(write_site(catalog, corpus / "docs", memory=memory))
    assert runs[0].translated > 300 and runs[0].engine_calls >= 1
    assert runs[-1].translated == 0 and runs[-1].engine_calls == 0 and not runs[-1].pending
    assert written[-1] == 0
