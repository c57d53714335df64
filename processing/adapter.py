"""The one adapter between QGIS layers and the pure core's GeoDataFrames.

In: a Processing feature source becomes a GeoDataFrame in one pass (geometries as WKB, read
vectorised by shapely), indexed by feature id, with an explicit CRS. Invalid geometries are
repaired with ``make_valid`` and counted; nothing is dropped silently.
Out: a GeoDataFrame is written to a Processing feature sink with fields made from its dtypes.
"""
import datetime
import os

import numpy as np
import pandas as pd
import geopandas as gpd
import shapely
from qgis.core import (QgsCoordinateReferenceSystem, QgsFeature, QgsFeatureRequest,
                       QgsFeatureSink, QgsField, QgsFields, QgsGeometry,
                       QgsProcessingException, QgsProviderRegistry, QgsWkbTypes)
from qgis.PyQt.QtCore import QDate, QDateTime, QVariant

from ..i18n import tr
from .analysis.errors import N_, OneGridError


def crs_string(crs):
    """A pyproj-readable string for a QgsCoordinateReferenceSystem (None when invalid)."""
    if crs is None or not crs.isValid():
        return None
    return crs.authid() if crs.authid() else crs.toWkt()


def source_to_frame(source, name, feedback=None, attributes=None):
    """All features of a QgsFeatureSource as a GeoDataFrame indexed by feature id.

    Parameters
    ----------
    source : QgsFeatureSource (or QgsVectorLayer)
    name : str, the layer's name for messages
    feedback : QgsProcessingFeedback, optional; told how many geometries were repaired
    attributes : list of field names to read (default all)

    Raises OneGridError for a source without a valid CRS when it has geometries.
    """
    fields = source.fields()
    names = list(attributes) if attributes is not None else fields.names()
    missing = [n for n in names if fields.lookupField(n) < 0]
    if missing:
        raise OneGridError(N_("Layer {layer} has no field {field}; its fields are: {fields}"),
                           layer=name, field=", ".join(missing), fields=", ".join(fields.names()))
    indices = [fields.lookupField(n) for n in names]
    request = QgsFeatureRequest().setSubsetOfAttributes(indices)
    ids, wkbs, rows = [], [], []
    for feature in source.getFeatures(request):
        ids.append(feature.id())
        geometry = feature.geometry()
        wkbs.append(None if geometry.isNull() else bytes(geometry.asWkb()))
        attrs = feature.attributes()
        rows.append([_python(attrs[i]) for i in indices])
    geoms = shapely.from_wkb(np.array(wkbs, dtype=object)) if wkbs else np.array([], object)
    has_geometry = source.wkbType() != QgsWkbTypes.NoGeometry
    crs = crs_string(source.sourceCrs()) if hasattr(source, "sourceCrs") else crs_string(
        source.crs())
    if has_geometry and crs is None and len(ids):
        raise OneGridError(N_("Layer {layer} has no coordinate reference system"), layer=name)
    frame = pd.DataFrame(rows, columns=names, index=pd.Index(ids, name="fid"))
    if not has_geometry:
        return gpd.GeoDataFrame(frame)
    geoms = np.asarray(geoms, dtype=object)
    present = ~shapely.is_missing(geoms)
    invalid = present & ~shapely.is_valid(geoms)
    if invalid.any():
        geoms = geoms.copy()
        geoms[invalid] = shapely.make_valid(geoms[invalid])
        if feedback is not None:
            feedback.pushWarning(tr("{count} invalid geometries of {layer} were repaired "
                                    "(feature ids {ids})").format(
                count=int(invalid.sum()), layer=name,
                ids=", ".join(str(i) for i in np.asarray(ids)[invalid][:20])))
    result = gpd.GeoDataFrame(frame, geometry=geoms, crs=crs)
    # Which features were repaired, for checks that report invalid input (check_grids).
    result.attrs["repaired_ids"] = np.asarray(ids)[invalid].tolist()
    return result


def parameter_frame(alg, parameters, name, context, feedback, required_fields=(),
                    allow_empty=False):
    """The source parameter ``name`` as a GeoDataFrame, checked for fields and emptiness."""
    source = alg.parameterAsSource(parameters, name, context)
    if source is None:
        return None
    vector = alg.parameterAsVectorLayer(parameters, name, context)
    layer = layer_name(vector) if vector is not None else (source.sourceName() or name)
    fields = source.fields()
    for field in required_fields:
        if field and fields.lookupField(field) < 0:
            raise OneGridError(N_("Layer {layer} has no field {field}; its fields are: "
                                  "{fields}"), layer=layer, field=field,
                               fields=", ".join(fields.names()))
    frame = source_to_frame(source, layer, feedback)
    if not allow_empty and len(frame) == 0:
        raise OneGridError(N_("Layer {layer} is empty"), layer=layer)
    frame.attrs["layer_name"] = layer
    return frame


def layer_name(layer):
    """The name to give ``layer`` in messages: its own name, except that a layer QGIS named
    after its file (``file.gpkg|layername=x`` loads as "file") is called by its table."""
    name = layer.name()
    parts = QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source())
    inner, path = parts.get("layerName"), parts.get("path")
    if inner and path and name == os.path.splitext(os.path.basename(path))[0]:
        return inner
    return name


