"""onegrid:create_workspace — a new, empty GeoPackage workspace with every layer and style."""
from qgis.core import (QgsCoordinateReferenceSystem, QgsProcessingOutputNumber,
                       QgsProcessingParameterBoolean, QgsProcessingParameterCrs,
                       QgsProcessingParameterFileDestination)

from ...i18n import tr
from ...layers import schema, styles
from ...layers.workspace import DEFAULT_CRS, create_workspace
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
            "EPSG:4490); analyses project to metres themselves.")

    OUTPUT = "OUTPUT"
    CRS = "CRS"
    OVERWRITE = "OVERWRITE"

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT, tr("Workspace GeoPackage"), tr("GeoPackage (*.gpkg)")))
        self.addParameter(QgsProcessingParameterCrs(
            self.CRS, tr("Workspace CRS"), defaultValue=DEFAULT_CRS,
            optional=True))  # QGIS 3.22 rejects a missing required CRS despite its default
        self.addParameter(QgsProcessingParameterBoolean(
            self.OVERWRITE, tr("Replace an existing file"), defaultValue=False))
        self.addOutput(QgsProcessingOutputNumber("LAYERS", tr("Layers created")))

    def execute(self, parameters, context, feedback):
        path = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        crs = self.parameterAsCrs(parameters, self.CRS, context)
        if not crs.isValid():
            crs = QgsCoordinateReferenceSystem(DEFAULT_CRS)
        if not path:
            fail("No output file given for the workspace")
        overwrite = self.parameterAsBool(parameters, self.OVERWRITE, context)
        feedback.pushInfo(tr("Creating workspace {path}").format(path=path))
        create_workspace(path, crs=crs.authid() or crs.toWkt(), overwrite=overwrite)
        feedback.setProgress(50)
        styles.store_default_styles(path)
        feedback.setProgress(100)
        return {self.OUTPUT: path, "LAYERS": len(schema.LAYERS)}
