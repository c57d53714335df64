"""onegrid:divide_grids on a 20,000-household community, against PySAL spopt.

Input: from the cached synthetic district (:func:`~onegrid.benchmarks.district.cached_district`,
scale 1.0 whatever ``scale`` is given, since the community size is the point): the square
around the district centre whose buildings hold ``20,000 * scale`` households, as one
community; its buildings (households field); the district's roads clipped to it as barriers.

Ours: :func:`~onegrid.processing.analysis.divide.divide_grids` (target 300, tolerance 0.2),
timed end to end (graph, partition, polygons).

Peers (spopt 0.7, installed from requirements-bench.txt): on the same buildings as areas,
with the same adjacency (our Delaunay graph restricted to the community) and the households
as the extensive attribute: max-p (``MaxPHeuristic``, households threshold = the grid
minimum, target * (1 - tolerance)) and region k-means (``RegionKMeansHeuristic`` on the
coordinates, with our number of regions). Each peer runs in its own process, cut after
:data:`PEER_LIMIT_S` seconds (reported as cut). The record gives each one's time, number of
regions and largest deviation from the target; ``peer`` and ``peer_s`` are the finished peer
with the smallest largest deviation.

Run alone: ``.venv/bin/python -m onegrid.benchmarks.bench_divide_grids [scale]``.
"""
import importlib.util
import json
import multiprocessing
import sys
import time

import geopandas as gpd
import numpy as np
import shapely

from . import district
from ..processing.analysis import divide

TARGET = 300
TOLERANCE = 0.2
HOUSEHOLDS = 20_000
PEER_LIMIT_S = 240


def community_input(scale=1.0):
    """(community, buildings, roads) GeoDataFrames: a square of ``20,000 * scale`` households."""
    path = district.cached_district(1.0)
    buildings = gpd.read_file(path, layer="buildings", columns=["households"],
                              engine="pyogrio")
    points = shapely.get_coordinates(buildings.geometry.representative_point().values)
    centre = np.asarray(district.CENTRE)
    reach = np.abs(points - centre).max(axis=1)  # Chebyshev distance: squares
    order = np.argsort(reach)
    total = np.cumsum(buildings["households"].to_numpy()[order])
    last = int(np.searchsorted(total, HOUSEHOLDS * scale))
    half = reach[order[min(last, len(order) - 1)]] + 1e-3
    square = shapely.box(*(centre - half), *(centre + half))
    chosen = buildings.iloc[order[:last + 1]].copy()
    community = gpd.GeoDataFrame({"code": ["320102001001"]}, geometry=[square],
                                 crs=buildings.crs)
    roads = gpd.read_file(path, layer="roads", columns=[], engine="pyogrio",
                          bbox=tuple(square.bounds))
    roads = roads.clip(square)
    return community, chosen.reset_index(drop=True), roads


def _max_deviation(counts):
    return float(np.abs(np.asarray(counts, dtype=float) - TARGET).max())


def _peer(model, points, households, edges, k, queue):
    """Run one spopt model (in a child process); put (seconds, regions, counts) on queue."""
    import warnings

    import pandas as pd
    from libpysal.weights import W
    from spopt.region import MaxPHeuristic, RegionKMeansHeuristic

    warnings.filterwarnings("ignore")
    n = len(points)
    neighbours = {i: [] for i in range(n)}
    for u, v in edges:
        neighbours[int(u)].append(int(v))
        neighbours[int(v)].append(int(u))
    w = W(neighbours, silence_warnings=True)
    frame = gpd.GeoDataFrame(pd.DataFrame({"x": points[:, 0], "y": points[:, 1],
                                           "households": households}),
                             geometry=shapely.points(points))
    start = time.perf_counter()
    if model == "max-p":
        solver = MaxPHeuristic(frame, w, ["x", "y"], "households",
                               TARGET * (1 - TOLERANCE), top_n=2, max_iterations_construction=5)
    else:
        solver = RegionKMeansHeuristic(points, k, w)
    solver.solve()
    seconds = time.perf_counter() - start
    labels = np.asarray(solver.labels_)
    counts = np.bincount(pd.factorize(labels)[0], weights=households)
    queue.put((seconds, int(len(counts)), counts.tolist()))


def run_peer(model, points, households, edges, k, limit=PEER_LIMIT_S):
    """``{"s", "regions", "max_deviation"}`` of one spopt model, or ``{"cut": limit}``."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    process = context.Process(target=_peer, args=(model, points, households, edges, k, queue))
    process.start()
    process.join(limit)
    if process.is_alive():
        process.terminate()
        process.join()
        return {"cut_after_s": limit}
    if queue.empty():
        return {"failed": f"exit code {process.exitcode}"}
    seconds, regions, counts = queue.get()
    return {"s": round(seconds, 2), "regions": regions,
            "max_deviation": _max_deviation(counts)}


def run(scale=1.0):
    """Time ours on the community, compare the largest deviation with spopt's models."""
    community, buildings, roads = community_input(scale)
    start = time.perf_counter()
    grids, report = divide.divide_grids(community, buildings, "code", "households",
                                        target=TARGET, tolerance=TOLERANCE, barriers=roads)
    ours_s = time.perf_counter() - start
    ours_dev = _max_deviation(grids["households"])
    k = len(grids)

    points, node, edges = divide.adjacency(buildings.geometry.representative_point().values,
                                           buildings.geometry.values,
                                           community.geometry.iloc[0])
    households = np.bincount(node, weights=buildings["households"].to_numpy(float))
    peers = {}
    if importlib.util.find_spec("spopt") is None:
        peers["error"] = "spopt is not installed: pip install -r requirements-bench.txt"
    else:
        for model in ("max-p", "region k-means"):
            peers[model] = run_peer(model, points, households, edges, k)
    finished = {m: p for m, p in peers.items() if isinstance(p, dict) and "s" in p}
    best = min(finished, key=lambda m: finished[m]["max_deviation"]) if finished else None
    peer_s = finished[best]["s"] if finished else None
    note = (f"{int(buildings['households'].sum()):,} households in {len(buildings):,} "
            f"buildings -> {k} grids, {int(grids['within_tolerance'].sum())} within "
            f"±{TOLERANCE:.0%}; largest deviation from {TARGET}: ours {ours_dev:.0f}")
    for model, result in peers.items():
        if isinstance(result, dict) and "s" in result:
            note += (f", {model} {result['max_deviation']:.0f} ({result['regions']} regions, "
                     f"{result['s']} s)")
        elif isinstance(result, dict) and "cut_after_s" in result:
            note += f", {model} cut after {result['cut_after_s']} s"
        else:
            note += f", {model}: {result}"
    return {
        "name": "divide_grids",
        "scale": scale,
        "ours_s": round(ours_s, 3),
        "peer": "spopt " + (best or "(none finished)"),
        "peer_s": peer_s,
        "ratio": round(peer_s / ours_s, 1) if peer_s else None,
        "note": note,
        "households": int(buildings["households"].sum()),
        "buildings": len(buildings),
        "grids": k,
        "ours_max_deviation": ours_dev,
        "peers": peers,
        "ours_beats_best_peer": bool(best is None or ours_dev
                                     < finished[best]["max_deviation"]),
        "oversized_buildings": len(report["oversized_buildings"]),
    }


if __name__ == "__main__":
    print(json.dumps(run(float(sys.argv[1]) if len(sys.argv) > 1 else 1.0), indent=1))
