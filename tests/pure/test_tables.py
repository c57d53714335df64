"""read_table and prepare_records: encodings, aliases, value maps, dates, coordinates, rows."""
import datetime
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pyproj
import pytest
import shapely

from onegrid.layers import schema
from onegrid.processing.analysis import tables as T
from onegrid.processing.analysis.errors import Canceled, OneGridError

pytestmark = pytest.mark.pure

TABLES = Path(__file__).resolve().parents[1] / "fixtures" / "tables"
ID = "11010519491231002X"  # the example number of GB 11643-1999
PHONE = "13800000001"


def frame(rows, columns):
    """A frame as read_table returns it, numbered from spreadsheet row 2."""
    out = pd.DataFrame(rows, columns=columns, dtype=object)
    out = out.astype(object).where(out.notna(), None)
    out.index = pd.Index(range(2, len(out) + 2), name="row_number")
    return out


def reasons(prepared):
    return dict(zip(prepared.rejected["row_number"], prepared.rejected["reason_en"]))


def write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


class TestReadEncodings:
    def test_utf8(self):
        table, encoding = T.read_table(TABLES / "people_utf8.csv")
        assert encoding == "UTF-8"
        assert list(table.columns) == ["Name", "ID number", "Phone", "Gender", "Birth date",
                                       "Person code", "lon", "lat"]
        assert table.index.name == "row_number" and list(table.index) == [2, 3]
        assert table.loc[2, "Person code"] == "000201"  # leading zeros kept
        assert table.loc[3, "ID number"] is None
        assert table.loc[2, "lon"] == "116.397"  # strings, no type guessing

    def test_utf8_bom(self):
        table, encoding = T.read_table(TABLES / "people_utf8_bom.csv")
        assert encoding == "UTF-8-SIG"
        assert list(table.columns)[0] == "name"  # no BOM left in the first header
        assert table.loc[2, "name"] == "赵六"

    def test_gbk_chinese_headers(self):
        table, encoding = T.read_table(TABLES / "people_gbk.csv")
        assert encoding == "GB18030"
        assert list(table.columns)[:3] == ["姓名", "公民身份号码", "联系电话"]
        assert table["姓名"].tolist() == ["张三", "李四", "王五"]
        assert table.loc[4, "公民身份号码"] is None
        assert table.loc[2, "出生日期"] == "1949/12/31"

    def test_forced_encoding(self):
        table, encoding = T.read_table(TABLES / "people_gbk.csv", encoding="GB18030")
        assert encoding == "GB18030" and table.loc[3, "姓名"] == "李四"
        table, encoding = T.read_table(TABLES / "people_gbk.csv", encoding="gbk")
        assert encoding == "GBK" and table.loc[3, "姓名"] == "李四"

    def test_forced_encoding_that_does_not_fit(self):
        with pytest.raises(OneGridError) as err:
            T.read_table(TABLES / "people_gbk.csv", encoding="UTF-8")
        assert str(err.value) == ("people_gbk.csv is not valid UTF-8 text (byte 0); choose "
                                  "another encoding or automatic detection")

    def test_unknown_encoding_name(self):
        with pytest.raises(OneGridError, match="^Unknown encoding latin9; use one of: "
                                               "UTF-8-SIG, UTF-8, GB18030$"):
            T.read_table(TABLES / "people_utf8.csv", encoding="latin9")

    def test_undecodable(self, tmp_path):
        path = tmp_path / "junk.csv"
        path.write_bytes(b"name\n\xff\xfe\x80\n")
        with pytest.raises(OneGridError) as err:
            T.read_table(path)
        assert str(err.value) == ("junk.csv could not be decoded as UTF-8 or GB18030 (GBK); "
                                  "save it as UTF-8 CSV or as .xlsx")


