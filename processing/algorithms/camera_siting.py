"""onegrid:camera_siting — where K new cameras add the most coverage, existing ones kept."""
import re

import pandas as pd
from qgis.core import (QgsProcessing, QgsProcessingParameterFeatureSink,
                       QgsProcessingParameterFeatureSource, QgsProcessingParameterNumber,
                       QgsWkbTypes)

from ...i18n import tr
from .. import adapter
from ..analysis import coverage, visibility
from ..analysis import crs as crs_tools
from ..analysis.errors import N_, OneGridError
from .base import OneGridAlgorithm
from .camera_coverage import add_target_parameters, read_targets
from .camera_viewsheds import LEVEL_OPTIONS, add_camera_parameters, compute_viewsheds

#: Largest problem (candidates x elements with a non-zero entry) also solved exactly.
EXACT_LIMIT = 20_000


def _field(name):
    return "added_" + re.sub(r"\W+", "_", str(name)).strip("_").lower()


class CameraSiting(OneGridAlgorithm):
    NAME = "camera_siting"
    GROUP = "cameras"
    DISPLAY = "Where to add cameras"
    HELP = ("Proposes K new cameras that add the most coverage of the targets, the existing "
            "CAMERAS kept (their coverage counts as done). Candidates: the CANDIDATES layer "
            "(fields as the cameras layer: azimuth_deg, fov_deg, range_m, height_m ...) or, "
            "without it, points every SPACING metres along the line targets and at their "
            "junctions, each with four azimuths (0, 90, 180, 270 degrees), CANDIDATE_FOV and "
            "CANDIDATE_RANGE. Each candidate's viewshed is computed past the obstacles; the "
            "targets are cut into elements (road pieces of 10 m by length, polygon cells of "
            "10 m by area, key places worth PLACE_WEIGHT metres of road each, 50 by default) "
            "and the candidates are chosen "
            "by greedy maximal coverage with lazy evaluation, which reaches at least 63 % "
            "(1 - 1/e) of the optimum. Small problems are also solved exactly by integer "
            "programming and the ratio is reported. OUTPUT: the K cameras in order with "
            "azimuth, the gain and what each adds per target layer (metres, square metres or "
            "places).")

    ENUM_OPTIONS = {"LEVEL": LEVEL_OPTIONS}

    def initAlgorithm(self, config=None):
        add_camera_parameters(self, optional=True)
        add_target_parameters(self, grids=False)
        self.addParameter(QgsProcessingParameterFeatureSource(
            "CANDIDATES", tr("Candidate cameras (optional)"), [QgsProcessing.TypeVectorPoint],
            optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            "K", tr("Number of new cameras"), QgsProcessingParameterNumber.Integer,
            defaultValue=10, minValue=1))
        self.addParameter(QgsProcessingParameterNumber(
            "SPACING", tr("Candidate spacing along roads (m)"),
            QgsProcessingParameterNumber.Double, defaultValue=coverage.CANDIDATE_SPACING_M,
            minValue=1.0))
        self.addParameter(QgsProcessingParameterNumber(
            "CANDIDATE_FOV", tr("Candidate field of view (degrees)"),
            QgsProcessingParameterNumber.Double, defaultValue=98.0, minValue=1.0,
            maxValue=360.0))
        self.addParameter(QgsProcessingParameterNumber(
            "CANDIDATE_RANGE", tr("Candidate range (m)"), QgsProcessingParameterNumber.Double,
            defaultValue=30.0, minValue=1.0))
        self.addParameter(QgsProcessingParameterNumber(
            "PLACE_WEIGHT", tr("Worth of one key place, in metres of road"),
            QgsProcessingParameterNumber.Double, defaultValue=coverage.PLACE_WEIGHT_M,
            minValue=1.0, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT", tr("Proposed cameras"), QgsProcessing.TypeVectorPoint))

    def execute(self, parameters, context, feedback):
        if parameters.get("OBSTACLES") is None:
            raise OneGridError(N_("OBSTACLES is required: the building footprints"))
        existing = None
        if parameters.get("CAMERAS") is not None:
            _, existing, obstacles = compute_viewsheds(self, parameters, context, feedback,
                                                       (0.0, 30.0))
            crs = existing.crs
        else:
            obstacles = adapter.parameter_frame(self, parameters, "OBSTACLES", context,
                                                feedback, allow_empty=True)
            obstacles, _ = crs_tools.to_metric(obstacles, obstacles.attrs["layer_name"])
            crs = obstacles.crs
        targets = read_targets(self, parameters, context, feedback, crs)
        candidates = adapter.parameter_frame(self, parameters, "CANDIDATES", context, feedback)
        if candidates is not None:
            candidates = crs_tools.align_crs(crs, candidates, candidates.attrs["layer_name"])
        else:
            lines = [f for f in targets.values()
                     if coverage.measure_kind(f.geometry.to_numpy()) == coverage.LINE]
            if not lines:
                raise OneGridError(N_("No CANDIDATES and no line target (roads) to place "
                                      "candidates along"))
            candidates = coverage.siting_candidates(
                pd.concat(lines)[["geometry"]].set_crs(crs, allow_override=True),
                spacing_m=self.parameterAsDouble(parameters, "SPACING", context),
                fov_deg=self.parameterAsDouble(parameters, "CANDIDATE_FOV", context),
                range_m=self.parameterAsDouble(parameters, "CANDIDATE_RANGE", context))
        feedback.pushInfo(tr("{count} candidate cameras").format(count=len(candidates)))
        sheds = visibility.camera_viewsheds(
            candidates, obstacles, obstacle_heights=None,
            workers=None if len(candidates) >= 2000 else 1,
            progress=lambda f: feedback.setProgress(30 + 50 * f),
            is_canceled=feedback.isCanceled)
        k = self.parameterAsInt(parameters, "K", context)
        weight = coverage.PLACE_WEIGHT_M
        if parameters.get("PLACE_WEIGHT") is not None:
            weight = self.parameterAsDouble(parameters, "PLACE_WEIGHT", context)
        result = coverage.camera_siting(sheds, targets, k, existing_viewsheds=existing,
                                        place_weight=weight)
        chosen = result["chosen"]
        if len(chosen) < k:
            feedback.pushWarning(tr("Only {count} candidates add any coverage; {k} were asked")
                                 .format(count=len(chosen), k=k))
        if result["matrix"].nnz <= EXACT_LIMIT and len(chosen):
            _, optimum = coverage.exact_siting(result["matrix"], result["weights"], k,
                                               result["covered"])
            if optimum > 0:
                feedback.pushInfo(tr("Greedy choice reaches {pct} % of the exact optimum")
                                  .format(pct=round(100.0 * chosen["gain"].sum() / optimum, 1)))
        rows = candidates.loc[chosen["candidate"].to_numpy()]
        out = rows[["geometry"]].copy()
        out["rank"] = chosen["rank"].to_numpy()
        for column in ("azimuth_deg", "fov_deg", "range_m", "height_m"):
            out[column] = sheds.loc[rows.index, column].to_numpy()
        out["gain"] = chosen["gain"].to_numpy()
        for name in targets:
            out[_field(name)] = chosen["added_" + str(name)].to_numpy()
        out["viewshed_m2"] = sheds.loc[rows.index, "area_m2"].to_numpy()
        out = out.reset_index(drop=True)
        dest = adapter.frame_to_sink(self, parameters, "OUTPUT", context, out,
                                     wkb_type=QgsWkbTypes.Point)
        feedback.setProgress(100)
        return {"OUTPUT": dest}
