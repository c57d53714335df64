"""WGS-84 / GCJ-02 / BD-09 conversion: published values, round trips, the China outline."""
import numpy as np
import pytest
import shapely
from pyproj import Geod, Transformer

from onegrid.benchmarks.bench_coordinates import (peer_gcj02_to_wgs84, peer_wgs84_to_gcj02,
                                                  random_points_in_china)
from onegrid.processing.analysis import coords
from onegrid.processing.analysis.errors import OneGridError

pytestmark = pytest.mark.pure

GEOD = Geod(ellps="WGS84")
TIANANMEN = (116.397, 39.908)
INSIDE = {
    "Beijing": (116.397, 39.908), "Shanghai": (121.47, 31.23), "Guangzhou": (113.26, 23.13),
    "Shenzhen Futian": (114.06, 22.54), "Urumqi": (87.6, 43.8), "Lhasa": (91.1, 29.65),
    "Kashgar": (75.99, 39.47), "Harbin": (126.6, 45.75), "Haikou": (110.35, 20.02),
    "Sanya": (109.5, 18.25), "Kunming": (102.7, 25.05), "Xiamen": (118.09, 24.48),
    "Manzhouli": (117.43, 49.59), "Mohe": (122.53, 52.97), "Hohhot": (111.67, 40.82),
    "Zhuhai": (113.57, 22.27), "Hengqin": (113.52, 22.13), "Zhoushan": (122.2, 30.0),
    "Dalian": (121.6, 38.91), "Yanji": (129.5, 42.9), "Jinghong": (100.8, 22.0),
    "Ruili": (97.85, 24.01), "Hotan": (79.92, 37.11), "Fuyuan": (134.29, 48.36),
    "Erenhot": (111.98, 43.65), "Dongxing": (107.97, 21.55), "Weizhou Island": (109.1, 21.03),
    "Chengdu": (104.07, 30.67), "Xining": (101.78, 36.62),
}
OUTSIDE = {
    "Helsinki": (24.94, 60.17), "Tokyo": (139.69, 35.69), "Seoul": (126.98, 37.57),
    "Pyongyang": (125.75, 39.03), "Hanoi": (105.85, 21.03), "Ulaanbaatar": (106.9, 47.9),
    "Taipei": (121.56, 25.04), "Kaohsiung": (120.3, 22.62), "Hong Kong Central": (114.16, 22.28),
    "Sha Tin": (114.19, 22.38), "Yuen Long": (114.03, 22.44), "Macao": (113.54, 22.19),
    "Taipa": (113.56, 22.155), "Vladivostok": (131.9, 43.1), "Almaty": (76.9, 43.25),
    "Kathmandu": (85.3, 27.7), "Thimphu": (89.64, 27.47), "Bishkek": (74.6, 42.87),
    "Khabarovsk": (135.07, 48.48), "Lao Cai": (103.97, 22.45), "Ha Giang": (104.98, 22.82),
    "Cao Bang": (106.25, 22.67), "Lang Son": (106.76, 21.85), "Myitkyina": (97.4, 25.38),
    "Islamabad": (73.05, 33.7), "Leh": (77.58, 34.16), "Busan": (129.07, 35.18),
    "Jeju": (126.53, 33.5), "Manila": (120.98, 14.6),
}
FORWARD = [coords.wgs84_to_gcj02, coords.gcj02_to_bd09, coords.wgs84_to_bd09]
EVERY = FORWARD + [coords.gcj02_to_wgs84, coords.bd09_to_gcj02, coords.bd09_to_wgs84]
ROUND_TRIPS = [("WGS84", "GCJ02"), ("GCJ02", "BD09"), ("WGS84", "BD09")]


def metres(lon1, lat1, lon2, lat2):
    return GEOD.inv(lon1, lat1, lon2, lat2)[2]


def xy(places):
    points = np.array(list(places.values()))
    return points[:, 0], points[:, 1]


