"""The YAML that curators and editors write (sidecars, translation memory, glossary), read strictly.

Safe YAML, with three refusals: no anchors or aliases (a 1 KB file of nested aliases expands to gigabytes: an
"alias bomb"), no key given twice in one mapping (PyYAML keeps the last one silently), and dates stay text
(PyYAML would turn 2021-02-30 into a crash and 2021-04-08 into a date). Every refusal names the line.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from build_tools.errors import ArchiveError, DataError


class StrictYAMLError(yaml.YAMLError):
    def __init__(self, message: str, line: int | None, hint: str | None = None):
        super().__init__(message)
        self.message, self.line, self.hint = message, line, hint


class StrictLoader(yaml.SafeLoader):
    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise StrictYAMLError(f"alias *{event.anchor}: aliases are not allowed here", event.start_mark.line + 1,
                                  "write the value out in full instead of referring to an anchor")
        if getattr(event, "anchor", None):
            raise StrictYAMLError(f"anchor &{event.anchor}: anchors are not allowed here", event.start_mark.line + 1,
                                  "write each value out in full; remove the &anchor")
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        seen: dict = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.get(key)
            except TypeError:
                raise StrictYAMLError(f"a key must be text or a number, not {type(key).__name__}",
                                      key_node.start_mark.line + 1) from None
            line = key_node.start_mark.line + 1
            if first is not None:
                raise StrictYAMLError(f"key '{key}' is given twice: lines {first} and {line}", line,
                                      "keep one of the two; YAML would silently use the last one")
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


StrictLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def decode(data: bytes, name: str, error: type[ArchiveError] = DataError) -> str:
    """The text of a curated file, which must be UTF-8 (a BOM is allowed)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise error(name, f"not UTF-8 (byte 0x{data[err.start]:02X} at offset {err.start})", line=line,
                    hint="save the file as UTF-8 (most editors: 'Save with encoding')") from None


def read(path, name: str | None = None, error: type[ArchiveError] = DataError) -> str:
    """Read a curated file: a folder where a file should be, or bytes that are not UTF-8, are errors."""
    path = Path(path)
    name = name or str(path)
    if path.is_dir():
        raise error(name, "is a folder, not a YAML file", hint="remove or rename the folder")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise error(name, f"cannot be read: {err.strerror}") from None
    return decode(data, name, error)


def load(text: str, name: str, error: type[ArchiveError] = DataError):
    """(data, node): the parsed value and its composed node (for finding lines). Raises `error` naming the line."""
    loader = StrictLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except StrictYAMLError as err:
        raise error(name, err.message, line=err.line, hint=err.hint) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise error(name, f"not valid YAML: {getattr(err, 'problem', None) or err}",
                    line=mark.line + 1 if mark else None) from None
    except RecursionError:
        raise error(name, "nested too deeply to be read", line=None) from None
    finally:
        loader.dispose()
    return data, node


def line_of(node, *path) -> int | None:
    """The line of the value at `path` (keys and list indexes) in a composed node; the nearest line known."""
    line = node.start_mark.line + 1 if node is not None else None
    for step in path:
        if isinstance(node, yaml.MappingNode):
            match = next(((k, v) for k, v in node.value if k.value == str(step)), None)
            if match is None:
                return line
            line, node = match[0].start_mark.line + 1, match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            node = node.value[step]
            line = node.start_mark.line + 1
        else:
            return line
    return line
