"""Patrol coverage of 10,000,000 GPS fixes (500 devices, 30 days) against 2,000 base grids,
against MovingPandas.

Input: SIMULATED patrols on the cached synthetic district (:mod:`.district`, 2,000 base
grids, 177,963 road edges at scale 1): each device has a home node; every day it walks two
patrols (from about 08:30 and 14:00 local time) as random walks on the road graph at
1.2 m/s, a fix every 10 s with 3 m of GPS noise, half the patrols with one stop of 10-15
minutes. All walks are made at once with numpy (no per-fix Python), so the input costs a few
seconds; it is not timed.

Ours: :func:`~onegrid.processing.analysis.patrol.coverage_arrays` on every fix: trips,
point-in-grid (STRtree, in chunks), visits with the pass-through rule, dwell, stops (10
minutes, 30 m), per grid and day visits, half-days, 一日双巡, longest gap; timed without the
roads, then once more with the road pieces' share of days (every road cut into 100 m pieces,
fixes snapped within 20 m) as ``ours_roads_s``.

Peer: MovingPandas 0.23 as its documentation does it: a TrajectoryCollection of the trips
and, for each of the 2,000 grids, ``clip(grid, point_based=True)``; visits = the clipped
pieces, dwell = their durations. It runs on a subset (:data:`PEER_DEVICES` devices,
:data:`PEER_DAYS` days) and its time is scaled linearly to all the fixes (its work grows
with trips x grids); ours also runs on the same subset (``subset_ratio``), and the visits of
both on the subset are compared (MovingPandas drops runs of a single fix, which ours counts).

Run alone: ``.venv/bin/python -m onegrid.benchmarks.bench_patrol_coverage [scale]``.
"""
import json
import sys
import time

import numpy as np
import pandas as pd
import pyogrio

from . import district
from ..processing.analysis import patrol as P
from ..processing.analysis.network import Network

POINTS = 10_000_000
DEVICES = 500
DAYS = 30
FIRST_DAY = "2026-11-01"
INTERVAL_S = 10.0
SPEED = 1.2
NOISE_M = 3.0
PEER_DEVICES = 2
PEER_DAYS = 2
SEED = 20261202


