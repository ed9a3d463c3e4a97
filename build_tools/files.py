"""Writing files so that rebuilds are cheap and reproducible and a file is either the old one or the new one,
never half of either.

The new content goes to a temporary file in the same folder (so the rename stays on one file system), is flushed
to disk, and is renamed over the old file with `os.replace`, which is atomic. A disk that fills up, a killed build
or a failing write leaves the old file as it was, and no temporary file behind.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path, content: str | bytes, sync: bool = True) -> None:
    """Replace `path` with `content` atomically. With `sync` (the default) the data is on disk before the rename,
    so a power cut leaves the old file or the new one; without it (the generated pages of docs/, rebuilt from
    the inputs at will), the rename is still atomic against a failed or killed build."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    if sync:
        _sync_folder(path.parent)


def write_if_changed(path: Path, text: str, sync: bool = True) -> bool:
    """Leave a file (and its modification time) alone when its content is unchanged. True if written."""
    path = Path(path)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    write_atomic(path, text, sync=sync)
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
