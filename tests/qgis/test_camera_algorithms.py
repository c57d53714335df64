"""onegrid:camera_viewsheds, camera_coverage and camera_siting through processing.run."""
import math

import geopandas as gpd
import numpy as np
import pytest
import shapely
from qgis.core import QgsProcessingException

pytestmark = pytest.mark.qgis

CRS = "EPSG:4549"  # CGCS2000 / 3-degree Gauss-Kruger CM 120E, metres
DATA = __import__("pathlib").Path(__file__).resolve().parents[2] / "build" / "data"


def write(path, layer, frame):
    frame.to_file(path, layer=layer, driver="GPKG")
    return f"{path}|layername={layer}"


def read(path):
    return gpd.read_file(path)


@pytest.fixture
def scene(tmp_path):
    """A square building east of the origin and cameras with every kind of bad input."""
    gpkg = tmp_path / "scene.gpkg"
    x0, y0 = 500000.0, 3000000.0
    buildings = gpd.GeoDataFrame(
        {"levels": [6, 1], "height_m": [None, None]},
        geometry=[shapely.box(x0 + 10, y0 - 5, x0 + 20, y0 + 5),
                  shapely.Polygon([(x0 + 100, y0 + 100), (x0 + 110, y0 + 110),
                                   (x0 + 110, y0 + 100), (x0 + 100, y0 + 110)])], crs=CRS)
    rows = [
        ("C1", x0, y0, 90, 90, 50, "bullet"),
        ("C2", x0 + 15, y0, 0, 90, 50, "bullet"),      # inside the building
        ("C3", x0, y0 + 50, 450, 90, 50, "bullet"),    # azimuth 450
        ("C4", x0, y0 + 60, 0, 0, 50, "bullet"),       # fov 0
        ("C5", x0, y0 + 70, 0, 400, 50, "bullet"),     # fov 400
        ("C6", x0, y0 + 80, 0, 90, 0, "bullet"),       # range 0
        ("C7", x0, y0 - 40, 0, None, 10, "ptz"),       # 360 degrees
    ]
    cameras = gpd.GeoDataFrame(
        {"camera_code": [r[0] for r in rows], "azimuth_deg": [r[3] for r in rows],
         "fov_deg": [r[4] for r in rows], "range_m": [float(r[5]) for r in rows],
         "height_m": 5.0, "lens_mm": 2.8, "resolution_mp": 4.0,
         "camera_type": [r[6] for r in rows]},
        geometry=[shapely.Point(r[1], r[2]) for r in rows], crs=CRS)
    road = gpd.GeoDataFrame({"name": ["east", "far"]}, geometry=[
        shapely.LineString([(x0 - 20, y0 - 40), (x0 + 40, y0 - 40)]),
        shapely.LineString([(x0 + 300, y0), (x0 + 320, y0)])], crs=CRS)
    places = gpd.GeoDataFrame({"name": ["gate", "school"]}, geometry=[
        shapely.Point(x0 + 30, y0 + 18), shapely.Point(x0 - 3, y0 - 38)], crs=CRS)
    grids = gpd.GeoDataFrame({"grid_code": ["W", "E"]}, geometry=[
        shapely.box(x0 - 200, y0 - 200, x0, y0 + 200),
        shapely.box(x0, y0 - 200, x0 + 400, y0 + 200)], crs=CRS)
    return {
        "buildings": write(gpkg, "buildings", buildings),
        "cameras": write(gpkg, "cameras", cameras),
        "roads": write(gpkg, "roads", road),
        "places": write(gpkg, "places", places),
        "grids": write(gpkg, "grids", grids),
        "origin": (x0, y0),
    }


