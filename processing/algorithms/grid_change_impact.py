"""onegrid:grid_change_impact — what a grid boundary change moves, and who is left unstaffed.

Thin: the adapter reads the layers,
:func:`onegrid.processing.analysis.change.grid_change_impact` compares, the adapter writes
the two sinks.
"""
import pandas as pd
from qgis.core import (QgsProcessing, QgsProcessingOutputNumber,
                       QgsProcessingParameterDateTime, QgsProcessingParameterFeatureSink,
                       QgsProcessingParameterFeatureSource, QgsProcessingParameterString,
                       QgsWkbTypes)
from qgis.PyQt.QtCore import QDate, QDateTime

from ...i18n import tr
from ...layers import pg_dispatch
from ..adapter import frame_to_sink, parameter_frame
from ..analysis import change
from ..analysis.errors import N_, OneGridError
from .base import OneGridAlgorithm


class GridChangeImpact(OneGridAlgorithm):
    NAME = "grid_change_impact"
    GROUP = "grids"
    DISPLAY = "Grid change impact"
    HELP = (
        "Compares two versions of the grids: OLD_GRIDS and NEW_GRIDS, or one versioned GRIDS "
        "layer (valid_from / valid_to) read on DATE_FROM and on DATE_TO (a row is valid on a "
        "date when valid_from is empty or not after it and valid_to is empty or after it). "
        "ID_FIELD identifies a grid in both versions (default grid_code) and must be unique "
        "in each. OUTPUT: every building, household, person, organisation and open event "
        "(status not closed) whose grid changes, with kind, record_id (its code), from_grid "
        "and to_grid (empty outside every grid) and the point that decided (a building's "
        "representative point). Names, ID numbers and phones are never written. STAFFING: "
        "the grids of the new version without a grid leader (no_leader) or a full-time grid "
        "worker (no_full_time) in STAFF, and the staff whose grid is not in the new version "
        "(grid_retired). Staff with an end_date have left and are not counted. When every "
        "layer is a whole table of one PostGIS workspace, the comparison runs inside the "
        "database as SQL, with the same result.")

    OLD_GRIDS = "OLD_GRIDS"
    NEW_GRIDS = "NEW_GRIDS"
    GRIDS = "GRIDS"
    DATE_FROM = "DATE_FROM"
    DATE_TO = "DATE_TO"
    ID_FIELD = "ID_FIELD"
    BUILDINGS = "BUILDINGS"
    HOUSEHOLDS = "HOUSEHOLDS"
    PEOPLE = "PEOPLE"
    ORGANIZATIONS = "ORGANIZATIONS"
    EVENTS = "EVENTS"
    STAFF = "STAFF"
    OUTPUT = "OUTPUT"
    STAFFING = "STAFFING"
    MOVED = "MOVED"
    ISSUES = "ISSUES"

    #: Record parameter -> kind in the core (and its code field, see change.RECORD_KINDS).
    RECORDS = {BUILDINGS: "buildings", HOUSEHOLDS: "households", PEOPLE: "people",
               ORGANIZATIONS: "organizations", EVENTS: "events"}

    def initAlgorithm(self, config=None):
        polygon = [QgsProcessing.TypeVectorPolygon]
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.OLD_GRIDS, tr("Grids before the change"), polygon, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.NEW_GRIDS, tr("Grids after the change"), polygon, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.GRIDS, tr("Versioned grids (valid_from / valid_to), instead of the two "
                           "layers"), polygon, optional=True))
        self.addParameter(QgsProcessingParameterDateTime(
            self.DATE_FROM, tr("Date of the old version"),
            type=QgsProcessingParameterDateTime.Date, optional=True))
        self.addParameter(QgsProcessingParameterDateTime(
            self.DATE_TO, tr("Date of the new version"),
            type=QgsProcessingParameterDateTime.Date, optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.ID_FIELD, tr("Field identifying a grid in both versions"),
            defaultValue="grid_code", optional=True))
        for name, label, types in (
                (self.BUILDINGS, tr("Buildings"), [QgsProcessing.TypeVectorPolygon,
                                                  QgsProcessing.TypeVectorPoint]),
                (self.HOUSEHOLDS, tr("Households"), [QgsProcessing.TypeVectorPoint]),
                (self.PEOPLE, tr("People"), [QgsProcessing.TypeVectorPoint]),
                (self.ORGANIZATIONS, tr("Organisations"), [QgsProcessing.TypeVectorPoint]),
                (self.EVENTS, tr("Events"), [QgsProcessing.TypeVectorPoint])):
            self.addParameter(QgsProcessingParameterFeatureSource(
                name, label, types, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.STAFF, tr("Grid staff (grid_code, role)"), [QgsProcessing.TypeVector],
            optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, tr("Records whose grid changes"), QgsProcessing.TypeVectorPoint))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.STAFFING, tr("Staffing consequences"), QgsProcessing.TypeVector))
        self.addOutput(QgsProcessingOutputNumber(self.MOVED, tr("Records whose grid changes")))
        self.addOutput(QgsProcessingOutputNumber(self.ISSUES, tr("Staffing problems")))

    @staticmethod
    def _date(value, name):
        if isinstance(value, QDateTime):
            value = value.date()
        if isinstance(value, QDate):
            if not value.isValid():
                raise OneGridError(N_("{parameter} is not a valid date"), parameter=name)
            return value.toPyDate()
        if value is None or str(value).strip() == "":
            raise OneGridError(N_("{parameter} is required with a versioned GRIDS layer"),
                               parameter=name)
        return change.as_date(value)

    def _versions(self, parameters, context, feedback, id_field):
        given = {name: parameters.get(name) is not None
                 for name in (self.OLD_GRIDS, self.NEW_GRIDS, self.GRIDS)}
        if given[self.OLD_GRIDS] and given[self.NEW_GRIDS]:
            old = parameter_frame(self, parameters, self.OLD_GRIDS, context, feedback,
                                  required_fields=(id_field,))
            new = parameter_frame(self, parameters, self.NEW_GRIDS, context, feedback,
                                  required_fields=(id_field,))
            return old, new
        if not given[self.GRIDS]:
            raise OneGridError(N_("Give OLD_GRIDS and NEW_GRIDS, or a versioned GRIDS layer "
                                  "with DATE_FROM and DATE_TO"))
        start = self._date(parameters.get(self.DATE_FROM), self.DATE_FROM)
        end = self._date(parameters.get(self.DATE_TO), self.DATE_TO)
        grids = parameter_frame(self, parameters, self.GRIDS, context, feedback,
                                required_fields=(id_field, "valid_from", "valid_to"))
        layer = grids.attrs["layer_name"]
        old = grids_version(grids, start, layer)
        new = grids_version(grids, end, layer)
        feedback.pushInfo(tr("{layer}: {old} grids valid on {start}, {new} on {end}").format(
            layer=layer, old=len(old), start=start.isoformat(), new=len(new),
            end=end.isoformat()))
        return old, new

    def execute(self, parameters, context, feedback):
        id_field = self.parameterAsString(parameters, self.ID_FIELD, context) or "grid_code"
        # Tables of one PostGIS workspace: the same analysis as SQL inside the database.
        in_database = pg_dispatch.grid_change_impact(self, parameters, context, feedback,
                                                     id_field)
        if in_database is not None:
            changes, staffing, records, staff = in_database
        else:
            changes, staffing, records, staff = self._in_memory(parameters, context, feedback,
                                                                id_field)
        counts = changes["kind"].value_counts()
        for kind in records:
            feedback.pushInfo(tr("{kind}: {count} records change grid").format(
                kind=kind, count=int(counts.get(kind, 0))))
        issue_counts = staffing["issue"].value_counts()
        if staff:
            feedback.pushInfo(tr("{no_leader} grids without a grid leader, {no_full_time} "
                                 "without a full-time grid worker, {retired} staff whose grid "
                                 "is retired")
                              .format(no_leader=int(issue_counts.get("no_leader", 0)),
                                      no_full_time=int(issue_counts.get("no_full_time", 0)),
                                      retired=int(issue_counts.get("grid_retired", 0))))
        return {
            self.OUTPUT: frame_to_sink(self, parameters, self.OUTPUT, context, changes,
                                       wkb_type=QgsWkbTypes.Point),
            self.STAFFING: frame_to_sink(self, parameters, self.STAFFING, context,
                                         pd.DataFrame(staffing),
                                         wkb_type=QgsWkbTypes.NoGeometry),
            self.MOVED: len(changes),
            self.ISSUES: len(staffing),
        }

    def _in_memory(self, parameters, context, feedback, id_field):
        old, new = self._versions(parameters, context, feedback, id_field)
        records = {}
        for name, kind in self.RECORDS.items():
            if parameters.get(name) is None:
                continue
            frame = parameter_frame(self, parameters, name, context, feedback,
                                    allow_empty=True)
            records[kind] = frame
        staff = None
        if parameters.get(self.STAFF) is not None:
            staff = parameter_frame(self, parameters, self.STAFF, context, feedback,
                                    required_fields=("grid_code", "role"), allow_empty=True)
        changes, staffing = change.grid_change_impact(
            old, new, id_field, records, staff=staff,
            progress=lambda f: feedback.setProgress(90 * f), is_canceled=feedback.isCanceled)
        return changes, staffing, list(records), staff is not None


def grids_version(grids, date, layer):
    """The rows of ``grids`` valid on ``date``; OneGridError naming ``layer`` when none."""
    version = change.grids_at(grids, date)
    if not len(version):
        raise OneGridError(N_("Layer {layer} has no grid valid on {date}"), layer=layer,
                           date=date.isoformat())
    version = version.copy()
    version.attrs["layer_name"] = layer
    return version
