"""The "Building lookup" tab (以房查人 / 以人找房) on real Prague Bubenec buildings with
synthetic households and residents: a mouse click on the map, a search, masking, the index
rebuilt after saved edits, nothing personal in QGIS's log."""
import numpy as np
import pyogrio
import pytest
from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem, QgsCoordinateTransform,
                       QgsFeature, QgsGeometry, QgsPointXY, QgsProject, QgsSettings)
from qgis.PyQt.QtCore import QPoint, Qt
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QTabWidget

from onegrid.grid_plugin.house_lookup import HouseLookupPanel
from onegrid.grid_plugin.plugin import OneGridPlugin
from onegrid.layers.io import append_frame
from onegrid.layers.project import add_workspace_to_project
from onegrid.layers.styles import SHOW_PERSONAL_KEY
from onegrid.processing.analysis import idcard
from onegrid.processing.analysis import synthetic as syn
from onegrid.processing.analysis.crs import to_metric

from .conftest import clear_project, close_panel, settle_canvas

pytestmark = pytest.mark.gui

CANVAS_CRS = "EPSG:32633"  # UTM 33N, Prague
SEED = 44


def add_residents(path):
    """Synthetic households and residents (seeded, synthetic=1) in the workspace's real
    buildings; returns the people as written (with building codes)."""
    rng = np.random.default_rng(SEED)
    buildings = pyogrio.read_dataframe(str(path), layer="buildings")
    metric, _epsg = to_metric(buildings)
    metric["households"] = syn.estimate_households(metric, rng)
    households = syn.make_households(metric, rng)
    people = syn.make_people(households, rng)
    append_frame(path, "households", households)
    append_frame(path, "people", people)
    return people


def wait_for(condition, timeout_s=60):
    """Turn the event loop (QgsTask results arrive through it) until ``condition()``."""
    import time

    deadline = time.monotonic() + timeout_s
    while not condition() and time.monotonic() < deadline:
        QgsApplication.processEvents()
        time.sleep(0.01)
    assert condition(), "timed out"


@pytest.fixture
def workspace(bubenec_workspace):
    people = add_residents(bubenec_workspace)
    return bubenec_workspace, people


@pytest.fixture
def log_messages(qgis_app):
    messages = []

    def keep(message, *_args):
        messages.append(message)

    QgsApplication.messageLog().messageReceived.connect(keep)
    yield messages
    QgsApplication.messageLog().messageReceived.disconnect(keep)


@pytest.fixture
def panel(qgis_iface, qgis_canvas, workspace):
    path, _people = workspace
    QgsSettings().remove(SHOW_PERSONAL_KEY)
    project = QgsProject.instance()
    clear_project(project)
    add_workspace_to_project(path, project, language="en")
    qgis_canvas.resize(500, 500)
    qgis_canvas.show()
    qgis_canvas.setDestinationCrs(QgsCoordinateReferenceSystem(CANVAS_CRS))
    widget = HouseLookupPanel(qgis_iface)
    widget.resize(520, 760)
    widget.show()
    wait_for(lambda: widget.index is not None)
    yield widget
    close_panel(widget, project)
    QgsSettings().remove(SHOW_PERSONAL_KEY)


def to_canvas(canvas, layer):
    return QgsCoordinateTransform(layer.crs(), canvas.mapSettings().destinationCrs(),
                                  QgsProject.instance())


def busiest_building(people):
    """The building code with the most residents (ties: the first code)."""
    counts = people["building_code"].value_counts()
    return str(counts.sort_index().idxmax()) if len(counts) else None


def tree_text(panel):
    out = []

    def walk(rows):
        for label, details, children in rows:
            out.append(label + " " + details)
            walk(children)
    walk(panel.tree_rows())
    return "\n".join(out)


