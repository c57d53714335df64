"""onegrid:convert_coordinates through processing.run, on memory and GeoPackage layers."""
import numpy as np
import pytest
import shapely
from pyproj import Transformer
from qgis.core import (QgsCoordinateReferenceSystem, QgsFeature, QgsGeometry,
                       QgsProcessingException, QgsVectorFileWriter, QgsVectorLayer, QgsWkbTypes)

from onegrid.processing.analysis import coords

pytestmark = pytest.mark.qgis

ALG = "onegrid:convert_coordinates"
FIELDS = "field=code:string&field=households:integer&field=area:double"


def memory_layer(geometry, name, rows, crs="EPSG:4326"):
    """A memory layer with fields code/households/area and ``rows`` of (values, wkt)."""
    layer = QgsVectorLayer(f"{geometry}?crs={crs}&{FIELDS}", name, "memory")
    features = []
    for values, wkt in rows:
        feature = QgsFeature(layer.fields())
        feature.setAttributes(list(values))
        if wkt is not None:
            feature.setGeometry(QgsGeometry.fromWkt(wkt))
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)
    return layer


@pytest.fixture
def points():
    return memory_layer("Point", "points", [
        (("bj", 300, 1.5), "POINT (116.397 39.908)"),  # Beijing
        (("sh", 250, 2.5), "POINT (121.47 31.23)"),  # Shanghai
        (("hel", 0, 0.0), "POINT (24.94 60.17)"),  # Helsinki
        (("seoul", 1, 1.0), "POINT (126.98 37.57)"),  # Seoul
        (("none", 7, 7.0), None),  # no geometry
    ])


@pytest.fixture
def lines():
    return memory_layer("LineString", "lines", [
        (("bj", 1, 1.0), "LINESTRING (116.3 39.9, 116.4 39.95, 116.5 39.9)"),
        (("sz-hk", 2, 2.0), "LINESTRING (114.06 22.6, 114.16 22.28)"),  # Shenzhen to Hong Kong
        (("tokyo", 3, 3.0), "LINESTRING (139.6 35.6, 139.7 35.7)"),
    ])


@pytest.fixture
def polygons():
    return memory_layer("Polygon", "polygons", [
        (("cd", 1, 1.0), "POLYGON ((104.0 30.6, 104.1 30.6, 104.1 30.7, 104.0 30.6))"),
        (("bowtie", 2, 2.0), "POLYGON ((121.4 31.2, 121.5 31.3, 121.5 31.2, 121.4 31.3, "
                             "121.4 31.2))"),  # self-intersecting, in Shanghai
        (("hel", 3, 3.0), "POLYGON ((24.9 60.1, 25.0 60.1, 25.0 60.2, 24.9 60.1))"),
    ])


def run(run_alg, layer, src, dst):
    results, feedback = run_alg(ALG, {"INPUT": layer, "FROM": src, "TO": dst,
                                      "OUTPUT": "memory:"})
    return results, feedback, list(results["OUTPUT"].getFeatures())


def xy_of(feature):
    return shapely.get_coordinates(shapely.from_wkb(bytes(feature.geometry().asWkb())))


def expected(wkt, src, dst):
    x, y = shapely.get_coordinates(shapely.from_wkt(wkt)).T
    return np.column_stack(coords.convert(x, y, src, dst))


