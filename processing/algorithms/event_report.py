"""onegrid:event_report — the closed event loop per grid and per responsible unit, and the
events in illegal states with their reasons.

Thin: the adapter reads the layers, :mod:`onegrid.processing.analysis.events` computes, the
adapter writes the sinks.
"""
import datetime

import geopandas as gpd
import numpy as np
import pandas as pd
from qgis.core import (QgsProcessing, QgsProcessingOutputNumber,
                       QgsProcessingParameterDateTime, QgsProcessingParameterFeatureSink,
                       QgsProcessingParameterFeatureSource, QgsProcessingParameterField,
                       QgsWkbTypes)

from ...i18n import tr
from ..adapter import frame_to_sink, parameter_frame, table_to_sink
from ..analysis import events as ev
from ..analysis.change import grids_at
from ..analysis.errors import N_, OneGridError
from .base import OneGridAlgorithm

REQUIRED = ("event_code", "event_type", "status", "reported_at")


def report_time(alg, parameters, context):
    """REPORT_TIME as a UTC Timestamp (now when not given)."""
    value = alg.parameterAsDateTime(parameters, "REPORT_TIME", context)
    if parameters.get("REPORT_TIME") in (None, "") or value is None or not value.isValid():
        return pd.Timestamp(datetime.datetime.now(datetime.timezone.utc))
    return pd.Timestamp(value.toUTC().toString("yyyy-MM-ddTHH:mm:ss") + "Z")


