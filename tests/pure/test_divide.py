"""divide_grids: exact partitions of hand-made rows, properties on real Prague buildings."""
import geopandas as gpd
import numpy as np
import pytest
import shapely

from onegrid.processing.analysis import divide
from onegrid.processing.analysis import synthetic as syn
from onegrid.processing.analysis.errors import OneGridError

from ..conftest import BUBENEC_GPKG

pytestmark = pytest.mark.pure

CRS = "EPSG:3067"


def row(households, code="110105001001"):
    """Buildings 10 x 10 m every 20 m along y = 0..10, in one community 40 m deep."""
    n = len(households)
    x = np.arange(n) * 20.0
    buildings = gpd.GeoDataFrame({"households": households},
                                 geometry=shapely.box(x, 0, x + 10, 10), crs=CRS)
    community = gpd.GeoDataFrame({"code": [code]},
                                 geometry=[shapely.box(-10, -15, x[-1] + 20, 25)], crs=CRS)
    return community, buildings


def members(grids, buildings):
    """For each grid (in order), the sorted row labels of the buildings it holds."""
    points = buildings.geometry.representative_point().values
    grid_i, building_i = shapely.STRtree(points).query(grids.geometry.values,
                                                       predicate="contains")
    return [sorted(buildings.index[building_i[grid_i == g]].tolist())
            for g in range(len(grids))]


def test_row_exact_partition():
    community, buildings = row([100, 100, 100, 150, 150, 50, 250])
    grids, report = divide.divide_grids(community, buildings, "code", "households",
                                        target=300, tolerance=0.0)
    assert sorted(members(grids, buildings)) == [[0, 1, 2], [3, 4], [5, 6]]
    assert grids["households"].tolist() == [300, 300, 300]
    assert grids["deviation"].tolist() == [0, 0, 0]
    assert grids["within_tolerance"].all()
    assert grids["reason"].tolist() == ["ok", "ok", "ok"]
    assert grids["grid_code"].tolist() == ["110105001001001", "110105001001002",
                                           "110105001001003"]
    assert grids["community_code"].unique().tolist() == ["110105001001"]
    assert grids.area.sum() == pytest.approx(community.area.iloc[0])
    # numbered west to east along the row
    assert [m[0] for m in members(grids, buildings)] == [0, 3, 5]
    assert report["empty_communities"] == [] and report["oversized_buildings"] == []


def test_oversized_building_is_its_own_grid():
    community, buildings = row([100, 100, 100, 500, 100, 100, 100])
    grids, report = divide.divide_grids(community, buildings, "code", "households",
                                        target=300, tolerance=0.2)
    assert members(grids, buildings) == [[0, 1, 2], [3], [4, 5, 6]]
    assert grids["households"].tolist() == [300, 500, 300]
    assert grids["deviation"].tolist() == [0, 200, 0]
    assert grids["within_tolerance"].tolist() == [True, False, True]
    assert grids["reason"].tolist() == ["ok", "oversized_building", "ok"]
    assert report["oversized_buildings"] == [3]


def test_community_without_buildings_is_one_empty_grid():
    community, buildings = row([150, 150])
    other = gpd.GeoDataFrame({"code": ["110105001002"]},
                             geometry=[shapely.box(500, 0, 600, 100)], crs=CRS)
    communities = gpd.GeoDataFrame(
        {"code": ["110105001001", "110105001002"]},
        geometry=[community.geometry.iloc[0], other.geometry.iloc[0]], crs=CRS)
    grids, report = divide.divide_grids(communities, buildings, "code", "households")
    assert report["empty_communities"] == ["110105001002"]
    empty = grids[grids["community_code"] == "110105001002"]
    assert empty["grid_code"].tolist() == ["110105001002001"]
    assert empty["households"].tolist() == [0]
    assert empty["reason"].tolist() == ["no_buildings"]
    assert empty.geometry.iloc[0].equals(other.geometry.iloc[0])
    assert grids.loc[grids["community_code"] == "110105001001", "households"].tolist() == [300]


def test_too_few_households_reported():
    community, buildings = row([40, 60])
    grids, _ = divide.divide_grids(community, buildings, "code", "households")
    assert grids["households"].tolist() == [100]
    assert grids["reason"].tolist() == ["too_few_households"]


def test_missing_household_field_names_layer_and_field():
    community, buildings = row([100, 100])
    buildings.attrs["layer_name"] = "my_buildings"
    with pytest.raises(OneGridError, match="^Layer my_buildings has no field hh; its fields "
                                           "are: households$"):
        divide.divide_grids(community, buildings, "code", "hh")


def test_bad_target_and_tolerance():
    community, buildings = row([100, 100])
    with pytest.raises(OneGridError, match="^The target must be a positive number of "
                                           "households, not 0$"):
        divide.divide_grids(community, buildings, "code", "households", target=0)
    with pytest.raises(OneGridError, match="^The tolerance must be at least 0 and below 1, "
                                           "not 1.5$"):
        divide.divide_grids(community, buildings, "code", "households", tolerance=1.5)


