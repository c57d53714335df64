"""Camera viewsheds past buildings, then road coverage, against brute-force ray casting.

Ours: :func:`~onegrid.processing.analysis.visibility.camera_viewsheds` on the cached district's
cameras (5,000 at scale 1) among its buildings (50,000), on both cores (process pool over
spatially compact chunks of cameras): exact visibility polygons, range circle drawn with
1-degree chords. Then :func:`~onegrid.processing.analysis.coverage.camera_coverage` of the
whole road network (more than 100,000 edges at scale 1) per base grid, timed on its own.

Peer: brute-force ray casting as the FOV scripts and raster-free plugins do it: per camera 720
rays (every 0.5 degree) as shapely line strings, intersected in one vectorised call with the
boundaries of the buildings in range, the nearest crossing per ray kept, the polygon made of
the ray ends. One core. It is timed on the first :data:`PEER_CAMERAS` cameras and scaled
linearly to all of them.

Accuracy, on that subset, against a reference: our exact polygons with the range circle drawn
in chords of :data:`REFERENCE_ARC_DEG` degrees (the shadows are exact; only the arc is
approximated, by at most 2e-7 of the circle's area). Ours at the default 1-degree chords is
off by ``ours_area_error`` (mean area of the symmetric difference over the reference's area,
so a shadow in the wrong place counts, not only a wrong total); the peer with 720 rays by
``peer_area_error``. ``ratio`` compares at the SAME accuracy: the peer's rays are doubled
(:data:`PEER_RAY_STEPS`) until its error is no larger than ours, and that peer is the one
timed (``peer_rays``); ``ratio_720`` is against the cheaper, less accurate 720-ray peer.

Run alone: ``.venv/bin/python -m onegrid.benchmarks.bench_camera_viewsheds [scale]``.
"""
import json
import sys
import time

import numpy as np
import geopandas as gpd
import shapely

from . import district
from ..processing.analysis import coverage, visibility

PEER_CAMERAS = 250
PEER_RAYS = 720
#: Ray counts tried, in order, until the peer is as accurate as ours.
PEER_RAY_STEPS = (720, 1440, 2880, 5760, 11520, 23040)
#: Chord step (degrees) of the reference polygons.
REFERENCE_ARC_DEG = 0.05


def peer_viewshed(x, y, azimuth, fov, rng, tree, boundaries, rays=PEER_RAYS):
    """Ray-casting viewshed of one camera: ``rays`` rays over 360 degrees (those inside the
    sector kept), nearest boundary crossing per ray."""
    full = fov >= 360.0
    span = 2 * np.pi if full else np.radians(fov)
    count = max(int(round(rays * span / (2 * np.pi))), 2)
    start = np.radians(90.0 - azimuth) - span / 2
    angles = start + np.linspace(0.0, span, count, endpoint=not full)
    ends = np.column_stack([x + rng * np.cos(angles), y + rng * np.sin(angles)])
    lines = shapely.linestrings(np.stack([np.tile([x, y], (count, 1)), ends], axis=1))
    near = tree.query(shapely.Point(x, y), predicate="dwithin", distance=rng)
    dist = np.full(count, rng)
    if len(near):
        walls = shapely.union_all(boundaries[near])
        hits = shapely.intersection(lines, walls)
        coords, index = shapely.get_coordinates(hits, return_index=True)
        if len(coords):
            d = np.hypot(coords[:, 0] - x, coords[:, 1] - y)
            d = np.where(d < 1e-9, np.inf, d)
            np.minimum.at(dist, index, d)
    ring = np.column_stack([x + dist * np.cos(angles), y + dist * np.sin(angles)])
    if not full:
        ring = np.vstack([[x, y], ring])
    polygon = shapely.Polygon(ring)
    return polygon if polygon.is_valid else shapely.make_valid(polygon)


