"""onegrid:merge_grids — 多网合一: base grids with the professional grid of every type.

Thin: the adapter reads the base grids and the professional layers (split by grid_type),
:func:`onegrid.processing.analysis.overlay.merge_grids` computes, the adapter writes the one
network and the conflicts. :func:`read_inputs` is shared with onegrid:align_grids.
"""
import pandas as pd
from qgis.core import (QgsProcessing, QgsProcessingOutputNumber,
                       QgsProcessingParameterFeatureSink, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterField, QgsProcessingParameterMultipleLayers,
                       QgsProcessingParameterNumber, QgsProcessingParameterString,
                       QgsVectorLayer, QgsWkbTypes)

from ...i18n import tr
from ..adapter import frame_to_sink, layer_name, parameter_frame, source_to_frame
from ..analysis import crs as crs_util
from ..analysis import overlay
from ..analysis.errors import N_, OneGridError
from .base import OneGridAlgorithm

GRID_TYPE = "grid_type"


def add_input_parameters(alg):
    """BASE, BASE_ID_FIELD, OVERLAYS, OVERLAY_ID_FIELD: the inputs both algorithms share."""
    alg.addParameter(QgsProcessingParameterFeatureSource(
        "BASE", tr("Base grids"), [QgsProcessing.TypeVectorPolygon]))
    alg.addParameter(QgsProcessingParameterField(
        "BASE_ID_FIELD", tr("Base grid id field"), defaultValue="grid_code",
        parentLayerParameterName="BASE", optional=True))
    alg.addParameter(QgsProcessingParameterMultipleLayers(
        "OVERLAYS", tr("Professional grid layers (each with a grid_type field)"),
        QgsProcessing.TypeVectorPolygon))
    alg.addParameter(QgsProcessingParameterString(
        "OVERLAY_ID_FIELD", tr("Professional grid id field"), defaultValue="grid_code",
        optional=True))


def _overlay_frames(layer, id_field, feedback):
    """(grid_type, frame) pairs of one professional layer, checked."""
    name = layer_name(layer)
    fields = layer.fields()
    if fields.lookupField(GRID_TYPE) < 0:
        raise OneGridError(N_("Layer {layer} has no grid_type field: every professional grid "
                              "layer needs one (police, safety, ...)"), layer=name)
    if fields.lookupField(id_field) < 0:
        raise OneGridError(N_("Layer {layer} has no field {field}; its fields are: {fields}"),
                           layer=name, field=id_field, fields=", ".join(fields.names()))
    frame = source_to_frame(layer, name, feedback)
    if len(frame) == 0:
        feedback.pushWarning(tr("Layer {layer} is empty and was skipped").format(layer=name))
        return []
    types = frame[GRID_TYPE]
    missing = types.isna() | (types.astype(str).str.strip() == "")
    if missing.any():
        raise OneGridError(N_("Layer {layer} has features without grid_type: feature ids "
                              "{ids}"), layer=name,
                           ids=", ".join(str(i) for i in frame.index[missing.to_numpy()][:20]))
    pairs = []
    for grid_type in pd.unique(types.astype(str)):
        part = frame[types.astype(str).to_numpy() == grid_type].copy()
        part.attrs["layer_name"] = name if types.nunique() == 1 else f"{name} ({grid_type})"
        pairs.append((grid_type, part))
    return pairs


def _warn_empty(frame, id_field, layer, feedback):
    ids = overlay.empty_ids(frame, id_field)
    if ids:
        feedback.pushWarning(tr("{count} features of {layer} have no geometry and belong to "
                                "no grid: {ids}").format(count=len(ids), layer=layer,
                                                         ids=", ".join(map(str, ids[:20]))))


def read_inputs(alg, parameters, context, feedback):
    """(base, overlays dict grid_type -> frame, base_id, overlay_id) from the parameters."""
    base_id = alg.parameterAsString(parameters, "BASE_ID_FIELD", context) or "grid_code"
    overlay_id = alg.parameterAsString(parameters, "OVERLAY_ID_FIELD", context) or "grid_code"
    feedback.pushInfo(tr("Reading the base grids"))
    base = parameter_frame(alg, parameters, "BASE", context, feedback,
                           required_fields=(base_id,))
    if base is None:
        raise OneGridError(N_("No base grid layer given"))
    layer = base.attrs.get("layer_name", "BASE")
    if not crs_util.is_metric(base.crs):
        feedback.pushInfo(tr("Layer {layer} is not in metres: areas are computed in a "
                             "projected CRS chosen for it").format(layer=layer))
    _warn_empty(base, base_id, layer, feedback)
    overlays = {}
    for map_layer in alg.parameterAsLayerList(parameters, "OVERLAYS", context):
        if not isinstance(map_layer, QgsVectorLayer) or (
                map_layer.geometryType() != QgsWkbTypes.PolygonGeometry):
            raise OneGridError(N_("Layer {layer} is not a polygon layer"),
                               layer=map_layer.name())
        feedback.pushInfo(tr("Reading {layer}").format(layer=layer_name(map_layer)))
        for grid_type, frame in _overlay_frames(map_layer, overlay_id, feedback):
            name = frame.attrs["layer_name"]
            if frame.crs != base.crs:
                feedback.pushInfo(tr("Layer {layer} is transformed to the CRS of the base "
                                     "grids").format(layer=name))
            _warn_empty(frame, overlay_id, name, feedback)
            if grid_type in overlays:
                earlier = overlays[grid_type]
                frame = crs_util.align_crs(earlier.crs, frame, name)
                names = f"{earlier.attrs['layer_name']}, {name}"
                frame = pd.concat([earlier, frame])
                frame.attrs["layer_name"] = names
            overlays[grid_type] = frame
    if not overlays:
        raise OneGridError(N_("No professional grid layer given"))
    return base, overlays, base_id, overlay_id


