"""A small workspace with real buildings, plots and streets (Prague Bubenec, from momepy's
bubenec.gpkg) and a few synthetic records (flagged synthetic=1) for the GUI tests."""
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from qgis.core import QgsApplication
from qgis.PyQt import sip

from onegrid.layers import styles
from onegrid.layers.io import append_frame
from onegrid.layers.workspace import create_workspace

BUBENEC_GPKG = Path(__file__).resolve().parents[2] / "build" / "data" / "bubenec.gpkg"


def fill_bubenec(path):
    """Append Bubenec's buildings, plots and streets and a synthetic community with 2x2 base
    grids, a police grid, cameras, facilities and events to the workspace at ``path``."""
    buildings = gpd.read_file(BUBENEC_GPKG, layer="buildings")
    plots = gpd.read_file(BUBENEC_GPKG, layer="plots")
    streets = gpd.read_file(BUBENEC_GPKG, layer="streets")
    n = len(buildings)
    buildings["building_code"] = [f"B{int(u):04d}" for u in buildings["uID"]]
    buildings["house_number"] = [str(i + 1) for i in range(n)]
    buildings["use"] = np.where(np.arange(n) % 5 == 0, "commercial", "residential")
    buildings["levels"] = 3 + np.arange(n) % 5
    append_frame(path, "buildings", buildings)
    plots["parcel_code"] = [f"P{int(i):04d}" for i in plots["ID"]]
    append_frame(path, "parcels", plots)
    streets["highway"] = "residential"
    streets["synthetic"] = 1
    append_frame(path, "roads", streets)

    crs = buildings.crs
    area = shapely.convex_hull(shapely.union_all(buildings.geometry.values))
    community = gpd.GeoDataFrame({"code": ["C001"], "name": ["布本内奇社区"], "synthetic": [1]},
                                 geometry=[area], crs=crs)
    append_frame(path, "communities", community)
    minx, miny, maxx, maxy = area.bounds
    midx, midy = (minx + maxx) / 2, (miny + maxy) / 2
    cells = [shapely.box(x0, y0, x1, y1) for x0, x1 in ((minx, midx), (midx, maxx))
             for y0, y1 in ((miny, midy), (midy, maxy))]
    grids = gpd.GeoDataFrame({
        "grid_code": [f"C001{i:03d}" for i in range(1, 5)],
        "name": [f"第{i}网格" for i in range(1, 5)],
        "community_code": "C001", "synthetic": 1,
    }, geometry=shapely.intersection(cells, area), crs=crs)
    append_frame(path, "base_grids", grids)
    police = gpd.GeoDataFrame({"grid_code": ["J001"], "name": ["第一警格"],
                               "grid_type": ["police"], "synthetic": [1]},
                              geometry=[shapely.buffer(area, -15)], crs=crs)
    append_frame(path, "professional_grids", police)

    centroids = buildings.geometry.centroid.values
    cameras = gpd.GeoDataFrame({
        "camera_code": [f"V{i:03d}" for i in range(12)],
        "camera_type": ["bullet"] * 8 + ["dome"] * 2 + ["ptz"] * 2,
        "azimuth_deg": np.arange(12) * 30.0, "online": [1] * 11 + [0], "synthetic": 1,
    }, geometry=centroids[::12][:12], crs=crs)
    append_frame(path, "cameras", cameras)
    categories = ["education", "medical", "elderly", "commerce", "culture_sport", "other"]
    facilities = gpd.GeoDataFrame({
        "name": ["幼儿园", "卫生站", "日间照料中心", "菜市场", "文化站", "快递站"],
        "category": categories, "synthetic": 1,
    }, geometry=centroids[5::20][:6], crs=crs)
    append_frame(path, "facilities", facilities)
    statuses = ["reported", "filed", "dispatched", "handling", "verification", "closed"]
    events = gpd.GeoDataFrame({
        "event_code": [f"E{i:03d}" for i in range(18)],
        "event_type": "environment", "status": statuses * 3,
        "reported_at": "2026-11-20T08:00:00Z", "synthetic": 1,
    }, geometry=centroids[3::8][:18], crs=crs)
    append_frame(path, "events", events)


@pytest.fixture
def bubenec_workspace(tmp_path, qgis_app):
    """A styled workspace (EPSG:4490) holding Bubenec and a few synthetic records."""
    path = tmp_path / "bubenec.gpkg"
    create_workspace(path)
    styles.store_default_styles(path)
    fill_bubenec(path)
    return path


def settle_canvas():
    """Let the map canvas finish the render it is running and stop it from starting another
    on the project's layers: QGIS cancels canvas jobs before it closes a project, because a
    render still running on deleted layers crashes (QGIS issue 44144); a test that clears the
    project does the same."""
    from qgis.utils import iface

    canvas = iface.mapCanvas() if iface is not None else None
    if canvas is None or sip.isdeleted(canvas):
        return
    canvas.waitWhileRendering()
    canvas.setLayers([])
    canvas.waitWhileRendering()


def wait_for_tasks(timeout_s=60):
    """Cancel the background tasks still running and wait until they are gone."""
    manager = QgsApplication.taskManager()
    manager.cancelAll()
    deadline = time.monotonic() + timeout_s
    while manager.countActiveTasks() and time.monotonic() < deadline:
        QgsApplication.processEvents()
        time.sleep(0.01)
    QgsApplication.processEvents()


def clear_project(project):
    """Clear ``project`` once no render and no background task can still touch its layers."""
    settle_canvas()
    wait_for_tasks()
    project.clear()
    QgsApplication.processEvents()


def close_panel(widget, project):
    """Tear down a dock panel made by a test: clean it up, roll back edits, clear the project."""
    widget.cleanup()
    for layer in project.mapLayers().values():
        if layer.isEditable():
            layer.rollBack()
    clear_project(project)
    widget.deleteLater()
    QgsApplication.processEvents()