def test_click_a_building_lists_its_households_and_residents(panel, workspace, qgis_canvas,
                                                             log_messages, tmp_path):
    path, people = workspace
    code = busiest_building(people)
    layer = panel.buildings_layer()
    feature = next(f for f in layer.getFeatures() if f["building_code"] == code)
    # Show the building at street scale and click a point inside its footprint.
    transform = to_canvas(qgis_canvas, layer)
    box = transform.transformBoundingBox(feature.geometry().boundingBox())
    box.scale(3.0)
    qgis_canvas.setExtent(box)
    qgis_canvas.refresh()
    inside = feature.geometry().pointOnSurface().asPoint()
    pixel = qgis_canvas.getCoordinateTransform().transform(transform.transform(inside))

    QTest.mouseClick(panel.pick_button, Qt.LeftButton)
    assert qgis_canvas.mapTool() is panel.tool
    QTest.mouseClick(qgis_canvas.viewport(), Qt.LeftButton, Qt.NoModifier,
                     QPoint(round(pixel.x()), round(pixel.y())))

    assert panel.report is not None and panel.report.code == code
    assert layer.selectedFeatureIds() == [feature.id()]
    mine = people[people["building_code"] == code]
    households = pyogrio.read_dataframe(str(path), layer="households", read_geometry=False)
    assert len(panel.report.rooms) == (households["building_code"] == code).sum()
    rows = panel.tree_rows()
    assert rows[0][0] == f"Building {code}"
    rooms = next(r for r in rows if r[0].startswith("Rooms and households"))
    assert rooms[0] == (f"Rooms and households ({len(panel.report.rooms)}), "
                        f"residents ({len(mine)})")
    assert sum(len(room[2]) for room in rooms[2]) == len(mine)
    text = tree_text(panel)
    for person in mine.itertuples():
        assert person.name in text
        if isinstance(person.id_number, str):
            assert idcard.mask_id(person.id_number) in text
            assert person.id_number not in text
        if isinstance(person.phone, str):
            assert idcard.mask_phone(person.phone) in text
            assert person.phone not in text
    assert panel.status_label.text() == (f"Building {code}: {len(panel.report.rooms)} "
                                         f"households, {len(mine)} residents")
    # Parcel and base grid of the real plot and the synthetic grid holding it.
    details = {label: value for label, value, _children in rows[0][2]}
    assert details["Parcel"].startswith("P") and details["Base grid"].startswith("C001")
    png = tmp_path / "house_lookup_click.png"
    QgsApplication.processEvents()  # let the layout settle before the screenshot
    assert panel.grab().save(str(png))
    assert not [m for m in log_messages if any(
        str(v) in m for v in mine["name"].tolist() + mine["id_number"].dropna().tolist())]


def test_search_by_id_selects_and_zooms_to_the_building(panel, workspace, qgis_canvas,
                                                        log_messages, tmp_path):
    _path, people = workspace
    person = people[people["id_number"].notna()].iloc[len(people) // 3]
    layer = panel.buildings_layer()
    feature = next(f for f in layer.getFeatures()
                   if f["building_code"] == person["building_code"])
    qgis_canvas.zoomToFullExtent()

    panel.search_edit.setFocus()
    QTest.keyClicks(panel.search_edit, person["id_number"].lower())
    QTest.keyClick(panel.search_edit, Qt.Key_Return)

    assert panel.hits.topLevelItemCount() == 1
    hit = panel.hits.topLevelItem(0)
    assert hit.text(0) == person["name"]
    assert hit.text(1) == idcard.mask_id(person["id_number"])
    assert layer.selectedFeatureIds() == [feature.id()]
    footprint = to_canvas(qgis_canvas, layer).transformBoundingBox(
        feature.geometry().boundingBox())
    assert qgis_canvas.extent().contains(footprint)
    assert qgis_canvas.extent().width() < 600  # zoomed in to the building (metres)
    assert panel.report.code == person["building_code"]
    current = panel.tree.currentItem()
    assert current.text(0) == person["name"]
    assert idcard.mask_id(person["id_number"]) in current.text(1)
    assert person["id_number"] not in panel.status_label.text()
    # Found: the full ID number typed in the box is masked too.
    assert panel.search_edit.text() == idcard.mask_id(person["id_number"])
    png = tmp_path / "house_lookup_search.png"
    QgsApplication.processEvents()  # let the layout settle before the screenshot
    assert panel.grab().save(str(png))
    assert not [m for m in log_messages if person["id_number"] in m or person["name"] in m]


def test_search_by_name_and_phone(panel, workspace, tmp_path):
    _path, people = workspace
    person = people[people["phone"].notna()].iloc[7]
    hits = panel.search(person["phone"])
    assert [h.row for h in hits][:1] and hits[0].name == person["name"]
    assert hits[0].phone == idcard.mask_phone(person["phone"])
    same_name = (people["name"] == person["name"]).sum()
    hits = panel.search(person["name"])
    assert [h.name for h in hits[:same_name]] == [person["name"]] * same_name
    assert panel.hits.topLevelItemCount() == len(hits)
    surname = panel.search(person["name"][0])  # a surname: everyone whose name starts so
    assert len(surname) > same_name
    assert all(h.name.startswith(person["name"][0]) for h in surname)
    QgsApplication.processEvents()  # let the layout settle before the screenshot
    assert panel.grab().save(str(tmp_path / "house_lookup_surname.png"))
    assert panel.search("没有这个人") == []
    assert panel.status_label.text() == "Nobody in the workspace matches the search"
    assert not panel.hits.isVisible()


def test_unmasked_only_with_the_setting(panel, workspace):
    _path, people = workspace
    person = people[people["id_number"].notna()].iloc[3]
    assert panel.search(person["id_number"])[0].id_number == idcard.mask_id(
        person["id_number"])
    QgsSettings().setValue(SHOW_PERSONAL_KEY, True)
    hits = panel.search(person["id_number"])
    assert hits[0].id_number == person["id_number"]
    assert person["id_number"] in tree_text(panel)


def test_index_rebuilt_after_saved_edits(panel, workspace):
    _path, people = workspace
    layer = QgsProject.instance().mapLayersByName("People")[0]
    code = busiest_building(people)
    new_id = "110105" + "19900101" + "017" + idcard.check_digit("11010519900101017")
    assert panel.search(new_id) == []
    feature = QgsFeature(layer.fields())
    feature.setAttribute("name", "测试新人")
    feature.setAttribute("id_number", new_id)
    feature.setAttribute("building_code", code)
    feature.setAttribute("synthetic", 1)
    feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(14.4, 50.1)))
    assert layer.startEditing()
    assert layer.addFeature(feature)
    old = panel.index
    assert layer.commitChanges(), layer.commitErrors()
    wait_for(lambda: panel.index is not old and panel.task is None)
    hits = panel.search(new_id)
    assert [(h.name, h.building_code) for h in hits] == [("测试新人", code)]
    assert panel.index.counts["people"] == len(people) + 1


