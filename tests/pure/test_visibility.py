"""Visibility polygons on hand-made scenes, checked against geometry worked out by hand."""
import math

import numpy as np
import geopandas as gpd
import pytest
import shapely

from onegrid.processing.analysis import visibility as vis
from onegrid.processing.analysis.errors import OneGridError

pytestmark = pytest.mark.pure

CRS = "EPSG:4549"


def edges_of(*polygons):
    return vis.obstacle_edges(np.array(polygons, dtype=object), np.arange(len(polygons)))


def test_square_obstacle_casts_its_shadow_wedge():
    # Camera at the origin, 360 degrees, range 100; square 10..20 x -5..5 to the east. The
    # shadow is bounded by the rays through (10, +-5): y = +-x/2. Inside the 100 m box (no
    # arc there) the hidden part is the trapezoid (10,-5) (10,5) (50,25) (50,-25): 1200 m2.
    polygon = vis.visibility_polygon(0, 0, edges_of(shapely.box(10, -5, 20, 5)), 0, 360, 100)
    assert polygon.is_valid
    shadow = shapely.box(-50, -50, 50, 50).difference(polygon)
    assert shadow.area == pytest.approx(1200.0, abs=1e-6)
    expected = shapely.Polygon([(10, -5), (10, 5), (50, 25), (50, -25)])
    assert shapely.symmetric_difference(shadow, expected).area < 1e-6
    corners = shapely.get_coordinates(shapely.simplify(shadow, 1e-9))
    for x, y in [(10, -5), (10, 5), (50, 25), (50, -25)]:
        assert np.min(np.hypot(corners[:, 0] - x, corners[:, 1] - y)) < 1e-6
    # The shadow reaches the range circle exactly on the rays through the corners.
    ring = shapely.get_coordinates(polygon)
    for sign in (1, -1):
        angle = sign * math.atan2(5, 10)
        target = (100 * math.cos(angle), 100 * math.sin(angle))
        assert np.min(np.hypot(ring[:, 0] - target[0], ring[:, 1] - target[1])) < 1e-6
    # Nothing behind the near face is seen.
    assert polygon.intersection(shapely.box(10, -5, 20, 5)).area < 1e-9


def test_corridor_sees_only_between_its_walls():
    walls = (shapely.box(-100, 2, 100, 3), shapely.box(-100, -3, 100, -2))
    polygon = vis.visibility_polygon(0, 0, edges_of(*walls), 0, 360, 50)
    # Strip |y| < 2 inside the circle of 50 m: clipped to |x| <= 40, exactly 80 x 4.
    assert polygon.intersection(shapely.box(-40, -10, 40, 10)).area == pytest.approx(320, abs=1e-6)
    assert polygon.difference(shapely.box(-50, -2, 50, 2)).area < 1e-9
    # Both ends run from x = 40 to the circle: 2 * integral of (sqrt(2500 - y^2) - 40) over
    # |y| < 2; the 1-degree chords of the circle lose less than 0.01 m2 there.
    ends = 2 * (2 * math.sqrt(2496) + 2500 * math.asin(2 / 50) - 160)
    assert polygon.area == pytest.approx(320 + ends, abs=0.01)


def test_camera_at_a_corner_sees_the_open_quadrant():
    # An L of buildings west and south of the camera: it sees x > -1, y > -1 only.
    west, south = shapely.box(-30, -30, -1, 30), shapely.box(-30, -30, 30, -1)
    polygon = vis.visibility_polygon(0, 0, edges_of(west, south), 0, 360, 20)
    assert polygon.intersection(shapely.box(-1, -1, 14, 14)).area == pytest.approx(225, abs=1e-9)
    assert polygon.difference(shapely.box(-1, -1, 30, 30)).area < 1e-9
    # A 90-degree bullet looking north-east sees the quarter disc (chords of 1 degree).
    sector = vis.visibility_polygon(0, 0, edges_of(west, south), 45, 90, 20)
    chords = 90 * 0.5 * 20 ** 2 * math.sin(math.radians(1))
    assert sector.area == pytest.approx(chords, abs=1e-9)


def test_sector_without_obstacles_is_the_chorded_sector():
    polygon = vis.visibility_polygon(5, 5, np.empty((0, 4)), 90, 60, 30, arc_step_deg=0.5)
    assert polygon.area == pytest.approx(120 * 0.5 * 900 * math.sin(math.radians(0.5)))
    xs, ys = shapely.get_coordinates(polygon).T
    assert np.all(xs >= 5 - 1e-9)  # looking east
    assert shapely.Point(5, 5).distance(polygon) < 1e-9


def test_dori_range_formula():
    # 2.8 mm on the reference sensor: 98 degrees (DOMAIN.md section 4).
    assert vis.fov_from_lens(2.8) == pytest.approx(98.0)
    # 4 MP = 2560 px across; identification 250 px/m: 2560 / (2 * 250 * tan 49 deg).
    expected = 2560 / (2 * 250 * math.tan(math.radians(49)))
    assert vis.dori_range(4.0, 98.0, "identification") == pytest.approx(expected)
    assert expected == pytest.approx(4.45, abs=0.01)
    assert vis.dori_range(2.0, 60.0, "detection") == pytest.approx(
        1920 / (2 * 25 * math.tan(math.radians(30))))
    with pytest.raises(OneGridError, match="^zoom is not a valid LEVEL; choose one of: "
                       "detection, observation, recognition, identification$"):
        vis.dori_range(4.0, 98.0, "zoom")


