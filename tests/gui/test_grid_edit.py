"""The grid-editing panel on a hand-made workspace: split with a drawn line, merge, paint
buildings, live totals and validation, driven with synthetic map mouse events."""
import datetime

import geopandas as gpd
import pytest
import shapely
from qgis.core import (NULL, QgsApplication, QgsCoordinateReferenceSystem, QgsGeometry,
                       QgsPointXY, QgsProject, QgsRectangle, QgsTask)
from qgis.gui import QgsMapMouseEvent
from qgis.PyQt.QtCore import QEvent, QPoint, Qt

from onegrid.grid_plugin.grid_edit import COLOUR_ABOVE, COLOUR_BELOW, GridEditPanel
from onegrid.layers.io import append_frame
from onegrid.layers.project import add_workspace_to_project
from onegrid.layers.workspace import create_workspace

from .conftest import clear_project, close_panel

pytestmark = pytest.mark.gui

CRS = "EPSG:4549"
X0, Y0 = 500000.0, 3500000.0
TODAY = datetime.date.today()


def box(x0, y0, x1, y1):
    return shapely.box(X0 + x0, Y0 + y0, X0 + x1, Y0 + y1)


def make_workspace(path, overlap=0.0):
    """Four 100 m grids A (SW), B (SE), C (NW), D (NE) in one community; three buildings of
    100 households each in every grid. ``overlap`` m: B reaches that far west into A."""
    create_workspace(path, crs=CRS)
    append_frame(path, "communities", gpd.GeoDataFrame(
        {"code": ["C001"], "name": ["Test"]}, geometry=[box(0, 0, 200, 200)], crs=CRS))
    grids = gpd.GeoDataFrame({
        "grid_code": ["A", "B", "C", "D"], "community_code": "C001",
        "valid_from": datetime.date(2024, 1, 1),
    }, geometry=[box(0, 0, 100, 100), box(100 - overlap, 0, 200, 100),
                 box(0, 100, 100, 200), box(100, 100, 200, 200)], crs=CRS)
    append_frame(path, "base_grids", grids)
    rows = []
    for code, (gx, gy) in zip("ABCD", [(0, 0), (100, 0), (0, 100), (100, 100)]):
        for i in range(3):
            x = gx + 20 + 25 * i
            rows.append({"building_code": f"{code}{i}", "grid_code": code, "households": 100,
                         "geometry": box(x, gy + 40, x + 10, gy + 50)})
    append_frame(path, "buildings", gpd.GeoDataFrame(rows, crs=CRS))
    return path


@pytest.fixture
def panel(qgis_iface, qgis_canvas, tmp_path, request):
    project = QgsProject.instance()
    clear_project(project)
    overlap = getattr(request, "param", 0.0)
    path = make_workspace(tmp_path / "edit.gpkg", overlap)
    add_workspace_to_project(path, project, language="en")
    qgis_canvas.resize(400, 400)
    qgis_canvas.setDestinationCrs(QgsCoordinateReferenceSystem(CRS))
    qgis_canvas.setExtent(QgsRectangle(X0 - 20, Y0 - 20, X0 + 220, Y0 + 220))
    widget = GridEditPanel(qgis_iface)
    widget.show()
    yield widget
    close_panel(widget, project)


def mouse(canvas, kind, x, y, button=Qt.LeftButton):
    """A map mouse event at map coordinates (metres from the fixture's origin)."""
    pixel = canvas.getCoordinateTransform().transform(QgsPointXY(X0 + x, Y0 + y))
    types = {"press": QEvent.MouseButtonPress, "release": QEvent.MouseButtonRelease,
             "move": QEvent.MouseMove, "double": QEvent.MouseButtonDblClick}
    button = button or Qt.NoButton
    return QgsMapMouseEvent(canvas, types[kind], QPoint(round(pixel.x()), round(pixel.y())),
                            button, button)


def click(tool, canvas, x, y, button=Qt.LeftButton):
    tool.canvasPressEvent(mouse(canvas, "press", x, y, button))
    tool.canvasReleaseEvent(mouse(canvas, "release", x, y, button))


def count(layer):
    """Features of ``layer`` with its edit buffer (featureCount() of an OGR layer may be -1,
    "not counted yet")."""
    return sum(1 for _ in layer.getFeatures())


def rows(layer):
    """code -> list of (area, valid_from, valid_to) of every row, ordered by area."""
    out = {}
    for f in layer.getFeatures():
        code = f["grid_code"]
        out.setdefault(code, []).append((
            round(f.geometry().area(), 1),
            None if f["valid_from"] in (None, NULL) else f["valid_from"].toPyDate(),
            None if f["valid_to"] in (None, NULL) else f["valid_to"].toPyDate()))
    return {k: sorted(v) for k, v in out.items()}


