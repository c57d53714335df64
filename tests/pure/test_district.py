"""The synthetic benchmark district (scale 0.01), the benchmark harness and the runner."""
import json

import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely

from onegrid.benchmarks import district as D
from onegrid.benchmarks import harness
from onegrid.benchmarks import run as runner
from onegrid.layers import schema
from onegrid.processing.analysis import synthetic as syn
from onegrid.layers.workspace import layer_counts, workspace_crs

pytestmark = pytest.mark.pure

SCALE = 0.01
SPATIAL = [spec.name for spec in schema.LAYERS if spec.geometry]
#: Layers the district fills.
FILLED = ("base_grids", "buildings", "cameras", "communities", "events", "facilities",
          "grid_staff", "households", "organizations", "parcels", "patrol_points", "people",
          "professional_grids", "roads", "things")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    path = tmp_path_factory.mktemp("district") / "district.gpkg"
    info = D.build_district(path, scale=SCALE, cache=False)
    return path, info


@pytest.fixture(scope="module")
def layers(built):
    path, _ = built
    return {name: pyogrio.read_dataframe(str(path), layer=name) for name in FILLED}


def _filled(path):
    return {k: v for k, v in layer_counts(path).items() if v and k != "schema_version"}


def _rows(frame):
    """The attribute rows as plain tuples (None for missing), whatever the column dtypes."""
    data = frame.drop(columns="geometry").astype(object)
    return [tuple(None if pd.isna(v) else v for v in row) for row in data.itertuples()]


def _area(frame):
    return float(shapely.area(frame.geometry.values).sum())


# --- Counts ---------------------------------------------------------------------------------
def test_counts_scale_as_promised(built):
    path, info = built
    counts = info["counts"]
    assert counts == _filled(path)
    assert sorted(counts) == sorted(FILLED)
    exact = {"buildings": 500, "cameras": 50, "facilities": 30, "organizations": 200,
             "events": 500, "things": 200, "patrol_points": 10_000,
             "communities": 3,  # 50 x 0.01 rounds to 0: the minimum of 3 applies
             "professional_grids": 6 * 3}
    assert {k: counts[k] for k in exact} == exact
    # make_base_grids rounds each community's grid count up: 20 plus at most one each.
    assert 20 <= counts["base_grids"] <= 20 + counts["communities"]
    assert counts["people"] == pytest.approx(5_000, rel=0.05)
    assert counts["households"] == pytest.approx(5_000 / D.MEAN_HOUSEHOLD, rel=0.05)
    assert counts["grid_staff"] >= 4 * counts["base_grids"]
    assert info["road_edges"] >= 100_000 * SCALE
    assert info["cached"] is False
    assert set(info["timings_s"]) >= {"roads", "buildings", "base_grids", "people",
                                      "patrol_points", "write_patrol_points"}


def test_road_edges_split_at_junctions(layers, built):
    roads = layers["roads"]
    assert set(shapely.get_type_id(roads.geometry.values)) == {5}  # MultiLineString
    lines = shapely.get_parts(roads.geometry.values)
    coords, index = shapely.get_coordinates(lines, return_index=True)
    same = index[1:] == index[:-1]
    ends = np.round(np.stack([coords[:-1][same], coords[1:][same]], axis=1), 2)
    ends = np.sort(ends.view([("x", float), ("y", float)]).reshape(-1, 2), axis=1)
    segments = np.unique(ends.view(np.float64).reshape(-1, 4), axis=0)
    assert len(segments) == built[1]["road_edges"]
    # Roads meet only at shared vertices (junctions): no crossing without a node.
    a, b = shapely.STRtree(lines).query(lines, predicate="intersects")
    meet = shapely.get_coordinates(shapely.intersection(lines[a[a < b]], lines[b[a < b]]))
    vertices = {tuple(xy) for xy in np.round(coords, 2)}
    assert len(meet) > 0
    assert {tuple(xy) for xy in np.round(meet, 2)} <= vertices


def test_full_scale_lattice_has_100000_edges():
    rng = np.random.default_rng(D.SEED)
    lattice = D.make_lattice(rng, D.count("lattice_nodes", 1.0), D.count("parks", 1.0),
                             D.count("diagonals", 1.0))
    assert lattice["edges"] >= 100_000


def test_every_row_is_synthetic(built, layers):
    for name, frame in layers.items():
        assert (frame["synthetic"] == 1).all(), name
    assert workspace_crs(built[0]) == "EPSG:4549"


# --- Geometry -------------------------------------------------------------------------------
def test_geometries_valid(layers):
    for name, frame in layers.items():
        if name == "grid_staff":
            continue
        geoms = frame.geometry.values
        assert frame.crs.to_epsg() == 4549, name
        assert not shapely.is_empty(geoms).any(), name
        assert shapely.is_valid(geoms).all(), name


