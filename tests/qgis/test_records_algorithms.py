"""onegrid:link_records and onegrid:data_quality through QGIS: real Bubenec plots, bad input."""
import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely

from onegrid.processing.analysis import idcard

from ..conftest import BUBENEC_GPKG

pytestmark = pytest.mark.qgis

CRS = "EPSG:32650"
X0, Y0 = 500_000.0, 4_330_000.0


def test_bubenec_every_building_in_one_plot(run_alg, tmp_path):
    """Building centroids as records, the real cadastral plots as parcels: each of the 144
    buildings links to exactly the one plot that shapely finds around it."""
    buildings = gpd.read_file(BUBENEC_GPKG, layer="buildings")
    plots = gpd.read_file(BUBENEC_GPKG, layer="plots")
    assert (len(buildings), len(plots)) == (144, 407)
    centroids = gpd.GeoDataFrame({"uID": buildings["uID"]},
                                 geometry=shapely.point_on_surface(buildings.geometry.values),
                                 crs=buildings.crs)
    records = tmp_path / "records.gpkg"
    centroids.to_file(records, layer="records")
    grid = gpd.GeoDataFrame({"grid_code": ["G1"]}, geometry=[shapely.box(
        *plots.total_bounds)], crs=plots.crs)
    grid.to_file(tmp_path / "grid.gpkg", layer="grid")
    results, feedback = run_alg("onegrid:link_records", {
        "RECORDS": str(records), "KIND": "other",
        "BUILDINGS": f"{BUBENEC_GPKG}|layername=buildings", "BUILDING_ID_FIELD": "uID",
        "PARCELS": f"{BUBENEC_GPKG}|layername=plots", "PARCEL_ID_FIELD": "ID",
        "GRIDS": str(tmp_path / "grid.gpkg"), "MAX_DISTANCE": 0,
        "OUTPUT": str(tmp_path / "out.gpkg"), "UNMATCHED": str(tmp_path / "un.gpkg")})
    assert (results["LINKED_COUNT"], results["UNMATCHED_COUNT"]) == (144, 0)
    assert "144 records lie in a building footprint (point_in_building)" in feedback.infos
    out = gpd.read_file(results["OUTPUT"])
    assert (out["link_method"] == "point_in_building").all()
    assert (out["building_id"] == out["uID"].astype(str)).all()
    # independently, by shapely: each building's representative point is in exactly one
    # plot, and that plot holds the largest part of the footprint
    inside = gpd.sjoin(centroids, plots[["ID", "geometry"]], predicate="within")
    assert len(inside) == 144 and inside.index.is_unique
    pairs = shapely.STRtree(plots.geometry.values).query(buildings.geometry.values,
                                                         predicate="intersects")
    area = shapely.area(shapely.intersection(buildings.geometry.values[pairs[0]],
                                             plots.geometry.values[pairs[1]]))
    largest = pd.DataFrame({"b": pairs[0], "p": pairs[1], "area": area}).sort_values(
        "area").groupby("b").last()["p"]
    assert (plots["ID"].to_numpy()[largest.sort_index().to_numpy()]
            == inside.sort_index()["ID"].to_numpy()).all()
    expected = dict(zip(buildings["uID"].astype(str), inside.sort_index()["ID"]))
    assert dict(zip(out["building_id"], out["parcel_id"])) == expected
    assert (out["grid_id"] == "G1").all()


def box(x0, y0, x1, y1):
    return shapely.box(X0 + x0, Y0 + y0, X0 + x1, Y0 + y1)


@pytest.fixture
def town(workspace):
    """A workspace (EPSG:4490) with 2 buildings, 1 parcel, 2 grids in one community."""
    lonlat = "EPSG:4490"

    def put(name, frame):
        frame = frame.set_geometry([shapely.MultiPolygon([g]) for g in frame.geometry])
        pyogrio.write_dataframe(frame.to_crs(lonlat), str(workspace), layer=name, append=True)

    put("buildings", gpd.GeoDataFrame({
        "building_code": ["B1", "B2"], "address": ["和平区南京路1号1栋", "和平区南京路1号2栋"],
        "floor_area_m2": [400.0, 10.0], "synthetic": 1},
        geometry=[box(0, 0, 20, 20), box(40, 0, 60, 20)], crs=CRS))
    put("parcels", gpd.GeoDataFrame({"parcel_code": ["P1"], "synthetic": 1},
                                    geometry=[box(-5, -5, 70, 30)], crs=CRS))
    put("base_grids", gpd.GeoDataFrame({
        "grid_code": ["G1", "G2"], "community_code": ["C1", "C1"], "synthetic": 1},
        geometry=[box(-50, -50, 30, 50), box(30, -50, 200, 50)], crs=CRS))
    return workspace