class TestReadErrors:
    def test_missing(self, tmp_path):
        with pytest.raises(OneGridError) as err:
            T.read_table(tmp_path / "none.csv")
        assert str(err.value) == f"File {tmp_path / 'none.csv'} does not exist"

    @pytest.mark.parametrize("content", [b"", b"  \r\n\n"])
    def test_empty(self, tmp_path, content):
        path = tmp_path / "empty.csv"
        path.write_bytes(content)
        with pytest.raises(OneGridError) as err:
            T.read_table(path)
        assert str(err.value) == "empty.csv is empty: it has no header row"

    def test_duplicate_columns(self, tmp_path):
        path = write(tmp_path / "dup.csv", "姓名,性别,姓名\n张三,男,张三\n")
        with pytest.raises(OneGridError) as err:
            T.read_table(path)
        assert str(err.value) == "dup.csv has two columns named 姓名; rename one"

    def test_too_many_cells(self, tmp_path):
        path = write(tmp_path / "rag.csv", "a,b\n1,2\n1,2,3\n")
        with pytest.raises(OneGridError) as err:
            T.read_table(path)
        assert str(err.value) == "Row 3 of rag.csv has 3 cells but the header has 2"

    def test_values_without_header(self, tmp_path):
        path = write(tmp_path / "nohead.csv", "a,,c\n1,2,3\n")
        with pytest.raises(OneGridError) as err:
            T.read_table(path)
        assert str(err.value) == "Column 2 of nohead.csv has values but no header"

    def test_xls(self, tmp_path):
        path = tmp_path / "old.xls"
        path.write_bytes(b"\xd0\xcf\x11\xe0")
        with pytest.raises(OneGridError) as err:
            T.read_table(path)
        assert str(err.value) == ("old.xls is an old Excel .xls workbook, which cannot be "
                                  "read; open it in Excel or WPS and save it as .xlsx")

    def test_other_extension(self, tmp_path):
        path = write(tmp_path / "data.json", "{}")
        with pytest.raises(OneGridError) as err:
            T.read_table(path)
        assert str(err.value) == ("data.json is not a table OneGrid can read: use .csv, .txt "
                                  "or .xlsx")


class TestReadShapes:
    def test_header_only(self, tmp_path):
        table, _ = T.read_table(write(tmp_path / "h.csv", "姓名,性别\n"))
        assert list(table.columns) == ["姓名", "性别"] and len(table) == 0

    def test_row_numbers_survive_blank_lines_and_multiline_cells(self, tmp_path):
        path = write(tmp_path / "rows.csv", 'a,b,c\n1\n\n"x, y","two\nlines",3\n 4 , 5,6\n')
        table, _ = T.read_table(path)
        assert list(table.index) == [2, 4, 5]
        assert table.loc[2].tolist() == ["1", None, None]
        assert table.loc[4].tolist() == ["x, y", "two\nlines", "3"]
        assert table.loc[5].tolist() == ["4", "5", "6"]  # cells stripped

    def test_blank_rows_above_the_header(self, tmp_path):
        table, _ = T.read_table(write(tmp_path / "b.csv", "\n\r\n,,\n姓名,性别,\n张三,男,\n"))
        assert list(table.columns) == ["姓名", "性别"]
        assert list(table.index) == [5] and table.loc[5].tolist() == ["张三", "男"]

    def test_tab_delimited_txt(self, tmp_path):
        table, _ = T.read_table(write(tmp_path / "t.txt", "姓名\t性别\n张三\t男\n"))
        assert table.loc[2].tolist() == ["张三", "男"]

    @pytest.fixture
    def workbook(self, tmp_path):
        import openpyxl

        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "人口"
        sheet.append([None])
        sheet.append(["姓名", "人员编码", "出生日期", "楼层", "面积", "在册"])
        sheet.append(["张三", "000123", datetime.datetime(1990, 1, 31), 3, 2.5, True])
        sheet.append([None, None, None, None, None, None])
        sheet.append(["李四", "000124", datetime.datetime(1990, 2, 1, 8, 30), 4.0, None, False])
        other = book.create_sheet("事件")
        other.append(["事件编号"])
        other.append(["E1"])
        path = tmp_path / "book.xlsx"
        book.save(path)
        return path

    def test_xlsx(self, workbook):
        table, encoding = T.read_table(workbook)
        assert encoding == "XLSX"
        assert list(table.index) == [3, 5]  # Excel's row numbers; the header is on row 2
        assert table.loc[3].tolist() == ["张三", "000123", "1990-01-31", "3", "2.5", "1"]
        assert table.loc[5].tolist() == ["李四", "000124", "1990-02-01 08:30:00", "4", None,
                                         "0"]

    def test_xlsx_sheets(self, workbook):
        assert T.read_table(workbook, sheet="事件")[0]["事件编号"].tolist() == ["E1"]
        assert T.read_table(workbook, sheet=1)[0]["事件编号"].tolist() == ["E1"]
        with pytest.raises(OneGridError) as err:
            T.read_table(workbook, sheet="房屋")
        assert str(err.value) == "book.xlsx has no sheet 房屋; its sheets are: 人口, 事件"


