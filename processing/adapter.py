"""The one adapter between QGIS layers and the pure core's GeoDataFrames.

In: a Processing feature source becomes a GeoDataFrame in one pass (geometries as WKB, read
vectorised by shapely), indexed by feature id, with an explicit CRS. Invalid geometries are
repaired with ``make_valid`` and counted; nothing is dropped silently.
Out: a GeoDataFrame is written to a Processing feature sink with fields made from its dtypes.
"""
import datetime
import os
import sqlite3

import numpy as np
import pandas as pd
import geopandas as gpd
import pyogrio
import shapely
from qgis.core import (QgsCoordinateReferenceSystem, QgsFeature, QgsFeatureRequest,
                       QgsFeatureSink, QgsField, QgsFields, QgsGeometry,
                       QgsProcessingContext, QgsProcessingException,
                       QgsProcessingFeatureSourceDefinition, QgsProcessingOutputLayerDefinition,
                       QgsProcessingUtils, QgsProviderRegistry, QgsWkbTypes)
from qgis.PyQt.QtCore import QDate, QDateTime, QVariant

from ..i18n import tr
from .analysis import fastread, gpkg_rtree
from .analysis.errors import N_, OneGridError
from .analysis.gcpause import gc_paused


def crs_string(crs):
    """A pyproj-readable string for a QgsCoordinateReferenceSystem (None when invalid)."""
    if crs is None or not crs.isValid():
        return None
    return crs.authid() if crs.authid() else crs.toWkt()


@gc_paused()  # a list per row and a geometry per feature: see gcpause
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
    return _with_geometries(frame, geoms if has_geometry else None, crs, name, feedback)


def _with_geometries(frame, geoms, crs, name, feedback):
    """``frame`` (indexed by feature id) with ``geoms`` (None: a table), invalid ones
    repaired with ``make_valid`` and reported."""
    if geoms is None:
        return gpd.GeoDataFrame(frame)
    ids = frame.index
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


#: Field types whose values GDAL gives as QGIS's feature API does once converted by
#: :func:`_as_feature_api`; a layer with other fields is read through QGIS.
_DIRECT_TYPES = {QVariant.Int, QVariant.LongLong, QVariant.UInt, QVariant.ULongLong,
                 QVariant.Double, QVariant.String, QVariant.Date, QVariant.DateTime,
                 QVariant.Bool}
_INTEGER_TYPES = {QVariant.Int, QVariant.LongLong, QVariant.UInt, QVariant.ULongLong}


def direct_gpkg(alg, parameters, name, context):
    """(path, table, layer) when the source parameter ``name`` is a whole GeoPackage layer
    on disk that GDAL can read at once with what QGIS's feature API would give: an OGR
    layer without a filter, not being edited, no selection or feature limit asked for, no
    curves. None otherwise (the layer is read through QGIS)."""
    value = parameters.get(name)
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        if value.selectedFeaturesOnly or value.featureLimit != -1:
            return None
        if value.flags & QgsProcessingFeatureSourceDefinition.FlagOverrideDefaultGeometryCheck:
            return None
    layer = alg.parameterAsVectorLayer(parameters, name, context)
    if layer is None or layer.providerType() != "ogr" or layer.subsetString():
        return None
    if layer.isEditable() or QgsWkbTypes.isCurvedType(layer.wkbType()):
        return None
    parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    path, table = parts.get("path"), parts.get("layerName")
    if not path or not path.lower().endswith(".gpkg") or not os.path.isfile(path):
        return None
    if parts.get("layerId") is not None or parts.get("subset"):
        return None
    if not table:
        tables = pyogrio.list_layers(path)
        if len(tables) != 1:
            return None
        table = str(tables[0][0])
    return path, table, layer


class _Declined(Exception):
    """A layer :func:`read_direct` leaves to QGIS's feature API."""


