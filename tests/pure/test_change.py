"""Grid change impact and versions on hand-made grids with known moved records."""
import datetime

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from onegrid.processing.analysis.change import (close_and_version, grid_change_impact,
                                                grids_at, staffing_issues)
from onegrid.processing.analysis.errors import OneGridError

pytestmark = pytest.mark.pure

CRS = "EPSG:4549"
X0, Y0 = 500000.0, 3500000.0


def box(x0, y0, x1, y1):
    return shapely.box(X0 + x0, Y0 + y0, X0 + x1, Y0 + y1)


def pt(x, y):
    return shapely.Point(X0 + x, Y0 + y)


def versions():
    """Old: A [0,100], B [100,200], D [200,300] on the south row, C on top of A and B.
    New: the A|B boundary moves east to 150 and D is merged into B; C is untouched."""
    old = gpd.GeoDataFrame({"grid_code": ["A", "B", "C", "D"]},
                           geometry=[box(0, 0, 100, 100), box(100, 0, 200, 100),
                                     box(0, 100, 200, 200), box(200, 0, 300, 100)], crs=CRS)
    new = gpd.GeoDataFrame({"grid_code": ["A", "B", "C"]},
                           geometry=[box(0, 0, 150, 100), box(150, 0, 300, 100),
                                     box(0, 100, 200, 200)], crs=CRS)
    return old, new


def records():
    buildings = gpd.GeoDataFrame(
        {"building_code": ["b1", "b2", "b3", "b4", "b5"]},
        geometry=[box(10, 10, 30, 30),      # A -> A
                  box(110, 10, 140, 40),    # B -> A
                  box(160, 10, 190, 40),    # B -> B
                  box(220, 10, 260, 40),    # D -> B
                  box(20, 120, 60, 160)],   # C -> C
        crs=CRS)
    households = gpd.GeoDataFrame({"household_code": ["h1", "h2"]},
                                  geometry=[pt(120, 20), pt(50, 150)], crs=CRS)
    people = gpd.GeoDataFrame(
        {"person_code": ["p1", "p2", "p3"], "name": ["张三", "李四", "王五"],
         "id_number": ["110105199001011234"] * 3, "phone": ["13800000000"] * 3},
        geometry=[pt(120, 20), pt(121, 21), pt(50, 150)], crs=CRS)
    events = gpd.GeoDataFrame(
        {"event_code": ["e1", "e2", "e3"], "status": ["handling", "closed", "reported"]},
        geometry=[pt(130, 50), pt(130, 60), pt(350, 50)], crs=CRS)
    return {"buildings": buildings, "households": households, "people": people,
            "events": events}


def staff():
    return pd.DataFrame({
        "staff_name": ["甲", "乙", "丙", "丁", "戊", "己"],
        "role": ["leader", "full_time", "leader", "leader", "full_time", "part_time"],
        "grid_code": ["A", "A", "B", "D", "D", "C"],
        "phone": ["13800000000"] * 6,
        "end_date": [None, None, None, None, None, None]})


def test_moved_records():
    old, new = versions()
    changes, _ = grid_change_impact(old, new, "grid_code", records(), staff())
    got = sorted(zip(changes["kind"], changes["record_id"], changes["from_grid"],
                     changes["to_grid"]))
    assert got == [("buildings", "b2", "B", "A"), ("buildings", "b4", "D", "B"),
                   ("events", "e1", "B", "A"), ("households", "h1", "B", "A"),
                   ("people", "p1", "B", "A"), ("people", "p2", "B", "A")]
    assert list(changes.columns) == ["kind", "record_id", "from_grid", "to_grid", "geometry"]
    assert changes.crs == old.crs
    # Buildings are located by their representative point.
    b2 = changes[changes["record_id"] == "b2"].geometry.iloc[0]
    assert b2.equals(shapely.point_on_surface(box(110, 10, 140, 40)))


def test_open_events_only_and_outside_every_grid():
    old, new = versions()
    recs = records()
    # e1 open and moved; e2 closed (left out); e3 open outside: move D's east edge over it.
    new.loc[new["grid_code"] == "B", "geometry"] = box(150, 0, 400, 100)
    changes, _ = grid_change_impact(old, new, "grid_code", {"events": recs["events"]})
    assert sorted(zip(changes["record_id"], changes["from_grid"], changes["to_grid"])) == [
        ("e1", "B", "A"), ("e3", None, "B")]


def test_same_geometry_new_id_moves_everything_inside():
    old, new = versions()
    renamed = old.copy()
    renamed.loc[renamed["grid_code"] == "C", "grid_code"] = "C2"
    changes, _ = grid_change_impact(old, renamed, "grid_code", records())
    assert sorted(zip(changes["record_id"], changes["to_grid"])) == [
        ("b5", "C2"), ("h2", "C2"), ("p3", "C2")]


