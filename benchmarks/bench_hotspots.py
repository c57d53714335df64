"""Benchmark: onegrid:incident_hotspots' core against PySAL (geopandas sjoin + libpysal Queen
+ esda G_Local).

Data: the synthetic district (:func:`benchmarks.district.cached_district`): its base grids
(about 2,000 at scale 1) and its events (50,000 over a year at scale 1, placed at households)
twice, the second copy moved by a few metres and an hour, so 100,000 incidents at scale 1.

Ours, ``ours_s``: counting the incidents per grid
(:func:`~onegrid.processing.analysis.hotspots.zone_index`, STRtree), queen weights
(:func:`~onegrid.processing.analysis.hotspots.polygon_queen`, polygons within 1 cm) and Gi*
(:func:`~onegrid.processing.analysis.hotspots.gi_star`, binary weights, self included).

Peer, ``peer_s``: the same three steps as a PySAL user writes them: ``geopandas.sjoin``
(intersects, first grid per point), ``libpysal.weights.Queen.from_dataframe`` and
``esda.G_Local(y, w, transform="B", star=True, permutations=0)`` (the analytical z-scores).
``ratio`` = peer_s / ours_s. The neighbour sets are compared: libpysal's queen needs a shared
vertex, ours takes polygons within 1 cm, so grids meeting along an edge without a common
vertex (a T-junction) are neighbours for ours only (``neighbours_only_ours``). Where the sets
agree the z-scores are compared (``max_z_difference_same_neighbours``).

``full_s`` is the whole analysis (:func:`~onegrid.processing.analysis.hotspots.incident_hotspots`:
counts, Gi*, the 25 m kernel density surface of the district and the hour x weekday and
month profiles per type), which has no single peer.

Peak memory: the harness reports the whole child's; ``ours_peak_rss_mb`` is the child's
peak right after ours ran (it runs first).

Run alone: ``.venv/bin/python -m onegrid.benchmarks.bench_hotspots``.
"""
import json
import resource
import time
import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ..processing.analysis import hotspots as hs
from .district import cached_district

BANDWIDTH_M = 300.0
PIXEL_M = 25.0


def incidents_of(path, seed=7):
    """The district's events and a copy moved by up to 5 m and one hour later."""
    events = gpd.read_file(path, layer="events", columns=["event_type", "reported_at"])
    rng = np.random.default_rng(seed)
    copy = events.copy()
    xy = shapely.get_coordinates(copy.geometry.values) + rng.uniform(-5, 5, (len(copy), 2))
    copy = copy.set_geometry(shapely.points(xy), crs=events.crs)
    copy["reported_at"] = pd.to_datetime(copy["reported_at"], utc=True) + pd.Timedelta(hours=1)
    events["reported_at"] = pd.to_datetime(events["reported_at"], utc=True)
    return pd.concat([events, copy], ignore_index=True)


def run_ours(incidents, grids):
    """Counts, weights and Gi*; returns (seconds, counts, z, weights)."""
    start = time.perf_counter()
    geoms = np.asarray(grids.geometry.values, dtype=object)
    zone_of = hs.zone_index(np.asarray(incidents.geometry.values, dtype=object), geoms)
    counts = np.bincount(zone_of[zone_of >= 0], minlength=len(grids))
    weights = hs.polygon_queen(geoms)
    z, _p = hs.gi_star(counts, weights)
    return time.perf_counter() - start, counts, z, weights


def run_peer(incidents, grids):
    """sjoin + libpysal Queen + esda G_Local; returns (seconds, counts, z, W)."""
    from esda.getisord import G_Local
    from libpysal.weights import Queen

    start = time.perf_counter()
    joined = gpd.sjoin(incidents[["geometry"]], grids[["geometry"]].reset_index(drop=True),
                       predicate="intersects", how="inner")
    first = joined[~joined.index.duplicated(keep="first")]
    counts = np.bincount(first["index_right"].to_numpy(), minlength=len(grids))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        w = Queen.from_dataframe(grids.reset_index(drop=True), use_index=False)
        g = G_Local(counts.astype(float), w, transform="B", star=True, permutations=0)
    return time.perf_counter() - start, counts, np.asarray(g.Zs, dtype=float), w


def run(scale=1.0):
    """Time ours and the peer on the district at ``scale``; returns the result record."""
    path = cached_district(scale)
    grids = gpd.read_file(path, layer="base_grids", columns=["grid_code"])
    incidents = incidents_of(path)
    ours_s, counts, z, weights = run_ours(incidents, grids)
    ours_peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    start = time.perf_counter()
    full = hs.incident_hotspots(incidents, grids=grids, grid_field="grid_code",
                                time_field="reported_at", type_field="event_type",
                                bandwidth=BANDWIDTH_M, pixel_size=PIXEL_M)
    full_s = time.perf_counter() - start
    peer_s, peer_counts, peer_z, w = run_peer(incidents, grids)
    ours_sets = [set(weights.indices[weights.indptr[i]:weights.indptr[i + 1]]) - {i}
                 for i in range(len(grids))]
    same = np.array([ours_sets[i] == set(w.neighbors[i]) for i in range(len(grids))])
    extra = sum(len(ours_sets[i] - set(w.neighbors[i])) for i in range(len(grids)))
    missing = sum(len(set(w.neighbors[i]) - ours_sets[i]) for i in range(len(grids)))
    both = ~np.isnan(z) & ~np.isnan(peer_z)
    return {
        "name": "hotspots",
        "scale": f"{len(incidents)} incidents, {len(grids)} base grids",
        "ours_s": round(ours_s, 3),
        "ours_peak_rss_mb": round(ours_peak_mb, 1),
        "peer": "geopandas sjoin + libpysal Queen.from_dataframe + esda G_Local "
                "(binary, star, analytical z)",
        "peer_s": round(peer_s, 3),
        "ratio": round(peer_s / ours_s, 2),
        "counts_equal": bool((counts == peer_counts).all()),
        "same_neighbour_share": round(float(same.mean()), 4),
        "neighbours_only_ours": int(extra), "neighbours_only_peer": int(missing),
        "max_z_difference_same_neighbours": float(
            np.abs(z[both & same] - peer_z[both & same]).max(initial=0.0)),
        "full_s": round(full_s, 3),
        "full": f"incident_hotspots: counts, Gi*, density {full.density.values.shape[1]} x "
                f"{full.density.values.shape[0]} pixels of {PIXEL_M:g} m "
                f"(bandwidth {BANDWIDTH_M:g} m), profiles of {full.info['timed']} timed "
                "incidents per type",
        "hot_grids": full.info["hot"], "cold_grids": full.info["cold"],
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2, ensure_ascii=False))
