"""The Processing provider ``onegrid``."""
from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..i18n import tr
from .algorithms.base import ICON


def algorithm_classes():
    """Every algorithm class the provider offers (imported when the provider loads)."""
    from .algorithms.convert_coordinates import ConvertCoordinates
    from .algorithms.create_workspace import CreateWorkspace
    from .algorithms.import_osm import ImportOsm
    from .algorithms.import_table import ImportTable

    return [CreateWorkspace, ImportOsm, ImportTable, ConvertCoordinates]


class OneGridProvider(QgsProcessingProvider):
    def id(self):
        return "onegrid"

    def name(self):
        return tr("OneGrid")

    def longName(self):
        return tr("OneGrid grid-based governance")

    def icon(self):
        return QIcon(ICON)

    def loadAlgorithms(self):
        for cls in algorithm_classes():
            self.addAlgorithm(cls())