def test_buildings_do_not_overlap_each_other_or_roads(layers):
    """The rule: every building is at least SETBACK_M metres from every road centreline."""
    buildings = layers["buildings"].geometry.values
    a, b = shapely.STRtree(buildings).query(buildings, predicate="intersects")
    assert (a == b).all()
    roads = layers["roads"].geometry.values
    near, _ = shapely.STRtree(roads).query(buildings, predicate="dwithin",
                                           distance=D.SETBACK_M - 0.01)
    assert len(near) == 0
    # And they stand in the district.
    area = shapely.union_all(layers["communities"].geometry.values)
    assert shapely.within(buildings, shapely.buffer(area, 1e-6)).all()


def test_every_building_in_exactly_one_base_grid(layers):
    """By its representative point (a Voronoi grid boundary may cut a footprint)."""
    buildings, grids = layers["buildings"], layers["base_grids"]
    points = shapely.point_on_surface(buildings.geometry.values)
    pi, gi = shapely.STRtree(grids.geometry.values).query(points, predicate="intersects")
    assert np.array_equal(np.bincount(pi, minlength=len(points)), np.ones(len(points)))
    order = np.argsort(pi)
    assert (buildings["grid_code"].to_numpy() == grids["grid_code"].to_numpy()[gi[order]]).all()


def test_base_grids_tile_communities(layers):
    communities, grids = layers["communities"], layers["base_grids"]
    by_code = dict(zip(communities["code"], communities.geometry.values))
    assert set(grids["community_code"]) == set(by_code)
    for code, region in by_code.items():
        own = grids[grids["community_code"] == code].geometry.values
        assert _area(grids[grids["community_code"] == code]) == pytest.approx(
            shapely.area(region), rel=1e-9)
        assert shapely.area(shapely.symmetric_difference(shapely.union_all(own), region)) \
            < 1e-3
        assert shapely.within(own, shapely.buffer(region, 1e-6)).all()
    geoms = grids.geometry.values
    a, b = shapely.STRtree(geoms).query(geoms, predicate="overlaps")
    assert shapely.area(shapely.intersection(geoms[a], geoms[b])).sum() < 1e-3  # rounding
    district = shapely.box(*shapely.total_bounds(communities.geometry.values))
    assert _area(communities) == pytest.approx(shapely.area(district), rel=1e-9)


def test_professional_grids_tile_the_district_but_not_along_base_grids(layers):
    grids, base = layers["professional_grids"], layers["base_grids"]
    district = _area(layers["communities"])
    assert sorted(grids["grid_type"].unique()) == sorted(t for t, *_ in syn.PROFESSIONAL_TYPES)
    base_geoms = base.geometry.values
    for grid_type, group in grids.groupby("grid_type"):
        assert len(group) == 3
        assert _area(group) == pytest.approx(district, rel=1e-9)
        assert group["grid_code"].is_unique
        assert group["community_code"].isin(layers["communities"]["code"]).all()
        # Each professional grid cuts through some base grid: its boundary is its own.
        pi, bi = shapely.STRtree(base_geoms).query(group.geometry.values,
                                                   predicate="intersects")
        share = shapely.area(shapely.intersection(group.geometry.values[pi], base_geoms[bi])
                             ) / shapely.area(base_geoms[bi])
        partial = (share > 0.01) & (share < 0.99)
        assert len(np.unique(pi[partial])) == len(group), grid_type


# --- Records --------------------------------------------------------------------------------
def test_records_are_linked(layers):
    households, people = layers["households"], layers["people"]
    assert people["household_code"].isin(households["household_code"]).all()
    assert households["building_code"].isin(layers["buildings"]["building_code"]).all()
    assert layers["buildings"]["parcel_code"].isin(layers["parcels"]["parcel_code"]).all()
    base_codes = set(layers["base_grids"]["grid_code"])
    for name in ("buildings", "households", "people", "cameras", "things"):
        assert layers[name]["grid_code"].isin(base_codes).all(), name
    assert set(layers["grid_staff"]["grid_code"]) == base_codes
    assert set(layers["facilities"]["category"]) <= set(schema.FACILITY_CATEGORIES[i].code
                                                       for i in range(6))
    assert layers["buildings"]["address"].str.startswith(D.DISTRICT_NAME + D.STREET_NAME).all()


def test_patrol_points_one_day_of_two_patrols(layers):
    points = layers["patrol_points"]
    local = pd.to_datetime(points["recorded_at"], utc=True).dt.tz_convert("Asia/Shanghai")
    assert (local.dt.strftime("%Y-%m-%d") == D.PATROL_DAY).all()
    assert points["device_id"].str.startswith("PAD-").all()