def test_bad_csv_import_link_and_score(run_alg, town, tmp_path):
    """A GBK CSV with a duplicated row, swapped lat/lon, a lowercase x, an empty address and
    the address of a building that does not exist: imported, linked and scored; every row
    is accounted for."""
    centre = gpd.GeoSeries([box(10, 10, 10, 10).centroid, box(50, 10, 50, 10).centroid],
                           crs=CRS).to_crs(4326)
    lon, lat = centre.x.round(7).to_numpy(), centre.y.round(7).to_numpy()
    a, b = idcard.make_id_numbers(["120101", "120101"],
                                  np.array(["1980-01-02", "1975-03-04"], dtype="datetime64[D]"),
                                  [13, 24])
    rows = [
        ("张三", a.lower(), "13812345678", lon[0], lat[0], "南京路1号1栋2单元301"),
        ("张三", a.lower(), "13812345678", lon[0], lat[0], "南京路1号1栋2单元301"),  # duplicate
        ("李四", b, "13912345678", lat[1], lon[1], "南京路一号二幢"),           # swapped
        ("王五", "110105194912310021", "12345", "", "", ""),                   # empty address
        ("赵六", b, "", "", "", "长江路8号3栋"),                                # no such building
    ]
    csv = tmp_path / "people_gbk.csv"
    header = "姓名,公民身份号码,联系电话,经度,纬度,标准地址\n"
    csv.write_bytes((header + "".join(",".join(map(str, r)) + "\n" for r in rows))
                    .encode("gbk"))
    imported, _ = run_alg("onegrid:import_table", {"INPUT": str(csv), "KIND": "people",
                                                   "WORKSPACE": str(town)})
    assert (imported["IMPORTED"], imported["REJECTED"], imported["ENCODING"]) == (
        4, 1, "GB18030")
    ws = f"{town}|layername="
    results, feedback = run_alg("onegrid:link_records", {
        "RECORDS": ws + "people", "KIND": "people", "ADDRESS_FIELD": "address",
        "BUILDINGS": ws + "buildings", "PARCELS": ws + "parcels", "GRIDS": ws + "base_grids",
        "MAX_DISTANCE": 10, "OUTPUT": str(tmp_path / "linked.gpkg"),
        "UNMATCHED": str(tmp_path / "unmatched.gpkg")})
    assert (results["LINKED_COUNT"], results["UNMATCHED_COUNT"]) == (2, 2)
    linked = gpd.read_file(results["OUTPUT"])
    assert linked["name"].tolist() == ["张三", "李四"]
    assert linked["building_id"].tolist() == ["B1", "B2"]
    assert linked["parcel_id"].tolist() == ["P1", "P1"]
    assert linked["grid_id"].tolist() == ["G1", "G2"]
    assert linked["community_id"].tolist() == ["C1", "C1"]
    assert linked["id_number"].tolist()[0] == a  # the lowercase x normalised on import
    unmatched = gpd.read_file(results["UNMATCHED"])
    assert unmatched["name"].tolist() == ["王五", "赵六"]
    assert unmatched["reason"].tolist() == [
        "Record has no location and no address",
        "No building has the address 长江路8号3栋"]
    assert any("李四" not in m for m in feedback.infos)  # nothing personal in messages
    assert not any(a in m or b in m for m in feedback.infos + feedback.warnings)

    scored, _ = run_alg("onegrid:data_quality", {
        "LINKED": [results["OUTPUT"], results["UNMATCHED"]], "GROUP_BY": "grid",
        "OUTPUT": str(tmp_path / "card.gpkg"), "PROBLEMS": str(tmp_path / "problems.gpkg")})
    card = pyogrio.read_dataframe(scored["OUTPUT"])
    rows = {r["grid_id"]: r for _, r in card.iterrows()}
    assert int(card["records"].sum()) == 4
    assert (int(rows["G1"]["records"]), int(rows["G1"]["linked"])) == (1, 1)
    # 李四 and 赵六 share an ID number in two places (B2, no building)? 赵六 has no place,
    # so only the invalid ID and phone of 王五 count; 王五 and 赵六 are in no grid.
    none = card[card["grid_id"].isna()].iloc[0]
    assert (int(none["records"]), int(none["linked"]), int(none["id_invalid"]),
            int(none["id_check_digit"]), int(none["phone_invalid"])) == (2, 0, 1, 1, 1)
    assert scored["LINKAGE_PCT"] == 50.0
    problems = pyogrio.read_dataframe(scored["PROBLEMS"])
    assert sorted(problems["problem"]) == ["id_check_digit", "phone_invalid"]