def test_viewsheds_flags_and_areas(run_alg, scene, tmp_path):
    out = tmp_path / "sheds.gpkg"
    _, feedback = run_alg("onegrid:camera_viewsheds", {
        "CAMERAS": scene["cameras"], "OBSTACLES": scene["buildings"], "OUTPUT": str(out)})
    sheds = read(out).set_index("camera_code")
    assert sheds["flags"].fillna("").tolist() == [
        "", "inside_building", "azimuth_normalised", "fov_invalid", "fov_invalid",
        "range_invalid", ""]
    assert feedback.warnings == [
        "1 invalid geometries of buildings were repaired (feature ids 2)",
        "1 cameras of cameras stand inside a building: no viewshed (feature ids 2)",
        "1 cameras of cameras have an azimuth outside 0-360: taken modulo 360 (feature ids 3)",
        "2 cameras of cameras have no field of view above 0 and up to 360 degrees (and no lens "
        "to derive one): no viewshed (feature ids 4, 5)",
        "1 cameras of cameras have no range above 0 m (and no lens and resolution for the DORI "
        "level): no viewshed (feature ids 6)"]
    sector = 90 * 0.5 * 2500 * math.sin(math.radians(1))
    assert sheds.loc["C3", "area_m2"] == pytest.approx(sector)
    assert sheds.loc["C3", "azimuth_deg"] == 90
    assert sheds.loc["C7", "fov_deg"] == 360
    assert sheds.loc["C7", "area_m2"] == pytest.approx(
        360 * 0.5 * 100 * math.sin(math.radians(1)))
    assert sheds.loc[["C2", "C4", "C5", "C6"], "area_m2"].tolist() == [0, 0, 0, 0]
    x0, y0 = scene["origin"]
    # C1 looks east at the square: the shadow wedge behind it is cut out, exactly.
    shadow = shapely.Polygon([(x0 + 10, y0 - 5), (x0 + 10, y0 + 5), (x0 + 30, y0 + 15),
                              (x0 + 30, y0 - 15)])
    c1 = sheds.geometry["C1"]
    assert c1.intersection(shadow).area < 1e-6
    assert c1.intersection(shapely.box(x0, y0 - 30, x0 + 30, y0 + 30)).area == pytest.approx(
        900 - shadow.area, abs=1e-6)
    assert sheds.loc["C1", "area_m2"] == pytest.approx(sector - (
        0.5 * 2500 * 2 * math.atan(0.5) - 50) , abs=0.5)


def test_low_buildings_are_looked_over_and_levels_by_name(run_alg, scene, tmp_path):
    out = tmp_path / "sheds.gpkg"
    # 6 floors = 18 m block the 5 m cameras; a level given by name sets the range.
    run_alg("onegrid:camera_viewsheds", {
        "CAMERAS": scene["cameras"], "OBSTACLES": scene["buildings"], "LEVELS_FIELD": "levels",
        "LEVEL": "identification", "OUTPUT": str(out)})
    sheds = read(out).set_index("camera_code")
    identification = 2560 / (2 * 250 * math.tan(math.radians(49)))
    assert sheds.loc["C3", "range_m"] == pytest.approx(identification)
    assert sheds.loc["C6", "flags"] in ("", None)  # the range comes from the lens now
    assert sheds.loc["C7", "range_m"] == pytest.approx(identification)


def test_bad_level_is_refused(run_alg, scene, tmp_path):
    with pytest.raises(QgsProcessingException):
        run_alg("onegrid:camera_viewsheds", {
            "CAMERAS": scene["cameras"], "OBSTACLES": scene["buildings"], "LEVEL": "zoom",
            "OUTPUT": str(tmp_path / "x.gpkg")})


def test_cameras_in_degrees_are_projected(run_alg, tmp_path):
    gpkg = tmp_path / "deg.gpkg"
    cams = gpd.GeoDataFrame({"camera_code": ["A"], "azimuth_deg": [0.0], "fov_deg": [360.0],
                             "range_m": [20.0]},
                            geometry=[shapely.Point(116.4, 39.9)], crs="EPSG:4326")
    house = gpd.GeoDataFrame(geometry=[shapely.Point(116.4, 39.9001).buffer(0.00003)],
                             crs="EPSG:4326")
    out = tmp_path / "o.gpkg"
    _, feedback = run_alg("onegrid:camera_viewsheds", {
        "CAMERAS": write(gpkg, "cams", cams), "OBSTACLES": write(gpkg, "houses", house),
        "OUTPUT": str(out)})
    assert feedback.warnings == ["Layer cams is not in metres: computed in EPSG:4548"]
    sheds = read(out)
    assert sheds.crs.to_epsg() == 4548
    disc = 360 * 0.5 * 400 * math.sin(math.radians(1))
    assert 0.5 * disc < sheds["area_m2"][0] < disc - 1.0