def _python(value):
    if value is None or (isinstance(value, QVariant) and value.isNull()):
        return None
    if isinstance(value, QDateTime):
        return value.toPyDateTime() if value.isValid() else None
    if isinstance(value, QDate):
        return value.toPyDate() if value.isValid() else None
    return value


def fields_for(frame):
    """QgsFields for a frame's columns (geometry excluded), typed from the dtypes."""
    fields = QgsFields()
    for column, dtype in frame.dtypes.items():
        if isinstance(frame, gpd.GeoDataFrame) and column == frame.geometry.name:
            continue
        if pd.api.types.is_bool_dtype(dtype):
            qtype = QVariant.Bool
        elif pd.api.types.is_integer_dtype(dtype):
            qtype = QVariant.LongLong
        elif pd.api.types.is_float_dtype(dtype):
            qtype = QVariant.Double
        elif pd.api.types.is_datetime64_any_dtype(dtype):
            qtype = QVariant.DateTime
        else:
            qtype = _object_type(frame[column])
        fields.append(QgsField(str(column), qtype))
    return fields


def frame_to_sink(alg, parameters, name, context, frame, wkb_type=None, crs=None,
                  fields=None):
    """Write ``frame`` to the sink parameter ``name``; returns the destination id.

    ``wkb_type`` defaults to the first geometry's type promoted to multi; ``crs`` (a
    QgsCoordinateReferenceSystem or string) to the frame's CRS.
    """
    if fields is None:
        frame = _without_fid(frame)
    fields = fields or fields_for(frame)
    spatial = isinstance(frame, gpd.GeoDataFrame) and frame._geometry_column_name in frame
    if crs is None:
        crs = frame.crs.to_wkt() if spatial and frame.crs is not None else ""
    if isinstance(crs, str):
        crs = QgsCoordinateReferenceSystem(crs) if crs else QgsCoordinateReferenceSystem()
    if wkb_type is None:
        wkb_type = QgsWkbTypes.NoGeometry
        if spatial and frame.geometry.notna().any():
            first = frame.geometry[frame.geometry.notna()].iloc[0]
            wkb_type = QgsWkbTypes.multiType(QgsWkbTypes.parseType(first.geom_type))
    sink, dest = alg.parameterAsSink(parameters, name, context, fields, wkb_type, crs)
    if sink is None:
        raise QgsProcessingException(tr("Cannot create the output {name}").format(name=name))
    columns = [f.name() for f in fields]
    values = frame[columns].astype(object).where(frame[columns].notna(), None).values.tolist()
    wkbs = (shapely.to_wkb(frame.geometry.values) if spatial
            else [None] * len(frame))
    multi = QgsWkbTypes.isMultiType(wkb_type)
    for row, wkb in zip(values, wkbs):
        feature = QgsFeature(fields)
        feature.setAttributes([_qt(v) for v in row])
        if wkb is not None:
            geometry = QgsGeometry()
            geometry.fromWkb(wkb)
            if multi and not geometry.isMultipart():
                geometry.convertToMultiType()
            feature.setGeometry(geometry)
        sink.addFeature(feature, QgsFeatureSink.FastInsert)
    return dest


def table_to_sink(alg, parameters, name, context, table, key=None, polygons=None,
                  polygon_key=None):
    """Write a table of one row per grid (or community) to the sink ``name``: with each row's
    polygon, matched as text on ``table[key]`` = ``polygons[polygon_key]``, when ``polygons``
    is given (rows without a match get no geometry), else as a table without geometry."""
    if polygons is None:
        return frame_to_sink(alg, parameters, name, context, pd.DataFrame(table),
                             wkb_type=QgsWkbTypes.NoGeometry)
    shape_of = dict(zip(polygons[polygon_key].astype(str), polygons.geometry.values))
    shapes = [None if k is None else shape_of.get(str(k)) for k in table[key]]
    out = gpd.GeoDataFrame(table, geometry=shapes, crs=polygons.crs)
    return frame_to_sink(alg, parameters, name, context, out,
                         wkb_type=QgsWkbTypes.MultiPolygon)


#: A GeoPackage sink takes a field called fid as the feature id. A frame with one row per source
#: feature keeps its fid that way (the output ids are the input ids); a frame whose fid repeats
#: (several pieces of one feature) would lose the repeated rows, so it is written under this name.
SOURCE_FID = "source_fid"


def _without_fid(frame):
    """``frame`` with a repeating (or empty) fid column renamed to :data:`SOURCE_FID`."""
    names = {}
    for column in frame.columns:
        if str(column).lower() == "fid":
            values = frame[column]
            if values.isna().any() or not values.is_unique:
                names[column] = SOURCE_FID
    return frame.rename(columns=names) if names else frame


def _object_type(values):
    """The QVariant type of an object column: Date or DateTime when its values are Python
    dates or date-times (as source_to_frame reads date fields), else String."""
    present = values.dropna()
    if len(present):
        first = present.iloc[0]
        if isinstance(first, datetime.datetime):
            return QVariant.DateTime
        if isinstance(first, datetime.date):
            return QVariant.Date
    return QVariant.String


def _qt(value):
    if isinstance(value, str):
        return str(value)  # a str subclass would reach QGIS as an unconvertible Python object
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return float(value)
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, pd.Timestamp):
        return QDateTime(value.to_pydatetime())
    if isinstance(value, datetime.datetime):
        return QDateTime(value)
    if isinstance(value, datetime.date):
        return QDate(value)
    return value