def test_barrier_is_followed():
    """Two blocks of 3 x 100 households side by side across a road: the cut takes the road."""
    x = np.r_[0, 20, 40, 0, 20, 40].astype(float)
    y = np.r_[0, 0, 0, 60, 60, 60].astype(float)
    buildings = gpd.GeoDataFrame({"households": [100] * 6},
                                 geometry=shapely.box(x, y, x + 10, y + 10), crs=CRS)
    community = gpd.GeoDataFrame({"code": ["c"]}, geometry=[shapely.box(-10, -10, 60, 80)],
                                 crs=CRS)
    road = gpd.GeoDataFrame(geometry=[shapely.LineString([(-10, 35), (60, 35)])], crs=CRS)
    grids, _ = divide.divide_grids(community, buildings, "code", "households", target=300,
                                   barriers=road)
    assert sorted(members(grids, buildings)) == [[0, 1, 2], [3, 4, 5]]


@pytest.fixture(scope="module")
def bubenec():
    """Prague (Bubeneč) buildings with synthetic households; two communities split at the
    median x of the buildings, streets as barriers."""
    buildings = gpd.read_file(BUBENEC_GPKG, layer="buildings").to_crs(32633)
    buildings["households"] = syn.estimate_households(buildings, 20261122)
    streets = gpd.read_file(BUBENEC_GPKG, layer="streets").to_crs(32633)
    hull = buildings.union_all().convex_hull.buffer(30)
    split = float(np.median(buildings.geometry.representative_point().x))
    minx, miny, maxx, maxy = hull.bounds
    halves = [hull.intersection(shapely.box(minx - 1, miny - 1, split, maxy + 1)),
              hull.intersection(shapely.box(split, miny - 1, maxx + 1, maxy + 1))]
    communities = gpd.GeoDataFrame({"code": ["110105001001", "110105001002"]},
                                   geometry=halves, crs=buildings.crs)
    grids, report = divide.divide_grids(communities, buildings, "code", "households",
                                        target=100, tolerance=0.2, barriers=streets)
    return communities, buildings, grids, report


def test_bubenec_tiles_each_community(bubenec):
    communities, _, grids, _ = bubenec
    for code, shape in zip(communities["code"], communities.geometry):
        mine = grids[grids["community_code"] == code].geometry.values
        assert shapely.area(mine).sum() == pytest.approx(shape.area, rel=1e-9)
        assert shapely.union_all(mine).area == pytest.approx(shape.area, rel=1e-9)
        assert shapely.within(mine, shape.buffer(1e-6)).all()


def test_bubenec_grids_are_one_part(bubenec):
    _, _, grids, _ = bubenec
    assert (shapely.get_type_id(grids.geometry.values) == 3).all()  # Polygon


def test_bubenec_buildings_whole_in_one_grid(bubenec):
    communities, buildings, grids, _ = bubenec
    points = buildings.geometry.representative_point().values
    building_i, grid_i = shapely.STRtree(grids.geometry.values).query(points,
                                                                      predicate="within")
    assert np.bincount(building_i, minlength=len(buildings)).tolist() == [1] * len(buildings)
    # a building crossing the community line is cut by it (grids never cross communities)
    shapes = communities.set_index("code").geometry
    home = shapes.loc[grids["community_code"].to_numpy()[grid_i]].values
    clipped = np.empty(len(buildings), dtype=object)
    clipped[building_i] = shapely.intersection(buildings.geometry.values[building_i], home)
    inside = shapely.area(shapely.intersection(clipped[building_i],
                                               grids.geometry.values[grid_i]))
    np.testing.assert_allclose(inside, shapely.area(clipped[building_i]), rtol=1e-6, atol=1e-3)
    assert grids["households"].sum() == buildings["households"].sum()


def test_bubenec_households_within_tolerance(bubenec):
    """Every grid holds 80-120 households but the one of the single 256-household building."""
    _, buildings, grids, report = bubenec
    big = buildings.index[buildings["households"] > 120].tolist()
    assert len(big) == 1 and report["oversized_buildings"] == big
    oversized = grids[grids["reason"] == "oversized_building"]
    assert oversized["households"].tolist() == buildings.loc[big, "households"].tolist()
    others = grids.drop(oversized.index)
    assert others["within_tolerance"].all(), others[["grid_code", "households"]]
    assert others["households"].between(80, 120).all()
    assert (others["reason"] == "ok").all()
    assert len(grids) == pytest.approx(buildings["households"].sum() / 100, abs=2)
    assert grids["grid_code"].is_unique


def test_geographic_crs_divided_in_metres(bubenec):
    communities, buildings, grids, _ = bubenec
    grids_deg, report = divide.divide_grids(communities.to_crs(4326), buildings.to_crs(4326),
                                            "code", "households", target=100, tolerance=0.2)
    assert report["epsg"] == 32633
    assert grids_deg.crs.to_epsg() == 32633
    assert grids_deg["within_tolerance"].sum() == len(grids_deg) - 1  # the 256-household one
    assert grids_deg["households"].sum() == buildings["households"].sum()


def test_overlapping_footprints_do_not_make_grids_overlap():
    community, buildings = row([100, 100, 100, 100, 100, 100])
    buildings.loc[2, "geometry"] = shapely.box(40, 0, 62, 10)  # overlaps building 3 (60-70)
    grids, _ = divide.divide_grids(community, buildings, "code", "households", target=300)
    assert sorted(members(grids, buildings)) == [[0, 1, 2], [3, 4, 5]]
    assert grids.area.sum() == pytest.approx(community.area.iloc[0])
    assert shapely.union_all(grids.geometry.values).area == pytest.approx(
        community.area.iloc[0])