def simulate(roads, n_points, devices, days, rng):
    """SIMULATED patrol fixes: (device, t UTC seconds, x, y) arrays, sorted by device and
    time. Two patrols a day per device; fixes per patrol = n_points / (devices x days x 2)."""
    net = Network.from_lines(roads)
    deg = np.bincount(np.r_[net.u, net.v], minlength=net.n_nodes)
    order = np.argsort(np.r_[net.u, net.v], kind="stable")
    nbr = np.r_[net.v, net.u][order]
    ptr = np.r_[0, np.cumsum(deg)]
    walks = devices * days * 2
    per_walk = int(np.ceil(n_points / walks))
    length_m = per_walk * INTERVAL_S * SPEED + 200.0
    home = rng.choice(np.flatnonzero(deg > 0), devices)
    at = np.repeat(home, days * 2)
    xy_nodes = [net.xy[at]]
    dist = [np.zeros(walks)]
    steps = int(np.ceil(length_m / max(np.median(net.length), 1.0))) * 2 + 10
    for _ in range(steps):
        pick = ptr[at] + (rng.random(walks) * deg[at]).astype(np.int64)
        nxt = np.where(deg[at] > 0, nbr[np.minimum(pick, len(nbr) - 1)], at)
        step = np.hypot(*(net.xy[nxt] - net.xy[at]).T)
        dist.append(dist[-1] + step)
        xy_nodes.append(net.xy[nxt])
        at = nxt
    cum = np.stack(dist, axis=1)                         # walks x (steps + 1)
    nodes = np.stack(xy_nodes, axis=1)                   # walks x (steps + 1) x 2
    k = np.arange(per_walk) * INTERVAL_S
    # One stop of 10-15 minutes in half of the patrols: no progress while it lasts.
    stop_at = rng.uniform(0.2, 0.8, walks) * per_walk * INTERVAL_S
    stop_len = np.where(rng.random(walks) < 0.5, rng.uniform(600, 900, walks), 0.0)
    moving = k[None, :] - np.clip(k[None, :] - stop_at[:, None], 0, stop_len[:, None])
    want = np.minimum(moving * SPEED, cum[:, -1:] - 1e-6)  # walks x per_walk
    big = cum[:, -1].max() + 10.0
    flat = (cum + big * np.arange(walks)[:, None]).ravel()
    q = (want + big * np.arange(walks)[:, None]).ravel()
    j = np.clip(np.searchsorted(flat, q, side="right"), 1, flat.size - 1)
    frac = (q - flat[j - 1]) / np.maximum(flat[j] - flat[j - 1], 1e-9)
    a, b = nodes.reshape(-1, 2)[j - 1], nodes.reshape(-1, 2)[j]
    x = a[:, 0] + frac * (b[:, 0] - a[:, 0]) + rng.normal(0, NOISE_M, q.size)
    y = a[:, 1] + frac * (b[:, 1] - a[:, 1]) + rng.normal(0, NOISE_M, q.size)
    del flat, q, j, frac, a, b
    day0 = pd.Timestamp(FIRST_DAY, tz="UTC").value / 1e9 - 8 * 3600
    walk = np.arange(walks)
    d = (walk // 2) % days
    start_h = np.where(walk % 2 == 0, 8.5, 14.0) + rng.uniform(0, 1, walks)
    t0 = day0 + d * 86400.0 + start_h * 3600.0
    t = (t0[:, None] + k[None, :]).ravel()
    device = np.repeat(walk // (days * 2), per_walk).astype(np.int32)
    n = min(n_points, t.size)
    return device[:n], t[:n], x[:n], y[:n]


def peer(device, t, x, y, grids, crs):
    """MovingPandas: trips as a TrajectoryCollection, clip per grid; visits and dwell."""
    import warnings

    import geopandas as gpd
    import movingpandas as mpd

    warnings.filterwarnings("ignore")  # MovingPandas warns on every piece under pandas 3

    trip = np.cumsum(np.r_[True, (np.diff(t) > 600) | (device[1:] != device[:-1])])
    frame = gpd.GeoDataFrame({"trip": trip, "t": pd.to_datetime(t, unit="s")},
                             geometry=gpd.points_from_xy(x, y), crs=crs)
    start = time.perf_counter()
    collection = mpd.TrajectoryCollection(frame, "trip", t="t")
    visits = 0
    dwell = 0.0
    per_grid = np.zeros(len(grids), np.int64)
    for g, polygon in enumerate(grids):
        pieces = collection.clip(polygon, point_based=True)
        for piece in pieces:
            per_grid[g] += 1
            visits += 1
            dwell += piece.get_duration().total_seconds()
    return time.perf_counter() - start, visits, dwell, per_grid


def run(scale=1.0):
    """Ours at full scale, ours and MovingPandas on a subset; returns the result record."""
    path = district.cached_district(scale)
    roads = pyogrio.read_dataframe(path, layer="roads", columns=[])
    grids = pyogrio.read_dataframe(path, layer="base_grids", columns=["grid_code"])
    rng = np.random.default_rng(SEED)
    devices = max(4, int(round(DEVICES * scale)))
    n_points = int(round(POINTS * scale))
    t0 = time.perf_counter()
    device, t, x, y = simulate(roads.geometry.values, n_points, devices, DAYS, rng)
    simulate_s = time.perf_counter() - t0
    names = np.array([f"PAD-{i:04d}" for i in range(devices)], dtype=object)
    fixes = P.Fixes(device, names, t, x, y, None)
    polygons = grids.geometry.values

    t0 = time.perf_counter()
    cov = P.coverage_arrays(fixes, polygons)
    ours_s = time.perf_counter() - t0
    counts = cov.counts
    compliant = float(cov.grid_days["compliant"].mean() * 100.0)
    del cov
    t0 = time.perf_counter()
    with_roads = P.coverage_arrays(fixes, polygons, roads=roads.geometry.values)
    ours_roads_s = time.perf_counter() - t0
    pieces = with_roads.counts.get("road_pieces")
    patrolled = with_roads.counts.get("road_pieces_patrolled")
    del with_roads

    # The subset: the first PEER_DEVICES devices, their first PEER_DAYS days.
    first_day = (np.floor((t + 8 * 3600) / 86400.0)).min()
    sub = (device < PEER_DEVICES) & ((t + 8 * 3600) / 86400.0 < first_day + PEER_DAYS)
    sd, st, sx, sy = device[sub], t[sub], x[sub], y[sub]
    del device, t, x, y, fixes
    small = P.Fixes(sd, names, st, sx, sy, None)
    t0 = time.perf_counter()
    ours_small = P.coverage_arrays(small, polygons, min_visit_s=0)
    ours_subset_s = time.perf_counter() - t0
    peer_s, peer_visits, peer_dwell, peer_grid = peer(sd, st, sx, sy, polygons, grids.crs)
    ours_grid = ours_small.grids["visits"].to_numpy()
    return {
        "name": "patrol_coverage",
        "scale": scale,
        "ours_s": round(ours_s, 3),
        "peer": (f"MovingPandas 0.23 TrajectoryCollection + clip(point_based=True) per grid, "
                 f"timed on {PEER_DEVICES} devices x {PEER_DAYS} days ({int(sub.sum()):,} "
                 f"fixes) against all {len(grids):,} grids ({peer_s:.1f} s), scaled linearly "
                 f"to {n_points:,} fixes"),
        "peer_s": round(peer_s * n_points / max(int(sub.sum()), 1), 1),
        "peer_subset_s": round(peer_s, 3),
        "subset_ratio": round(peer_s / ours_subset_s, 1),
        "note": (f"{n_points:,} SIMULATED fixes of {devices} devices over {DAYS} days against "
                 f"{len(grids):,} grids in {ours_s:.1f} s ({counts['visits']:,} visits, "
                 f"{counts['stops']:,} stops, {compliant:.1f} % of grid-days 一日双巡); with "
                 f"{pieces:,} road pieces' share of days {ours_roads_s:.1f} s; subset: ours "
                 f"{ours_subset_s:.2f} s, {int(ours_grid.sum())} visits (MovingPandas "
                 f"{peer_visits}, single-fix runs not counted there)"),
        "simulate_s": round(simulate_s, 2),
        "ours_roads_s": round(ours_roads_s, 3),
        "ours_subset_s": round(ours_subset_s, 3),
        "fixes": n_points,
        "devices": devices,
        "grids": len(grids),
        "visits": counts["visits"],
        "stops": counts["stops"],
        "outside_grids": counts["outside_grids"],
        "road_pieces": pieces,
        "road_pieces_patrolled": patrolled,
        "subset_fixes": int(sub.sum()),
        "subset_visits_ours": int(ours_grid.sum()),
        "subset_visits_peer": int(peer_visits),
        "subset_grids_equal_visits_pct": round(float((ours_grid == peer_grid).mean() * 100), 2),
        "subset_dwell_min_ours": round(float(ours_small.grids["dwell_min_per_day"].sum()
                                             * PEER_DAYS), 1),
        "subset_dwell_min_peer": round(peer_dwell / 60.0, 1),
    }


if __name__ == "__main__":
    print(json.dumps(run(float(sys.argv[1]) if len(sys.argv) > 1 else 1.0), indent=2,
                     ensure_ascii=False))
