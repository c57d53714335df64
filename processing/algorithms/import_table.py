"""onegrid:import_table — load a CSV/Excel register into a workspace layer, rejecting bad rows.

Thin: parameters in, :func:`onegrid.processing.analysis.tables.read_table` and
:func:`~onegrid.processing.analysis.tables.prepare_records` in the core, accepted rows appended
with :func:`onegrid.layers.io.append_frame`, rejected rows (with an English and a Chinese
reason) appended to the workspace's ``rejected_rows`` table.
"""
import os

import pandas as pd
from qgis.core import (QgsProcessingOutputNumber, QgsProcessingOutputString,
                       QgsProcessingParameterEnum, QgsProcessingParameterFile,
                       QgsProcessingParameterString)

from ...i18n import tr, tr_zh
from ...layers import schema as S
from ...layers.io import append_frame
from ...layers.migrations import upgrade_workspace
from ...layers.workspace import missing_layers, utc_now, workspace_crs
from ..analysis import tables
from ..analysis.errors import N_, OneGridError
from .base import OneGridAlgorithm

#: KIND options, in the order of the drop-down (their indices are part of the API).
KINDS = ("people", "households", "organizations", "events", "things", "cameras",
         "facilities", "patrol_points", "grid_staff")
#: ENCODING options.
ENCODINGS = ("auto", "UTF-8", "UTF-8-SIG", "GB18030")


