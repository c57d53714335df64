"""The metric CRS chosen for the data, and getting frames into it."""
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import shapely
from pyproj import CRS, Geod

from onegrid.processing.analysis import crs as ogcrs
from onegrid.processing.analysis.errors import OneGridError

pytestmark = pytest.mark.pure

BUBENEC_GPKG = Path(__file__).resolve().parents[2] / "build" / "data" / "bubenec.gpkg"


def central_meridian(epsg):
    params = {p.name: p.value for p in CRS.from_epsg(epsg).coordinate_operation.params}
    return params["Longitude of natural origin"]


class TestCodes:
    @pytest.mark.parametrize("k", range(21))
    def test_gauss_kruger_table_against_pyproj(self, k):
        crs = CRS.from_epsg(4534 + k)
        assert crs.name == f"CGCS2000 / 3-degree Gauss-Kruger CM {75 + 3 * k}E"
        assert central_meridian(4534 + k) == 75 + 3 * k
        assert crs.axis_info[0].unit_name == "metre"
        assert ogcrs.gauss_kruger_epsg(75 + 3 * k) == 4534 + k

    @pytest.mark.parametrize("lon,lat,epsg", [
        (116.397, 39.908, 4548),  # Beijing, CM 117E
        (121.47, 31.23, 4549),  # Shanghai, CM 120E
        (87.6, 43.8, 4538),  # Urumqi, CM 87E
        (126.6, 45.75, 4551),  # Harbin, CM 126E
        (75.99, 39.47, 4534),  # Kashgar, CM 75E
        (113.26, 23.13, 4547),  # Guangzhou, CM 114E
        (24.94, 60.17, 32635),  # Helsinki
        (14.41, 50.1, 32633),  # Prague
        (139.69, 35.69, 32654),  # Tokyo
        (126.98, 37.57, 32652),  # Seoul: outside China, UTM
        (114.16, 22.28, 32650),  # Hong Kong: outside the GCJ-02 area, UTM
        (151.2, -33.87, 32756),  # Sydney
        (-74.0, 40.7, 32618),  # New York
    ])
    def test_metric_crs_for(self, lon, lat, epsg):
        assert ogcrs.metric_crs_for([lon], [lat]) == epsg

    def test_gauss_kruger_meridian_is_nearest(self):
        for lon in np.linspace(73.6, 134.7, 200):
            assert abs(central_meridian(ogcrs.gauss_kruger_epsg(lon)) - lon) <= 1.5 + 1e-9

    def test_clamped(self):
        assert ogcrs.gauss_kruger_epsg(60.0) == 4534
        assert ogcrs.gauss_kruger_epsg(150.0) == 4554

    def test_centre_of_the_extent_decides(self):
        # Points in Beijing and Tianjin: centre near 116.8E.
        assert ogcrs.metric_crs_for([116.3, 117.3, np.nan], [39.9, 39.1, 5.0]) == 4548
        assert ogcrs.metric_crs_for_bounds(116.3, 39.1, 117.3, 39.9) == 4548

    def test_no_coordinates(self):
        with pytest.raises(OneGridError) as err:
            ogcrs.metric_crs_for([np.nan], [np.nan])
        assert str(err.value) == "No coordinates to choose a metric coordinate system from"


class TestIsMetric:
    @pytest.mark.parametrize("crs,expected", [
        (4548, True), (32635, True), (3067, True), (5514, True), ("EPSG:5514+5705", True),
        (4326, False), (4490, False), (3857, False), (3395, False),
        (2263, False),  # New York Long Island, US survey feet
        (2231, False),  # Colorado North, US survey feet
    ])
    def test_is_metric(self, crs, expected):
        assert ogcrs.is_metric(crs) is expected


