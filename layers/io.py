"""Read and append workspace layers as (Geo)DataFrames (pyogrio; no qgis import).

The one adapter between a GeoPackage workspace and the pure core on the file side: frames are
conformed to the layer's :class:`~onegrid.layers.schema.LayerSpec` (missing columns added with
their defaults, types coerced, unknown columns dropped) and transformed into the workspace's
CRS before they are appended.
"""
import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from ..processing.analysis.errors import N_, OneGridError
from . import schema as S
from .workspace import open_dataset, workspace_crs


def read_layer(path, name, columns=None, where=None):
    """A workspace layer as a GeoDataFrame (or DataFrame for a table), indexed by fid."""
    spec = S.layer(name)
    open_dataset(path)  # translated error for a missing or foreign file
    frame = pyogrio.read_dataframe(str(path), layer=name, columns=columns, where=where,
                                   fid_as_index=True, read_geometry=spec.geometry is not None)
    return frame


def _coerce(series, field):
    if field.type == "text":
        out = series.astype("object")
        return out.where(series.notna(), None).map(lambda v: v if v is None else str(v))
    if field.type == "int":
        return pd.to_numeric(series, errors="raise").astype("Int64")
    if field.type == "real":
        return pd.to_numeric(series, errors="raise").astype("float64")
    if field.type == "bool":
        return series.map(lambda v: None if v is None or v is pd.NA or (
            isinstance(v, float) and np.isnan(v)) else int(bool(v))).astype("Int64")
    if field.type == "date":
        values = pd.to_datetime(series, errors="raise")
        return values.dt.strftime("%Y-%m-%d").where(values.notna(), None).astype("object")
    values = pd.to_datetime(series, errors="raise", utc=True)
    return values.dt.strftime("%Y-%m-%dT%H:%M:%SZ").where(values.notna(), None).astype(
        "object")


def conform(frame, name):
    """``frame`` reduced to the schema fields of layer ``name``, typed, defaults filled."""
    spec = S.layer(name)
    data = {}
    for field in spec.fields:
        if field.name in frame.columns:
            try:
                column = _coerce(frame[field.name], field)
            except (ValueError, TypeError) as err:
                raise OneGridError(N_("Field {field} of layer {layer} has values that are not "
                                      "{type}: {detail}"), field=field.name, layer=name,
                                   type=field.type, detail=str(err)) from err
        else:
            column = pd.Series([None] * len(frame), index=frame.index, dtype="object")
        if field.default is not None:
            column = column.where(column.notna(), field.default)
        data[field.name] = column
    out = pd.DataFrame(data, index=frame.index)
    if spec.geometry is None:
        return out
    geometry = frame.geometry if isinstance(frame, gpd.GeoDataFrame) else None
    if geometry is None:
        geometry = gpd.GeoSeries([None] * len(frame), index=frame.index)
    return gpd.GeoDataFrame(out, geometry=geometry.values, crs=geometry.crs)


def append_frame(path, name, frame):
    """Append ``frame``'s rows to layer ``name`` of the workspace at ``path``; returns the count.

    The frame is conformed to the schema and, for spatial layers, transformed from its own CRS
    into the workspace's (a frame with geometries but no CRS is refused: CRSs are never mixed
    silently). Polygons are promoted to MultiPolygon and lines to MultiLineString.
    """
    spec = S.layer(name)
    if len(frame) == 0:
        return 0
    out = conform(frame, name)
    # pyogrio appends by column position: follow the file's field order (an upgraded workspace
    # has added fields at the end).
    fields = [f for f in pyogrio.read_info(str(path), layer=name)["fields"] if f in out]
    out = out[fields + [c for c in out.columns if c not in fields]]
    if spec.geometry is not None:
        target = workspace_crs(path)
        has_geom = out.geometry.notna().any()
        if out.crs is None and has_geom:
            raise OneGridError(N_("Rows for layer {layer} have geometries without a coordinate "
                                  "reference system"), layer=name)
        out = out.set_crs(target, allow_override=True) if out.crs is None else out.to_crs(
            target)
        out = out.set_geometry(_promote(out.geometry.values, spec.geometry), crs=target)
        pyogrio.write_dataframe(out, str(path), layer=name, append=True,
                                promote_to_multi=False)
    else:
        pyogrio.write_dataframe(out, str(path), layer=name, append=True)
    return len(out)


def _promote(geoms, geometry_type):
    """Single parts as one-part multi geometries, so the layer holds one geometry type."""
    single_id, make = {"MultiPolygon": (3, shapely.multipolygons),
                       "MultiLineString": (1, shapely.multilinestrings)}.get(
        geometry_type, (None, None))
    if make is None:
        return geoms
    geoms = np.asarray(geoms, dtype=object).copy()
    single = shapely.get_type_id(geoms) == single_id
    if single.any():
        geoms[single] = make(geoms[single][:, None])
    return geoms
