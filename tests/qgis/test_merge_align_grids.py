"""onegrid:merge_grids and onegrid:align_grids through processing.run."""
import shutil

import geopandas as gpd
import numpy as np
import pytest
import shapely
from qgis.core import QgsProcessingException

from onegrid.benchmarks import district

pytestmark = pytest.mark.qgis

ORIGIN = (440000.0, 4420000.0)
UTM = 32650


def _frame(codes, boxes, grid_type=None, crs=UTM):
    geoms = [shapely.affinity.translate(shapely.box(*b), *ORIGIN) for b in boxes]
    frame = gpd.GeoDataFrame({"grid_code": codes}, geometry=geoms, crs=crs)
    if grid_type is not None:
        frame["grid_type"] = grid_type
    return frame


@pytest.fixture
def layers(tmp_path):
    """GeoPackages: base (4 squares a b / c d), police (P1 70 % of a and c, P2, P3 a top
    strip), safety in EPSG:4326 (bottom row only), both types in one layer, and bad ones."""
    base = _frame(["a", "b", "c", "d"], [(0, 0, 100, 100), (100, 0, 200, 100),
                                         (0, 100, 100, 200), (100, 100, 200, 200)])
    base["name"] = ["A", "B", "C", "D"]
    police = _frame(["P1", "P2", "P3"], [(0, 0, 70, 200), (70, 0, 200, 185),
                                         (70, 185, 200, 200)], "police")
    safety = _frame(["S1"], [(0, 0, 200, 100)], "safety")
    frames = {
        "base": base, "base_wgs84": base.to_crs(4326), "police": police,
        "safety_wgs84": safety.to_crs(4326),
        "professional_grids": gpd.pd.concat([police, safety], ignore_index=True),
        "no_type": police.drop(columns="grid_type"),
        "dup": police.assign(grid_code=["P1", "P1", "P3"]),
    }
    for name, frame in frames.items():
        frame.to_file(tmp_path / f"{name}.gpkg", layer=name)
    return lambda name: str(tmp_path / f"{name}.gpkg")


def test_merge(layers, run_alg, tmp_path):
    results, feedback = run_alg("onegrid:merge_grids", {
        "BASE": layers("base"), "OVERLAYS": [layers("police"), layers("safety_wgs84")],
        "MIN_SHARE": 0.1, "OUTPUT": str(tmp_path / "net.gpkg"),
        "CONFLICTS": str(tmp_path / "conflicts.gpkg")})
    net = gpd.read_file(results["OUTPUT"])
    assert list(net.columns) == ["grid_code", "name", "police_grid", "police_share",
                                 "safety_grid", "safety_share", "geometry"]
    assert net["police_grid"].tolist() == ["P1", "P2", "P1", "P2"]
    assert np.allclose(net["police_share"], [0.7, 1.0, 0.7, 0.85])
    assert net["safety_grid"].fillna("NULL").tolist() == ["S1", "S1", "NULL", "NULL"]
    assert np.allclose(net["safety_share"], [1, 1, 0, 0], atol=1e-6)
    assert net.crs.to_epsg() == UTM
    conflicts = gpd.read_file(results["CONFLICTS"])
    assert results["CONFLICT_COUNT"] == 6
    assert list(zip(conflicts["base_id"], conflicts["overlay_id"])) == [
        ("a", "P1"), ("a", "P2"), ("c", "P1"), ("c", "P2"), ("d", "P2"), ("d", "P3")]
    assert np.allclose(conflicts["area_m2"], [7000, 3000, 7000, 2550, 8500, 1500])
    assert np.allclose(conflicts.geometry.area, conflicts["area_m2"])
    assert "Layer safety_wgs84 is transformed to the CRS of the base grids" in feedback.infos
    assert "2 base grids are in no safety grid" in feedback.infos


def test_merge_splits_a_layer_by_grid_type(layers, run_alg, tmp_path):
    results, _ = run_alg("onegrid:merge_grids", {
        "BASE": layers("base"), "OVERLAYS": [layers("professional_grids")],
        "OUTPUT": str(tmp_path / "net.gpkg"), "CONFLICTS": "TEMPORARY_OUTPUT"})
    net = gpd.read_file(results["OUTPUT"])
    assert net["police_grid"].tolist() == ["P1", "P2", "P1", "P2"]
    assert net["safety_grid"].fillna("NULL").tolist() == ["S1", "S1", "NULL", "NULL"]


def test_merge_base_in_degrees(layers, run_alg, tmp_path):
    results, feedback = run_alg("onegrid:merge_grids", {
        "BASE": layers("base_wgs84"), "OVERLAYS": [layers("police")],
        "OUTPUT": str(tmp_path / "net.gpkg"), "CONFLICTS": str(tmp_path / "c.gpkg")})
    net = gpd.read_file(results["OUTPUT"])
    assert net.crs.to_epsg() == 4326
    assert np.allclose(net["police_share"], [0.7, 1.0, 0.7, 0.85], atol=1e-6)
    conflicts = gpd.read_file(results["CONFLICTS"])
    assert np.allclose(conflicts["area_m2"], [7000, 3000, 7000, 2550, 8500, 1500], rtol=1e-3)
    assert ("Layer base_wgs84 is not in metres: areas are computed in a projected CRS chosen "
            "for it") in feedback.infos