class TestPublishedValues:
    # The reference pair of coordTransform, eviltransform and Hutool's tests:
    # WGS-84 (116.404, 39.915) -> GCJ-02 (116.41024449916938, 39.91640428150164).
    def test_wgs84_to_gcj02(self):
        lon, lat = coords.wgs84_to_gcj02(116.404, 39.915)
        assert lon == pytest.approx(116.41024449916938, abs=1e-11)
        assert lat == pytest.approx(39.91640428150164, abs=1e-11)

    def test_gcj02_to_bd09(self):
        lon, lat = coords.gcj02_to_bd09(116.404, 39.915)
        assert lon == pytest.approx(116.41036949371029, abs=1e-11)
        assert lat == pytest.approx(39.92133699351021, abs=1e-11)

    def test_wgs84_to_bd09(self):
        lon, lat = coords.wgs84_to_bd09(116.404, 39.915)
        assert lon == pytest.approx(116.41662724378733, abs=1e-11)
        assert lat == pytest.approx(39.922699552216216, abs=1e-11)

    def test_inverse_beats_the_one_step_approximation(self):
        # The published one-step inverse gives (116.39775550083061, 39.91359571849836);
        # the iterated one is the exact preimage, a few decimetres from it.
        gcj = coords.wgs84_to_gcj02(116.404, 39.915)
        lon, lat = coords.gcj02_to_wgs84(116.41024449916938, 39.91640428150164)
        assert metres(lon, lat, 116.404, 39.915) < 1e-6
        approx = coords.gcj02_to_wgs84(116.404, 39.915)
        assert metres(approx[0], approx[1], 116.39775550083061, 39.91359571849836) < 1.0
        assert gcj[0] != lon

    def test_matches_per_point_formula(self):
        lon, lat = random_points_in_china(2000, seed=7)
        ours = coords.wgs84_to_gcj02(lon, lat)
        peer = np.array([peer_wgs84_to_gcj02(x, y) for x, y in zip(lon, lat)])
        np.testing.assert_allclose(ours[0], peer[:, 0], rtol=0, atol=1e-12)
        np.testing.assert_allclose(ours[1], peer[:, 1], rtol=0, atol=1e-12)
        back = coords.gcj02_to_wgs84(*ours)
        peer_back = np.array([peer_gcj02_to_wgs84(x, y) for x, y in zip(*ours)])
        np.testing.assert_allclose(back[0], peer_back[:, 0], rtol=0, atol=1e-10)
        np.testing.assert_allclose(back[1], peer_back[:, 1], rtol=0, atol=1e-10)


class TestOffsets:
    def test_tiananmen_gcj02_offset(self):
        lon, lat = coords.wgs84_to_gcj02(*TIANANMEN)
        assert 100 < metres(*TIANANMEN, lon, lat) < 700

    def test_tiananmen_bd09_further_than_gcj02(self):
        gcj = coords.wgs84_to_gcj02(*TIANANMEN)
        bd = coords.wgs84_to_bd09(*TIANANMEN)
        assert metres(*gcj, *bd) > 100
        assert metres(*TIANANMEN, *bd) > metres(*TIANANMEN, *gcj)

    def test_gcj02_offset_is_a_few_hundred_metres_everywhere(self):
        lon, lat = random_points_in_china(10_000, seed=1)
        moved = metres(lon, lat, *coords.wgs84_to_gcj02(lon, lat))
        assert moved.min() > 0 and moved.max() < 750


class TestRoundTrip:
    @pytest.mark.parametrize("src,dst", ROUND_TRIPS)
    def test_ten_thousand_points_across_china(self, src, dst):
        lon, lat = random_points_in_china(10_000, seed=2)
        there = coords.convert(lon, lat, src, dst)
        back = coords.convert(*there, dst, src)
        error = metres(lon, lat, *back)
        assert error.max() < 0.5
        assert error.max() < 0.001  # in fact micrometres

    @pytest.mark.parametrize("src,dst", ROUND_TRIPS)
    def test_points_that_the_offset_moves_across_the_outline(self, src, dst):
        rng = np.random.default_rng(3)
        lon = rng.uniform(73, 135, 400_000)
        lat = rng.uniform(18, 54, 400_000)
        there = coords.convert(lon, lat, src, dst)
        crossing = coords.in_china(lon, lat) & ~coords.in_china(*there)
        assert crossing.sum() > 0
        back = coords.convert(there[0][crossing], there[1][crossing], dst, src)
        assert metres(lon[crossing], lat[crossing], *back).max() < 0.001


