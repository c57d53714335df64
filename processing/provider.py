"""The Processing provider ``onegrid``."""
from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..i18n import tr
from .algorithms.base import ICON


def algorithm_classes():
    """Every algorithm class the provider offers, imported lazily."""
    from .algorithms.create_workspace import CreateWorkspace

    classes = [CreateWorkspace]
    for module, name in (
        ("import_osm", "ImportOsm"),
        ("import_table", "ImportTable"),
        ("convert_coordinates", "ConvertCoordinates"),
    ):
        try:
            mod = __import__(f"{__package__}.algorithms.{module}", fromlist=[name])
        except ModuleNotFoundError as err:
            if err.name != f"{__package__}.algorithms.{module}":
                raise
            continue
        classes.append(getattr(mod, name))
    return classes


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
