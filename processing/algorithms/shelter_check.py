"""onegrid:shelter_check — each origin's nearest emergency shelter on foot, and each
shelter's assigned population against its capacity.

Thin: the adapter reads the layers, :func:`onegrid.processing.analysis.service.shelter_check`
computes, the adapter writes the sinks.
"""
from qgis.core import (QgsProcessing, QgsProcessingOutputNumber, QgsProcessingParameterEnum,
                       QgsProcessingParameterFeatureSink, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterField, QgsProcessingParameterNumber)

from ...i18n import tr
from ..adapter import frame_to_sink, parameter_frame
from ..analysis import entrances, service
from .base import EntranceParameters, OneGridAlgorithm
from .service_circles import push_warnings


class ShelterCheck(EntranceParameters, OneGridAlgorithm):
    NAME = "shelter_check"
    GROUP = "services"
    DISPLAY = "Emergency shelter check"
    HELP = (
        "Assigns every origin (buildings or households with a population field) to its "
        "nearest emergency shelter by walking time along ROADS at SPEED (m/s), and flags "
        "origins that need more than MINUTES (default 10). OUTPUT: the origins with shelter "
        "(feature id), shelter_dist_m, shelter_time_min, within (reached within MINUTES) and "
        "shelter_reason when no shelter is reachable. SHELTERS_OUTPUT: the shelters with "
        "capacity_people, assigned_population, load (assigned over capacity) and overloaded. "
        "The capacity is CAPACITY_FIELD in people, or in m2 divided by AREA_PER_PERSON "
        "(m2 per person) when CAPACITY_UNIT is m2. Origins and shelters farther than "
        "SNAP_DISTANCE metres from any road are reported. Buildings start from their "
        "entrance (ENTRANCES, optional), else from the point of their outline nearest a "
        "road, or from their centroid with ANCHOR centroid.")

    ORIGINS = "ORIGINS"
    POPULATION_FIELD = "POPULATION_FIELD"
    SHELTERS = "SHELTERS"
    CAPACITY_FIELD = "CAPACITY_FIELD"
    CAPACITY_UNIT = "CAPACITY_UNIT"
    AREA_PER_PERSON = "AREA_PER_PERSON"
    MINUTES = "MINUTES"
    SPEED = "SPEED"
    SNAP_DISTANCE = "SNAP_DISTANCE"
    ROADS = "ROADS"
    OUTPUT = "OUTPUT"
    SHELTERS_OUTPUT = "SHELTERS_OUTPUT"
    OVERLOADED = "OVERLOADED"
    OUTSIDE = "OUTSIDE"
    ENUM_OPTIONS = {CAPACITY_UNIT: service.CAPACITY_UNITS,
                    EntranceParameters.ANCHOR: entrances.MODES}

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.ORIGINS, tr("Origins (buildings or households)"),
            [QgsProcessing.TypeVectorPoint, QgsProcessing.TypeVectorPolygon]))
        self.addParameter(QgsProcessingParameterField(
            self.POPULATION_FIELD, tr("Population field"), parentLayerParameterName=self.ORIGINS,
            type=QgsProcessingParameterField.Numeric))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.SHELTERS, tr("Shelters"),
            [QgsProcessing.TypeVectorPoint, QgsProcessing.TypeVectorPolygon]))
        self.addParameter(QgsProcessingParameterField(
            self.CAPACITY_FIELD, tr("Capacity field"), parentLayerParameterName=self.SHELTERS,
            type=QgsProcessingParameterField.Numeric))
        self.addParameter(QgsProcessingParameterEnum(
            self.CAPACITY_UNIT, tr("Capacity unit"), options=list(service.CAPACITY_UNITS),
            defaultValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            self.AREA_PER_PERSON, tr("Area per person (m2)"),
            QgsProcessingParameterNumber.Double, defaultValue=2.0))
        self.addParameter(QgsProcessingParameterNumber(
            self.MINUTES, tr("Walking time to a shelter (minutes)"),
            QgsProcessingParameterNumber.Double, defaultValue=10.0))
        self.addParameter(QgsProcessingParameterNumber(
            self.SPEED, tr("Walking speed (m/s)"), QgsProcessingParameterNumber.Double,
            defaultValue=service.DEFAULT_SPEED))
        self.addParameter(QgsProcessingParameterNumber(
            self.SNAP_DISTANCE, tr("Largest distance to a road (m)"),
            QgsProcessingParameterNumber.Double, defaultValue=service.DEFAULT_SNAP_M))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.ROADS, tr("Road network (lines)"), [QgsProcessing.TypeVectorLine]))
        self.add_entrance_parameters()
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, tr("Origins with their shelter"), QgsProcessing.TypeVectorAnyGeometry))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.SHELTERS_OUTPUT, tr("Shelters with their load"),
            QgsProcessing.TypeVectorAnyGeometry))
        self.addOutput(QgsProcessingOutputNumber(self.OVERLOADED, tr("Overloaded shelters")))
        self.addOutput(QgsProcessingOutputNumber(
            self.OUTSIDE, tr("Origins without a shelter within the time")))

    def execute(self, parameters, context, feedback):
        population = self.parameterAsString(parameters, self.POPULATION_FIELD, context)
        capacity = self.parameterAsString(parameters, self.CAPACITY_FIELD, context)
        unit = self.enum_value(parameters, self.CAPACITY_UNIT)
        origins = parameter_frame(self, parameters, self.ORIGINS, context, feedback,
                                  required_fields=(population,))
        shelters = parameter_frame(self, parameters, self.SHELTERS, context, feedback,
                                   required_fields=(capacity,))
        roads = parameter_frame(self, parameters, self.ROADS, context, feedback)
        out, load, warnings = service.shelter_check(
            origins, population, shelters, capacity,
            minutes=self.parameterAsDouble(parameters, self.MINUTES, context), roads=roads,
            capacity_unit=unit,
            area_per_person=self.parameterAsDouble(parameters, self.AREA_PER_PERSON, context),
            speed=self.parameterAsDouble(parameters, self.SPEED, context),
            snap_distance=self.parameterAsDouble(parameters, self.SNAP_DISTANCE, context),
            **self.entrance_arguments(parameters, context, feedback),
            progress=lambda f: feedback.setProgress(95 * f), is_canceled=feedback.isCanceled)
        push_warnings(feedback, warnings)
        overloaded = int(load["overloaded"].sum())
        outside = int((~out["within"]).sum())
        feedback.pushInfo(tr("{outside} of {origins} origins have no shelter within the time; "
                             "{overloaded} of {shelters} shelters are overloaded").format(
            outside=outside, origins=len(out), overloaded=overloaded, shelters=len(load)))
        return {self.OUTPUT: frame_to_sink(self, parameters, self.OUTPUT, context, out),
                self.SHELTERS_OUTPUT: frame_to_sink(self, parameters, self.SHELTERS_OUTPUT,
                                                    context, load),
                self.OVERLOADED: overloaded, self.OUTSIDE: outside}
