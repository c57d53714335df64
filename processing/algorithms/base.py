"""What every OneGrid algorithm shares: translation, grouping, help, error conversion.

Algorithms are thin: read parameters, call one adapter, call the pure core, write the sink.
They keep no state on ``self`` between runs (QGIS may run copies in threads).
"""
import os

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException
from qgis.PyQt.QtGui import QIcon

from ...i18n import tr
from ..analysis.errors import Canceled, OneGridError

ICON = os.path.join(os.path.dirname(__file__), "..", "..", "resources", "icons", "onegrid.svg")

#: Group id -> English group name (translated at run time by ``group()``).
GROUPS = {
    "workspace": "Workspace",
    "grids": "Grids",
    "records": "Registers",
    "services": "Service circles",
    "cameras": "Cameras",
    "patrol": "Patrol and events",
}


class OneGridAlgorithm(QgsProcessingAlgorithm):
    """Base class: subclasses set NAME, GROUP, DISPLAY, HELP, implement initAlgorithm and
    execute(parameters, context, feedback); OneGridError becomes a translated
    QgsProcessingException."""

    NAME = ""
    GROUP = "workspace"
    DISPLAY = ""
    HELP = ""

    def tr(self, text):
        return tr(text)

    def createInstance(self):
        return type(self)()

    def name(self):
        return self.NAME

    def displayName(self):
        return tr(self.DISPLAY)

    def group(self):
        return tr(GROUPS[self.GROUP])

    def groupId(self):
        return self.GROUP

    def shortHelpString(self):
        return tr(self.HELP)

    def icon(self):
        return QIcon(ICON)

    def processAlgorithm(self, parameters, context, feedback):
        try:
            return self.execute(parameters, context, feedback)
        except OneGridError as err:
            raise QgsProcessingException(err.translated(tr)) from err
        except Canceled:
            feedback.reportError(tr("Canceled by the user"), fatalError=False)
            return {}

    def execute(self, parameters, context, feedback):  # pragma: no cover - abstract
        """The algorithm's work (QgsProcessingAlgorithm.run is QGIS's own, not ours)."""
        raise NotImplementedError("subclasses implement execute(parameters, context, feedback)")


def fail(template, **params):
    """Raise a translated QgsProcessingException from an English template."""
    raise QgsProcessingException(tr(template).format(**params))