class TestConvert:
    @pytest.mark.parametrize("src,dst", [("GCJ02", "WGS84"), (1, 0), ("1", "0"),
                                         ("gcj02", "wgs84")])
    def test_points_names_or_indices(self, run_alg, points, src, dst):
        results, feedback, out = run(run_alg, points, src, dst)
        assert (results["CONVERTED"], results["UNCHANGED"]) == (2, 3)
        assert [f.attributes() for f in out] == [f.attributes() for f in points.getFeatures()]
        np.testing.assert_allclose(xy_of(out[0]), expected("POINT (116.397 39.908)", "GCJ02",
                                                           "WGS84"), atol=1e-12)
        assert xy_of(out[2]).tolist() == [[24.94, 60.17]]
        assert xy_of(out[3]).tolist() == [[126.98, 37.57]]
        assert not out[4].hasGeometry()
        assert ("2 features inside China converted, 3 outside China or without geometry left "
                "unchanged") in feedback.infos

    def test_fields_and_layer_kept(self, run_alg, points):
        results, _, _ = run(run_alg, points, "WGS84", "BD09")
        layer = results["OUTPUT"]
        assert [f.name() for f in layer.fields()] == ["code", "households", "area"]
        assert [f.typeName().lower() for f in layer.fields()] == [
            f.typeName().lower() for f in points.fields()]
        assert layer.wkbType() == QgsWkbTypes.Point
        assert layer.crs().authid() == "EPSG:4326"
        assert layer.featureCount() == 5

    def test_lines_vertex_by_vertex(self, run_alg, lines):
        results, _, out = run(run_alg, lines, "WGS84", "GCJ02")
        assert (results["CONVERTED"], results["UNCHANGED"]) == (2, 1)
        np.testing.assert_allclose(
            xy_of(out[0]), expected("LINESTRING (116.3 39.9, 116.4 39.95, 116.5 39.9)",
                                    "WGS84", "GCJ02"), atol=1e-12)
        crossing = xy_of(out[1])
        assert crossing[1].tolist() == [114.16, 22.28]  # the Hong Kong end stays
        assert crossing[0] == pytest.approx(expected("POINT (114.06 22.6)", "WGS84", "GCJ02")[0])
        assert xy_of(out[2]).tolist() == [[139.6, 35.6], [139.7, 35.7]]

    def test_polygons_and_invalid_kept(self, run_alg, polygons):
        results, feedback, out = run(run_alg, polygons, "BD09", "GCJ02")
        assert (results["CONVERTED"], results["UNCHANGED"]) == (2, 1)
        assert feedback.warnings == ["1 features of polygons have invalid geometries; they are "
                                     "converted vertex by vertex and kept as they are"]
        bowtie = "POLYGON ((121.4 31.2, 121.5 31.3, 121.5 31.2, 121.4 31.3, 121.4 31.2))"
        np.testing.assert_allclose(xy_of(out[1]), expected(bowtie, "BD09", "GCJ02"), atol=1e-12)
        assert out[1]["code"] == "bowtie"
        assert xy_of(out[2])[0].tolist() == [24.9, 60.1]

    def test_round_trip(self, run_alg, polygons):
        there, _, _ = run(run_alg, polygons, "WGS84", "BD09")
        back, _, out = run(run_alg, there["OUTPUT"], "BD09", "WGS84")
        for original, final in zip(polygons.getFeatures(), out):
            np.testing.assert_allclose(xy_of(final), xy_of(original), rtol=0, atol=1e-10)


class TestVertexRoute:
    """Curves and M values, which shapely cannot hold on GEOS 3.11, keep type, Z and M."""

    def test_measured_lines(self, run_alg):
        layer = memory_layer("LineStringZM", "tracks", [
            (("walk", 1, 1.0), "LINESTRING ZM (116.3 39.9 40 1000, 116.4 39.95 41 1060)"),
            (("helsinki", 2, 2.0), "LINESTRING ZM (24.9 60.1 5 0, 25.0 60.2 6 60)"),
        ])
        results, _, out = run(run_alg, layer, "GCJ02", "WGS84")
        assert (results["CONVERTED"], results["UNCHANGED"]) == (1, 1)
        assert results["OUTPUT"].wkbType() == QgsWkbTypes.LineStringZM
        vertices = [(v.x(), v.y(), v.z(), v.m()) for v in out[0].geometry().vertices()]
        want = expected("LINESTRING (116.3 39.9, 116.4 39.95)", "GCJ02", "WGS84")
        np.testing.assert_allclose([v[:2] for v in vertices], want, atol=1e-12)
        assert [v[2:] for v in vertices] == [(40, 1000), (41, 1060)]
        assert out[1].geometry().asWkt() == layer.getFeature(2).geometry().asWkt()

    def test_curves(self, run_alg):
        wkt = ("CompoundCurve (CircularString (116.3 39.9, 116.35 39.95, 116.4 39.9),"
               "(116.4 39.9, 116.5 39.9))")
        layer = memory_layer("CompoundCurve", "curves", [(("arc", 1, 1.0), wkt)])
        results, _, out = run(run_alg, layer, "WGS84", "BD09")
        assert results["CONVERTED"] == 1
        geometry = out[0].geometry()
        assert QgsWkbTypes.flatType(geometry.wkbType()) == QgsWkbTypes.CompoundCurve
        got = [(v.x(), v.y()) for v in geometry.vertices()]
        want = expected("MULTIPOINT (116.3 39.9, 116.35 39.95, 116.4 39.9, 116.5 39.9)",
                        "WGS84", "BD09")
        np.testing.assert_allclose(got, want, atol=1e-12)


