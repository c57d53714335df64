"""onegrid:repair_grids — close gaps, resolve overlaps, merge slivers, keep every grid's fields.

Thin: the adapter reads the layers, :func:`onegrid.processing.analysis.topology.repair_grids`
repairs, the adapter writes the grids and the table of changes.
"""
from qgis.core import (QgsProcessing, QgsProcessingOutputNumber,
                       QgsProcessingParameterFeatureSink, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterField, QgsProcessingParameterNumber, QgsWkbTypes)

from ...i18n import tr
from ..adapter import frame_to_sink, parameter_frame
from ..analysis import topology
from .base import OneGridAlgorithm


class RepairGrids(OneGridAlgorithm):
    NAME = "repair_grids"
    GROUP = "grids"
    DISPLAY = "Repair grids (gaps, overlaps, slivers)"
    HELP = (
        "Repairs a grid layer so that onegrid:check_grids finds no gap, overlap or sliver, "
        "keeping every grid's id and fields. In order: invalid geometries are made valid; "
        "with PARENTS each grid is clipped to the community it shares most area with; each "
        "overlap goes to the one of the two grids whose remainder shares the longer boundary "
        "with it (a tie: the grid first in the layer) and is cut from the other; each gap "
        "goes to the grid sharing the longest boundary with it (with PARENTS only grids of "
        "the gap's community compete; a gap touching none goes to the nearest one); each "
        "sliver part (under SLIVER_AREA square metres, or of mean width 2 × area / perimeter "
        "under SLIVER_WIDTH metres) goes to the neighbouring grid of the same community "
        "sharing the longest boundary with it. A grid that was nothing but a sliver is thus "
        "merged away: the only case in which a grid disappears, recorded as 'removed'. "
        "Multipart grids keep their parts. CHANGES lists every piece moved: change (clip, "
        "overlap, gap, sliver, removed), from_grids, to_grid, parent_id, area_m2, "
        "shared_edge_m and detail. The ID_FIELD values must be unique. Closed versions of a "
        "versioned layer (valid_to today or earlier) are copied unchanged. The work is done in "
        "metres; the grids are written in their own CRS.")

    GRIDS = "GRIDS"
    ID_FIELD = "ID_FIELD"
    PARENTS = "PARENTS"
    PARENT_ID_FIELD = "PARENT_ID_FIELD"
    SLIVER_AREA = "SLIVER_AREA"
    SLIVER_WIDTH = "SLIVER_WIDTH"
    OUTPUT = "OUTPUT"
    CHANGES = "CHANGES"
    CHANGE_COUNT = "CHANGE_COUNT"

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.GRIDS, tr("Grids"), [QgsProcessing.TypeVectorPolygon]))
        # Optional: QGIS 3.22 refuses a mandatory field parameter left out even when it has a
        # default. Left out, it is grid_code.
        self.addParameter(QgsProcessingParameterField(
            self.ID_FIELD, tr("Grid id field"), defaultValue="grid_code",
            parentLayerParameterName=self.GRIDS, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.PARENTS, tr("Communities (parents)"), [QgsProcessing.TypeVectorPolygon],
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.PARENT_ID_FIELD, tr("Community id field"), defaultValue="code",
            parentLayerParameterName=self.PARENTS, optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.SLIVER_AREA, tr("Sliver area (square metres)"),
            QgsProcessingParameterNumber.Double, defaultValue=topology.SLIVER_AREA,
            minValue=0.0))
        self.addParameter(QgsProcessingParameterNumber(
            self.SLIVER_WIDTH, tr("Sliver mean width (metres)"),
            QgsProcessingParameterNumber.Double, defaultValue=topology.SLIVER_WIDTH,
            minValue=0.0))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, tr("Repaired grids"), QgsProcessing.TypeVectorPolygon))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.CHANGES, tr("Changes"), QgsProcessing.TypeVector))
        self.addOutput(QgsProcessingOutputNumber(self.CHANGE_COUNT, tr("Pieces moved")))

    def execute(self, parameters, context, feedback):
        id_field = self.parameterAsString(parameters, self.ID_FIELD, context) or "grid_code"
        parent_field = self.parameterAsString(parameters, self.PARENT_ID_FIELD,
                                              context) or "code"
        feedback.pushInfo(tr("Reading the layers"))
        grids = parameter_frame(self, parameters, self.GRIDS, context, feedback,
                                required_fields=(id_field,))
        parents = parameter_frame(self, parameters, self.PARENTS, context, feedback,
                                  required_fields=(parent_field,))
        feedback.pushInfo(tr("Repairing {count} grids").format(count=len(grids)))
        repaired, changes = topology.repair_grids(
            grids, id_field, parents=parents, parent_id_field=parent_field,
            sliver_area=self.parameterAsDouble(parameters, self.SLIVER_AREA, context),
            sliver_width=self.parameterAsDouble(parameters, self.SLIVER_WIDTH, context),
            progress=lambda f: feedback.setProgress(90.0 * f),
            is_canceled=feedback.isCanceled)
        left = changes["to_grid"].eq("") & changes["change"].isin(["gap", "sliver"])
        if left.any():
            feedback.pushWarning(tr("{count} pieces touch no grid they could join and were "
                                    "left as they are").format(count=int(left.sum())))
        removed = changes.loc[changes["change"] == "removed", "from_grids"].tolist()
        if removed:
            feedback.pushWarning(tr("Grids that were only a sliver were merged into their "
                                    "neighbours: {ids}").format(ids=", ".join(removed)))
        source = self.parameterAsSource(parameters, self.GRIDS, context)
        dest = frame_to_sink(self, parameters, self.OUTPUT, context, repaired,
                             wkb_type=QgsWkbTypes.MultiPolygon, crs=source.sourceCrs(),
                             fields=source.fields())
        changes_dest = frame_to_sink(self, parameters, self.CHANGES, context, changes,
                                     wkb_type=QgsWkbTypes.NoGeometry)
        feedback.pushInfo(tr("{count} pieces moved").format(count=len(changes)))
        feedback.setProgress(100)
        return {self.OUTPUT: dest, self.CHANGES: changes_dest, self.CHANGE_COUNT: len(changes)}
