"""Scale run of :func:`onegrid.processing.analysis.change.grid_change_impact` against a
geopandas peer.

Data: the cached synthetic district (:func:`onegrid.benchmarks.district.cached_district`):
2,000 base grids, 50,000 buildings and 500,000 people at scale 1.0. The new version moves the
boundary between 10 % of the base grids and a neighbour: for each of ``grids / 20`` disjoint
pairs of neighbouring grids (same community) the strip of the second grid within
:data:`STRIP_M` metres of the first is given to the first (seeded).

Ours: ``grid_change_impact(old, new, "grid_code", {"buildings", "people"})``.

Peer: what one writes with geopandas: the records' points (buildings' representative
points) ``geopandas.sjoin``-ed with the old grids and with the new grids
(``predicate="intersects"``, first grid per record), then the two grid codes compared. Both
must find the same moved records (checked).

Run alone: ``.venv/bin/python -m onegrid.benchmarks.bench_grid_change_impact [scale]``.
"""
import json
import sys
import time

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ..processing.analysis.change import grid_change_impact
from .district import cached_district

SEED = 20261122
STRIP_M = 25.0
SHARE = 0.10


def perturb(grids, rng, share=SHARE, strip=STRIP_M):
    """A new version of ``grids``: ``share`` of them (in disjoint neighbouring pairs of one
    community) take a ``strip`` metres wide band of their neighbour."""
    geoms = np.asarray(grids.geometry.values)
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    community = grids["community_code"].to_numpy(dtype=object)
    ok = (left < right) & (community[left] == community[right])
    left, right = left[ok], right[ok]
    shared = shapely.length(shapely.intersection(geoms[left], geoms[right]))
    ok = shared > 2 * strip
    left, right = left[ok], right[ok]
    order = rng.permutation(len(left))
    used = np.zeros(len(grids), dtype=bool)
    pairs = []
    want = max(1, int(round(share * len(grids) / 2)))
    for k in order:
        a, b = left[k], right[k]
        if not used[a] and not used[b]:
            used[a] = used[b] = True
            pairs.append((a, b))
            if len(pairs) == want:
                break
    a, b = np.array(pairs).T
    band = shapely.intersection(geoms[b], shapely.buffer(geoms[a], strip))
    new_geoms = geoms.copy()
    new_geoms[a] = shapely.union(geoms[a], band)
    new_geoms[b] = shapely.difference(geoms[b], band)
    new = grids.copy()
    new["geometry"] = new_geoms
    return new, len(pairs) * 2


def peer(old, new, records, id_field="grid_code"):
    """The geopandas way: sjoin with each version, compare. Returns {kind: moved codes}."""
    out = {}
    for kind, (frame, code) in records.items():
        points = frame[[code, "geometry"]].copy()
        if kind == "buildings":
            points["geometry"] = points.geometry.representative_point()
        before = gpd.sjoin(points, old[[id_field, "geometry"]], how="left",
                           predicate="intersects")
        before = before[~before.index.duplicated(keep="first")]
        after = gpd.sjoin(points, new[[id_field, "geometry"]], how="left",
                          predicate="intersects")
        after = after[~after.index.duplicated(keep="first")]
        a = before[id_field].astype(object).where(before[id_field].notna(), None)
        b = after[id_field].astype(object).where(after[id_field].notna(), None)
        moved = a.to_numpy(dtype=object) != b.to_numpy(dtype=object)
        out[kind] = set(points[code].to_numpy(dtype=object)[moved])
    return out


def run(scale=1.0):
    """Time ours and the peer on the district of ``scale``; returns a dict."""
    path = cached_district(scale)
    grids = gpd.read_file(path, layer="base_grids", columns=["grid_code", "community_code"])
    buildings = gpd.read_file(path, layer="buildings", columns=["building_code"])
    people = gpd.read_file(path, layer="people", columns=["person_code"])
    rng = np.random.default_rng(SEED)
    new, changed = perturb(grids, rng)

    start = time.perf_counter()
    changes, _ = grid_change_impact(grids, new, "grid_code",
                                    {"buildings": buildings, "people": people})
    ours_s = time.perf_counter() - start

    start = time.perf_counter()
    theirs = peer(grids, new, {"buildings": (buildings, "building_code"),
                               "people": (people, "person_code")})
    peer_s = time.perf_counter() - start

    ours = {kind: set(changes.loc[changes["kind"] == kind, "record_id"])
            for kind in ("buildings", "people")}
    if ours != theirs:
        raise AssertionError("ours and the peer found different moved records: "
                             + json.dumps({k: [len(ours[k]), len(theirs[k])] for k in ours}))
    counts = pd.Series(changes["kind"]).value_counts()
    return {
        "name": "grid_change_impact",
        "scale": scale,
        "ours_s": round(ours_s, 3),
        "peer_s": round(peer_s, 3),
        "peer": ("geopandas.sjoin of the records' points (buildings' representative points) "
                 "with the old and with the new grids, first grid per record, codes compared"),
        "ratio": round(peer_s / ours_s, 4),
        "grids": len(grids),
        "grids_changed": changed,
        "buildings": len(buildings),
        "people": len(people),
        "moved_buildings": int(counts.get("buildings", 0)),
        "moved_people": int(counts.get("people", 0)),
        "note": ("ratio = peer_s / ours_s; same moved records checked. Ours locates in full "
                 "only the records inside a grid that changed (old or new)."),
    }


if __name__ == "__main__":
    print(json.dumps(run(float(sys.argv[1]) if len(sys.argv) > 1 else 1.0), indent=2))
