"""onegrid:camera_coverage — covered share per grid and target class, blind spots."""
import numpy as np
import pandas as pd
from qgis.core import (QgsProcessing, QgsProcessingParameterFeatureSink,
                       QgsProcessingParameterFeatureSource, QgsProcessingParameterField,
                       QgsProcessingParameterMultipleLayers,
                       QgsWkbTypes)

from ...i18n import tr
from .. import adapter
from ..analysis import coverage
from ..analysis import crs as crs_tools
from ..analysis.errors import N_, OneGridError
from .base import OneGridAlgorithm
from .camera_viewsheds import add_camera_parameters, compute_viewsheds

BLIND_OUTPUTS = (("BLIND_SPOTS", coverage.LINE, QgsWkbTypes.MultiLineString),
                 ("BLIND_PLACES", coverage.POINT, QgsWkbTypes.Point),
                 ("BLIND_AREAS", coverage.AREA, QgsWkbTypes.MultiPolygon))


def add_target_parameters(alg, grids=True):
    """TARGETS, and unless ``grids`` is False GRIDS and GRID_FIELD, on ``alg``."""
    alg.addParameter(QgsProcessingParameterMultipleLayers(
        "TARGETS", tr("Targets: roads (lines), public spaces (polygons), key places and "
                      "entrances (points)"), QgsProcessing.TypeVectorAnyGeometry))
    if not grids:
        return
    alg.addParameter(QgsProcessingParameterFeatureSource(
        "GRIDS", tr("Grids"), [QgsProcessing.TypeVectorPolygon], optional=True))
    alg.addParameter(QgsProcessingParameterField(
        "GRID_FIELD", tr("Grid code field"), parentLayerParameterName="GRIDS", optional=True,
        defaultValue="grid_code"))


def read_targets(alg, parameters, context, feedback, crs):
    """The TARGETS layers as {layer name: GeoDataFrame in ``crs``} (names made unique)."""
    layers = alg.parameterAsLayerList(parameters, "TARGETS", context)
    if not layers:
        raise OneGridError(N_("No target layer given: add roads, public spaces or key places"))
    targets = {}
    for layer in layers:
        name = adapter.layer_name(layer)
        frame = adapter.source_to_frame(layer, name, feedback)
        if frame.geometry.name not in frame or len(frame) == 0:
            feedback.pushWarning(tr("Layer {layer} has no features with a geometry: left out")
                                 .format(layer=name))
            continue
        key, n = name, 2
        while key in targets:
            key, n = "{0} ({1})".format(name, n), n + 1
        targets[key] = crs_tools.align_crs(crs, frame, name)
    return targets


def read_grids(alg, parameters, context, feedback, crs):
    """GRIDS in ``crs`` and the grid field (None for the feature id), or (None, None)."""
    grids = adapter.parameter_frame(alg, parameters, "GRIDS", context, feedback)
    if grids is None:
        return None, None
    field = alg.parameterAsString(parameters, "GRID_FIELD", context) or None
    if field and field not in grids.columns:
        raise OneGridError(N_("Layer {layer} has no field {field}; its fields are: {fields}"),
                           layer=grids.attrs["layer_name"], field=field,
                           fields=", ".join(c for c in grids.columns if c != "geometry"))
    return crs_tools.align_crs(crs, grids, grids.attrs["layer_name"]), field