def _cameras(rows, crs=CRS):
    frame = gpd.GeoDataFrame(
        [r[2] for r in rows], geometry=[shapely.Point(r[0], r[1]) for r in rows], crs=crs)
    return frame


def test_bad_cameras_are_flagged_and_the_rest_computed():
    obstacles = gpd.GeoDataFrame(
        {"height": [20.0, 2.0]},
        geometry=[shapely.box(10, -5, 20, 5),
                  shapely.Polygon([(100, 100), (110, 110), (110, 100), (100, 110)])], crs=CRS)
    cams = _cameras([
        (0, 0, {"azimuth_deg": 90, "fov_deg": 90, "range_m": 50, "height_m": 5}),
        (15, 0, {"azimuth_deg": 0, "fov_deg": 90, "range_m": 50}),      # inside a building
        (0, 50, {"azimuth_deg": 450, "fov_deg": 90, "range_m": 50}),     # azimuth 90
        (0, 60, {"azimuth_deg": 0, "fov_deg": 0, "range_m": 50}),
        (0, 70, {"azimuth_deg": 0, "fov_deg": 400, "range_m": 50}),
        (0, 80, {"azimuth_deg": 0, "fov_deg": 90, "range_m": 0}),
        (0, 90, {"camera_type": "ptz", "azimuth_deg": 0, "range_m": 10}),
    ])
    out = vis.camera_viewsheds(cams, obstacles, workers=1)
    assert out["flags"].tolist() == ["", "inside_building", "azimuth_normalised",
                                     "fov_invalid", "fov_invalid", "range_invalid", ""]
    assert out.attrs["repaired_obstacles"] == 1
    assert out.loc[2, "azimuth_deg"] == 90
    assert out.loc[6, "fov_deg"] == 360
    assert out["area_m2"].iloc[1:6].tolist()[0] == 0
    assert out.loc[[1, 3, 4, 5], "area_m2"].tolist() == [0, 0, 0, 0]
    assert out.loc[2, "area_m2"] == pytest.approx(90 * 0.5 * 2500 * math.sin(math.radians(1)))
    assert out.loc[6, "area_m2"] == pytest.approx(360 * 0.5 * 100 * math.sin(math.radians(1)))
    # Camera 0 looks east at the square: the shadow behind x = 10 is cut out.
    assert out.geometry[0].intersection(shapely.box(20, -5, 40, 5)).area < 1e-9


def test_low_buildings_are_transparent_when_heights_are_given():
    obstacles = gpd.GeoDataFrame(geometry=[shapely.box(10, -5, 20, 5)], crs=CRS)
    cams = _cameras([(0, 0, {"azimuth_deg": 90, "fov_deg": 90, "range_m": 50,
                             "height_m": 6})])
    blocked = vis.camera_viewsheds(cams, obstacles, obstacle_heights=[9.0], workers=1)
    low = vis.camera_viewsheds(cams, obstacles, obstacle_heights=[3.0], workers=1)
    unknown = vis.camera_viewsheds(cams, obstacles, obstacle_heights=[np.nan], workers=1)
    full = 90 * 0.5 * 2500 * math.sin(math.radians(1))
    assert low["area_m2"][0] == pytest.approx(full)
    assert blocked["area_m2"][0] < full - 100
    assert unknown["area_m2"][0] == pytest.approx(blocked["area_m2"][0])


def test_parallel_run_equals_the_serial_one():
    rng = np.random.default_rng(3)
    xy = rng.uniform(0, 500, (300, 2))
    buildings = gpd.GeoDataFrame(geometry=shapely.box(xy[:, 0], xy[:, 1], xy[:, 0] + 8,
                                                      xy[:, 1] + 12), crs=CRS)
    buildings = buildings[~buildings.intersects(shapely.box(240, 0, 260, 500))]
    cams = _cameras([(250, y, {"azimuth_deg": az, "fov_deg": 98, "range_m": 40})
                     for y, az in zip(np.linspace(10, 490, 60), np.linspace(0, 350, 60))])
    one = vis.camera_viewsheds(cams, buildings, workers=1, chunk_size=7)
    two = vis.camera_viewsheds(cams, buildings, workers=2, chunk_size=7)
    assert np.allclose(one["area_m2"], two["area_m2"])
    assert one.geometry.is_valid.all()
    assert not one.geometry.intersects(shapely.union_all(buildings.geometry.values)
                                       .buffer(-1e-6)).any()


def test_cameras_in_degrees_are_refused_by_the_core():
    cams = _cameras([(116.4, 39.9, {"range_m": 10})], crs="EPSG:4326")
    obstacles = gpd.GeoDataFrame(geometry=[shapely.box(0, 0, 1, 1)], crs="EPSG:4326")
    with pytest.raises(OneGridError, match="^Layer cameras must be in a projected coordinate "
                       "system in metres$"):
        vis.camera_viewsheds(cams, obstacles)