def test_data_quality_on_workspace(run_alg, town, tmp_path):
    pyogrio.write_dataframe(gpd.GeoDataFrame({
        "person_code": ["p1", "p2", "p3"], "name": ["甲", "乙", "丙"],
        "id_number": ["11010519491231002X", "11010519491231002X", None],
        "household_code": ["H1", "H2", "H2"], "synthetic": 1},
        geometry=[box(5, 5, 5, 5).centroid, box(45, 5, 45, 5).centroid,
                  box(50, 10, 50, 10).centroid], crs=CRS).to_crs(4490), str(town),
        layer="people", append=True)
    results, _ = run_alg("onegrid:data_quality", {
        "WORKSPACE": str(town), "GROUP_BY": "grid", "OUTPUT": str(tmp_path / "card.gpkg")})
    card = gpd.read_file(results["OUTPUT"]).set_index("grid_id")
    assert card.loc["G1", "records"] == 1 and card.loc["G2", "records"] == 2
    assert card.loc["G2", "id_duplicate"] == 1 and card.loc["G1", "id_duplicate"] == 1
    assert card.loc["G2", "building_overcrowded"] == 1  # 2 people on 10 m²
    assert card.loc["G2", "passed"] == 0
    assert results["LINKAGE_PCT"] == 100.0
    assert card.geometry.notna().all()


def test_link_records_errors(run_alg, town, tmp_path):
    from qgis.core import QgsProcessingException

    ws = f"{town}|layername="
    with pytest.raises(QgsProcessingException, match="not a valid KIND"):
        run_alg("onegrid:link_records", {
            "RECORDS": ws + "buildings", "KIND": "aliens", "BUILDINGS": ws + "buildings",
            "GRIDS": ws + "base_grids", "OUTPUT": "memory:"})
    with pytest.raises(QgsProcessingException, match="Give a WORKSPACE or LINKED layers"):
        run_alg("onegrid:data_quality", {"OUTPUT": "memory:"})


def test_demo_workspace_parcels_and_links(run_alg, demo_gpkg, tmp_path):
    """The demo workspace has parcels, every building inside exactly one (its parcel_code),
    and link_records hangs every household on its own building, parcel and grid."""
    buildings = gpd.read_file(demo_gpkg, layer="buildings").to_crs(32635)
    parcels = gpd.read_file(demo_gpkg, layer="parcels").to_crs(32635)
    assert len(parcels) > 0 and (parcels["synthetic"] == 1).all()
    # each footprint lies in one parcel (up to floating-point noise along shared edges) ...
    footprints, plots = buildings.geometry.values, parcels.geometry.values
    pairs = shapely.STRtree(plots).query(footprints, predicate="intersects")
    share = shapely.area(shapely.intersection(footprints[pairs[0]], plots[pairs[1]])) / \
        shapely.area(footprints[pairs[0]])
    holder = pd.DataFrame({"b": pairs[0], "p": pairs[1]})[share > 0.999]
    assert holder["b"].is_unique and len(holder) == len(buildings)
    assert (parcels["parcel_code"].to_numpy()[holder.sort_values("b")["p"]]
            == buildings["parcel_code"].to_numpy()).all()
    # ... and the parcels do not overlap
    i, j = shapely.STRtree(plots).query(plots, predicate="intersects")
    overlap = shapely.area(shapely.intersection(plots[i[i < j]], plots[j[i < j]]))
    assert overlap.max(initial=0) < 0.01
    ws = f"{demo_gpkg}|layername="
    results, _ = run_alg("onegrid:link_records", {
        "RECORDS": ws + "households", "KIND": "households", "ADDRESS_FIELD": "address",
        "BUILDINGS": ws + "buildings", "PARCELS": ws + "parcels", "GRIDS": ws + "base_grids",
        "OUTPUT": str(tmp_path / "linked.gpkg"), "UNMATCHED": str(tmp_path / "un.gpkg")})
    households = gpd.read_file(demo_gpkg, layer="households")
    assert (results["LINKED_COUNT"], results["UNMATCHED_COUNT"]) == (len(households), 0)
    linked = gpd.read_file(results["OUTPUT"])
    assert (linked["building_id"] == linked["building_code"]).all()
    assert (linked["grid_id"] == linked["grid_code"]).all()
    own = dict(zip(buildings["building_code"], buildings["parcel_code"]))
    assert (linked["parcel_id"] == linked["building_code"].map(own)).all()
    assert results["DISAGREE_COUNT"] == 0
