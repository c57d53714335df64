"""Incident hot spots: counts per zone, Getis-Ord Gi*, a kernel density surface and the
incidents' profile in local time (hour x weekday, month and season). Pure numpy/scipy/shapely.

Zones are the given grids (polygons) or square cells of ``cell_size`` metres covering the
incidents (their lower-left corner on multiples of ``cell_size``, so the same cell size always
gives the same cells).

**Gi\\*** (Getis and Ord 1992; Ord and Getis 1995), binary weights with the zone itself
included (w_ii = 1)::

    z_i = (sum_j w_ij x_j - xbar W_i) / (s sqrt((n S1_i - W_i^2) / (n - 1)))

with n zones, x the counts, xbar their mean, s = sqrt(sum x^2 / n - xbar^2) (the population
standard deviation), W_i = sum_j w_ij and S1_i = sum_j w_ij^2. The p-value is two-sided from
the standard normal; no correction for multiple testing (as ArcGIS's Hot Spot Analysis and
the HotSpot Analysis plugin without FDR). Neighbours are, by ``neighbours``:

* ``queen``: zones sharing a boundary or a corner (grids: polygons within ``touch_m`` of each
  other; cells: the 8 around a cell);
* ``distance``: zones whose centroids are at most ``band_m`` metres apart.

Classes (``gi_class``): hot_99, hot_95, hot_90 (z > 0 and p below 0.01, 0.05, 0.10), the cold
ones alike (z < 0), and not_significant.

**Kernel density**: the quartic (biweight) kernel K(d) = 3 / (pi h^2) (1 - d^2/h^2)^2 for
d < h, h the bandwidth, evaluated on pixel centres: incidents are spread on the four nearest
pixel centres (linear binning) and convolved with the kernel sampled on the pixel lattice,
normalised to sum to one, so the surface integrates to the number of incidents. Values are
incidents per square kilometre.

**Profiles** use the incidents' times converted to ``timezone`` (default Asia/Shanghai, UTC+8);
naive times are taken as UTC (the workspace's convention). Incidents without a time are
counted and left out of the profiles, never given an invented one. Seasons are meteorological
(northern hemisphere): spring March-May, summer June-August, autumn September-November,
winter December-February.
"""
import datetime
import math
import re
from typing import NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy import sparse
from scipy.signal import fftconvolve
from scipy.spatial import cKDTree
from scipy.stats import norm

from .crs import align_crs, to_metric
from .errors import N_, OneGridError, check_canceled

NEIGHBOURS = ("queen", "distance")
CLASSES = ("hot_99", "hot_95", "hot_90", "not_significant", "cold_90", "cold_95", "cold_99")
#: (p threshold, confidence) from the strictest.
LEVELS = ((0.01, "99"), (0.05, "95"), (0.10, "90"))
DEFAULT_TIMEZONE = "Asia/Shanghai"
#: Most zones (square cells) and raster pixels made before asking for a larger size.
MAX_CELLS = 2_000_000
MAX_PIXELS = 40_000_000
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
SEASON_OF_MONTH = ("winter", "winter", "spring", "spring", "spring", "summer", "summer",
                   "summer", "autumn", "autumn", "autumn", "winter")
ALL_TYPES = "all"


class Raster(NamedTuple):
    """A north-up raster: ``values[row, col]`` (row 0 at the top), the x of its left edge,
    the y of its top edge and the pixel size (metres)."""

    values: np.ndarray
    x0: float
    y_top: float
    pixel: float

    @property
    def geotransform(self):
        """GDAL's geotransform of the raster."""
        return (self.x0, self.pixel, 0.0, self.y_top, 0.0, -self.pixel)


class HotspotResult(NamedTuple):
    zones: gpd.GeoDataFrame
    density: Raster
    hour_weekday: pd.DataFrame
    months: pd.DataFrame
    info: dict
    warnings: list


