"""Grid codes (DB11 15 digits, CJT349 20 digits) on a hand-made 3 x 2 layout, and stability."""
import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from onegrid.processing.analysis.codes import (code_grids, code_length, scheme_name,
                                               spanning_grids)
from onegrid.processing.analysis.errors import OneGridError

pytestmark = pytest.mark.pure

CRS = "EPSG:4549"  # CGCS2000 / 3-degree Gauss-Kruger CM 120E, metres
COMMUNITY = "320115001001"
OTHER = "320115001002"


def layout():
    """Two communities side by side. Community A: 3 columns x 2 rows of 100 m cells (ids a-f,
    listed south row first, east to west, so the input order is not the reading order);
    community B: 2 cells stacked (ids g, h) east of A."""
    cells = [(2, 0, "a"), (1, 0, "b"), (0, 0, "c"), (2, 1, "d"), (1, 1, "e"), (0, 1, "f")]
    geoms = [shapely.box(500000 + 100 * i, 3500000 + 100 * j, 500100 + 100 * i,
                         3500100 + 100 * j) for i, j, _ in cells]
    ids = [gid for _, _, gid in cells]
    geoms += [shapely.box(500300, 3500000, 500400, 3500100),
              shapely.box(500300, 3500100, 500400, 3500200)]
    ids += ["g", "h"]
    return gpd.GeoDataFrame({"gid": ids, "community_code": [COMMUNITY] * 6 + [OTHER] * 2},
                            geometry=geoms, crs=CRS)


DB11 = {  # north row west to east, then the south row
    "f": "320115001001001", "e": "320115001001002", "d": "320115001001003",
    "c": "320115001001004", "b": "320115001001005", "a": "320115001001006",
    "h": "320115001002001", "g": "320115001002002",
}
CJT349 = {
    "f": "10010032011500100101", "e": "10010032011500100102", "d": "10010032011500100103",
    "c": "10010032011500100104", "b": "10010032011500100105", "a": "10010032011500100106",
    "h": "10010032011500100201", "g": "10010032011500100202",
}


def by_id(grids, codes):
    return dict(zip(grids["gid"], codes))


def test_db11_codes_west_to_east_north_to_south():
    grids = layout()
    codes = code_grids(grids, "community_code", "DB11")
    assert by_id(grids, codes) == DB11
    assert codes.name == "grid_code"
    assert list(codes.index) == list(grids.index)


def test_cjt349_codes():
    grids = layout()
    codes = code_grids(grids, "community_code", "CJT349", object_code="100100")
    assert by_id(grids, codes) == CJT349
    assert {len(c) for c in codes} == {20}


def test_scheme_aliases():
    assert scheme_name("15") == "DB11"
    assert scheme_name("cjt-349") == "CJT349"
    assert scheme_name("CJ/T 349") == "CJT349"
    assert code_length("DB11") == 15 and code_length("20") == 20
    with pytest.raises(OneGridError, match=r"^Unknown coding scheme GB; choose DB11 or CJT349$"):
        scheme_name("GB")


def test_bands_tolerate_ragged_rows():
    # The north row's cells are shifted up to 20 m up and down (a fifth of the band).
    grids = layout()
    shift = {"f": 20.0, "e": -20.0, "d": 5.0, "b": 15.0}
    grids["geometry"] = [shapely.affinity.translate(g, 0, shift.get(i, 0.0))
                         for g, i in zip(grids.geometry, grids["gid"])]
    assert by_id(grids, code_grids(grids, "community_code", "DB11")) == DB11


def test_editing_one_grid_changes_only_its_code():
    grids = layout()
    previous = grids.assign(grid_code=code_grids(grids, "community_code", "DB11"))
    edited = grids.copy()
    edited.loc[edited["gid"] == "e", "geometry"] = shapely.box(500100, 3500100, 500190, 3500200)
    codes = by_id(edited, code_grids(edited, "community_code", "DB11", previous=previous))
    expected = dict(DB11, e="320115001001007")
    assert codes == expected
    # Matching by id gives the same answer.
    codes = by_id(edited, code_grids(edited, "community_code", "DB11", previous=previous,
                                     id_field="gid"))
    assert codes == expected
    # Re-running on its own output changes nothing.
    again = edited.assign(grid_code=[codes[i] for i in edited["gid"]])
    assert by_id(edited, code_grids(edited, "community_code", "DB11", previous=again)) == codes


