"""Benchmark: onegrid:link_records' core against QGIS's join by location and geopandas.sjoin.

Data: the synthetic district (:func:`benchmarks.district.cached_district`): 50,000 buildings,
their parcels (blocks) and about 2,000 base grids at scale 1, and :data:`POINTS` x scale
record points (seeded): 90 % inside a building footprint (drawn uniformly in it), 5 % within
:data:`MAX_DISTANCE` m outside one, 5 % anywhere in the district. They are written once to a
GeoPackage next to the district.

Ours, ``ours_s``: :func:`onegrid.processing.analysis.linking.link_records` by coordinates
(point in building, nearest building within 20 m, building -> parcel by largest overlap,
-> grid, -> community; parcel_only for the rest), reading the four layers from the
GeoPackages included: the records through GDAL's Arrow stream
(:func:`onegrid.processing.analysis.fastread.read_points`: record_no and the points, the same
frame as ``pyogrio.read_dataframe``), the three polygon layers (their id columns only) with
pyogrio in a second thread meanwhile.

Peer (a), ``peer_s``: QGIS native:joinattributesbylocation (points within buildings, one
to one, the building code joined) into a memory layer, ONE level only (buildings), run in
this process through processing.run, reading its inputs from the same files. ``ratio`` =
peer_s / ours_s.

Peer (a) on the whole task, ``peer_three_levels_s``: the same join chained as a QGIS user
gets records -> building -> parcel -> grid: peer (a)'s result joined on to the parcels,
then to the grids (code and community), each into memory with a spatial index made first
(no nearest building, which QGIS's join has no way to do); ``ratio_three_levels`` = it /
ours_s.

``ours_one_level_s``: ours on the peers' task (records and buildings read, point in
building only, no nearest building, parcel or grid), with ``ratio_one_level`` (QGIS / it)
and ``ratio_sjoin_one_level`` (sjoin / it).

Peer (b), ``sjoin_s``: geopandas.sjoin(points, buildings, predicate="within"), one level,
reading both files included, with ``pyogrio.read_dataframe`` as geopandas does by default
(its ``use_arrow=True`` needs pyarrow, which the project does not install); ``ratio_sjoin`` =
sjoin_s / ours_s. Its building per point is checked against ours for the points inside a
footprint (``sjoin_agree``). For context, ``sjoin_fast_read_s`` is sjoin with its two files
read the way ours reads them (records by ``read_points``, buildings in a second thread).

Addresses: :data:`ADDRESSES` x scale address-only records (a table, no geometry) made by
:func:`onegrid.processing.analysis.address.make_variants` from the district's standard
addresses (prefix left out, Chinese numerals, 幢/座/号楼/#, 3-2-301, full width, blanks,
typos, 5 % non-existent and 2 % empty), linked by address alone: ``address_s``, throughput
``address_per_s`` and the shares correct / wrong / unlinked among those that exist.

Runs: ours runs first, in a cold process; ours and sjoin then run a second time (same order)
and ``ours_s`` / ``sjoin_s`` are the faster of each one's two runs (``ours_runs_s``,
``sjoin_runs_s``; ``ratio_first_runs`` compares the first runs). QGIS runs last, also
twice, and ``peer_s`` is its faster run (``peer_runs_s``; on this machine one QGIS run
took 11 s and another 16 s). The chained three levels start from its first run.

Cold runs, ``cold_runs_s``: ours and sjoin twice each, every run in a new process of its own
(reading and first allocations included, imports not; the first runs above are not symmetric:
sjoin's come after ours in a process ours has warmed); ``ratio_sjoin_cold`` compares the
faster of each one's two cold runs.

Peak memory: ``ours_peak_rss_mb`` is the child's peak right after ours' first run.
``ours_stages_s`` splits ours into its stages; ``*_read_s`` are the reading times and
``ratio_sjoin_without_reading`` compares the joins alone; ``load_average`` is the machine's
1-minute load when the run ended (the machine is shared).

The algorithm as a user runs it, ``algorithm_gpkg_s``: onegrid:link_records through
processing.run with GeoPackage inputs (whole layers: read by GDAL, not feature by feature)
and GeoPackage outputs (written by GDAL with their spatial index), the full chain, against
native:joinattributesbylocation into a GeoPackage, ``peer_gpkg_s`` (one level);
``ratio_algorithm_gpkg`` = peer_gpkg_s / algorithm_gpkg_s.

Run alone: ``.venv/bin/python -m onegrid.benchmarks.bench_link_records``.
"""
import json
import multiprocessing
import os
import resource
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from ..processing.analysis import address as A
from ..processing.analysis import fastread, linking
from ..processing.analysis.synthetic import random_points_in
from .district import cached_district

