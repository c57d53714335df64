"""onegrid:copy_workspace — a whole workspace from a GeoPackage into PostGIS, or back."""
from qgis.core import (QgsProcessingOutputNumber, QgsProcessingOutputString,
                       QgsProcessingParameterBoolean, QgsProcessingParameterString)

from ...i18n import tr
from ...layers import postgis, styles
from ..analysis.errors import Canceled, N_
from .base import OneGridAlgorithm, fail


class CopyWorkspace(OneGridAlgorithm):
    NAME = "copy_workspace"
    GROUP = "workspace"
    DISPLAY = "Copy workspace between GeoPackage and PostGIS"
    HELP = ("Copies a whole workspace, row for row (same feature ids, values and geometries), "
            "from a GeoPackage into a new PostGIS workspace or from PostGIS into a new "
            "GeoPackage, with the default styles, and verifies the row count of every layer "
            "(a difference fails the copy). INPUT and OUTPUT: a GeoPackage file (.gpkg), a QGIS "
            "PostgreSQL connection name or a URI; SCHEMA: the database schema (default "
            "onegrid). Both workspaces must be at the current schema version (run "
            "onegrid:migrate_workspace first). Copying out of PostGIS takes the rows the "
            "connected user may read; the audit trail and the user-to-grid table stay in the "
            "database.")

    INPUT = "INPUT"
    OUTPUT = "OUTPUT"
    SCHEMA = "SCHEMA"
    OVERWRITE = "OVERWRITE"

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterString(
            self.INPUT, tr("From (GeoPackage file, PostgreSQL connection or URI)")))
        self.addParameter(QgsProcessingParameterString(
            self.OUTPUT, tr("To (GeoPackage file, PostgreSQL connection or URI)")))
        self.addParameter(QgsProcessingParameterString(
            self.SCHEMA, tr("Database schema"), defaultValue=postgis.DEFAULT_SCHEMA,
            optional=True))
        self.addParameter(QgsProcessingParameterBoolean(
            self.OVERWRITE, tr("Replace an existing workspace"), defaultValue=False))
        self.addOutput(QgsProcessingOutputNumber("ROWS", tr("Rows copied")))
        self.addOutput(QgsProcessingOutputString("COUNTS", tr("Rows per layer")))

    def execute(self, parameters, context, feedback):
        from ...layers import postgis_qgis

        source = (self.parameterAsString(parameters, self.INPUT, context) or "").strip()
        target = (self.parameterAsString(parameters, self.OUTPUT, context) or "").strip()
        schema_name = (self.parameterAsString(parameters, self.SCHEMA, context)
                       or postgis.DEFAULT_SCHEMA).strip()
        overwrite = self.parameterAsBool(parameters, self.OVERWRITE, context)
        from_gpkg, to_gpkg = source.lower().endswith(".gpkg"), target.lower().endswith(".gpkg")
        if from_gpkg == to_gpkg:
            fail(N_("Copy from a GeoPackage into a PostgreSQL database or back, not {source} to "
                 "{target}"), source=postgis.describe(source), target=postgis.describe(target))

        def progress(fraction):
            if feedback.isCanceled():
                raise Canceled()
            feedback.setProgress(90 * fraction)

        if from_gpkg:
            dsn = postgis_qgis.resolve_connection(target)
            feedback.pushInfo(tr("Copying {source} into schema {schema} of {database}").format(
                source=source, schema=schema_name, database=postgis.describe(dsn)))
            conn = postgis.connect(dsn)
            try:
                counts = postgis.copy_gpkg_to_postgis(source, conn, schema_name, overwrite,
                                                      progress)
            finally:
                conn.close()
            postgis_qgis.store_default_styles(dsn, schema_name)
        else:
            dsn = postgis_qgis.resolve_connection(source)
            feedback.pushInfo(tr("Copying schema {schema} of {database} into {target}").format(
                schema=schema_name, database=postgis.describe(dsn), target=target))
            conn = postgis.connect(dsn)
            try:
                counts = postgis.copy_postgis_to_gpkg(conn, target, schema_name, overwrite,
                                                      progress)
            finally:
                conn.close()
            styles.store_default_styles(target)
        feedback.setProgress(100)
        for name, (before, after) in counts.items():
            if before:
                feedback.pushInfo(tr("{layer}: {source} rows, {target} copied").format(
                    layer=name, source=before, target=after))
        total = sum(after for _before, after in counts.values())
        return {"ROWS": total,
                "COUNTS": ", ".join(f"{name}={after}" for name, (_b, after) in counts.items())}