def run(scale=1.0):
    """Time ours on all cameras and the peer on a subset; returns the result record."""
    path = district.cached_district(scale)
    cameras = gpd.read_file(path, layer="cameras")
    buildings = gpd.read_file(path, layer="buildings")
    roads = gpd.read_file(path, layer="roads")
    grids = gpd.read_file(path, layer="base_grids")
    info = district._read_sidecar(path) or {}

    t0 = time.perf_counter()
    sheds = visibility.camera_viewsheds(cameras, buildings, workers=2)
    ours_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    result = coverage.camera_coverage(sheds, {"roads": roads}, grids, "grid_code")
    coverage_s = time.perf_counter() - t0
    summary = result["summary"]
    road_share = float(summary["covered"].sum() / summary["total"].sum())

    subset = min(PEER_CAMERAS, len(cameras))
    azimuth, fov, rng, _, _ = visibility.camera_parameters(cameras.iloc[:subset])
    xy = shapely.get_coordinates(cameras.geometry.values[:subset])
    boundaries = shapely.boundary(buildings.geometry.values)
    tree = shapely.STRtree(buildings.geometry.values)
    reference = visibility.camera_viewsheds(cameras.iloc[:subset], buildings,
                                            arc_step_deg=REFERENCE_ARC_DEG, workers=1)
    ref = reference.geometry.to_numpy().astype(object)
    seen = shapely.area(ref) > 0

    def area_error(polygons):
        """Mean of |polygon symmetric-difference reference| / |reference|."""
        wrong = shapely.area(shapely.symmetric_difference(polygons[seen], ref[seen]))
        return float(np.mean(wrong / shapely.area(ref[seen])))

    ours_error = area_error(sheds.geometry.to_numpy().astype(object)[:subset])
    timings = {}
    for rays in PEER_RAY_STEPS:
        t0 = time.perf_counter()
        peer = [peer_viewshed(x, y, a, f, r, tree, boundaries, rays=rays)
                for (x, y), a, f, r in zip(xy, azimuth, fov, rng)]
        elapsed = time.perf_counter() - t0
        timings[rays] = (elapsed * len(cameras) / subset,
                         area_error(np.array(peer, dtype=object)))
        if timings[rays][1] <= ours_error:
            break
    peer_rays = min((r for r, (_, e) in timings.items() if e <= ours_error),
                    default=max(timings))
    peer_s, peer_error = timings[peer_rays]
    peer_720_s, error = timings[PEER_RAYS]
    edges = info.get("road_edges")
    return {
        "name": "camera_viewsheds",
        "scale": scale,
        "ours_s": round(ours_s, 3),
        "peer": (f"brute-force ray casting at the same accuracy ({peer_rays} rays per camera; "
                 f"mean symmetric-difference error {100 * peer_error:.4f} % vs ours "
                 f"{100 * ours_error:.4f} %) "
                 f"with shapely intersection, one core; timed on {subset} cameras, scaled "
                 f"linearly"),
        "peer_s": round(peer_s, 3),
        "ratio": round(peer_s / ours_s, 2),
        "peer_rays": peer_rays,
        "ours_area_error": round(ours_error, 7),
        "peer_720_s": round(peer_720_s, 3),
        "ratio_720": round(peer_720_s / ours_s, 2),
        "peer_errors_by_rays": {str(r): round(e, 7) for r, (_, e) in timings.items()},
        "note": (f"{len(cameras):,} cameras among {len(buildings):,} buildings on 2 cores; "
                 f"road coverage of {edges if edges else len(roads):,} road edges per base "
                 f"grid {coverage_s:.2f} s after the viewsheds ({100 * road_share:.2f} % of "
                 f"the road length seen); accuracy (mean symmetric-difference area against "
                 f"exact polygons "
                 f"with 0.05-degree arcs): ours {100 * ours_error:.4f} %, 720-ray peer "
                 f"{100 * error:.4f} % ({peer_720_s:.1f} s, ratio {peer_720_s / ours_s:.1f})"),
        "coverage_s": round(coverage_s, 3),
        "cameras": len(cameras),
        "buildings": len(buildings),
        "road_edges": edges,
        "road_share": round(road_share, 5),
        "peer_area_error": round(error, 7),
        "flags": {k: int(v) for k, v in sheds["flags"].value_counts().items() if k},
    }


if __name__ == "__main__":
    print(json.dumps(run(float(sys.argv[1]) if len(sys.argv) > 1 else 1.0), indent=2,
                     ensure_ascii=False))