POINTS = 1_000_000
ADDRESSES = 100_000
MAX_DISTANCE = 20.0
SEED = 20261202


def make_points(path, scale):
    """The record points for the district at ``path`` (cached beside it); returns the path."""
    out = Path(path).with_name(Path(path).stem + f"_records_{SEED}.gpkg")
    if out.exists() and out.stat().st_mtime >= Path(path).stat().st_mtime:
        return out
    rng = np.random.default_rng(SEED)
    n = int(round(POINTS * scale))
    buildings = pyogrio.read_dataframe(path, layer="buildings", columns=[])
    footprints = buildings.geometry.values
    n_in, n_near = int(n * 0.9), int(n * 0.05)
    n_any = n - n_in - n_near
    counts = np.bincount(rng.integers(0, len(footprints), n_in), minlength=len(footprints))
    inside, _ = random_points_in(footprints, counts, rng)
    near_b = rng.integers(0, len(footprints), n_near)
    edge = shapely.line_interpolate_point(shapely.boundary(footprints[near_b]),
                                          rng.random(n_near), normalized=True)
    centre = shapely.get_coordinates(shapely.centroid(footprints[near_b]))
    e = shapely.get_coordinates(edge)
    direction = e - centre
    direction /= np.maximum(np.hypot(direction[:, 0], direction[:, 1]), 1e-9)[:, None]
    near = shapely.points(e + direction * rng.uniform(1, MAX_DISTANCE * 0.9, n_near)[:, None])
    minx, miny, maxx, maxy = buildings.total_bounds
    anywhere = shapely.points(rng.uniform(minx, maxx, n_any), rng.uniform(miny, maxy, n_any))
    points = np.concatenate([inside, near, anywhere])
    order = rng.permutation(n)
    frame = gpd.GeoDataFrame({"record_no": np.arange(n)}, geometry=points[order],
                             crs=buildings.crs)
    tmp = out.with_suffix(".tmp.gpkg")
    pyogrio.write_dataframe(frame, tmp, layer="records")
    os.replace(tmp, out)
    return out


LAYERS = {"buildings": ["building_code"], "parcels": ["parcel_code"],
          "base_grids": ["grid_code", "community_code"]}


def read_inputs(district, records_path, layers):
    """The records (:func:`fastread.read_points`) and the polygon ``layers`` of the district
    (pyogrio, read in a second thread meanwhile: GDAL releases the GIL)."""
    with ThreadPoolExecutor(1) as pool:
        polygons = pool.submit(lambda: [pyogrio.read_dataframe(district, layer=name,
                                                               columns=LAYERS[name])
                                        for name in layers])
        records = fastread.read_points(records_path, "records", ["record_no"])
        return [records] + polygons.result()


def run_ours(district, records_path):
    start = time.perf_counter()
    records, buildings, parcels, grids = read_inputs(district, records_path, list(LAYERS))
    read_s = time.perf_counter() - start
    result = linking.link_records(records, buildings, parcels, grids, kind="people",
                                  max_distance=MAX_DISTANCE)
    result.info["read_s"] = round(read_s, 3)
    return time.perf_counter() - start, result


def run_ours_one_level(district, records_path):
    """Ours on the peers' task: records and buildings read, point in building only (no
    nearest building, parcel, grid); seconds."""
    start = time.perf_counter()
    records, buildings = read_inputs(district, records_path, ["buildings"])
    result = linking.link_records(records, buildings, kind="people", max_distance=0)
    return time.perf_counter() - start, result.info["point_in_building"]


def run_sjoin(district, records_path):
    start = time.perf_counter()
    records = pyogrio.read_dataframe(records_path, layer="records")
    buildings = pyogrio.read_dataframe(district, layer="buildings", columns=["building_code"])
    read_s = time.perf_counter() - start
    joined = gpd.sjoin(records, buildings, predicate="within", how="left")
    joined.attrs["read_s"] = read_s
    return time.perf_counter() - start, joined


