"""Bytes → text. Detects the encoding (and says which), splits lines on any line ending, refuses binary data.

A file is either read whole and correctly or not at all: there is no lossy fallback.
"""
from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from build_tools.chinese import to_simplified
from build_tools.errors import SourceError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8 with BOM"),
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32LE with BOM"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32BE with BOM"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16LE with BOM"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16BE with BOM"),
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Control characters that never occur in text captures (tab, LF, CR, FF are fine).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str          # a human-readable name: "UTF-8", "GB18030", "Big5", "UTF-16LE with BOM" …
    line_ending: str       # "LF", "CRLF", "CR", "mixed" or "none"
    sha256: str
    lines: list[str]


def read_source(path: Path, display: str | None = None) -> Decoded:
    """Read a source file. Raises SourceError naming the file (and line) when it cannot be read."""
    name = display or str(path)
    data = Path(path).read_bytes()
    return decode_source(data, name)


def decode_source(data: bytes, name: str) -> Decoded:
    if not data.strip():
        raise SourceError(name, "the file is empty", hint="re-capture the page, or remove the file from sources/")
    text, encoding = _decode(data, name)
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise SourceError(
            name, f"binary data: control character U+{ord(bad.group()):04X} is not text", line=line,
            hint="this does not look like a text capture; export the page as plain text")
    lines = _LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return Decoded(text=text, encoding=encoding, line_ending=_line_ending(text),
                   sha256=hashlib.sha256(data).hexdigest(), lines=lines)


def _decode(data: bytes, name: str) -> tuple[str, str]:
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec.replace("-sig", "")), label
            except UnicodeDecodeError as err:
                raise _undecodable(name, data, err, label) from None
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise SourceError(name, "binary data: NUL byte in a file without a UTF-16 byte-order mark", line=line,
                          hint="if this is UTF-16 text, save it with a BOM; otherwise it is not a text capture")
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as utf8_error:
        first_error = utf8_error
    candidates = []
    for codec, label, common in (("gb18030", "GB18030", _common_gb), ("big5", "Big5", _common_big5)):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        candidates.append((common(text), label, text))
    candidates.sort(key=lambda c: c[0], reverse=True)
    if candidates and candidates[0][0] >= 0.6:
        score, label, text = candidates[0]
        return text, label
    raise _undecodable(name, data, first_error, "UTF-8, GB18030 or Big5")


def _undecodable(name: str, data: bytes, err: UnicodeDecodeError, tried: str) -> SourceError:
    line = data.count(b"\n", 0, err.start) + 1
    return SourceError(
        name, f"cannot be decoded as {tried} (byte 0x{data[err.start]:02X} at offset {err.start})", line=line,
        hint="convert the file to UTF-8, or check that it is a text capture and not a binary file")


def _common_gb(text: str) -> float:
    """Share of letters among GB2312 level 1 (the 3,755 most common Simplified characters) or their
    Traditional forms (GBK text may be Traditional)."""
    return _share(text, lambda c: _in_range(c, "gb2312", 0xB0A1, 0xD7F9)
                  or _in_range(to_simplified(c), "gb2312", 0xB0A1, 0xD7F9))


def _common_big5(text: str) -> float:
    """Share of Chinese characters among Big5 level 1 (the 5,401 common Traditional ones)."""
    return _share(text, lambda c: _in_range(c, "big5", 0xA440, 0xC67E))


def _share(text: str, common) -> float:
    # Letters beyond Latin (CJK, kana, Cyrillic, Greek …): mis-decoded Chinese is full of the wrong ones.
    chars = [c for c in text if c.isalpha() and ord(c) > 0x24F]
    if not chars:
        return 0.0
    return sum(1 for c in chars if common(c)) / len(chars)


def _in_range(char: str, codec: str, low: int, high: int) -> bool:
    try:
        encoded = char.encode(codec)
    except UnicodeEncodeError:
        return False
    return len(encoded) == 2 and low <= int.from_bytes(encoded, "big") <= high


def _line_ending(text: str) -> str:
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [k for k, n in (("CRLF", crlf), ("CR", cr), ("LF", lf)) if n]
    if not kinds:
        return "none"
    return kinds[0] if len(kinds) == 1 else "mixed"
