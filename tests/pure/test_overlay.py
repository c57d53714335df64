"""多网合一 core: shares, one network, conflicts and alignment (processing/analysis/overlay)."""
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely

from onegrid.benchmarks import district
from onegrid.processing.analysis import overlay, synthetic as syn
from onegrid.processing.analysis.errors import OneGridError

pytestmark = pytest.mark.pure

BUBENEC_GPKG = Path(__file__).resolve().parents[2] / "build" / "data" / "bubenec.gpkg"
UTM = 32650  # UTM 50N (Beijing)
ORIGIN = (440000.0, 4420000.0)


def _frame(codes, boxes, crs=UTM, name=None):
    geoms = [shapely.affinity.translate(shapely.box(*b), *ORIGIN) for b in boxes]
    frame = gpd.GeoDataFrame({"grid_code": codes}, geometry=geoms, crs=crs)
    if name:
        frame.attrs["layer_name"] = name
    return frame


@pytest.fixture
def base():
    """Four 100 m base squares: a b along the bottom, c d above them."""
    frame = _frame(["a", "b", "c", "d"], [(0, 0, 100, 100), (100, 0, 200, 100),
                                          (0, 100, 100, 200), (100, 100, 200, 200)],
                   name="base_grids")
    frame["name"] = ["A", "B", "C", "D"]
    return frame


@pytest.fixture
def police():
    """P1 holds 70 % of a and c; P2 the rest up to y=185; P3 the top strip."""
    frame = _frame(["P1", "P2", "P3"], [(0, 0, 70, 200), (70, 0, 200, 185),
                                        (70, 185, 200, 200)], name="police_grids")
    frame["department"] = "公安分局"
    return frame


@pytest.fixture
def safety():
    """One safety grid over the bottom row only: c and d are not covered."""
    return _frame(["S1"], [(0, 0, 200, 100)], name="safety_grids")


def test_shares_table(base, police):
    table = overlay.shares(base, police)
    got = [(b, o, round(a, 6), round(s, 9)) for b, o, a, s in table.itertuples(index=False)]
    assert got == [("a", "P1", 7000.0, 0.7), ("a", "P2", 3000.0, 0.3),
                   ("b", "P2", 10000.0, 1.0),
                   ("c", "P1", 7000.0, 0.7), ("c", "P2", 2550.0, 0.255),
                   ("c", "P3", 450.0, 0.045),
                   ("d", "P2", 8500.0, 0.85), ("d", "P3", 1500.0, 0.15)]
    assert np.allclose(table.groupby("base_id")["share"].sum(), 1.0)


def test_merge_columns_and_values(base, police, safety):
    network, _ = overlay.merge_grids(base, {"police": police, "safety": safety})
    assert list(network.columns) == ["grid_code", "geometry", "name", "police_grid",
                                     "police_share", "safety_grid", "safety_share"]
    assert network["police_grid"].tolist() == ["P1", "P2", "P1", "P2"]
    assert np.allclose(network["police_share"], [0.7, 1.0, 0.7, 0.85])
    assert network["safety_grid"].tolist() == ["S1", "S1", None, None]
    assert network["safety_share"].tolist() == [1.0, 1.0, 0.0, 0.0]
    assert network.crs == base.crs
    assert network.geometry.equals(base.geometry)


def test_conflicts(base, police, safety):
    _, conflicts = overlay.merge_grids(base, {"police": police, "safety": safety},
                                       min_share=0.1)
    rows = [(t, b, o, round(s, 9), round(a, 6)) for t, b, o, s, a in
            conflicts[["grid_type", "base_id", "overlay_id", "share", "area_m2"]]
            .itertuples(index=False)]
    assert rows == [("police", "a", "P1", 0.7, 7000.0), ("police", "a", "P2", 0.3, 3000.0),
                    ("police", "c", "P1", 0.7, 7000.0), ("police", "c", "P2", 0.255, 2550.0),
                    ("police", "d", "P2", 0.85, 8500.0), ("police", "d", "P3", 0.15, 1500.0)]
    piece = shapely.affinity.translate(shapely.box(70, 0, 100, 100), *ORIGIN)
    assert conflicts.geometry.iloc[1].symmetric_difference(piece).area < 1e-6
    assert np.allclose(conflicts.geometry.area, conflicts["area_m2"])
    assert conflicts.crs == base.crs


