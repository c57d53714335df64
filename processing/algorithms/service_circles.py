"""onegrid:service_circles — walking time from every origin to the nearest facility of each
category, the 5/10/15-minute tier met, shares per grid and the deficient origins.

Thin: the adapter reads the layers, :func:`onegrid.processing.analysis.service.service_circles`
computes, the adapter writes the sinks.
"""
from qgis.core import (QgsProcessing, QgsProcessingOutputNumber,
                       QgsProcessingParameterFeatureSink, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterField, QgsProcessingParameterNumber,
                       QgsProcessingParameterString, QgsWkbTypes)

from ...i18n import tr
from ..adapter import frame_to_sink, parameter_frame
from ..analysis import entrances, service
from .base import EntranceParameters, OneGridAlgorithm


def push_warnings(feedback, warnings):
    """Translate and show the core's (template, parameters) warnings."""
    for template, params in warnings:
        feedback.pushWarning(tr(template).format(**params))


def report_network(feedback, info):
    """Tell the user what network was built."""
    feedback.pushInfo(tr("Network: {nodes} nodes, {edges} edges in EPSG:{epsg}; the largest "
                         "connected piece has {largest} nodes of {components} pieces").format(
        nodes=info["nodes"], edges=info["edges"], epsg=info["epsg"],
        largest=info["largest_component_nodes"], components=info["components"]))


def report_anchors(feedback, info):
    """Tell the user where the origins start from."""
    feedback.pushInfo(tr("Origins start from: {entrance} entrances, {wall} walls nearest a "
                         "road, {centroid} centroids, {point} points").format(
        entrance=info["origins_from_entrance"], wall=info["origins_from_wall"],
        centroid=info["origins_from_centroid"], point=info["origins_from_point"]))


