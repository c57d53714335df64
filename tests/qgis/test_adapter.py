"""The QGIS <-> GeoDataFrame adapter: one pass in, one pass out, nothing lost."""
import pytest
import shapely
from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer
from qgis.PyQt.QtCore import QVariant

from onegrid.processing.adapter import fields_for, source_to_frame
from onegrid.processing.analysis.errors import OneGridError

pytestmark = pytest.mark.qgis


def memory(wkts, crs="EPSG:3857"):
    layer = QgsVectorLayer(f"Polygon?crs={crs}&field=code:string&field=n:integer", "grids",
                           "memory")
    features = []
    for i, wkt in enumerate(wkts):
        f = QgsFeature(layer.fields())
        f.setAttributes([f"g{i}", i])
        if wkt:
            f.setGeometry(QgsGeometry.fromWkt(wkt))
        features.append(f)
    layer.dataProvider().addFeatures(features)
    return layer


class Feedback:
    def __init__(self):
        self.warnings = []

    def pushWarning(self, text):  # noqa: N802
        self.warnings.append(text)


def test_source_to_frame_reads_ids_attributes_geometry_crs(qgis_app):
    layer = memory(["POLYGON((0 0,10 0,10 10,0 10,0 0))",
                    "POLYGON((0 0,10 10,10 0,0 10,0 0))", None])
    feedback = Feedback()
    frame = source_to_frame(layer, "grids", feedback)
    assert list(frame.index) == [1, 2, 3]
    assert list(frame["code"]) == ["g0", "g1", "g2"]
    assert frame.crs.to_epsg() == 3857
    assert frame.geometry.iloc[0].area == pytest.approx(100.0)
    assert shapely.is_valid(frame.geometry.iloc[1])  # the bow-tie was repaired
    assert frame.geometry.iloc[1].area == pytest.approx(50.0)
    assert frame.geometry.iloc[2] is None
    assert feedback.warnings == ["1 invalid geometries of grids were repaired (feature ids 2)"]
    del layer


def test_missing_field_and_crs_are_named(qgis_app):
    layer = memory(["POLYGON((0 0,1 0,1 1,0 0))"])
    with pytest.raises(OneGridError) as err:
        source_to_frame(layer, "grids", attributes=["code", "grid_type"])
    assert str(err.value) == "Layer grids has no field grid_type; its fields are: code, n"
    nocrs = memory(["POLYGON((0 0,1 0,1 1,0 0))"], crs="")
    with pytest.raises(OneGridError, match="Layer grids has no coordinate reference system"):
        source_to_frame(nocrs, "grids")
    del layer, nocrs


def test_fields_for_types(qgis_app):
    import geopandas as gpd
    import pandas as pd
    frame = gpd.GeoDataFrame({"a": [1], "b": [1.5], "c": ["x"], "d": [True],
                              "e": pd.to_datetime(["2026-01-01"])},
                             geometry=[shapely.Point(0, 0)], crs=3857)
    fields = fields_for(frame)
    assert [f.name() for f in fields] == ["a", "b", "c", "d", "e"]
    assert [f.type() for f in fields] == [QVariant.LongLong, QVariant.Double, QVariant.String,
                                          QVariant.Bool, QVariant.DateTime]


def write_through_sink(frame, path):
    """Write ``frame`` with frame_to_sink from inside a Processing algorithm, as our
    algorithms do, into the GeoPackage ``path``; the written layer."""
    from qgis.core import (QgsProcessingAlgorithm, QgsProcessingContext,
                           QgsProcessingFeedback, QgsProcessingParameterFeatureSink)

    from onegrid.processing.adapter import frame_to_sink

    class Writer(QgsProcessingAlgorithm):
        def name(self):
            return "writer"

        def createInstance(self):
            return Writer()

        def initAlgorithm(self, config=None):
            self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", "out"))

        def processAlgorithm(self, parameters, context, feedback):
            return {"OUTPUT": frame_to_sink(self, parameters, "OUTPUT", context, frame)}

    alg = Writer()
    alg.initAlgorithm()
    _, ok = alg.run({"OUTPUT": str(path)}, QgsProcessingContext(), QgsProcessingFeedback())
    assert ok
    return QgsVectorLayer(str(path), path.stem, "ogr")


