"""Benchmark: onegrid:service_circles' core against QGIS's service areas and a networkx loop.

Data: the synthetic district (:func:`benchmarks.district.cached_district`): its street lattice
(about 178,000 edges at scale 1), 50,000 buildings as origins and 3,000 facilities in 6
categories.

Ours: :func:`onegrid.processing.analysis.service.service_circles` for all origins and all
categories, tiers 5/10/15 minutes at 1 m/s, reading the three layers from the GeoPackage and
building the network included.

Peer (a), ``peer_s``: QGIS's native:serviceareafromlayer (``bin/onegrid-process``, shortest
path, both directions) from the facilities of ONE category (:data:`PEER_CATEGORY`), one run per
tier (300, 600 and 900 m), measured; then EXTRAPOLATED to all categories in proportion to the
number of facilities (``peer_s = measured x all facilities / that category's facilities``).
It gives service-area lines only: the join of origins to those lines, which ours also does,
is not counted. ``ratio`` = peer_s / ours_s; ``ratio_measured`` compares the measured single
category with ours for all six. Same tiers: for that category, every origin's snapped point
is looked up on the peer's lines of each tier (within :data:`ON_LINE_M`); ``peer_tier_agreement``
is the share of origins whose tier from the peer equals ours (origins within
:data:`BORDER_M` of a tier's budget, where rounding decides, are left out and counted).

Peer (b), ``networkx_s``: a networkx 3 single_source_dijkstra_path_length loop with a 900 m
cutoff on the same snapped network (graph building timed), MEASURED on the first
:data:`NX_ORIGINS` origins and EXTRAPOLATED linearly to all origins; ``ratio_networkx`` =
networkx_s / ours_s. Its distances on the subset are checked against ours.

Isochrones (``isochrones_*``): ours, per_facility polygons for the first
:data:`ISO_FACILITIES` facilities at the 3 tiers (reading included), against
native:serviceareafromlayer for the same facilities and tiers (lines only), both measured.

Peak memory: the harness reports the whole child's (networkx's graph included);
``ours_peak_rss_mb`` is the child's peak right after ours ran (it runs first).

Run alone: ``.venv/bin/python -m onegrid.benchmarks.bench_service_circles``.
"""
import json
import os
import resource
import subprocess
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from ..processing.analysis import service
from .district import cached_district

REPO = Path(__file__).resolve().parents[1]
PROCESS = REPO / "bin" / "onegrid-process"
PEER_CATEGORY = "elderly"
NX_ORIGINS = 500
#: An origin's snapped point this close (m) to a peer service-area line is inside that tier.
ON_LINE_M = 0.05
#: Origins this close (m) to a tier's budget are not compared.
BORDER_M = 0.5
ISO_FACILITIES = 500
THRESHOLDS = (5, 10, 15)
SPEED = 1.0


def read(path):
    roads = gpd.read_file(path, layer="roads", columns=["geometry"])
    origins = gpd.read_file(path, layer="buildings", columns=["households"])
    facilities = gpd.read_file(path, layer="facilities", columns=["category"])
    return roads, origins, facilities


def run_ours(path):
    """All origins, all categories; returns (seconds, ServiceResult)."""
    start = time.perf_counter()
    roads, origins, facilities = read(path)
    result = service.service_circles(roads, origins, facilities, "category", speed=SPEED,
                                     thresholds=THRESHOLDS)
    return time.perf_counter() - start, result


def run_qgis(path, start_points, folder):
    """native:serviceareafromlayer from ``start_points`` (a GeoDataFrame), one run per tier;
    returns seconds."""
    folder = Path(folder)
    points = folder / "start_points.gpkg"
    start_points.to_file(points, layer="start_points")
    project = folder / "empty.qgs"  # the algorithm wants a project, even an empty one
    project.write_text('<!DOCTYPE qgis PUBLIC "http://mrcc.com/qgis.dtd" "SYSTEM">\n'
                       '<qgis projectname="" version="3.22.16"/>\n')
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    for minutes in THRESHOLDS:
        subprocess.run([str(PROCESS), "run", "native:serviceareafromlayer",
                        f"--PROJECT_PATH={project}", "--",
                        f"INPUT={path}|layername=roads", "STRATEGY=0", "DEFAULT_DIRECTION=2",
                        "TOLERANCE=0", f"START_POINTS={points}",
                        f"TRAVEL_COST2={minutes * 60 * SPEED}", "INCLUDE_BOUNDS=false",
                        f"OUTPUT_LINES={folder / f'area_{minutes}.gpkg'}"],
                       check=True, capture_output=True, cwd=REPO, env=env)
    return time.perf_counter() - start


def tier_agreement(path, folder, result):
    """Share of origins whose PEER_CATEGORY tier from QGIS's service-area lines (in
    ``folder``) equals ours, and how many origins sat on a tier's border."""
    roads, origins, facilities = read(path)
    prep = service._Prepared(roads, origins, facilities, service.DEFAULT_SNAP_M)
    on = prep.origin_node >= 0
    points = shapely.points(prep.network.xy[prep.origin_node[on]])
    stem = service.field_name(PEER_CATEGORY)
    dist = result.origins[f"{stem}_dist_m"].to_numpy(float)[on]
    ours = np.full(len(points), np.inf)
    theirs = np.full(len(points), np.inf)
    border = np.zeros(len(points), dtype=bool)
    for minutes in sorted(THRESHOLDS, reverse=True):
        budget = minutes * 60 * SPEED
        lines = gpd.read_file(Path(folder) / f"area_{minutes}.gpkg").to_crs(prep.crs)
        near = shapely.STRtree(lines.geometry.values).query(points, predicate="dwithin",
                                                             distance=ON_LINE_M)[0]
        theirs[np.unique(near)] = minutes
        ours[dist <= budget] = minutes
        border |= np.abs(dist - budget) <= BORDER_M
    same = (ours == theirs)[~border]
    return float(same.mean()), int(border.sum())


