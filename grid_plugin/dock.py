"""The OneGrid dock: the current workspace, its layers and counts, and tabs for later panels."""
import os

from qgis.core import (Qgis, QgsCoordinateTransform, QgsProcessingException, QgsProject,
                       QgsRectangle, QgsSettings)
from qgis.gui import QgsDockWidget, QgsMessageBar
from qgis.PyQt.QtCore import Qt, QTimer, pyqtSignal
from qgis.PyQt.QtWidgets import (QAbstractItemView, QComboBox, QFileDialog, QGridLayout,
                                 QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
                                 QTableWidget, QTableWidgetItem, QTabWidget,
                                 QVBoxLayout, QWidget)

from ..i18n import tr, ui_language
from ..layers import schema as S
from ..layers.project import (add_workspace_to_project, is_postgis, project_workspace,
                              remove_workspace, set_display_crs)
from ..layers.workspace import layer_counts, schema_version
from ..processing.analysis.errors import OneGridError

#: QgsSettings key of the recent workspaces list (most recent first).
RECENT_KEY = "OneGrid/recentWorkspaces"
RECENT_MAX = 10


def recent_workspaces():
    """The recent workspace paths from QgsSettings, most recent first."""
    value = QgsSettings().value(RECENT_KEY, [])
    if isinstance(value, str):
        value = [value] if value else []
    return [str(p) for p in (value or [])]


def remember_workspace(path):
    """Put ``path`` (a file, a PostgreSQL URI or connection name) first in the recent
    workspaces list."""
    paths = [path] + [p for p in recent_workspaces() if p != path and os.path.abspath(p) != path]
    QgsSettings().setValue(RECENT_KEY, paths[:RECENT_MAX])


def is_database(text):
    """Whether ``text`` names a PostgreSQL workspace (a URI, a ``key=value`` string or the
    name of a QGIS PostgreSQL connection, optionally followed by `` schema=NAME``) rather
    than a file."""
    from ..layers.postgis import is_postgres_target, split_schema
    from ..layers.postgis_qgis import connection_names

    text = str(text or "").strip()
    if os.path.exists(text):
        return False
    database, _schema = split_schema(text)
    return is_postgres_target(database) or database in connection_names()


def _recent_label(path):
    return path if is_database(path) else os.path.basename(path)


def _shown(text):
    """``text`` as it may be shown or stored: a database connection without its password."""
    from ..layers.postgis import describe, is_postgres_target

    return describe(text) if is_postgres_target(text) else text


def _counts_and_version(layers):
    """Rows per layer (as the connecting user sees them) and the schema version of a
    PostGIS workspace's project ``layers``."""
    counts = {name: layer.featureCount() for name, layer in layers.items()}
    versions = layers.get("schema_version")
    index = versions.fields().indexOf("version") if versions is not None else -1
    version = versions.maximumValue(index) if index >= 0 else None
    return counts, int(version) if version not in (None, "") else "-"


