"""以房查人 on the demo workspace (real Helsinki buildings, seeded synthetic residents): every
resident found by ID number in their own building, every building's rooms and residents."""
import numpy as np
import pytest

from onegrid.layers.io import read_layer
from onegrid.layers.lookup import LookupIndex
from onegrid.processing.analysis import idcard

pytestmark = [pytest.mark.qgis, pytest.mark.slow]


def test_lookup_on_the_demo_workspace(demo_gpkg):
    index = LookupIndex.from_workspace(demo_gpkg)
    people = read_layer(demo_gpkg, "people", columns=[
        "name", "id_number", "phone", "building_code", "household_code"]).reset_index(drop=True)
    households = read_layer(demo_gpkg, "households", columns=["building_code"])
    assert index.counts["people"] == len(people) > 10_000
    assert index.counts["households"] == len(households)

    # Everyone with an ID number is found by it (typed with a lowercase x), in their building.
    ids = people["id_number"].to_numpy(dtype=object)
    codes = people["building_code"].to_numpy(dtype=object)
    with_id = np.flatnonzero(people["id_number"].notna().to_numpy())
    assert len(with_id) > 0.9 * len(people)
    for i in with_id:
        hits = index.search(ids[i].lower())
        assert i in [h.row for h in hits]
        assert {h.building_code for h in hits if h.row == i} == {codes[i]}
        assert hits[0].id_number == idcard.mask_id(ids[i])

    # Every building lists exactly the households and residents that point to it.
    per_building = people.groupby("building_code").size()
    rooms = households.groupby("building_code").size()
    for code in per_building.index[::25]:
        report = index.building(code)
        assert report.resident_count == per_building[code]
        assert len(report.rooms) == rooms.get(code, 0)
        assert report.grid is not None and report.grid["community_name"]
    # The demo drew the map of a searched person's building.
    assert (demo_gpkg.parent / "house_lookup_map.png").stat().st_size > 100_000