def test_defaults_and_totals(panel):
    assert panel.grids_layer().name() == "Base grids"
    assert panel.buildings_layer().name() == "Buildings"
    assert panel.target_spin.value() == 300
    assert panel.tolerance_spin.value() == pytest.approx(0.2)
    assert panel.totals() == {"A": (300, None), "B": (300, None), "C": (300, None),
                              "D": (300, None)}


def test_split_tool_with_mouse_events(panel, qgis_canvas):
    layer = panel.grids_layer()
    panel.split_button.setChecked(True)
    tool = qgis_canvas.mapTool()
    assert tool is panel.split_tool
    click(tool, qgis_canvas, 30, -10)
    tool.canvasMoveEvent(mouse(qgis_canvas, "move", 30, 50, None))
    click(tool, qgis_canvas, 30, 110)
    click(tool, qgis_canvas, 30, 110, Qt.RightButton)   # finishes inside C: C is not cut
    assert layer.isEditable()
    assert count(layer) == 6
    got = rows(layer)
    # The line is where the clicks' pixels are: within half a pixel of x = 30 m.
    tolerance = qgis_canvas.mapUnitsPerPixel() * 0.5 * 100
    assert [r[1:] for r in got["A"]] == [(TODAY, None), (datetime.date(2024, 1, 1), TODAY)]
    assert got["A"][0][0] == pytest.approx(7000.0, abs=tolerance)
    assert got["A"][1][0] == 10000.0
    assert [r[1:] for r in got[""]] == [(TODAY, None)]
    assert got[""][0][0] + got["A"][0][0] == pytest.approx(10000.0)
    assert got["C"] == [(10000.0, datetime.date(2024, 1, 1), None)]
    assert "Split grid A into 2 parts" in panel.status_label.text()
    new = [f for f in layer.getFeatures() if f["valid_from"] == TODAY]
    assert all(f["community_code"] == "C001" for f in new)
    assert all(f["updated_at"].date().toPyDate() >= TODAY for f in new)
    closed = [f for f in layer.getFeatures() if f["valid_to"] == TODAY]
    assert [f["updated_by"] for f in closed] == [QgsApplication.userLoginName()]
    # The totals table follows: the new grid has no code and no buildings yet.
    assert panel.totals()[""] == (0, COLOUR_BELOW.name())
    # Undo restores the original layer; nothing was written to the file.
    layer.undoStack().undo()
    assert count(layer) == 4
    assert rows(layer)["A"] == [(10000.0, datetime.date(2024, 1, 1), None)]
    layer.undoStack().redo()
    assert count(layer) == 6


def test_split_line_that_misses(panel, qgis_canvas):
    tool = panel.split_tool
    qgis_canvas.setMapTool(tool)
    click(tool, qgis_canvas, 30, 10)
    click(tool, qgis_canvas, 30, 50)
    tool.canvasDoubleClickEvent(mouse(qgis_canvas, "double", 30, 50))
    assert count(panel.grids_layer()) == 4
    assert panel.status_label.text() == ("The line does not cut the grid in two: draw it "
                                         "across the grid, starting and ending outside it")


def test_merge_selected(panel):
    layer = panel.grids_layer()
    ids = {f["grid_code"]: f.id() for f in layer.getFeatures()}
    layer.selectByIds([ids["A"], ids["B"]])
    assert panel.merge_selected(), panel.status_label.text()
    got = rows(layer)
    assert got["A"] == [(10000.0, datetime.date(2024, 1, 1), TODAY),
                        (20000.0, TODAY, None)]
    assert got["B"] == [(10000.0, datetime.date(2024, 1, 1), TODAY)]
    assert count(layer) == 5
    assert panel.totals()["A"] == (300, None)   # buildings keep their codes until painted
    layer.undoStack().undo()
    assert count(layer) == 4
    layer.selectByIds([ids["A"], ids["D"]])
    assert not panel.merge_selected()
    assert panel.status_label.text() == ("The selected grids are not contiguous: their union "
                                         "has 2 separate parts")


def test_paint_two_buildings(panel, qgis_canvas):
    buildings = panel.buildings_layer()
    assert panel.set_paint_target("B")
    panel.paint_button.setChecked(True)
    tool = qgis_canvas.mapTool()
    assert tool is panel.paint_tool
    # The off-screen canvas keeps a small pixel size (several metres a pixel): a search
    # radius under a pixel keeps the 15 m gaps between buildings untouched.
    tool.RADIUS_PX = 0.25
    # Drag from building A1 (45..55, 40..50) to building A2 (70..80): two buildings.
    tool.canvasPressEvent(mouse(qgis_canvas, "press", 50, 45))
    tool.canvasMoveEvent(mouse(qgis_canvas, "move", 62, 45))
    tool.canvasMoveEvent(mouse(qgis_canvas, "move", 75, 45))
    tool.canvasReleaseEvent(mouse(qgis_canvas, "release", 75, 45))
    codes = {f["building_code"]: f["grid_code"] for f in buildings.getFeatures()}
    assert codes["A0"] == "A" and codes["A1"] == "B" and codes["A2"] == "B"
    assert panel.status_label.text() == "Buildings given to grid B: 2"
    totals = panel.totals()
    assert totals["A"] == (100, COLOUR_BELOW.name())
    assert totals["B"] == (500, COLOUR_ABOVE.name())
    assert totals["C"] == (300, None)
    row = [panel.totals_table.item(r, 0).text() for r in range(4)].index("B")
    assert panel.totals_table.item(row, 1).text() == "500"
    # The painted buildings took their Voronoi cells along: A's buildings stand at x = 25, 50
    # and 75 m (all at y = 45 m), so the new A-B boundary is midway between 25 and 50.
    grids = panel.grids_layer()
    got = rows(grids)
    assert count(grids) == 6
    assert got["A"] == [(3750.0, TODAY, None), (10000.0, datetime.date(2024, 1, 1), TODAY)]
    assert got["B"] == [(10000.0, datetime.date(2024, 1, 1), TODAY), (16250.0, TODAY, None)]
    buildings.undoStack().undo()
    assert panel.totals()["A"] == (300, None)
    grids.undoStack().undo()
    assert count(grids) == 4


