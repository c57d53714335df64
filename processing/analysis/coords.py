"""Chinese web-map coordinates: WGS-84, GCJ-02 (Amap, Tencent) and BD-09 (Baidu), vectorised.

GCJ-02 is WGS-84 with an obfuscating offset of 100-700 m that Chinese law requires of
published maps; BD-09 is Baidu's further rotation of GCJ-02. Both are defined only inside
mainland China: every transform here leaves points outside :data:`CHINA` (an approximate
outline) unchanged, and NaN coordinates stay NaN. The forward transforms test the point they
start from, the inverses the point they arrive at, so that forward then inverse gives the
point back also near the border. The price: within the offset distance of the outline (up to
about 1.5 km for BD-09, in Hong Kong and Macao too) an inverse takes a point for the image of
a mainland point whenever it can be one.

The forward formulas are the widely published ones (Krasovsky ellipsoid a = 6378245.0 m,
e^2 = 0.00669342162296594323, sine-series offsets; Baidu's ``x_pi = pi * 3000 / 180``
rotation), as documented e.g. in wandergis/coordTransform (MIT) and googollee/eviltransform.
The inverses have no closed form; they are solved by fixed-point iteration until the change is
below 1e-9 degrees (about 0.1 mm), so forward then inverse round-trips to well under a
millimetre.

>>> lon, lat = wgs84_to_gcj02([116.397], [39.908])
>>> bool(abs(lon[0] - 116.397) > 0.001)
True
>>> back = gcj02_to_wgs84(lon, lat)
>>> round(float(back[0][0]), 7), round(float(back[1][0]), 7)
(116.397, 39.908)
>>> wgs84_to_gcj02([24.94], [60.17])[0].tolist()   # Helsinki is left unchanged
[24.94]
"""
import numpy as np
import shapely
from pyproj import CRS, Transformer

from .errors import N_, OneGridError

#: The coordinate systems :func:`convert` knows.
SYSTEMS = ("WGS84", "GCJ02", "BD09")

_A = 6378245.0  # Krasovsky 1940 semi-major axis (m), as in the published GCJ-02 formula
_EE = 0.00669342162296594323  # Krasovsky first eccentricity squared
_X_PI = np.pi * 3000.0 / 180.0  # Baidu's rotation constant
_TOLERANCE = 1e-9  # degrees; the inverses stop when an iteration moves less than this
_MAX_ITERATIONS = 30
_CHUNK = 65536  # points converted at a time

