"""What every OneGrid algorithm shares: translation, grouping, help, error conversion.

Algorithms are thin: read parameters, call one adapter, call the pure core, write the sink.
They keep no state on ``self`` between runs (QGIS may run copies in threads).
"""
import os

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException
from qgis.PyQt.QtGui import QIcon

from ...i18n import tr
from ..analysis.errors import N_, Canceled, OneGridError

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


def _folded(text):
    return "".join(ch for ch in str(text).casefold() if ch not in " -_")


def enum_option(value, options, parameter):
    """The option name for an enum value given as an index, a digit string or a name.

    Names match ignoring case, blanks, ``-`` and ``_`` (``gcj-02`` is ``GCJ02``). Anything else
    raises :class:`OneGridError` naming the parameter and listing the options.
    """
    if isinstance(value, (list, tuple)) and len(value) == 1:
        value = value[0]
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value == int(value):
        if 0 <= int(value) < len(options):
            return options[int(value)]
    text = "" if value is None else str(value).strip()
    if text.isdigit() and int(text) < len(options):
        return options[int(text)]
    for option in options:
        if _folded(option) == _folded(text):
            return option
    raise OneGridError(N_("{value} is not a valid {parameter}; choose one of: {options}"),
                       value=value, parameter=parameter, options=", ".join(options))


class OneGridAlgorithm(QgsProcessingAlgorithm):
    """Base class: subclasses set NAME, GROUP, DISPLAY, HELP, implement initAlgorithm and
    execute(parameters, context, feedback); OneGridError becomes a translated
    QgsProcessingException."""

    NAME = ""
    GROUP = "workspace"
    DISPLAY = ""
    HELP = ""
    #: Enum parameters: name -> option names in drop-down order. QGIS 3.22's enum parameter
    #: takes indices only; these also take their option names (the public contract).
    ENUM_OPTIONS = {}

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

    def checkParameterValues(self, parameters, context):  # noqa: N802 (QGIS's name)
        normalised = dict(parameters)
        for name, options in self.ENUM_OPTIONS.items():
            if parameters.get(name) is None:
                continue
            try:
                normalised[name] = options.index(enum_option(parameters[name], options, name))
            except OneGridError as err:
                return False, err.translated(tr)
        return super().checkParameterValues(normalised, context)

    def enum_value(self, parameters, name):
        """The option name chosen for enum parameter ``name`` (its default when absent)."""
        value = parameters.get(name)
        if value is None:
            value = self.parameterDefinition(name).defaultValue()
        return enum_option(value, self.ENUM_OPTIONS[name], name)

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


class EntranceParameters:
    """Mix-in of the algorithms whose origins may be building footprints: where a footprint
    starts (ENTRANCES points, ANCHOR mode; see analysis/entrances.py)."""

    ENTRANCES = "ENTRANCES"
    ANCHOR = "ANCHOR"

    def add_entrance_parameters(self):
        from qgis.core import (QgsProcessing, QgsProcessingParameterEnum,
                               QgsProcessingParameterFeatureSource)

        from ..analysis import entrances

        self.addParameter(QgsProcessingParameterFeatureSource(
            self.ENTRANCES, tr("Building entrances (points)"), [QgsProcessing.TypeVectorPoint],
            optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            self.ANCHOR, tr("Where a building starts"), options=list(entrances.MODES),
            defaultValue=0, optional=True))

    def entrance_arguments(self, parameters, context, feedback):
        """``entrances`` and ``anchor`` keyword arguments for the pure core."""
        from ..adapter import parameter_frame

        doors = parameter_frame(self, parameters, self.ENTRANCES, context, feedback,
                                allow_empty=True)
        return {"entrances": doors, "anchor": self.enum_value(parameters, self.ANCHOR)}