class TestGeoPackage:
    def test_projected_z_layer(self, run_alg, tmp_path):
        # PointZ in CGCS2000 Gauss-Kruger CM 117E: converted through lon/lat and back.
        source = QgsVectorLayer(f"PointZ?crs=EPSG:4548&{FIELDS}", "gk", "memory")
        feature = QgsFeature(source.fields())
        feature.setAttributes(["bj", 1, 1.0])
        feature.setGeometry(QgsGeometry.fromWkt("POINT Z (448438.3 4417785.0 43.5)"))
        source.dataProvider().addFeatures([feature])
        path = str(tmp_path / "gk.gpkg")
        options = QgsVectorFileWriter.SaveVectorOptions()
        options.driverName = "GPKG"
        options.layerName = "gk"
        error = QgsVectorFileWriter.writeAsVectorFormatV3(
            source, path, source.transformContext(), options)
        assert error[0] == QgsVectorFileWriter.NoError
        layer = QgsVectorLayer(f"{path}|layername=gk", "gk", "ogr")
        out_path = str(tmp_path / "out.gpkg")
        results, _ = run_alg(ALG, {"INPUT": layer, "FROM": "WGS84", "TO": "GCJ02",
                                   "OUTPUT": out_path})
        assert results["CONVERTED"] == 1
        out_layer = QgsVectorLayer(results["OUTPUT"], "out", "ogr")
        assert out_layer.crs().authid() == "EPSG:4548"
        assert QgsWkbTypes.hasZ(out_layer.wkbType())
        moved = next(out_layer.getFeatures())
        x, y, z = shapely.get_coordinates(shapely.from_wkb(bytes(moved.geometry().asWkb())),
                                          include_z=True)[0]
        lon, lat = Transformer.from_crs(4548, 4326, always_xy=True).transform(448438.3, 4417785.0)
        gcj = coords.wgs84_to_gcj02(lon, lat)
        want = Transformer.from_crs(4326, 4548, always_xy=True).transform(
            float(gcj[0]), float(gcj[1]))
        assert (x, y) == pytest.approx((float(want[0]), float(want[1])), abs=1e-6)
        assert z == 43.5
        assert 100 < np.hypot(x - 448438.3, y - 4417785.0) < 700
        assert moved["code"] == "bj" and moved["households"] == 1
        del layer, out_layer


class TestErrors:
    def test_same_system(self, run_alg, points):
        with pytest.raises(QgsProcessingException) as err:
            run_alg(ALG, {"INPUT": points, "FROM": "GCJ02", "TO": 1, "OUTPUT": "memory:"})
        assert str(err.value) == ("Input and output coordinates are both GCJ02: choose two "
                                  "different systems")

    def test_empty_layer(self, run_alg):
        empty = memory_layer("Point", "empty", [])
        with pytest.raises(QgsProcessingException) as err:
            run_alg(ALG, {"INPUT": empty, "FROM": 1, "TO": 0, "OUTPUT": "memory:"})
        assert str(err.value) == "Layer empty is empty: nothing to convert"

    def test_unknown_system(self, run_alg, points):
        with pytest.raises(QgsProcessingException) as err:
            run_alg(ALG, {"INPUT": points, "FROM": "Mars", "TO": 0, "OUTPUT": "memory:"})
        assert str(err.value) == ("Unable to execute algorithm\nMars is not a valid FROM; choose "
                                  "one of: WGS84, GCJ02, BD09")

    def test_index_out_of_range(self, run_alg, points):
        with pytest.raises(QgsProcessingException) as err:
            run_alg(ALG, {"INPUT": points, "FROM": 1, "TO": 3, "OUTPUT": "memory:"})
        assert str(err.value) == ("Unable to execute algorithm\n3 is not a valid TO; choose "
                                  "one of: WGS84, GCJ02, BD09")

    def test_layer_without_crs(self, run_alg):
        layer = memory_layer("Point", "nocrs", [(("a", 1, 1.0), "POINT (116.4 39.9)")], crs="")
        layer.setCrs(QgsCoordinateReferenceSystem())
        with pytest.raises(QgsProcessingException) as err:
            run_alg(ALG, {"INPUT": layer, "FROM": 1, "TO": 0, "OUTPUT": "memory:"})
        assert str(err.value) == "Layer nocrs has no coordinate reference system"
