"""Errors that stop the build. Each names the file (and line, where there is one) and says what to do."""
from __future__ import annotations


class ArchiveError(Exception):
    """A problem in the archive's inputs; the message is meant for the person running the build."""

    def __init__(self, path, message: str, line: int | None = None, hint: str | None = None):
        self.path = str(path)
        self.line = line
        self.message = message
        self.hint = hint
        where = f"{self.path}:{line}" if line else self.path
        text = f"{where}: {message}"
        if hint:
            text += f"\n  → {hint}"
        super().__init__(text)


class SourceError(ArchiveError):
    """A source file cannot be read (binary, undecodable, empty)."""


class SidecarError(ArchiveError):
    """A sidecar YAML file is malformed or refers to something that does not exist."""


class DataError(ArchiveError):
    """An editorial data file (gazetteer, themes, glossary …) is malformed."""
