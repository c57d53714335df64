"""fastread.read_points returns what pyogrio.read_dataframe returns, fast path or not."""
import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely

from onegrid.processing.analysis import fastread

pytestmark = pytest.mark.pure


def _write(tmp_path, geometries, **columns):
    path = tmp_path / "points.gpkg"
    frame = gpd.GeoDataFrame(columns or {"n": np.arange(len(geometries))},
                             geometry=list(geometries), crs="EPSG:4549")
    pyogrio.write_dataframe(frame, path, layer="records")
    return path


def _same(path, columns, fids=False):
    fast = fastread.read_points(path, "records", columns, fids=fids)
    slow = pyogrio.read_dataframe(path, layer="records", columns=columns, fid_as_index=fids)
    assert list(fast.columns) == list(slow.columns)
    assert fast.crs == slow.crs
    assert fast.index.equals(slow.index)
    pd.testing.assert_frame_equal(pd.DataFrame(fast.drop(columns="geometry")),
                                  pd.DataFrame(slow.drop(columns="geometry")))
    a, b = np.asarray(fast.geometry.values), np.asarray(slow.geometry.values)
    assert (shapely.is_missing(a) == shapely.is_missing(b)).all()
    assert (shapely.to_wkb(a) == shapely.to_wkb(b)).all()
    return fast


def test_points_and_numbers_come_from_the_arrow_stream(tmp_path, monkeypatch):
    rng = np.random.default_rng(1)
    xy = rng.uniform(0, 1000, (300_000, 2))  # more than one Arrow batch
    path = _write(tmp_path, shapely.points(xy), record_no=np.arange(len(xy)),
                  weight=rng.random(len(xy)))
    calls = []
    monkeypatch.setattr(fastread.pyogrio, "read_dataframe",
                        lambda *a, **k: calls.append(1) or pyogrio.read_dataframe(*a, **k))
    fast = fastread.read_points(path, "records", ["record_no", "weight"])
    assert not calls  # the fast path, not the fallback
    monkeypatch.undo()
    np.testing.assert_array_equal(shapely.get_coordinates(fast.geometry.values), xy)
    _same(path, ["record_no", "weight"])


def test_no_columns_still_reads_the_points(tmp_path):
    # GDAL 3.6's Arrow stream without any attribute gives empty geometries: fids are asked
    fast = _same(_write(tmp_path, shapely.points([[1, 2], [3, 4]])), [])
    assert shapely.get_coordinates(fast.geometry.values).tolist() == [[1, 2], [3, 4]]


@pytest.mark.parametrize("geometries", [
    [shapely.Point(1, 2), None, shapely.Point(3, 4)],          # a null geometry
    [shapely.Point(1, 2), shapely.Point(1, 2, 3)],             # 3D
    [shapely.Point(1, 2), shapely.from_wkt("POINT EMPTY")],    # empty
])
def test_unusual_geometries_fall_back_to_pyogrio(tmp_path, geometries):
    _same(_write(tmp_path, geometries), ["n"])


def test_text_columns_fall_back_to_pyogrio(tmp_path):
    path = _write(tmp_path, shapely.points([[1, 2], [3, 4]]), name=["甲", None])
    fast = _same(path, ["name"])
    assert fast["name"].iloc[0] == "甲"


def test_feature_ids_as_the_index(tmp_path, monkeypatch):
    """With fids=True the index holds the GeoPackage's feature ids (named fid), also when
    they do not run 1..n (rows deleted), on the fast path as pyogrio gives them."""
    import sqlite3

    rng = np.random.default_rng(2)
    xy = rng.uniform(0, 1000, (300_000, 2))
    path = _write(tmp_path, shapely.points(xy), record_no=np.arange(len(xy)))
    with sqlite3.connect(path) as db:
        db.execute("DELETE FROM records WHERE fid % 7 = 0")
    calls = []
    monkeypatch.setattr(fastread.pyogrio, "read_dataframe",
                        lambda *a, **k: calls.append(1) or pyogrio.read_dataframe(*a, **k))
    fast = fastread.read_points(path, "records", ["record_no"], fids=True)
    assert not calls
    monkeypatch.undo()
    assert fast.index.name == "fid"
    assert (fast.index.to_numpy() % 7 != 0).all() and len(fast) == len(xy) - len(xy) // 7
    assert (fast.index.to_numpy() == fast["record_no"].to_numpy() + 1).all()
    _same(path, ["record_no"], fids=True)
    _same(_write(tmp_path, [shapely.Point(1, 2), None]), ["n"], fids=True)  # the fallback
