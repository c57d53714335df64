"""gcpause.gc_paused: the collector off inside, back as it was after, across nesting,
threads and errors; the bulk readers and link_records use it."""
import gc
import threading
import weakref

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import shapely

from onegrid.processing.analysis import fastread, linking
from onegrid.processing.analysis.gcpause import gc_paused

pytestmark = pytest.mark.pure


@pytest.fixture(autouse=True)
def _collector_on():
    gc.enable()
    yield
    gc.enable()


def test_off_inside_and_on_after():
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer block still holds it
    assert gc.isenabled()


def test_left_off_when_it_was_off():
    gc.disable()
    with gc_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_back_on_after_an_error():
    with pytest.raises(ValueError, match="boom"):
        with gc_paused():
            raise ValueError("boom")
    assert gc.isenabled()


def test_as_a_decorator():
    seen = []

    @gc_paused()
    def work(x):
        seen.append(gc.isenabled())
        return x + 1

    assert work(1) == 2 and work(2) == 3
    assert seen == [False, False]
    assert gc.isenabled()


def test_overlapping_threads_restore_once_the_last_leaves():
    # A enters, B enters, A leaves (B still inside: still off), B leaves: on again.
    a_in, b_in, a_out = threading.Event(), threading.Event(), threading.Event()
    states = {}

    def a():
        with gc_paused():
            a_in.set()
            b_in.wait(5)
        states["after_a"] = gc.isenabled()
        a_out.set()

    def b():
        a_in.wait(5)
        with gc_paused():
            b_in.set()
            a_out.wait(5)
            states["b_after_a"] = gc.isenabled()

    threads = [threading.Thread(target=a), threading.Thread(target=b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert states == {"after_a": False, "b_after_a": False}
    assert gc.isenabled()


def test_cycles_wait_for_the_end_of_the_pause():
    class Node:
        pass

    def cycle():
        node = Node()
        node.me = node  # garbage only the collector frees
        return weakref.ref(node)

    gc.collect()
    with gc_paused():
        ref = cycle()
        kept = [[] for _ in range(20_000)]  # far past the young generation's threshold
        assert ref() is not None  # no collection ran
    more = [[] for _ in range(20_000)]  # the collector runs again on its own
    assert ref() is None
    assert len(kept) == len(more)


def test_readers_and_linking_leave_the_collector_on(tmp_path):
    points = shapely.points(np.array([[5.0, 5.0], [50.0, 50.0]]))
    path = tmp_path / "r.gpkg"
    pyogrio.write_dataframe(gpd.GeoDataFrame({"n": [1, 2]}, geometry=points,
                                             crs="EPSG:4547"), path, layer="records")
    records = fastread.read_points(path, "records", ["n"])
    assert gc.isenabled()
    buildings = gpd.GeoDataFrame({"building_code": ["B1"]},
                                 geometry=[shapely.box(0, 0, 10, 10)], crs="EPSG:4547")
    result = linking.link_records(records, buildings, max_distance=0)
    assert gc.isenabled()
    assert result.linked["building_id"].tolist() == ["B1"]
    assert len(result.unmatched) == 1
