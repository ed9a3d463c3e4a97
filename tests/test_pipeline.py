"""End to end through ingestion: nothing lost, and any encoding of the same page gives the same stories."""
import re
import shutil

from build_tools.ingest.page import claims
from build_tools.ingest.stage import ingest
from build_tools.settings import SOURCES


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_line_is_in_exactly_one_place(seed_catalog):
    for page in seed_catalog.pages:
        owners = claims(page)
        for line in page.lines:
            if not line.raw.strip(" \t\u00a0\u3000"):
                continue
            assert len(set(owners.get(line.number, []))) == 1, (page.path, line.number, owners.get(line.number))
        for item in page.cleaning + page.set_aside:
            assert item.reason, (page.path, item.line)


def test_every_character_of_a_story_line_is_shown_in_that_story(seed_catalog):
    """The text of a story's source lines, in order, is exactly the text of its fields, in order."""
    for page in seed_catalog.pages:
        for article in page.articles:
            fields = "".join(_squash(e.source_text) for e in sorted(
                article.elements(), key=lambda e: (e.lines[0], e.lines[-1])))
            lines = "".join(_squash(page.lines[n - 1].text) for n in article.lines())
            assert sorted(fields) == sorted(lines), (page.path, article.id)


def test_set_aside_lines_are_the_spam_and_web_furniture(seed_catalog):
    aside = {(p.path[:3], s.line) for p in seed_catalog.pages for s in p.cleaning + p.set_aside}
    assert aside == {("004", 1), ("004", 11), ("004", 63), ("004", 65)}


def test_the_same_pages_in_gb18030_and_big5_give_the_same_stories(tmp_path):
    """A page re-encoded in GB18030 (CRLF) or Big5 (CR) gives the same stories as the same text in UTF-8."""
    for name, codec, ending in (("000_19d790e2fccd3540", "gb18030", "\r\n"), ("004_c28fbfe3f88c8fcb", "big5", "\r")):
        # Big5 cannot hold every character of the page (the spam line is Simplified): compare like with like
        text = (SOURCES / f"{name}.txt").read_text(encoding="utf-8").replace("\u00a0", " ")
        text = text.encode(codec, errors="replace").decode(codec)
        for folder, data in (("utf8", text.encode("utf-8")), ("legacy", text.replace("\n", ending).encode(codec))):
            (tmp_path / folder).mkdir(exist_ok=True)
            (tmp_path / folder / f"{name}.txt").write_bytes(data)
            shutil.copy(SOURCES / f"{name}.yaml", tmp_path / folder / f"{name}.yaml")
    utf8 = ingest(tmp_path / "utf8", record=False)
    legacy = ingest(tmp_path / "legacy", record=False)
    assert [(p.encoding, p.line_ending) for p in legacy.pages] == [("GB18030", "CRLF"), ("Big5", "CR")]
    assert len(legacy.articles) == 3
    assert [(a.id, a.content_hash) for a in legacy.articles] == [(a.id, a.content_hash) for a in utf8.articles]