# A simplified outline of mainland China (lon, lat), written from general geographic
# knowledge: a few dozen vertices along the land borders and a little offshore along the
# coast so that coastal islands (Zhoushan, Xiamen, Hainan ...) are inside. It is approximate
# near the borders (within some kilometres; border towns facing each other across a river, such
# as Dandong and Sinuiju or Heihe and Blagoveshchensk, may fall on the wrong side), it leaves
# the South China Sea islands out, and it places Kinmen and Matsu inside.
_MAINLAND = (
    # Amur and Ussuri (Russia)
    (121.5, 53.33), (123.3, 53.56), (125.0, 53.2), (126.6, 51.75), (127.4, 50.2),
    (128.5, 49.6), (130.5, 48.9), (130.9, 47.7), (132.5, 47.7), (134.0, 48.45), (134.7, 48.45),
    (134.2, 47.5), (134.0, 46.8), (133.5, 45.9), (133.1, 45.1), (132.0, 45.25), (131.3, 44.9),
    (131.25, 44.4), (131.3, 43.2), (130.9, 42.6), (130.65, 42.42),
    # Tumen and Yalu (North Korea)
    (130.3, 42.7), (130.1, 42.95), (129.85, 42.97), (129.5, 42.45), (129.0, 42.2),
    (128.3, 42.0), (128.1, 41.5), (127.0, 41.6), (126.5, 41.6), (126.2, 41.0), (125.3, 40.55),
    (124.45, 40.2), (124.1, 39.8),
    # Coast: Bohai, Yellow Sea, East China Sea
    (123.0, 39.55), (122.6, 39.1), (121.1, 38.65), (120.9, 38.3), (122.1, 37.6),
    (122.75, 37.4), (122.6, 36.9), (120.8, 36.0), (119.8, 35.4), (119.7, 34.5), (120.5, 33.6),
    (121.2, 32.6), (122.2, 31.8), (122.3, 31.0), (122.9, 30.4), (122.3, 29.3), (121.9, 28.5),
    (121.4, 27.9), (120.6, 27.0), (120.1, 26.3), (119.95, 25.4), (119.2, 24.85),
    (118.6, 24.3), (117.6, 23.5), (117.2, 23.3), (116.3, 22.75), (115.6, 22.6),
    (114.9, 22.45), (114.55, 22.0), (113.8, 21.8), (113.0, 21.6), (111.7, 21.35),
    (110.7, 21.0), (110.7, 20.3),
    # Hainan (joined across the Qiongzhou Strait)
    (111.1, 19.65), (110.55, 18.75), (110.1, 18.3), (109.5, 18.1), (108.9, 18.4),
    (108.55, 19.1), (109.1, 19.9), (109.6, 20.1),
    # Gulf of Tonkin coast
    (109.7, 20.5), (109.7, 21.3), (109.3, 20.9), (108.9, 21.1), (108.5, 21.55), (108.0, 21.5),
    # Vietnam
    (107.4, 21.65), (106.95, 21.95), (106.7, 22.35), (106.75, 22.85), (106.2, 22.95),
    (105.7, 23.05), (105.35, 23.4), (104.85, 23.1), (104.4, 22.8), (103.95, 22.5),
    (103.3, 22.8), (102.9, 22.45), (102.45, 22.75), (102.1, 22.4),
    # Laos
    (101.8, 22.45), (101.55, 22.2), (101.75, 21.15), (101.15, 21.55),
    # Myanmar
    (100.2, 21.45), (99.95, 21.7), (99.2, 22.15), (99.5, 22.6), (99.35, 22.9), (98.9, 23.2),
    (98.85, 23.6), (97.55, 23.95), (97.55, 24.75), (98.1, 25.3), (98.6, 25.8), (98.65, 26.9),
    (98.3, 27.6), (97.8, 28.2), (97.35, 28.2),
    # India (line of actual control, approximately), Bhutan, Sikkim, Nepal
    (96.6, 28.6), (96.2, 29.2), (95.4, 29.2), (94.3, 28.95), (93.7, 28.7), (92.6, 28.0),
    (91.65, 27.85), (91.0, 28.05), (90.35, 28.25), (89.9, 28.3), (89.3, 27.95), (89.05, 27.6),
    (88.9, 27.3), (88.75, 27.5), (88.8, 27.9), (88.6, 28.1), (88.1, 27.9), (87.4, 27.95),
    (86.93, 27.99), (86.1, 28.2), (85.3, 28.35), (84.5, 28.75), (83.6, 29.2), (82.6, 29.9),
    (81.6, 30.4), (81.0, 30.25),
    # India (west), Pakistan
    (80.3, 30.6), (79.5, 31.0), (78.75, 31.6), (78.5, 32.3), (79.2, 32.7), (78.7, 33.1),
    (78.4, 33.7), (78.1, 34.6), (78.05, 35.45), (77.0, 35.6), (76.6, 35.95), (75.9, 36.6),
    (75.4, 36.9), (74.9, 37.25),
    # Tajikistan, Kyrgyzstan, Kazakhstan
    (75.15, 37.6), (74.9, 38.4), (74.15, 38.65), (73.55, 39.4), (73.8, 39.75), (74.9, 40.45),
    (75.6, 40.65), (76.4, 40.4), (76.9, 41.0), (78.3, 41.4), (79.5, 41.95), (80.25, 42.2),
    (80.2, 42.9), (80.55, 43.2), (80.4, 44.1), (80.5, 44.8), (81.6, 45.2), (82.6, 45.25),
    (82.3, 45.55), (83.05, 47.2), (84.9, 46.9), (85.6, 47.1), (85.7, 48.4), (86.6, 48.6),
    (87.35, 49.15),
    # Mongolia
    (87.8, 49.0), (88.2, 48.45), (89.5, 48.0), (90.4, 47.7), (91.0, 46.9), (90.9, 45.9),
    (91.0, 45.2), (93.5, 45.0), (95.3, 44.3), (96.4, 42.75), (100.8, 42.65), (105.0, 41.6),
    (107.4, 42.45), (110.4, 42.75), (111.9, 43.7), (113.6, 44.75), (116.7, 46.4),
    (117.4, 46.6), (119.7, 46.6), (119.9, 47.0), (118.5, 47.95), (117.8, 47.85),
    (117.4, 47.65), (115.55, 47.9), (116.25, 48.85), (116.7, 49.85),
    # Argun (Russia)
    (117.8, 49.52), (118.6, 49.95), (119.3, 50.3), (119.5, 51.0), (120.1, 51.8),
    (120.8, 52.6),
)
# Hong Kong and Macao keep WGS-84 on Chinese web maps; these rough outlines are cut out.
_HONG_KONG = (
    (113.83, 22.15), (113.83, 22.35), (113.89, 22.45), (114.03, 22.505), (114.1, 22.53),
    (114.18, 22.555), (114.3, 22.57), (114.45, 22.45), (114.45, 22.15),
)
_MACAO = (
    (113.528, 22.21), (113.555, 22.215), (113.6, 22.17), (113.6, 22.11), (113.555, 22.11),
    (113.55, 22.15), (113.528, 22.185),
)