# --- zones and counts ----------------------------------------------------------------------
def square_cells(bounds, cell_size, crs=None):
    """Square cells of ``cell_size`` covering ``bounds`` (minx, miny, maxx, maxy).

    Returns a GeoDataFrame with cell_id ("r<row>c<col>", row 0 at the south), cell_row,
    cell_col and the cells' polygons, and the lattice (x0, y0, ncols, nrows) as
    ``attrs["lattice"]``.
    """
    cell_size = float(cell_size)
    if not cell_size > 0 or not math.isfinite(cell_size):
        raise OneGridError(N_("The cell size must be a positive number of metres, not "
                              "{value}"), value=cell_size)
    minx, miny, maxx, maxy = bounds
    x0 = math.floor(minx / cell_size) * cell_size
    y0 = math.floor(miny / cell_size) * cell_size
    ncols = max(1, int(math.floor((maxx - x0) / cell_size)) + 1)
    nrows = max(1, int(math.floor((maxy - y0) / cell_size)) + 1)
    if ncols * nrows > MAX_CELLS:
        raise OneGridError(N_("{count} cells of {size} m would be needed to cover the "
                              "incidents; choose a larger cell size"),
                           count=ncols * nrows, size=f"{cell_size:g}")
    rows, cols = np.divmod(np.arange(nrows * ncols), ncols)
    xs, ys = x0 + cols * cell_size, y0 + rows * cell_size
    frame = gpd.GeoDataFrame({
        "cell_id": np.char.add(np.char.add("r", rows.astype(str)),
                               np.char.add("c", cols.astype(str))).astype(object),
        "cell_row": rows.astype(np.int64), "cell_col": cols.astype(np.int64),
    }, geometry=shapely.box(xs, ys, xs + cell_size, ys + cell_size), crs=crs)
    frame.attrs["lattice"] = (x0, y0, ncols, nrows, cell_size)
    return frame


def cell_index(xy, lattice):
    """The cell (flat index) of each point of ``xy`` in ``lattice``; -1 outside."""
    x0, y0, ncols, nrows, size = lattice
    col = np.floor((xy[:, 0] - x0) / size).astype(np.int64)
    row = np.floor((xy[:, 1] - y0) / size).astype(np.int64)
    inside = (col >= 0) & (col < ncols) & (row >= 0) & (row < nrows)
    return np.where(inside, row * ncols + col, -1)


def zone_index(points, zones):
    """The zone (position in ``zones``, an array of polygons) of each point; -1 outside.

    A point on a boundary shared by several zones goes to the first of them.
    """
    # The tree holds the points and the polygons are the queries: the predicate then runs
    # with each polygon prepared once (much faster than preparing every point).
    tree = shapely.STRtree(points)
    zi, pi = tree.query(zones, predicate="intersects")
    out = np.full(len(points), -1, dtype=np.int64)
    if len(pi):
        order = np.lexsort((zi, pi))
        pi, zi = pi[order], zi[order]
        first = np.ones(len(pi), dtype=bool)
        first[1:] = pi[1:] != pi[:-1]
        out[pi[first]] = zi[first]
    return out


# --- weights and Gi* -----------------------------------------------------------------------
def lattice_queen(ncols, nrows):
    """Binary queen-contiguity weights of an ``nrows`` x ``ncols`` lattice, self included,
    as a CSR matrix (cells numbered row * ncols + col)."""
    rows, cols = np.divmod(np.arange(nrows * ncols), ncols)
    src, dst = [], []
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            r, c = rows + dr, cols + dc
            ok = (r >= 0) & (r < nrows) & (c >= 0) & (c < ncols)
            src.append(np.flatnonzero(ok))
            dst.append((r * ncols + c)[ok])
    src, dst = np.concatenate(src), np.concatenate(dst)
    n = nrows * ncols
    return sparse.csr_matrix((np.ones(len(src)), (src, dst)), shape=(n, n))