def _timed(name, district, records_path):
    seconds, _result = globals()[name](district, records_path)
    return seconds


def run_cold(name, district, records_path):
    """Seconds of one run of ``name`` (run_ours or run_sjoin) in a new process of its own:
    nothing read, imported or allocated beforehand by the other tool."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=context) as pool:
        return pool.submit(_timed, name, str(district), str(records_path)).result()


def run_sjoin_fast_read(district, records_path):
    """sjoin as :func:`run_sjoin`, its files read as ours reads them; seconds (context)."""
    start = time.perf_counter()
    records, buildings = read_inputs(district, records_path, ["buildings"])
    gpd.sjoin(records, buildings, predicate="within", how="left")
    return time.perf_counter() - start


def run_qgis(district, records_path):
    """native:joinattributesbylocation into memory, in this process; seconds."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import sys

    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    plugins = os.path.join(QgsApplication.pkgDataPath(), "python", "plugins")
    if plugins not in sys.path:
        sys.path.append(plugins)
    from processing.core.Processing import Processing

    Processing.initialize()
    import processing

    def join():
        start = time.perf_counter()
        result = processing.run("native:joinattributesbylocation", {
            "INPUT": f"{records_path}|layername=records",
            "JOIN": f"{district}|layername=buildings", "PREDICATE": [5],
            "JOIN_FIELDS": ["building_code"], "METHOD": 1, "DISCARD_NONMATCHING": False,
            "OUTPUT": "memory:"})
        return time.perf_counter() - start, result

    # twice, as ours runs twice: the faster run counts
    seconds, result = join()
    again, second = join()
    del second
    joined = result["JOINED_COUNT"] if "JOINED_COUNT" in result else None
    count = result["OUTPUT"].featureCount()
    chain = {"peer_runs_s": [round(seconds, 3), round(again, 3)],
             "peer_three_levels_s": round(seconds + chain_rest(processing, district,
                                                               result["OUTPUT"]), 3)}
    del result
    chain.update(run_in_qgis(processing, district, records_path))
    return min(seconds, again), joined, count, chain


def chain_rest(processing, district, joined):
    """The QGIS user's way to the same three levels: the records joined to the buildings
    (``joined``, the one-level result) joined on to the parcels, then to the grids (their
    code and community), each into memory; seconds of these two joins. Each memory layer
    gets a spatial index first (native:createspatialindex, timed): without one QGIS's join,
    which looks the smaller layer's features up in the larger, scans the million points
    once per parcel (20 minutes here)."""
    start = time.perf_counter()
    for layer, fields in (("parcels", ["parcel_code"]),
                          ("base_grids", ["grid_code", "community_code"])):
        processing.run("native:createspatialindex", {"INPUT": joined})
        joined = processing.run("native:joinattributesbylocation", {
            "INPUT": joined, "JOIN": f"{district}|layername={layer}", "PREDICATE": [5],
            "JOIN_FIELDS": fields, "METHOD": 1, "DISCARD_NONMATCHING": False,
            "OUTPUT": "memory:"})["OUTPUT"]
    seconds = time.perf_counter() - start
    assert joined.featureCount() > 0 and joined.fields().indexOf("community_code") >= 0
    return seconds


def run_in_qgis(processing, district, records_path):
    """Whole algorithms in QGIS, GeoPackage in and out: onegrid:link_records (the full
    chain, linked and unmatched records written) and QGIS's join by location (one level)
    into a GeoPackage; seconds of each."""
    from qgis.core import QgsApplication

    from ..processing.provider import OneGridProvider

    provider = OneGridProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    out = Path(records_path).with_name("bench_link_out")
    out.mkdir(exist_ok=True)
    for old in out.glob("*.gpkg"):
        old.unlink()
    start = time.perf_counter()
    processing.run("onegrid:link_records", {
        "RECORDS": f"{records_path}|layername=records", "KIND": 0,
        "BUILDINGS": f"{district}|layername=buildings",
        "PARCELS": f"{district}|layername=parcels", "GRIDS": f"{district}|layername=base_grids",
        "MAX_DISTANCE": MAX_DISTANCE, "OUTPUT": str(out / "linked.gpkg"),
        "UNMATCHED": str(out / "unmatched.gpkg")})
    ours = time.perf_counter() - start
    start = time.perf_counter()
    processing.run("native:joinattributesbylocation", {
        "INPUT": f"{records_path}|layername=records",
        "JOIN": f"{district}|layername=buildings", "PREDICATE": [5],
        "JOIN_FIELDS": ["building_code"], "METHOD": 1, "DISCARD_NONMATCHING": False,
        "OUTPUT": str(out / "qgis_joined.gpkg")})
    theirs = time.perf_counter() - start
    QgsApplication.processingRegistry().removeProvider(provider)
    return {"algorithm_gpkg_s": round(ours, 3), "peer_gpkg_s": round(theirs, 3),
            "ratio_algorithm_gpkg": round(theirs / ours, 2)}