#: The area where GCJ-02 and BD-09 apply (approximate outline, see the comment above).
CHINA = shapely.difference(
    shapely.Polygon(_MAINLAND),
    shapely.union(shapely.Polygon(_HONG_KONG), shapely.Polygon(_MACAO)),
)
shapely.prepare(CHINA)
# The outline widened by more than the largest offset (BD-09 moves points by up to about
# 1.6 km): the candidates an inverse transform may bring back inside.
_CHINA_NEAR = shapely.buffer(CHINA, 0.05, quad_segs=2)
shapely.prepare(_CHINA_NEAR)


def _as_arrays(lon, lat):
    lon = np.asarray(lon, dtype=np.float64)
    lat = np.asarray(lat, dtype=np.float64)
    if lon.shape != lat.shape:
        raise ValueError(f"lon and lat differ in shape: {lon.shape} and {lat.shape}")
    return lon, lat


def in_china(lon, lat):
    """Whether each point lies in mainland China, where GCJ-02 and BD-09 apply.

    Parameters
    ----------
    lon, lat : array_like
        Longitudes and latitudes in degrees, same shape.

    Returns
    -------
    numpy.ndarray of bool
        False for NaN coordinates and outside the (approximate) outline :data:`CHINA`.
    """
    lon, lat = _as_arrays(lon, lat)
    return np.asarray(shapely.contains_xy(CHINA, lon, lat), dtype=bool)


def _gcj_offset(lon, lat):
    """The published GCJ-02 offset (dlon, dlat) in degrees at WGS-84 (lon, lat)."""
    x = lon - 105.0
    y = lat - 35.0
    # The two sine series of the published formula.
    common = (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    dlat = (-100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y
            + 0.2 * np.sqrt(np.abs(x)) + common
            + (20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)) * 2.0 / 3.0
            + (160.0 * np.sin(y / 12.0 * np.pi) + 320.0 * np.sin(y * np.pi / 30.0)) * 2.0 / 3.0)
    dlon = (300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y
            + 0.1 * np.sqrt(np.abs(x)) + common
            + (20.0 * np.sin(x * np.pi) + 40.0 * np.sin(x / 3.0 * np.pi)) * 2.0 / 3.0
            + (150.0 * np.sin(x / 12.0 * np.pi) + 300.0 * np.sin(x / 30.0 * np.pi)) * 2.0 / 3.0)
    radlat = lat / 180.0 * np.pi
    magic = 1.0 - _EE * np.sin(radlat) ** 2
    sqrt_magic = np.sqrt(magic)
    dlat = dlat * 180.0 / ((_A * (1.0 - _EE)) / (magic * sqrt_magic) * np.pi)
    dlon = dlon * 180.0 / (_A / sqrt_magic * np.cos(radlat) * np.pi)
    return dlon, dlat


