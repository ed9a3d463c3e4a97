"""Shared fixtures. Tests never write into the repository: sources are copied to temporary folders."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from build_tools.ingest.stage import ingest
from build_tools.settings import ROOT, SOURCES

TESTS = Path(__file__).resolve().parent


@pytest.fixture(scope="session")
def seed_catalog():
    return ingest(SOURCES, record=False)


@pytest.fixture(scope="session")
def gold():
    return yaml.safe_load((TESTS / "data" / "seed_gold.yaml").read_text(encoding="utf-8"))["stories"]


@pytest.fixture
def sources_copy(tmp_path) -> Path:
    """A private copy of sources/ (texts and sidecars) that a test may change."""
    dest = tmp_path / "sources"
    shutil.copytree(SOURCES, dest)
    return dest


def write_source(folder: Path, name: str, text: str | bytes, sidecar: str | None = "outlet: zjgr\n") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    if sidecar is not None:
        path.with_suffix(".yaml").write_text(sidecar, encoding="utf-8")
    return path


__all__ = ["ROOT", "write_source"]
