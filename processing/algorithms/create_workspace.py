"""onegrid:create_workspace — a new, empty workspace with every layer and style: a GeoPackage,
or a schema in a PostgreSQL/PostGIS database for many editors."""
from qgis.core import (QgsCoordinateReferenceSystem, QgsProcessingOutputNumber,
                       QgsProcessingOutputString, QgsProcessingParameterBoolean,
                       QgsProcessingParameterCrs, QgsProcessingParameterFileDestination,
                       QgsProcessingParameterString)

from ...i18n import tr
from ...layers import postgis, schema, styles
from ...layers.workspace import DEFAULT_CRS, create_workspace
from ..analysis.errors import N_
from .base import OneGridAlgorithm, fail


class CreateWorkspace(OneGridAlgorithm):
    NAME = "create_workspace"
    GROUP = "workspace"
    DISPLAY = "Create workspace"
    HELP = ("Creates a new OneGrid workspace: a GeoPackage with every governance layer "
            "(communities, base and professional grids, staff, parcels, buildings, households, "
            "people, organisations, events, components, cameras, patrol points, facilities, "
            "roads, rejected rows), Chinese field names, drop-down value maps and default "
            "styles. CRS: the workspace's coordinate reference system (default CGCS2000, "
            "EPSG:4490); analyses project to metres themselves. "
            "DATABASE (instead of a file): a QGIS PostgreSQL connection name or a URI "
            "(postgresql://user@host/db or dbname=… host=…) builds the same workspace in the "
            "PostGIS schema SCHEMA (default onegrid), with the roles onegrid_admin, "
            "onegrid_grid_office, onegrid_grid_worker, onegrid_police and onegrid_planner, "
            "row-level security by grid, masked views of personal fields, an audit trail and "
            "row versions that stop lost edits; styles go into the database's layer_styles.")

    OUTPUT = "OUTPUT"
    CRS = "CRS"
    OVERWRITE = "OVERWRITE"
    DATABASE = "DATABASE"
    SCHEMA = "SCHEMA"

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT, tr("Workspace GeoPackage"), tr("GeoPackage (*.gpkg)"),
            optional=True, createByDefault=False))
        self.addParameter(QgsProcessingParameterCrs(
            self.CRS, tr("Workspace CRS"), defaultValue=DEFAULT_CRS,
            optional=True))  # QGIS 3.22 rejects a missing required CRS despite its default
        self.addParameter(QgsProcessingParameterBoolean(
            self.OVERWRITE, tr("Replace an existing file"), defaultValue=False))
        self.addParameter(QgsProcessingParameterString(
            self.DATABASE, tr("Or a PostgreSQL database (QGIS connection name or URI)"),
            optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.SCHEMA, tr("Database schema"), defaultValue=postgis.DEFAULT_SCHEMA,
            optional=True))
        self.addOutput(QgsProcessingOutputNumber("LAYERS", tr("Layers created")))
        self.addOutput(QgsProcessingOutputString(self.DATABASE, tr("Database (no password)")))

    def execute(self, parameters, context, feedback):
        database = (self.parameterAsString(parameters, self.DATABASE, context) or "").strip()
        crs = self.parameterAsCrs(parameters, self.CRS, context)
        if not crs.isValid():
            crs = QgsCoordinateReferenceSystem(DEFAULT_CRS)
        overwrite = self.parameterAsBool(parameters, self.OVERWRITE, context)
        if database:
            return self._create_in_database(parameters, context, feedback, database, crs,
                                            overwrite)
        path = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        if not path:
            fail(N_("Give a workspace GeoPackage file or a PostgreSQL database"))
        feedback.pushInfo(tr("Creating workspace {path}").format(path=path))
        create_workspace(path, crs=crs.authid() or crs.toWkt(), overwrite=overwrite)
        feedback.setProgress(50)
        styles.store_default_styles(path)
        feedback.setProgress(100)
        return {self.OUTPUT: path, "LAYERS": len(schema.LAYERS)}

    def _create_in_database(self, parameters, context, feedback, database, crs, overwrite):
        from ...layers import postgis_qgis

        schema_name = (self.parameterAsString(parameters, self.SCHEMA, context)
                       or postgis.DEFAULT_SCHEMA).strip()
        dsn = postgis_qgis.resolve_connection(database)
        feedback.pushInfo(tr("Creating workspace schema {schema} in {database}").format(
            schema=schema_name, database=postgis.describe(dsn)))
        conn = postgis.connect(dsn)
        try:
            postgis.create_workspace(conn, schema_name, crs=crs.authid(), overwrite=overwrite)
        finally:
            conn.close()
        feedback.setProgress(50)
        postgis_qgis.store_default_styles(dsn, schema_name)
        feedback.setProgress(100)
        return {self.OUTPUT: None, self.DATABASE: postgis.describe(dsn),
                self.SCHEMA: schema_name, "LAYERS": len(schema.LAYERS)}
