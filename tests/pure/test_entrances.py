"""Buildings start from their entrance, else their wall nearest the road, else their centroid."""
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from onegrid.processing.analysis import entrances, service
from onegrid.processing.analysis.errors import OneGridError
from onegrid.processing.analysis.network import Network

pytestmark = pytest.mark.pure

CRS = "EPSG:32650"
X0, Y0 = 500_000.0, 3_500_000.0
DATA = Path(__file__).resolve().parents[2] / "build" / "data"


def frame(geoms, **columns):
    return gpd.GeoDataFrame(pd.DataFrame(columns), geometry=list(geoms), crs=CRS)


def at(x, y):
    return shapely.Point(X0 + x, Y0 + y)


#: Street A along y = 0, street B along y = 100, joined at x = 1000.
ROADS = frame([shapely.LineString([(X0, Y0), (X0 + 1000, Y0)]),
               shapely.LineString([(X0, Y0 + 100), (X0 + 1000, Y0 + 100)]),
               shapely.LineString([(X0 + 1000, Y0), (X0 + 1000, Y0 + 100)])])
#: A deep house between the streets: its roof ridge (500, 90) is 10 m from street B, its
#: front wall (y = 30) 30 m from street A, its centroid nearer street B.
HOUSE = shapely.Polygon([(X0 + 480, Y0 + 30), (X0 + 520, Y0 + 30), (X0 + 520, Y0 + 80),
                         (X0 + 500, Y0 + 90), (X0 + 480, Y0 + 80)])
SHOP = frame([at(600, 0)], category=["shop"])
#: The front door (30 m from street A) and a side door (40 m from street B, 60 from A); a
#: door 3 m off the wall belongs to no building.
DOORS = frame([at(520, 60), at(510, 30), at(500, 27)], entrance=["side", "main", "yes"])


def run(anchor="entrance", doors=DOORS, **kwargs):
    origins = frame([HOUSE, at(300, 2), shapely.box(X0, Y0 + 5000, X0 + 10, Y0 + 5010)],
                    name=["house", "kiosk", "far"])
    return service.service_circles(ROADS, origins, SHOP, "category", entrances=doors,
                                   anchor=anchor, snap_distance=200, **kwargs)


def test_the_door_nearest_a_road_is_used():
    result = run()
    out = result.origins
    assert out["anchor"].tolist() == ["entrance", "point", "centroid"]
    # front door (510, 30) -> street A at x = 510 -> the shop at x = 600
    assert out["shop_dist_m"].iloc[0] == pytest.approx(90.0)
    assert out["snap_m"].iloc[0] == pytest.approx(30.0)
    assert out["shop_dist_m"].iloc[1] == pytest.approx(300.0)
    assert out["shop_reason"].iloc[2] == "far_from_road"
    assert result.info["origins_from_entrance"] == 1
    assert result.info["origins_from_point"] == 1
    assert result.info["origins_from_centroid"] == 1
    # the deficiency layer sits where the origin starts
    assert result.deficiency["origin"].tolist() == [2]
    run_deficient = run(thresholds=(1,)).deficiency.set_index("origin").geometry
    assert (run_deficient.loc[0].x - X0, run_deficient.loc[0].y - Y0) == (510.0, 30.0)


def test_without_doors_the_wall_nearest_the_road():
    out = run(doors=None).origins
    assert out["anchor"].tolist() == ["wall", "point", "centroid"]
    # ridge (500, 90) -> street B at x = 500 -> 500 m east, 100 m down, 400 m back west
    assert out["shop_dist_m"].iloc[0] == pytest.approx(500 + 100 + 400)
    assert out["snap_m"].iloc[0] == pytest.approx(10.0)


def test_centroids_when_asked():
    out = run(anchor="centroid").origins
    assert out["anchor"].tolist() == ["centroid", "point", "centroid"]
    centroid = HOUSE.centroid
    assert out["snap_m"].iloc[0] == pytest.approx(Y0 + 100 - centroid.y)  # street B
    assert out["shop_dist_m"].iloc[0] == pytest.approx(1000.0)


