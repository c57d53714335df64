"""onegrid:link_records — every record to its building, parcel, base grid and community."""
from qgis.core import (QgsProcessing, QgsProcessingOutputNumber, QgsProcessingParameterEnum,
                       QgsProcessingParameterFeatureSink, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterField, QgsProcessingParameterNumber, QgsWkbTypes)

from ...i18n import tr
from ...layers import pg_dispatch
from .. import adapter
from ..analysis import linking
from ..analysis.errors import N_
from .base import OneGridAlgorithm

KINDS = ("people", "households", "organizations", "events", "things", "other")
PREFER = ("coordinates", "address")
SYSTEMS = ("WGS84", "GCJ02", "BD09")


def _text_or_none(alg, parameters, name, context):
    return alg.parameterAsString(parameters, name, context).strip() or None


def _field(alg, parameters, name, context, frame, default):
    """The field given for ``name``; else ``default`` when ``frame`` has it; else None
    (the feature id)."""
    given = _text_or_none(alg, parameters, name, context)
    if given:
        return given
    return default if frame is not None and default in frame.columns else None


#: What the log says of each link_method (the method's id stays in brackets: it is the value
#: of the output's link_method field).
METHOD_MESSAGES = {
    "point_in_building": N_("{count} records lie in a building footprint ({method})"),
    "nearest_building": N_("{count} records took the nearest building within the distance "
                           "({method})"),
    "address_exact": N_("{count} records matched a building's standard address exactly "
                        "({method})"),
    "address_fuzzy": N_("{count} records matched a building's address approximately "
                        "({method})"),
    "parcel_only": N_("{count} records lie in a parcel but in no building ({method})"),
    "unmatched": N_("{count} records could not be linked ({method})"),
}


