"""Default styles stored in a workspace: what plain QGIS sees when it opens the GeoPackage."""
import sqlite3

import pytest
from qgis.core import QgsExpressionContextUtils
from qgis.core import QgsVectorLayer

from onegrid.layers import schema, styles

pytestmark = pytest.mark.qgis

EXPECTED_RENDERERS = {
    "communities": "RuleRenderer",
    "parcels": "singleSymbol",
    "base_grids": "RuleRenderer",
    "professional_grids": "RuleRenderer",
    "buildings": "singleSymbol",
    "roads": "RuleRenderer",
    "facilities": "categorizedSymbol",
    "organizations": "categorizedSymbol",
    "households": "singleSymbol",
    "people": "singleSymbol",
    "events": "categorizedSymbol",
    "things": "categorizedSymbol",
    "cameras": "categorizedSymbol",
    "patrol_points": "singleSymbol",
}


def _open(path, name):
    """A layer opened the way plain QGIS opens it (default style loaded from the file)."""
    layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
    assert layer.isValid(), name
    return layer


def _value_map(layer, field):
    setup = layer.editorWidgetSetup(layer.fields().indexOf(field))
    assert setup.type() == "ValueMap"
    merged = {}
    for entry in setup.config()["map"]:
        merged.update(entry)
    return merged


def test_every_spatial_layer_has_a_renderer():
    spatial = {spec.name for spec in schema.LAYERS if spec.geometry}
    assert set(EXPECTED_RENDERERS) == spatial


def test_plain_qgis_gets_chinese_form_and_styles(workspace):
    buildings = _open(workspace, "buildings")
    levels = buildings.fields().indexOf("levels")
    assert buildings.attributeAlias(levels) == "层数"
    use = _value_map(buildings, "use")
    assert use["住宅"] == "residential"
    assert use["出租屋"] == "rental"
    assert list(use.values())[0] == "{2839923C-8B7D-419E-B84B-CA2FE9B80EC7}"  # optional: NULL
    assert buildings.renderer().type() == "singleSymbol"
    del buildings

    events = _open(workspace, "events")
    status = _value_map(events, "status")
    assert status == {v.zh: v.code for v in schema.EVENT_STATUSES}  # required: no NULL entry
    escalated = events.editorWidgetSetup(events.fields().indexOf("escalated"))
    assert escalated.type() == "CheckBox"
    reported_at = events.editorWidgetSetup(events.fields().indexOf("reported_at"))
    assert reported_at.type() == "DateTime"
    assert [c.label() for c in events.renderer().categories()] == [
        "已上报", "已立案", "已派单", "处置中", "待核查", "已结案"]
    del events

    for name, renderer_type in EXPECTED_RENDERERS.items():
        layer = _open(workspace, name)
        assert layer.renderer().type() == renderer_type, name
        del layer

    grids = _open(workspace, "base_grids")
    assert grids.labelsEnabled()
    settings = grids.labeling().settings()
    assert settings.fieldName == 'coalesce("name", "grid_code")'
    assert settings.format().buffer().enabled()
    assert grids.attributeAlias(grids.fields().indexOf("grid_code")) == "网格编码"
    del grids

    people = _open(workspace, "people")
    assert people.hasScaleBasedVisibility() and people.minimumScale() == 6000
    assert people.isInScaleRange(5000) and not people.isInScaleRange(10000)
    del people

    staff = _open(workspace, "grid_staff")
    assert _value_map(staff, "role")["网格长"] == "leader"
    assert staff.attributeAlias(staff.fields().indexOf("staff_name")) == "姓名"
    del staff


def test_camera_wedge_turns_with_azimuth(workspace):
    cameras = _open(workspace, "cameras")
    categories = {c.value(): c for c in cameras.renderer().categories()}
    assert set(categories) == {"bullet", "dome", "ptz"}
    wedge = categories["bullet"].symbol().symbolLayer(0)
    angle = wedge.dataDefinedProperties().property(wedge.PropertyAngle)
    assert angle.isActive()
    assert angle.expressionString() == 'coalesce("azimuth_deg", 0) + 45'
    ring = categories["ptz"].symbol().symbolLayer(0)
    assert not ring.dataDefinedProperties().property(ring.PropertyAngle).isActive()
    del cameras


def test_one_default_style_row_per_layer(workspace):
    with sqlite3.connect(workspace) as db:
        rows = db.execute("SELECT f_table_name, styleName FROM layer_styles "
                          "WHERE useAsDefault = 1").fetchall()
    assert sorted(rows) == sorted((spec.name, styles.STYLE_NAME) for spec in schema.LAYERS)


def test_storing_again_replaces_the_default(workspace):
    styles.store_default_styles(workspace)
    with sqlite3.connect(workspace) as db:
        (count,) = db.execute("SELECT count(*) FROM layer_styles").fetchone()
    assert count == len(schema.LAYERS)


