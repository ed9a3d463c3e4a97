"""Sidecars are validated: every mistake is an error naming the file, the key and the line."""
import pytest

from build_tools.errors import SidecarError
from build_tools.ingest.stage import ingest
from tests.conftest import write_source

PAGE = "温州鹿城工会走访送关怀\n\n本报讯 记者邹伟锋报道 连日来，鹿城区总工会走访慰问困难职工。\n"


@pytest.mark.parametrize("sidecar, message", [
    ("outlet: zjgr\nheadlines: x\n", r"p\.yaml:2: unknown key 'headlines'"),
    ("outlet: zjgr\npage: two\n", r"p\.yaml:2: key 'page' must be a whole number, not str"),
    ("outlet: nowhere\n", r"p\.yaml:1: key 'outlet': unknown outlet 'nowhere'"),
    ("outlet: zjgr\ndate: 2021-02-30\n", r"p\.yaml:2: date: '2021-02-30' is not a real date"),
    ("outlet: zjgr\ndate: April 2021\n", r"p\.yaml:2: date: 'April 2021' is not a date"),
    ("outlet: zjgr\ncorrections:\n  - {lines: 99, role: headline}\n",
     r"p\.yaml:3: corrections\[0\]\.lines: line 99 does not exist \(the source has 3 lines\)"),
    ("outlet: zjgr\ncorrections:\n  - {lines: 2, role: headline}\n", r"corrections\[0\]\.lines: line 2 of the source is blank"),
    ("outlet: zjgr\ncorrections:\n  - {lines: 1, role: hedline}\n", r"corrections\[0\]\.role: unknown role 'hedline'"),
    ("outlet: zjgr\ncorrections:\n  - {lines: 1, role: headline, why: x}\n", r"corrections\[0\]: unknown key 'why'"),
    ("outlet: zjgr\noverrides:\n  zjgr-000000: {place: x}\n", r"overrides: 'zjgr-000000' is not a story of this source"),
    ("outlet: [zjgr\n", r"p\.yaml:\d+: not valid YAML"),
    ("- just a list\n", r"p\.yaml:1: must be a mapping"),
])
def test_broken_sidecars_name_file_key_and_line(tmp_path, sidecar, message):
    write_source(tmp_path, "p.txt", PAGE, sidecar)
    with pytest.raises(SidecarError, match=message):
        ingest(tmp_path, record=False)


def test_a_valid_sidecar_with_corrections_and_overrides(tmp_path):
    write_source(tmp_path, "p.txt", PAGE, "outlet: zjgr\ndate: 2021-01\npage: 2\nsection: 综合新闻\n")
    catalog = ingest(tmp_path, record=True)
    story_id = catalog.articles[0].id
    sidecar = (tmp_path / "p.yaml").read_text(encoding="utf-8")
    assert f"id: {story_id}, line: 3" in sidecar
    again = ingest(tmp_path, record=True)
    assert again.articles[0].id == story_id
    assert (tmp_path / "p.yaml").read_text(encoding="utf-8") == sidecar    # nothing new: sidecar untouched
