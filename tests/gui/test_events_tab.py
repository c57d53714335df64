"""The "Event workflow" tab: move events through the closed loop with the tab's widgets, the
events row and the event_history row written together; illegal moves refused with their
message; events picked on the map; screenshots of the tab and of the real desktop."""
import datetime
import os

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from qgis.core import QgsCoordinateReferenceSystem, QgsPointXY, QgsProject, QgsRectangle
from qgis.gui import QgsMapMouseEvent
from qgis.PyQt.QtCore import QEvent, QPoint, Qt
from qgis.PyQt.QtTest import QTest

from onegrid.grid_plugin.events import COLOUR_OVERDUE, EventWorkflowPanel
from onegrid.layers.io import append_frame
from onegrid.layers.project import add_workspace_to_project
from onegrid.layers.workspace import create_workspace

from .conftest import clear_project, close_panel

pytestmark = pytest.mark.gui

CRS = "EPSG:4549"
X0, Y0 = 500000.0, 3500000.0
REPORTED = pd.Timestamp("2026-11-20T01:00:00Z")
NOW = datetime.datetime(2026, 11, 21, 6, 30, tzinfo=datetime.timezone.utc)
STATUSES = ("reported", "filed", "dispatched", "handling", "verification", "closed")


def make_workspace(path):
    """Six environment events E0..E5, one in each status, 20 m apart along a line."""
    create_workspace(path, crs=CRS)
    deadline = [None, None] + [REPORTED + pd.Timedelta(hours=h) for h in (2, 30, 30, 30)]
    events = gpd.GeoDataFrame({
        "event_code": [f"E{i}" for i in range(6)], "event_type": "environment",
        "status": list(STATUSES), "reported_at": REPORTED, "deadline": deadline,
        "closed_at": [None] * 5 + [REPORTED + pd.Timedelta(hours=20)],
        "responsible_unit": "街道环卫所", "reporter": "网格员甲", "synthetic": 1,
    }, geometry=[shapely.Point(X0 + 20 + 20 * i, Y0 + 50) for i in range(6)], crs=CRS)
    append_frame(path, "events", events)
    return path


@pytest.fixture
def panel(qgis_iface, qgis_canvas, tmp_path):
    project = QgsProject.instance()
    clear_project(project)
    path = make_workspace(tmp_path / "events.gpkg")
    add_workspace_to_project(path, project, language="en")
    qgis_canvas.resize(400, 300)
    qgis_canvas.setDestinationCrs(QgsCoordinateReferenceSystem(CRS))
    qgis_canvas.setExtent(QgsRectangle(X0, Y0, X0 + 160, Y0 + 100))
    widget = EventWorkflowPanel(qgis_iface)
    widget.now = lambda: NOW
    widget.who_edit.setText("王网格长")
    widget.resize(420, 640)
    widget.refresh()
    widget.show()
    widget.path = path
    yield widget
    close_panel(widget, project)


def on_file(panel):
    events = pyogrio.read_dataframe(str(panel.path), layer="events", read_geometry=False)
    history = pyogrio.read_dataframe(str(panel.path), layer="event_history",
                                     read_geometry=False)
    return events.set_index("event_code"), history


def utc(value):
    return pd.Timestamp(value).tz_localize("UTC") if pd.Timestamp(value).tzinfo is None \
        else pd.Timestamp(value).tz_convert("UTC")


def choose(panel, code, target, comment=""):
    assert panel.select_code(code)
    index = panel.next_combo.findData(target)
    assert index >= 0, panel.next_options()
    panel.next_combo.setCurrentIndex(index)
    panel.comment_edit.setText(comment)
    QTest.mouseClick(panel.save_button, Qt.LeftButton)


