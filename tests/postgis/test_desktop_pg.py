"""The desktop on a PostGIS workspace: the dock opens it by URI (with its schema) or by QGIS
connection name, lists its layers as the connecting user sees them and keeps passwords out
of its messages and settings; the building lookup (以房查人) indexes it through GDAL under
row-level security. Data: the demo workspace (real Helsinki OSM, synthetic records flagged
synthetic=1) copied into PostGIS row for row."""
import time

import pyogrio
import pytest
from qgis.core import QgsApplication, QgsProject, QgsProviderRegistry, QgsSettings
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest

from onegrid.grid_plugin.dock import RECENT_KEY, OneGridDock, recent_workspaces
from onegrid.grid_plugin.house_lookup import HouseLookupPanel
from onegrid.layers import postgis as P
from onegrid.layers import postgis_qgis as Q
from onegrid.layers import schema as S
from onegrid.layers.lookup import LookupIndex
from onegrid.layers.project import project_workspace
from onegrid.layers.workspace import layer_counts

from .conftest import PASSWORD, dsn_as

pytestmark = [pytest.mark.postgis, pytest.mark.qgis]


def _settle():
    """No canvas render and no background task left on the project's layers."""
    from qgis.utils import iface

    if iface is not None and iface.mapCanvas() is not None:
        iface.mapCanvas().waitWhileRendering()
        iface.mapCanvas().setLayers([])
    manager = QgsApplication.taskManager()
    manager.cancelAll()
    deadline = time.monotonic() + 60
    while manager.countActiveTasks() and time.monotonic() < deadline:
        QgsApplication.processEvents()
        time.sleep(0.01)


@pytest.fixture
def dock(qgis_iface):
    QgsSettings().remove(RECENT_KEY)
    project = QgsProject.instance()
    _settle()
    project.clear()
    widget = OneGridDock(qgis_iface)
    widget.show()
    yield widget
    _settle()
    widget.cleanup()
    project.clear()
    widget.deleteLater()
    QgsApplication.processEvents()
    QgsSettings().remove(RECENT_KEY)


@pytest.fixture
def lookup(qgis_iface, dock):
    panel = HouseLookupPanel(qgis_iface, dock)
    yield panel
    _settle()
    panel.cleanup()
    panel.deleteLater()


def _open(dock, text):
    dock.path_edit.setText(text)
    QTest.mouseClick(dock.open_button, Qt.LeftButton)


def _message(dock):
    item = dock.message_bar.currentItem()
    return item.text() if item is not None else None


def _wait_for_index(panel, timeout_s=120):
    deadline = time.monotonic() + timeout_s
    while panel.index is None and time.monotonic() < deadline:
        QgsApplication.processEvents()
        time.sleep(0.01)
    assert panel.index is not None, panel.status_label.text()
    return panel.index


def _rooms(report):
    return [(room.household_code, [(r.name, r.id_number, r.phone) for r in room.residents])
            for room in report.rooms]


def test_dock_opens_a_postgis_workspace_by_uri_with_its_schema(dock, pg_dsn, demo_in_postgis,
                                                               tmp_path):
    gpkg, schema = demo_in_postgis
    opened = []
    dock.workspaceOpened.connect(opened.append)
    text = f"{pg_dsn} schema={schema}"
    _open(dock, text)

    key = P.workspace_key(pg_dsn, schema)
    assert key == text  # the throwaway server needs no password: nothing to hide
    assert opened == [key]
    assert _message(dock) == f"Opened workspace {key}"
    assert dock.version_label.text() == f"Schema version: {S.SCHEMA_VERSION}"
    counts = layer_counts(gpkg)
    assert counts["buildings"] == 479 and counts["people"] > 10000  # real Helsinki buildings
    assert dock.table_counts() == counts  # every layer, row for row, as in the file
    path, layers = project_workspace(QgsProject.instance())
    assert path == key
    assert set(layers) == set(counts)
    assert {layer.providerType() for layer in layers.values()} == {"postgres"}
    assert dock.layer("buildings").featureCount() == counts["buildings"]
    assert recent_workspaces() == [text]
    assert dock.recent_combo.itemText(1) == text
    # a project saved with it lists it again when read
    project = QgsProject.instance()
    assert project.write(str(tmp_path / "pg.qgz"))
    _settle()
    project.clear()
    assert dock.table_counts() == {}
    assert project.read(str(tmp_path / "pg.qgz"))
    assert dock.workspace_path == key
    assert dock.table_counts() == counts


