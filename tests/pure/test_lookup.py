"""以房查人 / 以人找房: the lookup index on a hand-made block and on 100,000 synthetic residents."""
import os
import pathlib
import subprocess
import sys

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from onegrid.layers.io import append_frame
from onegrid.layers.lookup import MIN_SUFFIX, LookupIndex
from onegrid.layers.workspace import create_workspace
from onegrid.processing.analysis import idcard
from onegrid.processing.analysis import synthetic as syn

pytestmark = pytest.mark.pure
REPO = pathlib.Path(__file__).resolve().parents[2]
CRS = "EPSG:4549"  # CGCS2000 3-degree Gauss-Kruger zone 39 (metres)
X0, Y0 = 500000.0, 3500000.0

# Valid GB 11643 numbers (check digits computed by idcard.check_digit).
ID_ZHANG = "11010519491231002X"
ID_LI = "110105" + "19800101" + "123" + idcard.check_digit("11010519800101123")
ID_WANG = "310101" + "20100315" + "246" + idcard.check_digit("31010120100315246")
ID_ZHAO = "440106" + "19751120" + "357" + idcard.check_digit("44010619751120357")


def box(x0, y0, x1, y1):
    return shapely.box(X0 + x0, Y0 + y0, X0 + x1, Y0 + y1)


def point(x, y):
    return shapely.Point(X0 + x, Y0 + y)


def block():
    """Two buildings on two parcels, one grid in two versions, a community; three rooms;
    five residents (one found only through their household, one in no room of the
    building); two organisations (one by point only) and three events."""
    buildings = gpd.GeoDataFrame({
        "building_code": ["B1", "B2"], "address": ["幸福路1号", "幸福路2号"],
        "use": ["residential", "mixed"], "levels": [6, 3], "floor_area_m2": [1200.0, 300.0],
        "parcel_code": ["P1", None], "grid_code": ["G1", None],
    }, geometry=[box(0, 0, 20, 10), box(40, 0, 60, 10)], crs=CRS, index=[11, 12])
    parcels = gpd.GeoDataFrame({
        "parcel_code": ["P1", "P2"], "land_use": ["residential", "commercial"],
        "owner": ["幸福小区业委会", None], "area_m2": [900.0, 800.0],
    }, geometry=[box(-5, -5, 30, 20), box(35, -5, 70, 20)], crs=CRS)
    grids = gpd.GeoDataFrame({
        "grid_code": ["G1", "G1"], "name": ["旧第一网格", "第一网格"],
        "community_code": ["C1", "C1"], "valid_to": ["2025-01-01", None],
    }, geometry=[box(-10, -10, 100, 30)] * 2, crs=CRS)
    communities = pd.DataFrame({"code": ["C1"], "name": ["幸福社区"]})
    households = pd.DataFrame({
        "household_code": ["B1-1-302", "B1-1-101", "B2-1-201"],
        "building_code": ["B1", "B1", "B2"], "unit_no": ["1", "1", "1"],
        "floor": [3, 1, 2], "room_no": ["302", "101", "201"],
        "address": ["幸福路1号1单元302室", "幸福路1号1单元101室", "幸福路2号1单元201室"],
        "is_rental": [0, 1, 0], "members": [2, 1, 1]})
    people = pd.DataFrame({
        "person_code": ["p1", "p2", "p3", "p4", "p5"],
        "name": ["张伟", "李娜", "张伟明", "王芳", "赵强"],
        "id_number": [ID_ZHANG.lower(), ID_LI, ID_WANG, ID_ZHAO, None],
        "phone": ["13812345678", "+86 139-0000-1111", None, "15011112222", "18600005678"],
        "gender": ["male", "female", "male", "female", "male"],
        "household_code": ["B1-1-302", "B1-1-302", "B1-1-101", "B2-1-201", "X-9-999"],
        "relation": ["head", "spouse", "head", "head", "tenant"],
        "residence_type": ["registered", "registered", "floating", "registered", "foreign"],
        "special_groups": [None, None, "独居老人", None, None],
        # 张伟明 is found through the household; 赵强's household is not in the building.
        "building_code": ["B1", "B1", None, "B2", "B1"]})
    organizations = gpd.GeoDataFrame({
        "org_code": ["DW1", "DW2"], "name": ["幸福超市", "好味小吃"],
        "org_type": ["shop", "three_small"], "fire_grade": ["general", "minor"],
        "responsible_person": ["钱进", "孙丽"], "phone": ["13700001234", "13900004321"],
        "building_code": ["B1", None],
    }, geometry=[point(5, 5), point(50, 5)], crs=CRS)
    events = gpd.GeoDataFrame({
        "event_code": ["E1", "E2", "E3"],
        "event_type": ["environment", "dispute", "fire_hazard"],
        "status": ["closed", "handling", "reported"],
        "description": ["楼道堆物", "邻里纠纷", "电动车楼道充电"],
        "reported_at": ["2026-11-01T02:00:00Z", "2026-11-20T03:00:00Z",
                        "2026-11-21T05:00:00Z"],
    }, geometry=[point(10, 13), point(50, 5), point(30, 40)], crs=CRS)
    return dict(buildings=buildings, parcels=parcels, base_grids=grids,
                communities=communities, households=households, people=people,
                organizations=organizations, events=events)


