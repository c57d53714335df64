"""onegrid:camera_viewsheds — what each camera really sees past the buildings."""
import numpy as np
import pandas as pd
from qgis.core import (QgsProcessing, QgsProcessingParameterEnum, QgsProcessingParameterField,
                       QgsProcessingParameterFeatureSink, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterNumber, QgsWkbTypes)

from ...i18n import tr
from .. import adapter
from ..analysis import crs as crs_tools
from ..analysis import visibility
from ..analysis.errors import N_, OneGridError
from .base import OneGridAlgorithm

#: Floor height (m) used when obstacle heights come from a number of floors.
FLOOR_HEIGHT_M = 3.0
#: With at least this many cameras the viewsheds are computed in worker processes.
PARALLEL_FROM = 2000
LEVEL_OPTIONS = ("range",) + visibility.DORI_LEVELS

FLAG_MESSAGES = {
    visibility.FLAG_INSIDE: N_("{count} cameras of {layer} stand inside a building: no "
                               "viewshed (feature ids {ids})"),
    visibility.FLAG_AZIMUTH: N_("{count} cameras of {layer} have an azimuth outside 0-360: "
                                "taken modulo 360 (feature ids {ids})"),
    visibility.FLAG_FOV: N_("{count} cameras of {layer} have no field of view above 0 and up "
                            "to 360 degrees (and no lens to derive one): no viewshed (feature "
                            "ids {ids})"),
    visibility.FLAG_RANGE: N_("{count} cameras of {layer} have no range above 0 m (and no lens "
                              "and resolution for the DORI level): no viewshed (feature ids "
                              "{ids})"),
    visibility.FLAG_NO_POSITION: N_("{count} cameras of {layer} have no position: no viewshed "
                                    "(feature ids {ids})"),
}


def add_camera_parameters(alg, optional=False):
    """CAMERAS, OBSTACLES, HEIGHT_FIELD, LEVELS_FIELD, LEVEL and ARC_STEP on ``alg``."""
    alg.addParameter(QgsProcessingParameterFeatureSource(
        "CAMERAS", tr("Cameras"), [QgsProcessing.TypeVectorPoint], optional=optional))
    alg.addParameter(QgsProcessingParameterFeatureSource(
        "OBSTACLES", tr("Obstacles (building footprints)"), [QgsProcessing.TypeVectorPolygon],
        optional=optional))
    alg.addParameter(QgsProcessingParameterField(
        "HEIGHT_FIELD", tr("Obstacle height field (m); lower obstacles than the camera are "
                           "looked over"), parentLayerParameterName="OBSTACLES",
        type=QgsProcessingParameterField.Numeric, optional=True))
    alg.addParameter(QgsProcessingParameterField(
        "LEVELS_FIELD", tr("Obstacle floors field (3 m per floor), used where there is no "
                           "height"), parentLayerParameterName="OBSTACLES",
        type=QgsProcessingParameterField.Numeric, optional=True))
    alg.addParameter(QgsProcessingParameterEnum(
        "LEVEL", tr("Range: the range_m field, or the DORI level from lens and resolution"),
        options=list(LEVEL_OPTIONS), defaultValue=0))
    alg.addParameter(QgsProcessingParameterNumber(
        "ARC_STEP", tr("Arc step of the range circle (degrees)"),
        QgsProcessingParameterNumber.Double, defaultValue=visibility.ARC_STEP_DEG,
        minValue=0.1, maxValue=10.0))


def compute_viewsheds(alg, parameters, context, feedback, progress_span=(0.0, 80.0)):
    """Read CAMERAS and OBSTACLES, compute the viewsheds and report the flags.

    Returns (cameras in metres, viewsheds GeoDataFrame, obstacles in metres).
    """
    cameras = adapter.parameter_frame(alg, parameters, "CAMERAS", context, feedback)
    obstacles = adapter.parameter_frame(alg, parameters, "OBSTACLES", context, feedback,
                                        allow_empty=True)
    cam_layer = cameras.attrs["layer_name"]
    obs_layer = obstacles.attrs["layer_name"]
    if obstacles.crs is not None and crs_tools.is_metric(obstacles.crs):
        metric = obstacles.crs
    else:
        metric = crs_tools.to_metric(cameras, cam_layer)[0].crs
    if obstacles.crs is None:
        obstacles = obstacles.set_crs(metric)
    if not crs_tools.is_metric(cameras.crs):
        feedback.pushWarning(tr("Layer {layer} is not in metres: computed in {crs}").format(
            layer=cam_layer, crs=metric.to_string()))
    cameras = crs_tools.align_crs(metric, cameras, cam_layer)
    obstacles = crs_tools.align_crs(metric, obstacles, obs_layer)
    heights = None
    height_field = alg.parameterAsString(parameters, "HEIGHT_FIELD", context)
    levels_field = alg.parameterAsString(parameters, "LEVELS_FIELD", context)
    if height_field or levels_field:
        heights = np.full(len(obstacles), np.nan)
        if levels_field:
            heights = _numbers(obstacles, levels_field, obs_layer) * FLOOR_HEIGHT_M
        if height_field:
            metres = _numbers(obstacles, height_field, obs_layer)
            heights = np.where(np.isfinite(metres), metres, heights)
    level = alg.enum_value(parameters, "LEVEL")
    arc = alg.parameterAsDouble(parameters, "ARC_STEP", context)
    low, high = progress_span
    sheds = visibility.camera_viewsheds(
        cameras, obstacles, level=None if level == "range" else level,
        obstacle_heights=heights, arc_step_deg=arc,
        workers=None if len(cameras) >= PARALLEL_FROM else 1,
        progress=lambda f: feedback.setProgress(low + (high - low) * f),
        is_canceled=feedback.isCanceled)
    report_flags(sheds, cam_layer, feedback)
    return cameras, sheds, obstacles


