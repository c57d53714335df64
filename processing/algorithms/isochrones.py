"""onegrid:isochrones — areas reachable on foot from facilities, made from the network itself.

Thin: the adapter reads the layers, :func:`onegrid.processing.analysis.service.isochrones`
computes, the adapter writes the sink.
"""
from qgis.core import (QgsProcessing, QgsProcessingParameterEnum,
                       QgsProcessingParameterFeatureSink, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterNumber, QgsProcessingParameterString,
                       QgsWkbTypes)

from ...i18n import tr
from ..adapter import frame_to_sink, parameter_frame
from ..analysis import service
from .base import OneGridAlgorithm
from .service_circles import push_warnings


class Isochrones(OneGridAlgorithm):
    NAME = "isochrones"
    GROUP = "services"
    DISPLAY = "Walking isochrones on the road network"
    HELP = (
        "For each facility and each of MINUTES (comma-separated), the area reachable on foot "
        "at SPEED (m/s): the roads reachable within the time, cut at the exact point where "
        "the time runs out, buffered by WIDTH metres on each side. The area never covers "
        "ground away from the reachable roads (unlike polygons interpolated between points). "
        "MODE per_facility gives one area per facility and time (areas of neighbouring "
        "facilities overlap); nearest_facility gives each piece of road to the facility that "
        "reaches it first, splitting a road where two facilities' times meet, and makes the "
        "areas of one time disjoint (ground within WIDTH of two facilities' roads goes to the "
        "facility whose road is nearer). Facilities farther than SNAP_DISTANCE metres from any "
        "road get no area. Each area keeps its facility's fields and gets facility (feature "
        "id), "
        "minutes and length_m (reachable road length in metres). A network in degrees is "
        "projected to a metric CRS, in which the output is written.")

    ROADS = "ROADS"
    FACILITIES = "FACILITIES"
    MINUTES = "MINUTES"
    SPEED = "SPEED"
    MODE = "MODE"
    WIDTH = "WIDTH"
    SNAP_DISTANCE = "SNAP_DISTANCE"
    OUTPUT = "OUTPUT"
    ENUM_OPTIONS = {MODE: service.MODES}

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.ROADS, tr("Road network (lines)"), [QgsProcessing.TypeVectorLine]))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.FACILITIES, tr("Facilities"),
            [QgsProcessing.TypeVectorPoint, QgsProcessing.TypeVectorPolygon]))
        self.addParameter(QgsProcessingParameterString(
            self.MINUTES, tr("Walking times (minutes, comma-separated)"),
            defaultValue="5,10,15"))
        self.addParameter(QgsProcessingParameterNumber(
            self.SPEED, tr("Walking speed (m/s)"), QgsProcessingParameterNumber.Double,
            defaultValue=service.DEFAULT_SPEED))
        self.addParameter(QgsProcessingParameterEnum(
            self.MODE, tr("Areas"), options=list(service.MODES), defaultValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            self.WIDTH, tr("Buffer on each side of the roads (m)"),
            QgsProcessingParameterNumber.Double, defaultValue=service.DEFAULT_WIDTH_M))
        self.addParameter(QgsProcessingParameterNumber(
            self.SNAP_DISTANCE, tr("Largest distance to a road (m)"),
            QgsProcessingParameterNumber.Double, defaultValue=service.DEFAULT_SNAP_M))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, tr("Isochrones"), QgsProcessing.TypeVectorPolygon))

    def execute(self, parameters, context, feedback):
        minutes = service.check_thresholds(
            self.parameterAsString(parameters, self.MINUTES, context))
        speed = service.check_speed(self.parameterAsDouble(parameters, self.SPEED, context))
        mode = self.enum_value(parameters, self.MODE)
        width = self.parameterAsDouble(parameters, self.WIDTH, context)
        snap = self.parameterAsDouble(parameters, self.SNAP_DISTANCE, context)
        roads = parameter_frame(self, parameters, self.ROADS, context, feedback)
        facilities = parameter_frame(self, parameters, self.FACILITIES, context, feedback)
        areas, warnings = service.isochrones(
            roads, facilities, minutes, speed=speed, mode=mode, width=width,
            snap_distance=snap, progress=lambda f: feedback.setProgress(95 * f),
            is_canceled=feedback.isCanceled)
        push_warnings(feedback, warnings)
        feedback.pushInfo(tr("{count} areas for {facilities} facilities").format(
            count=len(areas), facilities=len(facilities)))
        return {self.OUTPUT: frame_to_sink(self, parameters, self.OUTPUT, context, areas,
                                           wkb_type=QgsWkbTypes.MultiPolygon)}