def test_a_copied_fid_column_does_not_cost_rows_in_a_geopackage(qgis_app, tmp_path):
    """A GeoPackage sink takes a field called fid as the feature id: rows that repeat an input
    fid would be dropped. frame_to_sink writes a repeating fid as source_fid instead, and
    keeps a unique one as the output's feature ids."""
    import geopandas as gpd

    from onegrid.processing.adapter import SOURCE_FID

    def pieces(fids):
        return gpd.GeoDataFrame({"fid": fids, "piece": [1, 2, 3]},
                                geometry=shapely.points([0, 1, 2], [0, 1, 2]), crs="EPSG:3857")

    layer = write_through_sink(pieces([7, 7, 3]), tmp_path / "pieces.gpkg")
    rows = sorted((f[SOURCE_FID], f["piece"]) for f in layer.getFeatures())
    assert rows == [(3, 3), (7, 1), (7, 2)]

    layer = write_through_sink(pieces([7, 8, 3]), tmp_path / "unique.gpkg")
    assert SOURCE_FID not in layer.fields().names()
    assert sorted((f.id(), f["piece"]) for f in layer.getFeatures()) == [(3, 3), (7, 1), (8, 2)]


def test_date_columns_read_from_qgis_are_written_as_dates(qgis_app, tmp_path):
    """source_to_frame gives date fields as Python dates; frame_to_sink writes them back as
    Date / DateTime fields (a text field refused every row of link_records' people)."""
    import datetime

    import geopandas as gpd
    from qgis.PyQt.QtCore import QDate

    frame = gpd.GeoDataFrame(
        {"birth_date": [datetime.date(1960, 3, 27), None],
         "seen_at": [datetime.datetime(2026, 11, 1, 8, 30), None]},
        geometry=shapely.points([0, 1], [0, 1]), crs="EPSG:3857")
    layer = write_through_sink(frame, tmp_path / "dated.gpkg")
    fields = layer.fields()
    assert fields.field("birth_date").type() == QVariant.Date
    assert fields.field("seen_at").type() == QVariant.DateTime
    rows = [(f["birth_date"], f["seen_at"]) for f in layer.getFeatures()]
    assert len(rows) == 2
    assert rows[0][0] == QDate(1960, 3, 27)
    assert rows[0][1].toPyDateTime() == datetime.datetime(2026, 11, 1, 8, 30)
    assert isinstance(rows[1][0], QVariant) and rows[1][0].isNull()
    assert isinstance(rows[1][1], QVariant) and rows[1][1].isNull()


def _direct_and_api(path, table, context=None):
    """The layer ``table`` of ``path`` read by GDAL (read_direct, None when it declines) and
    through QGIS's feature API (source_to_frame of the same source), as link_records'
    RECORDS parameter."""
    from qgis.core import QgsApplication, QgsProcessingContext

    from onegrid.processing.adapter import read_direct

    alg = QgsApplication.processingRegistry().algorithmById("onegrid:link_records")
    context = context or QgsProcessingContext()
    parameters = {"RECORDS": f"{path}|layername={table}"}
    direct = read_direct(alg, parameters, "RECORDS", context, None, table)
    source = alg.parameterAsSource(parameters, "RECORDS", context)
    return direct, source_to_frame(source, table)


def test_read_direct_equals_the_feature_api_on_every_demo_layer(onegrid_provider, demo_gpkg):
    """Every layer of the demo workspace (real Helsinki geometry, synthetic registers with
    dates and UTC date-times, ints with gaps, empty columns): read by GDAL, the same frame
    as through QGIS."""
    import pandas as pd
    import pyogrio
    from qgis.core import QgsVectorLayer

    direct_tables = []
    for table in [str(name) for name, _type in pyogrio.list_layers(str(demo_gpkg))]:
        layer = QgsVectorLayer(f"{demo_gpkg}|layername={table}", table, "ogr")
        if not layer.isValid() or layer.featureCount() == 0:
            continue
        direct, api = _direct_and_api(demo_gpkg, table)
        assert direct is not None, table
        direct_tables.append(table)
        pd.testing.assert_frame_equal(direct.drop(columns="geometry", errors="ignore"),
                                      api.drop(columns="geometry", errors="ignore"))
        if "geometry" in api:
            assert direct.crs == api.crs
            assert shapely.equals_exact(direct.geometry.values, api.geometry.values,
                                        tolerance=0).all(), table
    assert {"buildings", "people", "households", "parcels", "base_grids"} <= set(direct_tables)