class LinkRecords(OneGridAlgorithm):
    NAME = "link_records"
    GROUP = "records"
    DISPLAY = "Link records to buildings, parcels and grids"
    HELP = (
        "Hangs every record of a register (people, households, organisations, events, "
        "components) on its place: building, parcel, base grid and community. RECORDS may be "
        "points or a table without geometry. By coordinates: the building containing the "
        "point (point_in_building), else the nearest building within MAX_DISTANCE metres "
        "(nearest_building). By address (ADDRESS_FIELD): the address is normalised (full- and "
        "half-width characters, Chinese and Arabic numerals, 号/栋/幢/座/号楼/单元/室/层, "
        "3-2-301, district and street prefixes present or left out, common typos) and matched "
        "to the buildings' standard addresses, exact first (address_exact), then fuzzy with a "
        "score (address_fuzzy; house and building numbers must agree). Where both find a "
        "building, PREFER decides and a disagreement is flagged (disagrees = 1, "
        "address_building_id). A building's parcel is the parcel it overlaps most, its grid "
        "the grid holding its representative point, its community the grid's COMMUNITY_FIELD. "
        "A point in no building but in a parcel is linked to that parcel (parcel_only). "
        "Longitude/latitude records with swapped coordinates are fixed, GCJ-02 or BD-09 ones "
        "(SOURCE_SYSTEM) converted (location_fix). OUTPUT: the linked records with "
        "building_id, parcel_id, grid_id, community_id, link_method, link_score and "
        "distance_m; UNMATCHED: the others with the reason. Both together hold every input "
        "record.")

    ENUM_OPTIONS = {"KIND": KINDS, "PREFER": PREFER, "SOURCE_SYSTEM": SYSTEMS}

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFeatureSource(
            "RECORDS", tr("Records (points or a table)"), [QgsProcessing.TypeVector]))
        self.addParameter(QgsProcessingParameterEnum(
            "KIND", tr("Kind of records"), options=list(KINDS), defaultValue=0))
        self.addParameter(QgsProcessingParameterField(
            "ADDRESS_FIELD", tr("Address field of the records"),
            parentLayerParameterName="RECORDS", optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "BUILDINGS", tr("Buildings"), [QgsProcessing.TypeVectorPolygon]))
        self.addParameter(QgsProcessingParameterField(
            "BUILDING_ID_FIELD", tr("Building id field (empty: building_code, else feature id)"),
            parentLayerParameterName="BUILDINGS", optional=True))
        self.addParameter(QgsProcessingParameterField(
            "BUILDING_ADDRESS_FIELD", tr("Standard address field of the buildings"),
            parentLayerParameterName="BUILDINGS", optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "PARCELS", tr("Parcels"), [QgsProcessing.TypeVectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterField(
            "PARCEL_ID_FIELD", tr("Parcel id field (empty: parcel_code, else feature id)"),
            parentLayerParameterName="PARCELS", optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "GRIDS", tr("Base grids"), [QgsProcessing.TypeVectorPolygon]))
        self.addParameter(QgsProcessingParameterField(
            "GRID_ID_FIELD", tr("Grid id field (empty: grid_code, else feature id)"),
            parentLayerParameterName="GRIDS", optional=True))
        self.addParameter(QgsProcessingParameterField(
            "COMMUNITY_FIELD", tr("Community field of the grids (empty: community_code)"),
            parentLayerParameterName="GRIDS", optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            "MAX_DISTANCE", tr("Largest distance to a building for a point outside every "
                               "footprint (m)"), QgsProcessingParameterNumber.Double,
            defaultValue=linking.DEFAULT_MAX_DISTANCE, minValue=0.0))
        self.addParameter(QgsProcessingParameterEnum(
            "PREFER", tr("Where coordinates and address disagree, trust"), options=list(PREFER),
            defaultValue=0, optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            "SOURCE_SYSTEM", tr("System of longitude/latitude records"), options=list(SYSTEMS),
            defaultValue=0, optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            "MIN_SCORE", tr("Least score of a fuzzy address match (0-1)"),
            QgsProcessingParameterNumber.Double, defaultValue=0.6, minValue=0.0, maxValue=1.0,
            optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT", tr("Linked records"), QgsProcessing.TypeVectorAnyGeometry))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "UNMATCHED", tr("Unmatched records"), QgsProcessing.TypeVectorAnyGeometry,
            optional=True, createByDefault=True))
        self.addOutput(QgsProcessingOutputNumber("LINKED_COUNT", tr("Records linked")))
        self.addOutput(QgsProcessingOutputNumber("UNMATCHED_COUNT", tr("Records unmatched")))
        self.addOutput(QgsProcessingOutputNumber("DISAGREE_COUNT",
                                                 tr("Records whose address and coordinates "
                                                    "disagree")))

    def execute(self, parameters, context, feedback):
        kind = self.enum_value(parameters, "KIND")
        # Whole tables of one PostGIS workspace: the same link as SQL inside the database.
        result = pg_dispatch.link_records(self, parameters, context, feedback, kind)
        if result is None:
            result = self._link_in_memory(parameters, context, feedback, kind)
        info = result.info
        for method in linking.METHODS:
            if info[method]:
                feedback.pushInfo(tr(METHOD_MESSAGES[method]).format(
                    count=f"{info[method]:,}", method=method))
        if info["swapped"]:
            feedback.pushWarning(tr("Records whose longitude and latitude were swapped "
                                    "(fixed): {count}").format(count=info["swapped"]))
        if info["disagreements"]:
            feedback.pushWarning(tr("Records whose address names another building than their "
                                    "coordinates: {count}").format(count=info["disagreements"]))
        results = {"LINKED_COUNT": info["linked"], "UNMATCHED_COUNT": info["unmatched"],
                   "DISAGREE_COUNT": info["disagreements"]}
        linked = result.linked.reset_index(drop=True)
        results["OUTPUT"] = adapter.frame_to_sink(self, parameters, "OUTPUT", context, linked,
                                                  wkb_type=QgsWkbTypes.Point)
        feedback.setProgress(90)
        if parameters.get("UNMATCHED") is not None:
            unmatched = result.unmatched.copy()
            unmatched["reason"] = [
                "; ".join(tr(t).format(**p) for t, p in reasons)
                for reasons in unmatched.pop("reasons")]
            results["UNMATCHED"] = adapter.frame_to_sink(
                self, parameters, "UNMATCHED", context, unmatched.reset_index(drop=True),
                wkb_type=QgsWkbTypes.Point)
        feedback.pushInfo(tr("Records linked: {linked}; unmatched: {unmatched}; of {total}")
                          .format(linked=info["linked"], unmatched=info["unmatched"],
                                  total=info["records"]))
        feedback.setProgress(100)
        return results

    def _link_in_memory(self, parameters, context, feedback, kind):
        records = adapter.parameter_frame(self, parameters, "RECORDS", context, feedback,
                                          allow_empty=True)
        buildings = adapter.parameter_frame(self, parameters, "BUILDINGS", context, feedback)
        parcels = adapter.parameter_frame(self, parameters, "PARCELS", context, feedback,
                                          allow_empty=True)
        grids = adapter.parameter_frame(self, parameters, "GRIDS", context, feedback)
        address_field = _text_or_none(self, parameters, "ADDRESS_FIELD", context)
        feedback.pushInfo(tr("Linking {count} records to {buildings} buildings").format(
            count=len(records), buildings=len(buildings)))
        min_score = parameters.get("MIN_SCORE")
        return linking.link_records(
            records, buildings, parcels if parcels is not None and len(parcels) else None,
            grids, kind=kind, address_field=address_field,
            building_address_field=_text_or_none(
                self, parameters, "BUILDING_ADDRESS_FIELD", context) or "address",
            building_id=_field(self, parameters, "BUILDING_ID_FIELD", context, buildings,
                               "building_code"),
            parcel_id=_field(self, parameters, "PARCEL_ID_FIELD", context, parcels,
                             "parcel_code"),
            grid_id=_field(self, parameters, "GRID_ID_FIELD", context, grids, "grid_code"),
            community_field=_field(self, parameters, "COMMUNITY_FIELD", context, grids,
                                   "community_code"),
            max_distance=self.parameterAsDouble(parameters, "MAX_DISTANCE", context),
            prefer=self.enum_value(parameters, "PREFER"),
            source_system=self.enum_value(parameters, "SOURCE_SYSTEM"),
            min_score=0.6 if min_score is None else self.parameterAsDouble(
                parameters, "MIN_SCORE", context),
            progress=lambda f: feedback.setProgress(80 * f), is_canceled=feedback.isCanceled)