def test_dock_opens_a_qgis_connection_by_name(dock, pg_dsn, demo_in_postgis):
    gpkg, schema = demo_in_postgis
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    metadata.saveConnection(metadata.createConnection(pg_dsn, {"saveUsername": True}),
                            "区网格库 desktop test")
    try:
        _open(dock, f"区网格库 desktop test schema={schema}")
        key = P.workspace_key(Q.resolve_connection("区网格库 desktop test"), schema)
        assert _message(dock) == f"Opened workspace {key}"
        assert dock.workspace_path == key
        assert dock.table_counts()["parcels"] == layer_counts(gpkg)["parcels"]
        assert recent_workspaces() == [f"区网格库 desktop test schema={schema}"]
    finally:
        metadata.deleteConnection("区网格库 desktop test")


def test_a_password_is_never_shown_or_remembered(dock, lookup, pg_dsn, demo_in_postgis,
                                                 login):
    gpkg, schema = demo_in_postgis
    grids = pyogrio.read_dataframe(str(gpkg), layer="base_grids", columns=["grid_code"],
                                   read_geometry=False)["grid_code"]
    worker = login("grid_worker", [grids.iloc[0]], schema=schema)
    dsn = dsn_as(pg_dsn, worker.info.user)
    assert PASSWORD in dsn
    _open(dock, f"{dsn} schema={schema}")
    message = _message(dock)
    assert message == f"Opened workspace {P.describe(dsn)} schema={schema}"
    assert PASSWORD not in message and "password=***" in message
    assert PASSWORD not in dock.workspace_path
    assert recent_workspaces() == []
    assert PASSWORD not in str(QgsSettings().value(RECENT_KEY, ""))
    # a grid worker sees the people of his grid only (row-level security)
    people = pyogrio.read_dataframe(str(gpkg), layer="people", columns=["grid_code"],
                                    read_geometry=False)
    mine = int((people["grid_code"] == grids.iloc[0]).sum())
    assert 0 < mine < len(people)
    assert dock.table_counts()["people"] == mine
    # and the building lookup indexes those residents only
    assert _wait_for_index(lookup).counts["people"] == mine
    assert PASSWORD not in lookup.index_path


def test_building_lookup_indexes_the_database_as_the_file(dock, lookup, pg_dsn,
                                                          demo_in_postgis, login):
    gpkg, schema = demo_in_postgis
    _open(dock, f"{pg_dsn} schema={schema}")
    index = _wait_for_index(lookup)
    from_file = LookupIndex.from_workspace(gpkg)
    assert index.counts == from_file.counts
    busiest = pyogrio.read_dataframe(str(gpkg), layer="people", columns=["building_code"],
                                     read_geometry=False)["building_code"].mode().iloc[0]
    report, expected = index.building(busiest), from_file.building(busiest)
    assert report is not None and len(report.rooms) > 1
    assert report.resident_count == expected.resident_count > 5
    assert [e["event_code"] for e in report.events] == [
        e["event_code"] for e in expected.events]
    assert _rooms(report) == _rooms(expected)
    assert (report.parcel, report.grid) == (expected.parcel, expected.grid)
    assert lookup.status_label.text() == (
        f"{index.counts['buildings']:,} buildings, {index.counts['households']:,} households, "
        f"{index.counts['people']:,} residents indexed")

    # the police read people only through the masked view, of their grids only
    grid = pyogrio.read_dataframe(str(gpkg), layer="people", columns=["grid_code"],
                                  read_geometry=False)["grid_code"].mode().iloc[0]
    police = login("police", [grid], schema=schema)
    with police.cursor() as cur:
        cur.execute(f"SELECT count(*) FROM {schema}.people_masked")
        visible = cur.fetchone()[0]
    police.rollback()
    _open(dock, f"{dsn_as(pg_dsn, police.info.user)} schema={schema}")
    index = _wait_for_index(lookup)
    assert 0 < visible < from_file.counts["people"]
    assert index.counts["people"] == visible
    assert lookup.index_path == f"{P.describe(dsn_as(pg_dsn, police.info.user))} schema={schema}"
