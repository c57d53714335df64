"""onegrid:code_grids and onegrid:grid_change_impact through processing.run, on hand-made
layers and on the demo workspace (real Helsinki buildings, synthetic households)."""
import datetime
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from qgis.core import QgsProcessingException

from onegrid.processing.analysis.change import close_and_version

pytestmark = pytest.mark.qgis

CRS = "EPSG:4549"
COMMUNITY = "320115001001"
REPO = Path(__file__).resolve().parents[2]


def cells():
    """3 x 2 cells of 100 m, ids a-f (south row east to west, then the north row)."""
    order = [(2, 0), (1, 0), (0, 0), (2, 1), (1, 1), (0, 1)]
    return gpd.GeoDataFrame(
        {"gid": list("abcdef"), "community_code": [COMMUNITY] * 6,
         "grid_code": [None] * 6},
        geometry=[shapely.box(500000 + 100 * i, 3500000 + 100 * j, 500100 + 100 * i,
                              3500100 + 100 * j) for i, j in order], crs=CRS)


def write(frame, path, layer="grids"):
    frame.to_file(path, layer=layer, driver="GPKG")
    return f"{path}|layername={layer}"


def read(path):
    return gpd.read_file(path)


DB11 = {"f": "320115001001001", "e": "320115001001002", "d": "320115001001003",
        "c": "320115001001004", "b": "320115001001005", "a": "320115001001006"}