def test_read_direct_declines_a_filtered_or_edited_layer(onegrid_provider, demo_gpkg):
    from qgis.core import QgsApplication, QgsProcessingContext, QgsProject

    from onegrid.processing.adapter import read_direct

    alg = QgsApplication.processingRegistry().algorithmById("onegrid:link_records")
    layer = QgsVectorLayer(f"{demo_gpkg}|layername=buildings", "buildings", "ogr")
    QgsProject.instance().addMapLayer(layer)
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    try:
        assert read_direct(alg, {"RECORDS": layer.id()}, "RECORDS", context, None, "b") is not None
        layer.setSubsetString("fid < 10")
        assert read_direct(alg, {"RECORDS": layer.id()}, "RECORDS", context, None, "b") is None
        layer.setSubsetString("")
        layer.startEditing()
        assert read_direct(alg, {"RECORDS": layer.id()}, "RECORDS", context, None, "b") is None
        layer.rollBack()
        from qgis.core import QgsProcessingFeatureSourceDefinition
        selected = QgsProcessingFeatureSourceDefinition(layer.id(), True)
        assert read_direct(alg, {"RECORDS": selected}, "RECORDS", context, None, "b") is None
    finally:
        QgsProject.instance().removeMapLayer(layer.id())


@pytest.mark.parametrize("table", ["households", "people"])
def test_direct_gpkg_output_equals_qgis_sink(run_alg, demo_gpkg, tmp_path, monkeypatch, table):
    """link_records on the demo's households and people (text, whole numbers with gaps,
    date-times): written straight to a GeoPackage by GDAL when the output is a new .gpkg
    file, the same fields, feature ids, values and points as QGIS's own sink writes into a
    memory layer. People carry birth dates (Python dates), which GDAL would not type the same:
    they go through the sink."""
    from qgis.core import QgsVectorLayer

    from onegrid.processing import adapter

    direct = []
    write_direct = adapter.write_direct

    def spy(*args):
        written = write_direct(*args)
        direct.append(written is not None)
        return written

    monkeypatch.setattr(adapter, "write_direct", spy)
    ws = f"{demo_gpkg}|layername="
    params = {"RECORDS": ws + table, "KIND": table, "BUILDINGS": ws + "buildings",
              "PARCELS": ws + "parcels", "GRIDS": ws + "base_grids"}
    by_gdal, _ = run_alg("onegrid:link_records", dict(
        params, OUTPUT=str(tmp_path / "linked.gpkg"), UNMATCHED=str(tmp_path / "un.gpkg")))
    assert direct[0] is (table == "households")
    by_qgis, _ = run_alg("onegrid:link_records", dict(
        params, OUTPUT="memory:", UNMATCHED="memory:"))
    for key in ("OUTPUT", "UNMATCHED"):
        file_layer = QgsVectorLayer(by_gdal[key], key, "ogr")
        memory_layer = by_qgis[key]
        if not isinstance(memory_layer, QgsVectorLayer):
            from qgis.core import QgsProcessingUtils
            memory_layer = QgsProcessingUtils.mapLayerFromString(memory_layer, None)
        assert file_layer.isValid()
        names = [f.name() for f in memory_layer.fields()]
        assert [f.name() for f in file_layer.fields()] == names
        assert ([f.type() for f in file_layer.fields()]
                == [f.type() for f in memory_layer.fields()])
        assert file_layer.featureCount() == memory_layer.featureCount()
        mine = {f.id(): f for f in file_layer.getFeatures()}
        for feature in memory_layer.getFeatures():
            other = mine[feature["fid"]] if "fid" in names else None
            assert other is not None
            assert other.attributes() == feature.attributes()
            assert other.geometry().equals(feature.geometry())


def test_direct_gpkg_output_keeps_the_epsg_code(run_alg, demo_gpkg, tmp_path):
    import pyogrio

    ws = f"{demo_gpkg}|layername="
    results, _ = run_alg("onegrid:link_records", {
        "RECORDS": ws + "households", "KIND": "households", "BUILDINGS": ws + "buildings",
        "GRIDS": ws + "base_grids", "OUTPUT": str(tmp_path / "linked.gpkg")})
    source = pyogrio.read_info(str(demo_gpkg), layer="households")["crs"]
    assert pyogrio.read_info(results["OUTPUT"])["crs"] == source
    assert source.startswith("EPSG:")