class CameraCoverage(OneGridAlgorithm):
    NAME = "camera_coverage"
    GROUP = "cameras"
    DISPLAY = "Camera coverage and blind spots"
    HELP = ("How much of each target the cameras see, per grid and per target layer: length "
            "for lines (roads), area for polygons (squares, school grounds), count for points "
            "(key places, entrances), and how many cameras see each target (redundancy). Give "
            "VIEWSHEDS (from Camera viewsheds) or CAMERAS and OBSTACLES (the viewsheds are then "
            "computed as in Camera viewsheds). OUTPUT: one row per grid and target layer with "
            "total, covered, share_pct, targets, seen (by at least one camera) and "
            "mean_cameras; REDUNDANCY: one row per target (layer, feature id, grid, total, "
            "covered, share_pct, cameras seeing it); BLIND_SPOTS: the road pieces no camera "
            "sees; BLIND_PLACES: the key places no camera sees; BLIND_AREAS: the parts of the "
            "polygons no camera sees.")

    ENUM_OPTIONS = {"LEVEL": ("range", "detection", "observation", "recognition",
                              "identification")}

    def initAlgorithm(self, config=None):
        add_camera_parameters(self, optional=True)
        self.addParameter(QgsProcessingParameterFeatureSource(
            "VIEWSHEDS", tr("Viewsheds (instead of cameras and obstacles)"),
            [QgsProcessing.TypeVectorPolygon], optional=True))
        add_target_parameters(self)
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT", tr("Coverage per grid"), QgsProcessing.TypeVectorAnyGeometry))
        for name, label in (("REDUNDANCY", tr("Cameras per target")),
                            ("BLIND_SPOTS", tr("Blind road pieces")),
                            ("BLIND_PLACES", tr("Unseen key places")),
                            ("BLIND_AREAS", tr("Unseen parts of public spaces"))):
            self.addParameter(QgsProcessingParameterFeatureSink(
                name, label, QgsProcessing.TypeVectorAnyGeometry, optional=True,
                createByDefault=True))

    def execute(self, parameters, context, feedback):
        sheds = viewsheds_from(self, parameters, context, feedback)
        crs = sheds.crs
        targets = read_targets(self, parameters, context, feedback, crs)
        grids, field = read_grids(self, parameters, context, feedback, crs)
        feedback.pushInfo(tr("Overlaying {count} viewsheds with {layers}").format(
            count=len(sheds), layers=", ".join(targets)))
        result = coverage.camera_coverage(
            sheds, targets, grids, field,
            progress=lambda f: feedback.setProgress(80 + 15 * f),
            is_canceled=feedback.isCanceled)
        summary = result["summary"].copy()
        summary["share_pct"] = summary.pop("share") * 100.0
        summary["grid"] = summary["grid"].astype(object).where(summary["grid"].notna(), None)
        summary["grid"] = summary["grid"].map(lambda g: None if g is None else str(g))
        totals = result["summary"].groupby("target_class")[["total", "covered"]].sum()
        for name, row in totals.iterrows():
            share = 100.0 * row["covered"] / row["total"] if row["total"] > 0 else 0.0
            feedback.pushInfo(tr("{layer}: {share} % covered").format(
                layer=name, share=round(share, 1)))
        if grids is not None:
            keyed = grids.assign(_grid_key=grids[field] if field else grids.index)
            out = adapter.table_to_sink(self, parameters, "OUTPUT", context, summary, "grid",
                                        keyed, "_grid_key")
        else:
            out = adapter.table_to_sink(self, parameters, "OUTPUT", context, summary)
        results = {"OUTPUT": out}
        if parameters.get("REDUNDANCY") is not None:
            table = result["targets"].copy()
            table["share_pct"] = table.pop("share") * 100.0
            table["target_id"] = table["target_id"].astype(np.int64)
            table["grid"] = table["grid"].map(lambda g: None if g is None else str(g))
            results["REDUNDANCY"] = adapter.frame_to_sink(
                self, parameters, "REDUNDANCY", context, pd.DataFrame(table),
                wkb_type=QgsWkbTypes.NoGeometry)
        blind = result["blind_spots"]
        for name, kind, wkb in BLIND_OUTPUTS:
            if parameters.get(name) is None:
                continue
            part = blind[blind["measure"] == kind].drop(columns="measure")
            part = part.assign(target_id=part["target_id"].astype(np.int64))
            results[name] = adapter.frame_to_sink(self, parameters, name, context,
                                                  part.reset_index(drop=True), wkb_type=wkb,
                                                  crs=crs.to_wkt())
            if len(part):
                feedback.pushInfo(tr("{count} features in {output}").format(
                    count=len(part), output=name))
        feedback.setProgress(100)
        return results


def viewsheds_from(alg, parameters, context, feedback):
    """VIEWSHEDS as given, or computed from CAMERAS and OBSTACLES; in metres."""
    given = adapter.parameter_frame(alg, parameters, "VIEWSHEDS", context, feedback,
                                    allow_empty=True)
    if given is not None:
        if len(given):
            given, _ = crs_tools.to_metric(given, given.attrs["layer_name"])
        return given
    if parameters.get("CAMERAS") is None or parameters.get("OBSTACLES") is None:
        raise OneGridError(N_("Give either VIEWSHEDS or both CAMERAS and OBSTACLES"))
    _, sheds, _ = compute_viewsheds(alg, parameters, context, feedback, (0.0, 80.0))
    return sheds