def test_calibration_is_plausible(built):
    assert 30 <= built[1]["m2_per_household"] <= 200


# --- Reproducibility and the cache --------------------------------------------------------------
def test_same_seed_same_district(built, layers, tmp_path):
    again = tmp_path / "again.gpkg"
    info = D.build_district(again, scale=SCALE, cache=False)
    assert info["counts"] == built[1]["counts"]
    for name in ("roads", "buildings", "base_grids", "professional_grids", "people",
                 "patrol_points", "events"):
        first = layers[name].head(20)
        other = pyogrio.read_dataframe(str(again), layer=name, max_features=20)
        assert _rows(first) == _rows(other), name
        assert shapely.equals_exact(first.geometry.values, other.geometry.values,
                                    tolerance=0).all(), name


def test_another_seed_another_district(layers):
    rng = np.random.default_rng(D.SEED + 1)
    lattice = D.make_lattice(rng, D.count("lattice_nodes", SCALE), 1, 1)
    buildings, _ = D.make_buildings(rng, lattice, 500)
    assert len(buildings) == 500
    assert not shapely.equals(buildings.geometry.values[0], layers["buildings"].geometry.values[0])


def test_cache_is_reused(tmp_path, monkeypatch):
    monkeypatch.setattr(D, "CACHE", tmp_path / "cache")
    scale = 0.002
    first = D.build_district(None, scale=scale, seed=7)
    assert first["cached"] is False
    assert first["path"] == str(tmp_path / "cache" / "district_0.002_7.gpkg")
    copy = tmp_path / "copy.gpkg"
    second = D.build_district(copy, scale=scale, seed=7)
    assert second["cached"] is True and second["path"] == str(copy)
    assert second["counts"] == first["counts"] == _filled(copy)
    assert D.cached_district(scale, seed=7) == tmp_path / "cache" / "district_0.002_7.gpkg"


def test_bad_arguments(tmp_path):
    with pytest.raises(ValueError, match="scale must be positive, not 0"):
        D.build_district(tmp_path / "x.gpkg", scale=0)
    with pytest.raises(ValueError, match="out_gpkg is required when cache is False"):
        D.build_district(None, scale=0.01, cache=False)


# --- The harness ----------------------------------------------------------------------------
def tiny_benchmark(n=1000):
    """A benchmark for the harness test: allocates about n * 8 bytes and returns a record."""
    values = np.arange(n, dtype=np.float64)
    print("this line goes to stderr, not into the JSON")
    return {"name": "tiny", "scale": n, "ours_s": 0.5, "peer_s": 1.5, "peer": "none",
            "sum": values.sum(), "count": np.int64(n), "nested": {"a": [1, 2], "名": "网格"}}


def failing_benchmark():
    raise RuntimeError("the benchmark broke")


def listing_benchmark():
    return [1, 2, 3]


HELPER = "onegrid.tests.pure.test_district"


def test_harness_measures_a_child(tmp_path):
    log = tmp_path / "tiny.log"
    record = harness.measure(HELPER, func="tiny_benchmark", kwargs={"n": 2_000_000}, log=log)
    assert record["status"] == "ok"
    assert record["peak_rss_mb"] > 16  # 16 MB of float64 at least
    assert record["wall_s"] > 0
    assert record["sum"] == float(np.arange(2_000_000, dtype=np.float64).sum())
    assert record["count"] == 2_000_000
    assert record["nested"] == {"a": [1, 2], "名": "网格"}
    assert json.loads(json.dumps(record)) == record
    assert "this line goes to stderr" in log.read_text(encoding="utf-8")


def test_harness_records_failures():
    broken = harness.measure(HELPER, func="failing_benchmark")
    assert broken["status"] == "failed"
    assert broken["error"] == "RuntimeError: the benchmark broke"
    assert broken["peak_rss_mb"] > 0
    listing = harness.measure(HELPER, func="listing_benchmark")
    assert listing["status"] == "failed"
    assert listing["error"] == "listing_benchmark() returned list, not a dict"
    slow = harness.measure(HELPER, func="tiny_benchmark", timeout=0.01)
    assert slow["status"] == "failed" and slow["error"] == "timed out after 0.01 s"


def test_module_names():
    assert harness.module_name("bench_district") == "onegrid.benchmarks.bench_district"
    assert harness.module_name(HELPER) == HELPER


def test_machine_info():
    info = harness.machine_info()
    assert info["cores"] >= 1 and info["memory_gb"] > 0
    assert info["QGIS"].startswith("3.")
    assert info["GEOS"].startswith("3.") and info["PROJ"][0].isdigit()
    for key in ("cpu", "os", "numpy", "shapely", "pyproj", "GDAL", "geopandas"):
        assert info[key], key