class TestColumns:
    def test_aliases_any_case_and_spacing(self):
        table = frame([["张三", ID, PHONE, "000001", "x"]],
                      ["  NAME ", "ID number", "联系电话", "person_code", "其他"])
        out = T.prepare_records(table, "people", "p.csv")
        assert list(out.accepted.columns) == ["person_code", "name", "id_number", "phone",
                                              "geometry"]
        assert out.ignored == ["其他"]
        assert out.accepted.loc[2, "name"] == "张三"

    def test_field_map_overrides(self):
        table = frame([["张三", "Z"]], ["姓名", "别名"])
        out = T.prepare_records(table, "people", "p.csv", field_map={"别名": "person_code"})
        assert out.accepted.loc[2, "person_code"] == "Z" and out.ignored == []

    def test_field_map_errors(self):
        table = frame([["张三"]], ["姓名"])
        with pytest.raises(OneGridError) as err:
            T.prepare_records(table, "people", "p.csv", field_map={"编号": "person_code"})
        assert str(err.value) == "编号 is not a column of p.csv; its columns are: 姓名"
        with pytest.raises(OneGridError, match="^Layer people has no field nickname; its "
                                               "fields are: person_code, name, "):
            T.prepare_records(table, "people", "p.csv", field_map={"姓名": "nickname"})

    def test_two_columns_for_one_field(self):
        table = frame([["张三", "张三"]], ["姓名", "name"])
        with pytest.raises(OneGridError) as err:
            T.prepare_records(table, "people", "p.csv")
        assert str(err.value) == ("Columns 姓名 and name of p.csv both match the field 姓名 "
                                  "(name); rename or remove one")

    def test_missing_required_column(self):
        table = frame([["男"]], ["性别"])
        with pytest.raises(OneGridError) as err:
            T.prepare_records(table, "people", "p.csv")
        assert str(err.value) == ("p.csv has no column for the required field 姓名 (name); its "
                                  "columns are: 性别")

    def test_unknown_kind(self):
        with pytest.raises(OneGridError) as err:
            T.prepare_records(frame([["a"]], ["name"]), "pets", "p.csv")
        assert str(err.value) == ("Unknown kind pets; choose one of: facilities, "
                                  "organizations, households, people, events, things, "
                                  "cameras, patrol_points, grid_staff")


