"""onegrid:convert_coordinates — WGS-84 / GCJ-02 (Amap, Tencent) / BD-09 (Baidu) conversion."""
import numpy as np
import shapely
from qgis.core import (QgsAbstractGeometryTransformer, QgsFeatureSink, QgsGeometry,
                       QgsProcessing, QgsProcessingOutputNumber, QgsProcessingParameterEnum,
                       QgsProcessingParameterFeatureSink, QgsProcessingParameterFeatureSource,
                       QgsWkbTypes)

from ...i18n import tr
from ..analysis import coords
from ..analysis.errors import N_, check_canceled
from .base import OneGridAlgorithm, fail


class _Lookup(QgsAbstractGeometryTransformer):
    """Moves each vertex to its entry in ``table`` ({(x, y): (x, y)}); others stay."""

    def __init__(self, table):
        super().__init__()
        self.table = table

    def transformPoint(self, x, y, z, m):  # noqa: N802 (QGIS's name)
        new = self.table.get((x, y))
        if new is None:
            return True, x, y, z, m
        return True, new[0], new[1], z, m


def convert_in_qgis(features, src, dst, crs):
    """Convert the geometries of ``features`` in place, vertex by vertex; which moved.

    For what shapely cannot hold on GEOS 3.11 (curves, triangles, M values): the vertices
    are gathered, converted in one vectorised call and written back through a
    QgsAbstractGeometryTransformer, keeping the geometry type, Z and M.
    """
    xs, ys, counts = [], [], []
    for feature in features:
        vertices = [(v.x(), v.y()) for v in feature.geometry().vertices()]
        counts.append(len(vertices))
        for x, y in vertices:
            xs.append(x)
            ys.append(y)
    x = np.array(xs, dtype=np.float64)
    y = np.array(ys, dtype=np.float64)
    new_x, new_y, moved = coords.convert_points(x, y, src, dst, crs)
    table = {(a, b): (c, d) for a, b, c, d, flag in zip(xs, ys, new_x.tolist(),
                                                         new_y.tolist(), moved) if flag}
    transformer = _Lookup(table)
    ends = np.cumsum(counts)
    moved_features = np.array([moved[end - count:end].any() for end, count in
                               zip(ends, counts)], dtype=bool)
    for feature, flag in zip(features, moved_features):
        if flag:
            geometry = feature.geometry()
            geometry.get().transform(transformer)
            feature.setGeometry(geometry)
    return moved_features