# --- The runner -----------------------------------------------------------------------------
def test_runner_finds_benchmarks_and_scales():
    found = runner.discover()
    assert found["district"] == "bench_district"
    assert all(module.startswith("bench_") for module in found.values())
    here = runner.HERE
    assert runner.default_scale(here / "bench_district.py") == 1.0
    assert runner.run_kwargs(here / "bench_district.py", 0.01) == {"scale": 0.01}
    assert runner.run_kwargs(here / "bench_district.py", None) == {}


def test_runner_scale_of_integer_and_missing_defaults(tmp_path):
    module = tmp_path / "bench_x.py"
    module.write_text("def run(scale=1_000_000, other=2):\n    return {}\n", encoding="utf-8")
    assert runner.run_kwargs(module, 0.001) == {"scale": 1000}
    module.write_text("def run():\n    return {}\n", encoding="utf-8")
    assert runner.run_kwargs(module, 0.5) == {}


def test_runner_keeps_old_rows_and_renders(tmp_path):
    machine = {"cpu": "Test CPU", "cores": 2}
    ok = runner.row_from("tiny", "bench_tiny", {
        "status": "ok", "scale": 10, "ours_s": 0.5, "peer_s": 1.5, "peer": "a | b",
        "ratio": 0.333, "peak_rss_mb": 40.0, "wall_s": 1.0, "extra": {"k": 1}},
        {}, machine, "2026-11-22 08:00")
    assert ok["ratio"] == 3.0
    assert ok["details"] == {"extra": {"k": 1}, "ratio_reported_by_module": 0.333}
    failed = runner.row_from("broken", "bench_broken", {
        "status": "failed", "error": "RuntimeError: boom", "wall_s": 0.2}, {"scale": 3},
        machine, "2026-11-22 08:01")
    results = {"machine": machine, "updated_at": "2026-11-22 08:01",
               "benchmarks": {"tiny": ok}}
    json_path, md_path = tmp_path / "results.json", tmp_path / "RESULTS.md"
    runner.write(results, json_path, md_path)
    results = runner.load(json_path)
    results["benchmarks"]["broken"] = failed
    runner.write(results, json_path, md_path)
    text = md_path.read_text(encoding="utf-8")
    assert "| tiny | 10 | 0.500 | a \\| b | 1.500 | 3.0x faster | 40 | 2026-11-22 08:00 |  |" \
        in text
    assert "| broken | 3 |" in text and "FAILED: RuntimeError: boom" in text
    assert "| cpu | Test CPU |" in text
    assert "- extra: k: 1" in text
    assert set(runner.load(json_path)["benchmarks"]) == {"tiny", "broken"}


def test_runner_rejects_unknown_names(capsys):
    assert runner.main(["--only", "no_such_benchmark"]) == 2
    assert "unknown benchmark(s): no_such_benchmark" in capsys.readouterr().err


def test_runner_records_a_failure_and_exits_non_zero(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(runner, "RESULTS_JSON", tmp_path / "results.json")
    monkeypatch.setattr(runner, "RESULTS_MD", tmp_path / "RESULTS.md")
    monkeypatch.setattr(runner, "LOGS", tmp_path / "logs")
    monkeypatch.setattr(runner, "discover", lambda: {"good": "bench_good",
                                                     "broken": "bench_broken"})
    monkeypatch.setattr(runner, "run_kwargs", lambda path, scale: {})
    monkeypatch.setattr(runner.harness, "machine_info", lambda: {"cpu": "Test CPU", "cores": 1})
    records = {
        "bench_good": {"status": "ok", "name": "good", "scale": 1, "ours_s": 2.0,
                       "peer_s": 4.0, "peer": "p", "ratio": 2.0, "peak_rss_mb": 10.0},
        "bench_broken": {"status": "failed", "error": "RuntimeError: boom", "wall_s": 0.1,
                         "peak_rss_mb": 5.0},
    }
    monkeypatch.setattr(runner.harness, "measure", lambda module, **kw: records[module])
    runner.write({"machine": {}, "updated_at": None, "benchmarks": {
        "deleted": {"status": "ok", "name": "deleted"}}})
    assert runner.main([]) == 1
    captured = capsys.readouterr()
    assert "broken: FAILED: RuntimeError: boom" in captured.out
    assert "failed: broken" in captured.err
    stored = runner.load(tmp_path / "results.json")["benchmarks"]
    assert stored["good"]["ratio"] == 2.0 and stored["good"]["status"] == "ok"
    assert stored["broken"]["status"] == "failed"
    assert "deleted" not in stored
    text = (tmp_path / "RESULTS.md").read_text(encoding="utf-8")
    assert "| good | 1 | 2.000 | p | 4.000 | 2.0x faster | 10 |" in text
    assert "FAILED: RuntimeError: boom" in text