class TestValues:
    def test_value_map_labels(self):
        table = frame([["a", "男", "户主"], ["b", "Female", "SPOUSE"], ["c", "male", "子女"],
                       ["d", None, None]], ["name", "性别", "与户主关系"])
        out = T.prepare_records(table, "people", "p.csv")
        assert out.accepted["gender"].tolist()[:3] == ["male", "female", "male"]
        assert out.accepted["relation"].tolist()[:3] == ["head", "spouse", "child"]
        assert pd.isna(out.accepted.loc[5, "gender"])

    def test_value_not_in_map(self):
        out = T.prepare_records(frame([["a", "未知"]], ["name", "性别"]), "people", "p.csv")
        assert reasons(out) == {2: "性别 (gender): 未知 is not one of the allowed values: "
                                   "male (男), female (女)"}

    def test_dates(self):
        values = ["2024-01-31", "2024/1/31", "20240131", "2024年1月31日", "2024.01.31",
                  "2024-01-31 00:00:00"]
        table = frame([[f"p{i}", v] for i, v in enumerate(values)], ["name", "出生日期"])
        out = T.prepare_records(table, "people", "p.csv")
        assert out.accepted["birth_date"].tolist() == ["2024-01-31"] * len(values)

    @pytest.mark.parametrize("value", ["2024-02-30", "31/01/2024", "2024-01-31 08:00",
                                       "yesterday"])
    def test_bad_date(self, value):
        out = T.prepare_records(frame([["a", value]], ["name", "出生日期"]), "people", "p.csv")
        assert reasons(out) == {2: f"出生日期 (birth_date): {value} is not a date (write it "
                                   "as 2024-01-31)"}

    def test_datetimes_local_china_time_to_utc(self):
        values = ["2024-01-31 08:30", "2024/1/31 8:30:15", "2024年1月31日 8时30分",
                  "2024-01-31T08:30:00Z", "2024-01-31 08:30+0000", "2024-01-31 08:30 +09:00",
                  "20240131"]
        table = frame([[f"E{i}", "治安隐患", v, "已派单" if i == 0 else None]
                       for i, v in enumerate(values)], ["事件编号", "事件类型", "上报时间", "状态"])
        out = T.prepare_records(table, "events", "e.csv")
        assert out.accepted["reported_at"].tolist() == [
            "2024-01-31T00:30:00Z", "2024-01-31T00:30:15Z", "2024-01-31T00:30:00Z",
            "2024-01-31T08:30:00Z", "2024-01-31T08:30:00Z", "2024-01-30T23:30:00Z",
            "2024-01-30T16:00:00Z"]
        # a required field with a default: the default fills the empty status
        assert out.accepted["status"].tolist() == ["dispatched"] + ["reported"] * (
            len(values) - 1)
        assert out.accepted["event_type"].tolist() == ["public_security"] * len(values)

    def test_bad_datetime(self):
        table = frame([["E1", "dispute", "2024-01-31 25:00"]], ["事件编号", "事件类型", "上报时间"])
        out = T.prepare_records(table, "events", "e.csv")
        assert reasons(out) == {2: "上报时间 (reported_at): 2024-01-31 25:00 is not a date and "
                                   "time (write it as 2024-01-31 08:30)"}

    def test_numbers_and_bools(self):
        table = frame([["C1", "2.5", "1,200", "是"], ["C2", "3", "15", "否"],
                       ["C3", "x", "15", "1"], ["C4", "3", "abc", "maybe"], ["C5", "nan", None,
                                                                             None]],
                      ["点位编码", "安装高度（米）", "有效距离（米）", "在线"])
        out = T.prepare_records(table, "cameras", "c.csv")
        assert out.accepted["height_m"].tolist() == [2.5, 3.0]
        assert out.accepted["range_m"].tolist() == [1200.0, 15.0]
        assert out.accepted["online"].tolist() == [1, 0]
        assert reasons(out) == {
            4: "安装高度（米） (height_m): x is not a number",
            5: "有效距离（米） (range_m): abc is not a number; 在线 (online): maybe is not yes "
               "or no (write 1/0, yes/no or 是/否)",
            6: "安装高度（米） (height_m): nan is not a number",
        }

    def test_whole_numbers(self):
        table = frame([["H1", "3"], ["H2", "3.0"], ["H3", "3.5"], ["H4", "三"]],
                      ["住户编码", "楼层"])
        out = T.prepare_records(table, "households", "h.csv")
        assert out.accepted["floor"].tolist() == [3, 3]
        assert str(out.accepted["floor"].dtype) == "Int64"
        assert reasons(out) == {4: "楼层 (floor): 3.5 is not a whole number",
                                5: "楼层 (floor): 三 is not a whole number"}

    def test_wholly_empty_optional_columns(self):
        table = frame([["E1", "dispute", "2024-01-01", None, None, None, None],
                       ["E2", "dispute", "2024-01-02", None, None, None, None]],
                      ["事件编号", "事件类型", "上报时间", "办结时限", "核查未通过次数", "已督办", "来源"])
        out = T.prepare_records(table, "events", "e.csv")
        assert len(out.accepted) == 2 and len(out.rejected) == 0
        assert out.accepted["deadline"].isna().all() and out.accepted["source"].isna().all()
        assert out.accepted["verify_failures"].tolist() == [0, 0]  # schema defaults
        assert out.accepted["escalated"].tolist() == [0, 0]

    def test_required_empty(self):
        table = frame([[None, "男"], ["b", "女"]], ["姓名", "性别"])
        out = T.prepare_records(table, "people", "p.csv")
        assert reasons(out) == {2: "姓名 (name) is required but empty"}

    def test_id_numbers_normalised_not_judged(self):
        table = frame([["a", "11010519491231002x"], ["b", " 110105 19491231002Ｘ"],
                       ["c", "123"]], ["name", "公民身份号码"])
        out = T.prepare_records(table, "people", "p.csv")
        assert out.accepted["id_number"].tolist() == [ID, ID, "123"]
        assert len(out.rejected) == 0

    def test_personal_values_never_shown(self):
        field = schema.PEOPLE.field("id_number")
        assert T._shown(field, np.array([ID], dtype=object)).tolist() == ["***"]
        table = frame([["a", ID, PHONE, "外星"], ["a", ID, PHONE, "外星"]],
                      ["name", "公民身份号码", "联系电话", "性别"])
        out = T.prepare_records(table, "people", "p.csv")
        assert len(out.rejected) == 2
        for reason in out.rejected["reason_en"]:
            assert ID not in reason and PHONE not in reason
        for params in out.rejected["reason_params"]:
            assert ID not in json.dumps(params) and PHONE not in json.dumps(params)


