"""Read a large point layer quickly (no qgis): GDAL's Arrow stream, coordinates straight
from the WKB bytes.

``pyogrio.read_dataframe`` turns every feature's WKB into a geometry through ``from_wkb``
and builds the attribute columns feature by feature; for a million points that is most of
the reading time. :func:`read_points` asks GDAL for an Arrow stream instead
(``pyogrio.raw.open_arrow``, consumed with ``nanoarrow``, no pyarrow needed), reads the
x/y of 2D point WKB records (21 bytes each) as a strided view of the stream's data buffer
and makes the points with ``shapely.points``, batch by batch. Numeric attribute columns come from the
Arrow buffers as they are.

Anything it does not handle (nanoarrow missing, text or nullable columns, null, empty, 3D
or non-point geometries) falls back to ``pyogrio.read_dataframe``, so the frame is the same
either way: a RangeIndex (or the feature ids, with ``fids``), the requested columns in
order, a ``geometry`` column and the layer's CRS.

GDAL 3.6 returns empty geometries in an Arrow stream that carries no attribute column,
so the feature ids are always requested (and dropped unless asked for).
"""
import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from .gcpause import gc_paused

try:  # optional: without it the slower path reads the layer
    import nanoarrow as na
except ImportError:  # pragma: no cover
    na = None

_POINT_WKB = 21  # byte order (1) + type (4) + x, y (8 + 8)
_POINT_HEADER = np.array([1, 1, 0, 0, 0], dtype=np.uint8)  # little-endian, type 1 (Point)
_NUMERIC = {"c": np.int8, "C": np.uint8, "s": np.int16, "S": np.uint16, "i": np.int32,
            "I": np.uint32, "l": np.int64, "L": np.uint64, "f": np.float32,
            "g": np.float64}


class _Unsupported(Exception):
    """The stream holds something :func:`_read_arrow` leaves to pyogrio."""


def _buffer(view, i, dtype, start, count):
    """``count`` values of ``dtype`` of buffer ``i`` of an array view, from ``start``."""
    data = np.frombuffer(view.buffer(i), dtype=dtype)
    return data[start:start + count]


def _numbers(array, names, name):
    """The values of the numeric column ``name`` of an Arrow batch (a copy); raises
    :class:`_Unsupported` for another type or missing values."""
    i = names.index(name)
    child = array.child(i).view()
    fmt = array.schema.child(i).format
    if fmt not in _NUMERIC or child.null_count:
        raise _Unsupported()
    return _buffer(child, 1, _NUMERIC[fmt], child.offset, child.length).copy()


def _read_arrow(path, layer, columns, fids=False):
    if na is None:
        raise _Unsupported()
    fid_parts = []
    with pyogrio.raw.open_arrow(path, layer=layer, columns=columns, return_fids=True,
                                batch_size=1 << 18) as (meta, stream):
        if (meta.get("geometry_type") or "").replace("Multi", "") not in ("Point",):
            raise _Unsupported()
        gname = meta["geometry_name"] or "wkb_geometry"
        xy_parts = []  # points per batch
        col_parts = {c: [] for c in columns}
        for array in na.c_array_stream(stream):
            names = [array.schema.child(i).name for i in range(array.n_children)]
            if gname not in names:
                raise _Unsupported()
            geom = array.child(names.index(gname)).view()
            n = geom.length
            if geom.null_count or geom.layout.n_buffers != 3:
                raise _Unsupported()
            fmt = array.schema.child(names.index(gname)).format
            off_type = np.int32 if fmt == "z" else np.int64 if fmt == "Z" else None
            if off_type is None:
                raise _Unsupported()
            offsets = _buffer(geom, 1, off_type, geom.offset, n + 1)
            if n and not (np.diff(offsets) == _POINT_WKB).all():
                raise _Unsupported()  # null, empty, 3D or multi geometries
            raw = _buffer(geom, 2, np.uint8, int(offsets[0]), n * _POINT_WKB)
            if n and not (raw.reshape(n, _POINT_WKB)[:, :5] == _POINT_HEADER).all():
                raise _Unsupported()  # big-endian or not a 2D point
            # x, y of each record, read in place (strided), made into points at once:
            # the batch's buffers live only as long as the stream
            xy = np.ndarray((n, 2), dtype="<f8", buffer=raw, offset=5,
                            strides=(_POINT_WKB, 8))
            if np.isnan(xy).any():
                raise _Unsupported()  # POINT EMPTY
            xy_parts.append(shapely.points(xy))
            if fids:
                fid_name = meta.get("fid_column") or "OGC_FID"
                if fid_name not in names:
                    raise _Unsupported()
                fid_parts.append(_numbers(array, names, fid_name).astype(np.int64))
            for c in columns:
                col_parts[c].append(_numbers(array, names, c))
    points = (np.concatenate(xy_parts) if xy_parts else np.zeros(0, dtype=object))
    data = {c: (np.concatenate(col_parts[c]) if col_parts[c] else np.zeros(0))
            for c in columns}
    if fids:
        index = pd.Index(np.concatenate(fid_parts) if fid_parts else np.zeros(0, np.int64),
                         name="fid")
    else:
        index = pd.RangeIndex(len(points))
    frame = pd.DataFrame(data, index=index)
    return gpd.GeoDataFrame(frame, geometry=points, crs=meta["crs"])


@gc_paused()
def read_points(path, layer=None, columns=(), fids=False):
    """The point layer ``layer`` of ``path`` with ``columns``, as
    ``pyogrio.read_dataframe(path, layer=layer, columns=columns, fid_as_index=fids)``
    returns it, read faster when it can be (see the module). With ``fids`` the index holds
    the feature ids (named ``fid``). The garbage collector waits meanwhile
    (:mod:`.gcpause`)."""
    columns = list(columns)
    try:
        return _read_arrow(path, layer, columns, fids)
    except (_Unsupported, RuntimeError):  # RuntimeError: GDAL declines its Arrow API here
        return pyogrio.read_dataframe(path, layer=layer, columns=columns, fid_as_index=fids)