class ServiceCircles(EntranceParameters, OneGridAlgorithm):
    NAME = "service_circles"
    GROUP = "services"
    DISPLAY = "15-minute life circles (walking time to facilities)"
    HELP = (
        "For every origin (buildings or households), the walking distance (m) and time (min) "
        "along the road network to the nearest facility of each category of CATEGORY_FIELD, "
        "that facility's feature id and the tier met: fields <category>_dist_m, "
        "<category>_time_min, <category>_facility, <category>_tier (the smallest of "
        "THRESHOLDS met, in minutes) and <category>_reason (why the value is NULL: "
        "far_from_road, no_facility, island, unreachable, no_geometry), plus snap_m (metres "
        "from the origin to the road) and island (on a piece of network disconnected from the "
        "largest one). A polygon (a building) starts from its entrance: a point of "
        "ENTRANCES (e.g. OpenStreetMap entrance=* nodes) within 2 m of its outline, the one "
        "nearest a road when there are several; without one, from the point of its outline "
        "nearest the roads; with ANCHOR centroid, or when no road is within SNAP_DISTANCE, "
        "from its centroid (a point inside when the centroid falls outside). The field "
        "anchor says which: entrance, wall, centroid or point. Facilities that are polygons "
        "start the same way. The origins keep their own fields. Origins and facilities are "
        "connected to the nearest point of the nearest road (not the nearest crossing); the "
        "distances are exact shortest paths on the network, which is built from the lines' "
        "own vertices: lines that cross without a shared vertex (bridges) are not joined. "
        "SPEED is in metres per second (1.0 suits elderly walkers), THRESHOLDS in minutes "
        "(default 5,10,15, GB 50180-2018), SNAP_DISTANCE in metres. A network in degrees is "
        "projected to a metric CRS, in which the outputs are written. With GRIDS (base "
        "grids) and COMMUNITIES, GRIDS_OUTPUT and COMMUNITIES_OUTPUT give each polygon's "
        "origins, their weight (WEIGHT_FIELD, e.g. households; 1 each without it) and the "
        "share of that weight within each tier for each category. DEFICIENCY lists "
        "each origin and category beyond the largest threshold or unreachable; SUMMARY one "
        "row per category. CATEGORIES (comma-separated, optional) names the categories "
        "expected, so that an empty one is reported.")

    ROADS = "ROADS"
    ORIGINS = "ORIGINS"
    FACILITIES = "FACILITIES"
    CATEGORY_FIELD = "CATEGORY_FIELD"
    SPEED = "SPEED"
    THRESHOLDS = "THRESHOLDS"
    SNAP_DISTANCE = "SNAP_DISTANCE"
    GRIDS = "GRIDS"
    COMMUNITIES = "COMMUNITIES"
    WEIGHT_FIELD = "WEIGHT_FIELD"
    CATEGORIES = "CATEGORIES"
    OUTPUT = "OUTPUT"
    DEFICIENCY = "DEFICIENCY"
    GRIDS_OUTPUT = "GRIDS_OUTPUT"
    COMMUNITIES_OUTPUT = "COMMUNITIES_OUTPUT"
    SUMMARY = "SUMMARY"
    DEFICIENT_COUNT = "DEFICIENT_COUNT"
    ENUM_OPTIONS = {EntranceParameters.ANCHOR: entrances.MODES}

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.ROADS, tr("Road network (lines)"), [QgsProcessing.TypeVectorLine]))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.ORIGINS, tr("Origins (buildings or households)"),
            [QgsProcessing.TypeVectorPoint, QgsProcessing.TypeVectorPolygon]))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.FACILITIES, tr("Facilities"),
            [QgsProcessing.TypeVectorPoint, QgsProcessing.TypeVectorPolygon]))
        self.addParameter(QgsProcessingParameterField(
            self.CATEGORY_FIELD, tr("Facility category field"), defaultValue="category",
            parentLayerParameterName=self.FACILITIES))
        self.addParameter(QgsProcessingParameterNumber(
            self.SPEED, tr("Walking speed (m/s)"), QgsProcessingParameterNumber.Double,
            defaultValue=service.DEFAULT_SPEED))
        self.addParameter(QgsProcessingParameterString(
            self.THRESHOLDS, tr("Tiers (minutes, comma-separated)"), defaultValue="5,10,15"))
        self.addParameter(QgsProcessingParameterNumber(
            self.SNAP_DISTANCE, tr("Largest distance to a road (m)"),
            QgsProcessingParameterNumber.Double, defaultValue=service.DEFAULT_SNAP_M))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.GRIDS, tr("Base grids (polygons)"),
            [QgsProcessing.TypeVectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.COMMUNITIES, tr("Communities (polygons)"),
            [QgsProcessing.TypeVectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.WEIGHT_FIELD, tr("Weight of each origin (e.g. households)"),
            parentLayerParameterName=self.ORIGINS, type=QgsProcessingParameterField.Numeric,
            optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.CATEGORIES, tr("Categories expected (comma-separated)"), optional=True))
        self.add_entrance_parameters()
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, tr("Origins with walking times"), QgsProcessing.TypeVectorAnyGeometry))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.DEFICIENCY, tr("Deficient origins"), QgsProcessing.TypeVectorPoint))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.GRIDS_OUTPUT, tr("Shares per grid"), QgsProcessing.TypeVectorPolygon,
            optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.COMMUNITIES_OUTPUT, tr("Shares per community"),
            QgsProcessing.TypeVectorPolygon, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.SUMMARY, tr("Summary per category"), QgsProcessing.TypeVector))
        self.addOutput(QgsProcessingOutputNumber(
            self.DEFICIENT_COUNT, tr("Origin and category pairs beyond the largest tier")))

    def execute(self, parameters, context, feedback):
        category_field = self.parameterAsString(parameters, self.CATEGORY_FIELD, context)
        weight_field = self.parameterAsString(parameters, self.WEIGHT_FIELD, context) or None
        thresholds = service.check_thresholds(
            self.parameterAsString(parameters, self.THRESHOLDS, context))
        speed = service.check_speed(self.parameterAsDouble(parameters, self.SPEED, context))
        snap = self.parameterAsDouble(parameters, self.SNAP_DISTANCE, context)
        categories = self.parameterAsString(parameters, self.CATEGORIES, context)
        categories = [c.strip() for c in categories.split(",") if c.strip()] or None
        roads = parameter_frame(self, parameters, self.ROADS, context, feedback)
        origins = parameter_frame(self, parameters, self.ORIGINS, context, feedback,
                                  required_fields=(weight_field,))
        facilities = parameter_frame(self, parameters, self.FACILITIES, context, feedback,
                                     required_fields=(category_field,))
        grids = parameter_frame(self, parameters, self.GRIDS, context, feedback)
        communities = parameter_frame(self, parameters, self.COMMUNITIES, context, feedback)
        result = service.service_circles(
            roads, origins, facilities, category_field, speed=speed, thresholds=thresholds,
            snap_distance=snap, grids=grids, communities=communities,
            weight_field=weight_field, categories=categories,
            **self.entrance_arguments(parameters, context, feedback),
            progress=lambda f: feedback.setProgress(90 * f), is_canceled=feedback.isCanceled)
        report_network(feedback, result.info)
        report_anchors(feedback, result.info)
        push_warnings(feedback, result.warnings)
        results = {
            self.OUTPUT: frame_to_sink(self, parameters, self.OUTPUT, context, result.origins),
            self.DEFICIENCY: frame_to_sink(self, parameters, self.DEFICIENCY, context,
                                           result.deficiency, wkb_type=QgsWkbTypes.Point),
            self.SUMMARY: frame_to_sink(self, parameters, self.SUMMARY, context,
                                        result.summary),
            self.DEFICIENT_COUNT: len(result.deficiency),
        }
        for frame, name in ((result.grids, self.GRIDS_OUTPUT),
                            (result.communities, self.COMMUNITIES_OUTPUT)):
            if frame is not None and parameters.get(name) is not None:
                results[name] = frame_to_sink(self, parameters, name, context, frame)
        feedback.pushInfo(tr("{origins} origins, {categories} categories: {deficient} origin "
                             "and category pairs miss the {largest}-minute tier").format(
            origins=len(result.origins), categories=result.info["categories"],
            deficient=len(result.deficiency), largest=f"{thresholds.max():g}"))
        return results
