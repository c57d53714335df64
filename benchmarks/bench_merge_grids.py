"""onegrid:merge_grids (多网合一) against chained unions in QGIS and geopandas.

Input: the cached synthetic district (:func:`~onegrid.benchmarks.district.cached_district`):
about 2,000 base grids and 6 professional grid types of about 300 grids each (Voronoi cells
whose boundaries do not follow the base grids).

Ours: :func:`~onegrid.processing.analysis.overlay.merge_grids` (STRtree-paired, vectorised
intersections; one network with the professional grid and share of every type, and the
conflicts), timed end to end: reading both layers from the GeoPackage, merging, writing the
two outputs to a GeoPackage (``ours_s``); the merge alone is ``ours_core_s``.
:func:`~onegrid.processing.analysis.overlay.align_grids` is timed too (``align_s``).

Peers, on the same layers, each professional type in its own layer with only its id (as
``<type>_code``), chained the way a GIS user merges grids without OneGrid: base ∪ police,
then ∪ safety, ... over the 6 types:

- (a) QGIS's ``native:union``, one ``bin/onegrid-process run`` subprocess per step, outputs
  to GeoPackages (``peer_s``, with QGIS start-up; ``peer_startup_s`` is one run on two
  one-feature layers);
- (b) ``geopandas.overlay(how="union", keep_geom_type=True)`` in memory (``geopandas_s``).

Both peers only cut the pieces: the shares, the largest-share choice and the conflicts,
which ours also computes, would still be to do.

Run alone: ``.venv/bin/python -m onegrid.benchmarks.bench_merge_grids [scale]``.
"""
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import shapely

from . import district
from ..processing.analysis import overlay

REPO = Path(__file__).resolve().parents[1]
PROCESS = REPO / "bin" / "onegrid-process"
PEER = "native:union"
PEER_LIMIT_S = 1800
#: Grid (metres) the geopandas peer snaps to when a union step fails on noding.
SNAP_M = 0.001


def _read(path):
    base = gpd.read_file(path, layer="base_grids", engine="pyogrio")
    professional = gpd.read_file(path, layer="professional_grids", engine="pyogrio")
    overlays = {t: f.reset_index(drop=True) for t, f in professional.groupby("grid_type",
                                                                              sort=False)}
    return base, overlays


def run_ours(path, folder):
    """(seconds end to end, seconds of the merge alone, network, conflicts)."""
    start = time.perf_counter()
    base, overlays = _read(path)
    core = time.perf_counter()
    network, conflicts = overlay.merge_grids(base, overlays)
    core_s = time.perf_counter() - core
    out = os.path.join(folder, "ours.gpkg")
    network.to_file(out, layer="one_network", engine="pyogrio")
    conflicts.to_file(out, layer="conflicts", engine="pyogrio")
    return time.perf_counter() - start, core_s, network, conflicts


def peer_layers(path, folder):
    """The base grids and one file per professional type with only ``<type>_code``."""
    base, overlays = _read(path)
    files = {"base": os.path.join(folder, "base.gpkg")}
    base.to_file(files["base"], layer="base", engine="pyogrio")
    frames = {}
    for grid_type, frame in overlays.items():
        frames[grid_type] = gpd.GeoDataFrame({f"{grid_type}_code": frame["grid_code"]},
                                             geometry=frame.geometry, crs=frame.crs)
        files[grid_type] = os.path.join(folder, f"{grid_type}.gpkg")
        frames[grid_type].to_file(files[grid_type], layer=grid_type, engine="pyogrio")
    return base, frames, files


def _qgis_union(first, second, out):
    command = [str(PROCESS), "run", PEER, "--", f"INPUT={first}", f"OVERLAY={second}",
               f"OUTPUT={out}"]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=REPO,
                          timeout=PEER_LIMIT_S)
    if done.returncode != 0:
        raise RuntimeError(f"{PEER} failed ({done.returncode}): {done.stderr[-2000:]}")


def run_qgis(files, folder):
    """(seconds, steps' seconds, pieces) of native:union chained over the types."""
    current = files["base"]
    steps = []
    start = time.perf_counter()
    for number, grid_type in enumerate(t for t in files if t != "base"):
        out = os.path.join(folder, f"qgis_union_{number}.gpkg")
        step = time.perf_counter()
        _qgis_union(current, files[grid_type], out)
        steps.append(round(time.perf_counter() - step, 3))
        current = out
    seconds = time.perf_counter() - start
    return seconds, steps, len(gpd.read_file(current, engine="pyogrio", columns=[]))