def _gcj_forward(lon, lat):
    dlon, dlat = _gcj_offset(lon, lat)
    return lon + dlon, lat + dlat


def _bd_forward(lon, lat):
    z = np.sqrt(lon * lon + lat * lat) + 0.00002 * np.sin(lat * _X_PI)
    theta = np.arctan2(lat, lon) + 0.000003 * np.cos(lon * _X_PI)
    return z * np.cos(theta) + 0.0065, z * np.sin(theta) + 0.006


def _bd_approx_inverse(lon, lat):
    x = lon - 0.0065
    y = lat - 0.006
    z = np.sqrt(x * x + y * y) - 0.00002 * np.sin(y * _X_PI)
    theta = np.arctan2(y, x) - 0.000003 * np.cos(x * _X_PI)
    return z * np.cos(theta), z * np.sin(theta)


def _invert(forward, lon, lat, start):
    """Solve forward(x, y) = (lon, lat) by fixed-point iteration from ``start``."""
    x, y = start
    for _ in range(_MAX_ITERATIONS):
        fx, fy = forward(x, y)
        dx = fx - lon
        dy = fy - lat
        x = x - dx
        y = y - dy
        if x.size == 0 or max(np.max(np.abs(dx)), np.max(np.abs(dy))) < _TOLERANCE:
            break
    return x, y


def _apply(lon, lat, func, inverse=False):
    """Apply ``func`` to the points inside China; the others (and NaN) are copied.

    A forward transform tests the point it starts from. An inverse (``inverse=True``) tests
    the point it arrives at, so that a point near the border that the forward offset moved
    out of the outline still comes back: it runs on the points near the outline and keeps the
    results inside it. The work goes in chunks of :data:`_CHUNK` points, which keeps the
    temporaries small (and in the processor's cache).
    """
    lon, lat = _as_arrays(lon, lat)
    shape = lon.shape
    lon, lat = lon.ravel(), lat.ravel()
    out_lon = lon.copy()
    out_lat = lat.copy()
    area = _CHINA_NEAR if inverse else CHINA
    index = np.flatnonzero(shapely.contains_xy(area, lon, lat))
    for first in range(0, len(index), _CHUNK):
        chunk = index[first:first + _CHUNK]
        new_lon, new_lat = func(lon[chunk], lat[chunk])
        if inverse:
            accept = in_china(new_lon, new_lat)
            chunk, new_lon, new_lat = chunk[accept], new_lon[accept], new_lat[accept]
        out_lon[chunk] = new_lon
        out_lat[chunk] = new_lat
    return out_lon.reshape(shape), out_lat.reshape(shape)


def wgs84_to_gcj02(lon, lat):
    """WGS-84 to GCJ-02; returns ``(lon, lat)`` arrays, points outside China unchanged."""
    return _apply(lon, lat, _gcj_forward)


def gcj02_to_wgs84(lon, lat):
    """GCJ-02 to WGS-84 by iteration (round trip well under a millimetre)."""
    def solve(x, y):
        dx, dy = _gcj_offset(x, y)
        return _invert(_gcj_forward, x, y, (x - dx, y - dy))
    return _apply(lon, lat, solve, inverse=True)


def gcj02_to_bd09(lon, lat):
    """GCJ-02 to BD-09 (Baidu's rotation); points outside China unchanged."""
    return _apply(lon, lat, _bd_forward)