class TestCodeGrids:
    def test_db11_and_cjt349(self, run_alg, tmp_path):
        grids = write(cells(), tmp_path / "in.gpkg")
        out = tmp_path / "db11.gpkg"
        results, _ = run_alg("onegrid:code_grids", {"GRIDS": grids, "SCHEME": "DB11",
                                                    "OUTPUT": str(out)})
        coded = read(results["OUTPUT"])
        assert dict(zip(coded["gid"], coded["grid_code"])) == DB11
        assert coded["code_changed"].all() and results["CHANGED"] == 6
        assert list(coded.columns[:3]) == ["gid", "community_code", "grid_code"]
        out = tmp_path / "cjt.gpkg"
        results, _ = run_alg("onegrid:code_grids", {"GRIDS": grids, "SCHEME": "20",
                                                    "OBJECT_CODE": "100100",
                                                    "OUTPUT": str(out)})
        coded = read(results["OUTPUT"])
        assert dict(zip(coded["gid"], coded["grid_code"])) == {
            k: "100100" + v[:12] + v[-2:] for k, v in DB11.items()}

    def test_spanning_grid_from_communities(self, run_alg, tmp_path):
        grids = write(cells(), tmp_path / "in.gpkg")
        communities = gpd.GeoDataFrame(
            {"code": [COMMUNITY, "320115001002"]},
            geometry=[shapely.box(500000, 3500000, 500250, 3500200),
                      shapely.box(500250, 3500000, 500400, 3500200)], crs=CRS)
        results, feedback = run_alg("onegrid:code_grids", {
            "GRIDS": grids, "COMMUNITIES": write(communities, tmp_path / "c.gpkg", "c"),
            "SCHEME": 0, "OUTPUT": str(tmp_path / "out.gpkg")})
        coded = read(results["OUTPUT"])
        got = dict(zip(coded["gid"], coded["grid_code"]))
        assert got["d"] == "320115001001601" and got["a"] == "320115001001602"
        assert got["f"] == "320115001001001" and got["c"] == "320115001001003"
        assert any("2 grids span communities" in m for m in feedback.infos)

    def test_edit_through_versions_changes_only_that_code(self, run_alg, tmp_path):
        grids = cells()
        grids["grid_code"] = [DB11[g] for g in grids["gid"]]
        grids["valid_from"] = datetime.date(2025, 1, 1)
        grids["valid_to"] = None
        closed, new_rows = close_and_version(
            grids, ["e"], [shapely.box(500100, 3500100, 500180, 3500200)],
            datetime.date.today(), id_field="gid")
        layer = pd.concat([closed, new_rows], ignore_index=True)
        layer["valid_from"] = pd.to_datetime(layer["valid_from"])
        layer["valid_to"] = pd.to_datetime(layer["valid_to"])
        path = write(gpd.GeoDataFrame(layer, crs=CRS), tmp_path / "v.gpkg")
        results, _ = run_alg("onegrid:code_grids", {
            "GRIDS": path, "SCHEME": "DB11", "PREVIOUS_CODE_FIELD": "grid_code",
            "OUTPUT": str(tmp_path / "out.gpkg")})
        coded = read(results["OUTPUT"])
        assert results["CHANGED"] == 1 and results["KEPT"] == 5
        closed_rows = coded[coded["valid_to"].notna()]
        assert list(closed_rows["gid"]) == ["e"]
        assert list(closed_rows["grid_code"]) == ["320115001001002"]
        assert not closed_rows["code_changed"].any()
        active = coded[coded["valid_to"].isna()]
        assert dict(zip(active["gid"], active["grid_code"])) == dict(DB11, e="320115001001007")
        assert list(active.loc[active["code_changed"], "gid"]) == ["e"]

    def test_bad_community_code(self, run_alg, tmp_path):
        grids = cells()
        grids.loc[grids["gid"] == "b", "community_code"] = "32011500100"
        path = write(grids, tmp_path / "bad.gpkg", "bad")
        with pytest.raises(QgsProcessingException) as err:
            run_alg("onegrid:code_grids", {"GRIDS": path, "SCHEME": "DB11",
                                           "OUTPUT": str(tmp_path / "out.gpkg")})
        assert str(err.value) == ("Layer bad: Grid 2: community code 32011500100 in field "
                                  "community_code is not 12 digits (6 district + 3 street + 3 "
                                  "community)")

    def test_cjt349_needs_object_code(self, run_alg, tmp_path):
        with pytest.raises(QgsProcessingException) as err:
            run_alg("onegrid:code_grids", {"GRIDS": write(cells(), tmp_path / "in.gpkg"),
                                           "SCHEME": "CJT349",
                                           "OUTPUT": str(tmp_path / "out.gpkg")})
        assert str(err.value) == ("Layer grids: The CJT349 scheme needs a 6-digit "
                                  "managed-object code, not (empty)")

    def test_unknown_scheme(self, run_alg, tmp_path):
        with pytest.raises(QgsProcessingException) as err:
            run_alg("onegrid:code_grids", {"GRIDS": write(cells(), tmp_path / "in.gpkg"),
                                           "SCHEME": "GB", "OUTPUT": str(tmp_path / "o.gpkg")})
        assert str(err.value) == ("Unable to execute algorithm\nGB is not a valid SCHEME; "
                                  "choose one of: DB11, CJT349")


# --- grid_change_impact -------------------------------------------------------------------------
def box(x0, y0, x1, y1):
    return shapely.box(500000 + x0, 3500000 + y0, 500000 + x1, 3500000 + y1)


