"""Patrol presence from GPS fixes: visits, dwell, stops and revisit gaps per grid and day,
一日双巡 compliance, the share of days each road piece was patrolled, Koper-style measures at
hot spots, and a patrol plan from incident rates weighted by season.

Definitions (DOMAIN.md section 3; all vectorised with numpy over every fix at once):

- **Trip**: a device's fixes sorted by time, cut where two fixes are more than ``max_gap_s``
  apart (or where the input's trip id changes).
- **Time share of a fix**: half the time to the fix before plus half the time to the fix after
  in its trip (the first and last fix of a trip get only the inner half). A trip's shares add
  up to its duration.
- **Visit** (entry): a run of consecutive fixes of one trip in the same grid. It begins half
  way between the last fix outside and the first fix inside, and ends half way between the
  last fix inside and the next fix outside (or at the trip's first/last fix); its **dwell** is
  its end minus its begin (the sum of its fixes' shares). A run shorter than ``min_visit_s``
  is a pass-through (GPS jitter along a boundary, a corner cut): its time goes to the area the
  device was in before (after, at the start of a trip) and it makes no visit; a trip with no
  run that long makes no visit at all (counted as ``short_trips``).
- **Stop** (stay point): a stretch of a trip of at least ``stop_minutes`` during which every
  fix lies within ``stop_radius_m`` of the centre of the fixes' bounding box (windows that
  overlap are joined), trimmed to the first and last fix within that radius of the
  stretch's mean position (the walk towards and away from the stop is not part of it; a
  stretch shorter than ``stop_minutes`` after the trim is no stop). Its place is the mean of
  its fixes.
- **Longest gap** of a grid on a day: the longest time between the end of presence (any
  device) and the next visit's begin, among that day's visits (None with fewer than two).
- **一日双巡**: a grid-day complies when it has at least ``min_visits`` visits, at least one
  beginning before ``split_hour`` (local time) and one from ``split_hour`` on.
- **Road pieces**: roads cut into pieces of about ``segment_m`` metres; a fix within
  ``snap_m`` of a road is snapped to the nearest piece (by a KD-tree of points every
  :data:`SNAP_SAMPLE_M` metres along the roads); a piece's share of days is the days with a
  fix on it over the days of the period.
- **Hot spots** (Koper curve, DOMAIN.md section 3): visits, dwell, presence in minutes per
  hour of the period, stops of 10-15 minutes (:data:`KOPER_MINUTES`), the mean and longest
  revisit gap on a day and the share of revisits within 2 hours.

Days and half-days are local (``zone``, default UTC+8); times are stored in UTC.
"""
import datetime
import re
from typing import NamedTuple

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy.spatial import cKDTree

from . import tables
from . import tracks as tr
from .crs import to_metric
from .errors import N_, OneGridError, check_canceled
from .geom import locate

STOP_MINUTES = 10.0
STOP_RADIUS_M = 30.0
MIN_VISIT_S = 60.0
SPLIT_HOUR = 12.0
MIN_VISITS = 2
SNAP_M = 20.0
SEGMENT_M = 100.0
HOTSPOT_RADIUS_M = 50.0
#: Stops of this many minutes at a hot spot work best (Koper 1995).
KOPER_MINUTES = (10.0, 15.0)
#: Revisit a hot spot at least this often (hours).
REVISIT_H = 2.0
#: Spacing (m) of the sample points along roads that fixes are snapped to.
SNAP_SAMPLE_M = 5.0
#: Fixes put into point geometries at a time when locating them in polygons.
CHUNK = 500_000
#: Above this many points, polygon_index answers most of them from a lookup raster.
RASTER_ABOVE = 200_000
#: Cells of that raster, at most.
RASTER_CELLS = 2 ** 24
_NONE = -1          # outside every polygon
_EDGE = -3          # lookup raster: a boundary may pass through the cell
_SHORT = -2         # in a trip without any long run
DAY_S = 86400.0

# --- Seasons (patrol_plan) ----------------------------------------------------------------------
#: Month -> season (meteorological; China's customary 春 3-5, 夏 6-8, 秋 9-11, 冬 12-2).
SEASON_OF_MONTH = {1: "winter", 2: "winter", 3: "spring", 4: "spring", 5: "spring",
                   6: "summer", 7: "summer", 8: "summer", 9: "autumn", 10: "autumn",
                   11: "autumn", 12: "winter"}
SEASON_WEIGHT = 3.0
INCIDENTS_PER_EXTRA_VISIT = 1.0
MAX_VISITS = 12


class Fixes(NamedTuple):
    """GPS fixes as arrays, sorted by device and time, in a metric CRS."""

    device: np.ndarray   # int code per fix
    names: np.ndarray    # device id per code
    t: np.ndarray        # UTC epoch seconds (float)
    x: np.ndarray
    y: np.ndarray
    breaks: np.ndarray   # bool per fix: the input says a new trip starts here (or None)


def make_fixes(device, t, x, y, trip=None):
    """:class:`Fixes` from unsorted arrays (``device`` any hashable ids; ``trip`` optional
    trip ids: a change starts a trip). Sorted by device and time (stable)."""
    codes, names = pd.factorize(pd.Series(device, dtype=object), sort=True)
    codes = codes.astype(np.int32)
    t = np.asarray(t, dtype=np.float64)
    order = None
    if len(t) > 1:
        sorted_ok = bool(np.all((codes[1:] > codes[:-1]) | ((codes[1:] == codes[:-1])
                                                           & (t[1:] >= t[:-1]))))
        if not sorted_ok:
            order = np.lexsort((t, codes))
    take = (lambda a: a) if order is None else (lambda a: np.asarray(a)[order])
    breaks = None
    if trip is not None:
        tc = pd.factorize(pd.Series(take(np.asarray(trip, dtype=object)), dtype=object))[0]
        breaks = np.r_[False, tc[1:] != tc[:-1]]
    return Fixes(take(codes), np.asarray(names, dtype=object), take(t),
                 take(np.asarray(x, dtype=np.float64)), take(np.asarray(y, dtype=np.float64)),
                 breaks)


def time_shares(start, t):
    """Seconds attributed to each fix: half the step before plus half the step after, within
    its trip (``start`` marks each trip's first fix)."""
    n = len(t)
    if n == 0:
        return np.zeros(0)
    dt = np.r_[np.diff(t), 0.0]
    end = np.r_[start[1:], True]           # last fix of its trip
    after = np.where(end, 0.0, dt) / 2.0
    before = np.r_[0.0, after[:-1]]
    before[start] = 0.0
    return before + after


def runs(start, label):
    """Run starts: a new trip or a change of label."""
    out = start.copy()
    if len(label) > 1:
        out[1:] |= label[1:] != label[:-1]
    return out


