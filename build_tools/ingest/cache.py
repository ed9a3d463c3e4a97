"""Incremental ingestion: a source page whose bytes, sidecar and reading code are unchanged is not read again.

The cache key is a hash of the source file, its sidecar, and the code and data that read it; the value is the
SourcePage as pickled after reading. A rebuild with one changed source reads that source only."""
from __future__ import annotations

import functools
import hashlib
import pickle
from pathlib import Path

from build_tools.files import write_atomic
from build_tools.data_files import digest_files
from build_tools.settings import DATA, PACKAGE

# What reading a page depends on besides the page itself: change any of these and every page is read again.
_CODE = sorted((PACKAGE / "ingest").rglob("*.py")) + [PACKAGE / "articles.py"] + [
    DATA / name for name in ("cleaning.yaml", "segmentation.yaml", "outlets.yaml", "roles.yaml")]


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    return digest_files(_CODE)


def page_key(source: Path, sidecar: Path, display: str, use_corrections: bool) -> str:
    digest = hashlib.sha256()
    digest.update(source.read_bytes())
    digest.update(b"\0" + (sidecar.read_bytes() if sidecar.is_file() else b"-"))
    digest.update(f"\0{display}\0{use_corrections}\0{code_version()}".encode())
    return digest.hexdigest()


class PageCache:
    def __init__(self, folder: Path | None):
        self.folder = Path(folder) if folder else None
        self.hits = 0
        self.misses = 0

    def get(self, key: str):
        if self.folder is None:
            return None
        path = self.folder / f"{key}.pickle"
        if path.exists():
            try:
                page = pickle.loads(path.read_bytes())
                if not hasattr(page, "articles") or not hasattr(page, "sidecar"):
                    raise ValueError("not a page")
            except Exception:   # corrupt, or written by other code: discard it and read the source again
                path.unlink(missing_ok=True)
                return None
            self.hits += 1
            return page
        return None

    def put(self, key: str, page) -> bytes | None:
        """Store a page just read; returns what was stored (for `rekey`)."""
        self.misses += 1
        if self.folder is None:
            return None
        data = pickle.dumps(page, protocol=pickle.HIGHEST_PROTOCOL)
        write_atomic(self.folder / f"{key}.pickle", data)
        return data

    def rekey(self, data: bytes, key: str, sidecar) -> None:
        """The page stored as `data` once more, under the key of its sidecar as the build rewrote it (new identifiers
        appended to its register), so that the next build, with nothing changed, finds it."""
        if self.folder is None:
            return
        page = pickle.loads(data)
        page.sidecar = sidecar
        write_atomic(self.folder / f"{key}.pickle", pickle.dumps(page, protocol=pickle.HIGHEST_PROTOCOL))
