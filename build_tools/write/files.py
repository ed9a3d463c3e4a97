"""Writing files so that rebuilds are cheap and reproducible."""
from __future__ import annotations

from pathlib import Path

from build_tools.atomic import write_atomic


def write_if_changed(path: Path, text: str, sync: bool = True) -> bool:
    """Leave a file (and its modification time) alone when its content is unchanged. True if written."""
    path = Path(path)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    write_atomic(path, text, sync=sync)
    return True
