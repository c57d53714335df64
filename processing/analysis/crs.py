"""Which projected CRS to measure in, and getting frames into it.

Distances are computed in metres in a CRS chosen for the data: inside China the CGCS2000
3-degree Gauss-Kruger zone without zone prefix (EPSG:4534, central meridian 75E, to EPSG:4554,
135E, every 3 degrees), elsewhere the UTM zone on WGS 84 (EPSG:326xx north, 327xx south).

>>> metric_crs_for([116.3, 116.5], [39.8, 40.0])   # Beijing: CM 117E
4548
>>> metric_crs_for([24.9], [60.2])                 # Helsinki: UTM 35N
32635
"""
import numpy as np
from pyproj import CRS, Transformer

from . import coords
from .errors import N_, OneGridError

GK_FIRST = 4534  # CGCS2000 / 3-degree Gauss-Kruger CM 75E
GK_LAST = 4554  # CGCS2000 / 3-degree Gauss-Kruger CM 135E
GK_FIRST_MERIDIAN = 75.0


def gauss_kruger_epsg(lon):
    """The CGCS2000 3-degree Gauss-Kruger EPSG code (no zone prefix) whose meridian is nearest."""
    step = int(np.floor((float(lon) - GK_FIRST_MERIDIAN) / 3.0 + 0.5))
    return GK_FIRST + min(max(step, 0), GK_LAST - GK_FIRST)


def utm_epsg(lon, lat):
    """The WGS 84 UTM EPSG code for a point (326xx north of the equator, 327xx south)."""
    zone = int(np.floor((float(lon) + 180.0) / 6.0)) % 60 + 1
    return (32600 if lat >= 0 else 32700) + zone


def metric_crs_for_bounds(minx, miny, maxx, maxy):
    """The EPSG code to compute metres in for a lon/lat bounding box (degrees).

    The centre of the box decides: inside China (:func:`coords.in_china`) a CGCS2000
    Gauss-Kruger zone, elsewhere UTM.
    """
    values = np.array([minx, miny, maxx, maxy], dtype=np.float64)
    if not np.isfinite(values).all():
        raise OneGridError(N_("No coordinates to choose a metric coordinate system from"))
    lon = (values[0] + values[2]) / 2.0
    lat = (values[1] + values[3]) / 2.0
    if coords.in_china([lon], [lat])[0]:
        return gauss_kruger_epsg(lon)
    return utm_epsg(lon, lat)


def metric_crs_for(lon, lat):
    """The EPSG code to compute metres in for arrays of longitudes and latitudes (degrees).

    NaN coordinates are ignored; with no finite coordinate at all it raises OneGridError.
    """
    lon = np.asarray(lon, dtype=np.float64)
    lat = np.asarray(lat, dtype=np.float64)
    ok = np.isfinite(lon) & np.isfinite(lat)
    if not ok.any():
        raise OneGridError(N_("No coordinates to choose a metric coordinate system from"))
    lon, lat = lon[ok], lat[ok]
    return metric_crs_for_bounds(lon.min(), lat.min(), lon.max(), lat.max())


def _horizontal(crs):
    if crs.is_compound:
        for sub in crs.sub_crs_list:
            if sub.is_projected or sub.is_geographic:
                return sub
    return crs


def is_metric(crs):
    """Whether distances can be measured directly in ``crs`` (a pyproj CRS).

    True for projected CRSs in metres, except Mercator-family projections (Web Mercator,
    World Mercator), whose metres are stretched by 1/cos(latitude): 30 % in Beijing.
    """
    crs = _horizontal(CRS.from_user_input(crs))
    if not crs.is_projected:
        return False
    unit = crs.axis_info[0] if crs.axis_info else None
    if unit is None or unit.unit_conversion_factor != 1.0 or unit.unit_name not in (
            "metre", "meter", "m"):
        return False
    method = crs.coordinate_operation.method_name if crs.coordinate_operation else ""
    return not ("Mercator" in method and "Transverse" not in method)


def _layer(layer_name):
    return layer_name if layer_name else "?"


def to_metric(gdf, layer_name=None):
    """``gdf`` in a projected CRS in metres, and that CRS's EPSG code.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        Any CRS. Already in metres (see :func:`is_metric`): returned as it is, with its EPSG
        code (None when it has none). Otherwise reprojected to :func:`metric_crs_for_bounds`
        of its extent in lon/lat.
    layer_name : str, optional
        Used in error messages.

    Returns
    -------
    (geopandas.GeoDataFrame, int or None)

    Raises
    ------
    OneGridError
        The frame has no CRS, or no geometry to take an extent from.
    """
    if gdf.crs is None:
        raise OneGridError(N_("Layer {layer} has no coordinate reference system"),
                           layer=_layer(layer_name))
    if is_metric(gdf.crs):
        return gdf, gdf.crs.to_epsg()
    minx, miny, maxx, maxy = gdf.total_bounds
    if not np.isfinite([minx, miny, maxx, maxy]).all():
        raise OneGridError(N_("Layer {layer} has no geometry to choose a metric coordinate "
                              "system from"), layer=_layer(layer_name))
    to_lonlat = Transformer.from_crs(gdf.crs, 4326, always_xy=True)
    bounds = to_lonlat.transform_bounds(minx, miny, maxx, maxy)
    epsg = metric_crs_for_bounds(*bounds)
    return gdf.to_crs(epsg), epsg


def same_crs(*frames):
    """Whether every frame has the same CRS (False when any has none)."""
    crss = [frame.crs for frame in frames]
    if any(crs is None for crs in crss):
        return False
    return all(crs == crss[0] for crs in crss[1:])


def align_crs(target_crs, gdf, name=None):
    """``gdf`` transformed to ``target_crs`` (returned as it is when already there).

    Raises
    ------
    OneGridError
        ``gdf`` has no CRS (``name`` names the layer in the message).
    """
    if gdf.crs is None:
        raise OneGridError(N_("Layer {layer} has no coordinate reference system"),
                           layer=_layer(name))
    target = CRS.from_user_input(target_crs)
    if gdf.crs == target:
        return gdf
    return gdf.to_crs(target)
