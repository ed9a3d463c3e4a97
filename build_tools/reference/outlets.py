"""The papers and sites our sources come from (build_tools/data/outlets.yaml), by the key a sidecar names, or by
the domain of the address a page was captured from when the sidecar names none (the longest matching domain)."""
from __future__ import annotations

import functools
from urllib.parse import urlsplit

from build_tools.data_files import load_yaml


def outlets() -> dict[str, dict]:
    return load_yaml("outlets.yaml")


def outlet(key: str | None, known_from: str | None = None) -> dict | None:
    """{key, zh, en, pinyin, kind …} of an outlet, or None when the key is empty."""
    if not key:
        return None
    info = {k: v for k, v in outlets().get(key, {}).items() if k != "domains"}
    return {"key": key, **({"known_from": known_from} if known_from else {}), **info}


@functools.lru_cache(maxsize=1)
def _domains() -> list[tuple[str, str]]:
    pairs = [(d.lower(), key) for key, info in outlets().items() for d in info.get("domains") or []]
    return sorted(pairs, key=lambda p: len(p[0]), reverse=True)


def outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    return next((key for domain, key in _domains() if host == domain or host.endswith("." + domain)), None)


def outlet_key(sidecar) -> tuple[str | None, str]:
    """(outlet key, how it is known: "sidecar", "address" or "unknown")."""
    if sidecar.get("outlet"):
        return sidecar.get("outlet"), "sidecar"
    key = outlet_from_url(sidecar.get("url"))
    return (key, "address") if key else (None, "unknown")
