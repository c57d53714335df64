"""Scale run of :mod:`onegrid.processing.analysis.coords` against a per-point Python peer.

Ours: :func:`~onegrid.processing.analysis.coords.gcj02_to_wgs84` on ``scale`` seeded random
points inside China (numpy over whole arrays, polygon test of the China outline, iterative
inverse to 1e-9 degrees).

Peer: the way the popular "coordTransform"-style scripts convert: a Python loop calling
``math`` functions per point, with a bounding-box "out of China" test and the same iterative
inverse (same published formula, same tolerance), written here from the formula. It is timed
on a subset of at most 100,000 points and scaled linearly to ``scale``.

Run alone: ``.venv/bin/python -m onegrid.benchmarks.bench_coordinates [scale]``.
"""
import json
import math
import sys
import time

import numpy as np
from pyproj import Geod

from ..processing.analysis import coords

SEED = 20241122
PEER_POINTS = 100_000

# The published GCJ-02 constants (Krasovsky ellipsoid), as in the scripts the peer imitates.
_A = 6378245.0
_EE = 0.00669342162296594323
# The bounding box the coordTransform-style scripts use for "out of China" (degrees).
_BOX = (72.004, 0.8293, 137.8347, 55.8271)


def peer_out_of_china(lon, lat):
    """The scripts' bounding-box test: True outside the box."""
    return not (_BOX[0] <= lon <= _BOX[2] and _BOX[1] <= lat <= _BOX[3])


def peer_offset(lon, lat):
    """The GCJ-02 offset (dlon, dlat) in degrees of one WGS-84 point, with ``math``."""
    x = lon - 105.0
    y = lat - 35.0
    common = (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2 / 3
    dlat = (-100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y
            + 0.2 * math.sqrt(abs(x)) + common
            + (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2 / 3
            + (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0))
            * 2 / 3)
    dlon = (300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y
            + 0.1 * math.sqrt(abs(x)) + common
            + (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2 / 3
            + (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi))
            * 2 / 3)
    radlat = lat / 180.0 * math.pi
    magic = 1.0 - _EE * math.sin(radlat) ** 2
    sqrt_magic = math.sqrt(magic)
    dlat = dlat * 180.0 / ((_A * (1.0 - _EE)) / (magic * sqrt_magic) * math.pi)
    dlon = dlon * 180.0 / (_A / sqrt_magic * math.cos(radlat) * math.pi)
    return dlon, dlat


def peer_wgs84_to_gcj02(lon, lat):
    """One point WGS-84 -> GCJ-02, per-point style."""
    if peer_out_of_china(lon, lat):
        return lon, lat
    dlon, dlat = peer_offset(lon, lat)
    return lon + dlon, lat + dlat


def peer_gcj02_to_wgs84(lon, lat, tolerance=1e-9, iterations=30):
    """One point GCJ-02 -> WGS-84 by the same fixed-point iteration, per-point style."""
    if peer_out_of_china(lon, lat):
        return lon, lat
    dlon, dlat = peer_offset(lon, lat)
    x, y = lon - dlon, lat - dlat
    for _ in range(iterations):
        dlon, dlat = peer_offset(x, y)
        ex, ey = x + dlon - lon, y + dlat - lat
        x, y = x - ex, y - ey
        if abs(ex) < tolerance and abs(ey) < tolerance:
            break
    return x, y


def random_points_in_china(n, seed=SEED):
    """``n`` seeded uniform random WGS-84 points inside :data:`coords.CHINA`."""
    rng = np.random.default_rng(seed)
    minx, miny, maxx, maxy = coords.CHINA.bounds
    lon_parts, lat_parts, count = [], [], 0
    while count < n:
        lon = rng.uniform(minx, maxx, 2 * n)
        lat = rng.uniform(miny, maxy, 2 * n)
        inside = coords.in_china(lon, lat)
        lon_parts.append(lon[inside])
        lat_parts.append(lat[inside])
        count += int(inside.sum())
    return np.concatenate(lon_parts)[:n], np.concatenate(lat_parts)[:n]


def run(scale=1_000_000):
    """Time GCJ-02 -> WGS-84 on ``scale`` points, ours and the peer; returns a dict."""
    scale = int(scale)
    wgs_lon, wgs_lat = random_points_in_china(scale)
    lon, lat = coords.wgs84_to_gcj02(wgs_lon, wgs_lat)

    start = time.perf_counter()
    our_lon, our_lat = coords.gcj02_to_wgs84(lon, lat)
    ours_s = time.perf_counter() - start

    subset = min(scale, PEER_POINTS)
    peer_lon, peer_lat = lon[:subset].tolist(), lat[:subset].tolist()
    start = time.perf_counter()
    peer = [peer_gcj02_to_wgs84(x, y) for x, y in zip(peer_lon, peer_lat)]
    peer_subset_s = time.perf_counter() - start
    peer_s = peer_subset_s * scale / subset

    peer = np.array(peer, dtype=np.float64).reshape(-1, 2)
    geod = Geod(ellps="WGS84")
    _, _, diff = geod.inv(our_lon[:subset], our_lat[:subset], peer[:, 0], peer[:, 1])
    _, _, error = geod.inv(our_lon, our_lat, wgs_lon, wgs_lat)
    return {
        "name": "coordinates",
        "scale": scale,
        "ours_s": round(ours_s, 3),
        "peer_s": round(peer_s, 3),
        "peer": (f"per-point pure-Python GCJ-02 -> WGS-84 (coordTransform style: math "
                 f"functions in a loop, bounding-box China test, same iterative inverse), "
                 f"timed on {subset:,} points ({peer_subset_s:.3f} s) and scaled linearly "
                 f"to {scale:,}"),
        "ratio": round(peer_s / ours_s, 4),
        "max_diff_m": float(np.max(diff)),
        "max_round_trip_error_m": float(np.max(error)),
        "note": ("ratio = peer_s / ours_s. Ours also tests each point against the China "
                 "outline polygon; the peer only against a bounding box."),
    }


if __name__ == "__main__":
    print(json.dumps(run(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000), indent=2))