def test_no_change_no_records():
    old, _ = versions()
    changes, staffing = grid_change_impact(old, old.copy(), "grid_code", records(), staff())
    assert len(changes) == 0
    assert sorted(zip(staffing["grid_id"], staffing["issue"])) == [
        ("B", "no_full_time"), ("C", "no_full_time"), ("C", "no_leader")]


def test_personal_fields_never_output():
    old, new = versions()
    changes, staffing = grid_change_impact(old, new, "grid_code", records(), staff())
    assert not {"id_number", "phone", "name"} & set(changes.columns)
    assert "phone" not in staffing.columns


def test_staffing_consequences():
    _, new = versions()
    staffing = staffing_issues(new["grid_code"], staff())
    assert list(staffing.columns) == ["grid_id", "issue", "role", "staff_name"]
    rows = sorted(map(tuple, staffing.to_numpy(dtype=object)))
    assert rows == [("B", "no_full_time", "full_time", None),
                    ("C", "no_full_time", "full_time", None),
                    ("C", "no_leader", "leader", None),
                    ("D", "grid_retired", "full_time", "戊"),
                    ("D", "grid_retired", "leader", "丁")]


def test_staff_who_left_are_ignored():
    team = staff()
    team.loc[team["staff_name"] == "乙", "end_date"] = "2026-01-01"
    staffing = staffing_issues(["A"], team)
    assert ("A", "no_full_time") in set(zip(staffing["grid_id"], staffing["issue"]))


def test_duplicate_ids_are_an_error():
    old, new = versions()
    new.loc[new["grid_code"] == "C", "grid_code"] = "A"
    with pytest.raises(OneGridError) as err:
        grid_change_impact(old, new, "grid_code", records())
    assert str(err.value) == ("Layer new grids: grid_code A is used by more than one grid "
                              "(features 0, 2)")


def test_reprojected_records():
    old, new = versions()
    recs = {k: v.to_crs(4326) for k, v in records().items()}
    changes, _ = grid_change_impact(old, new.to_crs(4326), "grid_code", recs)
    assert len(changes) == 6


# --- Versions ---------------------------------------------------------------------------------
def versioned():
    old, _ = versions()
    old["valid_from"] = ["2025-01-01", "2025-01-01", None, "2025-01-01"]
    old["valid_to"] = [None, None, None, "2026-03-01"]
    return old


def test_grids_at():
    grids = versioned()
    assert list(grids_at(grids, "2024-12-31")["grid_code"]) == ["C"]
    assert list(grids_at(grids, "2025-01-01")["grid_code"]) == ["A", "B", "C", "D"]
    assert list(grids_at(grids, datetime.date(2026, 3, 1))["grid_code"]) == ["A", "B", "C"]
    with pytest.raises(OneGridError, match="^someday is not a date$"):
        grids_at(grids, "someday")


def test_close_and_version_edit_split_and_merge():
    grids = versioned()
    today = datetime.date(2026, 5, 1)
    halves = [box(0, 100, 100, 200), box(100, 100, 200, 200)]
    closed, new_rows = close_and_version(grids, ["A", "B", "C"],
                                         [box(0, 0, 150, 100), None, halves], today,
                                         id_field="grid_code")
    assert list(closed["valid_to"]) == [today, today, today, "2026-03-01"]
    assert list(new_rows["grid_code"]) == ["A", "C", "C"]
    assert list(new_rows["valid_from"]) == [today] * 3
    assert new_rows["valid_to"].isna().all()
    assert new_rows.geometry.iloc[0].equals(box(0, 0, 150, 100))
    assert new_rows.geometry.iloc[2].equals(halves[1])
    # The versioned layer then answers by date.
    both = pd.concat([closed, new_rows], ignore_index=True)
    assert sorted(grids_at(both, "2026-04-30")["grid_code"]) == ["A", "B", "C"]
    assert sorted(grids_at(both, "2026-05-01")["grid_code"]) == ["A", "C", "C"]


def test_close_and_version_errors():
    grids = versioned()
    with pytest.raises(OneGridError) as err:
        close_and_version(grids, ["D"], [box(0, 0, 1, 1)], "2026-05-01", id_field="grid_code")
    assert str(err.value) == "Grid D is not in the layer or is not valid on 2026-05-01"
    with pytest.raises(OneGridError) as err:
        close_and_version(grids, [0, 1], [None], "2026-05-01")
    assert str(err.value) == "2 edited grids but 1 new geometries"