def test_list_and_legal_choices(panel):
    assert panel.listed_codes() == ["E0", "E1", "E2", "E3", "E4"]  # open ones
    panel.open_check.setChecked(False)
    assert panel.listed_codes() == ["E0", "E1", "E2", "E3", "E4", "E5"]
    panel.search_edit.setText("e4")
    assert panel.listed_codes() == ["E4"]
    panel.search_edit.setText("")
    # E2 (dispatched) is past its deadline at NOW: its row is highlighted.
    row = panel.listed_codes().index("E2")
    assert panel.table.item(row, 0).background().color() == COLOUR_OVERDUE
    assert panel.table.item(panel.listed_codes().index("E3"), 0).background().style() == \
        Qt.NoBrush
    expected = {"E0": ["filed"], "E1": ["dispatched"], "E2": ["handling"],
                "E3": ["verification"], "E4": ["closed", "handling"], "E5": []}
    for code, targets in expected.items():
        assert panel.select_code(code)
        assert [t for t, _ in panel.next_options()] == targets
        assert panel.save_button.isEnabled() == bool(targets)
    panel.select_code("E4")
    assert [text for _, text in panel.next_options()] == [
        "Closed (verification passed)", "Being handled (verification failed: back to handling)"]
    assert panel.detail_label.text().startswith("E4: Environment & sanitation, Awaiting "
                                                "verification; deadline 2026-11-21")


def test_long_lists_are_cut_with_a_note(panel, monkeypatch):
    from onegrid.grid_plugin import events as tab

    monkeypatch.setattr(tab, "MAX_ROWS", 3)
    panel.refresh()
    assert panel.listed_codes() == ["E0", "E1", "E2"]
    assert panel.more_label.isVisibleTo(panel)
    assert panel.more_label.text() == ("The first 3 events are listed: narrow the search to "
                                       "see the others")
    panel.search_edit.setText("4")
    assert panel.listed_codes() == ["E4"] and not panel.more_label.isVisibleTo(panel)


def test_change_status_writes_the_event_and_its_history(panel):
    choose(panel, "E1", "dispatched", "派给环卫所")
    assert panel.status_label.text() == "Event E1: Filed -> Dispatched"
    events, history = on_file(panel)
    assert not panel.events_layer().isEditable() and not panel.history_layer().isEditable()
    row = events.loc["E1"]
    assert row["status"] == "dispatched"
    assert utc(row["deadline"]) == pd.Timestamp(NOW) + pd.Timedelta(hours=24)
    assert utc(row["updated_at"]) == pd.Timestamp(NOW)
    assert row["updated_by"] == "王网格长"
    assert len(history) == 1
    record = history.iloc[0]
    assert (record["event_code"], record["from_status"], record["to_status"],
            record["comment"], record["changed_by"]) == (
        "E1", "filed", "dispatched", "派给环卫所", "王网格长")
    assert utc(record["changed_at"]) == pd.Timestamp(NOW)
    # The other events did not change.
    assert events.loc["E0", "status"] == "reported" and pd.isna(events.loc["E0", "updated_at"])

    choose(panel, "E4", "closed")
    events, history = on_file(panel)
    assert events.loc["E4", "status"] == "closed"
    assert utc(events.loc["E4", "closed_at"]) == pd.Timestamp(NOW)
    assert history["to_status"].tolist() == ["dispatched", "closed"]
    assert "E4" not in panel.listed_codes()  # closed: no longer in the open list


def test_third_failed_verification_escalates(panel):
    for failure in range(1, 4):
        panel.now = lambda f=failure: NOW + datetime.timedelta(hours=2 * f)
        choose(panel, "E4", "handling", f"仍有垃圾 {failure}")
        panel.now = lambda f=failure: NOW + datetime.timedelta(hours=2 * f + 1)
        choose(panel, "E4", "verification", "已清理")
        events, _ = on_file(panel)
        assert events.loc["E4", "verify_failures"] == failure
        assert events.loc["E4", "escalated"] == (1 if failure == 3 else 0)
    _, history = on_file(panel)
    assert history["to_status"].tolist() == ["handling", "verification"] * 3
    assert history["comment"].tolist()[::2] == ["仍有垃圾 1", "仍有垃圾 2", "仍有垃圾 3"]
    assert "escalated" in panel.detail_label.text()
    shown = panel.history_rows("E4")
    assert [(r[2], r[3]) for r in shown][:2] == [("verification", "handling"),
                                                ("handling", "verification")]
    assert shown[0][0] == pd.Timestamp(NOW) + pd.Timedelta(hours=2)
    assert panel.history_table.rowCount() == 6  # newest first
    assert panel.history_table.item(0, 1).text() == ("Being handled → Awaiting verification: "
                                                     "已清理")
    assert panel.history_table.item(1, 1).text() == ("Awaiting verification → Being handled: "
                                                     "仍有垃圾 3")
    assert panel.history_table.item(1, 1).toolTip() == (
        "Awaiting verification → Being handled by 王网格长\n仍有垃圾 3")