def polygon_queen(polygons, touch_m=0.01):
    """Binary weights of polygons within ``touch_m`` metres of each other, self included."""
    polygons = np.asarray(polygons, dtype=object)
    n = len(polygons)
    tree = shapely.STRtree(polygons)
    if touch_m > 0:
        a, b = tree.query(polygons, predicate="dwithin", distance=touch_m)
    else:
        a, b = tree.query(polygons, predicate="intersects")
    a = np.concatenate([a, np.arange(n)])
    b = np.concatenate([b, np.arange(n)])
    w = sparse.csr_matrix((np.ones(len(a)), (a, b)), shape=(n, n))
    w.data[:] = 1.0  # duplicates summed: back to binary
    return w


def distance_band(xy, band_m):
    """Binary weights of points at most ``band_m`` apart, self included."""
    if not band_m > 0:
        raise OneGridError(N_("The distance band must be a positive number of metres, not "
                              "{value}"), value=band_m)
    tree = cKDTree(xy)
    pairs = tree.query_pairs(band_m, output_type="ndarray")
    n = len(xy)
    a = np.concatenate([pairs[:, 0], pairs[:, 1], np.arange(n)])
    b = np.concatenate([pairs[:, 1], pairs[:, 0], np.arange(n)])
    return sparse.csr_matrix((np.ones(len(a)), (a, b)), shape=(n, n))