def bd09_to_gcj02(lon, lat):
    """BD-09 to GCJ-02 by iteration from the usual closed-form approximation."""
    def solve(x, y):
        return _invert(_bd_forward, x, y, _bd_approx_inverse(x, y))
    return _apply(lon, lat, solve, inverse=True)


def wgs84_to_bd09(lon, lat):
    """WGS-84 to BD-09 (through GCJ-02); points outside China unchanged."""
    return _apply(lon, lat, lambda x, y: _bd_forward(*_gcj_forward(x, y)))


def bd09_to_wgs84(lon, lat):
    """BD-09 to WGS-84 (through GCJ-02), both steps by iteration."""
    def solve(x, y):
        gx, gy = _invert(_bd_forward, x, y, _bd_approx_inverse(x, y))
        dx, dy = _gcj_offset(gx, gy)
        return _invert(_gcj_forward, gx, gy, (gx - dx, gy - dy))
    return _apply(lon, lat, solve, inverse=True)


_CONVERTERS = {
    ("WGS84", "GCJ02"): wgs84_to_gcj02,
    ("GCJ02", "WGS84"): gcj02_to_wgs84,
    ("GCJ02", "BD09"): gcj02_to_bd09,
    ("BD09", "GCJ02"): bd09_to_gcj02,
    ("WGS84", "BD09"): wgs84_to_bd09,
    ("BD09", "WGS84"): bd09_to_wgs84,
}


def system_name(name):
    """The canonical name (``"WGS84"``, ``"GCJ02"`` or ``"BD09"``) of a coordinate system.

    Case, hyphens, underscores and spaces are ignored (``"gcj-02"`` is ``"GCJ02"``).

    Raises
    ------
    OneGridError
        For a name that is none of the three.
    """
    key = "".join(ch for ch in str(name).upper() if ch not in "-_ ")
    if key not in SYSTEMS:
        raise OneGridError(
            N_("Unknown coordinate system {name}: use one of {choices}"),
            name=name, choices=", ".join(SYSTEMS))
    return key


def convert(lon, lat, src, dst):
    """Convert points from ``src`` to ``dst``, each one of :data:`SYSTEMS`.

    Returns ``(lon, lat)`` float arrays; ``src == dst`` returns copies.
    """
    src = system_name(src)
    dst = system_name(dst)
    if src == dst:
        lon, lat = _as_arrays(lon, lat)
        return lon.copy(), lat.copy()
    return _CONVERTERS[(src, dst)](lon, lat)


def transform_geometries(geoms, src, dst):
    """Convert every vertex of a shapely geometry array from ``src`` to ``dst``.

    Any geometry type; Z values are kept where present; None stays None. Vertices outside
    China are left unchanged (a line crossing the border is converted vertex by vertex).
    """
    src = system_name(src)
    dst = system_name(dst)

    def move(coords):
        out = coords.copy()
        out[:, 0], out[:, 1] = convert(coords[:, 0], coords[:, 1], src, dst)
        return out

    return shapely.transform(geoms, move, include_z=None)


def changed(before, after):
    """Which geometries of ``after`` have a vertex that differs from ``before`` (bool array).

    ``after`` must come from ``before`` by a vertex-wise transform such as
    :func:`transform_geometries` (same geometries, same number of vertices).
    """
    before = np.asarray(before, dtype=object)
    old, index = shapely.get_coordinates(before, return_index=True)
    new = shapely.get_coordinates(np.asarray(after, dtype=object))
    moved = np.any(old != new, axis=1) & ~np.isnan(old).any(axis=1)
    return np.bincount(index[moved], minlength=len(before)) > 0