@pytest.fixture(scope="module")
def index():
    return LookupIndex.from_frames(**block())


# --- Building -> rooms -> households -> residents ------------------------------------------------
def test_building_report_lists_rooms_households_and_residents(index):
    report = index.building("B1")
    assert report.code == "B1" and report.fid == 11 and report.address == "幸福路1号"
    assert (report.use, report.levels, report.floor_area_m2) == ("residential", 6, 1200.0)
    assert report.parcel == {"parcel_code": "P1", "land_use": "residential",
                             "owner": "幸福小区业委会", "area_m2": 900.0}
    # The current version of G1 (no valid_to), with its community.
    assert report.grid == {"grid_code": "G1", "name": "第一网格", "community_code": "C1",
                           "community_name": "幸福社区"}
    assert [(r.unit_no, r.room_no, r.household_code, r.is_rental, r.members)
            for r in report.rooms] == [("1", "101", "B1-1-101", True, 1),
                                      ("1", "302", "B1-1-302", False, 2)]
    assert [[p.name for p in r.residents] for r in report.rooms] == [["张伟明"],
                                                                     ["张伟", "李娜"]]
    assert [p.name for p in report.other_residents] == ["赵强"]
    assert report.resident_count == 4
    assert [o["org_code"] for o in report.organizations] == ["DW1"]
    # E1 is 3 m north of B1's footprint (within 5 m); E3 is 30 m from everything.
    assert [e["event_code"] for e in report.events] == ["E1"]


def test_parcel_grid_organisation_and_event_found_by_location(index):
    report = index.building("B2")
    assert report.fid == 12
    assert report.parcel["parcel_code"] == "P2" and report.parcel["land_use"] == "commercial"
    assert report.grid["grid_code"] == "G1" and report.grid["community_name"] == "幸福社区"
    assert [o["name"] for o in report.organizations] == ["好味小吃"]
    assert [e["event_code"] for e in report.events] == ["E2"]
    assert [[p.name for p in r.residents] for r in report.rooms] == [["王芳"]]
    assert index.building("NOPE") is None
    assert index.counts == {"buildings": 2, "households": 3, "people": 5,
                            "organizations": 2, "events": 3}


def test_fid_and_code_both_ways(index):
    assert index.building_fid("B2") == 12 and index.code_of_fid(11) == "B1"
    assert index.building_fid("B9") is None and index.code_of_fid(99) is None
    assert "B1" in index and "B9" not in index


# --- Masking ------------------------------------------------------------------------------------
def test_masked_by_default(index):
    report = index.building("B1")
    people = {p.name: p for r in report.rooms for p in r.residents}
    assert people["张伟"].id_number == "110105********002X"
    assert people["张伟"].phone == "138****5678"
    assert people["李娜"].phone == "139****1111"
    assert people["张伟明"].phone is None
    assert report.organizations[0]["phone"] == "137****1234"
    text = repr(report) + repr(index.search("张"))
    for raw in (ID_ZHANG, ID_LI, ID_WANG, "13812345678", "13900001111", "13700001234"):
        assert raw not in text


def test_unmasked_only_when_asked(index):
    report = index.building("B1", reveal=True)
    people = {p.name: p for r in report.rooms for p in r.residents}
    assert people["张伟"].id_number == ID_ZHANG  # stored with a lowercase x, shown normalised
    assert people["李娜"].phone == "13900001111"
    assert report.organizations[0]["phone"] == "13700001234"
    assert index.search(ID_LI, reveal=True)[0].id_number == ID_LI
    assert index.search(ID_LI)[0].id_number == "110105********" + ID_LI[-4:]


# --- Search --------------------------------------------------------------------------------------
def _found(index, text):
    return [(h.name, h.matched, h.building_code) for h in index.search(text)]