class TestCoordinates:
    def test_points_in_target_crs(self):
        table = frame([["a", "116.397", "39.908"]], ["name", "经度", "纬度"])
        out = T.prepare_records(table, "people", "p.csv", target_crs="EPSG:4547")
        x, y = pyproj.Transformer.from_crs(4326, 4547, always_xy=True).transform(116.397,
                                                                                   39.908)
        point = out.accepted.geometry.iloc[0]
        assert out.accepted.crs.to_epsg() == 4547
        assert (point.x, point.y) == pytest.approx((x, y), abs=1e-6)
        assert (out.x_field, out.y_field, out.wkt_field) == ("经度", "纬度", None)

    def test_address_only_rows_have_no_geometry(self):
        table = frame([["a", None, None, "某路1号"]], ["name", "lon", "lat", "标准地址"])
        out = T.prepare_records(table, "people", "p.csv", x_field="lon", y_field="lat")
        assert out.accepted.geometry.iloc[0] is None and len(out.rejected) == 0

    def test_coordinate_problems(self):
        table = frame([["a", "116.4", None], ["b", None, "39.9"], ["c", "东经116", "39.9"],
                       ["d", "200", "95"], ["e", "116.4", "inf"]], ["name", "X", "Y"])
        out = T.prepare_records(table, "people", "p.csv", x_field="x", y_field="y",
                                source_crs="WGS84")
        assert reasons(out) == {
            2: "Coordinate Y is empty but X is 116.4",
            3: "Coordinate X is empty but Y is 39.9",
            4: "Coordinate X: 东经116 is not a number",
            5: "Coordinates x=200, y=95 are outside the valid range of WGS84",
            6: "Coordinate Y: inf is not a number",
        }

    def test_swapped_fixed_and_counted(self):
        # Beijing with lat > 90 in the Y column; Urumqi (87.6E, 43.8N) where both orders are
        # in range and only the China check tells; Shanghai the right way round.
        table = frame([["a", "39.9", "116.4"], ["b", "43.8", "87.6"], ["c", "121.47", "31.23"]],
                      ["name", "lng", "lat"])
        out = T.prepare_records(table, "people", "p.csv", target_crs="EPSG:4326")
        coords = shapely.get_coordinates(out.accepted.geometry.values)
        np.testing.assert_allclose(coords, [[116.4, 39.9], [87.6, 43.8], [121.47, 31.23]])
        assert out.swapped == 2 and len(out.rejected) == 0

    def test_projected_source_and_swap(self):
        # CGCS2000 3-degree Gauss-Kruger, central meridian 114E (EPSG:4547)
        table = frame([["a", "500000", "3400000"], ["b", "3400000", "500000"]],
                      ["name", "x", "y"])
        out = T.prepare_records(table, "people", "p.csv", source_crs="EPSG:4547",
                                target_crs="EPSG:4490")
        coords = shapely.get_coordinates(out.accepted.geometry.values)
        assert coords[0] == pytest.approx(coords[1])
        assert coords[0][0] == pytest.approx(114.0, abs=1e-9)
        assert out.swapped == 1

    def test_wkt(self):
        table = frame([["a", "POINT (116.4 39.9)"], ["b", "POINT(1"],
                       ["c", "LINESTRING (0 0, 1 1)"], ["d", "POINT EMPTY"], ["e", None]],
                      ["name", "WKT"])
        out = T.prepare_records(table, "people", "p.csv", wkt_field="wkt",
                                target_crs="EPSG:4326")
        assert out.wkt_field == "WKT"
        assert out.accepted.geometry.iloc[0].equals(shapely.Point(116.4, 39.9))
        assert out.accepted.geometry.iloc[1:].isna().all()
        assert reasons(out) == {3: "WKT field WKT: POINT(1 is not valid WKT",
                                4: "WKT field WKT: a LineString cannot go into the point layer "
                                   "people"}

    def test_wkt_column_found_by_name(self):
        out = T.prepare_records(frame([["a", "POINT (116.4 39.9)"]], ["name", "geometry"]),
                                "people", "p.csv")
        assert out.wkt_field == "geometry" and len(out.accepted) == 1

    def test_location_parameter_errors(self):
        table = frame([["a", "1", "2", "POINT (1 2)"]], ["name", "x", "y", "wkt"])
        cases = [
            (dict(x_field="lon", y_field="y"), "The X (longitude) field lon is not a column "
                                               "of p.csv; its columns are: name, x, y, wkt"),
            (dict(x_field="x", y_field="lat"), "The Y (latitude) field lat is not a column of "
                                               "p.csv; its columns are: name, x, y, wkt"),
            (dict(wkt_field="geom"), "The WKT field geom is not a column of p.csv; its columns "
                                     "are: name, x, y, wkt"),
            (dict(x_field="x"), "An X field needs a Y field and a Y field an X field"),
            (dict(y_field="y"), "An X field needs a Y field and a Y field an X field"),
            (dict(x_field="x", y_field="y", wkt_field="wkt"),
             "Give either X and Y fields or a WKT field, not both"),
            (dict(source_crs="EPSG:999999"), "Unknown coordinate reference system EPSG:999999"),
        ]
        for kwargs, message in cases:
            with pytest.raises(OneGridError) as err:
                T.prepare_records(table, "people", "p.csv", **kwargs)
            assert str(err.value) == message

    def test_table_kind_takes_no_location(self):
        table = frame([["张三", "网格长", "G1", "1", "2"]], ["姓名", "职责", "网格编码", "x", "y"])
        out = T.prepare_records(table, "grid_staff", "s.csv")
        assert not hasattr(out.accepted, "geometry") and out.accepted["role"].tolist() == [
            "leader"]
        assert out.ignored == ["x", "y"]
        with pytest.raises(OneGridError) as err:
            T.prepare_records(table, "grid_staff", "s.csv", x_field="x", y_field="y")
        assert str(err.value) == ("grid_staff has no location: leave the X, Y and WKT fields "
                                  "empty")