def gi_star(values, weights):
    """Getis-Ord Gi* z-scores and two-sided p-values (see the module's formula).

    Parameters
    ----------
    values : array (n,)
    weights : sparse or dense (n, n), the zone itself included

    Returns
    -------
    (z, p) : arrays; NaN where the formula is undefined (all values equal, or a zone whose
    neighbourhood is every zone).
    """
    x = np.asarray(values, dtype=np.float64)
    n = len(x)
    w = sparse.csr_matrix(weights, dtype=np.float64)
    if n < 2:
        return np.full(n, np.nan), np.full(n, np.nan)
    mean = x.mean()
    s = math.sqrt(max((x * x).mean() - mean * mean, 0.0))
    wsum = np.asarray(w.sum(axis=1)).ravel()
    s1 = np.asarray(w.multiply(w).sum(axis=1)).ravel()
    numerator = w @ x - mean * wsum
    spread = (n * s1 - wsum * wsum) / (n - 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = numerator / (s * np.sqrt(spread))
    z = np.where((s > 0) & (spread > 1e-12), z, np.nan)
    p = np.where(np.isnan(z), np.nan, 2.0 * norm.sf(np.abs(z)))
    return z, p


def gi_classes(z, p):
    """The significance class of each zone (see :data:`CLASSES`)."""
    z, p = np.asarray(z, dtype=float), np.asarray(p, dtype=float)
    out = np.full(len(z), "not_significant", dtype=object)
    for threshold, level in reversed(LEVELS):
        sig = ~np.isnan(p) & (p < threshold)
        out[sig & (z > 0)] = f"hot_{level}"
        out[sig & (z < 0)] = f"cold_{level}"
    return out


# --- kernel density ------------------------------------------------------------------------
def quartic_stamp(bandwidth, pixel):
    """The quartic kernel sampled on a pixel lattice around its centre, summing to one."""
    r = int(math.ceil(bandwidth / pixel))
    offsets = np.arange(-r, r + 1) * pixel
    d2 = (offsets[None, :] ** 2 + offsets[:, None] ** 2) / bandwidth ** 2
    stamp = np.where(d2 < 1.0, (1.0 - d2) ** 2, 0.0)
    total = stamp.sum()
    return stamp / total if total > 0 else stamp


def kernel_density(xy, bandwidth, pixel, bounds=None, weights=None):
    """Quartic kernel density of points (per km²) on a north-up raster.

    Parameters
    ----------
    xy : array (n, 2), metres
    bandwidth, pixel : float, metres
    bounds : (minx, miny, maxx, maxy), optional
        The area to cover (default: the points' extent); the raster extends ``bandwidth``
        beyond it and its edges fall on multiples of ``pixel``.
    weights : array (n,), optional

    Returns
    -------
    Raster
    """
    if not bandwidth > 0 or not math.isfinite(bandwidth):
        raise OneGridError(N_("The bandwidth must be a positive number of metres, not "
                              "{value}"), value=bandwidth)
    if not pixel > 0 or not math.isfinite(pixel):
        raise OneGridError(N_("The pixel size must be a positive number of metres, not "
                              "{value}"), value=pixel)
    xy = np.asarray(xy, dtype=np.float64).reshape(-1, 2)
    w = np.ones(len(xy)) if weights is None else np.asarray(weights, dtype=np.float64)
    if bounds is None:
        if not len(xy):
            raise OneGridError(N_("No incident has a location: no density surface"))
        bounds = (*xy.min(axis=0), *xy.max(axis=0))
    minx, miny, maxx, maxy = bounds
    margin = bandwidth + pixel
    x0 = math.floor((minx - margin) / pixel) * pixel
    y0 = math.floor((miny - margin) / pixel) * pixel
    ncols = int(math.ceil((maxx + margin - x0) / pixel))
    nrows = int(math.ceil((maxy + margin - y0) / pixel))
    if ncols * nrows > MAX_PIXELS:
        raise OneGridError(N_("The density surface would have {count} pixels of {size} m; "
                              "choose a larger pixel size"), count=ncols * nrows,
                           size=f"{pixel:g}")
    grid = np.zeros(nrows * ncols)
    if len(xy):
        u = (xy[:, 0] - x0) / pixel - 0.5
        v = (xy[:, 1] - y0) / pixel - 0.5
        i0, j0 = np.floor(u).astype(np.int64), np.floor(v).astype(np.int64)
        fu, fv = u - i0, v - j0
        for di, wu in ((0, 1.0 - fu), (1, fu)):
            for dj, wv in ((0, 1.0 - fv), (1, fv)):
                i, j = i0 + di, j0 + dj
                ok = (i >= 0) & (i < ncols) & (j >= 0) & (j < nrows)
                grid += np.bincount((j * ncols + i)[ok], weights=(w * wu * wv)[ok],
                                    minlength=nrows * ncols)
    counts = grid.reshape(nrows, ncols)
    stamp = quartic_stamp(bandwidth, pixel)
    if counts.any():
        density = fftconvolve(counts, stamp, mode="same")
        density[density < 1e-12 * max(1.0, density.max())] = 0.0
    else:
        density = counts
    density = density / (pixel * pixel) * 1e6  # per km²
    return Raster(np.ascontiguousarray(density[::-1]), x0, y0 + nrows * pixel, float(pixel))


# --- time profiles -------------------------------------------------------------------------
def parse_timezone(name):
    """A tzinfo for an IANA name (Asia/Shanghai) or a fixed offset (+08:00, UTC+8)."""
    text = (name or DEFAULT_TIMEZONE).strip()
    match = re.fullmatch(r"(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?", text, re.I)
    if match:
        sign = -1 if match.group(1) == "-" else 1
        delta = datetime.timedelta(hours=int(match.group(2)), minutes=int(match.group(3) or 0))
        return datetime.timezone(sign * delta)
    if text.upper() in ("UTC", "GMT", "Z"):
        return datetime.timezone.utc
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        raise OneGridError(N_("{timezone} is not a time zone; give an IANA name such as "
                              "Asia/Shanghai or an offset such as +08:00"),
                           timezone=text) from None


def parse_times(values):
    """Times as UTC (naive values are UTC). Returns (Series, missing mask, unparseable mask)."""
    series = pd.Series(values).reset_index(drop=True).astype(object)
    missing = series.map(lambda v: v is None or v is pd.NaT or v is pd.NA or (
        isinstance(v, float) and np.isnan(v)) or (isinstance(v, str) and not v.strip()))
    parsed = pd.Series(pd.NaT, index=series.index, dtype="datetime64[ns, UTC]")
    if (~missing).any():
        present = series[~missing]
        out = pd.to_datetime(present.map(lambda v: v.isoformat() if hasattr(v, "isoformat")
                                         else str(v)), errors="coerce", utc=True,
                             format="mixed")
        parsed[~missing] = out
    bad = ~missing & parsed.isna()
    return parsed, missing.to_numpy(bool), bad.to_numpy(bool)


def _observed_months(local):
    """How many times each calendar month (1-12) occurs in the span of ``local`` times."""
    observed = np.zeros(12, dtype=np.int64)
    if not len(local):
        return observed
    first, last = local.min(), local.max()
    for period in pd.period_range(first.tz_localize(None).to_period("M"),
                                  last.tz_localize(None).to_period("M"), freq="M"):
        observed[period.month - 1] += 1
    return observed


def time_profiles(times, types=None, timezone=DEFAULT_TIMEZONE):
    """Incident counts by local weekday x hour and by calendar month, for all incidents and
    per type.

    Parameters
    ----------
    times : sequence of date-times or strings (UTC; naive ones are UTC)
    types : sequence, optional, the incident types
    timezone : str, the local time zone (IANA name or offset)

    Returns
    -------
    (DataFrame, DataFrame, dict)
        hour_weekday: incident_type (:data:`ALL_TYPES` for all), weekday (1 = Monday ...
        7 = Sunday), weekday_name, hour (0-23, local), incidents, share_pct (of that type's
        timed incidents); 168 rows per type.
        months: incident_type, month (1-12), month_name, season, incidents, share_pct,
        observed_months (how often that month occurs between the first and the last
        incident), per_month (incidents / observed_months).
        info: timed, untimed (no time), bad_time (a value that is not a date-time), first,
        last (local ISO strings or None).
    """
    tz = parse_timezone(timezone)
    utc_times, missing, bad = parse_times(times)
    timed = ~(missing | bad)
    local = utc_times[timed].dt.tz_convert(tz)
    kinds = (pd.Series([ALL_TYPES] * len(utc_times)) if types is None else
             pd.Series(types).reset_index(drop=True).astype(object).where(
                 pd.Series(types).reset_index(drop=True).notna(), "(none)").astype(str))
    kinds = kinds[timed].to_numpy()
    weekday = local.dt.weekday.to_numpy()
    hour = local.dt.hour.to_numpy()
    month = local.dt.month.to_numpy()
    observed = _observed_months(local)
    groups = [(ALL_TYPES, np.ones(len(local), dtype=bool))]
    if types is not None:
        groups += [(k, kinds == k) for k in sorted(set(kinds))]
    hw, mo = [], []
    for kind, mask in groups:
        table = np.bincount(weekday[mask] * 24 + hour[mask], minlength=168)
        total = max(int(mask.sum()), 1)
        days, hours = np.divmod(np.arange(168), 24)
        hw.append(pd.DataFrame({
            "incident_type": kind, "weekday": days + 1,
            "weekday_name": np.array(WEEKDAYS, dtype=object)[days], "hour": hours,
            "incidents": table.astype(np.int64), "share_pct": 100.0 * table / total}))
        by_month = np.bincount(month[mask] - 1, minlength=12) if mask.any() else np.zeros(
            12, dtype=np.int64)
        with np.errstate(divide="ignore", invalid="ignore"):
            per = np.where(observed > 0, by_month / np.maximum(observed, 1), np.nan)
        mo.append(pd.DataFrame({
            "incident_type": kind, "month": np.arange(1, 13),
            "month_name": np.array(MONTHS, dtype=object),
            "season": np.array(SEASON_OF_MONTH, dtype=object),
            "incidents": by_month.astype(np.int64), "share_pct": 100.0 * by_month / total,
            "observed_months": observed, "per_month": per}))
    info = {"timed": int(timed.sum()), "untimed": int(missing.sum()), "bad_time": int(bad.sum()),
            "first": local.min().isoformat() if len(local) else None,
            "last": local.max().isoformat() if len(local) else None}
    return pd.concat(hw, ignore_index=True), pd.concat(mo, ignore_index=True), info


# --- the whole analysis --------------------------------------------------------------------
def incident_hotspots(incidents, grids=None, cell_size=None, grid_field=None,
                      time_field=None, type_field=None, neighbours="queen", band_m=None,
                      bandwidth=None, pixel_size=None, timezone=DEFAULT_TIMEZONE,
                      touch_m=0.01, progress=None, is_canceled=None):
    """Counts, Gi* and density of incidents per grid or per square cell, and their profiles.

    Parameters
    ----------
    incidents : GeoDataFrame of points (any CRS; measured in metres, see
        :func:`onegrid.processing.analysis.crs.to_metric`)
    grids : GeoDataFrame of polygons, optional; otherwise ``cell_size`` cells
    cell_size : float, metres
    grid_field : str, optional, the grids' code column (default: the feature index)
    time_field, type_field : str, optional, the incidents' time and type columns
    neighbours : "queen" or "distance"
    band_m : float, the distance band for ``distance`` (default: 1.5 cell sizes, or the
        median distance from a grid's centroid to its nearest other grid's centroid x 1.5)
    bandwidth : float, the kernel's radius in metres (default: 2 cell sizes, or 2 x the
        square root of the median grid area)
    pixel_size : float, metres (default bandwidth / 10)
    timezone : str
    touch_m : float, the distance within which grids count as touching (queen)

    Returns
    -------
    HotspotResult
        zones: the grids (their own columns kept) or cells, with incidents,
        density_per_km2, top_type (the most frequent type, ties to the first in order),
        neighbours (without the zone itself), gi_z, gi_p, gi_class; in the metric CRS.
        density: :class:`Raster`; hour_weekday, months: :func:`time_profiles`;
        info: counts (incidents, no_geometry, outside, timed, untimed, bad_time, zones,
        epsg, bandwidth, pixel_size, band_m, neighbours); warnings: (template, params) pairs.
    """
    def step(fraction):
        check_canceled(is_canceled)
        if progress is not None:
            progress(fraction)

    if neighbours not in NEIGHBOURS:
        raise OneGridError(N_("{value} is not a valid {parameter}; choose one of: {options}"),
                           value=neighbours, parameter="NEIGHBOURS",
                           options=", ".join(NEIGHBOURS))
    if grids is None and cell_size is None:
        raise OneGridError(N_("Give the grids or a cell size"))
    for column in (time_field, type_field):
        if column and column not in incidents.columns:
            raise OneGridError(N_("Layer {layer} has no field {field}; its fields are: "
                                  "{fields}"), layer=incidents.attrs.get("layer_name",
                                                                         "incidents"),
                               field=column, fields=", ".join(
                                   str(c) for c in incidents.columns
                                   if c != incidents.geometry.name))
    warnings = []
    layer = incidents.attrs.get("layer_name", "incidents")
    incidents, epsg = to_metric(incidents, layer)
    geoms = np.asarray(incidents.geometry.values, dtype=object)
    located = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    if (~located).any():
        warnings.append((N_("{count} incidents have no location: left out of the counts and "
                            "the density surface"), {"count": int((~located).sum())}))
    points = shapely.point_on_surface(geoms[located])
    xy = shapely.get_coordinates(points)
    step(0.1)

    if grids is not None:
        grids = align_crs(incidents.crs, grids, grids.attrs.get("layer_name", "grids"))
        if grid_field and grid_field not in grids.columns:
            raise OneGridError(N_("Layer {layer} has no field {field}; its fields are: "
                                  "{fields}"), layer=grids.attrs.get("layer_name", "grids"),
                               field=grid_field, fields=", ".join(
                                   str(c) for c in grids.columns if c != grids.geometry.name))
        zones = grids.copy()
        zone_geoms = np.asarray(zones.geometry.values, dtype=object)
        zone_of = zone_index(points, zone_geoms)
        if neighbours == "queen":
            weights = polygon_queen(zone_geoms, touch_m)
        centroids = shapely.get_coordinates(shapely.centroid(zone_geoms))
        areas = shapely.area(zone_geoms)
        if band_m is None and neighbours == "distance":
            d, _ = cKDTree(centroids).query(centroids, k=min(2, len(centroids)))
            band_m = 1.5 * float(np.median(d[:, -1])) if d.ndim == 2 else 1.0
        default_size = math.sqrt(float(np.median(areas))) if len(areas) else 100.0
    else:
        cell_size = float(cell_size)
        bounds = (*xy.min(axis=0), *xy.max(axis=0)) if len(xy) else None
        if bounds is None:
            raise OneGridError(N_("No incident has a location: no cells to count them in"))
        zones = square_cells(bounds, cell_size, incidents.crs)
        lattice = zones.attrs["lattice"]
        zone_of = cell_index(xy, lattice)
        if neighbours == "queen":
            weights = lattice_queen(lattice[2], lattice[3])
        centroids = shapely.get_coordinates(shapely.centroid(zones.geometry.values))
        areas = np.full(len(zones), cell_size * cell_size)
        band_m = 1.5 * cell_size if band_m is None else band_m
        default_size = cell_size
    if neighbours == "distance":
        weights = distance_band(centroids, float(band_m))
    step(0.3)

    n = len(zones)
    inside = zone_of >= 0
    outside = int((~inside).sum())
    if outside:
        warnings.append((N_("{count} incidents are outside every grid: left out of the "
                            "counts (they are in the density surface)"), {"count": outside}))
    counts = np.bincount(zone_of[inside], minlength=n).astype(np.int64)
    z, p = gi_star(counts, weights)
    if n and np.isnan(z).all():
        warnings.append((N_("Every zone has the same number of incidents: Gi* is undefined"),
                         {}))
    step(0.5)
    zones = zones.reset_index(drop=True)
    zones["incidents"] = counts
    zones["density_per_km2"] = np.where(areas > 0, counts / np.maximum(areas, 1e-9) * 1e6,
                                        np.nan)
    if type_field:
        kinds = incidents[type_field].to_numpy(dtype=object)[located]
        top = np.full(n, None, dtype=object)
        frame = pd.DataFrame({"zone": zone_of[inside], "kind": kinds[inside]}).dropna()
        if len(frame):
            table = frame.groupby(["zone", "kind"], sort=True).size().reset_index(name="n")
            table = table.sort_values(["zone", "n"], ascending=[True, False], kind="stable")
            best = table.drop_duplicates("zone")
            top[best["zone"].to_numpy()] = best["kind"].astype(str).to_numpy()
        zones["top_type"] = top
    zones["neighbours"] = (np.diff(weights.indptr) - 1).astype(np.int64)
    zones["gi_z"] = z
    zones["gi_p"] = p
    zones["gi_class"] = gi_classes(z, p)

    bandwidth = 2.0 * default_size if bandwidth is None else float(bandwidth)
    pixel = bandwidth / 10.0 if pixel_size is None else float(pixel_size)
    total = zones.total_bounds
    if len(xy):
        lo, hi = xy.min(axis=0), xy.max(axis=0)
        total = (min(total[0], lo[0]), min(total[1], lo[1]), max(total[2], hi[0]),
                 max(total[3], hi[1]))
    density = kernel_density(xy, bandwidth, pixel, bounds=total)
    step(0.8)

    times = incidents[time_field] if time_field else pd.Series([None] * len(incidents))
    types = incidents[type_field] if type_field else None
    hour_weekday, months, tinfo = time_profiles(times, types, timezone)
    if tinfo["untimed"]:
        warnings.append((N_("{count} incidents have no time: left out of the hour, weekday "
                            "and month profiles"), {"count": tinfo["untimed"]}))
    if tinfo["bad_time"]:
        warnings.append((N_("{count} incidents have a time that is not a date-time: left out "
                            "of the profiles"), {"count": tinfo["bad_time"]}))
    info = {"incidents": int(len(incidents)), "no_geometry": int((~located).sum()),
            "outside": outside, "zones": int(n), "epsg": epsg, "bandwidth": bandwidth,
            "pixel_size": pixel, "band_m": None if band_m is None else float(band_m),
            "neighbours": neighbours, **tinfo,
            "hot": int(np.char.startswith(zones["gi_class"].to_numpy(str), "hot").sum()),
            "cold": int(np.char.startswith(zones["gi_class"].to_numpy(str), "cold").sum())}
    step(1.0)
    return HotspotResult(zones, density, hour_weekday, months, info, warnings)