def qgis_startup(folder):
    """Seconds of a native:union run on two one-feature layers (QGIS start-up), the faster
    of two."""
    one = gpd.GeoDataFrame({"code": ["a"]}, geometry=[shapely.box(0, 0, 1, 1)],
                           crs=district.CRS)
    first, second = os.path.join(folder, "one_a.gpkg"), os.path.join(folder, "one_b.gpkg")
    one.to_file(first, engine="pyogrio")
    one.to_file(second, engine="pyogrio")
    runs = []
    for attempt in range(2):  # the first run also warms the disk cache: the faster counts
        start = time.perf_counter()
        _qgis_union(first, second, os.path.join(folder, f"one_out_{attempt}.gpkg"))
        runs.append(time.perf_counter() - start)
    return min(runs)


def run_geopandas(base, frames):
    """(seconds, pieces, repairs) of geopandas.overlay(how="union") chained over the types.

    A step that fails with a GEOS TopologyException (slivers of the earlier steps, not
    noded alike; buffer(0) does not cure it here) is repeated once on both inputs snapped to
    a :data:`SNAP_M` grid; the time of both attempts counts and ``repairs`` says how many
    steps needed it.
    """
    start = time.perf_counter()
    current = base
    repairs = 0
    for frame in frames.values():
        try:
            current = gpd.overlay(current, frame, how="union", keep_geom_type=True)
        except shapely.errors.GEOSException:
            repairs += 1
            current = current.set_geometry(shapely.set_precision(current.geometry.values,
                                                                 SNAP_M))
            frame = frame.set_geometry(shapely.set_precision(frame.geometry.values, SNAP_M))
            current = gpd.overlay(current, frame, how="union", keep_geom_type=True)
    return time.perf_counter() - start, len(current), repairs


def run(scale=1.0):
    """Time ours against both peers on the district of ``scale``; returns a dict."""
    path = district.cached_district(scale)
    with tempfile.TemporaryDirectory(prefix="onegrid_bench_") as folder:
        ours_s, core_s, network, conflicts = run_ours(path, folder)
        base, overlays = _read(path)
        start = time.perf_counter()
        _, report = overlay.align_grids(base, overlays)
        align_s = time.perf_counter() - start
        base, frames, files = peer_layers(path, folder)
        geopandas_s, geopandas_pieces, geopandas_repairs = run_geopandas(base, frames)
        startup_s = qgis_startup(folder)
        qgis_s, qgis_steps, qgis_pieces = run_qgis(files, folder)
    steps = len(frames)
    return {
        "name": "merge_grids",
        "scale": scale,
        "ours_s": round(ours_s, 3),
        "ours_core_s": round(core_s, 3),
        "peer_s": round(qgis_s, 3),
        "peer": f"QGIS {PEER} chained over {steps} layers (qgis_process, GeoPackage outputs)",
        "ratio": round(qgis_s / ours_s, 3),
        "peer_startup_s": round(startup_s, 3),
        "ratio_without_peer_startup": round(max(qgis_s - steps * startup_s, 0.0) / ours_s, 3),
        "peer_steps_s": qgis_steps,
        "geopandas_s": round(geopandas_s, 3),
        "geopandas_ratio": round(geopandas_s / ours_s, 3),
        "geopandas_core_ratio": round(geopandas_s / core_s, 3),
        "align_s": round(align_s, 3),
        "base_grids": len(network),
        "professional_grids": int(sum(len(f) for f in frames.values())),
        "grid_types": steps,
        "conflicts": len(conflicts),
        "aligned_without_base_grid": int((report["status"] == "no_base_grid").sum()),
        "qgis_union_pieces": qgis_pieces,
        "geopandas_union_pieces": geopandas_pieces,
        "geopandas_steps_repaired": geopandas_repairs,
        "note": ("ratio = peer_s / ours_s, both end to end (GeoPackage in and out; the QGIS "
                 "peer also starts QGIS once per step, peer_startup_s each). geopandas_ratio "
                 "= geopandas_s / ours_s (geopandas timed in memory; geopandas_core_ratio "
                 "against our merge alone). The peers only cut the union pieces; ours also "
                 "gives each base grid its professional grid and share per type, and the "
                 "conflicts."),
    }


if __name__ == "__main__":
    print(json.dumps(run(float(sys.argv[1]) if len(sys.argv) > 1 else 1.0),
                     ensure_ascii=False, indent=2))
