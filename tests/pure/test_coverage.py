"""Camera coverage: hand-made scenes, the brute-force sampling check, greedy vs exact siting."""
import math

import numpy as np
import geopandas as gpd
import pytest
import shapely

from onegrid.processing.analysis import coverage as cov
from onegrid.processing.analysis import visibility as vis
from onegrid.processing.analysis.errors import OneGridError

pytestmark = pytest.mark.pure

CRS = "EPSG:4549"


def frame(geoms, **columns):
    return gpd.GeoDataFrame(columns, geometry=list(geoms), crs=CRS)


def disc(x, y, r):
    return vis.visibility_polygon(x, y, np.empty((0, 4)), 0, 360, r)


def test_hand_made_scene():
    sheds = frame([disc(0, 0, 10), disc(5, 0, 10)])
    roads = frame([shapely.LineString([(-20, 0), (40, 0)]),
                   shapely.LineString([(100, 0), (120, 0)])])
    squares = frame([shapely.box(-2, -2, 2, 2)])
    places = frame([shapely.Point(1, 1), shapely.Point(50, 50)])
    grids = frame([shapely.box(-100, -100, 0, 100), shapely.box(0, -100, 200, 100)],
                  grid_code=["W", "E"])
    out = cov.camera_coverage(sheds, {"roads": roads, "squares": squares, "places": places},
                              grids, "grid_code")
    summary = out["summary"].set_index(["grid", "target_class"])
    # Road 0 is seen from x = -10 to x = 15 (both discs have vertices at 0 and 180 degrees).
    assert summary.loc[("W", "roads"), "total"] == pytest.approx(20)
    assert summary.loc[("W", "roads"), "covered"] == pytest.approx(10)
    assert summary.loc[("E", "roads"), "total"] == pytest.approx(60)
    assert summary.loc[("E", "roads"), "covered"] == pytest.approx(15)
    assert summary.loc[("E", "roads"), "targets"] == 2
    assert summary.loc[("E", "roads"), "seen"] == 1
    assert summary.loc[("E", "squares"), "share"] == pytest.approx(1.0)
    assert summary.loc[("E", "places"), "total"] == 2
    assert summary.loc[("E", "places"), "covered"] == 1
    targets = out["targets"].set_index(["target_class", "target_id"])
    assert targets.loc[("roads", 0), "cameras"] == 2
    assert targets.loc[("roads", 1), "cameras"] == 0
    assert targets.loc[("roads", 0), "covered"] == pytest.approx(25)
    assert targets.loc[("places", 0), "cameras"] == 2
    blind = out["blind_spots"]
    road_blind = blind[blind["target_class"] == "roads"].sort_values("size")
    assert road_blind["size"].tolist() == pytest.approx([10, 20, 25])
    lengths = sorted(round(g.length, 6) for g in road_blind.geometry)
    assert lengths == [10, 20, 25]
    place_blind = blind[blind["target_class"] == "places"]
    assert place_blind["target_id"].tolist() == [1]
    assert place_blind.geometry.iloc[0].equals(shapely.Point(50, 50))
    assert (blind["target_class"] == "squares").sum() == 0


def test_without_grids_one_row_per_class():
    sheds = frame([disc(0, 0, 10)])
    roads = frame([shapely.LineString([(-20, 0), (20, 0)])])
    out = cov.camera_coverage(sheds, {"roads": roads})
    assert len(out["summary"]) == 1
    assert out["summary"]["share"][0] == pytest.approx(0.5)


def test_crs_mismatch_is_an_error():
    sheds = frame([disc(0, 0, 10)])
    roads = gpd.GeoDataFrame(geometry=[shapely.LineString([(0, 0), (1, 1)])], crs="EPSG:4326")
    with pytest.raises(OneGridError, match="^Layers roads and viewsheds are in different "
                       "coordinate reference systems$"):
        cov.camera_coverage(sheds, {"roads": roads})