class TestObfuscatedSystems:
    @pytest.fixture
    def coords(self):
        from onegrid.processing.analysis import coords

        return coords

    @pytest.mark.parametrize("system", ["GCJ02", "BD09"])
    def test_converted_to_wgs84(self, coords, system):
        lon, lat = np.array([116.404, 121.4737, 2.35]), np.array([39.915, 31.2304, 48.85])
        table = frame([[f"p{i}", str(x), str(y)] for i, (x, y) in enumerate(zip(lon, lat))],
                      ["name", "lon", "lat"])
        out = T.prepare_records(table, "people", "p.csv", source_crs=system,
                                target_crs="EPSG:4326")
        got = shapely.get_coordinates(out.accepted.geometry.values)
        want_x, want_y = coords.convert(lon, lat, system, "WGS84")
        np.testing.assert_allclose(got, np.column_stack([want_x, want_y]), atol=1e-9)
        geod = pyproj.Geod(ellps="WGS84")
        shift = geod.inv(lon, lat, got[:, 0], got[:, 1])[2]
        assert np.all((shift[:2] > 100) & (shift[:2] < 1500))  # GCJ-02: 100-700 m, BD-09 more
        assert shift[2] == pytest.approx(0.0, abs=1e-6)  # Paris: outside China, unchanged

    def test_gcj02_then_projected_target(self, coords):
        table = frame([["a", "116.404", "39.915"]], ["name", "lon", "lat"])
        out = T.prepare_records(table, "people", "p.csv", source_crs="gcj-02",
                                target_crs="EPSG:4547")
        wx, wy = coords.convert(np.array([116.404]), np.array([39.915]), "GCJ02", "WGS84")
        x, y = pyproj.Transformer.from_crs(4326, 4547, always_xy=True).transform(
            float(wx[0]), float(wy[0]))
        point = out.accepted.geometry.iloc[0]
        assert (point.x, point.y) == pytest.approx((x, y), abs=1e-6)


