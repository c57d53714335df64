"""Benchmark: onegrid:check_grids against QGIS's own route to gaps, overlaps and validity.

Data: the synthetic district's 2,000 base grids (:func:`benchmarks.district.cached_district`)
with every 100th grid moved 3 m east, so that there are real overlaps and gaps to find (the
untouched grids tile their communities exactly).

Ours: read the grids with pyogrio and run :func:`topology.check_grids` without parents
(validity, multipart, slivers, overlaps, gaps as holes of the union: the peer's job). The
full check with communities and 50,000 buildings is timed too (``ours_full_s``), and so is
``bin/onegrid-process run onegrid:check_grids`` (``ours_process_s``, start-up included).

Peer: what a QGIS user chains by hand, each step a ``bin/onegrid-process run`` subprocess:
qgis:checkvalidity (GEOS; QGIS 3.22 has no native:checkvalidity); native:union of the layer
with itself (a place covered by k grids comes out k times) then native:extractbyexpression ``$area > 0.001`` and
native:deleteduplicategeometries, whose duplicate count is the number of overlap pieces;
native:dissolve, native:deleteholes, native:difference (filled minus dissolved = the gaps),
native:multiparttosingleparts and native:extractbyexpression ``$area > 0.001``, whose count is
the number of gaps. The 0.001 m2 filter is check_grids' own noise threshold, so both count the
same things. ``ratio`` is peer_s / ours_s; the peer's start-up (one ``qgis_process help``) is
measured separately, and the same chain is also run inside one QGIS started beforehand
(``peer_work_s``, processing.run in a child interpreter), so ``ratio_work`` compares the work
alone.

Run alone: ``.venv/bin/python -m onegrid.benchmarks.bench_check_grids`` (with the Makefile's
PYTHONPATH and PYTHONSAFEPATH).
"""
import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio

from ..processing.analysis import topology
from . import district

REPO = Path(__file__).resolve().parents[1]
PROCESS = REPO / "bin" / "onegrid-process"
SHIFT_EVERY = 100  # every 100th grid is moved
SHIFT_M = 3.0
NOISE = "$area > 0.001"