def test_search_by_full_id_any_case(index):
    assert _found(index, ID_ZHANG) == [("张伟", "id_number", "B1")]
    assert _found(index, ID_ZHANG.lower()) == [("张伟", "id_number", "B1")]
    assert _found(index, " 110105 19491231 002x ") == [("张伟", "id_number", "B1")]
    assert _found(index, ID_ZHANG.replace("X", "ｘ")) == [("张伟", "id_number", "B1")]
    # Household found through people.household_code -> households.building_code.
    assert _found(index, ID_WANG) == [("张伟明", "id_number", "B1")]
    hit = index.search(ID_ZHAO)[0]
    assert (hit.building_fid, hit.household_code, hit.address) == (
        12, "B2-1-201", "幸福路2号1单元201室")


def test_search_by_last_digits(index):
    assert _found(index, "002x") == [("张伟", "id_number", "B1")]
    assert _found(index, ID_LI[-6:]) == [("李娜", "id_number", "B1")]
    # The last digits of a phone; 张伟's and 赵强's phones both end in 5678.
    assert _found(index, "5678") == [("张伟", "phone", "B1"), ("赵强", "phone", "B1")]
    assert _found(index, "05678") == [("赵强", "phone", "B1")]
    assert len("678") < MIN_SUFFIX and _found(index, "678") == []


def test_search_by_phone(index):
    assert _found(index, "13900001111") == [("李娜", "phone", "B1")]
    assert _found(index, "+86 139 0000 1111") == [("李娜", "phone", "B1")]
    assert _found(index, "008613900001111") == [("李娜", "phone", "B1")]
    assert _found(index, "13900009999") == []


def test_search_by_name_exact_then_prefix(index):
    assert _found(index, "张伟") == [("张伟", "name", "B1"), ("张伟明", "name", "B1")]
    assert _found(index, "张") == [("张伟", "name", "B1"), ("张伟明", "name", "B1")]
    assert _found(index, " 王 芳 ") == [("王芳", "name", "B2")]
    assert _found(index, "钱进") == []  # an organisation's responsible person, not a resident
    assert _found(index, "") == [] and _found(index, None) == []


def test_foreign_names_without_case():
    people = pd.DataFrame({"name": ["Anna Schmidt", "Anna Weber", "John Smith"],
                           "building_code": ["B1", "B1", "B1"]})
    index = LookupIndex.from_frames(pd.DataFrame({"building_code": ["B1"]}), people=people)
    assert [h.name for h in index.search("anna")] == ["Anna Schmidt", "Anna Weber"]
    assert [h.name for h in index.search("ANNA WEBER")] == ["Anna Weber"]


def test_same_id_in_two_places_gives_both():
    people = pd.DataFrame({"name": ["甲", "乙"], "id_number": [ID_LI, ID_LI.lower()],
                           "building_code": ["B1", "B2"]})
    buildings = pd.DataFrame({"building_code": ["B1", "B2"]})
    index = LookupIndex.from_frames(buildings, people=people)
    assert [(h.name, h.building_code) for h in index.search(ID_LI)] == [("甲", "B1"),
                                                                         ("乙", "B2")]


def test_empty_layers_and_missing_columns():
    index = LookupIndex.from_frames(pd.DataFrame({"building_code": ["B1", None, "B1"]}))
    assert index.counts["buildings"] == 1 and index.counts["people"] == 0  # distinct codes
    report = index.building("B1")
    assert report.fid == 0 and report.rooms == () and report.parcel is None
    assert report.grid is None and index.search("张") == [] and index.search("1234") == []


# --- From a workspace file ----------------------------------------------------------------------
def test_from_workspace(tmp_path):
    path = tmp_path / "ws.gpkg"
    create_workspace(path, crs=CRS)
    frames = block()
    for name in ("buildings", "parcels", "base_grids", "organizations", "events"):
        append_frame(path, name, frames[name])
    append_frame(path, "communities", gpd.GeoDataFrame(
        frames["communities"], geometry=[box(-50, -50, 200, 100)], crs=CRS))
    for name in ("households", "people"):
        rows = frames[name]
        append_frame(path, name, gpd.GeoDataFrame(
            rows, geometry=[point(10, 5)] * len(rows), crs=CRS))
    index = LookupIndex.from_workspace(path)
    assert index.counts == {"buildings": 2, "households": 3, "people": 5,
                            "organizations": 2, "events": 3}
    report = index.building("B1")
    assert report.fid == 1 and index.building_fid("B2") == 2  # GeoPackage fids from 1
    assert report.grid["name"] == "第一网格" and report.parcel["owner"] == "幸福小区业委会"
    assert [p.name for r in report.rooms for p in r.residents] == ["张伟明", "张伟", "李娜"]
    assert [e["event_code"] for e in report.events] == ["E1"]
    assert [h.building_code for h in index.search("002X")] == ["B1"]