class TestGridChangeImpact:
    def test_hand_made_versions(self, run_alg, tmp_path):
        old = gpd.GeoDataFrame({"grid_code": ["A", "B"]},
                               geometry=[box(0, 0, 100, 100), box(100, 0, 200, 100)], crs=CRS)
        new = gpd.GeoDataFrame({"grid_code": ["A", "B"]},
                               geometry=[box(0, 0, 150, 100), box(150, 0, 200, 100)], crs=CRS)
        people = gpd.GeoDataFrame(
            {"person_code": ["p1", "p2"], "name": ["张三", "李四"],
             "id_number": ["11010519900101123X"] * 2, "phone": ["13800000000"] * 2},
            geometry=[shapely.Point(500120, 3500050), shapely.Point(500180, 3500050)],
            crs=CRS)
        staff = pd.DataFrame({"staff_name": ["甲"], "role": ["leader"], "grid_code": ["A"]})
        staff_path = tmp_path / "staff.csv"
        staff.to_csv(staff_path, index=False)
        results, _ = run_alg("onegrid:grid_change_impact", {
            "OLD_GRIDS": write(old, tmp_path / "old.gpkg"),
            "NEW_GRIDS": write(new, tmp_path / "new.gpkg"),
            "PEOPLE": write(people, tmp_path / "people.gpkg", "people"),
            "STAFF": str(staff_path),
            "OUTPUT": str(tmp_path / "changes.gpkg"),
            "STAFFING": str(tmp_path / "staffing.gpkg")})
        changes = read(results["OUTPUT"])
        assert list(zip(changes["kind"], changes["record_id"], changes["from_grid"],
                        changes["to_grid"])) == [("people", "p1", "B", "A")]
        assert not {"name", "id_number", "phone"} & set(changes.columns)
        staffing = gpd.read_file(results["STAFFING"])
        assert sorted(zip(staffing["grid_id"], staffing["issue"])) == [
            ("A", "no_full_time"), ("B", "no_full_time"), ("B", "no_leader")]
        assert results["MOVED"] == 1 and results["ISSUES"] == 3

    def test_versioned_layer_and_dates(self, run_alg, tmp_path):
        grids = gpd.GeoDataFrame({"grid_code": ["A", "B"],
                                  "valid_from": pd.to_datetime(["2025-01-01"] * 2),
                                  "valid_to": pd.NaT},
                                 geometry=[box(0, 0, 100, 100), box(100, 0, 200, 100)], crs=CRS)
        closed, new_rows = close_and_version(grids, ["A", "B"],
                                             [box(0, 0, 150, 100), box(150, 0, 200, 100)],
                                             "2026-03-01", id_field="grid_code")
        layer = pd.concat([closed, new_rows], ignore_index=True)
        layer["valid_from"] = pd.to_datetime(layer["valid_from"])
        layer["valid_to"] = pd.to_datetime(layer["valid_to"])
        events = gpd.GeoDataFrame({"event_code": ["e1", "e2"], "status": ["handling", "closed"]},
                                  geometry=[shapely.Point(500110, 3500010)] * 2, crs=CRS)
        results, feedback = run_alg("onegrid:grid_change_impact", {
            "GRIDS": write(gpd.GeoDataFrame(layer, crs=CRS), tmp_path / "v.gpkg"),
            "DATE_FROM": "2026-02-28", "DATE_TO": "2026-03-01",
            "EVENTS": write(events, tmp_path / "ev.gpkg", "events"),
            "OUTPUT": str(tmp_path / "changes.gpkg"),
            "STAFFING": str(tmp_path / "staffing.gpkg")})
        changes = read(results["OUTPUT"])
        assert list(zip(changes["record_id"], changes["from_grid"], changes["to_grid"])) == [
            ("e1", "B", "A")]
        assert "grids: 2 grids valid on 2026-02-28, 2 on 2026-03-01" in feedback.infos
        assert "events: 1 records change grid" in feedback.infos

    def test_missing_versions(self, run_alg, tmp_path):
        with pytest.raises(QgsProcessingException) as err:
            run_alg("onegrid:grid_change_impact", {
                "OUTPUT": str(tmp_path / "c.gpkg"), "STAFFING": str(tmp_path / "s.gpkg")})
        assert str(err.value) == ("Give OLD_GRIDS and NEW_GRIDS, or a versioned GRIDS layer "
                                  "with DATE_FROM and DATE_TO")