class ImportTable(OneGridAlgorithm):
    NAME = "import_table"
    GROUP = "records"
    DISPLAY = "Import table (CSV / Excel)"
    HELP = (
        "Loads a register kept in a spreadsheet (CSV, TXT or XLSX) into a workspace layer. "
        "KIND chooses the layer: people, households, organizations, events, things, cameras, "
        "facilities, patrol_points or grid_staff. Columns are matched to fields by field name, "
        "English or Chinese name (姓名, 公民身份号码, 联系电话...); other columns are ignored. "
        "Coded values may be given as code or label (男 or male); dates as 2024-01-31, "
        "2024/1/31, 20240131 or 2024年1月31日; date-times without a zone are China time "
        "(UTC+8) and are stored in UTC. The location comes from X_FIELD and Y_FIELD "
        "(longitude/latitude or projected coordinates in SOURCE_CRS) or from WKT_FIELD; when "
        "none is given, columns named lon/lng/经度 and lat/纬度 are used. SOURCE_CRS accepts "
        "EPSG:nnnn, WGS84, GCJ02 (Amap, Tencent) and BD09 (Baidu); GCJ-02 and BD-09 are "
        "converted to WGS84. Swapped longitude and latitude are fixed and counted. ENCODING of "
        "a CSV: auto tries UTF-8 with BOM, UTF-8 and GB18030 (GBK). Rows that fail a check are "
        "not imported: each is written to the rejected_rows table with its row number "
        "(header = row 1), its content and the reason in English and Chinese. ID numbers are "
        "normalised but not judged here.")

    INPUT = "INPUT"
    KIND = "KIND"
    ENUM_OPTIONS = {"KIND": KINDS, "ENCODING": ENCODINGS}
    X_FIELD = "X_FIELD"
    Y_FIELD = "Y_FIELD"
    WKT_FIELD = "WKT_FIELD"
    SOURCE_CRS = "SOURCE_CRS"
    ENCODING = "ENCODING"
    WORKSPACE = "WORKSPACE"
    IMPORTED = "IMPORTED"
    REJECTED = "REJECTED"

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile(
            self.INPUT, tr("Table (CSV, TXT or XLSX)"), QgsProcessingParameterFile.File,
            fileFilter=tr("Tables (*.csv *.txt *.tsv *.xlsx *.xls)")))
        self.addParameter(QgsProcessingParameterEnum(
            self.KIND, tr("Kind of records (target layer)"), options=list(KINDS),
            defaultValue=0))
        self.addParameter(QgsProcessingParameterString(
            self.X_FIELD, tr("X / longitude column"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.Y_FIELD, tr("Y / latitude column"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.WKT_FIELD, tr("WKT geometry column"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.SOURCE_CRS, tr("CRS of the coordinates (EPSG:nnnn, WGS84, GCJ02 or BD09)"),
            defaultValue="EPSG:4326"))
        self.addParameter(QgsProcessingParameterEnum(
            self.ENCODING, tr("Text encoding of a CSV"), options=list(ENCODINGS),
            defaultValue=0))
        self.addParameter(QgsProcessingParameterFile(
            self.WORKSPACE, tr("Workspace GeoPackage"), QgsProcessingParameterFile.File,
            fileFilter=tr("GeoPackage (*.gpkg)")))
        self.addOutput(QgsProcessingOutputNumber(self.IMPORTED, tr("Rows imported")))
        self.addOutput(QgsProcessingOutputNumber(self.REJECTED, tr("Rows rejected")))
        self.addOutput(QgsProcessingOutputString(self.ENCODING, tr("Encoding used")))

    def execute(self, parameters, context, feedback):
        kind = self.enum_value(parameters, self.KIND)
        encoding = self.enum_value(parameters, self.ENCODING)
        path = self.parameterAsFile(parameters, self.INPUT, context)
        workspace = self.parameterAsFile(parameters, self.WORKSPACE, context)
        x_field = self.parameterAsString(parameters, self.X_FIELD, context).strip() or None
        y_field = self.parameterAsString(parameters, self.Y_FIELD, context).strip() or None
        wkt_field = self.parameterAsString(parameters, self.WKT_FIELD, context).strip() or None
        source_crs = self.parameterAsString(parameters, self.SOURCE_CRS, context).strip() \
            or "EPSG:4326"
        spec = S.KINDS[kind]

        if S.SCHEMA_VERSION_TABLE.name in missing_layers(workspace):
            raise OneGridError(N_("{path} is a GeoPackage but not a OneGrid workspace; create "
                                  "one with Create workspace"), path=workspace)
        old, new, changes = upgrade_workspace(workspace)
        if old != new or changes:
            feedback.pushInfo(tr("Workspace upgraded from schema version {old} to {new}")
                              .format(old=old, new=new))

        name = os.path.basename(path)
        frame, used = tables.read_table(path, None if encoding == "auto" else encoding)
        feedback.pushInfo(tr("Encoding of {file}: {encoding}").format(file=name,
                                                                      encoding=used))
        if len(frame) == 0:
            raise OneGridError(N_("{file} has a header but no data rows"), file=name)
        feedback.setProgress(10)

        prepared = tables.prepare_records(
            frame, kind, name, x_field=x_field, y_field=y_field, wkt_field=wkt_field,
            source_crs=source_crs, target_crs=workspace_crs(workspace),
            progress=lambda f: feedback.setProgress(10 + 70 * f),
            is_canceled=feedback.isCanceled)
        if prepared.ignored:
            feedback.pushWarning(tr("Columns ignored (no field of {layer} matches them): "
                                    "{columns}").format(layer=spec.name,
                                                        columns=", ".join(prepared.ignored)))
        if prepared.x_field:
            feedback.pushInfo(tr("Location from the columns {x} and {y} ({crs})").format(
                x=prepared.x_field, y=prepared.y_field, crs=source_crs))
        elif prepared.wkt_field:
            feedback.pushInfo(tr("Location from the WKT column {field} ({crs})").format(
                field=prepared.wkt_field, crs=source_crs))
        elif spec.geometry is not None:
            feedback.pushWarning(tr("No location columns found: rows are imported without a "
                                    "location"))
        if prepared.swapped:
            feedback.pushWarning(tr("Rows whose longitude and latitude were swapped (fixed): "
                                    "{count}").format(count=prepared.swapped))

        imported = append_frame(workspace, spec.name, prepared.accepted)
        feedback.setProgress(90)
        rejected = prepared.rejected
        for number, reasons in zip(rejected["row_number"], rejected["reasons"]):
            feedback.reportError(tr("Row {row}: {reason}").format(
                row=int(number), reason=tables.reason_text(reasons, tr)), fatalError=False)
        if len(rejected):
            now = utc_now()
            rows = pd.DataFrame({
                "source_file": rejected["source_file"],
                "row_number": rejected["row_number"],
                "kind": rejected["kind"],
                "raw": rejected["raw"],
                "reason_en": rejected["reason_en"],
                "reason_zh": [tables.reason_text(r, tr_zh) for r in rejected["reasons"]],
                "imported_at": now,
            })
            append_frame(workspace, S.REJECTED_ROWS.name, rows)
        feedback.pushInfo(tr("Rows imported into {layer}: {imported}; rows rejected: {rejected}")
                          .format(imported=imported, layer=spec.name, rejected=len(rejected)))
        feedback.setProgress(100)
        return {self.IMPORTED: imported, self.REJECTED: len(rejected), self.ENCODING: used}