def run_isochrones(path):
    """Ours: isochrones of the first ISO_FACILITIES facilities at the 3 tiers; seconds."""
    start = time.perf_counter()
    roads = gpd.read_file(path, layer="roads", columns=["geometry"])
    facilities = gpd.read_file(path, layer="facilities", columns=["category"])
    areas, _ = service.isochrones(roads, facilities.iloc[:ISO_FACILITIES], THRESHOLDS,
                                  speed=SPEED, mode="per_facility")
    return time.perf_counter() - start, len(areas)


def run_networkx(path, result_origins):
    """A networkx Dijkstra loop over the first NX_ORIGINS origins; returns
    (seconds for those, graph seconds, largest distance difference to ours)."""
    import networkx as nx

    roads, origins, facilities = read(path)
    prep = service._Prepared(roads, origins, facilities, service.DEFAULT_SNAP_M)
    labels = facilities["category"].to_numpy()
    categories = sorted(set(labels))
    start = time.perf_counter()
    graph = nx.Graph()
    graph.add_weighted_edges_from(zip(prep.network.u.tolist(), prep.network.v.tolist(),
                                      prep.network.length.tolist()))
    graph_s = time.perf_counter() - start
    cutoff = max(THRESHOLDS) * 60 * SPEED
    targets = {c: set(prep.facility_node[labels == c].tolist()) for c in categories}
    start = time.perf_counter()
    found = {c: [] for c in categories}
    for node in prep.origin_node[:NX_ORIGINS]:
        reach = nx.single_source_dijkstra_path_length(graph, int(node), cutoff=cutoff,
                                                      weight="weight")
        for c in categories:
            found[c].append(min((d for n, d in reach.items() if n in targets[c]),
                                default=np.inf))
    loop_s = time.perf_counter() - start
    worst = 0.0
    for c in categories:
        ours = result_origins[f"{service.field_name(c)}_dist_m"].to_numpy()[:NX_ORIGINS]
        theirs = np.array(found[c])
        both = np.isfinite(theirs)
        worst = max(worst, float(np.abs(ours[both] - theirs[both]).max(initial=0.0)))
        assert (ours[~both] > cutoff - 1e-6).all()
    return loop_s, graph_s, worst


def run(scale=1.0):
    """Time ours and both peers on the district at ``scale``; returns the result record."""
    path = cached_district(scale)
    ours_s, result = run_ours(path)
    ours_peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    facilities = gpd.read_file(path, layer="facilities")
    subset = facilities[facilities["category"] == PEER_CATEGORY]
    peer_facilities = len(subset)
    with tempfile.TemporaryDirectory(prefix="onegrid_bench_sc_") as folder:
        qgis_s = run_qgis(path, subset, folder)
        agreement, on_border = tier_agreement(path, folder, result)
    iso_s, iso_areas = run_isochrones(path)
    with tempfile.TemporaryDirectory(prefix="onegrid_bench_iso_") as folder:
        iso_peer_s = run_qgis(path, facilities.iloc[:ISO_FACILITIES], folder)
    total_facilities = int(result.summary["facilities"].sum())
    peer_s = qgis_s * total_facilities / peer_facilities
    nx_loop_s, nx_graph_s, worst = run_networkx(path, result.origins)
    n_origins = len(result.origins)
    networkx_s = nx_graph_s + nx_loop_s * n_origins / NX_ORIGINS
    return {
        "name": "service_circles",
        "scale": f"{n_origins} origins, {total_facilities} facilities in "
                 f"{len(result.summary)} categories, {result.info['edges']} edges",
        "ours_s": round(ours_s, 3),
        "ours_peak_rss_mb": round(ours_peak_mb, 1),
        "peer_s": round(peer_s, 3),
        "peer": f"QGIS native:serviceareafromlayer, 3 tiers, measured for {peer_facilities} "
                f"{PEER_CATEGORY} facilities ({qgis_s:.1f} s), extrapolated to "
                f"{total_facilities}",
        "ratio": round(peer_s / ours_s, 2),
        "peer_measured_s": round(qgis_s, 3),
        "ratio_measured": round(qgis_s / ours_s, 2),
        "peer_tier_agreement": round(agreement, 5),
        "peer_tier_border_origins": on_border,
        "networkx_s": round(networkx_s, 3),
        "networkx": f"networkx single_source_dijkstra_path_length loop (900 m cutoff), "
                    f"measured on {NX_ORIGINS} origins ({nx_loop_s:.1f} s + graph "
                    f"{nx_graph_s:.1f} s), extrapolated to {n_origins}",
        "ratio_networkx": round(networkx_s / ours_s, 2),
        "networkx_max_difference_m": worst,
        "deficient_pairs": len(result.deficiency),
        "isochrones_ours_s": round(iso_s, 3),
        "isochrones_peer_s": round(iso_peer_s, 3),
        "isochrones_ratio": round(iso_peer_s / iso_s, 2),
        "isochrones": f"{iso_areas} polygons (per_facility, {ISO_FACILITIES} facilities x 3 "
                      "tiers, 20 m buffer) against native:serviceareafromlayer lines for the "
                      "same facilities and tiers, both measured",
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2, ensure_ascii=False))