class OneGridDock(QgsDockWidget):
    """Dock widget with a tab per panel; the first tab, "Workspace", opens and creates
    workspaces and lists their layers with feature counts.

    Later panels add a tab with :meth:`add_tab` and follow :attr:`workspaceOpened`.
    """

    #: Emitted with the workspace path after it was opened and added to the project.
    workspaceOpened = pyqtSignal(str)

    def __init__(self, iface, parent=None):
        super().__init__(parent)
        self.iface = iface
        self.workspace_path = None
        self.layer_ids = {}
        self.setObjectName("OneGridDock")
        self.setWindowTitle(tr("OneGrid"))

        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(2, 2, 2, 2)
        self.message_bar = QgsMessageBar(body)
        self.message_bar.setObjectName("OneGridMessageBar")
        layout.addWidget(self.message_bar)
        self.tabs = QTabWidget(body)
        self.tabs.setObjectName("OneGridTabs")
        layout.addWidget(self.tabs)
        self.tabs.addTab(self._workspace_tab(), tr("Workspace"))
        self.setWidget(body)
        self._fill_recent()
        QgsProject.instance().cleared.connect(self._project_cleared)
        QgsProject.instance().readProject.connect(self._project_read)

    # --- building ---------------------------------------------------------------------------
    def _workspace_tab(self):
        tab = QWidget()
        tab.setObjectName("OneGridWorkspaceTab")
        grid = QGridLayout(tab)

        grid.addWidget(QLabel(tr("Workspace (GeoPackage or PostgreSQL)")), 0, 0, 1, 2)
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("OneGridWorkspacePath")
        hint = tr("A workspace GeoPackage (.gpkg), or a PostgreSQL URI or connection name")
        self.path_edit.setPlaceholderText(hint)
        self.path_edit.setToolTip(hint)  # the narrow dock cuts the placeholder short
        self.path_edit.returnPressed.connect(self.open_from_line_edit)
        self.open_button = QPushButton(tr("Open"))
        self.open_button.setObjectName("OneGridOpenButton")
        self.open_button.setToolTip(tr("Open the workspace whose path is in the box"))
        self.open_button.clicked.connect(self.open_from_line_edit)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.open_button)
        grid.addLayout(row, 1, 0, 1, 2)

        self.recent_combo = QComboBox()
        self.recent_combo.setObjectName("OneGridRecentWorkspaces")
        self.recent_combo.setToolTip(tr("Recent workspaces"))
        self.recent_combo.activated.connect(self._recent_chosen)
        grid.addWidget(self.recent_combo, 2, 0, 1, 2)

        self.new_button = QPushButton(tr("New workspace…"))
        self.new_button.setObjectName("OneGridNewButton")
        self.new_button.clicked.connect(self.new_workspace_dialog)
        self.browse_button = QPushButton(tr("Open workspace…"))
        self.browse_button.setObjectName("OneGridBrowseButton")
        self.browse_button.clicked.connect(self.open_workspace_dialog)
        grid.addWidget(self.new_button, 3, 0)
        grid.addWidget(self.browse_button, 3, 1)

        self.version_label = QLabel(tr("No workspace open"))
        self.version_label.setObjectName("OneGridSchemaVersion")
        grid.addWidget(self.version_label, 4, 0, 1, 2)

        self.layer_table = QTableWidget(0, 2)
        self.layer_table.setObjectName("OneGridLayerTable")
        self.layer_table.setHorizontalHeaderLabels([tr("Layer"), tr("Features")])
        self.layer_table.verticalHeader().setVisible(False)
        self.layer_table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.layer_table.setSelectionBehavior(QAbstractItemView.SelectRows)
        header = self.layer_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeToContents)
        self.layer_table.cellDoubleClicked.connect(self._row_activated)
        grid.addWidget(self.layer_table, 5, 0, 1, 2)
        grid.setRowStretch(5, 1)
        return tab

    def add_tab(self, widget, title):
        """Add a panel as a tab after the existing ones; returns its index."""
        return self.tabs.addTab(widget, title)

    def _fill_recent(self):
        self.recent_combo.clear()
        self.recent_combo.addItem(tr("Recent workspaces…"), "")
        for path in recent_workspaces():
            self.recent_combo.addItem(_recent_label(path), path)
            self.recent_combo.setItemData(self.recent_combo.count() - 1, path, Qt.ToolTipRole)
        self.recent_combo.setEnabled(self.recent_combo.count() > 1)

    # --- messages ---------------------------------------------------------------------------
    # The dock is narrow and titled already: messages go without a title.
    def show_error(self, text):
        """Show a translated error in the dock's message bar (it stays until closed)."""
        self.message_bar.pushMessage("", text, Qgis.Critical, 0)

    def show_info(self, text, level=Qgis.Info):
        """Show a translated message in the dock's message bar for a few seconds."""
        self.message_bar.pushMessage("", text, level, 8)

    # --- actions ----------------------------------------------------------------------------
    def _start_dir(self):
        path = self.path_edit.text().strip() or (recent_workspaces() or [""])[0]
        if not path or is_database(path):
            return os.path.expanduser("~")
        return os.path.dirname(path)

    def _recent_chosen(self, index):
        path = self.recent_combo.itemData(index)
        self.recent_combo.setCurrentIndex(0)
        if path:
            self.path_edit.setText(path)
            self.open_workspace(path)

    def open_from_line_edit(self):
        """Open the workspace whose path is in the line edit (the "Open" button)."""
        path = self.path_edit.text().strip()
        if not path:
            self.show_error(tr("Enter the path of a workspace GeoPackage or a PostgreSQL "
                               "connection first"))
            return False
        return self.open_workspace(path)

    def open_workspace_dialog(self):
        """Choose a workspace file and open it."""
        path, _ = QFileDialog.getOpenFileName(self, tr("Open workspace"), self._start_dir(),
                                              tr("GeoPackage (*.gpkg)"))
        if path:
            self.path_edit.setText(path)
            return self.open_workspace(path)
        return False

    def new_workspace_dialog(self):
        """Choose a new file, create a workspace there with onegrid:create_workspace, open it."""
        path, _ = QFileDialog.getSaveFileName(self, tr("New workspace"), self._start_dir(),
                                              tr("GeoPackage (*.gpkg)"))
        if not path:
            return False
        if not path.lower().endswith(".gpkg"):
            path += ".gpkg"
        return self.create_workspace(path, overwrite=True)

    def create_workspace(self, path, overwrite=False):
        """Create a workspace at ``path`` through Processing and open it; False on error."""
        from qgis import processing

        path = os.path.abspath(path)
        remove_workspace(QgsProject.instance(), path)  # release the file before replacing it
        try:
            processing.run("onegrid:create_workspace", {"OUTPUT": path, "OVERWRITE": overwrite})
        except QgsProcessingException as err:
            self.show_error(str(err))
            return False
        self.path_edit.setText(path)
        return self.open_workspace(path)

    def open_workspace(self, path):
        """Open the workspace at ``path`` (a GeoPackage; or a PostgreSQL URI, ``key=value``
        string or QGIS connection name): upgrade a file, add its layers to the project, list
        them with their counts. Errors go to the message bar; returns True on success."""
        text = str(path).strip()
        database = is_database(text)
        path = text if database else os.path.abspath(os.path.expanduser(text))
        notes = []
        project = QgsProject.instance()
        project_was_empty = not project.mapLayers()
        try:
            if database:
                layers, key = self._add_database(text, project, notes)
                counts, version = _counts_and_version(layers)
            else:
                layers, key = add_workspace_to_project(path, project, report=notes.append), path
                counts, version = layer_counts(path), schema_version(path)
        except OneGridError as err:
            self.show_error(err.translated(tr))
            return False
        except (RuntimeError, OSError) as err:
            self.show_error(tr("Cannot open workspace {path}: {error}").format(
                path=_shown(path), error=err))
            return False
        self.workspace_path = key
        self.layer_ids = {name: layer.id() for name, layer in layers.items()}
        self.path_edit.setText(path)
        self.version_label.setText(tr("Schema version: {version}").format(version=version))
        self._fill_table(counts)
        if _shown(path) == path:  # a password stays out of the settings
            remember_workspace(path)
            self._fill_recent()
        for note in notes:
            self.show_info(note, Qgis.Warning)
        self.show_info(tr("Opened workspace {name}").format(
            name=key if database else os.path.basename(path)), Qgis.Success)
        if project_was_empty:
            # QGIS's canvas bridge gives an empty project the first layer's CRS once the
            # event loop turns; choose the display CRS after it.
            QTimer.singleShot(0, self._show_new_workspace)
        else:
            self.zoom_to_workspace()
        self.workspaceOpened.emit(key)
        return True

    @staticmethod
    def _add_database(text, project, notes):
        """Add the PostGIS workspace ``text`` names to ``project``: (its layers, its key)."""
        from ..layers.postgis import DEFAULT_SCHEMA, split_schema, workspace_key
        from ..layers.postgis_qgis import resolve_connection

        database, schema = split_schema(text)
        dsn, schema = resolve_connection(database), schema or DEFAULT_SCHEMA
        layers = add_workspace_to_project(dsn, project, report=notes.append, schema=schema)
        return layers, workspace_key(dsn, schema)

    def _show_new_workspace(self):
        layers = [self.layer(name) for name in self.layer_ids]
        set_display_crs(QgsProject.instance(), [layer for layer in layers if layer is not None])
        self.zoom_to_workspace()

    def _fill_table(self, counts):
        zh = ui_language().lower().startswith("zh")
        self.layer_table.setRowCount(0)
        for spec in S.LAYERS:
            if spec.name not in counts:
                continue
            row = self.layer_table.rowCount()
            self.layer_table.insertRow(row)
            title = QTableWidgetItem(spec.zh if zh else spec.en)
            title.setData(Qt.UserRole, spec.name)
            title.setToolTip(spec.name)
            count = QTableWidgetItem(str(counts[spec.name]))
            count.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            self.layer_table.setItem(row, 0, title)
            self.layer_table.setItem(row, 1, count)

    def table_counts(self):
        """What the layer table shows: schema layer name -> feature count."""
        return {self.layer_table.item(row, 0).data(Qt.UserRole):
                int(self.layer_table.item(row, 1).text())
                for row in range(self.layer_table.rowCount())}

    def layer(self, name):
        """The project layer of the open workspace called ``name`` (schema name), or None."""
        layer_id = self.layer_ids.get(name)
        return QgsProject.instance().mapLayer(layer_id) if layer_id else None

    def _row_activated(self, row, _column):
        layer = self.layer(self.layer_table.item(row, 0).data(Qt.UserRole))
        if layer is not None:
            self.iface.setActiveLayer(layer)

    def workspace_extent(self):
        """Extent of the open workspace's features in the canvas CRS (empty if none)."""
        canvas = self.iface.mapCanvas()
        target = canvas.mapSettings().destinationCrs()
        extent = QgsRectangle()
        extent.setMinimal()
        for name in self.layer_ids:
            layer = self.layer(name)
            if layer is None or not layer.isSpatial() or layer.featureCount() == 0:
                continue
            layer.updateExtents()
            transform = QgsCoordinateTransform(layer.crs(), target, QgsProject.instance())
            extent.combineExtentWith(transform.transformBoundingBox(layer.extent()))
        return extent

    def zoom_to_workspace(self):
        """Zoom the map to the workspace's features; False when it has none."""
        extent = self.workspace_extent()
        if extent.isEmpty() or extent.isNull():
            return False
        canvas = self.iface.mapCanvas()
        canvas.setExtent(extent.buffered(max(extent.width(), extent.height()) * 0.03))
        canvas.refresh()
        return True

    def _project_read(self, *_args):
        """A project showing a workspace was loaded: list it, without adding layers again."""
        path, layers = project_workspace(QgsProject.instance())
        database = is_postgis(layers)
        if path is None or not (database or os.path.exists(path)):
            return
        try:
            counts, version = (_counts_and_version(layers) if database
                               else (layer_counts(path), schema_version(path)))
        except OneGridError as err:
            self.show_error(err.translated(tr))
            return
        self.workspace_path = path
        self.layer_ids = {name: layer.id() for name, layer in layers.items()}
        self.path_edit.setText(path)
        self.version_label.setText(tr("Schema version: {version}").format(version=version))
        self._fill_table(counts)
        self.workspaceOpened.emit(path)

    def _project_cleared(self):
        self.workspace_path = None
        self.layer_ids = {}
        self.layer_table.setRowCount(0)
        self.version_label.setText(tr("No workspace open"))

    def cleanup(self):
        """Disconnect from the project before the dock is deleted (plugin unload)."""
        QgsProject.instance().cleared.disconnect(self._project_cleared)
        QgsProject.instance().readProject.disconnect(self._project_read)