def debounce(start, label, share, min_s):
    """Labels with pass-through runs (shorter than ``min_s``) given to the run before in the
    trip (after, at a trip's start); trips without a long run get :data:`_SHORT`."""
    n = len(label)
    if n == 0 or min_s <= 0:
        return label
    rs = runs(start, label)
    first = np.flatnonzero(rs)
    dwell = np.add.reduceat(share, first)
    trip = (np.cumsum(start) - 1)[first]
    long = dwell >= min_s
    k = np.arange(len(first))
    prev = np.maximum.accumulate(np.where(long, k, -1))
    prev_ok = (prev >= 0) & (trip[np.maximum(prev, 0)] == trip)
    nxt = np.minimum.accumulate(np.where(long, k, len(first))[::-1])[::-1]
    nxt_ok = (nxt < len(first)) & (trip[np.minimum(nxt, len(first) - 1)] == trip)
    run_label = label[first]
    new = np.where(long, run_label,
                   np.where(prev_ok, run_label[np.maximum(prev, 0)],
                            np.where(nxt_ok, run_label[np.minimum(nxt, len(first) - 1)],
                                     _SHORT)))
    return np.repeat(new, np.diff(np.r_[first, n]))


class Visits(NamedTuple):
    """Visits as arrays (one entry per visit), in fix order."""

    area: np.ndarray      # polygon index
    device: np.ndarray    # device code
    trip: np.ndarray      # trip number (global)
    begin: np.ndarray     # UTC seconds
    end: np.ndarray
    first: np.ndarray     # index of the first fix
    fixes: np.ndarray     # number of fixes


def visits(start, label, t, share, min_s, device):
    """:class:`Visits` of labelled fixes (label >= 0: in that polygon), and the count of
    trips with no long run."""
    label = debounce(start, label, share, min_s)
    n = len(label)
    if n == 0:
        empty = np.zeros(0, np.int64)
        return Visits(empty, empty, empty, np.zeros(0), np.zeros(0), empty, empty), 0
    rs = runs(start, label)
    first = np.flatnonzero(rs)
    count = np.diff(np.r_[first, n])
    dwell = np.add.reduceat(share, first)
    trip = (np.cumsum(start) - 1)[first]
    run_label = label[first]
    # Begin: half way from the fix before (same trip) to the first fix.
    before = np.where(start[first], 0.0, (t[first] - t[np.maximum(first - 1, 0)]) / 2.0)
    begin = t[first] - before
    short_trips = np.unique(trip[run_label == _SHORT]).size
    keep = run_label >= 0
    return Visits(run_label[keep].astype(np.int64), device[first][keep].astype(np.int64),
                  trip[keep], begin[keep], (begin + dwell)[keep], first[keep],
                  count[keep]), int(short_trips)


def _bbox_ok(x, y, lo, hi, limit):
    """Whether each window [lo, hi] of (x, y) fits: half its bounding-box diagonal <= limit.

    Range minima and maxima by a sparse table built level by level (only one level is kept),
    each window answered at the level of its length.
    """
    n = len(x)
    length = hi - lo + 1
    level = np.floor(np.log2(np.maximum(length, 1))).astype(np.int64)
    ok = np.zeros(len(lo), dtype=bool)
    tables = [x.copy(), x.copy(), y.copy(), y.copy()]  # xmin, xmax, ymin, ymax
    top = int(level.max()) if len(level) else -1
    for k in range(top + 1):
        q = np.flatnonzero(level == k)
        if len(q):
            a, b = lo[q], hi[q] - (1 << k) + 1
            xmin = np.minimum(tables[0][a], tables[0][b])
            xmax = np.maximum(tables[1][a], tables[1][b])
            ymin = np.minimum(tables[2][a], tables[2][b])
            ymax = np.maximum(tables[3][a], tables[3][b])
            ok[q] = np.hypot(xmax - xmin, ymax - ymin) <= 2.0 * limit
        if k < top:
            step = 1 << k
            m = n - (step << 1) + 1
            tables = [np.minimum(tables[0][:m], tables[0][step:step + m]),
                      np.maximum(tables[1][:m], tables[1][step:step + m]),
                      np.minimum(tables[2][:m], tables[2][step:step + m]),
                      np.maximum(tables[3][:m], tables[3][step:step + m])]
    return ok


class Stops(NamedTuple):
    device: np.ndarray
    trip: np.ndarray
    begin: np.ndarray     # UTC seconds of the first fix
    end: np.ndarray       # of the last fix
    x: np.ndarray
    y: np.ndarray
    fixes: np.ndarray


def stops(start, t, x, y, device, min_s, radius, chunk=2_000_000):
    """Stay points (module docstring): :class:`Stops`, one per stop.

    Every window from a fix to the first fix at least ``min_s`` later in its trip is tested
    (:func:`_bbox_ok`); overlapping windows that pass are joined into one stop.
    """
    n = len(t)
    found = []
    if n:
        trip = np.cumsum(start) - 1
        first = np.flatnonzero(start)
        # Chunks of whole trips keep the work arrays small.
        bounds = [0]
        for target in range(chunk, n, chunk):
            k = np.searchsorted(first, target)
            if k < len(first) and first[k] > bounds[-1]:
                bounds.append(int(first[k]))
        bounds.append(n)
        for lo_i, hi_i in zip(bounds[:-1], bounds[1:]):
            sl = slice(lo_i, hi_i)
            tt = t[sl]
            tr_ = trip[sl] - trip[lo_i]
            key = tr_.astype(np.float64) * 1e10 + (tt - tt.min())
            i = np.arange(hi_i - lo_i)
            e = np.searchsorted(key, key + min_s - 1e-6, side="left")
            valid = e < len(tt)
            valid[valid] &= tr_[e[valid]] == tr_[valid]
            i, e = i[valid], e[valid]
            if not len(i):
                continue
            xx = x[sl] - x[sl].mean()
            yy = y[sl] - y[sl].mean()
            ok = _bbox_ok(xx, yy, i, e, radius)
            i, e = i[ok], e[ok]
            if not len(i):
                continue
            reach = np.maximum.accumulate(e)
            new = np.r_[True, i[1:] > reach[:-1]]
            b = i[new]
            f = reach[np.r_[np.flatnonzero(new)[1:] - 1, len(i) - 1]]
            found.append((b + lo_i, f + lo_i))
    if not found:
        empty = np.zeros(0, np.int64)
        return Stops(empty, empty, np.zeros(0), np.zeros(0), np.zeros(0), np.zeros(0), empty)
    b = np.concatenate([pair[0] for pair in found])
    f = np.concatenate([pair[1] for pair in found])
    cx = np.r_[0.0, np.cumsum(x - x[0])]
    cy = np.r_[0.0, np.cumsum(y - y[0])]
    # Trim the fixes of the walk towards and away from the stop: keep from the first to the
    # last fix within the radius of the stop's mean position.
    count = f - b + 1
    mx = (cx[f + 1] - cx[b]) / count + x[0]
    my = (cy[f + 1] - cy[b]) / count + y[0]
    which = np.repeat(np.arange(len(b)), count)
    at = np.concatenate([np.arange(lo, hi + 1) for lo, hi in zip(b, f)]) if len(b) < 64 else \
        (np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
         + np.repeat(b, count))
    near = np.hypot(x[at] - mx[which], y[at] - my[which]) <= radius
    lo = np.full(len(b), np.iinfo(np.int64).max)
    hi = np.full(len(b), -1)
    np.minimum.at(lo, which[near], at[near])
    np.maximum.at(hi, which[near], at[near])
    ok = (hi >= 0) & (t[np.maximum(hi, 0)] - t[np.minimum(lo, len(t) - 1)] >= min_s - 1e-6)
    b, f = lo[ok], hi[ok]
    count = f - b + 1
    trip = np.cumsum(start) - 1
    return Stops(device[b].astype(np.int64), trip[b], t[b], t[f],
                 (cx[f + 1] - cx[b]) / count + x[0], (cy[f + 1] - cy[b]) / count + y[0],
                 count.astype(np.int64))