def _as_feature_api(frame, names, types):
    """The attribute columns ``names`` of a frame read by GDAL, typed as
    :func:`source_to_frame` types them (Python values through pandas' inference): whole
    numbers as int64 (float64 when some are missing), dates as ``datetime.date``, date-times
    as naive datetime64[us] (UTC ones keep their UTC clock time, as QGIS gives them), booleans
    as bool (objects when some are missing), a column with no value at all as None objects.
    Raises :class:`_Declined` for date-times with another offset than UTC."""
    columns = {}
    for column, qtype in zip(names, types):
        values = frame[column]
        missing = values.isna().to_numpy()
        if missing.all():
            columns[column] = np.full(len(values), None, dtype=object)
        elif qtype == QVariant.Date:
            days = pd.to_datetime(values).dt.date.to_numpy(dtype=object, copy=True)
            days[missing] = None
            columns[column] = days
        elif qtype == QVariant.DateTime:
            if not pd.api.types.is_datetime64_any_dtype(values):
                raise _Declined()  # mixed offsets: GDAL gives text
            tz = getattr(values.dtype, "tz", None)
            if tz is not None:
                if str(tz) != "UTC":
                    raise _Declined()
                values = values.dt.tz_convert(None)
            columns[column] = values.to_numpy(dtype="datetime64[us]")
        elif qtype == QVariant.Bool:
            flags = values.to_numpy(dtype=object)
            columns[column] = (flags.astype(bool) if not missing.any()
                               else np.where(missing, None, flags.astype(bool)).astype(object))
        elif qtype in _INTEGER_TYPES:
            columns[column] = (values.to_numpy(dtype=np.float64) if missing.any()
                               else values.to_numpy(dtype=np.int64))
        elif qtype == QVariant.Double:
            columns[column] = values.to_numpy(dtype=np.float64)
        else:
            text = values.to_numpy(dtype=object, copy=True)
            text[missing] = None
            columns[column] = text
    return pd.DataFrame(columns, columns=names, index=frame.index)


@gc_paused()
def read_direct(alg, parameters, name, context, feedback, layer_title):
    """The source parameter ``name`` read by GDAL (:func:`direct_gpkg`), the frame that
    :func:`source_to_frame` would give; None when it cannot be read that way."""
    found = direct_gpkg(alg, parameters, name, context)
    if found is None:
        return None
    path, table, layer = found
    fields = layer.fields()
    names = fields.names()
    if any(fields.fieldOrigin(fields.lookupField(n)) != QgsFields.OriginProvider
           for n in names):
        return None  # virtual (expression) or joined fields are QGIS's
    types = [fields.field(n).type() for n in names]
    if any(t not in _DIRECT_TYPES for t in types):
        return None
    has_geometry = layer.wkbType() != QgsWkbTypes.NoGeometry
    # QGIS shows a GeoPackage's feature id column as a field; GDAL gives it as the fids.
    fid_column = pyogrio.read_info(path, layer=table).get("fid_column") or ""
    columns = [n for n in names if n.lower() != fid_column.lower()]
    if has_geometry and QgsWkbTypes.flatType(layer.wkbType()) == QgsWkbTypes.Point:
        read = fastread.read_points(path, table, columns, fids=True)
    else:
        read = pyogrio.read_dataframe(path, layer=table, columns=columns, fid_as_index=True,
                                      read_geometry=has_geometry)
    if not len(read):
        return None
    for n in names:
        if n not in columns:
            read[n] = read.index.to_numpy(dtype=np.int64)
    try:
        frame = _as_feature_api(read, names, types)
    except _Declined:
        return None
    frame.index = pd.Index(read.index.to_numpy(dtype=np.int64), name="fid")
    if not has_geometry:
        return gpd.GeoDataFrame(frame)
    geoms = read.geometry.to_numpy()
    if context.invalidGeometryCheck() != QgsFeatureRequest.GeometryNoCheck:
        # QGIS skips or refuses invalid geometries then: leave that to it.
        present = ~shapely.is_missing(geoms)
        if (present & ~shapely.is_valid(geoms)).any():
            return None
    crs = crs_string(layer.crs())
    if crs is None:
        return None
    return _with_geometries(frame, geoms, crs, layer_title, feedback)


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
    frame = read_direct(alg, parameters, name, context, feedback, layer)
    if frame is None:
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
    given_fields = fields is not None
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
    if not given_fields:
        written = write_direct(alg, parameters, name, context, frame, wkb_type, crs)
        if written is not None:
            return written
    sink, dest = alg.parameterAsSink(parameters, name, context, fields, wkb_type, crs)
    if sink is None:
        raise QgsProcessingException(tr("Cannot create the output {name}").format(name=name))
    columns = [_sink_values(frame[f.name()]) for f in fields]
    rows = zip(*columns) if columns else ([] for _ in range(len(frame)))
    wkbs = (shapely.to_wkb(frame.geometry.values) if spatial
            else [None] * len(frame))
    multi = QgsWkbTypes.isMultiType(wkb_type)
    batch = []
    for row, wkb in zip(rows, wkbs):
        feature = QgsFeature(fields)
        feature.setAttributes(list(row))
        if wkb is not None:
            geometry = QgsGeometry()
            geometry.fromWkb(wkb)
            if multi and not geometry.isMultipart():
                geometry.convertToMultiType()
            feature.setGeometry(geometry)
        batch.append(feature)
        if len(batch) == _BATCH:
            sink.addFeatures(batch, QgsFeatureSink.FastInsert)
            batch = []
    if batch:
        sink.addFeatures(batch, QgsFeatureSink.FastInsert)
    return dest