def test_plugin_adds_the_tab(qgis_iface):
    plugin = OneGridPlugin(qgis_iface)
    plugin.initGui()
    try:
        tabs = plugin.dock.findChild(QTabWidget, "OneGridTabs")
        titles = [tabs.tabText(i) for i in range(tabs.count())]
        assert "Building lookup" in titles
        assert tabs.widget(titles.index("Building lookup")) is plugin.house_lookup
        assert plugin.house_lookup.objectName() == "OneGridHouseLookupTab"
    finally:
        plugin.unload()
    assert plugin.house_lookup is None


def test_dock_opening_a_workspace_indexes_it_and_a_search_waits(qgis_iface, qgis_canvas,
                                                                 workspace):
    """The tab follows the dock: opening a workspace indexes it in a task; a search typed
    before the index is ready runs when it is."""
    from onegrid.grid_plugin.dock import OneGridDock

    path, people = workspace
    project = QgsProject.instance()
    clear_project(project)
    dock = OneGridDock(qgis_iface)
    widget = HouseLookupPanel(qgis_iface, dock)
    try:
        assert widget.index is None and widget.status_label.text() == "No workspace open"
        assert dock.open_workspace(str(path))
        assert widget.index is None and widget.task is not None  # indexing in the background
        person = people[people["id_number"].notna()].iloc[11]
        assert widget.search(person["id_number"]) == []  # queued
        wait_for(lambda: widget.index is not None and widget.report is not None)
        assert widget.index.counts["people"] == len(people)
        assert widget.report.code == person["building_code"]
        assert widget.hits.topLevelItem(0).text(0) == person["name"]
        fid = widget.index.building_fid(person["building_code"])
        assert widget.buildings_layer().selectedFeatureIds() == [fid]
        settle_canvas()
        project.clear()
        assert widget.index is None and widget.status_label.text() == "No workspace open"
    finally:
        widget.cleanup()
        dock.cleanup()
        clear_project(project)
        widget.deleteLater()
        dock.deleteLater()


def test_events_of_a_building_by_location(panel, workspace):
    """Bubenec's synthetic events sit on building centroids (no building code): each is
    listed under the building it lies in."""
    path, _people = workspace
    events = pyogrio.read_dataframe(str(path), layer="events")
    buildings = pyogrio.read_dataframe(str(path), layer="buildings")
    metric, _epsg = to_metric(buildings)
    points = events.to_crs(metric.crs).geometry.values
    # The nearest footprint within 5 m (EVENT_DISTANCE_M), as the index links them.
    nearest = []
    for p in points:
        distance = metric.geometry.distance(p)
        nearest.append(distance.idxmin() if distance.min() <= 5.0 else None)
    first = next(n for n in nearest if n is not None)
    code = buildings.loc[first, "building_code"]
    expected = sorted(events["event_code"][[n == first for n in nearest]])
    assert panel.show_building(code)
    rows = panel.tree_rows()
    listed = next(r for r in rows if r[0].startswith("Events ("))
    assert listed[0] == f"Events ({len(expected)})"
    assert sorted(child[0] for child in listed[2]) == expected
    assert listed[2][0][1].startswith("Environment & sanitation")