def test_illegal_transitions_are_refused_with_the_message(panel):
    assert panel.select_code("E0")
    assert panel.change_status("closed") is False
    assert panel.status_label.text() == "Event E0 cannot go from Reported to Closed; allowed: Filed"
    assert panel.status_label.isVisibleTo(panel)
    # A failed verification without a comment.
    assert panel.select_code("E4")
    panel.next_combo.setCurrentIndex(panel.next_combo.findData("handling"))
    panel.comment_edit.setText("")
    QTest.mouseClick(panel.save_button, Qt.LeftButton)
    assert panel.status_label.text() == ("Event E4 cannot go from Awaiting verification to "
                                         "Being handled without a comment saying why the "
                                         "verification failed")
    # A closed event stays closed.
    assert panel.select_code("E5")
    assert panel.change_status("handling", "reopen") is False
    assert panel.status_label.text() == ("Event E5 cannot go from Closed to Being handled: a "
                                         "closed event stays closed")
    events, history = on_file(panel)
    assert events["status"].tolist() == list(STATUSES) and len(history) == 0


def test_event_changed_outside_the_panel_is_checked_again(panel):
    assert panel.select_code("E2")  # the list says dispatched ...
    layer = panel.events_layer()
    layer.startEditing()
    fid = next(f.id() for f in layer.getFeatures() if f["event_code"] == "E2")
    layer.changeAttributeValue(fid, layer.fields().lookupField("status"), "archived")
    row = panel.listed_codes().index("E2")  # the list follows edits made elsewhere
    assert panel.table.item(row, 1).text() == "archived"
    assert panel.change_status("handling") is False  # ... but the row is read again
    assert panel.status_label.text() == ("Event E2 cannot go from archived to Being handled: "
                                         "its status is not one of the loop's; repair it first")
    layer.rollBack()


def test_pick_an_event_on_the_map(panel, qgis_canvas):
    panel.pick_button.setChecked(True)
    assert qgis_canvas.mapTool() is panel.pick_tool
    pixel = qgis_canvas.getCoordinateTransform().transform(QgsPointXY(X0 + 61, Y0 + 51))
    event = QgsMapMouseEvent(qgis_canvas, QEvent.MouseButtonRelease,
                             QPoint(round(pixel.x()), round(pixel.y())), Qt.LeftButton,
                             Qt.LeftButton)
    panel.pick_tool.canvasReleaseEvent(event)
    assert panel.event_row(panel.current_fid)["event_code"] == "E2"
    assert [t for t, _ in panel.next_options()] == ["handling"]
    panel.pick_button.setChecked(False)
    assert qgis_canvas.mapTool() is not panel.pick_tool


def test_screenshot_of_the_tab(panel, tmp_path):
    choose(panel, "E3", "verification", "已处理，请核查")
    panel.select_code("E3")
    assert panel.history_table.rowCount() == 1
    png = os.environ.get("ONEGRID_EVENTS_TAB_PNG") or str(tmp_path / "events_tab.png")
    image = panel.grab().toImage()
    assert image.save(png)
    assert image.width() >= 400 and image.height() >= 500
    pixels = np.array([[image.pixelColor(x, y).lightness() for x in range(0, image.width(), 4)]
                       for y in range(0, image.height(), 4)])
    assert pixels.std() > 10  # widgets drawn, not a blank image


@pytest.mark.slow
def test_the_tab_in_the_real_desktop(tmp_path, monkeypatch):
    from onegrid.scripts.desktop import grab_desktop

    path = make_workspace(tmp_path / "desk.gpkg")
    monkeypatch.setenv("ONEGRID_DOCK_TAB", "OneGridEventsTab")
    png = os.environ.get("ONEGRID_EVENTS_DESKTOP_PNG") or str(tmp_path / "desktop.png")
    result = grab_desktop(path, png, tmp_path / "desktop.json", language="en", timeout=150,
                          profile=tmp_path / "profile")
    assert result["returncode"] == 0 and result["ok"], result["errors"]
    assert "tab OneGridEventsTab" in result["steps"]
    assert "Event workflow" in result["dock"]["tabs"]
