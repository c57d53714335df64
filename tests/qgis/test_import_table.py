"""onegrid:import_table through processing.run: rows in the layers, rejected rows, errors."""
import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from osgeo import ogr
from qgis.core import QgsProcessingException

from onegrid.i18n import tr_zh
from onegrid.layers.io import read_layer
from onegrid.processing.analysis import tables as T

pytestmark = pytest.mark.qgis

TABLES = Path(__file__).resolve().parents[1] / "fixtures" / "tables"
ID = "11010519491231002X"
PHONE = "13800000009"


def params(workspace, path, **extra):
    out = {"INPUT": str(path), "KIND": "people", "WORKSPACE": str(workspace)}
    out.update(extra)
    return out


@pytest.fixture
def bad_people(tmp_path):
    """People with one good row, four rejected ones and a duplicate (UTF-8)."""
    path = tmp_path / "人口登记.csv"
    path.write_text(
        "姓名,公民身份号码,联系电话,性别,出生日期,lon,lat\n"
        f"张三,{ID},{PHONE},男,1949-12-31,116.397,39.908\n"
        f"李四,{ID},{PHONE},外星,1990-01-01,116.4,39.9\n"
        f",{ID},{PHONE},女,1990-01-01,116.4,39.9\n"
        f"王五,{ID},{PHONE},女,1990-02-30,116.4,39.9\n"
        f"赵六,{ID},{PHONE},女,1990-01-01,200,95\n"
        f"张三,{ID},{PHONE},男,1949-12-31,116.397,39.908\n", encoding="utf-8")
    return path


def test_gbk_people_into_workspace(workspace, run_alg):
    results, feedback = run_alg("onegrid:import_table",
                                params(workspace, TABLES / "people_gbk.csv"))
    assert results == {"IMPORTED": 3, "REJECTED": 0, "ENCODING": "GB18030"}
    people = read_layer(workspace, "people")
    assert people["name"].tolist() == ["张三", "李四", "王五"]
    assert people["person_code"].tolist() == ["000101", "000102", "000103"]
    assert people["id_number"].tolist()[0] == ID
    assert people["gender"].tolist() == ["male", "female", "female"]
    assert people["residence_type"].tolist() == ["registered", "floating", "foreign"]
    assert people["synthetic"].tolist() == [0, 0, 0]
    assert people.crs.to_epsg() == 4490
    assert (people.geometry.iloc[0].x, people.geometry.iloc[0].y) == pytest.approx(
        (116.397, 39.908), abs=1e-6)
    # swapped in the file (经度 39.91, 纬度 116.4), fixed
    assert (people.geometry.iloc[1].x, people.geometry.iloc[1].y) == pytest.approx(
        (116.4, 39.91), abs=1e-6)
    assert people.geometry.iloc[2] is None
    assert "Encoding of people_gbk.csv: GB18030" in feedback.infos
    assert "Location from the columns 经度 and 纬度 (EPSG:4326)" in feedback.infos
    assert "Rows imported into people: 3; rows rejected: 0" in feedback.infos
    assert feedback.warnings == [
        "Columns ignored (no field of people matches them): 备注列",
        "Rows whose longitude and latitude were swapped (fixed): 1"]
    assert feedback.errors == []
    assert len(read_layer(workspace, "rejected_rows")) == 0


def test_rejected_rows_written(workspace, run_alg, bad_people):
    results, feedback = run_alg("onegrid:import_table", params(workspace, bad_people, KIND=0))
    assert results == {"IMPORTED": 1, "REJECTED": 5, "ENCODING": "UTF-8"}
    assert read_layer(workspace, "people")["name"].tolist() == ["张三"]
    rejected = read_layer(workspace, "rejected_rows")
    expected = {
        3: "性别 (gender): 外星 is not one of the allowed values: male (男), female (女)",
        4: "姓名 (name) is required but empty",
        5: "出生日期 (birth_date): 1990-02-30 is not a date (write it as 2024-01-31)",
        6: "Coordinates x=200, y=95 are outside the valid range of EPSG:4326",
        7: "Row repeats row 2 exactly",
    }
    assert dict(zip(rejected["row_number"], rejected["reason_en"])) == expected
    assert set(rejected["source_file"]) == {"人口登记.csv"}
    assert set(rejected["kind"]) == {"people"}
    assert json.loads(rejected["raw"].iloc[0]) == {
        "姓名": "李四", "公民身份号码": ID, "联系电话": PHONE, "性别": "外星",
        "出生日期": "1990-01-01", "lon": "116.4", "lat": "39.9"}
    assert "李四" in rejected["raw"].iloc[0]  # ensure_ascii=False
    assert rejected["imported_at"].notna().all()
    assert (rejected["reason_zh"].str.len() > 0).all()
    template_zh = tr_zh(T.R_DUPLICATE)
    assert rejected["reason_zh"].iloc[-1] == template_zh.format(row=2)
    if template_zh != T.R_DUPLICATE:  # once the Chinese catalogue has the string
        assert rejected["reason_zh"].iloc[-1] != rejected["reason_en"].iloc[-1]
    assert feedback.errors == [f"Row {row}: {reason}" for row, reason in expected.items()]
    for line in feedback.errors + feedback.infos + feedback.warnings:
        assert ID not in line and PHONE not in line