def test_english_style(workspace):
    layer = QgsVectorLayer(f"{workspace}|layername=buildings", "b", "ogr",
                           QgsVectorLayer.LayerOptions(False, False))
    styles.apply_style(layer, schema.BUILDINGS, language="en")
    assert layer.attributeAlias(layer.fields().indexOf("levels")) == "Floors"
    assert _value_map(layer, "use")["Residential"] == "residential"
    assert _value_map(layer, "use")["(not set)"] == "{2839923C-8B7D-419E-B84B-CA2FE9B80EC7}"
    del layer


def test_english_legend_over_a_stored_chinese_style(workspace):
    layer = _open(workspace, "professional_grids")
    styles.relabel_legend(layer, schema.PROFESSIONAL_GRIDS, "en")
    current = layer.renderer().rootRule().children()[0]
    assert current.label() == "Current version"
    labels = {r.filterExpression(): r.label() for r in current.children()}
    assert labels["\"grid_type\" = 'police'"] == "Police grid"
    assert labels["\"grid_type\" = 'fire'"] == "Fire grid"
    del layer
    roads = _open(workspace, "roads")
    styles.relabel_legend(roads, schema.ROADS, "en")
    assert [r.label() for r in roads.renderer().rootRule().children()] == [
        "Footpaths and cycleways", "Minor roads", "Main roads", "Other roads", "Not walkable"]
    del roads


def test_missing_layer_is_reported(tmp_path):
    from osgeo import ogr

    from onegrid.processing.analysis.errors import OneGridError

    path = tmp_path / "other.gpkg"
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    ds.CreateLayer("something", None, ogr.wkbPoint)
    ds = None
    with pytest.raises(OneGridError, match=r"other.gpkg has no layer communities$"):
        styles.store_default_styles(path)


def test_personal_fields_are_masked_by_default(qgis_app, tmp_path):
    """Plain QGIS opening a workspace sees ID numbers and phones masked, the raw columns
    hidden; the explicit setting reveals them."""
    import geopandas as gpd
    import shapely
    from qgis.core import QgsSettings, QgsVectorLayer

    from onegrid.layers import schema as S
    from onegrid.layers.io import append_frame
    from onegrid.layers.styles import SHOW_PERSONAL_KEY, apply_privacy, store_default_styles
    from onegrid.layers.workspace import create_workspace

    path = tmp_path / "p.gpkg"
    create_workspace(path)
    append_frame(path, "people", gpd.GeoDataFrame(
        {"name": ["张三"], "id_number": ["11010519491231002X"], "phone": ["13812345678"]},
        geometry=[shapely.Point(116.4, 39.9)], crs="EPSG:4490"))
    store_default_styles(path)
    layer = QgsVectorLayer(f"{path}|layername=people", "people", "ogr")
    feature = next(layer.getFeatures())
    assert feature["id_number_masked"] == "110105********002X"
    assert feature["phone_masked"] == "138****5678"
    fields = layer.fields()
    assert fields.field("id_number_masked").alias() == "公民身份号码（脱敏）"
    assert fields.field("id_number").editorWidgetSetup().type() == "Hidden"
    hidden = {c.name: c.hidden for c in layer.attributeTableConfig().columns()}
    assert hidden["id_number"] and hidden["phone"] and not hidden["id_number_masked"]
    settings = QgsSettings()
    settings.setValue(SHOW_PERSONAL_KEY, True)
    try:
        apply_privacy(layer, S.PEOPLE, reveal=True)
        assert layer.fields().indexOf("id_number_masked") < 0
        assert layer.fields().field("id_number").editorWidgetSetup().type() != "Hidden"
    finally:
        settings.remove(SHOW_PERSONAL_KEY)
    del layer


def test_closed_versions_are_not_drawn(qgis_app, tmp_path):
    """A versioned grid layer draws and labels only the rows current today."""
    import geopandas as gpd
    import shapely
    from qgis.core import QgsRenderContext, QgsVectorLayer

    from onegrid.layers.io import append_frame
    from onegrid.layers.styles import store_default_styles
    from onegrid.layers.workspace import create_workspace

    path = tmp_path / "v.gpkg"
    create_workspace(path)
    append_frame(path, "base_grids", gpd.GeoDataFrame(
        {"grid_code": ["A", "A", "B"], "community_code": ["C"] * 3,
         "valid_from": ["2020-01-01", "2026-01-01", "2020-01-01"],
         "valid_to": ["2026-01-01", None, None]},
        geometry=[shapely.box(0, 0, 1, 1), shapely.box(0, 0, 2, 1), shapely.box(2, 0, 3, 1)],
        crs="EPSG:4490"))
    store_default_styles(path)
    layer = QgsVectorLayer(f"{path}|layername=base_grids", "g", "ogr")
    renderer = layer.renderer().clone()
    context = QgsRenderContext()
    context.expressionContext().appendScopes(
        QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    renderer.startRender(context, layer.fields())
    drawn = [f["grid_code"] + str(f["valid_to"] is None or f["valid_to"].isNull())
             for f in layer.getFeatures() if renderer.willRenderFeature(f, context)]
    renderer.stopRender(context)
    assert drawn == ["ATrue", "BTrue"]
    del layer
