"""The plugin and its dock inside one process (pytest-qgis's mock iface, real widgets)."""
import pytest
from qgis.core import QgsApplication, QgsLayerTreeGroup, QgsLayerTreeLayer, QgsProject
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QPushButton, QTabWidget, QToolBar

from onegrid.grid_plugin.dock import RECENT_KEY, OneGridDock
from onegrid.grid_plugin.plugin import OneGridPlugin
from onegrid.layers import schema
from onegrid.layers.project import add_workspace_to_project, remove_workspace
from onegrid.layers.workspace import create_workspace

from .conftest import clear_project, settle_canvas

pytestmark = pytest.mark.gui


@pytest.fixture
def project(qgis_app):
    project = QgsProject.instance()
    clear_project(project)
    yield project
    clear_project(project)


@pytest.fixture
def dock(qgis_iface, project):
    from qgis.core import QgsSettings

    QgsSettings().remove(RECENT_KEY)
    widget = OneGridDock(qgis_iface)
    widget.show()
    yield widget
    widget.cleanup()
    widget.deleteLater()


def _click_open(dock, path):
    dock.path_edit.setText(str(path))
    QTest.mouseClick(dock.open_button, Qt.LeftButton)


def _message(dock):
    item = dock.message_bar.currentItem()
    return item.text() if item is not None else None


def test_plugin_gui_and_unload(qgis_iface):
    registry = QgsApplication.processingRegistry()
    registered_before = registry.providerById("onegrid") is not None
    plugin = OneGridPlugin(qgis_iface)
    plugin.initGui()
    try:
        provider = registry.providerById("onegrid")
        assert provider is not None
        assert "onegrid:create_workspace" in [a.id() for a in provider.algorithms()]
        window = qgis_iface.mainWindow()
        assert plugin.toolbar.objectName() == "OneGridToolbar"
        assert window.findChild(QToolBar, "OneGridToolbar") is plugin.toolbar
        assert plugin.dock.objectName() == "OneGridDock"
        assert plugin.dock.windowTitle() == "OneGrid"
        tabs = plugin.dock.findChild(QTabWidget, "OneGridTabs")
        titles = [tabs.tabText(i) for i in range(tabs.count())]
        assert titles[:2] == ["Workspace", "Grid editing"]
        assert "Building lookup" in titles and len(titles) == len(set(titles))
        assert plugin.action.isCheckable()
        # The mock iface does not dock widgets: put the dock in its shown main window.
        window.addDockWidget(Qt.RightDockWidgetArea, plugin.dock)
        window.show()
        plugin.action.trigger()
        first = plugin.dock.isUserVisible()
        plugin.action.trigger()
        assert plugin.dock.isUserVisible() != first
        assert plugin.action.isChecked() == plugin.dock.isUserVisible()
    finally:
        plugin.unload()
    assert (registry.providerById("onegrid") is not None) == registered_before
    assert qgis_iface.mainWindow().findChild(QToolBar, "OneGridToolbar") is None
    assert plugin.dock is None and plugin.toolbar is None


def test_open_button_adds_the_workspace(dock, project, bubenec_workspace):
    opened = []
    dock.workspaceOpened.connect(opened.append)
    _click_open(dock, bubenec_workspace)

    assert opened == [str(bubenec_workspace)]
    assert _message(dock) == "Opened workspace bubenec.gpkg"
    assert dock.version_label.text() == f"Schema version: {schema.SCHEMA_VERSION}"
    counts = dock.table_counts()
    assert set(counts) == {spec.name for spec in schema.LAYERS}
    assert counts["buildings"] == 144
    assert counts["parcels"] == 407
    assert counts["base_grids"] == 4
    assert counts["schema_version"] == 1
    assert len(project.mapLayers()) == len(schema.LAYERS)
    assert dock.layer("buildings").featureCount() == 144
    assert dock.recent_combo.count() == 2
    assert dock.recent_combo.itemData(1) == str(bubenec_workspace)
    assert project.readEntry("OneGrid", "workspace")[0] == str(bubenec_workspace)
    # Geographic workspace (EPSG:4490) in Prague: shown in UTM 33N, zoomed to its data.
    QgsApplication.processEvents()
    assert project.crs().authid() == "EPSG:32633"
    dock.iface.mapCanvas().setDestinationCrs(project.crs())  # QGIS does this on crsChanged
    extent = dock.workspace_extent()
    assert 700 < extent.width() < 1000 and 700 < extent.height() < 1000  # metres