def test_events_by_index_with_wkt_and_china_time(workspace, run_alg, tmp_path):
    path = tmp_path / "events.csv"
    path.write_text("event code,event type,reported at,location\n"
                    "E1,dispute,2024-01-31 08:30,POINT (116.4 39.9)\n"
                    "E2,矛盾纠纷,2024-01-31T08:30:00Z,\"LINESTRING (0 0, 1 1)\"\n", encoding="utf-8")
    results, feedback = run_alg("onegrid:import_table", params(
        workspace, path, KIND=3, WKT_FIELD="location", ENCODING="UTF-8"))
    assert results == {"IMPORTED": 1, "REJECTED": 1, "ENCODING": "UTF-8"}
    events = read_layer(workspace, "events")
    assert events["event_code"].tolist() == ["E1"]
    assert events["event_type"].tolist() == ["dispute"]
    assert events["status"].tolist() == ["reported"]  # the schema default
    assert pd.Timestamp(events["reported_at"].iloc[0]) == pd.Timestamp("2024-01-31T00:30:00Z")
    assert events.geometry.iloc[0].equals_exact(shapely.Point(116.4, 39.9), 1e-9)
    assert feedback.errors == [
        "Row 3: WKT field location: a LineString cannot go into the point layer events"]


def test_gcj02_source(workspace, run_alg, tmp_path):
    from onegrid.processing.analysis import coords

    path = tmp_path / "cams.csv"
    path.write_text("点位编码,经度,纬度\nC1,116.404,39.915\n", encoding="utf-8")
    results, _ = run_alg("onegrid:import_table", params(
        workspace, path, KIND="cameras", SOURCE_CRS="GCJ02"))
    assert results["IMPORTED"] == 1
    lon, lat = coords.convert(np.array([116.404]), np.array([39.915]), "GCJ02", "WGS84")
    point = read_layer(workspace, "cameras").geometry.iloc[0]
    assert (point.x, point.y) == pytest.approx((lon[0], lat[0]), abs=1e-7)


def test_grid_staff_table_and_xlsx(workspace, run_alg, tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["姓名", "职责", "网格编码", "联系电话", "到岗日期"])
    book.active.append(["张三", "网格长", "110105001001001", PHONE, "2024-03-01"])
    book.active.append(["李四", "专职网格员", "110105001001001", None, None])
    path = tmp_path / "staff.xlsx"
    book.save(path)
    results, feedback = run_alg("onegrid:import_table", params(
        workspace, path, KIND="grid_staff"))
    assert results == {"IMPORTED": 2, "REJECTED": 0, "ENCODING": "XLSX"}
    staff = read_layer(workspace, "grid_staff")
    assert staff["role"].tolist() == ["leader", "full_time"]
    assert staff["grid_code"].tolist() == ["110105001001001"] * 2
    assert "No location columns found: rows are imported without a location" not in (
        feedback.warnings)


def test_upgrades_a_workspace_that_lacks_a_field(workspace, run_alg):
    ds = ogr.Open(str(workspace), 1)
    layer = ds.GetLayerByName("people")
    layer.DeleteField(layer.GetLayerDefn().GetFieldIndex("special_groups"))
    ds = layer = None
    results, _ = run_alg("onegrid:import_table",
                         params(workspace, TABLES / "people_utf8.csv", ENCODING=0))
    assert results["IMPORTED"] == 2
    people = read_layer(workspace, "people")
    assert "special_groups" in people.columns and people["special_groups"].isna().all()


def fatal(run_alg, parameters):
    with pytest.raises(QgsProcessingException) as err:
        run_alg("onegrid:import_table", parameters)
    return str(err.value)


