"""Benchmark: onegrid:import_osm's core against QGIS's own route to the same layers.

Ours: :func:`onegrid.processing.analysis.osm.import_osm` on the Helsinki extract and the three
appends into a new workspace (created before the clock starts).

Peer: what a QGIS user does by hand — load the pbf's lines, multipolygons and points with
QGIS's OGR provider (GDAL's default osmconf.ini), filter them with native:extractbyexpression
(walkable highways without foot=no; building tags; points with any amenity, shop, leisure,
healthcare, tourism or office tag) and save them with native:savefeatures, each a
``bin/onegrid-process run`` subprocess. The peer does less: no access rules, no category
mapping (benches count), no address, floors or floor area, no repair, no CRS transform,
facilities from points only. ``ratio`` is peer_s / ours_s (above 1: ours is faster). The
peer's start-up is measured separately (``peer_startup_s``: one ``qgis_process help`` call), so
``peer_work_s`` and ``ratio_work`` compare the work alone.

Run alone: ``.venv/bin/python -m onegrid.benchmarks.bench_import_osm`` (with the Makefile's
PYTHONPATH and PYTHONSAFEPATH).
"""
import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

import pyogrio

from ..layers.io import append_frame
from ..layers.workspace import create_workspace
from ..processing.analysis import osm

REPO = Path(__file__).resolve().parents[1]
PBF = REPO / "build" / "data" / "Helsinki.osm.pbf"
PROCESS = REPO / "bin" / "onegrid-process"

_WALKABLE = ", ".join(f"'{v}'" for v in sorted(osm.WALKABLE_HIGHWAYS))
_POI_KEYS = ("amenity", "shop", "leisure", "healthcare", "tourism", "office")
#: layer of the pbf -> (output name, QGIS expression).
PEER_STEPS = (
    ("lines", "roads",
     f"\"highway\" IN ({_WALKABLE}) AND "
     "coalesce(map_get(hstore_to_map(\"other_tags\"), 'foot'), '') <> 'no'"),
    ("multipolygons", "buildings", "\"building\" IS NOT NULL AND \"building\" <> 'no'"),
    ("points", "facilities",
     " OR ".join(f"\"other_tags\" LIKE '%\"{key}\"=>%'" for key in _POI_KEYS)),
)


def _qgis(*args):
    subprocess.run([str(PROCESS), *args], check=True, capture_output=True, cwd=REPO,
                   env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def run_ours(folder):
    """Import the extract into a new workspace; returns (seconds, counts)."""
    workspace = Path(folder) / "ours.gpkg"
    create_workspace(workspace)
    start = time.perf_counter()
    frames, _ = osm.import_osm(PBF)
    counts = {name: append_frame(workspace, name, frame) for name, frame in frames.items()}
    return time.perf_counter() - start, counts


def run_peer(folder):
    """QGIS's route through qgis_process; returns (seconds, counts, calls)."""
    folder = Path(folder)
    counts, calls = {}, 0
    start = time.perf_counter()
    for layer, name, expression in PEER_STEPS:
        extracted = folder / f"{name}_extract.gpkg"
        saved = folder / f"{name}.gpkg"
        _qgis("run", "native:extractbyexpression", "--", f"INPUT={PBF}|layername={layer}",
              f"EXPRESSION={expression}", f"OUTPUT={extracted}")
        _qgis("run", "native:savefeatures", "--", f"INPUT={extracted}", f"OUTPUT={saved}",
              f"LAYER_NAME={name}")
        calls += 2
        counts[name] = pyogrio.read_info(str(saved), layer=name)["features"]
    return time.perf_counter() - start, counts, calls


def peer_startup():
    """Seconds qgis_process needs to start, load its providers and stop."""
    start = time.perf_counter()
    _qgis("help", "native:savefeatures")
    return time.perf_counter() - start


def run():
    """Time both routes on the Helsinki extract; returns the result record."""
    with tempfile.TemporaryDirectory(prefix="onegrid_bench_osm_") as folder:
        ours_s, ours_counts = run_ours(folder)
        peer_s, peer_counts, calls = run_peer(folder)
        startup_s = peer_startup()
    peer_work_s = max(peer_s - calls * startup_s, 0.0)
    return {
        "name": "import_osm",
        "scale": f"Helsinki.osm.pbf ({PBF.stat().st_size // 1024} KiB): "
                 + ", ".join(f"{v} {k}" for k, v in ours_counts.items()),
        "ours_s": round(ours_s, 3),
        "peer_s": round(peer_s, 3),
        "peer": "qgis_process native:extractbyexpression + native:savefeatures "
                f"({calls} calls)",
        "ratio": round(peer_s / ours_s, 2),
        "peer_startup_s": round(startup_s, 3),
        "peer_work_s": round(peer_work_s, 3),
        "ratio_work": round(peer_work_s / ours_s, 2),
        "ours_counts": ours_counts,
        "peer_counts": peer_counts,
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2, ensure_ascii=False))
