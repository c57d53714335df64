"""onegrid:service_circles, onegrid:isochrones and onegrid:shelter_check through QGIS."""
import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import shapely
from qgis.core import QgsProcessingException

pytestmark = pytest.mark.qgis

CRS = "EPSG:32650"
X0, Y0 = 500_000.0, 3_500_000.0


def write(folder, name, geoms, crs=CRS, **columns):
    path = folder / f"{name}.gpkg"
    gpd.GeoDataFrame(pd.DataFrame(columns), geometry=list(geoms), crs=crs).to_file(
        path, layer=name)
    return str(path)


def read(path):
    return gpd.read_file(path)


@pytest.fixture
def street(tmp_path):
    """A 2 km street with a branch, homes along it, a market and a clinic."""
    roads = write(tmp_path, "roads", [
        shapely.LineString([(X0, Y0), (X0 + 200, Y0), (X0 + 2000, Y0)]),
        shapely.LineString([(X0 + 200, Y0), (X0 + 200, Y0 + 500)]),
    ])
    homes = write(tmp_path, "homes", [shapely.Point(X0 + x, Y0 + 2) for x in (100, 400, 700,
                                                                               1500)]
                  + [shapely.Point(X0 + 900, Y0 + 900)],
                  code=["h1", "h2", "h3", "h4", "h5"], households=[10, 20, 30, 40, 50])
    facilities = write(tmp_path, "pois", [shapely.Point(X0, Y0), shapely.Point(X0 + 2000, Y0)],
                       category=["market", "clinic"], capacity=[100, 20])
    grids = write(tmp_path, "grids", [shapely.box(X0, Y0 - 50, X0 + 1000, Y0 + 1000),
                                      shapely.box(X0 + 1000, Y0 - 50, X0 + 2000, Y0 + 1000)],
                  grid_code=["G1", "G2"])
    communities = write(tmp_path, "communities",
                        [shapely.box(X0 - 100, Y0 - 100, X0 + 2100, Y0 + 1000)], code=["C1"])
    return {"roads": roads, "homes": homes, "pois": facilities, "grids": grids,
            "communities": communities, "folder": tmp_path}


def test_service_circles_outputs(run_alg, street):
    folder = street["folder"]
    results, feedback = run_alg("onegrid:service_circles", {
        "ROADS": street["roads"], "ORIGINS": street["homes"], "FACILITIES": street["pois"],
        "CATEGORY_FIELD": "category", "SPEED": 1.0, "THRESHOLDS": "5,10,15",
        "SNAP_DISTANCE": 100, "GRIDS": street["grids"], "WEIGHT_FIELD": "households",
        "COMMUNITIES": street["communities"],
        "COMMUNITIES_OUTPUT": str(folder / "communities_out.gpkg"),
        "CATEGORIES": "market,clinic,elderly",
        "OUTPUT": str(folder / "out.gpkg"), "DEFICIENCY": str(folder / "def.gpkg"),
        "GRIDS_OUTPUT": str(folder / "grids_out.gpkg"), "SUMMARY": str(folder / "sum.gpkg")})
    out = read(results["OUTPUT"])
    assert out["code"].tolist() == ["h1", "h2", "h3", "h4", "h5"]
    assert out["market_dist_m"].tolist()[:4] == pytest.approx([100, 400, 700, 1500])
    assert out["market_tier"].tolist()[:3] == [5, 10, 15]
    assert out["market_tier"].isna().tolist() == [False, False, False, True, True]
    assert out["market_facility"].tolist()[:4] == [1, 1, 1, 1]
    assert out["clinic_facility"].tolist()[:4] == [2, 2, 2, 2]
    assert out["clinic_dist_m"].tolist()[:4] == pytest.approx([1900, 1600, 1300, 500])
    assert out["market_reason"].tolist()[4] == "far_from_road"
    assert out["elderly_reason"].tolist()[0] == "no_facility"
    assert out.crs.to_epsg() == 32650
    deficiency = read(results["DEFICIENCY"])
    assert results["DEFICIENT_COUNT"] == len(deficiency) == 2 + 4 + 5
    grids = read(results["GRIDS_OUTPUT"])
    assert grids["grid_code"].tolist() == ["G1", "G2"]
    assert grids["market_15min_share"].tolist() == pytest.approx([60 / 110, 0.0])
    communities = read(results["COMMUNITIES_OUTPUT"])
    assert communities["weight"].tolist() == [150.0]
    assert communities["market_15min_share"].tolist() == pytest.approx([60 / 150])
    assert communities["clinic_10min_share"].tolist() == pytest.approx([40 / 150])
    summary = pyogrio.read_dataframe(results["SUMMARY"])
    assert sorted(summary["category"]) == ["clinic", "elderly", "market"]
    assert "Facility category elderly of pois is empty: no facility has category = " \
           "elderly" in feedback.warnings
    assert any(w.startswith("1 origins of homes are farther than 100 m from any road and get "
                            "no value (feature id: distance m) 5: 806") for w in
               feedback.warnings)


