"""Synthetic cameras stand outside buildings; a camera inside one is still flagged."""
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely

from onegrid.processing.analysis import synthetic as syn
from onegrid.processing.analysis import visibility
from onegrid.processing.analysis.crs import to_metric

pytestmark = pytest.mark.pure

CRS = "EPSG:32650"
DATA = Path(__file__).resolve().parents[2] / "build" / "data"


def test_a_point_inside_goes_past_the_nearest_wall():
    xy, moved = syn.outside_footprints([(12.0, 4.0), (50.0, 50.0)],
                                       [shapely.box(0, 0, 20, 10)])
    assert moved.tolist() == [True, False]
    assert xy.tolist() == [pytest.approx([12.0, -0.5]), [50.0, 50.0]]


def test_never_through_a_shared_wall():
    # two houses sharing the wall x = 10; the point is 1 m west of it, 4 m from the top
    row = [shapely.box(0, 0, 10, 10), shapely.box(10, 0, 20, 10)]
    xy, moved = syn.outside_footprints([(9.0, 6.0)], row)
    assert moved.tolist() == [True]
    assert xy[0] == pytest.approx([9.0, 10.5])
    assert not shapely.union_all(row).intersects(shapely.Point(xy[0]))


def town_roads():
    """A 100 m street lattice, one line per block side (junctions are shared vertices)."""
    lines = [shapely.LineString([(x, y), (x + 100, y)]) for y in (0, 100, 200)
             for x in (0, 100, 200, 300)]
    lines += [shapely.LineString([(x, y), (x, y + 100)]) for x in (0, 100, 200, 300, 400)
              for y in (0, 100)]
    return gpd.GeoDataFrame(geometry=lines, crs=CRS)


def test_make_cameras_keeps_everything_but_the_position():
    roads = town_roads()
    # a building over every junction of the middle street
    buildings = gpd.GeoDataFrame(geometry=[shapely.box(x - 8, 92, x + 8, 108)
                                           for x in (100, 200, 300)], crs=CRS)
    plain = syn.make_cameras(roads, 7, 12)
    placed = syn.make_cameras(roads, 7, 12, buildings=buildings)
    inside = shapely.STRtree(buildings.geometry.values).query(plain.geometry.values,
                                                              predicate="within")[0]
    assert len(inside) == 3  # the generator alone puts three cameras in them
    assert shapely.STRtree(buildings.geometry.values).query(
        placed.geometry.values, predicate="intersects")[0].tolist() == []
    shift = shapely.distance(plain.geometry.values, placed.geometry.values)
    assert np.flatnonzero(shift > 0).tolist() == sorted(inside.tolist())
    assert (shift <= 8 + 3 * 1.0 * 5 + 0.5).all()  # a wall is at most 8 m + jitter away
    assert placed.drop(columns="geometry").equals(plain.drop(columns="geometry"))


def test_helsinki_demo_cameras_are_outside_and_see():
    from onegrid.processing.analysis import osm

    frames, _ = osm.import_osm(DATA / "Helsinki.osm.pbf")
    buildings, epsg = to_metric(frames["buildings"], "buildings")
    roads = frames["roads"].to_crs(epsg)
    facilities = frames["facilities"].to_crs(epsg)
    before = syn.make_cameras(roads, 11, 120, facilities=facilities)
    after = syn.make_cameras(roads, 11, 120, facilities=facilities, buildings=buildings)
    flags = {}
    for name, cameras in (("before", before), ("after", after)):
        sheds = visibility.camera_viewsheds(cameras, buildings, workers=1)
        flags[name] = int(sheds["flags"].str.contains(visibility.FLAG_INSIDE).sum())
        if name == "after":
            assert (sheds["area_m2"] > 0).all()
    assert flags["before"] > 5
    assert flags["after"] == 0


def test_a_camera_inside_a_building_is_still_flagged():
    """The flag path, with hand-made input (the generator no longer makes such cameras)."""
    building = gpd.GeoDataFrame(geometry=[shapely.box(0, 0, 20, 10)], crs=CRS)
    cameras = gpd.GeoDataFrame({"azimuth_deg": [90.0, 90.0], "fov_deg": 90.0,
                                "range_m": 30.0}, geometry=[shapely.Point(5, 5),
                                                            shapely.Point(-5, 5)], crs=CRS)
    sheds = visibility.camera_viewsheds(cameras, building, workers=1)
    assert sheds["flags"].tolist() == [visibility.FLAG_INSIDE, ""]
    assert sheds.geometry.is_empty.tolist() == [True, False]
    assert sheds["area_m2"].iloc[0] == 0.0