class TestRows:
    def test_duplicates_name_the_earlier_row(self):
        table = frame([["a", "男"], ["b", "女"], ["a", "男"], ["a", "女"], ["b", "女"]],
                      ["name", "性别"])
        table.index = pd.Index([2, 3, 5, 6, 7], name="row_number")  # a blank row 4 was dropped
        out = T.prepare_records(table, "people", "p.csv")
        assert reasons(out) == {5: "Row repeats row 2 exactly", 7: "Row repeats row 3 exactly"}
        assert list(out.accepted.index) == [2, 3, 6]

    def test_rejected_row_contents(self):
        table = frame([["张三", "外星", "备注"]], ["姓名", "性别", "其他列"])
        out = T.prepare_records(table, "people", "人口.csv")
        row = out.rejected.iloc[0]
        assert list(out.rejected.columns) == list(T.REJECTED_COLUMNS)
        assert (row.source_file, row.row_number, row.kind) == ("人口.csv", 2, "people")
        assert row.raw == '{"姓名": "张三", "性别": "外星", "其他列": "备注"}'
        assert row.reason_template == T.R_VALUE
        assert row.reason_template.format(**row.reason_params) == row.reason_en
        assert row.reasons == [(T.R_VALUE, row.reason_params)]
        assert T.reason_text(row.reasons, lambda text: "<" + text + ">") == (
            "<" + row.reason_en + ">")

    def test_several_reasons_in_one_row(self):
        out = T.prepare_records(frame([[None, "外星", "someday"]], ["姓名", "性别", "出生日期"]),
                                "people", "p.csv")
        # in the order of the layer's fields
        assert reasons(out) == {2: "姓名 (name) is required but empty; 性别 (gender): 外星 is "
                                   "not one of the allowed values: male (男), female (女); "
                                   "出生日期 (birth_date): someday is not a date (write it as "
                                   "2024-01-31)"}

    def test_counts_add_up(self):
        rng = np.random.default_rng(7)
        n = 400
        genders = np.array(["男", "女", "male", "x", None], dtype=object)
        table = frame({
            "name": np.where(rng.random(n) < 0.05, None, "p"),
            "gender": genders[rng.integers(0, 5, n)],
            "lon": np.round(rng.uniform(100, 200, n), 1).astype(str),
            "lat": np.round(rng.uniform(20, 100, n), 1).astype(str),
        }, ["name", "gender", "lon", "lat"])
        out = T.prepare_records(table, "people", "p.csv")
        assert len(out.accepted) + len(out.rejected) == n
        assert 0 < len(out.accepted) < n
        assert set(out.accepted.index).isdisjoint(out.rejected["row_number"])

    def test_empty_frame(self):
        out = T.prepare_records(frame([], ["name"]), "people", "p.csv")
        assert len(out.accepted) == 0 and len(out.rejected) == 0

    def test_default_row_numbers_start_at_2(self):
        table = pd.DataFrame({"name": [None]}, dtype=object)
        assert T.prepare_records(table, "people", "p.csv").rejected["row_number"].tolist() == [
            2]

    def test_progress_and_cancel(self):
        table = frame([["a"]], ["name"])
        seen = []
        T.prepare_records(table, "people", "p.csv", progress=seen.append)
        assert seen[-1] == 1.0 and seen == sorted(seen)
        with pytest.raises(Canceled):
            T.prepare_records(table, "people", "p.csv", is_canceled=lambda: True)


def test_fixture_files_import_cleanly():
    for name, rows in (("people_gbk.csv", 3), ("people_utf8.csv", 2),
                       ("people_utf8_bom.csv", 1)):
        table, _ = T.read_table(TABLES / name)
        out = T.prepare_records(table, "people", name)
        assert len(out.accepted) == rows and len(out.rejected) == 0
    table, _ = T.read_table(TABLES / "people_gbk.csv")
    out = T.prepare_records(table, "people", "people_gbk.csv")
    assert out.accepted["gender"].tolist() == ["male", "female", "female"]
    assert out.accepted["residence_type"].tolist() == ["registered", "floating", "foreign"]
    assert out.accepted["id_number"].iloc[0] == ID
    assert out.accepted["birth_date"].tolist() == ["1949-12-31", "1990-01-01", "1990-01-01"]
    assert out.swapped == 1 and out.ignored == ["备注列"]


def test_core_module_imports_no_qgis():
    code = ("import sys, onegrid.processing.analysis.tables; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'qgis'))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"