class ConvertCoordinates(OneGridAlgorithm):
    NAME = "convert_coordinates"
    GROUP = "workspace"
    DISPLAY = "Convert WGS84 / GCJ02 / BD09 coordinates"
    HELP = ("Converts a layer between WGS84 (GPS, OpenStreetMap, CGCS2000 to within "
            "centimetres), GCJ02 (Amap/Gaode, Tencent and other Chinese web maps: WGS84 with "
            "an offset of 100-700 m) and BD09 (Baidu maps). The offsets exist only in mainland "
            "China: features outside (an approximate outline of mainland China, excluding Hong "
            "Kong, Macao and Taiwan) are copied unchanged, and so are the vertices outside "
            "China of a feature that crosses the border. The reverse conversions are solved "
            "iteratively to well under a millimetre. The layer keeps its fields, geometry "
            "type and CRS; a layer in a projected CRS is converted through longitude and "
            "latitude. FROM and TO accept an index or a name (WGS84, GCJ02, BD09).")

    INPUT = "INPUT"
    FROM = "FROM"
    TO = "TO"
    OUTPUT = "OUTPUT"
    CONVERTED = "CONVERTED"
    UNCHANGED = "UNCHANGED"
    ENUM_OPTIONS = {FROM: tuple(coords.SYSTEMS), TO: tuple(coords.SYSTEMS)}

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.INPUT, tr("Input layer"), [QgsProcessing.TypeVectorAnyGeometry]))
        self.addParameter(QgsProcessingParameterEnum(
            self.FROM, tr("Coordinates of the input"), options=list(coords.SYSTEMS),
            defaultValue=1))  # GCJ02
        self.addParameter(QgsProcessingParameterEnum(
            self.TO, tr("Convert to"), options=list(coords.SYSTEMS),
            defaultValue=0))  # WGS84
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, tr("Converted"), QgsProcessing.TypeVectorAnyGeometry))
        self.addOutput(QgsProcessingOutputNumber(
            self.CONVERTED, tr("Features inside China (converted)")))
        self.addOutput(QgsProcessingOutputNumber(
            self.UNCHANGED, tr("Features outside China or without geometry (unchanged)")))

    def execute(self, parameters, context, feedback):
        src = self.enum_value(parameters, self.FROM)
        dst = self.enum_value(parameters, self.TO)
        if src == dst:
            fail(N_("Input and output coordinates are both {name}: choose two different "
                    "systems"), name=src)
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            fail(N_("No input layer given"))
        layer = source.sourceName()
        crs = source.sourceCrs()
        if not crs.isValid():
            fail(N_("Layer {layer} has no coordinate reference system"), layer=layer)
        total = max(source.featureCount(), 1)

        feedback.pushInfo(tr("Reading {layer}").format(layer=layer))
        features, wkbs = [], []
        for feature in source.getFeatures():
            if len(features) % 1000 == 0:
                check_canceled(feedback.isCanceled)
                feedback.setProgress(min(40.0 * len(features) / total, 40.0))
            features.append(feature)
            geometry = feature.geometry()
            # GEOS 3.11 drops M values: such geometries take the vertex route below.
            readable = not geometry.isNull() and not QgsWkbTypes.hasM(geometry.wkbType())
            wkbs.append(bytes(geometry.asWkb()) if readable else None)
        if not features:
            fail(N_("Layer {layer} is empty: nothing to convert"), layer=layer)
        geoms = shapely.from_wkb(np.array(wkbs, dtype=object), on_invalid="ignore")
        invalid = int(np.count_nonzero(~shapely.is_missing(geoms) & ~shapely.is_valid(geoms)))
        if invalid:
            feedback.pushWarning(tr("{count} features of {layer} have invalid geometries; they "
                                    "are converted vertex by vertex and kept as they are")
                                 .format(count=invalid, layer=layer))

        feedback.pushInfo(tr("Converting from {src} to {dst}").format(src=src, dst=dst))
        crs_id = crs.authid() if crs.authid().upper().startswith("EPSG:") else crs.toWkt(
            crs.WKT2_2019)
        converted, moved = coords.convert_geometries(geoms, src, dst, crs_id)
        # Curves, triangles and M values, which shapely cannot hold here: vertex by vertex.
        others = [i for i, feature in enumerate(features)
                  if geoms[i] is None and feature.hasGeometry()]
        if others:
            moved[others] = convert_in_qgis([features[i] for i in others], src, dst, crs_id)
        feedback.setProgress(60)

        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, source.fields(),
                                             source.wkbType(), crs)
        if sink is None:
            fail(N_("Cannot create the output layer"))
        done_by_shapely = moved & ~shapely.is_missing(converted)
        out_wkb = shapely.to_wkb(converted[done_by_shapely])
        for position, index in enumerate(np.flatnonzero(done_by_shapely)):
            if position % 1000 == 0:
                check_canceled(feedback.isCanceled)
            geometry = QgsGeometry()
            geometry.fromWkb(out_wkb[position])
            features[index].setGeometry(geometry)
        for done, feature in enumerate(features, 1):
            if done % 1000 == 0:
                check_canceled(feedback.isCanceled)
                feedback.setProgress(min(60 + 40.0 * done / total, 100.0))
            sink.addFeature(feature, QgsFeatureSink.FastInsert)
        feedback.setProgress(100)
        n_converted = int(np.count_nonzero(moved))
        n_unchanged = len(features) - n_converted
        feedback.pushInfo(tr("{converted} features inside China converted, {unchanged} outside "
                             "China or without geometry left unchanged")
                          .format(converted=n_converted, unchanged=n_unchanged))
        return {self.OUTPUT: dest_id, self.CONVERTED: n_converted,
                self.UNCHANGED: n_unchanged}