def test_a_door_on_a_shared_wall_serves_both_buildings():
    left = shapely.box(X0 + 100, Y0 + 20, X0 + 120, Y0 + 40)
    right = shapely.box(X0 + 120, Y0 + 20, X0 + 140, Y0 + 40)
    net = Network.from_lines(ROADS.geometry.values)
    xy, kind = entrances.anchors([left, right], net, entrances=[at(120, 30)])
    assert kind.tolist() == ["entrance", "entrance"]
    assert [(p.x - X0, p.y - Y0) for p in xy] == [(120.0, 30.0), (120.0, 30.0)]


def test_missing_geometry_and_bad_mode():
    net = Network.from_lines(ROADS.geometry.values)
    xy, kind = entrances.anchors([None, at(1, 1)], net)
    assert xy[0] is None and kind.tolist() == [None, "point"]
    with pytest.raises(OneGridError, match=r"^door is not a valid ANCHOR; choose one of: "
                                           r"entrance, centroid$"):
        entrances.anchors([HOUSE], net, mode="door")


@pytest.fixture(scope="module")
def helsinki():
    from onegrid.processing.analysis import osm
    frames, _ = osm.import_osm(DATA / "Helsinki.osm.pbf")
    return frames


def test_osm_entrances_of_helsinki():
    doors = entrances.read_osm_entrances(DATA / "Helsinki.osm.pbf")
    every = entrances.read_osm_entrances(DATA / "Helsinki.osm.pbf", walkers_only=False)
    assert len(every) == 325
    assert len(doors) == 325 - 10 - 2  # no service doors (10), no garages (2)
    assert set(doors["entrance"]) == {"yes", "main", "staircase", "shop", "side",
                                      "secondary"}
    assert doors["osm_id"].str.match(r"^node/\d+$").all()
    assert doors.crs.to_epsg() == 4326


def test_helsinki_buildings_start_at_their_doors(helsinki):
    doors = entrances.read_osm_entrances(DATA / "Helsinki.osm.pbf")
    buildings = helsinki["buildings"]
    result = service.service_circles(helsinki["roads"], buildings, helsinki["facilities"],
                                     "category", entrances=doors)
    out = result.origins
    metric = buildings.to_crs(result.info["epsg"])
    doors_m = doors.to_crs(result.info["epsg"])
    # independently: the buildings with a door within 2 m of their outline
    near = gpd.sjoin(metric, doors_m.set_geometry(doors_m.buffer(entrances.TOLERANCE_M)),
                     predicate="intersects")
    with_door = np.isin(np.arange(len(metric)), near.index.unique())
    assert (out["anchor"] == "entrance").to_numpy().tolist() == with_door.tolist()
    assert with_door.sum() > 100
    assert set(out["anchor"]) == {"entrance", "wall"}
    # a door's start point is one of the doors, on (within 2 m of) its own building
    starts = result.deficiency.drop_duplicates("origin").set_index("origin").geometry
    door_rows = [i for i in starts.index if out.loc[i, "anchor"] == "entrance"]
    assert door_rows
    gap = shapely.distance(starts.loc[door_rows].values, metric.geometry.loc[door_rows].values)
    assert (gap <= entrances.TOLERANCE_M + 1e-9).all()
    door_xy = {tuple(xy) for xy in shapely.get_coordinates(doors_m.geometry.values).round(3)}
    assert {tuple(xy) for xy in shapely.get_coordinates(starts.loc[door_rows].values).round(3)
            } <= door_xy
    # starting at the door or the wall is never farther from the road than the centroid
    centroid = service.service_circles(helsinki["roads"], buildings, helsinki["facilities"],
                                       "category", anchor="centroid").origins
    assert (out["snap_m"] <= centroid["snap_m"] + 1e-9).mean() > 0.9
    assert out["snap_m"].median() < centroid["snap_m"].median()
