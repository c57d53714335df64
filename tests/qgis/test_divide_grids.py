"""onegrid:divide_grids through processing.run on real Prague buildings and bad input."""
import geopandas as gpd
import numpy as np
import pytest
import shapely
from qgis.core import QgsProcessingException, QgsVectorLayer

from onegrid.processing.analysis import synthetic as syn

from ..conftest import BUBENEC_GPKG

pytestmark = pytest.mark.qgis


@pytest.fixture
def inputs(tmp_path):
    """GeoPackages of Bubeneč buildings (synthetic households), one community around them
    plus an empty one, and the streets (also in EPSG:4326); returns a file's path by name."""
    buildings = gpd.read_file(BUBENEC_GPKG, layer="buildings").to_crs(32633)
    buildings["households"] = syn.estimate_households(buildings, 20261122)
    streets = gpd.read_file(BUBENEC_GPKG, layer="streets").to_crs(32633)
    hull = buildings.union_all().convex_hull.buffer(30)
    minx, miny, maxx, maxy = hull.bounds
    communities = gpd.GeoDataFrame(
        {"code": ["110105001001", "110105001002"]},
        geometry=[hull, shapely.box(maxx + 10, miny, maxx + 200, miny + 200)],
        crs=buildings.crs)
    frames = {"communities": communities, "buildings": buildings[["households", "geometry"]],
              "streets": streets}
    frames.update({f"{name}_wgs84": frame.to_crs(4326) for name, frame in frames.items()})
    for name, frame in frames.items():
        frame.to_file(tmp_path / f"{name}.gpkg", layer=name)
    return lambda layer: str(tmp_path / f"{layer}.gpkg")


def test_divides_with_barriers(inputs, run_alg, tmp_path):
    out = tmp_path / "grids.gpkg"
    results, feedback = run_alg("onegrid:divide_grids", {
        "COMMUNITIES": inputs("communities"), "BUILDINGS": inputs("buildings"),
        "BARRIERS": inputs("streets"), "TARGET_HOUSEHOLDS": 300, "TOLERANCE": 0.2,
        "OUTPUT": str(out)})
    grids = gpd.read_file(results["OUTPUT"])
    assert results["GRID_COUNT"] == len(grids)
    assert results["OUTSIDE_COUNT"] == 0
    assert {"grid_code", "community_code", "households", "deviation", "within_tolerance",
            "reason"} <= set(grids.columns)
    assert grids.crs.to_epsg() == 32633
    first = grids[grids["community_code"] == "110105001001"].sort_values("grid_code")
    assert first["grid_code"].tolist() == [f"110105001001{i:03d}"
                                           for i in range(1, len(first) + 1)]
    assert first["households"].sum() == 1117
    # one 256-household building, below the minimum of 240 on its own, is no oversized case
    # at target 300: every grid is within 240-360
    assert first["households"].between(240, 360).all()
    assert first["within_tolerance"].astype(bool).all()
    assert (shapely.get_num_geometries(first.geometry.values) == 1).all()
    assert any("Community 110105001002 of communities has no buildings: it is one grid of 0 "
               "households" == w for w in feedback.warnings)
    empty = grids[grids["community_code"] == "110105001002"]
    assert empty["households"].tolist() == [0]
    assert empty["reason"].tolist() == ["no_buildings"]


def test_oversized_building_warning(inputs, run_alg, tmp_path):
    results, feedback = run_alg("onegrid:divide_grids", {
        "COMMUNITIES": inputs("communities"), "BUILDINGS": inputs("buildings"),
        "TARGET_HOUSEHOLDS": 100, "OUTPUT": str(tmp_path / "grids.gpkg")})
    grids = gpd.read_file(results["OUTPUT"])
    assert grids.loc[grids["reason"] == "oversized_building", "households"].tolist() == [256]
    layer = QgsVectorLayer(inputs("buildings"), "b", "ogr")
    fid = [f.id() for f in layer.getFeatures() if f["households"] == 256]
    assert (f"1 buildings of buildings hold more than 120 households; each is a grid of its "
            f"own (feature ids {fid[0]})") in feedback.warnings


def test_geographic_crs_output_in_its_crs(inputs, run_alg, tmp_path):
    results, feedback = run_alg("onegrid:divide_grids", {
        "COMMUNITIES": inputs("communities_wgs84"), "BUILDINGS": inputs("buildings_wgs84"),
        "OUTPUT": str(tmp_path / "grids.gpkg")})
    grids = gpd.read_file(results["OUTPUT"])
    assert grids.crs.to_epsg() == 4326
    assert grids["households"].sum() == 1117
    assert any("(EPSG:32633)" in message for message in feedback.infos)
    area = grids.to_crs(32633).area.sum()
    communities = gpd.read_file(inputs("communities_wgs84")).to_crs(32633)
    assert area == pytest.approx(communities.area.sum(), rel=1e-6)


def test_missing_household_field(inputs, run_alg, tmp_path):
    with pytest.raises(QgsProcessingException,
                       match="^Layer buildings has no field hh; its fields are: fid, "
                             "households$"):
        run_alg("onegrid:divide_grids", {
            "COMMUNITIES": inputs("communities"), "BUILDINGS": inputs("buildings"),
            "HOUSEHOLD_FIELD": "hh", "OUTPUT": str(tmp_path / "grids.gpkg")})


def test_defaults_are_the_contract(onegrid_provider):
    from qgis.core import QgsApplication

    alg = QgsApplication.processingRegistry().algorithmById("onegrid:divide_grids")
    defaults = {p.name(): p.defaultValue() for p in alg.parameterDefinitions()}
    assert defaults["COMMUNITY_ID_FIELD"] == "code"
    assert defaults["HOUSEHOLD_FIELD"] == "households"
    assert defaults["TARGET_HOUSEHOLDS"] == 300
    assert defaults["TOLERANCE"] == pytest.approx(0.2)
    assert alg.group() == "Grids"
    assert np.isin(["COMMUNITIES", "BUILDINGS", "BARRIERS", "OUTPUT"],
                   list(defaults)).all()
