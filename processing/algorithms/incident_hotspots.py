"""onegrid:incident_hotspots — incidents per grid or square cell, Getis-Ord Gi* hot and cold
spots, a kernel density raster and the incidents' profile by hour x weekday and by month.

Thin: the adapter reads the layers, :func:`onegrid.processing.analysis.hotspots.incident_hotspots`
computes, the adapter writes the sinks and GDAL the GeoTIFF.
"""
import datetime

import numpy as np
import pandas as pd
from pyproj import CRS
from qgis.core import (QgsProcessing, QgsProcessingOutputNumber,
                       QgsProcessingParameterEnum, QgsProcessingParameterFeatureSink,
                       QgsProcessingParameterFeatureSource, QgsProcessingParameterField,
                       QgsProcessingParameterNumber, QgsProcessingParameterRasterDestination,
                       QgsProcessingParameterString, QgsWkbTypes)

from ...i18n import tr
from ..adapter import frame_to_sink, parameter_frame
from ..analysis import hotspots
from ..analysis.change import grids_at
from ..analysis.errors import N_, OneGridError
from .base import OneGridAlgorithm


def write_geotiff(path, raster, epsg):
    """Write a :class:`hotspots.Raster` (float32, nodata none) to a GeoTIFF at ``path``."""
    from osgeo import gdal

    rows, cols = raster.values.shape
    driver = gdal.GetDriverByName("GTiff")
    dataset = driver.Create(str(path), cols, rows, 1, gdal.GDT_Float32,
                            options=["COMPRESS=DEFLATE", "TILED=YES"])
    if dataset is None:
        raise OneGridError(N_("Cannot create the raster {path}"), path=path)
    dataset.SetGeoTransform(raster.geotransform)
    dataset.SetProjection(CRS.from_epsg(epsg).to_wkt())
    band = dataset.GetRasterBand(1)
    band.WriteArray(raster.values.astype(np.float32))
    band.SetMetadataItem("UNITS", "incidents per km2 (quartic kernel)")
    band.FlushCache()
    dataset.FlushCache()
    dataset = None
    return str(path)


def _no_time_profile(frame, note):
    """One row saying that there is no profile, with the profile's columns all empty."""
    row = {}
    for column, dtype in frame.dtypes.items():
        if pd.api.types.is_integer_dtype(dtype):
            row[column] = pd.array([pd.NA], dtype="Int64")
        elif pd.api.types.is_float_dtype(dtype):
            row[column] = [np.nan]
        else:
            row[column] = pd.Series([None], dtype=object)
    out = pd.DataFrame(row)
    out["incident_type"] = hotspots.ALL_TYPES
    out["note"] = note
    return out