def polygon_index(x, y, polygons, chunk=CHUNK, is_canceled=None, raster_above=RASTER_ABOVE):
    """For each (x, y), the index of the polygon holding it (-1 for none).

    A point on a shared edge or in an overlap goes to the polygon that comes first. With more
    than ``raster_above`` points a lookup raster answers most of them (:func:`_cell_lookup`);
    the rest (near a boundary) are tested exactly, in chunks, with an STRtree.
    """
    n = len(x)
    out = np.full(n, _NONE, dtype=np.int64)
    polygons = np.asarray(polygons, dtype=object)
    if not n or not len(polygons):
        return out
    xmin, ymin, xmax, ymax = shapely.total_bounds(polygons)
    near = np.flatnonzero((x >= xmin) & (x <= xmax) & (y >= ymin) & (y <= ymax))
    if len(near) > raster_above:
        table, x0, y0, cell = _cell_lookup(polygons)
        ix = np.minimum(((x[near] - x0) / cell).astype(np.int64), table.shape[1] - 1)
        iy = np.minimum(((y[near] - y0) / cell).astype(np.int64), table.shape[0] - 1)
        found = table[iy, ix]
        del ix, iy
        known = found != _EDGE
        out[near[known]] = found[known]
        near = near[~known]
    tree = shapely.STRtree(polygons)
    shapely.prepare(polygons)
    for lo in range(0, len(near), chunk):
        check_canceled(is_canceled)
        part = near[lo:lo + chunk]
        out[part] = _locate_exact(x[part], y[part], polygons, tree)
    return out


def _locate_exact(x, y, polygons, tree):
    """:func:`.geom.locate` for coordinates: candidates by bounding box from ``tree``, then
    one vectorised intersects test per candidate polygon (prepared)."""
    out = np.full(len(x), len(polygons), dtype=np.int64)
    pi, gi = tree.query(shapely.points(x, y))
    if len(pi):
        order = np.argsort(gi, kind="stable")
        pi, gi = pi[order], gi[order]
        bounds = np.flatnonzero(np.r_[True, gi[1:] != gi[:-1], True])
        for a, b in zip(bounds[:-1], bounds[1:]):
            g = gi[a]
            p = pi[a:b]
            hit = p[shapely.intersects_xy(polygons[g], x[p], y[p])]
            out[hit] = np.minimum(out[hit], g)
    out[out == len(polygons)] = _NONE
    return out


def _cell_lookup(polygons, max_cells=RASTER_CELLS):
    """A raster over the polygons' extent: per cell the polygon holding it whole (-1 for
    none), or :data:`_EDGE` where a boundary may pass.

    Boundaries are sampled every half cell and the cells hit, grown by one cell, are edge
    cells: no boundary crosses any other cell. The other cells are grouped into connected
    pieces (scipy.ndimage.label); all cells of a piece lie in the same polygons, so one
    cell centre per piece, located exactly, answers for the piece.
    Returns (table, x0, y0, cell size).
    """
    from scipy import ndimage

    xmin, ymin, xmax, ymax = shapely.total_bounds(polygons)
    width, height = max(xmax - xmin, 1e-9), max(ymax - ymin, 1e-9)
    cell = max(np.sqrt(width * height / max_cells), 1e-3)
    nx, ny = int(np.ceil(width / cell)) + 1, int(np.ceil(height / cell)) + 1
    edge = np.zeros((ny, nx), dtype=bool)
    rings = shapely.segmentize(shapely.boundary(polygons[~shapely.is_missing(polygons)]),
                               cell / 2.0)
    xy = shapely.get_coordinates(rings)
    ix = np.clip(((xy[:, 0] - xmin) / cell).astype(np.int64), 0, nx - 1)
    iy = np.clip(((xy[:, 1] - ymin) / cell).astype(np.int64), 0, ny - 1)
    edge[iy, ix] = True
    del xy, ix, iy
    grown = edge.copy()                          # grow by one cell (3 x 3)
    grown[1:, :] |= edge[:-1, :]
    grown[:-1, :] |= edge[1:, :]
    edge = grown.copy()
    edge[:, 1:] |= grown[:, :-1]
    edge[:, :-1] |= grown[:, 1:]
    del grown
    labels, count = ndimage.label(~edge)
    del edge
    flat = labels.ravel()
    change = np.flatnonzero(np.diff(flat)) + 1
    change = np.r_[0, change]
    first = np.zeros(count + 1, dtype=np.int64)
    first[flat[change]] = change                 # some cell of each piece (any will do)
    cy, cx = np.divmod(first[1:], nx)
    owner = locate(shapely.points(xmin + (cx + 0.5) * cell, ymin + (cy + 0.5) * cell),
                   polygons)
    table = np.r_[_EDGE, owner].astype(np.int32)[labels]
    return table, xmin, ymin, cell


def local_days(t, zone):
    """Local day numbers (days since 1970-01-01 local) and local hours of UTC seconds."""
    local = tr.local_seconds(t, zone)
    day = np.floor(local / DAY_S).astype(np.int64)
    hour = (local - day * DAY_S) / 3600.0
    return day, hour


def day_number(value):
    """Days since 1970-01-01 of a date, ``YYYY-MM-DD`` text or datetime (None stays None)."""
    if value is None or value == "":
        return None
    try:
        day = pd.Timestamp(value).date()
    except (ValueError, TypeError):
        raise OneGridError(N_("{value} is not a date (write it as 2024-01-31)"),
                           value=value) from None
    return (day - datetime.date(1970, 1, 1)).days


def day_text(days):
    """``YYYY-MM-DD`` for day numbers."""
    return np.datetime_as_string(np.asarray(days, dtype="datetime64[D]"), unit="D").astype(object)


