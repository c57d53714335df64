"""onegrid:align_grids — professional grids rebuilt from whole base grids.

Thin: the inputs are read as onegrid:merge_grids reads them,
:func:`onegrid.processing.analysis.overlay.align_grids` computes, the adapter writes the
aligned grids and the per-grid report.
"""
from qgis.core import (QgsProcessing, QgsProcessingOutputNumber,
                       QgsProcessingParameterFeatureSink, QgsWkbTypes)

from ...i18n import tr
from ..adapter import frame_to_sink
from ..analysis import overlay
from .base import OneGridAlgorithm
from .merge_grids import add_input_parameters, read_inputs


class AlignGrids(OneGridAlgorithm):
    NAME = "align_grids"
    GROUP = "grids"
    DISPLAY = "Align professional grids to base grids"
    HELP = (
        "Rebuilds each professional grid as the union of the whole base grids assigned to it, "
        "so that its boundary follows base-grid boundaries exactly. Each base grid is "
        "assigned, per grid type, to the professional grid holding the largest share of its "
        "area (as onegrid:merge_grids does). OVERLAYS takes any number of polygon layers, "
        "each with a grid_type field; a layer holding several grid types is split by "
        "grid_type. OUTPUT: the aligned professional grids with their own fields and "
        "grid_type, in the base grids' CRS. REPORT: one row per professional grid with "
        "grid_type, overlay_id, area_before_m2, area_after_m2, moved_in_m2 (area it "
        "gained), moved_out_m2 (area it lost), moved_m2 (their sum, the area of the "
        "symmetric difference), base_grids (how many), base_ids and status (aligned, or "
        "no_base_grid for a grid that holds the largest share of no base grid: it is not in "
        "OUTPUT). Areas are in square metres, computed in metres (layers in degrees are "
        "projected automatically); base grids are taken to have no overlaps "
        "(onegrid:check_grids finds them).")

    BASE = "BASE"
    BASE_ID_FIELD = "BASE_ID_FIELD"
    OVERLAYS = "OVERLAYS"
    OVERLAY_ID_FIELD = "OVERLAY_ID_FIELD"
    OUTPUT = "OUTPUT"
    REPORT = "REPORT"
    UNASSIGNED_COUNT = "UNASSIGNED_COUNT"

    def initAlgorithm(self, config=None):
        add_input_parameters(self)
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, tr("Aligned professional grids"), QgsProcessing.TypeVectorPolygon))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.REPORT, tr("Alignment report"), QgsProcessing.TypeVector))
        self.addOutput(QgsProcessingOutputNumber(
            self.UNASSIGNED_COUNT, tr("Professional grids left without a base grid")))

    def execute(self, parameters, context, feedback):
        base, overlays, base_id, overlay_id = read_inputs(self, parameters, context, feedback)
        feedback.pushInfo(tr("Aligning {types} grid types to {count} base grids").format(
            types=len(overlays), count=len(base)))
        aligned, report = overlay.align_grids(
            base, overlays, base_id, overlay_id,
            progress=lambda f: feedback.setProgress(90.0 * f), is_canceled=feedback.isCanceled)
        lost = report[report["status"] == "no_base_grid"]
        for grid_type, rows in lost.groupby("grid_type"):
            feedback.pushWarning(tr("{count} {grid_type} grids hold the largest share of no "
                                    "base grid and are not in the output: {ids}").format(
                count=len(rows), grid_type=grid_type,
                ids=", ".join(map(str, rows["overlay_id"].tolist()[:20]))))
        feedback.pushInfo(tr("{count} professional grids aligned; {area:.0f} square metres "
                             "moved in all").format(count=len(aligned),
                                                    area=float(report["moved_m2"].sum())))
        dest = frame_to_sink(self, parameters, self.OUTPUT, context, aligned,
                             wkb_type=QgsWkbTypes.MultiPolygon)
        report_dest = frame_to_sink(self, parameters, self.REPORT, context, report)
        feedback.setProgress(100)
        return {self.OUTPUT: dest, self.REPORT: report_dest,
                self.UNASSIGNED_COUNT: len(lost)}