def _numbers(frame, field, layer):
    if field not in frame.columns:
        raise OneGridError(N_("Layer {layer} has no field {field}; its fields are: {fields}"),
                           layer=layer, field=field, fields=", ".join(frame.columns))
    return pd.to_numeric(frame[field], errors="coerce").to_numpy(np.float64)


def report_flags(sheds, layer, feedback):
    """One warning per flag with the count and the first feature ids."""
    flags = sheds["flags"].to_numpy()
    for code, template in FLAG_MESSAGES.items():
        hit = np.array([code in f.split(";") for f in flags], dtype=bool)
        if hit.any():
            ids = ", ".join(str(i) for i in sheds.index.to_numpy()[hit][:20])
            feedback.pushWarning(tr(template).format(count=int(hit.sum()), layer=layer, ids=ids))


def viewshed_table(cameras, sheds):
    """The OUTPUT frame: camera fid and code, the parameters used, area and flags."""
    out = sheds.copy()
    out.insert(0, "camera_fid", cameras.index.to_numpy().astype(np.int64))
    code = cameras["camera_code"].astype(object) if "camera_code" in cameras else None
    out.insert(1, "camera_code", code.where(code.notna(), None) if code is not None else None)
    out["camera_code"] = out["camera_code"].astype(object)
    return out


class CameraViewsheds(OneGridAlgorithm):
    NAME = "camera_viewsheds"
    GROUP = "cameras"
    DISPLAY = "Camera viewsheds past buildings"
    HELP = ("One polygon per camera: its sector (a full circle for PTZ cameras or a field of "
            "view of 360 degrees) minus everything hidden behind the obstacles, computed as an "
            "exact 2D visibility polygon (angular sweep over the obstacle corners); the range "
            "circle is drawn with chords every ARC_STEP degrees. Camera fields (workspace "
            "cameras layer): height_m, azimuth_deg (degrees clockwise from north), fov_deg, "
            "range_m, lens_mm, resolution_mp, camera_type. A missing fov_deg comes from lens_mm "
            "(2.8 mm is 98 degrees); LEVEL detection, observation, recognition or "
            "identification sets the range from lens and resolution (25, 62, 125, 250 pixels "
            "per metre, IEC 62676-4), LEVEL range uses range_m. With a height or floors field "
            "an obstacle lower than the camera is looked over (the ground just behind it "
            "counts as seen); obstacles of unknown height block. Cameras inside a building, "
            "with a field of view of 0 or above 360 degrees or a range of 0 are flagged and "
            "get an empty polygon; azimuths outside 0-360 are taken modulo 360 and flagged. "
            "Layers not in metres are computed in a metric CRS (the obstacles' or one chosen "
            "for the cameras). LEVEL accepts an index or a name.")

    OUTPUT = "OUTPUT"
    ENUM_OPTIONS = {"LEVEL": LEVEL_OPTIONS}

    def initAlgorithm(self, config=None):
        add_camera_parameters(self)
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, tr("Viewsheds"), QgsProcessing.TypeVectorPolygon))

    def execute(self, parameters, context, feedback):
        cameras, sheds, _ = compute_viewsheds(self, parameters, context, feedback)
        out = viewshed_table(cameras, sheds)
        feedback.pushInfo(tr("{count} viewsheds, {area} m2 in all").format(
            count=int((out["area_m2"] > 0).sum()), area=round(float(out["area_m2"].sum()))))
        dest = adapter.frame_to_sink(self, parameters, self.OUTPUT, context, out,
                                     wkb_type=QgsWkbTypes.MultiPolygon)
        feedback.setProgress(100)
        return {self.OUTPUT: dest}