def _qgis(*args):
    done = subprocess.run([str(PROCESS), *args], check=True, capture_output=True, cwd=REPO,
                          text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    return done.stdout


def _count(path):
    return pyogrio.read_info(str(path))["features"]


def make_input(folder, scale):
    """The district's base grids with every SHIFT_EVERY-th grid moved; (path, grid count)."""
    source = district.cached_district(scale)
    grids = gpd.read_file(source, layer="base_grids")
    moved = np.arange(0, len(grids), SHIFT_EVERY)
    grids.loc[moved, "geometry"] = grids.geometry.iloc[moved].translate(SHIFT_M, 0.0).values
    path = Path(folder) / "grids.gpkg"
    grids.to_file(path, layer="base_grids", driver="GPKG")
    return path, source, len(grids)


def run_ours(path):
    """check_grids on the layer as the peer gets it; (seconds, overlaps, gaps, counts).

    An overlap row is one pair of grids; with no place covered three times (the moved grids
    are 100 apart) that is one doubly covered union piece of the peer.
    """
    start = time.perf_counter()
    grids = gpd.read_file(path, layer="base_grids")
    problems = topology.check_grids(grids, "grid_code")
    seconds = time.perf_counter() - start
    counts = problems.attrs["counts"]
    return seconds, counts["overlap"], counts["gap"], counts


def run_ours_full(path, source):
    """The full check: parents, buildings; seconds and counts."""
    start = time.perf_counter()
    grids = gpd.read_file(path, layer="base_grids")
    communities = gpd.read_file(source, layer="communities")
    buildings = gpd.read_file(source, layer="buildings")
    problems = topology.check_grids(grids, "grid_code", parents=communities,
                                    buildings=buildings, min_households=50,
                                    max_households=150)
    return time.perf_counter() - start, problems.attrs["counts"]


def run_ours_process(path, folder):
    start = time.perf_counter()
    _qgis("run", "onegrid:check_grids", "--", f"GRIDS={path}|layername=base_grids",
          f"OUTPUT={Path(folder) / 'ours_problems.gpkg'}")
    return time.perf_counter() - start


def _params(params, layer, folder):
    return {k: v.format(layer=layer, f=folder) if isinstance(v, str) else v
            for k, v in params.items()}


def run_peer(path, folder):
    """QGIS's chain, one qgis_process per step; (seconds, overlaps, gaps, invalid, calls)."""
    layer = f"{path}|layername=base_grids"
    results = []
    start = time.perf_counter()
    for alg, params in CHAIN:
        args = [f"{k}={v}" for k, v in _params(params, layer, folder).items()]
        results.append(json.loads(_qgis("run", alg, "--json", "--", *args))["results"])
    seconds = time.perf_counter() - start
    overlaps = int(results[3]["DUPLICATE_COUNT"])
    f = Path(folder)
    return seconds, overlaps, _count(f / "gaps.gpkg"), _count(f / "invalid.gpkg"), len(CHAIN)


def peer_startup():
    """Seconds qgis_process needs to start, load its providers and stop."""
    start = time.perf_counter()
    _qgis("help", "native:union")
    return time.perf_counter() - start


#: The peer's chain as processing.run steps: (algorithm, parameters; {f} is the folder).
CHAIN = (
    ("qgis:checkvalidity", {"INPUT_LAYER": "{layer}", "METHOD": 2,
                            "VALID_OUTPUT": "{f}/valid.gpkg",
                            "INVALID_OUTPUT": "{f}/invalid.gpkg",
                            "ERROR_OUTPUT": "{f}/errors.gpkg"}),
    ("native:union", {"INPUT": "{layer}", "OUTPUT": "{f}/union.gpkg"}),
    ("native:extractbyexpression", {"INPUT": "{f}/union.gpkg", "EXPRESSION": NOISE,
                                    "OUTPUT": "{f}/union_big.gpkg"}),
    ("native:deleteduplicategeometries", {"INPUT": "{f}/union_big.gpkg",
                                          "OUTPUT": "{f}/union_unique.gpkg"}),
    ("native:dissolve", {"INPUT": "{layer}", "OUTPUT": "{f}/dissolved.gpkg"}),
    ("native:deleteholes", {"INPUT": "{f}/dissolved.gpkg", "MIN_AREA": 0,
                            "OUTPUT": "{f}/filled.gpkg"}),
    ("native:difference", {"INPUT": "{f}/filled.gpkg", "OVERLAY": "{f}/dissolved.gpkg",
                           "OUTPUT": "{f}/gaps_multi.gpkg"}),
    ("native:multiparttosingleparts", {"INPUT": "{f}/gaps_multi.gpkg",
                                       "OUTPUT": "{f}/gaps_single.gpkg"}),
    ("native:extractbyexpression", {"INPUT": "{f}/gaps_single.gpkg", "EXPRESSION": NOISE,
                                    "OUTPUT": "{f}/gaps.gpkg"}),
)


def peer_chain_in_qgis(path, folder):
    """The peer's chain inside one QGIS started beforehand: the work without start-ups.

    Runs in a child interpreter (see :func:`run_peer_work`); prints the seconds as JSON.
    """
    import sys

    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append(str(Path(QgsApplication.pkgDataPath()) / "python" / "plugins"))
    from processing.core.Processing import Processing  # QGIS's own processing plugin
    from qgis import processing
    from qgis.analysis import QgsNativeAlgorithms

    Processing.initialize()
    QgsApplication.processingRegistry().addProvider(QgsNativeAlgorithms())
    layer = f"{path}|layername=base_grids"
    start = time.perf_counter()
    for alg, params in CHAIN:
        processing.run(alg, _params(params, layer, folder))
    print(json.dumps({"seconds": time.perf_counter() - start}))


def run_peer_work(path, folder):
    """Seconds of the peer's chain in one running QGIS (child process)."""
    work = Path(folder) / "in_qgis"
    work.mkdir()
    code = ("from onegrid.benchmarks.bench_check_grids import peer_chain_in_qgis; "
            f"peer_chain_in_qgis({str(path)!r}, {str(work)!r})")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONSAFEPATH": "1",
           "PYTHONPATH": str(REPO / "build" / "pythonpath")}
    done = subprocess.run([str(REPO / ".venv" / "bin" / "python"), "-c", code], check=True,
                          capture_output=True, text=True, cwd=REPO, env=env)
    return json.loads(done.stdout.strip().splitlines()[-1])["seconds"]


def run(scale=1.0):
    """Time both routes on the district at ``scale``; returns the result record."""
    with tempfile.TemporaryDirectory(prefix="onegrid_bench_check_") as folder:
        path, source, n = make_input(folder, scale)
        ours_s, ours_overlaps, ours_gaps, counts = run_ours(path)
        full_s, full_counts = run_ours_full(path, source)
        process_s = run_ours_process(path, folder)
        peer_s, peer_overlaps, peer_gaps, peer_invalid, calls = run_peer(path, folder)
        startup_s = peer_startup()
        peer_work_s = run_peer_work(path, folder)
    return {
        "name": "check_grids",
        "scale": f"{n:,} base grids, every {SHIFT_EVERY}th moved {SHIFT_M:g} m",
        "ours_s": round(ours_s, 3),
        "peer_s": round(peer_s, 3),
        "peer": ("qgis_process qgis:checkvalidity + native:union / deleteduplicategeometries "
                 "(overlaps) + dissolve / deleteholes / difference / multiparttosingleparts "
                 f"(gaps), {calls} calls"),
        "ratio": round(peer_s / ours_s, 2),
        "peer_startup_s": round(startup_s, 3),
        "peer_work_s": round(peer_work_s, 3),
        "ratio_work": round(peer_work_s / ours_s, 2),
        "ours_process_s": round(process_s, 3),
        "ours_full_s": round(full_s, 3),
        "overlaps": {"ours": ours_overlaps, "peer": peer_overlaps},
        "gaps": {"ours": ours_gaps, "peer": peer_gaps},
        "same_counts": ours_overlaps == peer_overlaps and ours_gaps == peer_gaps,
        "invalid": {"ours": counts["invalid"], "peer": peer_invalid},
        "ours_counts": counts,
        "ours_full_counts": full_counts,
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2, ensure_ascii=False))
