"""onegrid:check_grids — every gap, overlap, crossing, sliver and staffing problem of grids.

Thin: the adapter reads the layers, :func:`onegrid.processing.analysis.topology.check_grids`
checks, the adapter writes one feature per problem.
"""
from qgis.core import (QgsProcessing, QgsProcessingOutputNumber,
                       QgsProcessingParameterFeatureSink, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterField, QgsProcessingParameterNumber, QgsWkbTypes)

from ...i18n import tr
from ..adapter import frame_to_sink, parameter_frame
from ..analysis import topology
from .base import OneGridAlgorithm


class CheckGrids(OneGridAlgorithm):
    NAME = "check_grids"
    GROUP = "grids"
    DISPLAY = "Check grids"
    HELP = (
        "Finds every problem of a grid layer and writes one polygon per problem with "
        "error_type, grid_ids (the ids involved, comma-separated), parent_id, area_m2 and "
        "detail. Error types: gap (inside each community of PARENTS, or inside the outline of "
        "the grids without PARENTS, an area no grid covers), overlap (the area two grids "
        "share, including a grid inside another), outside_parent and crosses_parent (the part "
        "of a grid outside the community it shares most area with: outside every community, "
        "or inside another one), multipart, invalid (repaired for the other checks), sliver "
        "(a grid part smaller than SLIVER_AREA square metres or with a mean width, 2 × area / "
        "perimeter, under SLIVER_WIDTH metres; gap and overlap pieces that thin say so in "
        "their detail), too_few_households / too_many_households (the households of the "
        "BUILDINGS whose representative point lies in the grid, outside MIN_HOUSEHOLDS - "
        "MAX_HOUSEHOLDS), duplicate_code (CODE_FIELD, by default ID_FIELD) and no_staff (no "
        "current leader 网格长 or full_time 专职网格员 in the STAFF table, matched on its "
        "grid_code). Gaps, overlaps and crossings of up to 0.001 square metres are float "
        "noise and not reported. Every gap and overlap that QGIS's Topology Checker rules "
        "\"must not have gaps\" and \"must not overlap\" find is found. Closed versions of "
        "a versioned layer (valid_to today or earlier) are history and not checked. The work "
        "is done in "
        "metres (layers in degrees are projected automatically, other layers transformed to "
        "the grids' CRS); the problems are written in the grids' CRS.")

    GRIDS = "GRIDS"
    ID_FIELD = "ID_FIELD"
    CODE_FIELD = "CODE_FIELD"
    PARENTS = "PARENTS"
    PARENT_ID_FIELD = "PARENT_ID_FIELD"
    BUILDINGS = "BUILDINGS"
    HOUSEHOLD_FIELD = "HOUSEHOLD_FIELD"
    STAFF = "STAFF"
    MIN_HOUSEHOLDS = "MIN_HOUSEHOLDS"
    MAX_HOUSEHOLDS = "MAX_HOUSEHOLDS"
    SLIVER_AREA = "SLIVER_AREA"
    SLIVER_WIDTH = "SLIVER_WIDTH"
    OUTPUT = "OUTPUT"
    PROBLEM_COUNT = "PROBLEM_COUNT"

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.GRIDS, tr("Grids"), [QgsProcessing.TypeVectorPolygon]))
        # Optional: QGIS 3.22 refuses a mandatory field parameter left out even when it has a
        # default. Left out, it is grid_code.
        self.addParameter(QgsProcessingParameterField(
            self.ID_FIELD, tr("Grid id field"), defaultValue="grid_code",
            parentLayerParameterName=self.GRIDS, optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.CODE_FIELD, tr("Grid code field checked for duplicates (default: the id "
                                "field)"), parentLayerParameterName=self.GRIDS, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.PARENTS, tr("Communities (parents)"), [QgsProcessing.TypeVectorPolygon],
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.PARENT_ID_FIELD, tr("Community id field"), defaultValue="code",
            parentLayerParameterName=self.PARENTS, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.BUILDINGS, tr("Buildings"), [QgsProcessing.TypeVectorPolygon,
                                              QgsProcessing.TypeVectorPoint], optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.HOUSEHOLD_FIELD, tr("Household count field"), defaultValue="households",
            parentLayerParameterName=self.BUILDINGS,
            type=QgsProcessingParameterField.Numeric, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.STAFF, tr("Grid staff table (grid_code, role)"), [QgsProcessing.TypeVector],
            optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.MIN_HOUSEHOLDS, tr("Fewest households per grid"),
            QgsProcessingParameterNumber.Integer, defaultValue=200, minValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            self.MAX_HOUSEHOLDS, tr("Most households per grid"),
            QgsProcessingParameterNumber.Integer, defaultValue=500, minValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            self.SLIVER_AREA, tr("Sliver area (square metres)"),
            QgsProcessingParameterNumber.Double, defaultValue=topology.SLIVER_AREA,
            minValue=0.0))
        self.addParameter(QgsProcessingParameterNumber(
            self.SLIVER_WIDTH, tr("Sliver mean width (metres)"),
            QgsProcessingParameterNumber.Double, defaultValue=topology.SLIVER_WIDTH,
            minValue=0.0))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, tr("Grid problems"), QgsProcessing.TypeVectorPolygon))
        self.addOutput(QgsProcessingOutputNumber(self.PROBLEM_COUNT, tr("Problems found")))

    def execute(self, parameters, context, feedback):
        id_field = self.parameterAsString(parameters, self.ID_FIELD, context) or "grid_code"
        code_field = self.parameterAsString(parameters, self.CODE_FIELD, context) or id_field
        parent_field = self.parameterAsString(parameters, self.PARENT_ID_FIELD,
                                              context) or "code"
        household_field = self.parameterAsString(parameters, self.HOUSEHOLD_FIELD,
                                                 context) or "households"
        feedback.pushInfo(tr("Reading the layers"))
        grids = parameter_frame(self, parameters, self.GRIDS, context, feedback,
                                required_fields=(id_field, code_field))
        parents = parameter_frame(self, parameters, self.PARENTS, context, feedback,
                                  required_fields=(parent_field,))
        buildings = parameter_frame(self, parameters, self.BUILDINGS, context, feedback,
                                    required_fields=(household_field,))
        staff = parameter_frame(self, parameters, self.STAFF, context, feedback,
                                required_fields=("grid_code", "role"), allow_empty=True)
        feedback.pushInfo(tr("Checking {count} grids").format(count=len(grids)))
        problems = topology.check_grids(
            grids, id_field, code_field=code_field, parents=parents,
            parent_id_field=parent_field, buildings=buildings,
            household_field=household_field, staff=staff,
            min_households=self.parameterAsInt(parameters, self.MIN_HOUSEHOLDS, context),
            max_households=self.parameterAsInt(parameters, self.MAX_HOUSEHOLDS, context),
            sliver_area=self.parameterAsDouble(parameters, self.SLIVER_AREA, context),
            sliver_width=self.parameterAsDouble(parameters, self.SLIVER_WIDTH, context),
            progress=lambda f: feedback.setProgress(90.0 * f),
            is_canceled=feedback.isCanceled)
        counts = problems.attrs["counts"]
        found = ", ".join(f"{kind} {n}" for kind, n in counts.items() if n)
        feedback.pushInfo(tr("Problems found: {counts}").format(counts=found or "0"))
        source = self.parameterAsSource(parameters, self.GRIDS, context)
        dest = frame_to_sink(self, parameters, self.OUTPUT, context, problems,
                             wkb_type=QgsWkbTypes.MultiPolygon, crs=source.sourceCrs())
        feedback.setProgress(100)
        return {self.OUTPUT: dest, self.PROBLEM_COUNT: len(problems)}