class TestOutsideChina:
    @pytest.mark.parametrize("func", FORWARD, ids=lambda f: f.__name__)
    def test_forward_unchanged(self, func):
        lon, lat = xy(OUTSIDE)
        out_lon, out_lat = func(lon, lat)
        np.testing.assert_array_equal(out_lon, lon)
        np.testing.assert_array_equal(out_lat, lat)

    @pytest.mark.parametrize("func", EVERY, ids=lambda f: f.__name__)
    def test_unchanged_away_from_the_outline(self, func):
        far = {name: point for name, point in OUTSIDE.items()
               if shapely.distance(shapely.boundary(coords.CHINA), shapely.Point(point)) > 0.05}
        assert "Seoul" in far and "Hong Kong Central" in far and len(far) >= 25
        lon, lat = xy(far)
        out_lon, out_lat = func(lon, lat)
        np.testing.assert_array_equal(out_lon, lon)
        np.testing.assert_array_equal(out_lat, lat)

    def test_inverse_near_the_outline_prefers_the_mainland(self):
        # A BD-09 point on Taipa (Macao) is also the image of a point on Hengqin (Zhuhai).
        lon, lat = coords.bd09_to_wgs84(*OUTSIDE["Taipa"])
        assert coords.in_china(lon, lat)
        np.testing.assert_allclose(coords.wgs84_to_bd09(lon, lat), OUTSIDE["Taipa"], atol=1e-9)

    @pytest.mark.parametrize("func", EVERY, ids=lambda f: f.__name__)
    def test_nan_passes_through(self, func):
        lon, lat = func([np.nan, 116.4, 24.9, np.nan], [39.9, np.nan, 60.2, np.nan])
        assert np.isnan(lon[[0, 3]]).all() and np.isnan(lat[[1, 3]]).all()
        assert lon[1] == 116.4 and lat[0] == 39.9
        assert (lon[2], lat[2]) == (24.9, 60.2)


class TestInChina:
    def test_cities_inside(self):
        inside = coords.in_china(*xy(INSIDE))
        assert dict(zip(INSIDE, inside)) == {name: True for name in INSIDE}

    def test_cities_outside(self):
        inside = coords.in_china(*xy(OUTSIDE))
        assert dict(zip(OUTSIDE, inside)) == {name: False for name in OUTSIDE}

    def test_outline_is_valid_and_china_sized(self):
        assert shapely.is_valid(coords.CHINA)
        area_km2 = abs(GEOD.geometry_area_perimeter(coords.CHINA)[0]) / 1e6
        assert 9.0e6 < area_km2 < 10.5e6  # mainland China is about 9.6 million km2

    def test_nan_is_outside(self):
        assert coords.in_china([np.nan, 116.4], [39.9, np.nan]).tolist() == [False, False]

    def test_shapes_kept(self):
        assert coords.in_china(116.4, 39.9).shape == ()
        lon, lat = coords.wgs84_to_gcj02([[116.4, 24.9]], [[39.9, 60.2]])
        assert lon.shape == lat.shape == (1, 2)
        assert lon[0, 1] == 24.9


class TestConvert:
    def test_names_are_forgiving(self):
        a = coords.convert([116.4], [39.9], "gcj-02", "wgs_84")
        b = coords.gcj02_to_wgs84([116.4], [39.9])
        np.testing.assert_array_equal(a, b)

    def test_same_system_copies(self):
        lon = np.array([116.4])
        out, _ = coords.convert(lon, [39.9], "BD09", "bd09")
        assert out.tolist() == [116.4] and out is not lon

    def test_unknown_name(self):
        with pytest.raises(OneGridError) as err:
            coords.convert([116.4], [39.9], "EPSG:3857", "WGS84")
        assert str(err.value) == ("Unknown coordinate system EPSG:3857: use one of WGS84, "
                                  "GCJ02, BD09")
        assert err.value.template == "Unknown coordinate system {name}: use one of {choices}"

    def test_different_shapes(self):
        with pytest.raises(ValueError, match="differ in shape"):
            coords.convert([116.4, 116.5], [39.9], "WGS84", "GCJ02")