def test_min_share_bounds_the_conflicts(base, police):
    _, wide = overlay.merge_grids(base, {"police": police}, min_share=0.0)
    _, narrow = overlay.merge_grids(base, {"police": police}, min_share=0.2)
    assert len(wide) == 8  # every piece, the whole b too (0 <= share <= 1)
    assert sorted(zip(narrow["base_id"], narrow["overlay_id"])) == [
        ("a", "P1"), ("a", "P2"), ("c", "P1"), ("c", "P2")]


def test_align(base, police):
    aligned, report = overlay.align_grids(base, {"police": police})
    assert aligned["grid_code"].tolist() == ["P1", "P2"]
    assert aligned["grid_type"].tolist() == ["police", "police"]
    assert aligned["department"].tolist() == ["公安分局", "公安分局"]
    by_code = base.set_index("grid_code").geometry
    for code, members in (("P1", ["a", "c"]), ("P2", ["b", "d"])):
        union = shapely.union_all(by_code.loc[members].values)
        got = aligned.loc[aligned["grid_code"] == code].geometry.iloc[0]
        assert got.symmetric_difference(union).area == 0
    rows = report.set_index("overlay_id")
    assert rows.loc["P1", ["area_before_m2", "area_after_m2", "moved_in_m2",
                           "moved_out_m2", "moved_m2"]].tolist() == pytest.approx(
        [14000, 20000, 6000, 0, 6000])
    assert rows.loc["P2", ["area_before_m2", "area_after_m2", "moved_in_m2",
                           "moved_out_m2", "moved_m2"]].tolist() == pytest.approx(
        [24050, 20000, 1500, 5550, 7050])
    assert rows.loc["P3", ["area_before_m2", "area_after_m2", "moved_out_m2"]].tolist() == \
        pytest.approx([1950, 0, 1950])
    assert rows["base_grids"].tolist() == [2, 2, 0]
    assert rows["base_ids"].tolist() == ["a,c", "b,d", ""]
    assert rows["status"].tolist() == ["aligned", "aligned", "no_base_grid"]
    assert list(report.columns) == ["grid_type", "overlay_id", *overlay.REPORT_COLUMNS]


def test_geographic_and_mixed_crs(base, police):
    """Base in lon/lat, police in Web Mercator: the same shares, measured in metres."""
    expected = overlay.shares(base, police)
    got = overlay.shares(base.to_crs(4326), police.to_crs(3857))
    assert got["base_id"].tolist() == expected["base_id"].tolist()
    assert np.allclose(got["share"], expected["share"], atol=1e-6)
    assert np.allclose(got["area_m2"], expected["area_m2"], rtol=1e-3)
    network, conflicts = overlay.merge_grids(base.to_crs(4326), {"police": police.to_crs(3857)})
    assert network["police_grid"].tolist() == ["P1", "P2", "P1", "P2"]
    assert conflicts.crs.to_epsg() == 4326
    aligned, _ = overlay.align_grids(base.to_crs(4326), {"police": police.to_crs(3857)})
    assert aligned.crs.to_epsg() == 4326
    geographic = base.to_crs(4326).set_index("grid_code").geometry
    union = shapely.union_all(geographic.loc[["a", "c"]].values)
    assert aligned.geometry.iloc[0].symmetric_difference(union).area == 0


def test_empty_geometry_gets_no_grid(base, police):
    base.loc[3, "geometry"] = shapely.Polygon()
    assert overlay.empty_ids(base, "grid_code") == ["d"]
    network, _ = overlay.merge_grids(base, {"police": police})
    assert network["police_grid"].tolist() == ["P1", "P2", "P1", None]
    assert network["police_share"].tolist()[3] == 0.0


def test_duplicate_ids(base, police):
    police.loc[2, "grid_code"] = "P1"
    with pytest.raises(OneGridError, match="^Layer police_grids has duplicate grid_code "
                                           "values: P1$"):
        overlay.merge_grids(base, {"police": police})


def test_empty_ids(base, police):
    base.loc[1, "grid_code"] = None
    with pytest.raises(OneGridError, match="^Layer base_grids has features without "
                                           "grid_code: feature ids 1$"):
        overlay.align_grids(base, {"police": police})


def test_missing_id_field(base, police):
    with pytest.raises(OneGridError, match="^Layer police_grids has no field code; its "
                                           "fields are: grid_code, department$"):
        overlay.merge_grids(base, {"police": police}, overlay_id="code")


def test_bad_min_share(base, police):
    with pytest.raises(OneGridError, match="^MIN_SHARE must be between 0 and 0.5, not 0.6$"):
        overlay.merge_grids(base, {"police": police}, min_share=0.6)


def test_no_overlays(base):
    with pytest.raises(OneGridError, match="^No professional grid layer given$"):
        overlay.merge_grids(base, {})