def test_network_in_degrees(run_alg, street, tmp_path):
    roads = gpd.read_file(street["roads"]).to_crs(4326)
    path = tmp_path / "roads_deg.gpkg"
    roads.to_file(path)
    results, feedback = run_alg("onegrid:service_circles", {
        "ROADS": str(path), "ORIGINS": street["homes"], "FACILITIES": street["pois"],
        "CATEGORY_FIELD": "category", "OUTPUT": "TEMPORARY_OUTPUT",
        "DEFICIENCY": "TEMPORARY_OUTPUT", "SUMMARY": "TEMPORARY_OUTPUT"})
    layer = results["OUTPUT"]
    values = [f["market_dist_m"] for f in layer.getFeatures()]
    assert values[:4] == pytest.approx([100, 400, 700, 1500], rel=2e-3)
    assert layer.crs().authid() == "EPSG:4548"
    assert any(i.startswith("Network: 4 nodes, 3 edges in EPSG:4548") for i in feedback.infos)


@pytest.mark.parametrize("thresholds", ["0", "5,-10"])
def test_bad_thresholds(run_alg, street, thresholds):
    with pytest.raises(QgsProcessingException, match="Thresholds must be positive minutes"):
        run_alg("onegrid:service_circles", {
            "ROADS": street["roads"], "ORIGINS": street["homes"], "FACILITIES": street["pois"],
            "CATEGORY_FIELD": "category", "THRESHOLDS": thresholds,
            "OUTPUT": "TEMPORARY_OUTPUT", "DEFICIENCY": "TEMPORARY_OUTPUT",
            "SUMMARY": "TEMPORARY_OUTPUT"})


def test_facility_layer_without_the_field(run_alg, street):
    with pytest.raises(QgsProcessingException,
                       match="Layer pois has no field kind; its fields are: fid, category, "
                             "capacity"):
        run_alg("onegrid:service_circles", {
            "ROADS": street["roads"], "ORIGINS": street["homes"], "FACILITIES": street["pois"],
            "CATEGORY_FIELD": "kind", "OUTPUT": "TEMPORARY_OUTPUT",
            "DEFICIENCY": "TEMPORARY_OUTPUT", "SUMMARY": "TEMPORARY_OUTPUT"})


@pytest.mark.parametrize("mode", ["nearest_facility", 1])
def test_isochrones_nearest_facility(run_alg, street, mode):
    results, _ = run_alg("onegrid:isochrones", {
        "ROADS": street["roads"], "FACILITIES": street["pois"], "MINUTES": "5,20",
        "SPEED": 1.0, "MODE": mode, "WIDTH": 0.5, "OUTPUT": "TEMPORARY_OUTPUT"})
    layer = results["OUTPUT"]
    rows = [(f["facility"], f["minutes"], f["length_m"], f["category"])
            for f in layer.getFeatures()]
    assert rows == [(1, 5, pytest.approx(400.0), "market"),
                    (1, 20, pytest.approx(1000 + 500), "market"),
                    (2, 5, pytest.approx(300.0), "clinic"),
                    (2, 20, pytest.approx(1000.0), "clinic")]
    geoms = {(f["facility"], f["minutes"]): shapely.from_wkt(f.geometry().asWkt())
             for f in layer.getFeatures()}
    assert geoms[(1, 5)].contains(shapely.Point(X0 + 299, Y0))
    assert not geoms[(1, 5)].contains(shapely.Point(X0 + 301, Y0))
    assert geoms[(1, 20)].intersection(geoms[(2, 20)]).area == pytest.approx(0, abs=1e-6)