def run_addresses(district, scale):
    rng = np.random.default_rng(SEED + 1)
    columns = ["district", "street", "road", "house_number", "building_no", "address"]
    buildings = pyogrio.read_dataframe(district, layer="buildings", columns=columns,
                                       read_geometry=False)
    parts = pd.DataFrame({
        "prefix": buildings["district"].fillna("") + buildings["street"].fillna(""),
        "road": buildings["road"], "number": buildings["house_number"],
        "building": buildings["building_no"]})
    n = int(round(ADDRESSES * scale))
    variants = A.make_variants(parts, rng, n)
    start = time.perf_counter()
    table = pd.DataFrame({"address": variants["address"]})
    buildings_g = pyogrio.read_dataframe(district, layer="buildings",
                                         columns=["building_code", "address"])
    result = linking.link_records(table, buildings_g, kind="people", address_field="address")
    seconds = time.perf_counter() - start
    code = buildings_g["building_code"].to_numpy(dtype=object)
    label = variants["label"].to_numpy()
    got = np.full(n, None, dtype=object)
    got[result.linked.index.to_numpy()] = result.linked["building_id"].to_numpy(dtype=object)
    exists = label >= 0
    truth = np.where(exists, code[np.maximum(label, 0)], None)
    correct = (got == truth) & exists
    wrong = (got != None) & (got != truth)  # noqa: E711
    return {
        "address_records": n, "address_s": round(seconds, 3),
        "address_per_s": round(n / seconds),
        "address_correct_share": round(float(correct[exists].mean()), 4),
        "address_wrong_share": round(float(wrong[exists].mean()), 4),
        "address_unlinked_share": round(float((got == None)[exists].mean()), 4),  # noqa: E711
        "address_invented": int((got[~exists] != None).sum()),  # noqa: E711
        "address_methods": {m: int(v) for m, v in result.info.items() if m.startswith(
            "address_")},
    }


