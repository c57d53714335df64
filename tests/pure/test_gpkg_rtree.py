"""The bulk-built GeoPackage spatial index: SQLite's own check passes, GDAL uses it and its
box queries give what a full scan gives, edits afterwards keep it right, and a layer that
does not hold the features given is refused with the index left out."""
import sqlite3

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import shapely

from onegrid.processing.analysis import gpkg_rtree as R

CRS = "EPSG:4549"
BOXES = [(100, 100, 300, 250), (0, 0, 1000, 1000), (500.5, 500.5, 500.6, 500.6),
         (-50, -50, 10, 10)]


def _layer(path, n, seed=3):
    rng = np.random.default_rng(seed)
    geoms = shapely.points(rng.uniform(0, 1000, (n, 2)))
    if n > 100:
        geoms[::97] = shapely.buffer(geoms[::97], 3.3)  # polygons among the points
        geoms[5] = None
        geoms[6] = shapely.from_wkt("POINT EMPTY")
    frame = gpd.GeoDataFrame({"a": np.arange(n)}, geometry=geoms, crs=CRS)
    pyogrio.write_dataframe(frame, path, layer="lay", driver="GPKG", spatial_index=False,
                            geometry_type="Unknown")
    return geoms


def _hit(geoms, box):
    """Which geometries intersect ``box`` (a full scan; none for missing or empty)."""
    with np.errstate(invalid="ignore"):
        return shapely.intersects(geoms, shapely.box(*box))


def _by_box(path, box):
    return set(pyogrio.read_dataframe(path, layer="lay", bbox=box, columns=["a"])["a"])


@pytest.mark.parametrize("n", [0, 1, 51, 52, 2601, 2602, 20_000])
def test_index_answers_box_queries_as_a_full_scan(tmp_path, n):
    path = str(tmp_path / "l.gpkg")
    geoms = _layer(path, n)
    rtree = R.add_spatial_index(path, "lay", geoms, np.arange(1, n + 1))
    assert rtree == "rtree_lay_geom"
    assert pyogrio.read_info(path, layer="lay")["capabilities"]["fast_spatial_filter"]
    con = sqlite3.connect(path)
    try:
        assert con.execute("SELECT rtreecheck('rtree_lay_geom')").fetchone()[0] == "ok"
        entries = con.execute("SELECT count(*) FROM rtree_lay_geom").fetchone()[0]
        assert entries == n - (2 if n > 100 else 0)  # no entry for missing or empty
        assert con.execute("SELECT extension_name, scope FROM gpkg_extensions WHERE "
                           "table_name = 'lay'").fetchall() == [("gpkg_rtree_index",
                                                                  "write-only")]
        triggers = {r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'rtree%'")}
        assert len(triggers) == 6
    finally:
        con.close()
    for box in BOXES:
        expected = set(np.flatnonzero(_hit(geoms, box)).tolist())
        assert (_by_box(path, box) if n else set()) == expected


def test_edits_after_the_bulk_build_keep_the_index_right(tmp_path):
    path = str(tmp_path / "l.gpkg")
    geoms = _layer(path, 5000)
    R.add_spatial_index(path, "lay", geoms, np.arange(1, 5001))
    more = gpd.GeoDataFrame({"a": [5000, 5001]}, geometry=[shapely.Point(200, 200),
                                                           shapely.Point(900, 900)], crs=CRS)
    pyogrio.write_dataframe(more, path, layer="lay", driver="GPKG", append=True)
    con = sqlite3.connect(path)
    try:
        con.execute("DELETE FROM lay WHERE a < 2500")  # the delete trigger
        con.commit()
        assert con.execute("SELECT rtreecheck('rtree_lay_geom')").fetchone()[0] == "ok"
    finally:
        con.close()
    every = np.r_[geoms, more.geometry.values]
    alive = np.r_[np.arange(5000) >= 2500, True, True]
    for box in BOXES:
        hit = _hit(every, box) & alive
        assert _by_box(path, box) == set(np.flatnonzero(hit).tolist())


def test_other_features_are_refused_and_no_index_is_left(tmp_path):
    path = str(tmp_path / "l.gpkg")
    geoms = _layer(path, 300)
    with pytest.raises(R.RtreeError, match="lay: its features are not the ones given"):
        R.add_spatial_index(path, "lay", geoms, np.arange(2, 302))
    con = sqlite3.connect(path)
    try:
        assert not con.execute("SELECT name FROM sqlite_master WHERE name LIKE 'rtree%'"
                               ).fetchall()
    finally:
        con.close()


def test_boxes_round_outwards_to_float32():
    rng = np.random.default_rng(5)
    bounds = rng.uniform(-1e6, 1e6, (100_000, 2))
    bounds = np.c_[bounds, bounds + rng.uniform(0, 1, (100_000, 2))]
    boxes = R.float32_boxes(bounds)
    assert boxes.dtype == np.float32
    assert (boxes[:, 0] <= bounds[:, 0]).all() and (boxes[:, 1] >= bounds[:, 2]).all()
    assert (boxes[:, 2] <= bounds[:, 1]).all() and (boxes[:, 3] >= bounds[:, 3]).all()
    # the nearest float32 on the right side: one step inwards would cut the box
    inner = np.nextafter(boxes[:, 0], np.float32(np.inf))
    assert (inner > bounds[:, 0]).all()
