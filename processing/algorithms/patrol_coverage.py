"""onegrid:patrol_coverage — visits, dwell, stops, revisit gaps and 一日双巡 per grid and day,
road pieces by share of days patrolled, Koper-style measures at hot spots.

Thin: the adapter reads the layers, :func:`onegrid.processing.analysis.patrol.patrol_coverage`
computes, the adapter writes the sinks. :func:`add_track_parameters` and :func:`coverage_from`
are shared with onegrid:patrol_plan.
"""
import numpy as np
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

#: Numeric parameters: name, label, default, minimum.
NUMBERS = (
    ("STOP_MINUTES", N_("Shortest stop (minutes)"), P.STOP_MINUTES, 0.1),
    ("STOP_RADIUS", N_("Stop radius (m)"), P.STOP_RADIUS_M, 0.1),
    ("MIN_VISIT", N_("Shortest visit (seconds; shorter runs are pass-throughs)"), P.MIN_VISIT_S,
     0.0),
    ("MAX_GAP", N_("Longest gap inside a trip (minutes)"), T.MAX_GAP_S / 60.0, 0.01),
    ("SPLIT_HOUR", N_("Hour that splits the day into halves (local time)"), P.SPLIT_HOUR, 0.5),
    ("MIN_VISITS", N_("Visits a day required (一日双巡)"), float(P.MIN_VISITS), 1.0),
    ("SNAP_DISTANCE", N_("Largest distance from a fix to a road (m)"), P.SNAP_M, 0.1),
    ("SEGMENT_LENGTH", N_("Length of the road pieces (m)"), P.SEGMENT_M, 1.0),
    ("HOTSPOT_RADIUS", N_("Radius of hot spots given as points (m)"), P.HOTSPOT_RADIUS_M, 0.1),
)


def add_track_parameters(alg, roads=True):
    """TRACKS and its fields, GRIDS, GRID_FIELD, (ROADS, HOTSPOTS), the dates, the zone and
    the numbers of :data:`NUMBERS` on ``alg``."""
    alg.addParameter(QgsProcessingParameterFeatureSource(
        "TRACKS", tr("Cleaned GPS points (patrol_points or import_tracks' points)"),
        [QgsProcessing.TypeVectorPoint]))
    alg.addParameter(QgsProcessingParameterField(
        "DEVICE_FIELD", tr("Device id field"), defaultValue="device_id",
        parentLayerParameterName="TRACKS", optional=True))
    alg.addParameter(QgsProcessingParameterField(
        "TIME_FIELD", tr("Time field (UTC)"), defaultValue="recorded_at",
        parentLayerParameterName="TRACKS", optional=True))
    alg.addParameter(QgsProcessingParameterField(
        "TRIP_FIELD", tr("Trip id field"), parentLayerParameterName="TRACKS", optional=True))
    alg.addParameter(QgsProcessingParameterFeatureSource(
        "GRIDS", tr("Grids"), [QgsProcessing.TypeVectorPolygon]))
    alg.addParameter(QgsProcessingParameterField(
        "GRID_FIELD", tr("Grid code field"), defaultValue="grid_code",
        parentLayerParameterName="GRIDS", optional=True))
    if roads:
        alg.addParameter(QgsProcessingParameterFeatureSource(
            "ROADS", tr("Roads"), [QgsProcessing.TypeVectorLine], optional=True))
        alg.addParameter(QgsProcessingParameterFeatureSource(
            "HOTSPOTS", tr("Hot spots (polygons, or points with a radius)"),
            [QgsProcessing.TypeVectorPoint, QgsProcessing.TypeVectorPolygon], optional=True))
    alg.addParameter(QgsProcessingParameterString(
        "START_DATE", tr("First day (local date, e.g. 2026-11-01; default the first fix's)"),
        optional=True))
    alg.addParameter(QgsProcessingParameterString(
        "END_DATE", tr("Last day (local date; default the last fix's)"), optional=True))
    alg.addParameter(QgsProcessingParameterString(
        "TIME_ZONE", tr("Local time zone of days and half-days (+08:00 or a zone name)"),
        defaultValue=T.LOCAL_ZONE, optional=True))
    for name, label, default, minimum in NUMBERS:
        alg.addParameter(QgsProcessingParameterNumber(
            name, tr(label), QgsProcessingParameterNumber.Double, defaultValue=default,
            minValue=minimum, optional=True))