def is_lonlat(crs):
    """Whether ``crs`` holds WGS-84-like longitudes and latitudes in degrees.

    True for geographic CRSs on the WGS 84 or GRS 1980 ellipsoid with the Greenwich meridian
    (EPSG:4326, EPSG:4490 CGCS2000, ETRS89, NAD83 ...), whose datums differ from WGS 84 by
    at most a few metres: the GCJ-02 offsets can be applied to their coordinates directly.
    """
    crs = CRS.from_user_input(crs)
    if crs.is_compound:
        crs = crs.sub_crs_list[0]
    if not crs.is_geographic or crs.ellipsoid is None:
        return False
    unit = crs.axis_info[0].unit_name if crs.axis_info else "degree"
    meridian = crs.prime_meridian.longitude if crs.prime_meridian else 0.0
    return (abs(crs.ellipsoid.semi_major_metre - 6378137.0) < 0.5
            and abs(crs.ellipsoid.inverse_flattening - 298.2572) < 0.001
            and meridian == 0.0 and unit == "degree")


def convert_geometries(geoms, src, dst, crs="EPSG:4326"):
    """Convert a geometry array stored in ``crs`` from ``src`` to ``dst``.

    The offsets are defined on WGS-84 longitudes and latitudes: geometries in another CRS
    (:func:`is_lonlat` false) are projected to EPSG:4326, converted and projected back.

    Parameters
    ----------
    geoms : array_like of shapely geometries (None allowed)
    src, dst : str
        Names from :data:`SYSTEMS`.
    crs : anything pyproj accepts
        The CRS the coordinates are in.

    Returns
    -------
    (numpy.ndarray of geometries, numpy.ndarray of bool)
        The converted geometries, and which of them had a vertex moved (a vertex inside
        China); the others are returned unchanged.
    """
    geoms = np.asarray(geoms, dtype=object)
    src = system_name(src)
    dst = system_name(dst)
    if is_lonlat(crs):
        lonlat = geoms
    else:
        forward = Transformer.from_crs(crs, 4326, always_xy=True)
        lonlat = shapely.transform(geoms, _xy_transform(forward), include_z=None)
    converted = transform_geometries(lonlat, src, dst)
    moved = changed(lonlat, converted)
    if lonlat is not geoms:
        back = Transformer.from_crs(4326, crs, always_xy=True)
        converted = shapely.transform(converted, _xy_transform(back), include_z=None)
    result = geoms.copy()
    result[moved] = converted[moved]
    return result, moved


def convert_points(x, y, src, dst, crs="EPSG:4326"):
    """Convert point coordinates stored in ``crs`` from ``src`` to ``dst``.

    The point version of :func:`convert_geometries`, for callers that hold vertices rather
    than geometries (curves, M values). Returns ``(x, y, moved)`` arrays; points not moved
    (outside China, NaN) are returned exactly as given.
    """
    x = np.asarray(x, dtype=np.float64).ravel()
    y = np.asarray(y, dtype=np.float64).ravel()
    src = system_name(src)
    dst = system_name(dst)
    if is_lonlat(crs):
        lon, lat = x, y
    else:
        lon, lat = _pyproj_xy(Transformer.from_crs(crs, 4326, always_xy=True), x, y)
    new_lon, new_lat = convert(lon, lat, src, dst)
    moved = (new_lon != lon) | (new_lat != lat)
    moved &= ~(np.isnan(lon) | np.isnan(lat))
    out_x, out_y = x.copy(), y.copy()
    if moved.any():
        if lon is not x:
            back = Transformer.from_crs(4326, crs, always_xy=True)
            new_lon[moved], new_lat[moved] = _pyproj_xy(back, new_lon[moved], new_lat[moved])
        out_x[moved], out_y[moved] = new_lon[moved], new_lat[moved]
    return out_x, out_y, moved


def _pyproj_xy(transformer, x, y):
    if len(x) == 1:  # pyproj 3.6 warns on one-element arrays: pass floats
        out = transformer.transform(float(x[0]), float(y[0]))
        return np.array([out[0]]), np.array([out[1]])
    out = transformer.transform(x, y)
    return np.asarray(out[0], dtype=np.float64), np.asarray(out[1], dtype=np.float64)


def _xy_transform(transformer):
    def move(coords):
        out = coords.copy()
        out[:, 0], out[:, 1] = _pyproj_xy(transformer, coords[:, 0], coords[:, 1])
        return out
    return move
