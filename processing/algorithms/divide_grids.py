"""onegrid:divide_grids — base grids of about TARGET_HOUSEHOLDS households in each community.

Thin: the adapter reads the layers, :func:`onegrid.processing.analysis.divide.divide_grids`
divides, the adapter writes the sink.
"""
from qgis.core import (QgsProcessing, QgsProcessingOutputNumber,
                       QgsProcessingParameterFeatureSink, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterField, QgsProcessingParameterNumber)

from ...i18n import tr
from ..adapter import frame_to_sink, parameter_frame
from ..analysis import divide
from .base import OneGridAlgorithm


class DivideGrids(OneGridAlgorithm):
    NAME = "divide_grids"
    GROUP = "grids"
    DISPLAY = "Divide communities into base grids"
    HELP = (
        "Divides each community into base grids of about TARGET_HOUSEHOLDS households "
        "(default 300), each within TARGET_HOUSEHOLDS × (1 ± TOLERANCE) (default 0.2, i.e. "
        "240-360) wherever the buildings allow it. The grids never cross a community "
        "boundary, never split a building, are one part each and together cover the "
        "community without gaps or overlaps; their boundaries follow the BARRIERS lines "
        "(roads, rivers) where they can. A building belongs to the community and the grid "
        "holding a point inside its footprint. A building with more households than the "
        "maximum becomes a grid of its own and is reported; a community without buildings "
        "becomes one grid of 0 households and is reported. Method: the buildings' Voronoi "
        "cells (from their outlines) give their neighbours; each community is cut by "
        "recursive bisection along sweeps in 12 directions, choosing among the balanced "
        "cuts the shortest one (a cut along a barrier counts a twentieth), then buildings "
        "on the boundary move from fuller to emptier neighbouring grids, keeping every "
        "grid in one piece, until all are within the tolerance or no move helps. Output "
        "fields: grid_code (community code + 3-digit sequence, north to south, west to "
        "east), community_code, households, deviation (households − target), "
        "within_tolerance and reason (ok, oversized_building, no_buildings, "
        "too_few_households, unbalanced). Layers in degrees are divided in a metric CRS; "
        "the grids are written in the communities' CRS.")

    COMMUNITIES = "COMMUNITIES"
    COMMUNITY_ID_FIELD = "COMMUNITY_ID_FIELD"
    BUILDINGS = "BUILDINGS"
    HOUSEHOLD_FIELD = "HOUSEHOLD_FIELD"
    BARRIERS = "BARRIERS"
    TARGET_HOUSEHOLDS = "TARGET_HOUSEHOLDS"
    TOLERANCE = "TOLERANCE"
    OUTPUT = "OUTPUT"
    GRID_COUNT = "GRID_COUNT"
    OUTSIDE_COUNT = "OUTSIDE_COUNT"

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.COMMUNITIES, tr("Communities"), [QgsProcessing.TypeVectorPolygon]))
        self.addParameter(QgsProcessingParameterField(
            self.COMMUNITY_ID_FIELD, tr("Community code field"), defaultValue="code",
            parentLayerParameterName=self.COMMUNITIES, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.BUILDINGS, tr("Buildings"), [QgsProcessing.TypeVectorPolygon,
                                              QgsProcessing.TypeVectorPoint]))
        self.addParameter(QgsProcessingParameterField(
            self.HOUSEHOLD_FIELD, tr("Household count field"), defaultValue="households",
            parentLayerParameterName=self.BUILDINGS,
            type=QgsProcessingParameterField.Numeric, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.BARRIERS, tr("Barriers (roads, rivers)"), [QgsProcessing.TypeVectorLine],
            optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.TARGET_HOUSEHOLDS, tr("Target households per grid"),
            QgsProcessingParameterNumber.Integer, defaultValue=300, minValue=1))
        self.addParameter(QgsProcessingParameterNumber(
            self.TOLERANCE, tr("Tolerance (fraction of the target, 0.2 = ±20 %)"),
            QgsProcessingParameterNumber.Double, defaultValue=0.2, minValue=0.0,
            maxValue=0.99))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, tr("Base grids"), QgsProcessing.TypeVectorPolygon))
        self.addOutput(QgsProcessingOutputNumber(self.GRID_COUNT, tr("Grids made")))
        self.addOutput(QgsProcessingOutputNumber(
            self.OUTSIDE_COUNT, tr("Buildings outside every community")))

    def execute(self, parameters, context, feedback):
        # Optional only so that QGIS 3.22 accepts the defaults when the keys are absent.
        community_id = self.parameterAsString(parameters, self.COMMUNITY_ID_FIELD,
                                              context) or "code"
        household_field = self.parameterAsString(parameters, self.HOUSEHOLD_FIELD,
                                                 context) or "households"
        target = self.parameterAsInt(parameters, self.TARGET_HOUSEHOLDS, context)
        tolerance = self.parameterAsDouble(parameters, self.TOLERANCE, context)
        communities = parameter_frame(self, parameters, self.COMMUNITIES, context, feedback,
                                      required_fields=(community_id,))
        buildings = parameter_frame(self, parameters, self.BUILDINGS, context, feedback,
                                    required_fields=(household_field,))
        barriers = parameter_frame(self, parameters, self.BARRIERS, context, feedback,
                                   allow_empty=True)
        grids, report = divide.divide_grids(
            communities, buildings, community_id, household_field, target=target,
            tolerance=tolerance, barriers=barriers,
            progress=lambda f: feedback.setProgress(95 * f), is_canceled=feedback.isCanceled)
        layer = communities.attrs.get("layer_name", self.COMMUNITIES)
        for code in report["empty_communities"]:
            feedback.pushWarning(tr("Community {code} of {layer} has no buildings: it is "
                                    "one grid of 0 households").format(code=code, layer=layer))
        if report["oversized_buildings"]:
            feedback.pushWarning(tr("{count} buildings of {layer} hold more than {high} "
                                    "households; each is a grid of its own (feature ids "
                                    "{ids})").format(
                count=len(report["oversized_buildings"]),
                layer=buildings.attrs.get("layer_name", self.BUILDINGS),
                high=f"{report['high']:g}",
                ids=", ".join(str(i) for i in report["oversized_buildings"][:20])))
        if report["outside_buildings"]:
            feedback.pushWarning(tr("{count} buildings of {layer} are outside every community "
                                    "and belong to no grid").format(
                count=report["outside_buildings"],
                layer=buildings.attrs.get("layer_name", self.BUILDINGS)))
        outside = grids[~grids["within_tolerance"]]
        feedback.pushInfo(tr("{grids} grids in {communities} communities (EPSG:{epsg}); "
                             "{outside} outside {low:g}-{high:g} households").format(
            grids=len(grids), communities=grids["community_code"].nunique(),
            epsg=report["epsg"], outside=len(outside), low=report["low"],
            high=report["high"]))
        for row in outside.itertuples():
            feedback.pushInfo(tr("Grid {code}: {households} households ({reason})").format(
                code=row.grid_code, households=row.households, reason=row.reason))
        grids = grids.to_crs(communities.crs)
        return {
            self.OUTPUT: frame_to_sink(self, parameters, self.OUTPUT, context, grids),
            self.GRID_COUNT: len(grids),
            self.OUTSIDE_COUNT: report["outside_buildings"],
        }