class IncidentHotspots(OneGridAlgorithm):
    NAME = "incident_hotspots"
    GROUP = "patrol"
    DISPLAY = "Incident hot spots (Gi*, density, time profile)"
    HELP = (
        "Where and when incidents happen. INCIDENTS are points, with an optional TIME_FIELD "
        "(UTC; times without a zone are taken as UTC) and TYPE_FIELD. They are counted per "
        "grid of GRIDS (a point on a shared boundary counts once) or, without GRIDS, per "
        "square cell of CELL_SIZE metres covering them (grid versions not valid today, by "
        "valid_from/valid_to, are left out). OUTPUT: each grid or cell with "
        "incidents, density_per_km2, top_type, neighbours, the Getis-Ord Gi* z-score gi_z, "
        "its two-sided p-value gi_p and gi_class (hot_99, hot_95, hot_90, not_significant, "
        "cold_90, cold_95, cold_99: z above or below 0 with p under 0.01, 0.05, 0.10; no "
        "correction for multiple tests). Gi* uses binary weights with the zone itself "
        "included; NEIGHBOURS queen = zones sharing a boundary or corner, distance = "
        "centroids within DISTANCE_BAND metres (0: 1.5 cell sizes, or 1.5 times the median "
        "distance between neighbouring grid centroids). DENSITY: a GeoTIFF of incidents per "
        "km² from a quartic kernel of radius BANDWIDTH metres (0: twice the cell size or "
        "the typical grid width) on pixels of PIXEL_SIZE metres (0: a tenth of the "
        "bandwidth). HOUR_WEEKDAY and MONTHS: the incidents by local weekday and hour and "
        "by month with its season, in TIME_ZONE (IANA name or offset, default "
        "Asia/Shanghai), for all incidents and per type; incidents without a time are "
        "counted and left out, and when none has a time the profiles hold one row saying "
        "so. Distances are in metres in a projected CRS chosen for the data; the outputs "
        "are in that CRS.")

    ENUM_OPTIONS = {"NEIGHBOURS": hotspots.NEIGHBOURS}

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFeatureSource(
            "INCIDENTS", tr("Incidents (points)"), [QgsProcessing.TypeVectorPoint]))
        self.addParameter(QgsProcessingParameterField(
            "TIME_FIELD", tr("Time of the incident (UTC)"), parentLayerParameterName="INCIDENTS",
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            "TYPE_FIELD", tr("Type of the incident"), parentLayerParameterName="INCIDENTS",
            optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "GRIDS", tr("Grids (polygons; otherwise square cells)"),
            [QgsProcessing.TypeVectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterField(
            "GRID_FIELD", tr("Grid code field"), parentLayerParameterName="GRIDS",
            optional=True, defaultValue="grid_code"))
        self.addParameter(QgsProcessingParameterNumber(
            "CELL_SIZE", tr("Cell size without grids (m)"), QgsProcessingParameterNumber.Double,
            defaultValue=250.0, minValue=0.0, optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            "NEIGHBOURS", tr("Neighbours for Gi*"), options=list(hotspots.NEIGHBOURS),
            defaultValue=0, optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            "DISTANCE_BAND", tr("Distance band (m, 0: automatic)"),
            QgsProcessingParameterNumber.Double, defaultValue=0.0, minValue=0.0, optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            "BANDWIDTH", tr("Kernel radius (m, 0: automatic)"),
            QgsProcessingParameterNumber.Double, defaultValue=0.0, minValue=0.0, optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            "PIXEL_SIZE", tr("Density pixel size (m, 0: automatic)"),
            QgsProcessingParameterNumber.Double, defaultValue=0.0, minValue=0.0, optional=True))
        self.addParameter(QgsProcessingParameterString(
            "TIME_ZONE", tr("Local time zone of the profiles"),
            defaultValue=hotspots.DEFAULT_TIMEZONE, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT", tr("Hot spots per grid or cell"), QgsProcessing.TypeVectorPolygon))
        self.addParameter(QgsProcessingParameterRasterDestination(
            "DENSITY", tr("Incident density (per km²)"), optional=True, createByDefault=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "HOUR_WEEKDAY", tr("Incidents by weekday and hour"), QgsProcessing.TypeVector,
            optional=True, createByDefault=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "MONTHS", tr("Incidents by month and season"), QgsProcessing.TypeVector,
            optional=True, createByDefault=True))
        for name, label in (("HOT_COUNT", tr("Hot spots (90% or more)")),
                            ("COLD_COUNT", tr("Cold spots (90% or more)")),
                            ("UNTIMED_COUNT", tr("Incidents without a time")),
                            ("OUTSIDE_COUNT", tr("Incidents outside every grid"))):
            self.addOutput(QgsProcessingOutputNumber(name, label))

    def execute(self, parameters, context, feedback):
        time_field = self.parameterAsString(parameters, "TIME_FIELD", context) or None
        type_field = self.parameterAsString(parameters, "TYPE_FIELD", context) or None
        grid_field = self.parameterAsString(parameters, "GRID_FIELD", context) or None
        incidents = parameter_frame(self, parameters, "INCIDENTS", context, feedback,
                                    required_fields=(time_field, type_field))
        grids = parameter_frame(self, parameters, "GRIDS", context, feedback)
        if grids is not None and {"valid_from", "valid_to"} & set(grids.columns):
            current = grids_at(grids, datetime.date.today())
            if len(current) < len(grids):
                feedback.pushInfo(tr("{count} grid versions not valid today were left "
                                     "out").format(count=len(grids) - len(current)))
            grids = current
        if grids is not None and grid_field and grid_field not in grids.columns:
            grid_field = None  # the default code field is optional: number by feature
        cell_size = None
        if grids is None:
            cell_size = self.parameterAsDouble(parameters, "CELL_SIZE", context)
            if not cell_size > 0:
                raise OneGridError(N_("Give the grids or a cell size"))

        def number(name):
            value = self.parameterAsDouble(parameters, name, context)
            return value if value and value > 0 else None

        result = hotspots.incident_hotspots(
            incidents, grids=grids, cell_size=cell_size, grid_field=grid_field,
            time_field=time_field, type_field=type_field,
            neighbours=self.enum_value(parameters, "NEIGHBOURS"),
            band_m=number("DISTANCE_BAND"), bandwidth=number("BANDWIDTH"),
            pixel_size=number("PIXEL_SIZE"),
            timezone=self.parameterAsString(parameters, "TIME_ZONE", context)
            or hotspots.DEFAULT_TIMEZONE,
            progress=lambda f: feedback.setProgress(85 * f), is_canceled=feedback.isCanceled)
        info = result.info
        for template, params in result.warnings:
            feedback.pushWarning(tr(template).format(**params))
        outputs = {
            "OUTPUT": frame_to_sink(self, parameters, "OUTPUT", context, result.zones,
                                    wkb_type=QgsWkbTypes.MultiPolygon),
            "HOT_COUNT": info["hot"], "COLD_COUNT": info["cold"],
            "UNTIMED_COUNT": info["untimed"] + info["bad_time"],
            "OUTSIDE_COUNT": info["outside"],
        }
        if parameters.get("DENSITY") is not None:
            path = self.parameterAsOutputLayer(parameters, "DENSITY", context)
            outputs["DENSITY"] = write_geotiff(path, result.density, info["epsg"])
        hour_weekday = result.hour_weekday.assign(note=pd.Series([None] * len(
            result.hour_weekday), dtype=object))
        months = result.months.assign(note=pd.Series([None] * len(result.months), dtype=object))
        if info["timed"] == 0:
            note = (tr("No incident has a time: choose the time field") if not time_field else
                    tr("No incident has a valid time in field {field}: no profile").format(
                        field=time_field))
            feedback.pushWarning(note)
            hour_weekday = _no_time_profile(hour_weekday, note)
            months = _no_time_profile(months, note)
        for name, frame in (("HOUR_WEEKDAY", hour_weekday), ("MONTHS", months)):
            if parameters.get(name) is not None:
                outputs[name] = frame_to_sink(self, parameters, name, context, frame,
                                              wkb_type=QgsWkbTypes.NoGeometry)
        feedback.pushInfo(tr("{incidents} incidents in {zones} zones (EPSG:{epsg}): {hot} hot "
                             "and {cold} cold spots at 90% or more; {timed} with a time").format(
            incidents=info["incidents"], zones=info["zones"], epsg=info["epsg"],
            hot=info["hot"], cold=info["cold"], timed=info["timed"]))
        return outputs
