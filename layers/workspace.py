"""GeoPackage workspaces built from the schema (GDAL/OGR only; no qgis import).

A workspace is one GeoPackage holding every layer of :mod:`onegrid.layers.schema`, with
Chinese field aliases (GDAL alternative names), coded-value field domains for the value maps,
and a ``schema_version`` table. Styles (renderers, labels, QGIS forms) are added by
:mod:`onegrid.layers.styles`, which needs QGIS.
"""
import datetime
import os

from osgeo import gdal, ogr, osr

from ..processing.analysis.errors import N_, OneGridError
from . import schema as S

gdal.UseExceptions()

DEFAULT_CRS = "EPSG:4490"  # CGCS2000, China's legal datum

_OGR_GEOM = {
    "Point": ogr.wkbPoint,
    "MultiPolygon": ogr.wkbMultiPolygon,
    "MultiLineString": ogr.wkbMultiLineString,
    None: ogr.wkbNone,
}
_OGR_TYPE = {
    "text": (ogr.OFTString, ogr.OFSTNone),
    "int": (ogr.OFTInteger64, ogr.OFSTNone),
    "real": (ogr.OFTReal, ogr.OFSTNone),
    "date": (ogr.OFTDate, ogr.OFSTNone),
    "datetime": (ogr.OFTDateTime, ogr.OFSTNone),
    "bool": (ogr.OFTInteger, ogr.OFSTBoolean),
}


def utc_now():
    """The current UTC time as an ISO string with a Z, as stored in datetime fields."""
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _srs(crs):
    srs = osr.SpatialReference()
    if srs.SetFromUserInput(crs) != 0:
        raise RuntimeError(crs)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def domain_name(layer_spec, field_spec):
    """Name of the coded-value domain of a field (shared value maps share a domain)."""
    return f"onegrid_{field_spec.name}" if field_spec.name != "grid_type" else (
        f"onegrid_{layer_spec.name}_grid_type")


def _field_defn(layer_spec, f):
    ogr_type, subtype = _OGR_TYPE[f.type]
    defn = ogr.FieldDefn(f.name, ogr_type)
    defn.SetSubType(subtype)
    defn.SetAlternativeName(f.zh)  # kept in the file by GDAL >= 3.7; QGIS reads the style
    if f.required:
        defn.SetNullable(False)
    if f.default is not None:
        defn.SetDefault(repr(f.default) if isinstance(f.default, str) else str(f.default))
    if f.values:
        defn.SetDomainName(domain_name(layer_spec, f))
    return defn


def _add_domains(ds, layer_spec):
    existing = set(ds.GetFieldDomainNames() or [])
    for f in layer_spec.fields:
        if not f.values:
            continue
        name = domain_name(layer_spec, f)
        if name in existing:
            continue
        domain = ogr.CreateCodedFieldDomain(
            name, f.zh, ogr.OFTString, ogr.OFSTNone, {v.code: v.zh for v in f.values})
        ds.AddFieldDomain(domain)
        existing.add(name)


def create_layer(ds, layer_spec, crs):
    """Create one schema layer (and its field domains) in an open GeoPackage dataset."""
    _add_domains(ds, layer_spec)
    options = ["FID=fid", f"DESCRIPTION={layer_spec.zh} / {layer_spec.en}",
               f"IDENTIFIER={layer_spec.zh}"]
    if layer_spec.geometry:
        options += ["GEOMETRY_NAME=geom", "SPATIAL_INDEX=YES"]
        lyr = ds.CreateLayer(layer_spec.name, _srs(crs), _OGR_GEOM[layer_spec.geometry],
                             options=options)
    else:
        lyr = ds.CreateLayer(layer_spec.name, None, ogr.wkbNone, options=options)
    for f in layer_spec.fields:
        lyr.CreateField(_field_defn(layer_spec, f))
    return lyr


def create_workspace(path, crs=DEFAULT_CRS, overwrite=False):
    """Create a new, empty GeoPackage workspace at ``path`` in ``crs``; returns ``path``.

    Raises :class:`OneGridError` if the file exists and ``overwrite`` is false, or if the
    folder cannot be written.
    """
    path = os.fspath(path)
    if not path.lower().endswith(".gpkg"):
        raise OneGridError(N_("A workspace is a GeoPackage: {path} must end in .gpkg"),
                           path=path)
    if os.path.exists(path):
        if not overwrite:
            raise OneGridError(N_("{path} already exists; choose another file or allow "
                                  "overwriting"), path=path)
        os.remove(path)
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder) or not os.access(folder, os.W_OK):
        raise OneGridError(N_("Cannot write a workspace into the folder {folder}"),
                           folder=folder)
    try:
        _srs(crs)
    except RuntimeError:
        raise OneGridError(N_("Unknown coordinate reference system {crs}"), crs=crs) from None
    ds = gdal.GetDriverByName("GPKG").Create(path, 0, 0, 0, gdal.GDT_Unknown)
    try:
        for spec in S.LAYERS:
            create_layer(ds, spec, crs)
        _write_version(ds, S.SCHEMA_VERSION, "created")
    finally:
        ds = None
    return path


def _write_version(ds, version, note):
    lyr = ds.GetLayerByName(S.SCHEMA_VERSION_TABLE.name)
    feat = ogr.Feature(lyr.GetLayerDefn())
    feat.SetField("version", int(version))
    feat.SetField("applied_at", utc_now())
    feat.SetField("note", note)
    lyr.CreateFeature(feat)


def open_dataset(path, update=False):
    """Open a workspace GeoPackage with GDAL, with a translated error if it is not one."""
    path = os.fspath(path)
    if not os.path.exists(path):
        raise OneGridError(N_("Workspace file {path} does not exist"), path=path)
    try:
        ds = gdal.OpenEx(path, (gdal.OF_UPDATE if update else 0) | gdal.OF_VECTOR,
                         allowed_drivers=["GPKG"])
    except RuntimeError:
        ds = None
    if ds is None:
        raise OneGridError(N_("{path} is not a GeoPackage workspace"), path=path)
    return ds


def schema_version(path):
    """The schema version a workspace was written with (0 when it has no version table)."""
    ds = open_dataset(path)
    lyr = ds.GetLayerByName(S.SCHEMA_VERSION_TABLE.name)
    if lyr is None:
        return 0
    versions = [f.GetField("version") for f in lyr]
    return max(versions) if versions else 0


def workspace_crs(path):
    """The CRS (authority string such as ``EPSG:4490``) of a workspace's spatial layers."""
    ds = open_dataset(path)
    for spec in S.LAYERS:
        lyr = ds.GetLayerByName(spec.name)
        if lyr is not None and spec.geometry and lyr.GetSpatialRef() is not None:
            srs = lyr.GetSpatialRef()
            if srs.GetAuthorityName(None) and srs.GetAuthorityCode(None):
                return f"{srs.GetAuthorityName(None)}:{srs.GetAuthorityCode(None)}"
            return srs.ExportToWkt()
    return DEFAULT_CRS


def missing_layers(path):
    """Names of schema layers a workspace lacks (an incomplete or foreign GeoPackage)."""
    ds = open_dataset(path)
    return [spec.name for spec in S.LAYERS if ds.GetLayerByName(spec.name) is None]


def layer_counts(path):
    """Feature count of every schema layer present in the workspace."""
    ds = open_dataset(path)
    counts = {}
    for spec in S.LAYERS:
        lyr = ds.GetLayerByName(spec.name)
        if lyr is not None:
            counts[spec.name] = lyr.GetFeatureCount()
    return counts