def test_fatal_errors(workspace, run_alg, tmp_path):
    gbk = TABLES / "people_gbk.csv"
    columns = "姓名, 公民身份号码, 联系电话, 性别, 出生日期, 人口类型, 人员编码, 经度, 纬度, 备注列"
    missing = tmp_path / "missing.csv"
    assert fatal(run_alg, params(workspace, missing)) == f"File {missing} does not exist"
    junk = tmp_path / "junk.csv"
    junk.write_bytes(b"name\n\xff\xfe\x80\n")
    assert fatal(run_alg, params(workspace, junk)) == (
        "junk.csv could not be decoded as UTF-8 or GB18030 (GBK); save it as UTF-8 CSV or as "
        ".xlsx")
    assert fatal(run_alg, params(workspace, gbk, ENCODING="UTF-8")) == (
        "people_gbk.csv is not valid UTF-8 text (byte 0); choose another encoding or automatic "
        "detection")
    header = tmp_path / "header.csv"
    header.write_text("姓名,性别\n", encoding="utf-8")
    assert fatal(run_alg, params(workspace, header)) == (
        "header.csv has a header but no data rows")
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert fatal(run_alg, params(workspace, empty)) == "empty.csv is empty: it has no header row"
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0")
    assert fatal(run_alg, params(workspace, xls)) == (
        "old.xls is an old Excel .xls workbook, which cannot be read; open it in Excel or WPS "
        "and save it as .xlsx")
    assert fatal(run_alg, params(workspace, gbk, X_FIELD="lon", Y_FIELD="纬度")) == (
        f"The X (longitude) field lon is not a column of people_gbk.csv; its columns are: "
        f"{columns}")
    assert fatal(run_alg, params(workspace, gbk, X_FIELD="经度", Y_FIELD="lat")) == (
        f"The Y (latitude) field lat is not a column of people_gbk.csv; its columns are: "
        f"{columns}")
    assert fatal(run_alg, params(workspace, gbk, WKT_FIELD="wkt")) == (
        f"The WKT field wkt is not a column of people_gbk.csv; its columns are: {columns}")
    assert fatal(run_alg, params(workspace, gbk, X_FIELD="经度")) == (
        "An X field needs a Y field and a Y field an X field")
    assert fatal(run_alg, params(workspace, gbk, SOURCE_CRS="EPSG:999999")) == (
        "Unknown coordinate reference system EPSG:999999")
    kinds = ("people, households, organizations, events, things, cameras, facilities, "
             "patrol_points, grid_staff")
    invalid = "Unable to execute algorithm\n"
    assert fatal(run_alg, params(workspace, gbk, KIND="pets")) == invalid + (
        f"pets is not a valid KIND; choose one of: {kinds}")
    assert fatal(run_alg, params(workspace, gbk, KIND=9)) == invalid + (
        f"9 is not a valid KIND; choose one of: {kinds}")
    assert fatal(run_alg, params(workspace, gbk, ENCODING="latin1")) == (
        invalid + "latin1 is not a valid ENCODING; choose one of: auto, UTF-8, UTF-8-SIG, "
        "GB18030")
    nowhere = tmp_path / "nowhere.gpkg"
    assert fatal(run_alg, params(nowhere, gbk)) == f"Workspace file {nowhere} does not exist"
    plain = tmp_path / "plain.gpkg"
    pyogrio.write_dataframe(gpd.GeoDataFrame(
        {"a": [1]}, geometry=[shapely.Point(0, 0)], crs="EPSG:4326"), str(plain), layer="x")
    assert fatal(run_alg, params(plain, gbk)) == (
        f"{plain} is a GeoPackage but not a OneGrid workspace; create one with Create "
        "workspace")
    text = tmp_path / "text.gpkg"
    text.write_text("not a database")
    assert fatal(run_alg, params(text, gbk)) == f"{text} is not a GeoPackage workspace"
    assert len(read_layer(workspace, "people")) == 0  # nothing half-imported


def test_bad_yes_no_value_is_rejected_with_a_chinese_reason(workspace, run_alg, tmp_path):
    path = tmp_path / "households.csv"
    path.write_text("household_code,is_rental\nH1,是\nH2,maybe\n", encoding="utf-8")
    results, _feedback = run_alg("onegrid:import_table", {
        "INPUT": str(path), "KIND": "households", "WORKSPACE": str(workspace)})
    assert (results["IMPORTED"], results["REJECTED"]) == (1, 1)
    rejected = read_layer(workspace, "rejected_rows")
    assert rejected["row_number"].tolist() == [3]
    assert rejected["reason_en"].iloc[0].endswith("maybe is not yes or no (write 1/0, yes/no "
                                                  "or 是/否)")
    assert "不是“是”或“否”" in rejected["reason_zh"].iloc[0]
    assert read_layer(workspace, "households")["is_rental"].tolist() == [1]