def random_town(seed=7):
    """A block town: 12 x 12 blocks of 60 m with 20 m streets, buildings in the blocks."""
    rng = np.random.default_rng(seed)
    step, street = 80.0, 20.0
    boxes = []
    for i in range(12):
        for j in range(12):
            x0, y0 = i * step + street / 2, j * step + street / 2
            for _ in range(3):
                w, h = rng.uniform(10, 25, 2)
                x, y = rng.uniform(x0, x0 + 60 - w), rng.uniform(y0, y0 + 60 - h)
                boxes.append(shapely.box(x, y, x + w, y + h))
    buildings = frame(boxes)
    lines = [shapely.LineString([(0, j * step), (12 * step, j * step)]) for j in range(13)]
    lines += [shapely.LineString([(i * step, 0), (i * step, 12 * step)]) for i in range(13)]
    roads = frame(lines)
    n = 120
    on_x = rng.integers(0, 13, n) * step
    along = rng.uniform(0, 12 * step, n)
    vertical = rng.random(n) < 0.5
    xs, ys = np.where(vertical, on_x, along), np.where(vertical, along, on_x)
    cameras = frame(shapely.points(xs, ys), azimuth_deg=rng.uniform(0, 360, n),
                    fov_deg=np.where(rng.random(n) < 0.2, 360, 98.0),
                    range_m=rng.uniform(20, 60, n), height_m=5.0)
    squares = frame([shapely.box(100, 100, 140, 130), shapely.box(500, 500, 560, 520)])
    places = frame(shapely.points(rng.uniform(0, 960, (80, 2))))
    grids = frame([shapely.box(0, 0, 500, 960), shapely.box(500, 0, 960, 960)],
                  grid_code=["A", "B"])
    return buildings, roads, cameras, squares, places, grids


def test_covered_share_agrees_with_brute_force_sampling():
    buildings, roads, cameras, squares, places, grids = random_town()
    sheds = vis.camera_viewsheds(cameras, buildings, workers=1)
    out = cov.camera_coverage(sheds, {"roads": roads, "squares": squares, "places": places})
    share = out["summary"].set_index("target_class")["share"]
    geoms = sheds.geometry.values
    road_share, road_count = cov.sampled_coverage(geoms, roads.geometry.values, 0.25)
    square_share, _ = cov.sampled_coverage(geoms, squares.geometry.values, 0.25)
    place_share, _ = cov.sampled_coverage(geoms, places.geometry.values)
    assert 0.05 < road_share < 0.95
    assert share["roads"] == pytest.approx(road_share, rel=0.01)
    assert share["squares"] == pytest.approx(square_share, rel=0.01, abs=1e-3)
    assert share["places"] == pytest.approx(place_share, abs=1e-12)
    # Per grid too.
    per_grid = cov.camera_coverage(sheds, {"roads": roads}, grids, "grid_code")["summary"]
    for code, box in zip(grids["grid_code"], grids.geometry):
        pieces = shapely.intersection(roads.geometry.values, box)
        pieces = pieces[shapely.length(pieces) > 0]
        sampled, _ = cov.sampled_coverage(geoms, pieces, 0.25)
        got = per_grid.set_index("grid").loc[code, "share"]
        assert got == pytest.approx(sampled, rel=0.01)
    # Redundancy: the number of viewsheds each road touches.
    targets = out["targets"]
    expected = [int(shapely.intersects(geoms, line).sum()) for line in roads.geometry]
    assert targets[targets["target_class"] == "roads"]["cameras"].tolist() == expected
    assert road_count.max() >= 2


def test_greedy_siting_matches_the_exact_optimum_on_a_small_problem():
    buildings, roads, _, squares, places, _ = random_town(11)
    sub = shapely.box(0, 0, 330, 330)
    roads = roads.clip(sub)
    buildings = buildings[buildings.within(sub)]
    candidates = cov.siting_candidates(roads, spacing_m=80, range_m=40)
    assert set(candidates["place"]) == {"junction", "road"}
    assert (candidates.groupby(candidates.geometry.to_wkb())["azimuth_deg"].count() == 4).all()
    sheds = vis.camera_viewsheds(candidates, buildings, workers=1)
    existing = sheds.iloc[:3]
    targets = {"roads": roads, "places": places[places.within(sub)]}
    result = cov.camera_siting(sheds, targets, 4, existing_viewsheds=existing)
    chosen = result["chosen"]
    assert chosen["rank"].tolist() == [1, 2, 3, 4]
    assert (np.diff(chosen["gain"]) <= 1e-9).all()
    best, optimum = cov.exact_siting(result["matrix"], result["weights"], 4, result["covered"])
    greedy = chosen["gain"].sum()
    assert len(best) <= 4
    assert greedy <= optimum + 1e-6
    assert greedy >= (1 - 1 / math.e) * optimum
    # Lazy greedy picks what plain greedy picks.
    matrix, weights = result["matrix"].toarray(), result["weights"]
    live = np.where(result["covered"], 0.0, weights)
    plain = []
    for _ in range(4):
        gains = matrix @ live
        pick = int(np.argmax(gains))
        plain.append(pick)
        live = np.where(matrix[pick], 0.0, live)
    assert [sheds.index.get_loc(c) for c in chosen["candidate"]] == plain
    # The gain is road metres plus 50 m per key place.
    assert (chosen["added_roads"] + cov.PLACE_WEIGHT_M * chosen["added_places"]).tolist() == (
        pytest.approx(chosen["gain"].tolist()))