class MergeGrids(OneGridAlgorithm):
    NAME = "merge_grids"
    GROUP = "grids"
    DISPLAY = "Merge grids into one network (多网合一)"
    HELP = (
        "Merges the professional grids (警格, 安格, 交格, ...) into the base grids: the one "
        "network (一张网). OVERLAYS takes any number of polygon layers, each with a grid_type "
        "field; a layer holding several grid types (such as the workspace's "
        "professional_grids) is split by grid_type. OUTPUT is the base grids with their own "
        "fields and, per grid type, <type>_grid (the professional grid holding the largest "
        "share of the base grid's area; empty where none covers it) and <type>_share (that "
        "share, 0-1; 0 where none covers it); columns of those names already in the base "
        "grids are replaced. CONFLICTS has one polygon per place where a professional grid "
        "cuts a base grid, that is a piece whose share of the base grid lies between "
        "MIN_SHARE and 1 - MIN_SHARE: grid_type, base_id, overlay_id (the professional "
        "grid), share and area_m2 (square metres). Areas are computed in metres (layers in "
        "degrees are projected automatically; professional layers in another CRS are "
        "transformed to the base grids'); the outputs are in the base grids' CRS. Ids must "
        "be unique in each layer and grid type.")

    BASE = "BASE"
    BASE_ID_FIELD = "BASE_ID_FIELD"
    OVERLAYS = "OVERLAYS"
    OVERLAY_ID_FIELD = "OVERLAY_ID_FIELD"
    MIN_SHARE = "MIN_SHARE"
    OUTPUT = "OUTPUT"
    CONFLICTS = "CONFLICTS"
    CONFLICT_COUNT = "CONFLICT_COUNT"

    def initAlgorithm(self, config=None):
        add_input_parameters(self)
        self.addParameter(QgsProcessingParameterNumber(
            self.MIN_SHARE, tr("Smallest share of a base grid's area that makes a conflict "
                               "(fraction, 0-0.5)"),
            QgsProcessingParameterNumber.Double, defaultValue=0.1, minValue=0.0,
            maxValue=0.5))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, tr("One network (一张网)"), QgsProcessing.TypeVectorPolygon))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.CONFLICTS, tr("Conflicts"), QgsProcessing.TypeVectorPolygon))
        self.addOutput(QgsProcessingOutputNumber(self.CONFLICT_COUNT,
                                                 tr("Conflicts found")))

    def execute(self, parameters, context, feedback):
        base, overlays, base_id, overlay_id = read_inputs(self, parameters, context, feedback)
        min_share = self.parameterAsDouble(parameters, self.MIN_SHARE, context)
        feedback.pushInfo(tr("Merging {types} grid types into {count} base grids").format(
            types=len(overlays), count=len(base)))
        network, conflicts = overlay.merge_grids(
            base, overlays, base_id, overlay_id, min_share,
            progress=lambda f: feedback.setProgress(90.0 * f), is_canceled=feedback.isCanceled)
        for grid_type in overlays:
            uncovered = int((network[f"{grid_type}_share"] == 0).sum())
            if uncovered:
                feedback.pushInfo(tr("{count} base grids are in no {grid_type} grid").format(
                    count=uncovered, grid_type=grid_type))
        feedback.pushInfo(tr("{count} conflicts (pieces of {low:.0%} to {high:.0%} of a base "
                             "grid)").format(count=len(conflicts), low=min_share,
                                             high=1.0 - min_share))
        dest = frame_to_sink(self, parameters, self.OUTPUT, context, network,
                             wkb_type=QgsWkbTypes.MultiPolygon)
        conflict_dest = frame_to_sink(self, parameters, self.CONFLICTS, context, conflicts,
                                      wkb_type=QgsWkbTypes.MultiPolygon)
        feedback.setProgress(100)
        return {self.OUTPUT: dest, self.CONFLICTS: conflict_dest,
                self.CONFLICT_COUNT: len(conflicts)}
