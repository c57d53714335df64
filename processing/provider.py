"""The Processing provider ``onegrid``."""
import importlib
import pkgutil

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..i18n import tr
from .algorithms.base import ICON


def algorithm_classes():
    """Every algorithm class in processing/algorithms (one module per algorithm), by name."""
    from . import algorithms
    from .algorithms.base import OneGridAlgorithm

    found = {}
    for info in pkgutil.iter_modules(algorithms.__path__):
        if info.name == "base":
            continue
        module = importlib.import_module(f"{algorithms.__name__}.{info.name}")
        for obj in vars(module).values():
            if (isinstance(obj, type) and issubclass(obj, OneGridAlgorithm)
                    and obj.__module__ == module.__name__ and obj.NAME):
                found[obj.NAME] = obj
    return [found[name] for name in sorted(found)]


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