def test_isochrones_per_facility_overlap(run_alg, street):
    results, _ = run_alg("onegrid:isochrones", {
        "ROADS": street["roads"], "FACILITIES": street["pois"], "MINUTES": "20",
        "MODE": "per_facility", "WIDTH": 1, "OUTPUT": "TEMPORARY_OUTPUT"})
    lengths = [f["length_m"] for f in results["OUTPUT"].getFeatures()]
    assert lengths == pytest.approx([1200 + 500, 1200])


def test_shelter_check(run_alg, street, tmp_path):
    results, feedback = run_alg("onegrid:shelter_check", {
        "ORIGINS": street["homes"], "POPULATION_FIELD": "households",
        "SHELTERS": street["pois"], "CAPACITY_FIELD": "capacity", "CAPACITY_UNIT": "people",
        "MINUTES": 10, "ROADS": street["roads"], "SNAP_DISTANCE": 100,
        "OUTPUT": "TEMPORARY_OUTPUT", "SHELTERS_OUTPUT": "TEMPORARY_OUTPUT"})
    out = [(f["code"], f["shelter"], f["within"]) for f in results["OUTPUT"].getFeatures()]
    assert out[:4] == [("h1", 1, True), ("h2", 1, True), ("h3", 1, False), ("h4", 2, True)]
    load = [(f["assigned_population"], f["overloaded"])
            for f in results["SHELTERS_OUTPUT"].getFeatures()]
    assert load == [(60.0, False), (40.0, True)]
    assert results["OVERLOADED"] == 1
    assert results["OUTSIDE"] == 2


@pytest.mark.parametrize("anchor, expected, kind", [
    (None, 30 + 200, "entrance"), ("entrance", 30 + 200, "entrance"),
    ("centroid", 147.5, "centroid"), (1, 147.5, "centroid")])
def test_service_circles_start_at_the_entrance(run_alg, street, tmp_path, anchor, expected,
                                              kind):
    """A long house beside the main street (y = 0) whose only door faces the branch road
    (x = 200): from the door the walk goes up the branch; from the centroid, along the
    main street."""
    house = shapely.box(X0 + 100, Y0 + 20, X0 + 195, Y0 + 40)
    homes = write(tmp_path, "houses", [house], code=["H"])
    doors = write(tmp_path, "doors", [shapely.Point(X0 + 195, Y0 + 30)], entrance=["main"])
    params = {"ROADS": street["roads"], "ORIGINS": homes, "FACILITIES": street["pois"],
              "CATEGORY_FIELD": "category", "ENTRANCES": doors, "SNAP_DISTANCE": 100,
              "OUTPUT": "TEMPORARY_OUTPUT", "DEFICIENCY": "TEMPORARY_OUTPUT",
              "SUMMARY": "TEMPORARY_OUTPUT"}
    if anchor is not None:
        params["ANCHOR"] = anchor
    results, feedback = run_alg("onegrid:service_circles", params)
    row = next(results["OUTPUT"].getFeatures())
    assert (row["code"], row["anchor"]) == ("H", kind)
    assert row["market_dist_m"] == pytest.approx(expected)
    assert row["snap_m"] == pytest.approx(5.0 if kind == "entrance" else 30.0)
    door = int(kind == "entrance")
    assert f"Origins start from: {door} entrances, 0 walls nearest a road, {1 - door} " \
           "centroids, 0 points" in feedback.infos


def test_shelter_check_starts_at_the_entrance(run_alg, street, tmp_path):
    homes = write(tmp_path, "houses", [shapely.box(X0 + 100, Y0 + 20, X0 + 195, Y0 + 40)],
                  people=[12])
    doors = write(tmp_path, "doors", [shapely.Point(X0 + 195, Y0 + 30)], entrance=["main"])
    results, _ = run_alg("onegrid:shelter_check", {
        "ORIGINS": homes, "POPULATION_FIELD": "people", "SHELTERS": street["pois"],
        "CAPACITY_FIELD": "capacity", "ROADS": street["roads"], "ENTRANCES": doors,
        "OUTPUT": "TEMPORARY_OUTPUT", "SHELTERS_OUTPUT": "TEMPORARY_OUTPUT"})
    row = next(results["OUTPUT"].getFeatures())
    assert row["shelter_dist_m"] == pytest.approx(30 + 200)