def coverage_from(alg, parameters, context, feedback, roads=True, progress=(0, 80)):
    """Read the layers and run the core; returns (Result, grid field or None)."""
    number = {name: alg.parameterAsDouble(parameters, name, context)
              if parameters.get(name) is not None else default
              for name, _, default, _ in NUMBERS}
    text = {name: alg.parameterAsString(parameters, name, context).strip() or None
            for name in ("DEVICE_FIELD", "TIME_FIELD", "TRIP_FIELD", "GRID_FIELD",
                         "START_DATE", "END_DATE", "TIME_ZONE")}
    zone = T.parse_zone(text["TIME_ZONE"] or T.LOCAL_ZONE)
    points = parameter_frame(alg, parameters, "TRACKS", context, feedback,
                             required_fields=(text["DEVICE_FIELD"], text["TIME_FIELD"],
                                              text["TRIP_FIELD"]))
    grids = parameter_frame(alg, parameters, "GRIDS", context, feedback,
                            required_fields=(text["GRID_FIELD"],))
    road_frame = spots = None
    if roads:
        road_frame = parameter_frame(alg, parameters, "ROADS", context, feedback)
        spots = parameter_frame(alg, parameters, "HOTSPOTS", context, feedback)
    low, high = progress
    result = P.patrol_coverage(
        points, grids, text["GRID_FIELD"], road_frame, spots,
        device_field=text["DEVICE_FIELD"] or "device_id",
        time_field=text["TIME_FIELD"] or "recorded_at", trip_field=text["TRIP_FIELD"],
        start=text["START_DATE"], end=text["END_DATE"], zone=zone,
        stop_minutes=number["STOP_MINUTES"], stop_radius_m=number["STOP_RADIUS"],
        min_visit_s=number["MIN_VISIT"], max_gap_s=60.0 * number["MAX_GAP"],
        split_hour=number["SPLIT_HOUR"], min_visits=int(round(number["MIN_VISITS"])),
        snap_m=number["SNAP_DISTANCE"], segment_m=number["SEGMENT_LENGTH"],
        hotspot_radius_m=number["HOTSPOT_RADIUS"],
        progress=lambda f: feedback.setProgress(low + (high - low) * f),
        is_canceled=feedback.isCanceled)
    report_coverage(feedback, result.counts, T.zone_label(zone))
    return result, text["GRID_FIELD"]


def report_coverage(feedback, counts, zone):
    """Every count: fixes read and left out, outside the period and the grids, trips."""
    feedback.pushInfo(tr("Fixes read: {input}; measured: {fixes} in {trips} trips of {devices} "
                         "devices; days and half-days in {zone}").format(zone=zone, **counts))
    for key, text in (("no_device", N_("Fixes without a device id (left out): {count}")),
                      ("no_time", N_("Fixes without a time (left out): {count}")),
                      ("bad_time", N_("Fixes whose time is not understood (left out): "
                                      "{count}")),
                      ("no_position", N_("Fixes without a position (left out): {count}")),
                      ("outside_dates", N_("Fixes outside the period (left out): {count}")),
                      ("outside_grids", N_("Fixes outside every grid (in no grid's visits): "
                                           "{count}")),
                      ("single_fix_trips", N_("Trips of a single fix: {count}")),
                      ("short_trips", N_("Trips without a visit as long as the shortest "
                                         "visit: {count}"))):
        if counts.get(key):
            feedback.pushWarning(tr(text).format(count=counts[key]))
    feedback.pushInfo(tr("{visits} visits, {stops} stops; {compliant} of {grid_days} grid-days "
                         "meet 一日双巡").format(compliant=counts["compliant_grid_days"],
                                              **counts))
    if "road_pieces" in counts:
        feedback.pushInfo(tr("Road pieces patrolled: {done} of {pieces}; fixes on a road: "
                             "{snapped}").format(done=counts["road_pieces_patrolled"],
                                                 pieces=counts["road_pieces"],
                                                 snapped=counts["snapped"]))


def table(frame):
    """A DataFrame for a table sink: object columns as text, no geometry."""
    out = pd.DataFrame(frame).copy()
    for column in out.columns:
        if out[column].dtype == object:
            out[column] = out[column].map(lambda v: None if v is None or (
                isinstance(v, float) and np.isnan(v)) else str(v))
    return out


