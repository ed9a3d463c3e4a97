"""The papers and sites our sources come from (build_tools/data/outlets.yaml), by the key a sidecar names."""
from __future__ import annotations

from build_tools.data_files import load_yaml


def outlets() -> dict[str, dict]:
    return load_yaml("outlets.yaml")


def outlet(key: str | None) -> dict | None:
    """{key, zh, en, pinyin, kind …} of an outlet, or None when the key is empty."""
    return {"key": key, **outlets().get(key, {})} if key else None
