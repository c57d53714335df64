"""The OneGrid desktop plugin: a toolbar, the OneGrid dock and the Processing provider."""
from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction

from ..i18n import install_translator, remove_translator, tr
from ..processing.algorithms.base import ICON
from ..processing.provider import OneGridProvider
from .dock import OneGridDock
from .events import EventWorkflowPanel
from .grid_edit import GridEditPanel
from .house_lookup import HouseLookupPanel

#: QgsSettings key remembering whether the dock was open.
DOCK_VISIBLE_KEY = "OneGrid/dockVisible"


class OneGridPlugin:
    """What QGIS loads through ``classFactory``.

    ``initProcessing`` registers the provider ``onegrid`` (QGIS calls it alone in
    qgis_process); ``initGui`` also installs the Chinese catalogue, the "OneGrid" toolbar
    with the action that shows and hides the dock, and the dock itself; ``unload`` removes
    all of it.
    """

    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.dock = None
        self.grid_edit = None
        self.events_panel = None
        self.house_lookup = None
        self.toolbar = None
        self.action = None

    def initProcessing(self):  # noqa: N802 (QGIS's name)
        registry = QgsApplication.processingRegistry()
        if self.provider is None and registry.providerById("onegrid") is None:
            provider = OneGridProvider()
            if registry.addProvider(provider):
                self.provider = provider

    def initGui(self):  # noqa: N802 (QGIS's name)
        install_translator()
        self.initProcessing()
        main_window = self.iface.mainWindow()

        self.dock = OneGridDock(self.iface, main_window)
        self.iface.addDockWidget(Qt.RightDockWidgetArea, self.dock)
        self.grid_edit = GridEditPanel(self.iface, self.dock)
        self.dock.add_tab(self.grid_edit, tr("Grid editing"))
        self.dock.workspaceOpened.connect(self.grid_edit.use_workspace_layers)
        self.events_panel = EventWorkflowPanel(self.iface, self.dock)
        self.dock.add_tab(self.events_panel, tr("Event workflow"))
        self.dock.workspaceOpened.connect(self.events_panel.use_workspace_layers)
        self.house_lookup = HouseLookupPanel(self.iface, self.dock)  # follows workspaceOpened
        self.dock.add_tab(self.house_lookup, tr("Building lookup"))

        self.action = QAction(QIcon(ICON), tr("OneGrid panel"), main_window)
        self.action.setObjectName("OneGridToggleDock")
        self.action.setToolTip(tr("Show or hide the OneGrid panel"))
        self.dock.setToggleVisibilityAction(self.action)  # checkable, follows the dock

        self.toolbar = self.iface.addToolBar(tr("OneGrid"))
        self.toolbar.setObjectName("OneGridToolbar")
        self.toolbar.addAction(self.action)
        self.iface.addPluginToMenu(tr("&OneGrid"), self.action)

        self.dock.setUserVisible(QgsSettings().value(DOCK_VISIBLE_KEY, True, type=bool))
        self.dock.openedStateChanged.connect(self._remember_dock)

    @staticmethod
    def _remember_dock(opened):
        QgsSettings().setValue(DOCK_VISIBLE_KEY, bool(opened))

    def unload(self):
        remove_translator()
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if self.action is not None:
            self.iface.removePluginMenu(tr("&OneGrid"), self.action)
        if self.grid_edit is not None:
            self.grid_edit.cleanup()
            self.grid_edit = None
        if self.events_panel is not None:
            self.events_panel.cleanup()
            self.events_panel = None
        if self.house_lookup is not None:
            self.house_lookup.cleanup()
            self.house_lookup = None
        if self.dock is not None:
            self.dock.openedStateChanged.disconnect(self._remember_dock)
            self.dock.cleanup()
            self.iface.removeDockWidget(self.dock)
            self.dock.setParent(None)
            self.dock.deleteLater()
            self.dock = None
        if self.toolbar is not None:
            self.iface.mainWindow().removeToolBar(self.toolbar)
            self.toolbar.setParent(None)
            self.toolbar.deleteLater()
            self.toolbar = None
        if self.action is not None:
            self.action.deleteLater()
            self.action = None