#: Geometry types :func:`write_direct` writes (2D only), by QGIS type.
_DIRECT_GEOMETRY = {QgsWkbTypes.Point: "Point", QgsWkbTypes.MultiPoint: "MultiPoint",
                    QgsWkbTypes.LineString: "LineString",
                    QgsWkbTypes.MultiLineString: "MultiLineString",
                    QgsWkbTypes.Polygon: "Polygon", QgsWkbTypes.MultiPolygon: "MultiPolygon"}


def _gpkg_destination(parameters, name):
    """(path, definition) when the sink parameter ``name`` asks for a new GeoPackage file
    (a plain ``*.gpkg`` path, no layer name, no creation options); else None."""
    value = parameters.get(name)
    definition = value if isinstance(value, QgsProcessingOutputLayerDefinition) else None
    if definition is not None:
        if definition.createOptions:
            return None
        value = definition.sink.staticValue()
    if not isinstance(value, str):
        return None
    path = value.strip()
    if not path.lower().endswith(".gpkg") or "|" in path:
        return None
    if path.lower().startswith(("ogr:", "memory:", "postgres", "spatialite:")):
        return None
    return path, definition


def _direct_columns(frame):
    """The attribute columns of ``frame`` as GDAL writes them with the field types
    :func:`fields_for` gives (ints as int64; a unique integer ``fid`` becomes the feature
    ids, as in the sink); None when a column is of another kind (dates, mixed objects)."""
    columns = {}
    geometry = frame.geometry.name if isinstance(frame, gpd.GeoDataFrame) else None
    for column, dtype in frame.dtypes.items():
        if column == geometry:
            continue
        if not isinstance(column, str):
            return None
        values = frame[column]
        if column.lower() == "fid":  # the feature ids, as the sink takes them
            if not pd.api.types.is_integer_dtype(dtype) or not values.is_unique:
                return None
        if isinstance(dtype, pd.api.extensions.ExtensionDtype) and values.isna().any() \
                and not pd.api.types.is_string_dtype(dtype):
            return None  # nullable ints or booleans with gaps: the sink writes them
        if pd.api.types.is_bool_dtype(dtype):
            columns[column] = values.to_numpy(dtype=bool)
        elif pd.api.types.is_float_dtype(dtype):
            columns[column] = values.to_numpy(dtype=np.float64)
        elif pd.api.types.is_integer_dtype(dtype):
            columns[column] = values.to_numpy(dtype=np.int64)
        elif pd.api.types.is_datetime64_dtype(dtype):
            columns[column] = values.to_numpy()
        elif pd.api.types.infer_dtype(values, skipna=True) in ("string", "empty"):
            text = values.to_numpy(dtype=object, copy=True)
            text[values.isna().to_numpy()] = None
            columns[column] = text
        else:
            return None
    return columns