class PatrolCoverage(OneGridAlgorithm):
    NAME = "patrol_coverage"
    GROUP = "patrol"
    DISPLAY = "Patrol coverage (visits, 一日双巡, roads, hot spots)"
    HELP = (
        "Measures patrol presence from cleaned GPS points (the workspace's patrol_points or "
        "the POINTS of Import GPS tracks; times in UTC) against GRIDS. A trip is a device's "
        "fixes with no gap longer than MAX_GAP minutes (or one TRIP_FIELD value). A visit is "
        "an entry into a grid: a run of consecutive fixes of a trip in that grid, lasting from "
        "the time midway between the last fix outside and the first fix inside to the time "
        "midway between the last fix inside and the next fix; a run shorter than MIN_VISIT seconds is a pass-through (GPS jitter along a "
        "boundary) and counts for the area before it. A stop is a stretch of at least "
        "STOP_MINUTES during which every fix stays within STOP_RADIUS metres of one centre. "
        "Days and half-days are local (TIME_ZONE, default +08:00) between START_DATE and "
        "END_DATE (default the days of the fixes). OUTPUT (a table): per grid and day the "
        "visits (am_visits before SPLIT_HOUR, pm_visits after), devices, dwell_min, stops, "
        "longest_gap_min (the longest time between two visits), first_visit, last_visit and "
        "compliant (一日双巡: at least MIN_VISITS visits, one in each half of the day). "
        "GRIDS_OUTPUT: each grid with its days, days_visited, compliant_days, "
        "compliance_pct, visits_per_day, dwell_min_per_day, stops and longest_gap_min. "
        "VISITS and STOPS list every visit and stop (koper = 1 for stops of 10-15 minutes). "
        "With ROADS, ROADS_OUTPUT cuts them into pieces of about SEGMENT_LENGTH metres and "
        "gives each the days it was patrolled (a fix within SNAP_DISTANCE metres) and "
        "share_days. With HOTSPOTS (polygons, or points with HOTSPOT_RADIUS metres), "
        "HOTSPOTS_OUTPUT gives the Koper-curve measures: visits, dwell_min, "
        "presence_min_per_hour, stops, koper_stops (10-15 minutes), revisit_gap_mean_min, "
        "revisit_gap_max_min and revisits_within_2h_pct. Outputs are in the grids' metric "
        "CRS. Every fix left out is counted in the log.")

    OUTPUT = "OUTPUT"
    SINKS = (("GRIDS_OUTPUT", N_("Patrol per grid"), QgsProcessing.TypeVectorPolygon),
             ("VISITS", N_("Visits"), QgsProcessing.TypeVector),
             ("STOPS", N_("Stops"), QgsProcessing.TypeVectorPoint),
             ("ROADS_OUTPUT", N_("Road pieces by share of days patrolled"),
              QgsProcessing.TypeVectorLine),
             ("HOTSPOTS_OUTPUT", N_("Hot spots (Koper measures)"),
              QgsProcessing.TypeVectorPolygon))

    def initAlgorithm(self, config=None):
        add_track_parameters(self)
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, tr("Patrol per grid and day"), QgsProcessing.TypeVector))
        for name, label, kind in self.SINKS:
            self.addParameter(QgsProcessingParameterFeatureSink(
                name, tr(label), kind, optional=True, createByDefault=name == "GRIDS_OUTPUT"))
        self.addOutput(QgsProcessingOutputNumber("COMPLIANT_PCT", tr(
            "Grid-days meeting 一日双巡 (%)")))
        self.addOutput(QgsProcessingOutputNumber("VISIT_COUNT", tr("Visits")))

    def execute(self, parameters, context, feedback):
        result, _ = coverage_from(self, parameters, context, feedback)
        crs = result.crs.to_wkt()
        results = {self.OUTPUT: frame_to_sink(self, parameters, self.OUTPUT, context,
                                              table(result.grid_days),
                                              wkb_type=QgsWkbTypes.NoGeometry)}
        frames = {"GRIDS_OUTPUT": (result.grids, QgsWkbTypes.MultiPolygon),
                  "VISITS": (table(result.visits), QgsWkbTypes.NoGeometry),
                  "STOPS": (result.stops, QgsWkbTypes.Point),
                  "ROADS_OUTPUT": (result.roads, QgsWkbTypes.LineString),
                  "HOTSPOTS_OUTPUT": (result.hotspots, QgsWkbTypes.MultiPolygon)}
        for name, (frame, wkb) in frames.items():
            if parameters.get(name) is None:
                continue
            if frame is None:
                feedback.pushInfo(tr("{output} is empty: give {input}").format(
                    output=name, input=name.replace("_OUTPUT", "")))
                continue
            results[name] = frame_to_sink(self, parameters, name, context, frame,
                                          wkb_type=wkb, crs=crs)
        counts = result.counts
        results["COMPLIANT_PCT"] = round(100.0 * counts["compliant_grid_days"]
                                         / max(counts["grid_days"], 1), 1)
        results["VISIT_COUNT"] = counts["visits"]
        feedback.setProgress(100)
        return results

