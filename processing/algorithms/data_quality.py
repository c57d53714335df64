"""onegrid:data_quality — linkage and validity scorecard per grid or community."""
import pandas as pd
from qgis.core import (QgsProcessing, QgsProcessingOutputNumber, QgsProcessingParameterEnum,
                       QgsProcessingParameterFeatureSink, QgsProcessingParameterFile,
                       QgsProcessingParameterMultipleLayers, QgsProcessingParameterNumber,
                       QgsProcessingParameterString, QgsWkbTypes)

from ...i18n import tr
from ...layers import pg_dispatch
from ...layers import schema as S
from ...layers.io import read_layer
from ...layers.workspace import missing_layers
from .. import adapter
from ..analysis import quality
from ..analysis.errors import N_, OneGridError
from .base import OneGridAlgorithm

GROUP_BY = ("grid", "community")


class DataQuality(OneGridAlgorithm):
    NAME = "data_quality"
    GROUP = "records"
    DISPLAY = "Data quality scorecard"
    HELP = (
        "Scores the registers per base grid or community against the targets (every record "
        "linked, basic data at least 90 % valid). Give a WORKSPACE: its people, households, "
        "organizations and events are linked to buildings, parcels and base grids as in Link "
        "records (coordinates first, then the address); or give LINKED layers (outputs of "
        "Link records, linked and unmatched, with their kind). OUTPUT, one row per group: "
        "records by kind, linked and linkage_pct, valid and validity_pct, and the counts of "
        "each problem: ID number invalid (id_format, id_region: unknown province prefix, "
        "id_birth_date: impossible birth date, id_check_digit: GB 11643-1999 check digit; a "
        "lowercase x is accepted), phone_invalid, required_empty, id_duplicate (the same ID "
        "number in two buildings or households), household_empty (no members), "
        "building_overcrowded (more residents than the floor area allows at M2_PER_RESIDENT); "
        "then linkage_pass, validity_pass and passed against TARGET_LINKAGE and "
        "TARGET_VALIDITY (percent). With a workspace, OUTPUT has the grid or community "
        "polygons. PROBLEMS lists every record problem with its reason.")

    ENUM_OPTIONS = {"GROUP_BY": GROUP_BY}

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile(
            "WORKSPACE", tr("Workspace GeoPackage"), QgsProcessingParameterFile.File,
            fileFilter=tr("GeoPackage (*.gpkg)"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            "DATABASE", tr("PostGIS workspace (PostgreSQL connection name or URI), instead of "
                           "the GeoPackage: scored inside the database"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            "SCHEMA", tr("Schema of the PostGIS workspace"), defaultValue="onegrid",
            optional=True))
        self.addParameter(QgsProcessingParameterMultipleLayers(
            "LINKED", tr("Linked records (outputs of Link records), instead of the workspace's "
                         "registers"), QgsProcessing.TypeVector, optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            "GROUP_BY", tr("Group by"), options=list(GROUP_BY), defaultValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            "TARGET_LINKAGE", tr("Target linkage (%)"), QgsProcessingParameterNumber.Double,
            defaultValue=quality.DEFAULT_TARGET_LINKAGE, minValue=0.0, maxValue=100.0,
            optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            "TARGET_VALIDITY", tr("Target validity (%)"), QgsProcessingParameterNumber.Double,
            defaultValue=quality.DEFAULT_TARGET_VALIDITY, minValue=0.0, maxValue=100.0,
            optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            "M2_PER_RESIDENT", tr("Least floor area per resident (m²)"),
            QgsProcessingParameterNumber.Double,
            defaultValue=quality.DEFAULT_M2_PER_RESIDENT, minValue=0.1, optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            "MAX_DISTANCE", tr("Largest distance to a building when linking (m)"),
            QgsProcessingParameterNumber.Double, defaultValue=30.0, minValue=0.0,
            optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT", tr("Scorecard"), QgsProcessing.TypeVectorAnyGeometry))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "PROBLEMS", tr("Record problems"), QgsProcessing.TypeVector, optional=True,
            createByDefault=False))
        self.addOutput(QgsProcessingOutputNumber("FAILED_COUNT", tr("Groups below target")))
        self.addOutput(QgsProcessingOutputNumber("LINKAGE_PCT", tr("Linkage of all records "
                                                                   "(%)")))
        self.addOutput(QgsProcessingOutputNumber("VALIDITY_PCT", tr("Validity of all records "
                                                                    "(%)")))

    def _number(self, parameters, name, context, default):
        if parameters.get(name) is None:
            return default
        return self.parameterAsDouble(parameters, name, context)

    def execute(self, parameters, context, feedback):
        group_by = self.enum_value(parameters, "GROUP_BY")
        workspace = self.parameterAsFile(parameters, "WORKSPACE", context) or None
        linked_layers = self.parameterAsLayerList(parameters, "LINKED", context)
        targets = dict(
            target_linkage=self._number(parameters, "TARGET_LINKAGE", context,
                                        quality.DEFAULT_TARGET_LINKAGE),
            target_validity=self._number(parameters, "TARGET_VALIDITY", context,
                                         quality.DEFAULT_TARGET_VALIDITY),
            min_m2_per_resident=self._number(parameters, "M2_PER_RESIDENT", context,
                                             quality.DEFAULT_M2_PER_RESIDENT))
        database = (self.parameterAsString(parameters, "DATABASE", context) or "").strip() \
            if parameters.get("DATABASE") else ""
        if not workspace and not linked_layers and not database:
            raise OneGridError(N_("Give a WORKSPACE or LINKED layers to score"))
        layers = {}
        if workspace:
            if S.SCHEMA_VERSION_TABLE.name in missing_layers(workspace):
                raise OneGridError(N_("{path} is a GeoPackage but not a OneGrid workspace; "
                                      "create one with Create workspace"), path=workspace)
            names = ["buildings", "parcels", "base_grids", "communities"]
            if not linked_layers:
                names += list(quality.WORKSPACE_KINDS)
            for name in names:
                layers[name] = read_layer(workspace, name)
                layers[name].attrs["layer_name"] = name
        if linked_layers:
            frames = {}
            for layer in linked_layers:
                frame = adapter.source_to_frame(layer, adapter.layer_name(layer), feedback)
                if "link_method" not in frame.columns:
                    raise OneGridError(N_("Layer {layer} has no field {field}; its fields "
                                          "are: {fields}"), layer=adapter.layer_name(layer),
                                       field="link_method",
                                       fields=", ".join(c for c in frame.columns
                                                        if c != "geometry"))
                frame = pd.DataFrame(frame.drop(columns="geometry", errors="ignore"))
                frame["link_method"] = frame["link_method"].fillna("unmatched")
                kinds = frame["kind"].fillna("other") if "kind" in frame.columns else \
                    pd.Series("other", index=frame.index)
                for kind, part in frame.groupby(kinds):
                    frames[kind] = pd.concat([frames[kind], part]) if kind in frames else part
            buildings = (quality.building_table(layers["buildings"], layers["base_grids"])
                         if workspace and len(layers["buildings"]) else None)
            card = quality.scorecard(frames, buildings, group_by, **targets)
        elif database and not workspace:
            card, links, polygons = pg_dispatch.score_database(
                database, parameters.get("SCHEMA") and self.parameterAsString(
                    parameters, "SCHEMA", context), group_by,
                self._number(parameters, "MAX_DISTANCE", context, 30.0), targets, feedback)
            layers["base_grids" if group_by == "grid" else "communities"] = polygons
            for kind, result in links.items():
                feedback.pushInfo(tr("{kind}: {linked} of {records} linked").format(
                    kind=kind, linked=result.info["linked"], records=result.info["records"]))
        else:
            card, links = quality.score_workspace(
                layers, group_by,
                max_distance=self._number(parameters, "MAX_DISTANCE", context, 30.0),
                progress=lambda f: feedback.setProgress(85 * f),
                is_canceled=feedback.isCanceled, **targets)
            for kind, result in links.items():
                feedback.pushInfo(tr("{kind}: {linked} of {records} linked").format(
                    kind=kind, linked=result.info["linked"], records=result.info["records"]))
        table = card.table
        key = quality.GROUPS[group_by]
        if workspace or database and not linked_layers:
            polygons = layers["base_grids"] if group_by == "grid" else layers["communities"]
            field = "grid_code" if group_by == "grid" else "code"
            dest = adapter.table_to_sink(self, parameters, "OUTPUT", context, table, key,
                                         polygons, field)
        else:
            dest = adapter.table_to_sink(self, parameters, "OUTPUT", context, table)
        results = {"OUTPUT": dest}
        if parameters.get("PROBLEMS") is not None:
            problems = card.problems.copy()
            problems["reason"] = [tr(t).format(**p) for t, p in zip(problems["template"],
                                                                     problems["params"])]
            problems["record"] = problems["record"].astype(str)
            results["PROBLEMS"] = adapter.frame_to_sink(
                self, parameters, "PROBLEMS", context,
                pd.DataFrame(problems.drop(columns=["template", "params"])),
                wkb_type=QgsWkbTypes.NoGeometry)
        total = card.total.iloc[0]
        failed = int((table["passed"] == 0).sum())
        feedback.pushInfo(tr("All records: linkage {linkage} %, validity {validity} %; groups "
                             "below target: {failed} of {groups}").format(
            linkage=total["linkage_pct"], validity=total["validity_pct"], failed=failed,
            groups=len(table)))
        results.update({"FAILED_COUNT": failed, "LINKAGE_PCT": float(total["linkage_pct"]),
                        "VALIDITY_PCT": float(total["validity_pct"])})
        feedback.setProgress(100)
        return results