def test_coverage_per_grid_and_blind_spots(run_alg, scene, tmp_path):
    out, blind, places = tmp_path / "c.gpkg", tmp_path / "b.gpkg", tmp_path / "p.gpkg"
    _, feedback = run_alg("onegrid:camera_coverage", {
        "CAMERAS": scene["cameras"], "OBSTACLES": scene["buildings"],
        "TARGETS": [scene["roads"], scene["places"]], "GRIDS": scene["grids"],
        "GRID_FIELD": "grid_code", "OUTPUT": str(out), "BLIND_SPOTS": str(blind),
        "BLIND_PLACES": str(places), "BLIND_AREAS": None,
        "REDUNDANCY": str(tmp_path / "r.gpkg")})
    redundancy = gpd.read_file(tmp_path / "r.gpkg").set_index(["target_class", "target_id"])
    # Feature ids 1, 2 in each layer: the road "east" is seen by C7 only; the gate by C1 (C3
    # looks past it, 46.8 degrees off its axis); the school by C7.
    assert redundancy["cameras"].to_dict() == {("roads", 1): 1, ("roads", 2): 0,
                                               ("places", 1): 1, ("places", 2): 1}
    assert redundancy.loc[("roads", 1), "share_pct"] == pytest.approx(100 / 3)
    table = read(out).set_index(["grid", "target_class"])
    # Road "east" runs y0-40 from x0-20 to x0+40: the PTZ C7 (range 10) sees x0-10..x0+10.
    assert table.loc[("W", "roads"), "total"] == pytest.approx(20)
    assert table.loc[("W", "roads"), "covered"] == pytest.approx(10)
    assert table.loc[("E", "roads"), "total"] == pytest.approx(60)
    assert table.loc[("E", "roads"), "covered"] == pytest.approx(10)
    assert table.loc[("E", "roads"), "share_pct"] == pytest.approx(100 / 6)
    # The gate (north of the shadow wedge) is seen by C1; the school (W) by C7.
    assert table.loc[("E", "places"), "covered"] == 1
    assert table.loc[("W", "places"), "covered"] == 1
    assert [i for i in feedback.infos if "covered" in i or "features in" in i] == [
        "places: 100.0 % covered", "roads: 25.0 % covered", "3 features in BLIND_SPOTS"]
    pieces = read(blind)
    assert sorted(round(g.length, 6) for g in pieces.geometry) == [10, 20, 30]
    assert len(read(places)) == 0


def test_coverage_needs_viewsheds_or_cameras(run_alg, scene, tmp_path):
    with pytest.raises(QgsProcessingException,
                       match="^Give either VIEWSHEDS or both CAMERAS and OBSTACLES$"):
        run_alg("onegrid:camera_coverage", {
            "CAMERAS": scene["cameras"], "TARGETS": [scene["roads"]],
            "OUTPUT": str(tmp_path / "c.gpkg")})


def test_viewsheds_on_real_prague_buildings(run_alg, tmp_path):
    buildings = gpd.read_file(DATA / "bubenec.gpkg", layer="buildings").to_crs(32633)
    union = shapely.union_all(buildings.geometry.values)
    minx, miny, maxx, maxy = buildings.total_bounds
    gx, gy = np.meshgrid(np.linspace(minx + 50, maxx - 50, 12),
                         np.linspace(miny + 50, maxy - 50, 12))
    points = shapely.points(gx.ravel(), gy.ravel())
    outside = ~shapely.intersects(points, union.buffer(1.0))
    cams = gpd.GeoDataFrame({"camera_code": [f"P{i}" for i in range(outside.sum())],
                             "camera_type": "ptz", "range_m": 60.0, "height_m": 5.0},
                            geometry=points[outside], crs=32633)
    gpkg = tmp_path / "prague.gpkg"
    out = tmp_path / "sheds.gpkg"
    _, feedback = run_alg("onegrid:camera_viewsheds", {
        "CAMERAS": write(gpkg, "cameras", cams),
        "OBSTACLES": write(gpkg, "buildings", buildings[["geometry"]]), "OUTPUT": str(out)})
    sheds = read(out)
    assert len(sheds) == outside.sum() > 20
    assert sheds.geometry.is_valid.all()
    assert (sheds["flags"].fillna("") == "").all()
    disc = 360 * 0.5 * 3600 * math.sin(math.radians(1))
    assert (sheds["area_m2"] <= disc + 1e-6).all()
    assert (sheds["area_m2"] < disc - 1).mean() > 0.5  # most see buildings
    # Nothing seen lies inside a building (beyond a millimetre).
    assert shapely.union_all(sheds.geometry.values).intersection(
        union.buffer(-0.001)).area < 1e-3