def _clock(seconds, zone):
    """Local ``HH:MM`` of UTC seconds (None for NaN)."""
    text = tr.local_text(seconds, zone)
    return np.array([None if v is None else v[11:16] for v in text], dtype=object)


def _road_pieces(lines, segment_m):
    """Road lines cut into pieces of about ``segment_m`` (at most twice that):
    (pieces, index of the line each comes from)."""
    lines = np.asarray(lines, dtype=object)
    ok = ~shapely.is_missing(lines) & ~shapely.is_empty(lines)
    parts, owner = shapely.get_parts(lines[ok], return_index=True)
    owner = np.flatnonzero(ok)[owner]
    keep = (shapely.get_type_id(parts) == 1) & (shapely.length(parts) > 0)
    parts, owner = shapely.segmentize(parts[keep], segment_m), owner[keep]
    xy, part = shapely.get_coordinates(parts, return_index=True)
    if not len(xy):
        return np.zeros(0, object), np.zeros(0, np.int64)
    step = np.r_[0.0, np.hypot(*np.diff(xy, axis=0).T)]
    new_part = np.r_[True, part[1:] != part[:-1]]
    step[new_part] = 0.0
    cum = np.cumsum(step)
    cum -= np.maximum.accumulate(np.where(new_part, cum, 0.0))
    bucket = np.floor(cum / segment_m).astype(np.int64)
    last = np.r_[new_part[1:], True]
    # The last vertex of a part joins the piece before it (never a piece of one vertex).
    bucket[last & ~new_part] = bucket[np.maximum(np.flatnonzero(last & ~new_part) - 1, 0)]
    key = np.r_[True, new_part[1:] | (bucket[1:] != bucket[:-1])]
    piece = np.cumsum(key) - 1
    # Copy each piece's first vertex (except a part's first) to the end of the piece before.
    copy = np.flatnonzero(key & ~new_part)
    xy2 = np.insert(xy, copy, xy[copy], axis=0)
    piece2 = np.insert(piece, copy, piece[copy] - 1)
    pieces = shapely.linestrings(xy2, indices=piece2)
    first_vertex = np.flatnonzero(key)
    return pieces, owner[part[first_vertex]]


def _snap_pieces(x, y, pieces, snap_m):
    """For each fix, the nearest road piece within ``snap_m`` (-1 for none).

    A KD-tree of points every :data:`SNAP_SAMPLE_M` metres along the pieces finds the nearest
    sample; the fix's distance to the two stretches of road beside that sample (exact, point
    to segment) decides whether it is within ``snap_m``.
    """
    dense = shapely.segmentize(pieces, SNAP_SAMPLE_M)
    samples, which = shapely.get_coordinates(dense, return_index=True)
    out = np.full(len(x), -1, dtype=np.int64)
    if not len(samples) or not len(x):
        return out
    tree = cKDTree(samples, balanced_tree=False, compact_nodes=False)
    dist, nearest = tree.query(np.column_stack([x, y]), k=1,
                               distance_upper_bound=snap_m + SNAP_SAMPLE_M / 2.0, workers=-1)
    hit = np.flatnonzero(np.isfinite(dist))
    k = nearest[hit]
    px, py = x[hit], y[hit]
    best = np.full(len(hit), np.inf)
    m = len(samples)
    for a, b in ((k - 1, k), (k, k + 1)):
        ok = (a >= 0) & (b < m)
        a, b = np.clip(a, 0, m - 1), np.clip(b, 0, m - 1)
        ok &= which[a] == which[b]
        ax, ay = samples[a, 0], samples[a, 1]
        dx, dy = samples[b, 0] - ax, samples[b, 1] - ay
        length2 = dx * dx + dy * dy
        with np.errstate(invalid="ignore", divide="ignore"):
            u = np.clip(np.where(length2 > 0, ((px - ax) * dx + (py - ay) * dy) / length2, 0),
                        0, 1)
        d = np.hypot(px - (ax + u * dx), py - (ay + u * dy))
        best = np.where(ok, np.minimum(best, d), best)
    best = np.where(np.isinf(best), dist[hit], best)  # a piece of one sample: the point itself
    near = best <= snap_m
    out[hit[near]] = which[k[near]]
    return out


def _gaps(key, begin, end):
    """Per visit (sorted by key, then begin), the gap since the presence before it in its key
    (NaN for the first of a key). Overlapping presence gives 0."""
    n = len(key)
    if n == 0:
        return np.zeros(0)
    base = key.astype(np.float64) * 1e10
    t0 = min(begin.min(), end.min())
    reach = np.maximum.accumulate(base + (end - t0))
    prev = np.r_[np.nan, reach[:-1]]
    gap = (base + (begin - t0)) - prev
    gap[np.r_[True, key[1:] != key[:-1]]] = np.nan
    return np.maximum(gap, 0.0)


class Coverage(NamedTuple):
    """What :func:`coverage_arrays` returns (frames without the polygons' own fields)."""

    grid_days: pd.DataFrame
    grids: pd.DataFrame
    visits: pd.DataFrame
    stops: pd.DataFrame
    roads: object       # DataFrame with ``piece`` and ``road`` (index of the input line), or None
    hotspots: object    # DataFrame or None
    counts: dict
    days: np.ndarray    # the local day numbers of the period