def test_layer_tree_order_and_names(project, bubenec_workspace):
    layers = add_workspace_to_project(bubenec_workspace, project, language="zh")
    group = project.layerTreeRoot().children()[0]
    assert isinstance(group, QgsLayerTreeGroup)
    assert group.name() == "一张网工作空间"
    top = [node.layer().name() for node in group.children()
           if isinstance(node, QgsLayerTreeLayer)]
    assert top[:3] == ["巡查轨迹点", "视频监控", "事件"]
    assert top[-5:] == ["社区", "专业网格", "基础网格", "楼栋", "宗地"]
    tables = [node for node in group.children() if isinstance(node, QgsLayerTreeGroup)]
    assert [t.name() for t in tables] == ["Tables"]
    assert [n.layer().name() for n in tables[0].children()] == [
        spec.zh for spec in schema.LAYERS if spec.geometry is None]
    assert "网格人员" in [n.layer().name() for n in tables[0].children()]
    assert layers["buildings"].renderer().type() == "singleSymbol"
    assert layers["buildings"].attributeAlias(
        layers["buildings"].fields().indexOf("levels")) == "层数"
    # Opening again replaces the group instead of adding a second one.
    add_workspace_to_project(bubenec_workspace, project, language="zh")
    assert len(project.layerTreeRoot().children()) == 1
    assert len(project.mapLayers()) == len(schema.LAYERS)
    assert remove_workspace(project, bubenec_workspace) == len(schema.LAYERS)
    assert not project.mapLayers() and not project.layerTreeRoot().children()


def test_english_names_aliases_and_legend(project, bubenec_workspace):
    layers = add_workspace_to_project(bubenec_workspace, project, language="en")
    assert layers["buildings"].name() == "Buildings"
    assert layers["buildings"].attributeAlias(
        layers["buildings"].fields().indexOf("levels")) == "Floors"
    labels = {c.value(): c.label() for c in layers["events"].renderer().categories()}
    assert labels["closed"] == "Closed"


def test_unstyled_workspace_gets_the_style_in_code(project, tmp_path):
    path = tmp_path / "plain.gpkg"
    create_workspace(path)  # no layer_styles table
    layers = add_workspace_to_project(path, project, language="zh")
    assert layers["professional_grids"].renderer().type() == "RuleRenderer"  # current versions only
    assert layers["base_grids"].labelsEnabled()


def test_missing_file_is_a_message_not_a_crash(dock, project, tmp_path):
    missing = tmp_path / "nothere.gpkg"
    _click_open(dock, missing)
    assert _message(dock) == f"Workspace file {missing} does not exist"
    assert not project.mapLayers()
    assert dock.workspace_path is None


def test_foreign_geopackage_is_refused(dock, project, tmp_path):
    from osgeo import ogr

    path = tmp_path / "foreign.gpkg"
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    ds.CreateLayer("roads_of_someone", None, ogr.wkbLineString)
    ds = None
    _click_open(dock, path)
    assert _message(dock) == (f"{path} is not a OneGrid workspace: it has none of the "
                              "workspace layers")
    assert not project.mapLayers()


def test_not_a_geopackage_is_refused(dock, project, tmp_path):
    path = tmp_path / "notes.gpkg"
    path.write_text("not a database")
    _click_open(dock, path)
    assert _message(dock) == f"{path} is not a GeoPackage workspace"


def test_empty_path(dock):
    _click_open(dock, "")
    assert _message(dock) == ("Enter the path of a workspace GeoPackage or a PostgreSQL "
                              "connection first")


def test_new_workspace_through_processing(dock, project, tmp_path, qgis_processing):
    from onegrid.processing.provider import OneGridProvider

    registry = QgsApplication.processingRegistry()
    if registry.providerById("onegrid") is None:
        registry.addProvider(OneGridProvider())
    path = tmp_path / "new.gpkg"
    assert dock.create_workspace(str(path))
    assert dock.table_counts()["buildings"] == 0
    assert len(project.mapLayers()) == len(schema.LAYERS)
    # Replacing the open workspace releases it first.
    assert dock.create_workspace(str(path), overwrite=True)
    assert len(project.mapLayers()) == len(schema.LAYERS)
    assert not dock.create_workspace(str(path), overwrite=False)
    assert "already exists" in _message(dock)


def test_project_clear_resets_the_dock(dock, project, bubenec_workspace):
    assert dock.open_workspace(str(bubenec_workspace))
    settle_canvas()
    project.clear()
    assert dock.workspace_path is None
    assert dock.layer_table.rowCount() == 0
    assert dock.findChild(QPushButton, "OneGridOpenButton") is dock.open_button


def test_reading_a_project_lists_its_workspace(dock, project, bubenec_workspace, tmp_path):
    add_workspace_to_project(bubenec_workspace, project, language="zh")
    qgz = tmp_path / "demo.qgz"
    assert project.write(str(qgz))
    settle_canvas()
    project.clear()
    assert dock.workspace_path is None
    assert project.read(str(qgz))
    assert dock.workspace_path == str(bubenec_workspace)
    assert dock.table_counts()["buildings"] == 144
    assert dock.layer("buildings").name() == "楼栋"
    assert len(project.mapLayers()) == len(schema.LAYERS)  # nothing added twice