def test_siting_keeps_existing_cameras_and_ranks_by_gain(run_alg, scene, tmp_path):
    x0, y0 = scene["origin"]
    cands = gpd.GeoDataFrame(
        {"azimuth_deg": [90.0, 90.0, 270.0], "fov_deg": 90.0, "range_m": 30.0,
         "height_m": 5.0},
        geometry=[shapely.Point(x0 - 10, y0 - 40), shapely.Point(x0 + 295, y0),
                  shapely.Point(x0 + 295, y0)], crs=CRS)
    out = tmp_path / "s.gpkg"
    _, feedback = run_alg("onegrid:camera_siting", {
        "CAMERAS": scene["cameras"], "OBSTACLES": scene["buildings"],
        "TARGETS": [scene["roads"], scene["places"]],
        "CANDIDATES": write(tmp_path / "c.gpkg", "candidates", cands), "K": 3,
        "OUTPUT": str(out)})
    chosen = read(out)
    # The far road (20 m, two 10 m elements) first; then the 10 m piece east of the PTZ's
    # view (C7 already sees x0-10..x0+10); the camera looking away adds nothing.
    assert chosen["rank"].tolist() == [1, 2]
    assert chosen["gain"].tolist() == pytest.approx([20.0, 10.0])
    assert chosen["added_roads"].tolist() == pytest.approx([20.0, 10.0])
    assert chosen["added_places"].tolist() == [0, 0]
    assert chosen.geometry.x.tolist() == pytest.approx([x0 + 295, x0 - 10])
    assert "Only 2 candidates add any coverage; 3 were asked" in feedback.warnings
    assert "Greedy choice reaches 100.0 % of the exact optimum" in feedback.infos


def test_siting_generates_candidates_along_roads(run_alg, scene, tmp_path):
    out = tmp_path / "s.gpkg"
    _, feedback = run_alg("onegrid:camera_siting", {
        "OBSTACLES": scene["buildings"], "TARGETS": [scene["roads"], scene["places"]],
        "K": 2, "SPACING": 20, "OUTPUT": str(out)})
    chosen = read(out)
    assert len(chosen) == 2
    # Midpoints of 20 m steps: three on the 60 m road, one on the 20 m road; four azimuths.
    assert feedback.infos[:2] == ["16 candidate cameras",
                                  "Greedy choice reaches 90.9 % of the exact optimum"]
    assert set(chosen["azimuth_deg"]) <= {0.0, 90.0, 180.0, 270.0}
    assert (chosen["gain"] > 0).all() and chosen["gain"].is_monotonic_decreasing


@pytest.mark.parametrize("weight, first", [(None, "place"), (10, "road"), (100, "place")])
def test_siting_place_weight_puts_key_places_first(run_alg, scene, tmp_path, weight, first):
    """One candidate sees 20 m of the far road, the other only a school gate: the gate is
    worth PLACE_WEIGHT metres of road (50 by default)."""
    x0, y0 = scene["origin"]
    gate = write(tmp_path / "g.gpkg", "gates", gpd.GeoDataFrame(
        {"name": ["gate"]}, geometry=[shapely.Point(x0 + 200, y0 + 150)], crs=CRS))
    cands = gpd.GeoDataFrame(
        {"azimuth_deg": [90.0, 0.0], "fov_deg": 90.0, "range_m": 30.0, "height_m": 5.0,
         "what": ["road", "place"]},
        geometry=[shapely.Point(x0 + 295, y0), shapely.Point(x0 + 200, y0 + 140)], crs=CRS)
    params = {"OBSTACLES": scene["buildings"], "TARGETS": [scene["roads"], gate],
              "CANDIDATES": write(tmp_path / "c.gpkg", "candidates", cands), "K": 1,
              "OUTPUT": str(tmp_path / "s.gpkg")}
    if weight is not None:
        params["PLACE_WEIGHT"] = weight
    run_alg("onegrid:camera_siting", params)
    chosen = read(tmp_path / "s.gpkg")
    assert chosen.geometry.y.tolist() == [y0 if first == "road" else y0 + 140]
    assert chosen["gain"].tolist() == [20.0 if first == "road" else (weight or 50.0)]
    assert chosen["added_gates"].tolist() == [0.0 if first == "road" else 1.0]