def test_demo_boundary_move_counts(run_alg, tmp_path, demo_gpkg):
    """Move the boundary between two neighbouring real base grids of the demo by 40 m and
    compare the moved buildings, households and people with a direct computation."""
    grids = gpd.read_file(demo_gpkg, layer="base_grids")
    metric = grids.to_crs(32635)
    geoms = metric.geometry.values
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    shared = shapely.length(shapely.intersection(geoms[left], geoms[right]))
    pick = np.flatnonzero((left < right) & (shared > 100) & (
        metric["community_code"].to_numpy()[left] == metric["community_code"].to_numpy()[right]))
    a, b = int(left[pick[0]]), int(right[pick[0]])
    strip = shapely.intersection(geoms[b], shapely.buffer(geoms[a], 40.0))
    strip = gpd.GeoSeries([strip], crs=32635).to_crs(grids.crs).iloc[0]
    new = grids.copy()
    new.loc[new.index[a], "geometry"] = shapely.union(grids.geometry.iloc[a], strip)
    new.loc[new.index[b], "geometry"] = shapely.difference(grids.geometry.iloc[b], strip)
    new_path = write(new, tmp_path / "new.gpkg", "base_grids")
    results, _ = run_alg("onegrid:grid_change_impact", {
        "OLD_GRIDS": f"{demo_gpkg}|layername=base_grids", "NEW_GRIDS": new_path,
        "BUILDINGS": f"{demo_gpkg}|layername=buildings",
        "HOUSEHOLDS": f"{demo_gpkg}|layername=households",
        "PEOPLE": f"{demo_gpkg}|layername=people",
        "STAFF": f"{demo_gpkg}|layername=grid_staff",
        "OUTPUT": str(tmp_path / "changes.gpkg"), "STAFFING": str(tmp_path / "staff.gpkg")})
    changes = read(results["OUTPUT"])
    code_a, code_b = grids["grid_code"].iloc[a], grids["grid_code"].iloc[b]
    moved_area = shapely.intersection(strip, grids.geometry.iloc[b])
    expected = {}
    for kind in ("buildings", "households", "people"):
        frame = gpd.read_file(demo_gpkg, layer=kind)
        points = shapely.point_on_surface(frame.geometry.values)
        inside = shapely.contains(moved_area, points) & shapely.contains(
            grids.geometry.iloc[b], points)
        expected[kind] = int(inside.sum())
    got = changes["kind"].value_counts().to_dict()
    assert {k: got.get(k, 0) for k in expected} == expected
    assert expected["households"] > 0 and expected["people"] > 0
    assert set(changes["from_grid"]) == {code_b} and set(changes["to_grid"]) == {code_a}
    staffing = gpd.read_file(results["STAFFING"])
    assert len(staffing) == 0  # every demo grid has a leader and a full-time worker


def test_demo_code_grids_keeps_every_code(run_alg, tmp_path, demo_gpkg):
    """Re-coding the demo's base grids in DB11 with their codes as the previous ones keeps
    every code: none of them was edited."""
    results, _ = run_alg("onegrid:code_grids", {
        "GRIDS": f"{demo_gpkg}|layername=base_grids", "SCHEME": "15",
        "COMMUNITIES": f"{demo_gpkg}|layername=communities",
        "PREVIOUS_CODE_FIELD": "grid_code", "OUTPUT": str(tmp_path / "coded.gpkg")})
    coded = read(results["OUTPUT"])
    assert results["KEPT"] == 35 and results["CHANGED"] == 0
    assert not coded["code_changed"].any()
    assert (coded["grid_code"].str.len() == 15).all()


def test_demo_code_grids_fresh_numbering(run_alg, tmp_path, demo_gpkg):
    """Numbered afresh, every demo community's grids run 001.. without gaps, in reading
    order (rows of the median grid height from the north, west to east)."""
    results, _ = run_alg("onegrid:code_grids", {
        "GRIDS": f"{demo_gpkg}|layername=base_grids", "SCHEME": "CJT349",
        "OBJECT_CODE": "100100", "OUTPUT": str(tmp_path / "coded.gpkg")})
    coded = read(results["OUTPUT"])
    assert (coded["grid_code"].str[:6] == "100100").all()
    assert (coded["grid_code"].str[6:18] == coded["community_code"]).all()
    for _, part in coded.groupby("community_code"):
        assert sorted(part["grid_code"].str[-2:].astype(int)) == list(range(1, len(part) + 1))