def test_exact_siting_on_a_toy_matrix():
    # Three candidates, greedy takes the big middle one then one more; exact takes the pair.
    matrix = np.array([[1, 1, 1, 0, 0, 0],
                       [0, 1, 1, 1, 1, 0],
                       [0, 0, 0, 1, 1, 1]], dtype=bool)
    weights = np.ones(6)
    from scipy import sparse
    greedy, gains = cov.greedy_siting(sparse.csr_matrix(matrix), weights, 2)
    best, value = cov.exact_siting(matrix, weights, 2)
    assert greedy[0] == 1 and greedy[1] in (0, 2)
    assert gains.tolist() == [4.0, 1.0]
    assert sorted(best.tolist()) == [0, 2]
    assert value == 6.0
    covered = np.array([1, 1, 1, 0, 0, 0], dtype=bool)
    greedy, gains = cov.greedy_siting(sparse.csr_matrix(matrix), weights, 1, covered)
    assert greedy.tolist() == [2] and gains.tolist() == [3.0]


def test_blind_pieces_and_covered_length_add_up_to_the_roads():
    buildings, roads, cameras, _, _, grids = random_town(5)
    sheds = vis.camera_viewsheds(cameras, buildings, workers=1)
    out = cov.camera_coverage(sheds, {"roads": roads}, grids, "grid_code")
    summary = out["summary"]
    blind = out["blind_spots"]
    assert summary["total"].sum() == pytest.approx(roads.length.sum())
    assert blind["size"].sum() + summary["covered"].sum() == pytest.approx(
        roads.length.sum(), rel=1e-9)
    assert blind.length.to_numpy() == pytest.approx(blind["size"].to_numpy())
    # No blind piece is inside a viewshed (beyond overlay noise).
    seen = shapely.union_all(sheds.geometry.values)
    inside = shapely.intersection(blind.geometry.values, seen.buffer(-1e-6))
    assert shapely.length(inside).sum() < 1e-6


def test_a_road_along_a_grid_border_counts_once():
    sheds = frame([disc(0, 0, 10)])
    roads = frame([shapely.LineString([(0, -20), (0, 20)]),
                   shapely.LineString([(-20, 5), (20, 5)])])
    grids = frame([shapely.box(-50, -50, 0, 50), shapely.box(0, -50, 50, 50)],
                  grid_code=["W", "E"])
    summary = cov.camera_coverage(sheds, {"roads": roads}, grids, "grid_code")["summary"]
    by_grid = summary.set_index("grid")
    # The border road (40 m) goes to W, the first grid; the cross road splits 20 + 20.
    assert by_grid.loc["W", "total"] == pytest.approx(60)
    assert by_grid.loc["E", "total"] == pytest.approx(20)
    assert by_grid.loc["W", "targets"] == 2 and by_grid.loc["E", "targets"] == 1
    assert summary["total"].sum() == pytest.approx(80)


def test_junctions_are_where_three_or_more_lines_meet():
    lines = [shapely.LineString([(0, 0), (10, 0)]), shapely.LineString([(5, -5), (5, 5)]),
             shapely.LineString([(10, 0), (10, 10)])]
    # (5, 0) is a crossing (4 ends once noded); (10, 0) is a bend (2 ends).
    assert cov.junctions(lines).tolist() == [[5.0, 0.0]]