def test_layer_without_grid_type(layers, run_alg):
    with pytest.raises(QgsProcessingException, match="^Layer no_type has no grid_type field: "
                                                     r"every professional grid layer needs "
                                                     r"one \(police, safety, \.\.\.\)$"):
        run_alg("onegrid:merge_grids", {"BASE": layers("base"), "OVERLAYS": [layers("no_type")],
                                         "OUTPUT": "TEMPORARY_OUTPUT",
                                         "CONFLICTS": "TEMPORARY_OUTPUT"})


def test_duplicate_ids(layers, run_alg):
    with pytest.raises(QgsProcessingException,
                       match="^Layer dup has duplicate grid_code values: P1$"):
        run_alg("onegrid:align_grids", {"BASE": layers("base"), "OVERLAYS": [layers("dup")],
                                         "OUTPUT": "TEMPORARY_OUTPUT",
                                         "REPORT": "TEMPORARY_OUTPUT"})


def test_align(layers, run_alg, tmp_path):
    results, feedback = run_alg("onegrid:align_grids", {
        "BASE": layers("base"), "OVERLAYS": [layers("professional_grids")],
        "OUTPUT": str(tmp_path / "aligned.gpkg"), "REPORT": str(tmp_path / "report.gpkg")})
    aligned = gpd.read_file(results["OUTPUT"])
    assert list(zip(aligned["grid_type"], aligned["grid_code"])) == [
        ("police", "P1"), ("police", "P2"), ("safety", "S1")]
    base = gpd.read_file(layers("base")).set_index("grid_code").geometry
    for code, members in (("P1", "ac"), ("P2", "bd"), ("S1", "ab")):
        union = shapely.union_all(base.loc[list(members)].values)
        got = aligned.loc[aligned["grid_code"] == code].geometry.iloc[0]
        assert got.symmetric_difference(union).area < 1e-6
    report = gpd.read_file(results["REPORT"])
    assert report["overlay_id"].tolist() == ["P1", "P2", "P3", "S1"]
    assert np.allclose(report["moved_m2"], [6000, 7050, 1950, 0])
    assert report["status"].tolist() == ["aligned", "aligned", "no_base_grid", "aligned"]
    assert results["UNASSIGNED_COUNT"] == 1
    assert ("1 police grids hold the largest share of no base grid and are not in the "
            "output: P3") in feedback.warnings


def test_synthetic_district(run_alg, tmp_path):
    """The district at scale 0.01: the workspace's base_grids and professional_grids."""
    path = tmp_path / "district.gpkg"
    shutil.copy(district.cached_district(0.01), path)
    base = f"{path}|layername=base_grids"
    professional = f"{path}|layername=professional_grids"
    results, _ = run_alg("onegrid:merge_grids", {
        "BASE": base, "OVERLAYS": [professional], "OUTPUT": str(tmp_path / "net.gpkg"),
        "CONFLICTS": str(tmp_path / "conflicts.gpkg")})
    net = gpd.read_file(results["OUTPUT"])
    grids = gpd.read_file(path, layer="base_grids")
    assert len(net) == len(grids)
    for grid_type in ("police", "safety", "traffic", "environment", "market", "sanitation"):
        assert net[f"{grid_type}_grid"].notna().all()
        assert net[f"{grid_type}_share"].between(0, 1).all()
    results, _ = run_alg("onegrid:align_grids", {
        "BASE": base, "OVERLAYS": [professional], "OUTPUT": str(tmp_path / "aligned.gpkg"),
        "REPORT": str(tmp_path / "report.gpkg")})
    report = gpd.read_file(results["REPORT"])
    aligned = gpd.read_file(results["OUTPUT"])
    assert len(report) == len(gpd.read_file(path, layer="professional_grids"))
    assert len(aligned) == (report["status"] == "aligned").sum()
    assert report.groupby("grid_type")["base_grids"].sum().eq(len(grids)).all()


def test_invalid_and_empty_geometries(layers, run_alg, tmp_path):
    """A self-crossing base grid is repaired and reported; one without geometry is named."""
    base = gpd.read_file(layers("base"))
    x0, y0 = ORIGIN
    base.loc[1, "geometry"] = shapely.Polygon([(x0 + 100, y0), (x0 + 200, y0 + 100),
                                               (x0 + 200, y0), (x0 + 100, y0 + 100)])
    base.loc[3, "geometry"] = None
    base.to_file(tmp_path / "base_bad.gpkg", layer="base_bad")
    results, feedback = run_alg("onegrid:merge_grids", {
        "BASE": str(tmp_path / "base_bad.gpkg"), "OVERLAYS": [layers("police")],
        "OUTPUT": str(tmp_path / "net.gpkg"), "CONFLICTS": "TEMPORARY_OUTPUT"})
    assert "1 invalid geometries of base_bad were repaired (feature ids 2)" in feedback.warnings
    assert "1 features of base_bad have no geometry and belong to no grid: d" in \
        feedback.warnings
    net = gpd.read_file(results["OUTPUT"])
    assert net["police_grid"].fillna("NULL").tolist() == ["P1", "P2", "P1", "NULL"]
    assert net["police_share"].tolist()[1] == pytest.approx(1.0)