class TestToMetric:
    def test_geographic_beijing(self):
        gdf = gpd.GeoDataFrame({"name": ["a", "b"]}, crs="EPSG:4326",
                               geometry=[shapely.Point(116.39, 39.90),
                                         shapely.Point(116.40, 39.91)])
        out, epsg = ogcrs.to_metric(gdf, "points")
        assert epsg == 4548 and out.crs.to_epsg() == 4548
        assert out["name"].tolist() == ["a", "b"]
        geodesic = Geod(ellps="GRS80").inv(116.39, 39.90, 116.40, 39.91)[2]
        assert out.geometry.iloc[0].distance(out.geometry.iloc[1]) == pytest.approx(
            geodesic, rel=1e-3)

    def test_projected_metres_unchanged(self):
        gdf = gpd.GeoDataFrame(geometry=[shapely.Point(500000, 4400000)], crs="EPSG:4548")
        out, epsg = ogcrs.to_metric(gdf)
        assert out is gdf and epsg == 4548

    def test_real_data_web_mercator_is_reprojected(self):
        # momepy's Prague Bubenec buildings come in EPSG:3857, whose metres are stretched by
        # 1/cos(50.1 deg) there: areas by its square, about 2.43.
        buildings = pyogrio.read_dataframe(BUBENEC_GPKG, layer="buildings")
        assert buildings.crs.to_epsg() == 3857 and len(buildings) == 144
        out, epsg = ogcrs.to_metric(buildings, "buildings")
        assert epsg == 32633 and len(out) == 144
        lat = np.radians(buildings.to_crs(4326).union_all().centroid.y)
        ratio = buildings.area.sum() / out.area.sum()
        assert ratio == pytest.approx(1 / np.cos(lat) ** 2, rel=0.01)

    def test_feet_are_reprojected(self):
        gdf = gpd.GeoDataFrame(geometry=[shapely.Point(985000, 200000),
                                         shapely.Point(986000, 201000)], crs="EPSG:2263")
        out, epsg = ogcrs.to_metric(gdf)
        assert epsg == 32618 and out.crs.to_epsg() == 32618

    def test_no_crs(self):
        gdf = gpd.GeoDataFrame(geometry=[shapely.Point(116.4, 39.9)])
        with pytest.raises(OneGridError) as err:
            ogcrs.to_metric(gdf, "grids")
        assert str(err.value) == "Layer grids has no coordinate reference system"

    def test_no_geometry(self):
        gdf = gpd.GeoDataFrame(geometry=gpd.GeoSeries([], crs="EPSG:4326"))
        with pytest.raises(OneGridError) as err:
            ogcrs.to_metric(gdf, "people")
        assert str(err.value) == ("Layer people has no geometry to choose a metric coordinate "
                                  "system from")


class TestAlign:
    def test_same_crs(self):
        a = gpd.GeoDataFrame(geometry=[shapely.Point(0, 0)], crs="EPSG:4326")
        b = gpd.GeoDataFrame(geometry=[shapely.Point(0, 0)], crs="EPSG:4326")
        c = gpd.GeoDataFrame(geometry=[shapely.Point(0, 0)], crs="EPSG:4490")
        d = gpd.GeoDataFrame(geometry=[shapely.Point(0, 0)])
        assert ogcrs.same_crs(a, b)
        assert not ogcrs.same_crs(a, b, c)
        assert not ogcrs.same_crs(a, d)

    def test_align(self):
        gdf = gpd.GeoDataFrame(geometry=[shapely.Point(116.397, 39.908),
                                         shapely.Point(117.0, 40.0)], crs="EPSG:4326")
        assert ogcrs.align_crs("EPSG:4326", gdf) is gdf
        out = ogcrs.align_crs(4548, gdf, "cameras")
        assert out.crs.to_epsg() == 4548
        # 0.603 degrees west of 117E at 39.9N: about 51.6 km west of the false easting.
        assert out.geometry.iloc[0].x == pytest.approx(448_440, abs=100)

    def test_align_without_crs(self):
        gdf = gpd.GeoDataFrame(geometry=[shapely.Point(116.4, 39.9)])
        with pytest.raises(OneGridError) as err:
            ogcrs.align_crs(4548, gdf, "cameras")
        assert str(err.value) == "Layer cameras has no coordinate reference system"