def coverage_arrays(fixes, grids, roads=None, hotspots=None, start_day=None, end_day=None,
                    zone=tr.LOCAL_ZONE, stop_minutes=STOP_MINUTES, stop_radius_m=STOP_RADIUS_M,
                    min_visit_s=MIN_VISIT_S, max_gap_s=tr.MAX_GAP_S, split_hour=SPLIT_HOUR,
                    min_visits=MIN_VISITS, snap_m=SNAP_M, segment_m=SEGMENT_M,
                    progress=None, is_canceled=None):
    """The patrol measures of :class:`Fixes` against polygon arrays (module docstring).

    ``grids`` and ``hotspots`` are arrays of polygons, ``roads`` of lines, all in the fixes'
    metric CRS; ``start_day``/``end_day`` local day numbers (inclusive; default the fixes'
    first and last day).
    """
    def report(f):
        if progress is not None:
            progress(f)

    _check_parameters(stop_minutes, stop_radius_m, min_visit_s, max_gap_s, split_hour,
                      min_visits, snap_m, segment_m)
    zone = tr.parse_zone(zone)
    counts = {"input": int(len(fixes.t))}
    day, hour = local_days(fixes.t, zone)
    if len(day) == 0 and (start_day is None or end_day is None):
        raise OneGridError(N_("No patrol fixes to measure"))
    first_day = int(day.min()) if start_day is None else int(start_day)
    last_day = int(day.max()) if end_day is None else int(end_day)
    if last_day < first_day:
        raise OneGridError(N_("The period ends ({end}) before it starts ({start})"),
                           start=day_text([first_day])[0], end=day_text([last_day])[0])
    in_range = (day >= first_day) & (day <= last_day)
    counts["outside_dates"] = int((~in_range).sum())
    if not in_range.all():
        sel = np.flatnonzero(in_range)
        fixes = Fixes(fixes.device[sel], fixes.names, fixes.t[sel], fixes.x[sel], fixes.y[sel],
                      None if fixes.breaks is None else fixes.breaks[sel])
        day, hour = day[sel], hour[sel]
    n_days = last_day - first_day + 1
    days = np.arange(first_day, last_day + 1)
    t, x, y, dev = fixes.t, fixes.x, fixes.y, fixes.device
    start = np.ones(len(t), dtype=bool)
    if len(t) > 1:
        start[1:] = (dev[1:] != dev[:-1]) | (np.diff(t) > max_gap_s)
        if fixes.breaks is not None:
            start[1:] |= fixes.breaks[1:]
    share = time_shares(start, t)
    counts.update(fixes=int(len(t)), trips=int(start.sum()),
                  devices=int(np.unique(dev).size),
                  single_fix_trips=int((np.diff(np.r_[np.flatnonzero(start), len(t)]) == 1).sum()))
    report(0.05)

    # Grids.
    grid_of = polygon_index(x, y, grids, is_canceled=is_canceled)
    counts["outside_grids"] = int((grid_of < 0).sum())
    report(0.35)
    vis, short = visits(start, grid_of, t, share, min_visit_s, dev)
    counts["short_trips"] = short
    counts["visits"] = int(len(vis.area))
    check_canceled(is_canceled)
    report(0.45)

    # Stops (detected from the shorter of STOP_MINUTES and the Koper range's start).
    detect_s = 60.0 * min(stop_minutes, KOPER_MINUTES[0])
    st = stops(start, t, x, y, dev, detect_s, stop_radius_m)
    st_dur = st.end - st.begin
    st_grid = polygon_index(st.x, st.y, grids)
    counted = st_dur >= 60.0 * stop_minutes - 1e-6
    counts["stops"] = int(counted.sum())
    report(0.6)

    # Per grid and day.
    n_grids = len(grids)
    v_day, v_hour = local_days(vis.begin, zone)
    v_day = np.clip(v_day, first_day, last_day) - first_day
    cell = vis.area * n_days + v_day
    size = n_grids * n_days
    n_vis = np.bincount(cell, minlength=size)
    am = np.bincount(cell, weights=(v_hour < split_hour), minlength=size)
    dwell = np.bincount(cell, weights=vis.end - vis.begin, minlength=size)
    s_day, _ = local_days(st.begin, zone)
    s_ok = counted & (st_grid >= 0)
    s_cell = st_grid[s_ok] * n_days + np.clip(s_day[s_ok], first_day, last_day) - first_day
    n_stops = np.bincount(s_cell, minlength=size)
    order = np.lexsort((vis.begin, cell))
    gap = np.full(len(cell), np.nan)
    gap[order] = _gaps(cell[order], vis.begin[order], vis.end[order])
    longest = np.full(size, np.nan)
    has_gap = np.isfinite(gap)
    if has_gap.any():
        np.fmax.at(longest, cell[has_gap], gap[has_gap])
    first_begin = np.full(size, np.inf)
    np.minimum.at(first_begin, cell, vis.begin)
    last_end = np.full(size, -np.inf)
    np.maximum.at(last_end, cell, vis.end)
    pair = np.unique(cell * (int(dev.max()) + 1 if len(dev) else 1) + vis.device) if len(
        cell) else np.zeros(0, np.int64)
    n_dev = np.bincount(pair // (int(dev.max()) + 1 if len(dev) else 1), minlength=size)
    pm = n_vis - am
    compliant = (n_vis >= min_visits) & (am >= 1) & (pm >= 1)
    grid_ix = np.repeat(np.arange(n_grids), n_days)
    day_ix = np.tile(days, n_grids)
    first_begin[~np.isfinite(first_begin)] = np.nan
    last_end[~np.isfinite(last_end)] = np.nan
    grid_days = pd.DataFrame({
        "grid": grid_ix,
        "day": day_text(day_ix),
        "visits": n_vis.astype(np.int64),
        "am_visits": am.astype(np.int64),
        "pm_visits": pm.astype(np.int64),
        "devices": n_dev.astype(np.int64),
        "dwell_min": np.round(dwell / 60.0, 2),
        "stops": n_stops.astype(np.int64),
        "longest_gap_min": np.round(longest / 60.0, 1),
        "first_visit": _clock(first_begin, zone),
        "last_visit": _clock(last_end, zone),
        "compliant": compliant.astype(np.int64),
    })
    per = lambda a: a.reshape(n_grids, n_days)  # noqa: E731
    with np.errstate(invalid="ignore"):
        longest_all = np.nanmax(np.where(np.isnan(per(longest)), -1.0, per(longest)), axis=1) \
            if n_grids else np.zeros(0)
    longest_all = np.where(longest_all < 0, np.nan, longest_all)
    grids_out = pd.DataFrame({
        "grid": np.arange(n_grids),
        "days": n_days,
        "days_visited": (per(n_vis) > 0).sum(axis=1).astype(np.int64),
        "compliant_days": per(compliant).sum(axis=1).astype(np.int64),
        "compliance_pct": np.round(100.0 * per(compliant).sum(axis=1) / n_days, 1),
        "visits": per(n_vis).sum(axis=1).astype(np.int64),
        "visits_per_day": np.round(per(n_vis).sum(axis=1) / n_days, 2),
        "dwell_min_per_day": np.round(per(dwell).sum(axis=1) / 60.0 / n_days, 2),
        "stops": per(n_stops).sum(axis=1).astype(np.int64),
        "longest_gap_min": np.round(longest_all / 60.0, 1),
    })
    counts["grid_days"] = int(size)
    counts["compliant_grid_days"] = int(compliant.sum())
    report(0.7)

    names = fixes.names
    visits_out = pd.DataFrame({
        "grid": vis.area,
        "device_id": names[vis.device] if len(vis.device) else np.array([], object),
        "trip": vis.trip,
        "begin_utc": tr.utc_timestamps(vis.begin),
        "end_utc": tr.utc_timestamps(vis.end),
        "begin_local": tr.local_text(vis.begin, zone),
        "day": day_text(v_day + first_day),
        "dwell_min": np.round((vis.end - vis.begin) / 60.0, 2),
        "fixes": vis.fixes,
        "gap_before_min": np.round(gap / 60.0, 1),
    })
    koper = (st_dur >= 60.0 * KOPER_MINUTES[0] - 1e-6) & (st_dur <= 60.0 * KOPER_MINUTES[1])
    stops_out = pd.DataFrame({
        "device_id": names[st.device] if len(st.device) else np.array([], object),
        "trip": st.trip,
        "begin_utc": tr.utc_timestamps(st.begin),
        "end_utc": tr.utc_timestamps(st.end),
        "begin_local": tr.local_text(st.begin, zone),
        "duration_min": np.round(st_dur / 60.0, 2),
        "fixes": st.fixes,
        "grid": st_grid,
        "koper": koper.astype(np.int64),
        "counted": counted.astype(np.int64),
        "x": st.x, "y": st.y,
    })

    roads_out = None
    if roads is not None and len(roads):
        check_canceled(is_canceled)
        pieces, owner = _road_pieces(roads, segment_m)
        piece_of = _snap_pieces(x, y, pieces, snap_m)
        hit = piece_of >= 0
        counts["snapped"] = int(hit.sum())
        pd_pairs = np.unique(piece_of[hit] * n_days + (day[hit] - first_day))
        days_on = np.bincount(pd_pairs // n_days, minlength=len(pieces))
        roads_out = pd.DataFrame({
            "road": owner,
            "piece_m": np.round(shapely.length(pieces), 1),
            "fixes": np.bincount(piece_of[hit], minlength=len(pieces)).astype(np.int64),
            "days_patrolled": days_on.astype(np.int64),
            "days": n_days,
            "share_days": np.round(days_on / n_days, 3),
        })
        roads_out["geometry"] = pieces
        counts["road_pieces"] = int(len(pieces))
        counts["road_pieces_patrolled"] = int((days_on > 0).sum())
    report(0.85)

    hot_out = None
    if hotspots is not None and len(hotspots):
        hot_out = _hotspot_measures(start, t, x, y, dev, share, hotspots, st, koper, counted,
                                    n_days, zone, min_visit_s)
    report(1.0)
    return Coverage(grid_days, grids_out, visits_out, stops_out, roads_out, hot_out, counts,
                    days)


def _hotspot_measures(start, t, x, y, dev, share, hotspots, st, koper, counted, n_days, zone,
                      min_visit_s):
    n = len(hotspots)
    spot = polygon_index(x, y, hotspots)
    hv, _ = visits(start, spot, t, share, min_visit_s, dev)
    d, _ = local_days(hv.begin, zone)
    key = hv.area * (int(d.max()) + 1 if len(d) else 1) + d if len(d) else hv.area
    order = np.lexsort((hv.begin, key))
    gap = np.full(len(key), np.nan)
    gap[order] = _gaps(key[order], hv.begin[order], hv.end[order])
    ok = np.isfinite(gap)
    gap_n = np.bincount(hv.area[ok], minlength=n)
    gap_sum = np.bincount(hv.area[ok], weights=gap[ok], minlength=n)
    gap_max = np.full(n, np.nan)
    if ok.any():
        np.fmax.at(gap_max, hv.area[ok], gap[ok])
    within = np.bincount(hv.area[ok], weights=gap[ok] <= REVISIT_H * 3600.0, minlength=n)
    dwell = np.bincount(hv.area, weights=hv.end - hv.begin, minlength=n)
    s_spot = polygon_index(st.x, st.y, hotspots)
    s_ok = s_spot >= 0
    with np.errstate(invalid="ignore", divide="ignore"):
        return pd.DataFrame({
            "hotspot": np.arange(n),
            "visits": np.bincount(hv.area, minlength=n).astype(np.int64),
            "dwell_min": np.round(dwell / 60.0, 2),
            "presence_min_per_hour": np.round(dwell / 60.0 / (24.0 * n_days), 3),
            "stops": np.bincount(s_spot[s_ok & counted], minlength=n).astype(np.int64),
            "koper_stops": np.bincount(s_spot[s_ok & koper], minlength=n).astype(np.int64),
            "revisit_gap_mean_min": np.round(np.where(gap_n > 0, gap_sum / gap_n, np.nan) / 60.0,
                                             1),
            "revisit_gap_max_min": np.round(gap_max / 60.0, 1),
            "revisits_within_2h_pct": np.round(np.where(gap_n > 0, 100.0 * within / gap_n,
                                                        np.nan), 1),
        })


def _check_parameters(stop_minutes, stop_radius_m, min_visit_s, max_gap_s, split_hour,
                      min_visits, snap_m, segment_m):
    for name, value, low in (("STOP_MINUTES", stop_minutes, 0.0),
                             ("STOP_RADIUS", stop_radius_m, 0.0),
                             ("MAX_GAP", max_gap_s, 0.0), ("SNAP_DISTANCE", snap_m, 0.0),
                             ("SEGMENT_LENGTH", segment_m, 0.0)):
        if value is None or not value > low:
            raise OneGridError(N_("{parameter} must be positive, not {value}"),
                               parameter=name, value=value)
    if min_visit_s is None or min_visit_s < 0:
        raise OneGridError(N_("{parameter} must be positive, not {value}"),
                           parameter="MIN_VISIT", value=min_visit_s)
    if split_hour is None or not 0 < split_hour < 24:
        raise OneGridError(N_("The half-day split hour must be between 0 and 24, not {value}"),
                           value=split_hour)
    if min_visits is None or min_visits < 1:
        raise OneGridError(N_("{parameter} must be positive, not {value}"),
                           parameter="MIN_VISITS", value=min_visits)


# --- From frames -------------------------------------------------------------------------------
class Result(NamedTuple):
    grid_days: pd.DataFrame          # per grid and day (grid key column first)
    grids: gpd.GeoDataFrame          # per grid, with the grids' own fields
    visits: pd.DataFrame
    stops: gpd.GeoDataFrame
    roads: object                    # GeoDataFrame or None
    hotspots: object                 # GeoDataFrame or None
    counts: dict
    crs: object


def frame_fixes(points, crs, device_field="device_id", time_field="recorded_at",
                trip_field=None, zone="UTC"):
    """:class:`Fixes` in ``crs`` (metric) from a point GeoDataFrame, and the counts of rows
    left out (``no_device``, ``no_time``, ``bad_time``, ``no_position``).

    Times without a zone are UTC here (the workspace and import_tracks store UTC).
    """
    for field in (device_field, time_field, trip_field):
        if field and field not in points.columns:
            raise OneGridError(N_("Layer {layer} has no field {field}; its fields are: "
                                  "{fields}"), layer=points.attrs.get("layer_name", "TRACKS"),
                               field=field, fields=", ".join(
                                   c for c in points.columns if c != points.geometry.name))
    device = pd.Series(tr.text_or_none(points[device_field]), dtype=object)
    t, reasons = tr.to_utc_seconds(points[time_field], zone)
    geoms = points.geometry.values
    xy = np.full((len(points), 2), np.nan)
    present = ~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)
    if present.any():
        xy[present] = shapely.get_coordinates(shapely.centroid(geoms[present]))[:, :2]
    if points.crs is not None and len(points):
        from pyproj import CRS, Transformer

        if CRS.from_user_input(points.crs) != CRS.from_user_input(crs):
            fwd = Transformer.from_crs(points.crs, crs, always_xy=True)
            ok = np.isfinite(xy).all(axis=1)
            xy[ok, 0], xy[ok, 1] = tables._transform(fwd, xy[ok, 0], xy[ok, 1])
    reasons = reasons.copy()
    no_xy = ~np.isfinite(xy).all(axis=1)
    reasons[no_xy & (reasons == None)] = "no_position"  # noqa: E711
    reasons[device.isna().to_numpy()] = "no_device"
    bad = {key: int((reasons == key).sum()) for key in ("no_device", "no_time", "bad_time",
                                                          "no_position")}
    ok = reasons == None  # noqa: E711
    trip = points[trip_field].to_numpy(dtype=object)[ok] if trip_field else None
    fixes = make_fixes(device.to_numpy(dtype=object)[ok], t[ok], xy[ok, 0], xy[ok, 1], trip)
    return fixes, bad


def _polygons(frame, name, crs):
    geoms = frame.to_crs(crs).geometry.values if frame.crs is not None else None
    if geoms is None:
        raise OneGridError(N_("Layer {layer} has no coordinate reference system"), layer=name)
    return geoms


def _own_fields(frame, key, ids):
    """A layer's own fields for an output: no geometry, and its feature id as ``key`` (a
    GeoPackage's ``fid`` field is renamed: copied to several rows it would clash as the
    output's feature id). ``key`` is only added when the frame has a ``fid`` column or when
    ``key`` is not ``grid_fid``."""
    own = pd.DataFrame(frame.drop(columns=frame.geometry.name)).reset_index(drop=True)
    had_fid = "fid" in own.columns
    if had_fid:
        own = own.drop(columns="fid")
    if (had_fid or key != "grid_fid") and key not in own.columns:
        own.insert(0, key, ids)
    return own


def patrol_coverage(points, grids, grid_field=None, roads=None, hotspots=None,
                    device_field="device_id", time_field="recorded_at", trip_field=None,
                    start=None, end=None, zone=tr.LOCAL_ZONE, stop_minutes=STOP_MINUTES,
                    stop_radius_m=STOP_RADIUS_M, min_visit_s=MIN_VISIT_S,
                    max_gap_s=tr.MAX_GAP_S, split_hour=SPLIT_HOUR, min_visits=MIN_VISITS,
                    snap_m=SNAP_M, segment_m=SEGMENT_M, hotspot_radius_m=HOTSPOT_RADIUS_M,
                    progress=None, is_canceled=None):
    """:func:`coverage_arrays` on GeoDataFrames; outputs in the grids' metric CRS.

    ``grid_field`` names the grids (default the index). Hot spots given as points become
    circles of ``hotspot_radius_m``. ``start``/``end`` are local dates (inclusive).
    Returns :class:`Result`; ``counts`` adds the rows left out of TRACKS (``no_device``,
    ``no_time``, ``bad_time``, ``no_position``).
    """
    if grid_field and grid_field not in grids.columns:
        raise OneGridError(N_("Layer {layer} has no field {field}; its fields are: {fields}"),
                           layer=grids.attrs.get("layer_name", "GRIDS"), field=grid_field,
                           fields=", ".join(c for c in grids.columns if c != "geometry"))
    metric, epsg = to_metric(grids, grids.attrs.get("layer_name", "GRIDS"))
    crs = metric.crs
    fixes, bad = frame_fixes(points, crs, device_field, time_field, trip_field)
    road_geoms = None if roads is None else _polygons(roads, "ROADS", crs)
    spot_geoms = None
    if hotspots is not None and len(hotspots):
        spot_geoms = _polygons(hotspots, "HOTSPOTS", crs)
        dims = shapely.get_dimensions(spot_geoms)
        spot_geoms = np.where(dims < 2, shapely.buffer(spot_geoms, hotspot_radius_m),
                              spot_geoms)
    cov = coverage_arrays(fixes, metric.geometry.values, road_geoms, spot_geoms,
                          day_number(start), day_number(end), zone, stop_minutes,
                          stop_radius_m, min_visit_s, max_gap_s, split_hour, min_visits,
                          snap_m, segment_m, progress, is_canceled)
    counts = dict(cov.counts)
    counts.update(bad)
    counts["input"] = int(len(points))
    keys = (metric[grid_field].to_numpy(dtype=object) if grid_field
            else np.asarray(metric.index, dtype=object))
    key_name = grid_field or "grid_fid"
    grid_days = cov.grid_days.copy()
    grid_days.insert(0, key_name, keys[grid_days.pop("grid").to_numpy()])
    summary = cov.grids.drop(columns="grid")
    own = _own_fields(metric, "grid_fid", np.asarray(metric.index))
    if not grid_field and key_name not in own.columns:
        own.insert(0, key_name, keys)
    grids_out = gpd.GeoDataFrame(pd.concat([own, summary.add_prefix("")], axis=1),
                                 geometry=metric.geometry.values, crs=crs)
    visits = cov.visits.copy()
    visits.insert(0, key_name, keys[visits.pop("grid").to_numpy()])
    st = cov.stops.copy()
    g = st.pop("grid").to_numpy()
    st.insert(0, key_name, np.where(g >= 0, keys[np.maximum(g, 0)], None))
    stops_out = gpd.GeoDataFrame(st.drop(columns=["x", "y"]),
                                 geometry=shapely.points(st["x"], st["y"]), crs=crs)
    roads_out = None
    if cov.roads is not None:
        r = cov.roads
        own_r = _own_fields(roads, "road_fid", np.asarray(roads.index)).iloc[
            r["road"].to_numpy()].reset_index(drop=True)
        roads_out = gpd.GeoDataFrame(pd.concat([own_r, r.drop(columns=["road", "geometry"])],
                                               axis=1), geometry=r["geometry"].to_numpy(),
                                     crs=crs)
    hot_out = None
    if cov.hotspots is not None:
        own_h = _own_fields(hotspots, "hotspot_fid", np.asarray(hotspots.index))
        hot_out = gpd.GeoDataFrame(pd.concat([own_h, cov.hotspots.drop(columns="hotspot")],
                                             axis=1), geometry=spot_geoms, crs=crs)
    return Result(grid_days, grids_out, visits, stops_out, roads_out, hot_out, counts, crs)


# --- Patrol plan -------------------------------------------------------------------------------
def plan_month(value):
    """``(year, month)`` of ``2026-07``, ``2026/7``, ``202607``, ``2026年7月`` or a date
    (``2026-07-15``); raises OneGridError otherwise."""
    if isinstance(value, (datetime.date, pd.Timestamp)):
        return value.year, value.month
    text = str(value or "").strip()
    match = re.match(r"^(\d{4})(?:[-/.年]?)(\d{1,2})月?(?:[-/.]\d{1,2}日?)?$", text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise OneGridError(N_("{value} is not a month: write it as 2026-07"), value=value)
    return int(match.group(1)), int(match.group(2))


def incident_rates(t, area, n_areas, month, zone=tr.LOCAL_ZONE, season_weight=SEASON_WEIGHT):
    """Incidents per day per area, months of the planning month's season weighted more.

    Parameters
    ----------
    t : UTC seconds of the incidents (NaN: no time, left out); area : index per incident
    (-1: outside every area, left out); month : (year, month) planned.

    The period observed runs from the first incident's local day to the last one's. Each
    month of it weighs ``season_weight`` when it is of the planning month's season
    (:data:`SEASON_OF_MONTH`), 1 otherwise; rate = sum(weight x incidents) / sum(weight x
    days observed in the month).

    Returns
    -------
    (rate per day per area, incidents per area, incidents in the season per area, months)
        ``months``: DataFrame month (YYYY-MM), season, days, weight, incidents.
    """
    ok = np.isfinite(t) & (area >= 0)
    day, _ = local_days(t[ok], zone)
    area = area[ok]
    season = SEASON_OF_MONTH[month[1]]
    if not len(day):
        empty = np.zeros(n_areas)
        return empty, empty.astype(np.int64), empty.astype(np.int64), pd.DataFrame(
            columns=["month", "season", "days", "weight", "incidents"])
    dates = np.asarray(day, dtype="datetime64[D]")
    months = dates.astype("datetime64[M]")
    m0, m1 = months.min(), months.max()
    all_months = np.arange(m0, m1 + np.timedelta64(1, "M"))
    first, last = dates.min(), dates.max()
    starts = all_months.astype("datetime64[D]")
    ends = (all_months + np.timedelta64(1, "M")).astype("datetime64[D]") - np.timedelta64(1, "D")
    span = (np.minimum(ends, last) - np.maximum(starts, first)).astype(np.int64) + 1
    month_no = all_months.astype(np.int64) % 12 + 1
    weight = np.where([SEASON_OF_MONTH[m] == season for m in month_no], season_weight, 1.0)
    mi = (months - m0).astype(np.int64)
    w_inc = np.bincount(area, weights=weight[mi], minlength=n_areas)
    rate = w_inc / float((weight * span).sum())
    same = np.array([SEASON_OF_MONTH[m] == season for m in month_no])[mi]
    table = pd.DataFrame({
        "month": np.datetime_as_string(all_months, unit="M").astype(object),
        "season": [SEASON_OF_MONTH[m] for m in month_no],
        "days": span.astype(np.int64), "weight": weight,
        "incidents": np.bincount(mi, minlength=len(all_months)).astype(np.int64)})
    return (rate, np.bincount(area, minlength=n_areas).astype(np.int64),
            np.bincount(area[same], minlength=n_areas).astype(np.int64), table)


def recommend(rate_per_day, actual_per_day, min_visits=MIN_VISITS,
              per_extra=INCIDENTS_PER_EXTRA_VISIT, max_visits=MAX_VISITS):
    """Recommended visits per day: ``min_visits`` plus one for every ``per_extra`` incidents a
    week (rounded down), at most ``max_visits`` (never below ``min_visits``); the shortfall
    (recommended - actual) and the rank by shortfall (1 = largest; ties by incident rate)."""
    if per_extra is None or not per_extra > 0:
        raise OneGridError(N_("{parameter} must be positive, not {value}"),
                           parameter="INCIDENTS_PER_EXTRA_VISIT", value=per_extra)
    weekly = 7.0 * np.asarray(rate_per_day, dtype=np.float64)
    extra = np.floor(weekly / per_extra + 1e-9)
    upper = max(int(max_visits), int(min_visits)) if max_visits else np.inf
    recommended = np.minimum(min_visits + extra, upper).astype(np.int64)
    shortfall = recommended - np.asarray(actual_per_day, dtype=np.float64)
    order = np.lexsort((-weekly, -shortfall))
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(1, len(order) + 1)
    return weekly, recommended, shortfall, rank


class Plan(NamedTuple):
    grids: gpd.GeoDataFrame   # per grid, ranked by shortfall
    months: pd.DataFrame
    counts: dict


def patrol_plan(coverage, incidents, time_field, month, grid_field=None, zone=tr.LOCAL_ZONE,
                min_visits=MIN_VISITS, per_extra=INCIDENTS_PER_EXTRA_VISIT,
                season_weight=SEASON_WEIGHT, max_visits=MAX_VISITS):
    """Per grid: the recommended visits a day against the actual ones, ranked by shortfall.

    Parameters
    ----------
    coverage : Result of :func:`patrol_coverage` (its ``grids`` give the actual visits).
    incidents : GeoDataFrame of points with ``time_field`` (UTC; text with an offset is
        converted).
    month : ``YYYY-MM`` planned.

    ``counts``: incidents, no_time (left out), outside_grids (left out), used, season.
    """
    ym = plan_month(month)
    grids = coverage.grids
    if time_field not in incidents.columns:
        raise OneGridError(N_("Layer {layer} has no field {field}; its fields are: {fields}"),
                           layer=incidents.attrs.get("layer_name", "INCIDENTS"),
                           field=time_field, fields=", ".join(
                               c for c in incidents.columns if c != incidents.geometry.name))
    t, reasons = tr.to_utc_seconds(incidents[time_field], "UTC")
    points = incidents.to_crs(grids.crs).geometry.values if len(incidents) else np.zeros(0, object)
    present = ~shapely.is_missing(points) & ~shapely.is_empty(points)
    area = np.full(len(incidents), _NONE, dtype=np.int64)
    if present.any():
        xy = shapely.get_coordinates(shapely.centroid(points[present]))
        area[present] = polygon_index(xy[:, 0], xy[:, 1], grids.geometry.values)
    rate, total, in_season, months = incident_rates(t, area, len(grids), ym, zone,
                                                    season_weight)
    weekly, recommended, shortfall, rank = recommend(
        rate, grids["visits_per_day"].to_numpy(), min_visits, per_extra, max_visits)
    out = grids.copy()
    out["incidents"] = total
    out["incidents_season"] = in_season
    out["incidents_per_week"] = np.round(weekly, 3)
    out["recommended_visits"] = recommended
    out["actual_visits_per_day"] = grids["visits_per_day"].to_numpy()
    out["shortfall"] = np.round(shortfall, 2)
    out["rank"] = rank
    out = out.sort_values("rank", kind="stable").reset_index(drop=True)
    counts = {"incidents": int(len(incidents)),
              "no_time": int(np.isin(reasons, ["no_time", "bad_time"]).sum()),
              "outside_grids": int(((area < 0) & np.isfinite(t)).sum()),
              "used": int(total.sum()),
              "season": SEASON_OF_MONTH[ym[1]],
              "month": f"{ym[0]:04d}-{ym[1]:02d}",
              "season_months": int((months["season"] == SEASON_OF_MONTH[ym[1]]).sum())
              if len(months) else 0,
              "short_of_plan": int((shortfall > 0).sum())}
    return Plan(out, months, counts)

