"""Split, merge, reassign and household totals on hand-made squares."""
import numpy as np
import pandas as pd
import pytest
import shapely

from onegrid.processing.analysis.editing import (ABOVE, BELOW, WITHIN, household_status,
                                                 households_by_code, households_by_grid,
                                                 merge_polygons, move_cells, reassign,
                                                 split_polygon)
from onegrid.processing.analysis.errors import OneGridError

pytestmark = pytest.mark.pure


def test_split_square_in_two_largest_first():
    parts = split_polygon(shapely.box(0, 0, 100, 100),
                          shapely.LineString([(30, -5), (30, 105)]))
    assert [p.area for p in parts] == pytest.approx([7000.0, 3000.0])
    assert parts[0].bounds == pytest.approx((30, 0, 100, 100))


def test_split_zigzag_gives_three_parts():
    line = shapely.LineString([(20, -5), (20, 105), (60, 105), (60, -5)])
    parts = split_polygon(shapely.box(0, 0, 100, 100), line)
    assert [round(p.area) for p in parts] == [4000, 4000, 2000]


def test_split_multipolygon_keeps_untouched_part_with_the_largest():
    grid = shapely.MultiPolygon([shapely.box(0, 0, 100, 100), shapely.box(200, 0, 210, 10)])
    parts = split_polygon(grid, shapely.LineString([(40, -5), (40, 105)]))
    assert len(parts) == 2
    assert parts[0].area == pytest.approx(6100.0)
    assert parts[1].area == pytest.approx(4000.0)


@pytest.mark.parametrize("line", [
    shapely.LineString([(30, 10), (30, 50)]),        # ends inside
    shapely.LineString([(130, -5), (130, 105)]),     # misses
])
def test_split_line_that_does_not_cut(line):
    with pytest.raises(OneGridError, match="^The line does not cut the grid in two: draw it "
                       "across the grid, starting and ending outside it$"):
        split_polygon(shapely.box(0, 0, 100, 100), line)


def test_split_needs_a_line():
    with pytest.raises(OneGridError, match="^Draw a line with at least two points"):
        split_polygon(shapely.box(0, 0, 1, 1), shapely.Point(0, 0))


def test_merge_adjacent():
    merged = merge_polygons([shapely.box(0, 0, 10, 10), shapely.box(10, 0, 20, 10),
                             shapely.box(0, 10, 20, 15)])
    assert merged.geom_type == "Polygon"
    assert merged.area == pytest.approx(300.0)
    assert merged.bounds == (0, 0, 20, 15)


def test_merge_refuses_corner_touch_and_single():
    with pytest.raises(OneGridError, match="^The selected grids are not contiguous: their "
                       "union has 2 separate parts$"):
        merge_polygons([shapely.box(0, 0, 10, 10), shapely.box(10, 10, 20, 20)])
    with pytest.raises(OneGridError, match="^Select at least two grids to merge$"):
        merge_polygons([shapely.box(0, 0, 10, 10)])


def test_households_by_grid_first_grid_wins_on_shared_edge():
    grids = [shapely.box(0, 0, 10, 10), shapely.box(10, 0, 20, 10), shapely.box(50, 50, 60, 60)]
    points = [shapely.Point(5, 5), shapely.Point(10, 5), shapely.Point(15, 5),
              shapely.Point(99, 99)]
    totals = households_by_grid(points, [10, 20, None, 40], grids)
    assert totals.tolist() == [30, 0, 0]


def test_households_by_code_includes_empty_grids():
    totals = households_by_code(["A", "B", "A", None], [100, 50, 20, 7], ["A", "B", "C"])
    assert totals.to_dict() == {"": 7, "A": 120, "B": 50, "C": 0}


def test_household_status():
    assert household_status([239, 240, 360, 361], 300, 0.2).tolist() == [
        BELOW, WITHIN, WITHIN, ABOVE]
    with pytest.raises(OneGridError, match="^Target households must be positive"):
        household_status([1], 0, 0.2)


def test_reassign_lists_only_moved_buildings():
    frame = pd.DataFrame({"grid_code": ["A", "A", "B"], "households": [1, 2, 3]},
                         index=[11, 12, 13])
    out, changes = reassign(frame, [12, 13, 12], "B")
    assert out["grid_code"].tolist() == ["A", "B", "B"]
    assert frame["grid_code"].tolist() == ["A", "A", "B"]
    assert changes.to_dict("records") == [{"building": 12, "from_grid": "A", "to_grid": "B"}]
    with pytest.raises(OneGridError, match="^Buildings 99 are not in the layer$"):
        reassign(frame, [99], "B")
    with pytest.raises(OneGridError, match="^Choose the grid to give the buildings to$"):
        reassign(frame, [11], "")
    assert np.array_equal(frame.index, [11, 12, 13])


def test_move_cells_moves_only_the_moved_buildings_cells():
    grids = {"A": shapely.box(0, 0, 100, 100), "B": shapely.box(100, 0, 200, 100),
             "C": shapely.box(0, 100, 200, 200)}
    pts = shapely.points([(25, 50), (75, 50), (150, 50), (100, 150)])
    new = move_cells(grids, pts, ["A", "A", "B", "C"], [False, True, False, False], "B")
    assert set(new) == {"A", "B"}
    # Building at x=75 owns A's part east of x=50 (midway to the building at x=25).
    assert new["A"].area == pytest.approx(5000.0)
    assert new["A"].bounds == pytest.approx((0, 0, 50, 100))
    assert new["B"].area == pytest.approx(15000.0)
    assert new["B"].geom_type == "Polygon"
    assert shapely.union_all([new["A"], new["B"]]).area == pytest.approx(20000.0)


def test_move_cells_nothing_to_move():
    grids = {"A": shapely.box(0, 0, 1, 1), "B": shapely.box(1, 0, 2, 1)}
    assert move_cells(grids, shapely.points([(0.5, 0.5)]), ["B"], [True], "B") == {}
    with pytest.raises(OneGridError, match="^There is no current grid Z$"):
        move_cells(grids, shapely.points([(0.5, 0.5)]), ["A"], [True], "Z")


def test_move_cells_last_building_takes_the_whole_grid():
    grids = {"A": shapely.box(0, 0, 10, 10), "B": shapely.box(10, 0, 20, 10)}
    new = move_cells(grids, shapely.points([(5, 5), (15, 5)]), ["A", "B"], [True, False], "B")
    assert new["A"].is_empty
    assert new["B"].area == pytest.approx(200.0)