class TestGeometries:
    GEOMS = np.array([
        shapely.Point(116.397, 39.908),
        shapely.from_wkt("LINESTRING Z (116.3 39.9 5, 116.4 39.95 7)"),
        shapely.from_wkt("POLYGON ((121.4 31.2, 121.5 31.2, 121.5 31.3, 121.4 31.2))"),
        shapely.from_wkt("MULTIPOLYGON (((116 39, 117 39, 117 40, 116 39)), "
                         "((24 60, 25 60, 25 61, 24 60)))"),
        shapely.from_wkt("POLYGON ((24 60, 25 60, 25 61, 24 60))"),
        shapely.from_wkt("LINESTRING (113.9 22.6, 114.16 22.28)"),  # Shenzhen -> Hong Kong
        shapely.from_wkt("POINT EMPTY"),
        None,
    ], dtype=object)

    def test_vertexwise(self):
        out = coords.transform_geometries(self.GEOMS, "WGS84", "GCJ02")
        before = shapely.get_coordinates(self.GEOMS)
        after = shapely.get_coordinates(out)
        want = np.column_stack(coords.wgs84_to_gcj02(before[:, 0], before[:, 1]))
        np.testing.assert_array_equal(after, want)
        assert shapely.get_type_id(out).tolist() == shapely.get_type_id(self.GEOMS).tolist()

    def test_z_kept_and_outside_unchanged(self):
        out = coords.transform_geometries(self.GEOMS, "WGS84", "BD09")
        assert shapely.has_z(out[1])
        np.testing.assert_array_equal(shapely.get_coordinates(out[1], include_z=True)[:, 2],
                                      [5, 7])
        assert shapely.equals_exact(out[4], self.GEOMS[4], tolerance=0)
        assert out[7] is None and shapely.is_empty(out[6])

    def test_changed(self):
        out = coords.transform_geometries(self.GEOMS, "GCJ02", "WGS84")
        assert coords.changed(self.GEOMS, out).tolist() == [
            True, True, True, True, False, True, False, False]

    def test_convert_geometries_lonlat(self):
        out, moved = coords.convert_geometries(self.GEOMS, "GCJ02", "WGS84", "EPSG:4490")
        assert moved.tolist() == [True, True, True, True, False, True, False, False]
        want = coords.transform_geometries(self.GEOMS, "GCJ02", "WGS84")
        assert all(shapely.equals_exact(out[:6], want[:6], tolerance=0))
        assert out[4] is self.GEOMS[4]

    def test_convert_geometries_projected(self):
        # The same Beijing point stored in the CGCS2000 Gauss-Kruger zone CM 117E.
        to_gk = Transformer.from_crs(4326, 4548, always_xy=True)
        x, y = to_gk.transform(*TIANANMEN)
        far = shapely.Point(0, 0)  # 117E at the equator: outside China
        out, moved = coords.convert_geometries([shapely.Point(x, y), far], "WGS84", "GCJ02",
                                               "EPSG:4548")
        assert moved.tolist() == [True, False]
        want = to_gk.transform(*coords.wgs84_to_gcj02(*TIANANMEN))
        assert out[0].x == pytest.approx(float(want[0]), abs=1e-6)
        assert out[0].y == pytest.approx(float(want[1]), abs=1e-6)
        assert out[1] is far

    def test_convert_points(self):
        to_gk = Transformer.from_crs(4326, 4548, always_xy=True)
        x, y = to_gk.transform([116.397, 116.5, 117.0], [39.908, 40.0, 0.0])
        out_x, out_y, moved = coords.convert_points(x, y, "WGS84", "GCJ02", "EPSG:4548")
        assert moved.tolist() == [True, True, False]
        assert (out_x[2], out_y[2]) == (x[2], y[2])
        want = to_gk.transform(*coords.wgs84_to_gcj02([116.397, 116.5], [39.908, 40.0]))
        np.testing.assert_allclose(out_x[:2], want[0], atol=1e-6)
        np.testing.assert_allclose(out_y[:2], want[1], atol=1e-6)
        lon, lat, moved = coords.convert_points([116.4, np.nan], [39.9, 1.0], "BD09", "WGS84")
        assert moved.tolist() == [True, False] and np.isnan(lon[1])

    @pytest.mark.parametrize("crs,expected", [
        ("EPSG:4326", True), ("EPSG:4490", True), ("EPSG:4258", True), ("EPSG:4269", True),
        ("EPSG:4214", False), ("EPSG:4548", False), ("EPSG:3857", False),
    ])
    def test_is_lonlat(self, crs, expected):
        # 4214 is Beijing 1954 on the Krasovsky ellipsoid: tens of metres off WGS-84.
        assert coords.is_lonlat(crs) is expected