def test_direct_gpkg_output_is_loaded_when_asked(onegrid_provider, demo_gpkg, tmp_path):
    """Run and load the results (what the dialog's "open output file" does): the GeoPackage
    written by GDAL is added to the project under the output's name."""
    from qgis import processing
    from qgis.core import QgsProject

    project = QgsProject.instance()
    before = set(project.mapLayers())
    ws = f"{demo_gpkg}|layername="
    out = tmp_path / "linked.gpkg"
    try:
        processing.runAndLoadResults("onegrid:link_records", {
            "RECORDS": ws + "households", "KIND": "households", "BUILDINGS": ws + "buildings",
            "GRIDS": ws + "base_grids", "OUTPUT": str(out), "UNMATCHED": "TEMPORARY_OUTPUT"})
        added = [project.mapLayer(i) for i in set(project.mapLayers()) - before]
        files = [layer for layer in added if layer.source().startswith(str(out))]
        assert len(files) == 1 and files[0].name() == "Linked records"
        assert files[0].featureCount() == len(pyogrio_read(demo_gpkg, "households"))
    finally:
        project.removeMapLayers(list(set(project.mapLayers()) - before))


def pyogrio_read(path, table):
    import pyogrio

    return pyogrio.read_dataframe(str(path), layer=table, read_geometry=False)


def _indexed_equals_scanned(layer, box):
    """The ids of the points of ``layer`` in rectangle ``box``, found through the spatial
    index (a rectangle request); asserts a full scan finds the same."""
    from qgis.core import QgsFeatureRequest

    scanned = {f.id() for f in layer.getFeatures() if box.contains(f.geometry().asPoint())}
    indexed = {f.id() for f in layer.getFeatures(QgsFeatureRequest().setFilterRect(box))}
    assert indexed == scanned
    return indexed


def test_direct_gpkg_output_has_a_working_spatial_index(run_alg, demo_gpkg, tmp_path):
    """The GeoPackage written by GDAL gets its spatial index in bulk (gpkg_rtree): QGIS
    reports it present, a rectangle request through it returns the features a full scan
    finds in that rectangle, and an edit in QGIS afterwards is indexed too."""
    from qgis.core import (QgsFeature, QgsFeatureSource, QgsGeometry, QgsPointXY,
                           QgsRectangle, QgsVectorLayer)

    ws = f"{demo_gpkg}|layername="
    results, _ = run_alg("onegrid:link_records", {
        "RECORDS": ws + "households", "KIND": "households", "BUILDINGS": ws + "buildings",
        "PARCELS": ws + "parcels", "GRIDS": ws + "base_grids",
        "OUTPUT": str(tmp_path / "linked.gpkg")})
    layer = QgsVectorLayer(results["OUTPUT"], "linked", "ogr")
    assert layer.isValid() and layer.featureCount() > 1000
    assert layer.hasSpatialIndex() == QgsFeatureSource.SpatialIndexPresent
    extent = layer.extent()
    box = QgsRectangle(extent.xMinimum() + extent.width() * 0.3,
                       extent.yMinimum() + extent.height() * 0.4,
                       extent.xMinimum() + extent.width() * 0.6,
                       extent.yMinimum() + extent.height() * 0.7)
    assert len(_indexed_equals_scanned(layer, box)) > 10
    centre = box.center()
    layer.startEditing()
    feature = QgsFeature(layer.fields())
    feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(centre)))
    assert layer.addFeature(feature) and layer.commitChanges()
    tiny = QgsRectangle(centre.x() - 0.01, centre.y() - 0.01, centre.x() + 0.01,
                        centre.y() + 0.01)
    again = QgsVectorLayer(results["OUTPUT"], "again", "ogr")
    assert len(_indexed_equals_scanned(again, tiny)) >= 1


def test_gdal_builds_the_index_when_the_bulk_build_fails(run_alg, demo_gpkg, tmp_path,
                                                         monkeypatch):
    """Should the bulk-built index fail its check, GDAL builds the spatial index instead:
    the output still has one, and it answers a rectangle request as a scan does."""
    from qgis.core import QgsFeatureSource, QgsVectorLayer

    from onegrid.processing.analysis import gpkg_rtree

    def refuse(path, table, geometries, fids):
        raise gpkg_rtree.RtreeError(f"{table}: refused for the test")

    monkeypatch.setattr(gpkg_rtree, "add_spatial_index", refuse)
    ws = f"{demo_gpkg}|layername="
    results, _ = run_alg("onegrid:link_records", {
        "RECORDS": ws + "households", "KIND": "households", "BUILDINGS": ws + "buildings",
        "GRIDS": ws + "base_grids", "OUTPUT": str(tmp_path / "linked.gpkg")})
    layer = QgsVectorLayer(results["OUTPUT"], "linked", "ogr")
    assert layer.isValid() and layer.featureCount() > 1000
    assert layer.hasSpatialIndex() == QgsFeatureSource.SpatialIndexPresent
    box = layer.extent().buffered(-layer.extent().width() * 0.3)
    assert len(_indexed_equals_scanned(layer, box)) > 10
