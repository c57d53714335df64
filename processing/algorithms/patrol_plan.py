"""onegrid:patrol_plan — recommended visits a day per grid from incident rates weighted by the
season of the planning month, never below 一日双巡, against the actual visits, ranked.

Thin: :func:`.patrol_coverage.coverage_from` measures the actual visits, the adapter reads
the incidents, :func:`onegrid.processing.analysis.patrol.patrol_plan` plans.
"""
import pandas as pd
from qgis.core import (QgsProcessing, QgsProcessingOutputNumber,
                       QgsProcessingParameterFeatureSink, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterField, QgsProcessingParameterNumber,
                       QgsProcessingParameterString, QgsWkbTypes)

from ...i18n import tr
from ..adapter import frame_to_sink, parameter_frame
from ..analysis import patrol as P
from ..analysis import tracks as T
from ..analysis.errors import N_
from .base import OneGridAlgorithm
from .patrol_coverage import add_track_parameters, coverage_from, table

SEASON_NAMES = {"spring": N_("spring (Mar-May)"), "summer": N_("summer (Jun-Aug)"),
                "autumn": N_("autumn (Sep-Nov)"), "winter": N_("winter (Dec-Feb)")}


class PatrolPlan(OneGridAlgorithm):
    NAME = "patrol_plan"
    GROUP = "patrol"
    DISPLAY = "Patrol plan (visits a day from incidents and season)"
    HELP = (
        "Plans patrol visits per grid for PLAN_MONTH (e.g. 2026-07) from where and when "
        "incidents happened, and compares them with the visits patrols actually make "
        "(measured from TRACKS as in Patrol coverage). INCIDENTS are points with a time "
        "(TIME_FIELD_INCIDENTS, default reported_at, UTC); an incident without a time or "
        "outside every grid is counted and left out. The incident rate of a grid is its "
        "incidents a day over the period from the first to the last incident, each month "
        "weighted SEASON_WEIGHT when it is of the planning month's season (spring Mar-May, "
        "summer Jun-Aug, autumn Sep-Nov, winter Dec-Feb) and 1 otherwise "
        "(根据实有事件的发生规律和季节变化优化巡查频次). Recommended visits a day = MIN_VISITS "
        "(一日双巡, 2) plus one for every INCIDENTS_PER_EXTRA_VISIT incidents a week, at most "
        "MAX_VISITS. OUTPUT: every grid with incidents, incidents_season, "
        "incidents_per_week, recommended_visits, actual_visits_per_day, shortfall "
        "(recommended - actual) and rank (1 = largest shortfall), besides the patrol "
        "measures per grid; MONTHS: the months used, their days, weight and incidents.")

    def initAlgorithm(self, config=None):
        add_track_parameters(self, roads=False)
        self.addParameter(QgsProcessingParameterFeatureSource(
            "INCIDENTS", tr("Incidents (points with a time)"), [QgsProcessing.TypeVectorPoint]))
        self.addParameter(QgsProcessingParameterField(
            "TIME_FIELD_INCIDENTS", tr("Time of the incidents (UTC)"),
            defaultValue="reported_at", parentLayerParameterName="INCIDENTS", optional=True))
        self.addParameter(QgsProcessingParameterString(
            "PLAN_MONTH", tr("Month planned (e.g. 2026-07; default the month after the last "
                             "patrol day)"), optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            "SEASON_WEIGHT", tr("Weight of the months of the planned season"),
            QgsProcessingParameterNumber.Double, defaultValue=P.SEASON_WEIGHT, minValue=1.0,
            optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            "INCIDENTS_PER_EXTRA_VISIT", tr("Incidents per week that add one recommended visit "
                                            "per day"), QgsProcessingParameterNumber.Double,
            defaultValue=P.INCIDENTS_PER_EXTRA_VISIT, minValue=0.01, optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            "MAX_VISITS", tr("Most visits a day recommended"),
            QgsProcessingParameterNumber.Integer, defaultValue=P.MAX_VISITS, minValue=1,
            optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT", tr("Patrol plan per grid"), QgsProcessing.TypeVectorPolygon))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "MONTHS", tr("Months and weights used"), QgsProcessing.TypeVector, optional=True))
        self.addOutput(QgsProcessingOutputNumber("SHORT_GRIDS", tr(
            "Grids patrolled less than recommended")))

    def number(self, parameters, name, context, default):
        """An optional number parameter, or ``default`` when it is not given."""
        if parameters.get(name) is None:
            return default
        return self.parameterAsDouble(parameters, name, context)

    def execute(self, parameters, context, feedback):
        coverage, grid_field = coverage_from(self, parameters, context, feedback, roads=False,
                                             progress=(0, 70))
        time_field = self.parameterAsString(parameters, "TIME_FIELD_INCIDENTS", context) \
            or "reported_at"
        incidents = parameter_frame(self, parameters, "INCIDENTS", context, feedback,
                                    required_fields=(time_field,), allow_empty=True)
        month = self.parameterAsString(parameters, "PLAN_MONTH", context).strip()
        if not month:
            last = coverage.grid_days["day"].max()
            stamp = pd.Timestamp(last) + pd.offsets.MonthBegin(1)
            month = f"{stamp.year:04d}-{stamp.month:02d}"
            feedback.pushInfo(tr("Month planned: {month} (the month after the last patrol "
                                 "day)").format(month=month))
        zone = self.parameterAsString(parameters, "TIME_ZONE", context).strip() or T.LOCAL_ZONE
        plan = P.patrol_plan(
            coverage, incidents, time_field, month, grid_field or None, zone=zone,
            min_visits=int(round(self.number(parameters, "MIN_VISITS", context,
                                             P.MIN_VISITS))),
            per_extra=self.number(parameters, "INCIDENTS_PER_EXTRA_VISIT", context,
                                  P.INCIDENTS_PER_EXTRA_VISIT),
            season_weight=self.number(parameters, "SEASON_WEIGHT", context, P.SEASON_WEIGHT),
            max_visits=int(self.number(parameters, "MAX_VISITS", context, P.MAX_VISITS)))
        c = plan.counts
        if c["no_time"]:
            feedback.pushWarning(tr("Incidents without a usable time (left out): {count}")
                                 .format(count=c["no_time"]))
        if c["outside_grids"]:
            feedback.pushWarning(tr("Incidents outside every grid (left out): {count}")
                                 .format(count=c["outside_grids"]))
        feedback.pushInfo(tr("{used} of {incidents} incidents used; {month} is in {season}; "
                             "months of that season in the data: {months}").format(
            used=c["used"], incidents=c["incidents"], month=c["month"],
            season=tr(SEASON_NAMES[c["season"]]), months=c["season_months"]))
        if not c["season_months"]:
            feedback.pushWarning(tr("No incidents from the planned season: the rates are "
                                    "plain averages over the period"))
        feedback.pushInfo(tr("Grids patrolled less than recommended: {count} of {grids}")
                          .format(count=c["short_of_plan"], grids=len(plan.grids)))
        results = {"OUTPUT": frame_to_sink(self, parameters, "OUTPUT", context, plan.grids,
                                           wkb_type=QgsWkbTypes.MultiPolygon,
                                           crs=coverage.crs.to_wkt()),
                   "SHORT_GRIDS": c["short_of_plan"]}
        if parameters.get("MONTHS") is not None:
            results["MONTHS"] = frame_to_sink(self, parameters, "MONTHS", context,
                                              table(plan.months),
                                              wkb_type=QgsWkbTypes.NoGeometry)
        feedback.setProgress(100)
        return results
