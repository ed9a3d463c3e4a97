"""Reading: every encoding we meet is read correctly and said; anything else stops with the file and line."""
import codecs

import pytest

from build_tools.errors import SourceError
from build_tools.ingest.read import decode_source

TEXT = "本报讯 记者邹伟锋报道 温州市鹿城区总工会走访慰问困难职工55户。\n第二段：职工参保人数达2万余人。\n"
TRAD = "金華婺城打造高技能高素質產業工人隊伍\n產業工人隊伍建設是實施科教興國、人才強國、創新驅動發展戰略的重要支撐。\n"


@pytest.mark.parametrize("data, encoding", [
    (TEXT.encode("utf-8"), "UTF-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "UTF-8 with BOM"),
    (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "UTF-16LE with BOM"),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "UTF-16BE with BOM"),
    (TEXT.encode("gb18030"), "GB18030"),
    (TEXT.encode("gbk"), "GB18030"),
])
def test_simplified_text_in_every_encoding(data, encoding):
    decoded = decode_source(data, "x.txt")
    assert decoded.encoding == encoding
    assert decoded.lines == TEXT.splitlines()


def test_big5_is_told_from_gbk():
    decoded = decode_source(TRAD.encode("big5"), "t.txt")
    assert decoded.encoding == "Big5"
    assert decoded.lines == TRAD.splitlines()
    # and the same Traditional text in GB18030 is still read as GB18030
    assert decode_source(TRAD.encode("gb18030"), "t.txt").encoding == "GB18030"


@pytest.mark.parametrize("ending, name", [("\r\n", "CRLF"), ("\r", "CR"), ("\n", "LF")])
def test_line_endings(ending, name):
    decoded = decode_source(TEXT.replace("\n", ending).encode(), "x.txt")
    assert decoded.line_ending == name
    assert decoded.lines == TEXT.splitlines()


def test_empty_file_is_an_error_naming_the_file():
    with pytest.raises(SourceError, match=r"^empty\.txt: the file is empty"):
        decode_source(b" \n\n", "empty.txt")


def test_binary_file_is_an_error_naming_file_and_line():
    with pytest.raises(SourceError, match=r"^pic\.txt:3: binary data: NUL byte"):
        decode_source(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "pic.txt")
    with pytest.raises(SourceError, match=r"^ctl\.txt:2: binary data: control character U\+0007"):
        decode_source("正文\n坏\x07行\n".encode(), "ctl.txt")


def test_undecodable_file_names_the_line():
    data = "第一行\n第二行\n".encode() + b"\xff\xfe\xfa\xfb\x80\x81\n"
    with pytest.raises(SourceError, match=r"^bad\.txt:3: cannot be decoded"):
        decode_source(data, "bad.txt")