def test_split_and_retired_codes_not_reused():
    grids = layout()
    previous = grids.assign(grid_code=code_grids(grids, "community_code", "DB11"))
    # Split e into a west and an east half; retire b (removed); 002 and 005 are never reused.
    rest = grids[~grids["gid"].isin(["e", "b"])]
    halves = gpd.GeoDataFrame(
        {"gid": ["e1", "e2"], "community_code": [COMMUNITY] * 2},
        geometry=[shapely.box(500100, 3500100, 500150, 3500200),
                  shapely.box(500150, 3500100, 500200, 3500200)], crs=CRS)
    edited = gpd.GeoDataFrame(
        pd.concat([rest, halves], ignore_index=True), crs=CRS)
    codes = by_id(edited, code_grids(edited, "community_code", "DB11", previous=previous))
    assert codes == {"f": "320115001001001", "d": "320115001001003", "c": "320115001001004",
                     "a": "320115001001006", "h": "320115001002001", "g": "320115001002002",
                     "e1": "320115001001007", "e2": "320115001001008"}


def test_grid_moved_to_another_community_gets_a_new_code():
    grids = layout()
    previous = grids.assign(grid_code=code_grids(grids, "community_code", "DB11"))
    moved = grids.copy()
    moved.loc[moved["gid"] == "d", "community_code"] = OTHER
    codes = by_id(moved, code_grids(moved, "community_code", "DB11", previous=previous))
    assert codes == dict(DB11, d="320115001002003")


def test_spanning_grids_take_the_601_range():
    grids = layout()
    span = (grids["gid"] == "a").to_numpy()
    codes = by_id(grids, code_grids(grids, "community_code", "DB11", spanning=span))
    assert codes["a"] == "320115001001601"
    assert codes["b"] == "320115001001005"
    cjt = by_id(grids, code_grids(grids, "community_code", "CJT349", object_code="100100",
                                  spanning=span))
    assert cjt["a"] == "10010032011500100160"


def test_spanning_grids_from_community_polygons():
    grids = layout()
    communities = gpd.GeoDataFrame(
        {"code": [COMMUNITY, OTHER]},
        geometry=[shapely.box(500000, 3500000, 500250, 3500200),
                  shapely.box(500250, 3500000, 500400, 3500200)], crs=CRS)
    span = spanning_grids(grids, communities)
    assert list(grids["gid"][span]) == ["a", "d"]


def test_geographic_input_is_measured_in_metres():
    grids = layout().to_crs(4326)
    assert by_id(grids, code_grids(grids, "community_code", "DB11")) == DB11


def test_bad_community_code_names_the_grid():
    grids = layout()
    grids.loc[grids["gid"] == "c", "community_code"] = "3201150010"
    with pytest.raises(OneGridError) as err:
        code_grids(grids, "community_code", "DB11", id_field="gid")
    assert str(err.value) == ("Grid c: community code 3201150010 in field community_code is "
                              "not 12 digits (6 district + 3 street + 3 community)")
    grids.loc[grids["gid"] == "c", "community_code"] = None
    with pytest.raises(OneGridError) as err:
        code_grids(grids, "community_code", "DB11")
    assert str(err.value) == ("Grid 2: community code (empty) in field community_code is "
                              "not 12 digits (6 district + 3 street + 3 community)")


def test_object_code_required_for_cjt349():
    with pytest.raises(OneGridError) as err:
        code_grids(layout(), "community_code", "CJT349", object_code="12ab")
    assert str(err.value) == "The CJT349 scheme needs a 6-digit managed-object code, not 12ab"


def test_too_many_grids_names_the_community():
    x = np.arange(60) * 10.0
    grids = gpd.GeoDataFrame({"community_code": [COMMUNITY] * 60},
                             geometry=shapely.box(x, 0, x + 10, 10), crs=CRS)
    assert len(code_grids(grids, "community_code", "DB11")) == 60
    with pytest.raises(OneGridError) as err:
        code_grids(grids, "community_code", "CJT349", object_code="100100")
    assert str(err.value) == ("Community 320115001001 has 60 grids to number but the CJT349 "
                              "scheme allows 59 (01-59)")


def test_missing_field():
    with pytest.raises(OneGridError) as err:
        code_grids(layout(), "community", "DB11")
    assert str(err.value) == "Layer grids has no field community"


def test_tolerance_decides_what_changed():
    grids = layout()
    previous = grids.assign(grid_code=code_grids(grids, "community_code", "DB11"))
    nudged = grids.copy()
    e = nudged["gid"] == "e"
    nudged.loc[e, "geometry"] = shapely.affinity.translate(nudged.geometry[e].iloc[0], 0.3, 0)
    assert by_id(nudged, code_grids(nudged, "community_code", "DB11", previous=previous)) == DB11
    codes = by_id(nudged, code_grids(nudged, "community_code", "DB11", previous=previous,
                                     tolerance=0.1))
    assert codes == dict(DB11, e="320115001001007")


def test_progress_and_cancel():
    from onegrid.processing.analysis.errors import Canceled

    seen = []
    code_grids(layout(), "community_code", "DB11", progress=seen.append)
    assert seen[-1] == 1.0 and seen == sorted(seen)
    with pytest.raises(Canceled):
        code_grids(layout(), "community_code", "DB11", is_canceled=lambda: True)