def run(scale=1.0):
    """Time ours and both peers on the district at ``scale``; returns the result record."""
    district = cached_district(scale)
    records_path = make_points(district, scale)
    ours_first_s, result = run_ours(district, records_path)
    ours_peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    info = result.info
    stages = result.linked.attrs.get("seconds", {})
    ours_building = pd.Series(result.linked["building_id"].to_numpy(dtype=object),
                              index=result.linked["record_no"].to_numpy())
    in_building = result.linked["link_method"].to_numpy() == "point_in_building"
    del result
    one_s, one_found = run_ours_one_level(district, records_path)
    sjoin_first_s, joined = run_sjoin(district, records_path)
    sjoin_read_s = joined.attrs["read_s"]
    joined = joined[~joined.index.duplicated()]
    theirs = pd.Series(joined["building_code"].to_numpy(dtype=object),
                       index=joined["record_no"].to_numpy())
    inside_ids = ours_building.index[in_building]
    agree = float((theirs.reindex(inside_ids).to_numpy(dtype=object)
                   == ours_building[in_building].to_numpy(dtype=object)).mean())
    del joined, theirs
    # Ours ran first in a cold process (its allocations fault fresh pages in, the peers'
    # then reuse them): ours and sjoin run a second time, in the same order, and the faster
    # run of each counts; both runs are kept (ours_runs_s, sjoin_runs_s).
    ours_again_s, again = run_ours(district, records_path)
    if ours_again_s < ours_first_s:
        info, stages = again.info, again.linked.attrs.get("seconds", {})
    del again
    sjoin_again_s, joined = run_sjoin(district, records_path)
    if sjoin_again_s < sjoin_first_s:
        sjoin_read_s = joined.attrs["read_s"]
    del joined
    ours_s, sjoin_s = min(ours_first_s, ours_again_s), min(sjoin_first_s, sjoin_again_s)
    sjoin_fast_read_s = run_sjoin_fast_read(district, records_path)
    cold = {name: [round(run_cold(f"run_{name}", district, records_path), 3)
                   for _ in range(2)] for name in ("ours", "sjoin")}
    qgis_s, qgis_joined, qgis_count, in_qgis = run_qgis(district, records_path)
    record = {
        "name": "link_records",
        "scale": f"{info['records']} points -> {info['buildings']} buildings, parcels, "
                 "grids; plus address-only records",
        "ours_s": round(ours_s, 3),
        "ours_runs_s": [round(ours_first_s, 3), round(ours_again_s, 3)],
        "ours_peak_rss_mb": round(ours_peak_mb, 1),
        "peer": "QGIS native:joinattributesbylocation (within, one-to-one, into memory), one "
                "level (buildings) only",
        "peer_s": round(qgis_s, 3),
        "ratio": round(qgis_s / ours_s, 2),
        "peer_joined": qgis_joined, "peer_features": qgis_count,
        "sjoin_s": round(sjoin_s, 3),
        "sjoin_runs_s": [round(sjoin_first_s, 3), round(sjoin_again_s, 3)],
        "ratio_first_runs": {"qgis": round(in_qgis["peer_runs_s"][0] / ours_first_s, 2),
                             "sjoin": round(sjoin_first_s / ours_first_s, 2)},
        "cold_runs_s": cold,
        "ratio_sjoin_cold": round(min(cold["sjoin"]) / min(cold["ours"]), 2),
        "sjoin": "geopandas.sjoin(points, buildings, predicate='within'), one level, reading "
                 "both files included",
        "ratio_sjoin": round(sjoin_s / ours_s, 2),
        "sjoin_agree": round(agree, 6),
        "sjoin_fast_read_s": round(sjoin_fast_read_s, 3),
        "ours_reader": "records: fastread.read_points (GDAL Arrow stream via nanoarrow); "
                       "polygons: pyogrio.read_dataframe in a second thread",
        "methods": {m: info[m] for m in linking.METHODS},
        "ours_one_level_s": round(one_s, 3),
        "ours_one_level": "link_records on the peers' task: point in building only (no "
                          "nearest building, parcel or grid), reading included",
        "ratio_one_level": round(qgis_s / one_s, 2),
        "ratio_sjoin_one_level": round(sjoin_s / one_s, 2),
        "ours_one_level_found": one_found,
        "ours_read_s": info["read_s"],
        "ours_stages_s": stages,
        "sjoin_read_s": round(sjoin_read_s, 3),
        "ratio_sjoin_without_reading": round((sjoin_s - sjoin_read_s)
                                             / (ours_s - info["read_s"]), 2),
        "load_average": os.getloadavg()[0],
    }
    record.update(in_qgis)
    record["peer_three_levels"] = (
        "native:joinattributesbylocation chained as a QGIS user gets the same three levels: "
        "records -> buildings (peer_s), the result -> parcels, that -> grids (code and "
        "community), each within, one-to-one, into memory, each memory layer given a spatial "
        "index first (timed); no nearest building")
    record["ratio_three_levels"] = round(record["peer_three_levels_s"] / ours_s, 2)
    record["note"] = (
        f"ours (all three levels and the nearest building) against QGIS one level: "
        f"{record['ratio']}x; one level each: {record['ratio_one_level']}x; QGIS chained to "
        f"the same three levels: {record['ratio_three_levels']}x; geopandas.sjoin (one level) "
        f"{record['ratio_sjoin']}x. Peak MB is the whole process with QGIS's memory layers; "
        f"ours alone {record['ours_peak_rss_mb']:.0f} MB. GeoPackage in and out through "
        f"processing.run: {record['ratio_algorithm_gpkg']}x.")
    record["algorithm_gpkg"] = (
        "onegrid:link_records through processing.run, GeoPackages in (read by GDAL) and out "
        "(written by GDAL, spatial index included), the full chain, against "
        "native:joinattributesbylocation (one level) into a GeoPackage")
    record.update(run_addresses(district, scale))
    return record


if __name__ == "__main__":
    print(json.dumps(run(), indent=2, ensure_ascii=False))
