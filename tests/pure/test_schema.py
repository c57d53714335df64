"""The schema as code, and GeoPackage workspaces built from it (GDAL only, no QGIS)."""
import ast
import pathlib

import pyogrio
import pytest
from osgeo import gdal, ogr

from onegrid.layers import schema as S
from onegrid.layers.migrations import row_counts, upgrade_workspace
from onegrid.layers.workspace import create_workspace, layer_counts, schema_version, \
    workspace_crs
from onegrid.processing.analysis.errors import OneGridError

pytestmark = pytest.mark.pure
REPO = pathlib.Path(__file__).resolve().parents[2]


def test_names_are_ascii_snake_case_with_both_languages():
    for spec in S.LAYERS:
        assert spec.name.isascii() and spec.name == spec.name.lower()
        assert spec.zh and spec.en
        assert len(set(spec.field_names)) == len(spec.fields), spec.name
        for f in spec.fields:
            assert f.zh and f.en and not f.zh.isascii(), (spec.name, f.name)
            for v in f.values:
                assert v.code.isascii() and v.zh and v.en


def test_issue_layers_and_kinds_exist():
    assert set(S.KINDS) >= {"people", "households", "organizations", "events", "things",
                            "cameras", "facilities", "patrol_points"}
    grid_types = {v.zh for v in S.GRID_TYPES}
    assert grid_types == {"综治网格", "警格", "安格", "交格", "环水格", "市监格", "洁格", "消防格",
                          "城管格", "卫健格", "党建网格"}
    assert {v.zh for v in S.STAFF_ROLES} >= {"网格长", "专职网格员", "兼职网格员"}
    assert [f.name for f in S.PEOPLE.fields if f.personal] == ["id_number", "phone"]


def test_create_workspace_fields_aliases_domains(tmp_path):
    path = tmp_path / "w.gpkg"
    create_workspace(path)
    assert schema_version(path) == S.SCHEMA_VERSION
    assert workspace_crs(path) == "EPSG:4490"
    assert set(layer_counts(path)) == {s.name for s in S.LAYERS}
    assert set(pyogrio.list_layers(path)[:, 0]) == {s.name for s in S.LAYERS}
    info = pyogrio.read_info(path, layer="buildings")
    assert list(info["fields"]) == list(S.BUILDINGS.field_names)
    assert info["geometry_type"] == "MultiPolygon"
    ds = gdal.OpenEx(str(path), gdal.OF_VECTOR)
    defn = ds.GetLayerByName("people").GetLayerDefn()
    field = defn.GetFieldDefn(defn.GetFieldIndex("residence_type"))
    assert field.GetDomainName() == "onegrid_residence_type"
    domain = ds.GetFieldDomain("onegrid_residence_type")
    assert domain.GetEnumeration() == {"registered": "户籍人口", "floating": "流动人口",
                                       "foreign": "境外人员"}
    name = defn.GetFieldDefn(defn.GetFieldIndex("name"))
    assert not name.IsNullable()


def test_create_workspace_refuses_to_overwrite_and_bad_paths(tmp_path):
    path = tmp_path / "w.gpkg"
    create_workspace(path)
    with pytest.raises(OneGridError, match="already exists; choose another file"):
        create_workspace(path)
    with pytest.raises(OneGridError) as err:
        create_workspace(tmp_path / "w.shp")
    assert str(err.value) == f"A workspace is a GeoPackage: {tmp_path / 'w.shp'} must end in .gpkg"
    with pytest.raises(OneGridError, match="Unknown coordinate reference system EPSG:99999"):
        create_workspace(tmp_path / "x.gpkg", crs="EPSG:99999")


def test_v1_workspace_upgrades_in_place_without_losing_a_row(fixture_copy):
    path = fixture_copy("workspace_v1.gpkg")
    assert schema_version(path) == 1
    before = row_counts(path)
    people_before = pyogrio.read_dataframe(path, layer="people")
    old, new, changes = upgrade_workspace(path)
    assert (old, new) == (1, S.SCHEMA_VERSION)
    assert "event_history" in changes and "people.updated_at" in changes
    after = row_counts(path)
    assert after["event_history"] == 0
    after.pop("event_history")
    assert after.pop("schema_version") == before.pop("schema_version") + 1
    assert after == before
    people_after = pyogrio.read_dataframe(path, layer="people")
    for column in people_before.columns:
        assert people_after[column].equals(people_before[column]), column
    assert list(pyogrio.read_info(path, layer="events")["fields"][-2:]) == ["updated_at",
                                                                          "updated_by"]
    assert upgrade_workspace(path) == (S.SCHEMA_VERSION, S.SCHEMA_VERSION, [])


def test_newer_workspace_is_refused(tmp_path):
    path = tmp_path / "w.gpkg"
    create_workspace(path)
    ds = ogr.Open(str(path), 1)
    ds.ExecuteSQL(f"INSERT INTO schema_version (version, note) VALUES ({S.SCHEMA_VERSION + 5}, 'x')")
    ds = None
    with pytest.raises(OneGridError, match=r"newer than this OneGrid"):
        upgrade_workspace(path)


def test_missing_and_foreign_files(tmp_path):
    with pytest.raises(OneGridError, match="does not exist"):
        schema_version(tmp_path / "nope.gpkg")
    bad = tmp_path / "bad.gpkg"
    bad.write_text("not a geopackage")
    with pytest.raises(OneGridError, match="is not a GeoPackage workspace"):
        schema_version(bad)


def _imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def test_pure_core_never_imports_qgis():
    files = sorted((REPO / "processing" / "analysis").glob("*.py"))
    assert len(files) >= 4
    offenders = {f.name: m for f in files for m in _imports(f)
                 if m == "qgis" or m.startswith(("qgis.", "PyQt", "processing"))}
    assert offenders == {}