def test_canceled(base, police):
    from onegrid.processing.analysis.errors import Canceled

    with pytest.raises(Canceled):
        overlay.align_grids(base, {"police": police}, is_canceled=lambda: True)


def _check_realistic(base, overlays):
    network, conflicts = overlay.merge_grids(base, overlays, min_share=0.1)
    aligned, report = overlay.align_grids(base, overlays)
    by_code = base.set_index("grid_code").geometry
    for grid_type, frame in overlays.items():
        table = overlay.shares(base, frame)
        sums = table.groupby("base_id")["share"].sum()
        assert len(sums) == len(base)
        assert np.allclose(sums, 1.0, atol=1e-6)
        assert table["share"].between(0.0, 1.0).all()
        best = table.sort_values("share").drop_duplicates("base_id", keep="last")
        expected = best.set_index("base_id")["overlay_id"].reindex(base["grid_code"])
        assert network[f"{grid_type}_grid"].tolist() == expected.tolist()
        cut = table[(table["share"] >= 0.1) & (table["share"] <= 0.9)]
        assert (conflicts["grid_type"] == grid_type).sum() == len(cut)
        mine = report[report["grid_type"] == grid_type]
        assert mine["base_grids"].sum() == len(base)
        assert mine["area_after_m2"].sum() == pytest.approx(mine["area_before_m2"].sum(),
                                                            rel=1e-6)
        grids = aligned[aligned["grid_type"] == grid_type]
        assert len(grids) == (mine["status"] == "aligned").sum()
        for code, geom in zip(grids["grid_code"], grids.geometry):
            members = mine.set_index("overlay_id").loc[code, "base_ids"].split(",")
            union = shapely.union_all(by_code.loc[members].values)
            assert geom.symmetric_difference(union).area < 1e-6 * union.area
    return network, conflicts, aligned, report


def test_synthetic_district():
    path = district.cached_district(0.01)
    base = gpd.read_file(path, layer="base_grids", engine="pyogrio")
    professional = gpd.read_file(path, layer="professional_grids", engine="pyogrio")
    overlays = {t: f.reset_index(drop=True) for t, f in professional.groupby("grid_type")}
    assert sorted(overlays) == ["environment", "market", "police", "safety", "sanitation",
                                "traffic"]
    network, conflicts, _, _ = _check_realistic(base, overlays)
    assert len(network) == len(base)
    assert len(conflicts) > 0


def voronoi_grids(region, n, rng, crs, prefix):
    """``n`` police grids: Voronoi cells of random seeds in ``region``, clipped to it."""
    seeds, _ = syn.random_points_in(np.array([region], dtype=object), [n], rng)
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(seeds),
                                                       extend_to=region))
    cells = shapely.intersection(cells, region)
    cells = cells[shapely.area(cells) > 0]
    return gpd.GeoDataFrame({"grid_code": [f"{prefix}{i:03d}" for i in range(len(cells))],
                             "grid_type": "police"}, geometry=cells, crs=crs)


def test_bubenec_real_buildings():
    """Base grids drawn between Prague's real buildings; police grids as Voronoi cells."""
    rng = np.random.default_rng(20261122)
    buildings = gpd.read_file(BUBENEC_GPKG, layer="buildings").to_crs(32633)
    buildings["households"] = syn.estimate_households(buildings, rng)
    hull = buildings.union_all().convex_hull.buffer(30)
    communities = syn.make_communities(gpd.GeoSeries([hull], crs=32633), 3, rng,
                                       buildings=buildings)
    base = syn.make_base_grids(communities, buildings, target_households=40, rng=rng)
    region = shapely.union_all(communities.geometry.values)
    police = voronoi_grids(region, 12, rng, 32633, "110105J")
    assert len(base) > 20
    _, conflicts, aligned, report = _check_realistic(base, {"police": police})
    assert (conflicts["share"] >= 0.1).all() and (conflicts["share"] <= 0.9).all()


def test_invalid_geometry_is_repaired(base, police):
    """A self-crossing (bow-tie) base grid b: its two triangles are measured, not an error."""
    x0, y0 = ORIGIN
    base.loc[1, "geometry"] = shapely.Polygon([(x0 + 100, y0), (x0 + 200, y0 + 100),
                                               (x0 + 200, y0), (x0 + 100, y0 + 100)])
    table = overlay.shares(base, police)
    row = table[table["base_id"] == "b"]
    assert row["overlay_id"].tolist() == ["P2"]
    assert row["area_m2"].tolist() == pytest.approx([5000.0])