class EventReport(OneGridAlgorithm):
    NAME = "event_report"
    GROUP = "patrol"
    DISPLAY = "Event loop report (per grid and unit)"
    HELP = (
        "The closed event loop (reported, filed, dispatched, handling, verification, closed; "
        "a failed verification returns an event to handling, the third one escalates it) "
        "counted per grid (GRID_OUTPUT, by grid_code; with GRIDS it has their polygons) and "
        "per responsible unit (UNIT_OUTPUT, by responsible_unit): events, one column per "
        "status, open, closed_on_time, closed_late, closed_no_deadline, on_time_rate_pct "
        "(closed by the deadline / closed with a deadline), median_hours_to_close (report to "
        "closing), overdue_open (open and past the deadline at REPORT_TIME, default now), "
        "escalated, returned (events that failed verification at least once), returns "
        "(failed verifications in all) and invalid (events in illegal states). INVALID lists "
        "each event in a state the loop cannot produce (for example edited outside QGIS: an "
        "unknown status, closed without a closing time, a deadline before dispatch, three "
        "failed verifications without escalation, a status that differs from the last change "
        "recorded in HISTORY) with the reason; such events stay in the counts. EVENTS_OUTPUT: "
        "the events with overdue, on_time, hours_to_close and invalid flags. Times are UTC.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFeatureSource(
            "EVENTS", tr("Events"), [QgsProcessing.TypeVector]))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "HISTORY", tr("Event history (table)"), [QgsProcessing.TypeVector], optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "GRIDS", tr("Base grids (polygons)"), [QgsProcessing.TypeVectorPolygon],
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            "GRID_FIELD", tr("Grid code field"), parentLayerParameterName="GRIDS",
            optional=True, defaultValue="grid_code"))
        self.addParameter(QgsProcessingParameterDateTime(
            "REPORT_TIME", tr("Report time (UTC; default now)"), optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "GRID_OUTPUT", tr("Events per grid"), QgsProcessing.TypeVectorAnyGeometry))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "UNIT_OUTPUT", tr("Events per responsible unit"), QgsProcessing.TypeVector))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "INVALID", tr("Events in illegal states"), QgsProcessing.TypeVectorAnyGeometry))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "EVENTS_OUTPUT", tr("Events with overdue flags"),
            QgsProcessing.TypeVectorAnyGeometry, optional=True, createByDefault=False))
        for name, label in (("EVENTS_COUNT", tr("Events")),
                            ("INVALID_COUNT", tr("Events in illegal states")),
                            ("OVERDUE_COUNT", tr("Open events past their deadline")),
                            ("ON_TIME_RATE", tr("On-time closure rate (%)"))):
            self.addOutput(QgsProcessingOutputNumber(name, label))

    def execute(self, parameters, context, feedback):
        now = report_time(self, parameters, context)
        events = parameter_frame(self, parameters, "EVENTS", context, feedback,
                                 required_fields=REQUIRED, allow_empty=True)
        history = parameter_frame(self, parameters, "HISTORY", context, feedback,
                                  required_fields=("event_code", "changed_at", "from_status",
                                                   "to_status"), allow_empty=True)
        grids = parameter_frame(self, parameters, "GRIDS", context, feedback)
        grid_field = self.parameterAsString(parameters, "GRID_FIELD", context) or "grid_code"
        for column in ("grid_code", "responsible_unit", "deadline", "closed_at",
                       "verify_failures", "escalated"):
            if column not in events.columns:
                events[column] = None
        invalid = ev.invalid_events(events, history)
        names = events.attrs.get("layer_name", "events")
        for reason, rows in invalid.groupby("reason", sort=True):
            first = rows.iloc[0]
            feedback.pushWarning(tr("{count} events of {layer} are in an illegal state "
                                    "({reason}), for example: {example}").format(
                count=len(rows), layer=names, reason=reason,
                example=tr(first["template"]).format(**first["params"])))
        per_grid = ev.event_report(events, "grid_code", now, invalid)
        per_unit = ev.event_report(events, "responsible_unit", now, invalid)
        if grids is not None:
            if grid_field not in grids.columns:
                raise OneGridError(N_("Layer {layer} has no field {field}; its fields are: "
                                      "{fields}"), layer=grids.attrs["layer_name"],
                                   field=grid_field, fields=", ".join(
                                       c for c in grids.columns if c != grids.geometry.name))
            current = grids_at(grids, datetime.date.today())  # closed versions left out
            shapes = (current if len(current) else grids).drop_duplicates(grid_field,
                                                                           keep="last")
            shape_of = dict(zip(shapes[grid_field].astype(str), shapes.geometry.values))
            missing = [g for g in per_grid["grid_code"] if g is not None and g not in shape_of]
            if missing:
                feedback.pushWarning(tr("{count} grid codes of the events are not in the "
                                        "grids: {codes}").format(
                    count=len(missing), codes=", ".join(map(str, missing[:20]))))
            grid_out = table_to_sink(self, parameters, "GRID_OUTPUT", context, per_grid,
                                     "grid_code", shapes, grid_field)
        else:
            grid_out = table_to_sink(self, parameters, "GRID_OUTPUT", context, per_grid)
        spatial = isinstance(events, gpd.GeoDataFrame) and events.geometry.name in events
        rows = invalid.assign(message=[tr(t).format(**p) for t, p in zip(
            invalid["template"], invalid["params"])])
        table = pd.DataFrame({
            "event_code": rows["event_code"].astype(object).to_numpy(),
            "status": rows["status"].astype(object).to_numpy(),
            "reason": rows["reason"].to_numpy(dtype=object),
            "message": rows["message"].to_numpy(dtype=object),
        })
        if spatial:
            table = gpd.GeoDataFrame(table, geometry=events.geometry.loc[
                rows["row"].to_numpy()].values if len(rows) else [], crs=events.crs)
        bad = frame_to_sink(self, parameters, "INVALID", context, table,
                            wkb_type=QgsWkbTypes.Point if spatial else QgsWkbTypes.NoGeometry)
        measures = ev.event_measures(events, now, invalid)
        open_overdue = int((measures["open"] & measures["overdue"]).sum())
        judged = int((measures["closed"] & measures["has_deadline"]).sum())
        rate = 100.0 * int(measures["on_time"].sum()) / judged if judged else float("nan")
        outputs = {"GRID_OUTPUT": grid_out,
                   "UNIT_OUTPUT": frame_to_sink(self, parameters, "UNIT_OUTPUT", context,
                                                per_unit, wkb_type=QgsWkbTypes.NoGeometry),
                   "INVALID": bad, "EVENTS_COUNT": len(events),
                   "INVALID_COUNT": int(invalid["row"].nunique()),
                   "OVERDUE_COUNT": open_overdue, "ON_TIME_RATE": rate}
        if parameters.get("EVENTS_OUTPUT") is not None:
            flagged = events.copy()
            for column in ("reported_at", "deadline", "closed_at", "updated_at"):
                if column in flagged.columns:
                    flagged[column] = ev.utc(flagged[column]).dt.tz_localize(None)
            for column in ("overdue", "on_time", "invalid"):
                flagged[column] = measures[column].astype(np.int64).to_numpy()
            flagged["hours_to_close"] = measures["hours_to_close"].to_numpy()
            outputs["EVENTS_OUTPUT"] = frame_to_sink(
                self, parameters, "EVENTS_OUTPUT", context, flagged,
                wkb_type=QgsWkbTypes.Point if spatial else QgsWkbTypes.NoGeometry)
        feedback.pushInfo(tr("{events} events at {time} UTC: {closed} closed, {rate} % of those "
                             "with a deadline on time, {overdue} open past the deadline, "
                             "{invalid} in illegal states").format(
            events=len(events), time=now.strftime("%Y-%m-%d %H:%M"),
            closed=int(measures["closed"].sum()),
            rate="-" if np.isnan(rate) else f"{rate:.1f}", overdue=open_overdue,
            invalid=outputs["INVALID_COUNT"]))
        return outputs