def test_from_workspace_errors(tmp_path):
    from onegrid.processing.analysis.errors import OneGridError

    with pytest.raises(OneGridError, match=r"Workspace file .*nope\.gpkg does not exist"):
        LookupIndex.from_workspace(tmp_path / "nope.gpkg")


def test_imports_without_qgis():
    code = ("import sys\nsys.modules['qgis'] = None\nimport onegrid.layers.lookup\n"
            "print('ok', len([m for m in sys.modules if m.startswith('qgis')]))\n")
    out = subprocess.run([sys.executable, "-c", code], env=dict(os.environ, PYTHONSAFEPATH="1"),
                         capture_output=True, text=True, cwd=REPO)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok 1"


# --- 100,000 synthetic residents -----------------------------------------------------------------
def synthetic_district(n_people=100_000, seed=4):
    """Buildings on a lattice, 30 flats each, with synthetic households and exactly
    ``n_people`` residents (seeded; valid ID numbers, phones, names)."""
    rng = np.random.default_rng(seed)
    n = int(np.ceil(n_people / (30 * 2.4)))
    side = int(np.ceil(np.sqrt(n)))
    i = np.arange(n)
    x, y = X0 + (i % side) * 40.0, Y0 + (i // side) * 40.0
    buildings = gpd.GeoDataFrame({
        "building_code": [f"B{k:05d}" for k in i], "address": [f"幸福路{k + 1}" for k in i],
        "use": "residential", "levels": 6, "households": 30,
        "grid_code": [f"G{k // 100:03d}" for k in i],
    }, geometry=shapely.box(x, y, x + 24.0, y + 12.0), crs=CRS, index=i + 1)
    households = syn.make_households(buildings, rng)
    people = syn.make_people(households, rng)
    assert len(people) >= n_people
    return buildings, households, people.iloc[:n_people].reset_index(drop=True)


@pytest.fixture(scope="module")
def district():
    buildings, households, people = synthetic_district()
    index = LookupIndex.from_frames(buildings, households=households,
                                    people=pd.DataFrame(people.drop(columns="geometry")))
    return buildings, households, people, index


def test_100k_index_contents(district):
    buildings, households, people, index = district
    assert index.counts["people"] == 100_000
    assert index.counts["buildings"] == len(buildings)
    assert index.counts["households"] == len(households)
    rng = np.random.default_rng(1)
    for code in buildings["building_code"].to_numpy()[rng.integers(0, len(buildings), 25)]:
        report = index.building(code)
        rows = sorted(p.row for r in report.rooms for p in r.residents)
        assert rows == np.flatnonzero(people["building_code"].to_numpy() == code).tolist()
        assert len(report.rooms) == (households["building_code"] == code).sum()
        assert report.other_residents == ()
        assert report.grid["grid_code"] == f"G{int(code[1:]) // 100:03d}"
        assert report.fid == int(code[1:]) + 1


def test_100k_search_by_each_key(district):
    _buildings, _households, people, index = district
    ids = people["id_number"].to_numpy(dtype=object)
    phones = people["phone"].to_numpy(dtype=object)
    names = people["name"].to_numpy(dtype=object)
    codes = people["building_code"].to_numpy(dtype=object)
    rng = np.random.default_rng(2)
    sample = rng.choice(np.flatnonzero(pd.notna(ids) & pd.notna(phones)), 200, replace=False)
    for i in sample:
        by_id = index.search(ids[i].lower())
        assert [h.row for h in by_id] == np.flatnonzero(ids == ids[i]).tolist()
        assert by_id[0].building_code == codes[i] and by_id[0].matched == "id_number"
        assert by_id[0].id_number == idcard.mask_id(ids[i])
        by_phone = index.search(phones[i])
        assert [h.row for h in by_phone] == np.flatnonzero(phones == phones[i]).tolist()
        by_name = [h.row for h in index.search(names[i], limit=100_000)]
        exact = np.flatnonzero(names == names[i]).tolist()
        assert by_name[:len(exact)] == exact and i in by_name
        assert all(names[r].startswith(names[i]) for r in by_name)
    # Last digits against a plain scan.
    tail = ids[sample[0]][-5:]
    expected = [k for k, v in enumerate(ids) if isinstance(v, str) and v.endswith(tail)]
    assert sorted(index.find_by_id(tail).tolist()) == expected
    tail = phones[sample[1]][-4:]
    expected = [k for k, v in enumerate(phones) if isinstance(v, str) and v.endswith(tail)]
    assert sorted(index.find_by_phone(tail).tolist()) == expected
    # A surname alone: every person whose name starts with it.
    surname = names[sample[2]][0]
    expected = sorted(k for k, v in enumerate(names) if v.startswith(surname))
    assert sorted(index.find_by_name(surname).tolist()) == expected
