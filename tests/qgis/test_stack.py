"""QGIS, Processing and the Python GIS stack in one process, without clashes."""
import sys

import pytest

pytestmark = pytest.mark.qgis


def test_processing_is_qgis_own(qgis_processing):
    import processing
    import processing.core

    assert processing.core.__file__.startswith("/usr/share/qgis/python/plugins/processing/")
    import onegrid.processing
    assert onegrid.processing.__name__ == "onegrid.processing"
    assert "/usr/share/qgis" not in onegrid.processing.__file__


def test_one_process_qgis_and_python_gis(qgis_app, tmp_path):
    import geopandas as gpd
    import pyogrio
    import pyproj
    import shapely
    from qgis.core import QgsGeometry, QgsVectorLayer

    # shapely and QGIS agree on a geometry passed as WKB both ways.
    poly = shapely.box(0, 0, 10, 5)
    qgeom = QgsGeometry()
    qgeom.fromWkb(shapely.to_wkb(poly))
    assert qgeom.area() == pytest.approx(50.0)
    back = shapely.from_wkb(bytes(qgeom.asWkb()))
    assert back.equals(poly)
    # pyproj: Helsinki railway station into UTM 35N.
    t = pyproj.Transformer.from_crs(4326, 32635, always_xy=True)
    x, y = t.transform(24.941, 60.171)
    assert x == pytest.approx(385_600, abs=500) and y == pytest.approx(6_672_000, abs=1_000)
    # pyogrio writes, QGIS's OGR provider reads the same file.
    gdf = gpd.GeoDataFrame({"n": [1, 2]}, geometry=[poly, shapely.box(20, 0, 30, 5)],
                           crs="EPSG:3067")
    path = tmp_path / "t.gpkg"
    pyogrio.write_dataframe(gdf, path, layer="t")
    layer = QgsVectorLayer(f"{path}|layername=t", "t", "ogr")
    assert layer.isValid() and layer.featureCount() == 2
    assert layer.crs().authid() == "EPSG:3067"
    del layer
    assert sys.modules["shapely"].geos_version == (3, 11, 1)