def write_direct(alg, parameters, name, context, frame, wkb_type, crs):
    """Write ``frame`` with GDAL when the sink parameter ``name`` is a new GeoPackage file and
    the frame holds only what the sink would write the same way (see :func:`_direct_columns`,
    2D geometries of ``wkb_type``); returns the destination (None: use QGIS's sink).

    The file is replaced as QGIS's sink replaces it, its layer named after the file, and
    the layer is loaded on completion when the parameter asks for it."""
    found = _gpkg_destination(parameters, name)
    if found is None or not crs.isValid() and wkb_type != QgsWkbTypes.NoGeometry:
        return None
    path, definition = found
    if wkb_type != QgsWkbTypes.NoGeometry and wkb_type not in _DIRECT_GEOMETRY:
        return None
    columns = _direct_columns(frame)
    if columns is None:
        return None
    spatial = isinstance(frame, gpd.GeoDataFrame) and frame._geometry_column_name in frame
    table = os.path.splitext(os.path.basename(path))[0]
    if wkb_type == QgsWkbTypes.NoGeometry:
        out = pd.DataFrame(columns, index=pd.RangeIndex(len(frame)))
        geometry_type = None
    else:
        if not spatial:
            return None
        geoms = frame.geometry.to_numpy()
        want = _DIRECT_GEOMETRY[wkb_type]
        multi = want.startswith("Multi")
        single_id = shapely.GeometryType[want.replace("Multi", "").upper()].value
        want_id = shapely.GeometryType[want.upper()].value
        types = shapely.get_type_id(geoms)  # -1 for a missing geometry
        present = types >= 0
        allowed = {want_id, single_id} if multi else {want_id}
        if not set(np.unique(types[present]).tolist()) <= allowed:
            return None
        if shapely.has_z(geoms[present]).any():
            return None
        single = np.flatnonzero(types == single_id) if multi else []
        if len(single):  # promoted to multi, as the sink does
            make = {"MultiPoint": shapely.multipoints, "MultiLineString":
                    shapely.multilinestrings, "MultiPolygon": shapely.multipolygons}[want]
            geoms = geoms.copy()
            geoms[single] = make(geoms[single], indices=np.arange(len(single)))
        # an EPSG code where there is one: GDAL would register the WKT as a custom CRS
        out = gpd.GeoDataFrame(columns, geometry=geoms, index=pd.RangeIndex(len(frame)),
                               crs=crs_string(crs))
        geometry_type = want
    if os.path.exists(path):
        os.remove(path)
    # The spatial index is built in bulk afterwards (gpkg_rtree: GDAL 3.6 inserts it one
    # feature at a time, most of the writing time for a large layer); should that fail,
    # GDAL builds it.
    pyogrio.write_dataframe(out, path, layer=table, driver="GPKG",
                            geometry_type=geometry_type, spatial_index=geometry_type is None)
    if geometry_type is not None:
        fid = [c for c in out.columns if str(c).lower() == "fid"]
        fids = (out[fid[0]].to_numpy(dtype=np.int64) if fid
                else np.arange(1, len(out) + 1, dtype=np.int64))
        try:
            gpkg_rtree.add_spatial_index(path, table, out.geometry.values, fids)
        except (gpkg_rtree.RtreeError, sqlite3.Error):
            _gdal_spatial_index(path, table)
    if definition is not None and definition.destinationProject is not None:
        details = QgsProcessingContext.LayerDetails(
            definition.destinationName or alg.parameterDefinition(name).description(),
            definition.destinationProject, name, QgsProcessingUtils.LayerHint.Vector)
        context.addLayerToLoadOnCompletion(path, details)
    return path


def _gdal_spatial_index(path, table):
    """GDAL's own spatial index for layer ``table`` of GeoPackage ``path``."""
    from osgeo import ogr

    before = pyogrio.get_gdal_config_option("OGR_SQLITE_CACHE")
    pyogrio.set_gdal_config_options({"OGR_SQLITE_CACHE": "512"})  # MB: a faster R-tree
    try:
        dataset = ogr.Open(path, 1)
        layer = dataset.GetLayerByName(table)
        column = layer.GetGeometryColumn() or "geom"
        quoted = table.replace("'", "''")
        dataset.ExecuteSQL(f"SELECT CreateSpatialIndex('{quoted}', '{column}')")
        dataset = None
    finally:
        pyogrio.set_gdal_config_options({"OGR_SQLITE_CACHE": before})


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


#: Features handed to a sink at a time.
_BATCH = 10_000
#: Python types QGIS takes as attribute values as they are.
_PLAIN = {str, int, float, bool, type(None)}


def _sink_values(values):
    """A column as the list of attribute values QGIS takes (None for missing ones), the
    values :func:`_qt` gives, converted column by column."""
    dtype = values.dtype
    if not isinstance(dtype, pd.api.extensions.ExtensionDtype):
        if pd.api.types.is_bool_dtype(dtype) or pd.api.types.is_integer_dtype(dtype):
            return values.to_numpy().tolist()
        if pd.api.types.is_float_dtype(dtype):
            numbers = values.to_numpy()
            missing = np.isnan(numbers)
            if not missing.any():
                return numbers.tolist()
            out = numbers.astype(object)
            out[missing] = None
            return out.tolist()
    out = values.astype(object).where(values.notna(), None).tolist()
    if set(map(type, out)) <= _PLAIN:
        return out
    return [_qt(v) for v in out]


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
