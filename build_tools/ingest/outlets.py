"""Which paper or site a page comes from: the sidecar's `outlet`, else the outlet whose domain ends the host of the
sidecar's `url` (build_tools/data/outlets.yaml, `domains`). A page from an unknown site has no outlet."""
from __future__ import annotations

import functools
from urllib.parse import urlsplit

from build_tools.data_files import load_yaml


@functools.lru_cache(maxsize=1)
def _domains() -> list[tuple[str, str]]:
    pairs = [(d.lower(), key) for key, info in load_yaml("outlets.yaml").items() for d in info.get("domains") or []]
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