def test_paint_codes_only(panel, qgis_canvas):
    panel.move_check.setChecked(False)
    panel.set_paint_target("C")
    ids = {f["building_code"]: f.id() for f in panel.buildings_layer().getFeatures()}
    assert panel.paint_buildings([ids["A0"], ids["C0"]])
    assert panel.status_label.text() == "Buildings given to grid C: 1"
    assert panel.totals()["C"] == (400, COLOUR_ABOVE.name())
    assert count(panel.grids_layer()) == 4
    assert not panel.grids_layer().isEditable()
    panel.move_check.setChecked(True)


def _wait(task):
    """Turn the event loop until the task manager has finished ``task``."""
    while task.status() not in (QgsTask.Complete, QgsTask.Terminated):
        QgsApplication.processEvents()


@pytest.mark.parametrize("panel", [10.0], indirect=True)
def test_validate_finds_the_planted_overlap(panel):
    task = panel.validate()
    assert task is not None
    assert not panel.validate_button.isEnabled()
    _wait(task)
    for _ in range(20):
        QgsApplication.processEvents()
    problems = panel.problems_layer()
    assert problems is not None and problems.name() == "Validation problems"
    found = sorted((f["error_type"], f["grid_ids"], round(f["area_m2"]))
                   for f in problems.getFeatures())
    assert found == [("overlap", "A,B", 1000)]
    assert problems.renderer().type() == "categorizedSymbol"
    assert panel.status_label.text() == "Problems found: 1"
    assert panel.validate_button.isEnabled()


def test_validate_clean_workspace(panel):
    task = panel.validate()
    _wait(task)
    for _ in range(20):
        QgsApplication.processEvents()
    assert panel.problems_layer().featureCount() == 0
    assert panel.status_label.text() == "Problems found: 0"


def test_validation_task_cancel_and_error():
    from onegrid.grid_plugin.tasks import ValidateGridsTask

    grids = gpd.GeoDataFrame({"grid": ["A", "B"]}, geometry=[box(0, 0, 100, 100),
                                                            box(100, 0, 200, 100)], crs=CRS)
    done = []
    task = ValidateGridsTask(grids, "grid", lambda p, e: done.append((p, e)))
    task.cancel()
    assert task.run() is False
    task.finished(False)
    assert done == [(None, None)]
    bad = ValidateGridsTask(grids, "missing", lambda p, e: done.append((p, e)))
    assert bad.run() is False
    bad.finished(False)
    assert done[-1][0] is None
    assert done[-1][1].startswith("Layer grids has no field missing")
    ok = ValidateGridsTask(grids, "grid", lambda p, e: done.append((p, e)))
    assert ok.run() is True
    ok.finished(True)
    assert len(done[-1][0]) == 0 and done[-1][1] is None


def test_live_validation_after_a_split(panel):
    panel.live_check.setChecked(True)
    try:
        line = QgsGeometry.fromPolylineXY([QgsPointXY(X0 + 30, Y0 - 10),
                                           QgsPointXY(X0 + 30, Y0 + 90),
                                           QgsPointXY(X0 + 30, Y0 + 110)])
        assert panel.split_along(line)
        assert panel.live_timer.isActive()
        panel.live_timer.timeout.emit()
        assert panel.task is not None
        _wait(panel.task)
        for _ in range(20):
            QgsApplication.processEvents()
        # A's buildings stand at x = 20..30 (100 households, now in the new part) and
        # 45..80 (200, kept by A): both parts are below 300 * (1 - 0.2).
        found = sorted((f["error_type"], f["grid_ids"]) for f in
                       panel.problems_layer().getFeatures())
        new_fid = [f.id() for f in panel.grids_layer().getFeatures() if f["grid_code"] == ""]
        assert found == [("too_few_households", f"#{new_fid[0]}"),
                         ("too_few_households", "A")]
    finally:
        panel.live_check.setChecked(False)
