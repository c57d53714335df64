"""onegrid:migrate_workspace — upgrade a GeoPackage or PostGIS workspace to the current schema."""
from qgis.core import (QgsProcessingOutputNumber, QgsProcessingOutputString,
                       QgsProcessingParameterString)

from ...i18n import tr
from ...layers import postgis
from ...layers.migrations import upgrade_workspace
from ..analysis.errors import N_
from .base import OneGridAlgorithm, fail


class MigrateWorkspace(OneGridAlgorithm):
    NAME = "migrate_workspace"
    GROUP = "workspace"
    DISPLAY = "Migrate workspace"
    HELP = ("Upgrades a workspace written by an older OneGrid to the current schema version, "
            "in place and in one transaction, without losing a row: new layers and fields are "
            "added (existing rows get the defaults) and the new version is recorded. "
            "WORKSPACE: a GeoPackage file, a QGIS PostgreSQL connection name or a URI "
            "(with SCHEMA, default onegrid; the database's triggers, privileges, row-level "
            "security and views are reinstalled too). A current workspace is left as it is.")

    WORKSPACE = "WORKSPACE"
    SCHEMA = "SCHEMA"

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterString(
            self.WORKSPACE, tr("Workspace (GeoPackage file, PostgreSQL connection or URI)")))
        self.addParameter(QgsProcessingParameterString(
            self.SCHEMA, tr("Database schema"), defaultValue=postgis.DEFAULT_SCHEMA,
            optional=True))
        self.addOutput(QgsProcessingOutputNumber("OLD_VERSION", tr("Schema version before")))
        self.addOutput(QgsProcessingOutputNumber("NEW_VERSION", tr("Schema version after")))
        self.addOutput(QgsProcessingOutputString("CHANGES", tr("Changes")))

    def execute(self, parameters, context, feedback):
        target = (self.parameterAsString(parameters, self.WORKSPACE, context) or "").strip()
        if not target:
            fail(N_("Give a workspace GeoPackage file or a PostgreSQL database"))
        if target.lower().endswith(".gpkg"):
            old, new, changes = upgrade_workspace(target)
            where = target
        else:
            from ...layers import postgis_qgis

            schema_name = (self.parameterAsString(parameters, self.SCHEMA, context)
                           or postgis.DEFAULT_SCHEMA).strip()
            dsn = postgis_qgis.resolve_connection(target)
            conn = postgis.connect(dsn)
            try:
                old, new, changes = postgis.upgrade_workspace(conn, schema_name)
            finally:
                conn.close()
            where = f"{postgis.describe(dsn)} / {schema_name}"
        if old == new and not changes:
            feedback.pushInfo(tr("Workspace {path} is at schema version {version}; nothing to "
                                 "do").format(path=where, version=new))
        else:
            feedback.pushInfo(tr("Workspace {path} upgraded from schema version {old} to {new}: "
                                 "{changes}").format(path=where, old=old, new=new,
                                                     changes=", ".join(changes) or "-"))
        return {"OLD_VERSION": old, "NEW_VERSION": new, "CHANGES": ", ".join(changes)}
