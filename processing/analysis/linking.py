"""Link register records to their building, parcel, base grid and community (no qgis).

人房地事物组织: a record (person, household, organisation, event, component) hangs on the place:
record -> building -> parcel -> base grid -> community. :func:`link_records` does it in bulk.

Semantics (written so that the SQL version for PostGIS can follow them line by line):

1. **Locations.** A record's location is its geometry's representative point (a point is
   itself). Records in longitude/latitude get swapped pairs fixed
   (:func:`onegrid.processing.analysis.tables.fix_swapped`) and, when ``source_system`` is
   GCJ02 or BD09, are converted to WGS 84 (:mod:`~onegrid.processing.analysis.coords`); both
   are noted in ``location_fix``. All work happens in the buildings' metric CRS.
2. **Building by coordinates.** ``point_in_building``: the building whose footprint
   contains or touches the point (the first in layer order on a shared wall). Otherwise
   ``nearest_building``: the nearest footprint within ``max_distance`` metres.
3. **Building by address.** When an address field is given,
   :func:`onegrid.processing.analysis.address.match_addresses` links the address to the
   buildings' standard addresses: ``address_exact`` or ``address_fuzzy``.
4. **Both.** With ``prefer="coordinates"`` (default) the coordinates decide and the address
   is used where they find no building; ``prefer="address"`` the other way round. Where both
   find a building and they differ, ``disagrees`` is 1 and ``address_building_id`` names the
   address's building.
5. **Parcel, grid, community of a building.** Parcel: the parcel with the largest overlap
   with the footprint. Grid: the grid holding the footprint's representative point (as
   :func:`onegrid.processing.analysis.synthetic.assign_grid` assigns buildings). Community:
   the grid's community field. A record linked to a building takes its building's parcel,
   grid and community, so that all residents of a building are in one grid; where the
   building is in no grid, the record's point decides.
6. **parcel_only.** A located record in no building and not near one, but inside a parcel,
   is linked to that parcel and the grid holding its point.
7. **Unmatched.** Everything else, with every reason that applies (no location, not in or
   near a building, address empty / not found / ambiguous). Unmatched records keep the grid
   and community their point lies in, when it does, so quality can be counted per grid.

``len(linked) + len(unmatched) == len(records)``: nothing is dropped.

>>> import geopandas as gpd, shapely
>>> b = gpd.GeoDataFrame({"building_code": ["B1"], "address": ["南京路1号"]},
...                      geometry=[shapely.box(0, 0, 10, 10)], crs="EPSG:32650")
>>> r = gpd.GeoDataFrame({"address": ["南京路一号", None]},
...                      geometry=[shapely.Point(5, 5), shapely.Point(500, 500)], crs=b.crs)
>>> out = link_records(r, b, address_field="address")
>>> out.linked["link_method"].tolist(), len(out.unmatched)
(['point_in_building'], 1)
"""
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import NamedTuple

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from geopandas.array import GeometryArray

from . import address as addr
from .coords import convert_geometries, is_lonlat, system_name
from .crs import align_crs, to_metric
from .errors import N_, OneGridError, check_canceled
from .gcpause import gc_paused
from .geom import locate
from .tables import fix_swapped

#: link_method values, best first.
METHODS = ("point_in_building", "nearest_building", "address_exact", "address_fuzzy",
           "parcel_only", "unmatched")
EXACT_METHOD, FUZZY_METHOD = addr.EXACT, addr.FUZZY
#: Columns added to every record.
LINK_COLUMNS = ("kind", "building_id", "parcel_id", "grid_id", "community_id", "link_method",
                "link_score", "distance_m", "address_building_id", "disagrees",
                "location_fix")
DEFAULT_MAX_DISTANCE = 30.0

R_NO_LOCATION = N_("Record has no location and no address")
R_NO_LOCATION_ONLY = N_("Record has no location")
R_NO_BUILDING = N_("Point is in no building, no building is within {distance} m and it is in "
                   "no parcel")


class LinkResult(NamedTuple):
    """What :func:`link_records` returns."""

    #: Linked records: the input columns, :data:`LINK_COLUMNS`; geometry = the record's point,
    #: or the building's representative point for a record linked by address alone.
    linked: gpd.GeoDataFrame
    #: The other records: the input columns, kind, grid_id, community_id (where their point
    #: lies), link_method ("unmatched"), location_fix, ``reason`` (English, "; "-joined)
    #: and ``reasons`` (list of (template, params) pairs, for translation).
    unmatched: gpd.GeoDataFrame
    #: One row per building: building_id, parcel_id, grid_id, community_id.
    buildings: pd.DataFrame
    #: Counts: records, linked, unmatched, per method, disagreements, swapped, converted.
    info: dict


def has_geometry(frame):
    """Whether ``frame`` is a GeoDataFrame with an active geometry column."""
    name = getattr(frame, "_geometry_column_name", None)
    return isinstance(frame, gpd.GeoDataFrame) and name is not None and name in frame.columns


def _ids(frame, field, layer):
    """The id of each feature: ``field``'s values as text, or the frame's index."""
    if frame is None:
        return None
    if field:
        if field not in frame.columns:
            raise OneGridError(N_("Layer {layer} has no field {field}; its fields are: "
                                  "{fields}"), layer=layer, field=field,
                               fields=", ".join(c for c in frame.columns if c != "geometry"))
        values = frame[field].astype(object)
        return np.array([None if pd.isna(v) else str(v) for v in values], dtype=object)
    return np.array([str(i) for i in frame.index], dtype=object)


def _nones(n):
    """An object array of ``n`` None (``np.empty`` fills object arrays with None, faster
    than ``np.full``)."""
    return np.empty(n, dtype=object)


def _pick(ids, positions):
    """``ids[positions]`` with None where the position is -1."""
    out = _nones(len(positions))
    ok = positions >= 0
    if ids is not None and ok.any():
        out[ok] = ids[positions[ok]]
    return out


def _cell_size(bounds):
    """A grid cell size for boxes ``bounds``: their median larger side (fewer candidate
    pairs than larger cells, a table still small)."""
    sides = np.maximum(bounds[:, 2] - bounds[:, 0], bounds[:, 3] - bounds[:, 1])
    sides = sides[np.isfinite(sides)]
    return max(float(np.median(sides)), 1e-6) if len(sides) else 1.0


class CellIndex:
    """Boxes listed under the cells of a uniform grid: a spatial hash in numpy.

    Every box is listed under the grid cells of ``size`` metres its extent covers (sorted by
    cell); :meth:`pairs` lets every point look up its own cell and drops the pairs whose
    box does not hold the point. The cell of a coordinate is one monotonic function for
    boxes and points, so a point inside a box always lands in one of its cells.

    The lookup is two tables over the grid (first entry and count of each cell) written
    only at the occupied cells: zeroed memory the kernel maps lazily, so an empty cell
    costs nothing until a point reads it. When the grid is very large compared with the
    data, a binary search over the sorted cells replaces the tables. Built once, the index
    is only read: threads may query it at the same time.

    Parameters
    ----------
    bounds : (m, 4) float array of minx, miny, maxx, maxy (NaN rows are left out)
    size : float, optional (default :func:`_cell_size`)
    """

    def __init__(self, bounds, size=None):
        self.live = np.flatnonzero(np.isfinite(bounds).all(axis=1))
        b = self.boxes = bounds[self.live]
        if not len(b):
            return
        size = size or _cell_size(b)
        self.x0, self.y0 = b[:, 0].min(), b[:, 1].min()
        while True:
            self.scale = 1.0 / size
            # truncation is the floor here: box coordinates are >= the origin
            cx0 = ((b[:, 0] - self.x0) * self.scale).astype(np.int64)
            cy0 = ((b[:, 1] - self.y0) * self.scale).astype(np.int64)
            ncx = ((b[:, 2] - self.x0) * self.scale).astype(np.int64) - cx0 + 1
            ncy = ((b[:, 3] - self.y0) * self.scale).astype(np.int64) - cy0 + 1
            counts = ncx * ncy
            if counts.sum() <= 16 * len(b) + 1_000_000:
                break
            size *= 2.0  # a few huge boxes: coarser cells
        self.width = int((cx0 + ncx).max())
        self.height = int((cy0 + ncy).max())
        box = np.repeat(np.arange(len(b)), counts)
        k = np.arange(len(box)) - np.repeat(np.cumsum(counts) - counts, counts)
        cell = (cy0[box] + k // ncx[box]) * self.width + cx0[box] + k % ncx[box]
        order = np.argsort(cell, kind="stable")
        self.cell, self.box = cell[order], box[order]
        self.start = self.count = None
        cells = self.width * self.height
        if cells <= 8 * len(self.cell) + 24_000_000:
            first = np.flatnonzero(np.r_[True, self.cell[1:] != self.cell[:-1]])
            entries = np.int32 if len(self.cell) < 2 ** 31 else np.int64
            self.start = np.zeros(cells, dtype=entries)
            self.count = np.zeros(cells, dtype=entries)
            self.start[self.cell[first]] = first
            self.count[self.cell[first]] = np.diff(np.r_[first, len(self.cell)])

    def pairs(self, xy):
        """Pairs (point, box) whose box holds the point: each pair once, points in
        ascending order and, for each point, its boxes in ascending order. Points with NaN
        coordinates are left out.

        Parameters
        ----------
        xy : (n, 2) float array, NaN for no point

        Returns
        -------
        (point index array, box index array)
        """
        empty = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
        if not len(self.live) or not len(xy):
            return empty
        with np.errstate(invalid="ignore"):
            fx = (xy[:, 0] - self.x0) * self.scale
            fy = (xy[:, 1] - self.y0) * self.scale
            inside = (fx >= 0) & (fx < self.width) & (fy >= 0) & (fy < self.height)
        pcell = np.where(inside, fy.astype(np.int64) * self.width + fx.astype(np.int64), 0)
        del fx, fy
        if self.start is not None:
            lo = self.start[pcell].astype(np.int64)
            n_c = np.where(inside, self.count[pcell], 0).astype(np.int64)
        else:
            lo = np.searchsorted(self.cell, pcell, side="left")
            n_c = np.where(inside, np.searchsorted(self.cell, pcell, side="right") - lo, 0)
        total = int(n_c.sum())
        if not total:
            return empty
        pi = np.repeat(np.arange(len(xy)), n_c)
        offset = np.arange(total) - np.repeat(np.cumsum(n_c) - n_c, n_c)
        bi = self.box[np.repeat(lo, n_c) + offset]
        # keep the pairs whose box holds the point (the cell only says it might)
        b = self.boxes
        x, y = xy[pi, 0], xy[pi, 1]
        keep = (x >= b[bi, 0]) & (x <= b[bi, 2]) & (y >= b[bi, 1]) & (y <= b[bi, 3])
        return pi[keep], self.live[bi[keep]]


def cell_pairs(xy, bounds, size=None):
    """Pairs (point, box) whose box holds the point (:class:`CellIndex`, built for one
    query)."""
    return CellIndex(bounds, size).pairs(xy)


def _point_xy(geoms):
    """(n, 2) coordinates of points; NaN for anything else (missing, empty, not a point)."""
    xy = np.full((len(geoms), 2), np.nan)
    try:  # one pass per axis when there is no empty point (GEOS refuses those)
        xy[:, 0] = shapely.get_x(geoms)
        xy[:, 1] = shapely.get_y(geoms)
    except shapely.errors.GEOSException:
        ok = ~shapely.is_empty(geoms)
        xy[ok, 0] = shapely.get_x(geoms[ok])
        xy[ok, 1] = shapely.get_y(geoms[ok])
    return xy


def _first_per_point(pi):
    """Mask of the first pair of each point in pairs sorted by point."""
    return np.r_[True, pi[1:] != pi[:-1]] if len(pi) else np.zeros(0, dtype=bool)


class Polygons:
    """Polygons made ready for many point queries: prepared, their boxes, whether each
    fills its box (an axis-aligned rectangle, decided by the box alone) and a
    :class:`CellIndex` of the boxes, grown by a distance when one is asked for.

    Call :meth:`index` for every distance before querying from several threads (the
    queries then only read)."""

    def __init__(self, polygons):
        self.polygons = np.asarray(polygons, dtype=object)
        self.bounds = shapely.bounds(self.polygons)
        b = self.bounds
        box_area = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
        self.filled = (np.abs(shapely.area(self.polygons) - box_area)
                       <= 1e-9 * np.maximum(box_area, 1.0))
        shapely.prepare(self.polygons)
        self._indexes = {}
        self._edges = None
        self._lock = threading.Lock()

    def index(self, grow=0.0):
        """The :class:`CellIndex` of the boxes grown by ``grow`` on every side."""
        if grow not in self._indexes:
            self._indexes[grow] = CellIndex(
                self.bounds + np.array([-1.0, -1.0, 1.0, 1.0]) * grow if grow
                else self.bounds)
        return self._indexes[grow]

    def locate(self, xy):
        """For each point (coordinates ``xy``, NaN for none), the position of the polygon
        containing or touching it, -1 for none; the first one on a shared edge or in an
        overlap."""
        out = np.full(len(xy), -1, dtype=np.int64)
        if not len(xy) or not len(self.polygons):
            return out
        pi, gi = self.index().pairs(xy)
        test = np.flatnonzero(~self.filled[gi])
        if len(test):
            ok = np.ones(len(pi), dtype=bool)
            ok[test] = self._intersects_xy(gi[test], xy[pi[test], 0], xy[pi[test], 1])
            pi, gi = pi[ok], gi[ok]
        first = _first_per_point(pi)
        out[pi[first]] = gi[first]
        return out

    def nearest(self, xy, max_distance):
        """For each point, the nearest polygon within ``max_distance`` (-1 for none; the
        first in order on a tie) and its distance (NaN for none).

        Candidates are the polygons whose box grown by ``max_distance`` holds the point;
        the exact distances of those pairs decide. The distance to a polygon that fills
        its box is the distance to the box; the others are measured by shapely.
        (STRtree.query_nearest gives the same answer but is several times slower for many
        points with no polygon in reach.)"""
        out = np.full(len(xy), -1, dtype=np.int64)
        dist = np.full(len(xy), np.nan)
        if not len(xy) or not len(self.polygons):
            return out, dist
        pi, gi = self.index(max_distance).pairs(xy)
        if not len(pi):
            return out, dist
        x, y, b = xy[pi, 0], xy[pi, 1], self.bounds[gi]
        d = np.hypot(np.maximum(np.maximum(b[:, 0] - x, x - b[:, 2]), 0.0),
                     np.maximum(np.maximum(b[:, 1] - y, y - b[:, 3]), 0.0))
        other = np.flatnonzero(~self.filled[gi] & (d <= max_distance))
        if len(other):
            d[other] = self._distance(gi[other], x[other], y[other])
        near = d <= max_distance
        pi, gi, d = pi[near], gi[near], d[near]
        if not len(pi):
            return out, dist
        # the least distance of each point; on a tie the first polygon (pairs come sorted
        # by point, then polygon)
        first = _first_per_point(pi)
        least = np.minimum.reduceat(d, np.flatnonzero(first))[np.cumsum(first) - 1]
        best = d == least
        pi, gi, d = pi[best], gi[best], d[best]
        first = _first_per_point(pi)
        out[pi[first]] = gi[first]
        dist[pi[first]] = d[first]
        return out, dist

    #: Polygons with at most this many edges are tested in numpy (:meth:`_edge_table`);
    #: larger ones by GEOS, whose prepared polygons index their edges.
    MAX_EDGES = 32
    #: Edges handled at once by :meth:`_on_edges` (bounds its memory).
    EDGE_BLOCK = 1 << 21

    def _edge_table(self):
        """The ring edges (all rings, all parts) of the polygons and multipolygons that do
        not fill their box and have at most :data:`MAX_EDGES` edges: (k, 4) endpoints
        x1, y1, x2, y2 and, per polygon position, its first edge and edge count (0 for a
        polygon left to GEOS). Built once, under a lock (threads share the object)."""
        with self._lock:
            if self._edges is None:
                n = len(self.polygons)
                kind = shapely.get_type_id(self.polygons)
                sel = np.flatnonzero(
                    ~self.filled & np.isfinite(self.bounds[:, 0]) & ((kind == 3) | (kind == 6))
                    & (shapely.get_num_coordinates(self.polygons) <= self.MAX_EDGES + 1))
                parts, part_of = shapely.get_parts(self.polygons[sel], return_index=True)
                rings, ring_of = shapely.get_rings(parts, return_index=True)
                coords, coord_of = shapely.get_coordinates(rings, return_index=True)
                same = np.flatnonzero(coord_of[1:] == coord_of[:-1])
                owner = sel[part_of[ring_of[coord_of[same]]]]
                segments = np.hstack([coords[same], coords[same + 1]])
                count = np.bincount(owner, minlength=n)
                self._edges = (segments, np.cumsum(count) - count, count)
        return self._edges

    def _on_edges(self, gi, x, y, distance=False):
        """For pairs (polygon ``gi`` of the edge table, point ``x``, ``y``): whether the
        point is inside (ray crossing parity over all rings), whether that is uncertain
        (an edge passes within rounding error of the point: on the boundary or nearly)
        and, with ``distance``, the distance to the nearest edge (the formula of GEOS's
        point-to-segment distance).

        The crossing of an edge is the sign of one cross product; it is trusted only where
        the product is clearly away from zero (far above its rounding error), so a sure
        answer is the exact one."""
        segments, start, count = self._edge_table()
        inside = np.zeros(len(gi), dtype=bool)
        unsure = np.zeros(len(gi), dtype=bool)
        near = np.full(len(gi), np.inf) if distance else None
        cnt = count[gi]
        ends = np.cumsum(cnt)
        cuts = np.searchsorted(ends, np.arange(self.EDGE_BLOCK, ends[-1] if len(ends) else 0,
                                               self.EDGE_BLOCK), side="right")
        for lo, hi in zip(np.r_[0, cuts], np.r_[cuts, len(gi)]):
            if hi <= lo:
                continue
            c = cnt[lo:hi]
            first = np.cumsum(c) - c
            pair = np.repeat(np.arange(hi - lo), c)
            edge = np.repeat(start[gi[lo:hi]] - first, c) + np.arange(int(c.sum()))
            seg = segments[edge]
            ax, ay, bx, by = seg[:, 0], seg[:, 1], seg[:, 2], seg[:, 3]
            px, py = x[lo:hi][pair], y[lo:hi][pair]
            dx, dy = bx - ax, by - ay
            t1, t2 = dx * (py - ay), dy * (px - ax)
            det = t1 - t2
            up = by > py
            cross = ((ay > py) != up) & ((det > 0) == up)
            doubt = ((np.abs(det) <= 1e-12 * (np.abs(t1) + np.abs(t2)))
                     & (py >= np.minimum(ay, by)) & (py <= np.maximum(ay, by)))
            inside[lo:hi] = np.add.reduceat(cross, first, dtype=np.intp) % 2 == 1
            unsure[lo:hi] = np.logical_or.reduceat(doubt, first)
            if distance:
                with np.errstate(invalid="ignore", divide="ignore"):
                    len2 = dx * dx + dy * dy
                    r = ((px - ax) * dx + (py - ay) * dy) / len2
                    s = ((ay - py) * dx - (ax - px) * dy) / len2
                    to_a = np.sqrt((px - ax) ** 2 + (py - ay) ** 2)
                    to_b = np.sqrt((px - bx) ** 2 + (py - by) ** 2)
                    d = np.where((r <= 0.0) | (len2 == 0), to_a,
                                 np.where(r >= 1.0, to_b, np.abs(s) * np.sqrt(len2)))
                near[lo:hi] = np.minimum.reduceat(d, first)
        return inside, unsure, near

    def _by_edges(self, gi, x, y, distance=False):
        """Per pair (polygon ``gi``, point ``x``, ``y``): the answer of :meth:`_on_edges`
        (inside, or with ``distance`` the distance: 0 inside, else the nearest edge's) and
        the positions of the pairs GEOS must answer instead (uncertain, or a polygon not
        in the edge table)."""
        count = self._edge_table()[2]
        mine = np.flatnonzero(count[gi] > 0)
        inside, unsure, near = self._on_edges(gi[mine], x[mine], y[mine], distance)
        out = np.zeros(len(gi), dtype=np.float64 if distance else bool)
        out[mine] = np.where(inside, 0.0, near) if distance else inside
        geos = np.ones(len(gi), dtype=bool)
        geos[mine[~unsure]] = False
        return out, np.flatnonzero(geos)

    def _intersects_xy(self, gi, x, y):
        """Whether polygon ``gi`` contains or touches point ``x``, ``y``, per pair."""
        out, geos = self._by_edges(gi, x, y)
        if len(geos):
            out[geos] = shapely.intersects_xy(self.polygons[gi[geos]], x[geos], y[geos])
        return out

    def _distance(self, gi, x, y):
        """Distance from point ``x``, ``y`` to polygon ``gi``, per pair."""
        out, geos = self._by_edges(gi, x, y, distance=True)
        if len(geos):
            out[geos] = shapely.distance(shapely.points(x[geos], y[geos]),
                                         self.polygons[gi[geos]])
        return out


def points_in_polygons(points, polygons, xy=None):
    """For each point, the position of the polygon containing or touching it (-1 for none);
    on a shared edge or in an overlap the polygon that comes first.

    The same answer as :func:`onegrid.processing.analysis.geom.locate`, faster for many
    points (:meth:`Polygons.locate`). ``xy`` may give the points' coordinates (NaN for
    missing points) when known.
    """
    points = np.asarray(points, dtype=object)
    if not len(points) or not len(polygons):
        return np.full(len(points), -1, dtype=np.int64)
    return Polygons(polygons).locate(_point_xy(points) if xy is None else xy)


def nearest_within(points, polygons, max_distance, xy=None):
    """For each point, the nearest polygon within ``max_distance`` (-1 for none; the first
    in order on a tie) and its distance (NaN for none): :meth:`Polygons.nearest`."""
    points = np.asarray(points, dtype=object)
    if not len(points) or not len(polygons):
        return np.full(len(points), -1, dtype=np.int64), np.full(len(points), np.nan)
    return Polygons(polygons).nearest(_point_xy(points) if xy is None else xy, max_distance)


def _by_coordinates(xy, footprints, max_distance):
    """Step 2 for points ``xy``: the building position of each (-1 for none), its
    distance (0 inside, NaN for none) and whether it is a nearest building. ``footprints``
    is a :class:`Polygons` with the index for ``max_distance`` built."""
    found = footprints.locate(xy)
    distance = np.where(found >= 0, 0.0, np.nan)
    nearest = np.zeros(len(found), dtype=bool)
    outside = np.flatnonzero(found < 0)
    if len(outside) and max_distance > 0:
        near, dist = footprints.nearest(xy[outside], max_distance)
        hit = near >= 0
        found[outside[hit]] = near[hit]
        distance[outside[hit]] = dist[hit]
        nearest[outside[hit]] = True
    return found, distance, nearest


def largest_overlap(polygons, others):
    """For each polygon, the position of the ``others`` polygon it overlaps most (-1 for
    none); a polygon touching only along an edge counts as no overlap unless its centroid is
    inside (then that one is taken)."""
    polygons = np.asarray(polygons, dtype=object)
    out = np.full(len(polygons), -1, dtype=np.int64)
    if not len(polygons) or others is None or not len(others):
        return out
    others = np.asarray(others, dtype=object)
    tree = shapely.STRtree(others)
    pi, oi = tree.query(polygons, predicate="intersects")
    # A polygon meeting one other only, with its representative point inside it, needs no
    # intersection: that one holds the largest part.
    single = np.bincount(pi, minlength=len(polygons)) == 1
    if single.any():
        sel = single[pi]
        inner = shapely.get_coordinates(shapely.point_on_surface(polygons[pi[sel]]))
        shapely.prepare(others)
        ok = shapely.intersects_xy(others[oi[sel]], inner[:, 0], inner[:, 1])
        out[pi[sel][ok]] = oi[sel][ok]
        rest_pairs = ~sel
        rest_pairs[np.flatnonzero(sel)[~ok]] = True
        pi, oi = pi[rest_pairs], oi[rest_pairs]
    if len(pi):
        area = shapely.area(shapely.intersection(polygons[pi], others[oi]))
        order = np.lexsort((oi, -area, pi))
        pi, oi, area = pi[order], oi[order], area[order]
        first = np.unique(pi, return_index=True)[1]
        keep = area[first] > 0
        out[pi[first][keep]] = oi[first][keep]
    rest = np.flatnonzero(out < 0)
    if len(rest):
        out[rest] = locate(shapely.point_on_surface(polygons[rest]), others, tree)
    return out


def building_links(buildings, parcels=None, grids=None, building_id=None, parcel_id=None,
                   grid_id=None, community_field=None):
    """building -> parcel (largest overlap), -> grid (representative point), -> community.

    All frames in the same metric CRS. Returns a DataFrame aligned with ``buildings``:
    building_id, parcel_id, grid_id, community_id and the positions parcel_pos, grid_pos.
    """
    geoms = buildings.geometry.values
    parcel_pos = (largest_overlap(geoms, parcels.geometry.values) if parcels is not None
                  else np.full(len(buildings), -1, dtype=np.int64))
    grid_pos = (points_in_polygons(shapely.point_on_surface(geoms), grids.geometry.values)
                if grids is not None else np.full(len(buildings), -1, dtype=np.int64))
    communities = _ids(grids, community_field, "grids") if community_field else None
    return pd.DataFrame({
        "building_id": _ids(buildings, building_id, "buildings"),
        "parcel_id": _pick(_ids(parcels, parcel_id, "parcels"), parcel_pos),
        "grid_id": _pick(_ids(grids, grid_id, "grids"), grid_pos),
        "community_id": _pick(communities, grid_pos),
        "parcel_pos": parcel_pos, "grid_pos": grid_pos,
    }, index=buildings.index)


def _locations(records, metric_crs, source_system):
    """Representative points of the records in ``metric_crs`` (None for none), their
    coordinates (NaN for none), a fix note per record and the counts of swapped and
    converted ones."""
    n = len(records)
    fix = _nones(n)
    if not has_geometry(records) or records.crs is None and not records.geometry.notna().any():
        return _nones(n), np.full((n, 2), np.nan), fix, 0, 0
    if records.crs is None:
        raise OneGridError(N_("Layer {layer} has no coordinate reference system"),
                           layer=records.attrs.get("layer_name", "records"))
    geoms = np.asarray(records.geometry.values, dtype=object)
    # a point's coordinates; NaN for a missing geometry, an empty or unplaced point and
    # (until their representative points) the other geometries
    xy = _point_xy(geoms)
    unplaced = np.flatnonzero(np.isnan(xy[:, 0]))  # only these can be other geometries
    other = unplaced[shapely.get_type_id(geoms[unplaced]) > 0]
    points = geoms  # the records' own points, shared until something has to change
    if len(other):
        other = other[~shapely.is_empty(geoms[other])]
        points = geoms.copy()
        points[other] = shapely.point_on_surface(geoms[other])
        xy[other] = _point_xy(points[other])
    present = ~np.isnan(xy).any(axis=1)
    if not present.all():
        points = np.where(present, points, None)
    swapped_count = converted_count = 0
    if records.crs.is_geographic and present.any():
        x, y, swapped = fix_swapped(xy[present, 0], xy[present, 1], records.crs)
        if swapped.any():
            points = points.copy() if points is geoms else points
            idx = np.flatnonzero(present)[swapped]
            points[idx] = shapely.points(x[swapped], y[swapped])
            xy[idx, 0], xy[idx, 1] = x[swapped], y[swapped]
            fix[idx] = "swapped"
            swapped_count = int(swapped.sum())
    system = system_name(source_system or "WGS84")
    if system != "WGS84" and present.any():
        if not is_lonlat(records.crs):
            raise OneGridError(N_("Coordinates in {system} must be longitude and latitude; "
                                  "layer {layer} is in {crs}"), system=system,
                               layer=records.attrs.get("layer_name", "records"),
                               crs=records.crs.to_string())
        moved_points, moved = convert_geometries(points[present], system, "WGS84",
                                                 records.crs)
        idx = np.flatnonzero(present)
        points = points.copy() if points is geoms else points
        points[idx] = moved_points
        note = system.lower() + "_converted"
        fix[idx[moved]] = np.where(fix[idx[moved]] == "swapped", "swapped+" + note, note)
        converted_count = int(moved.sum())
        xy = _point_xy(points)
    if records.crs != metric_crs:
        points = np.asarray(gpd.GeoSeries(points, crs=records.crs).to_crs(metric_crs).values,
                            dtype=object)
        xy = _point_xy(points)
    return points, xy, fix, swapped_count, converted_count


def check_link_arguments(prefer, max_distance):
    """Refuse a PREFER other than coordinates/address and a negative MAX_DISTANCE."""
    if prefer not in ("coordinates", "address"):
        raise OneGridError(N_("{value} is not a valid {parameter}; choose one of: {options}"),
                           value=prefer, parameter="prefer", options="coordinates, address")
    if max_distance is None or max_distance < 0:
        raise OneGridError(N_("The largest distance to a building must be 0 m or more, not "
                              "{n} m"), n=max_distance)


@gc_paused()
def link_records(records, buildings, parcels=None, grids=None, *, kind=None,
                 address_field=None, building_address_field="address",
                 building_id="building_code", parcel_id="parcel_code", grid_id="grid_code",
                 community_field="community_code", max_distance=DEFAULT_MAX_DISTANCE,
                 prefer="coordinates", source_system="WGS84", min_score=0.6,
                 progress=None, is_canceled=None):
    """Link each record to a building, parcel, grid and community (see the module).

    Parameters
    ----------
    records : GeoDataFrame or DataFrame
        Points (any geometry: its representative point is used) or a table without
        geometry (then ``address_field`` is needed).
    buildings : GeoDataFrame
        Footprints with ``building_id`` and, for address linking, ``building_address_field``.
    parcels, grids : GeoDataFrame, optional
    kind : str, optional
        Written into the ``kind`` column (people, households, ...).
    address_field : str, optional
        The records' address column.
    building_id, parcel_id, grid_id : str or None
        Id fields; None (or "") uses the feature index.
    community_field : str or None
        The grids' community field; None for no community.
    max_distance : float
        Metres within which a point outside every footprint takes the nearest building.
    prefer : "coordinates" or "address"
        Which wins where both find a building.
    source_system : "WGS84", "GCJ02" or "BD09"
        The system of longitude/latitude records (GCJ-02 from Amap/Tencent, BD-09 Baidu).
    min_score : float
        Least similarity of a fuzzy address match.
    progress, is_canceled : callable, optional

    Returns
    -------
    LinkResult
    """
    report = progress or (lambda fraction: None)
    check_link_arguments(prefer, max_distance)
    if len(buildings) == 0:
        raise OneGridError(N_("Layer {layer} is empty"),
                           layer=buildings.attrs.get("layer_name", "buildings"))
    if address_field and address_field not in records.columns:
        raise OneGridError(N_("Layer {layer} has no field {field}; its fields are: {fields}"),
                           layer=records.attrs.get("layer_name", "records"),
                           field=address_field,
                           fields=", ".join(c for c in records.columns if c != "geometry"))
    if address_field and building_address_field not in buildings.columns:
        raise OneGridError(N_("Layer {layer} has no field {field}; its fields are: {fields}"),
                           layer=buildings.attrs.get("layer_name", "buildings"),
                           field=building_address_field,
                           fields=", ".join(c for c in buildings.columns if c != "geometry"))
    building_id = building_id or None
    parcel_id = parcel_id or None
    grid_id = grid_id or None
    if grids is not None and community_field and community_field not in grids.columns:
        community_field = None
    metric, epsg = to_metric(buildings, buildings.attrs.get("layer_name", "buildings"))
    crs = metric.crs
    parcels_m = align_crs(crs, parcels, "parcels") if parcels is not None else None
    grids_m = align_crs(crs, grids, "grids") if grids is not None else None
    check_canceled(is_canceled)

    stamps = [("start", time.perf_counter())]
    footprints = Polygons(metric.geometry.values)  # prepared before other threads read them
    # Two workers: building -> parcel, grid, community, and the records located in chunks
    # (numpy and GEOS release the GIL): the same result, on two cores.
    pool = ThreadPoolExecutor(2)
    try:
        pending = pool.submit(building_links, metric, parcels_m, grids_m, building_id,
                              parcel_id, grid_id, community_field)
        # the cell indexes are built while the records are read, done before any query
        grows = [0.0] + ([max_distance] if max_distance > 0 else [])
        indexed = pool.submit(lambda: [footprints.index(grow) for grow in grows])
        n = len(records)
        points, xy, fix, swapped, converted = _locations(records, crs, source_system)
        located = ~np.isnan(xy[:, 0])
        indexed.result()
        check_canceled(is_canceled)

        stamps.append(("locations", time.perf_counter()))
        # 2. Building by coordinates.
        coord_b = np.full(n, -1, dtype=np.int64)
        distance = np.full(n, np.nan)
        nearest_mask = np.zeros(n, dtype=bool)
        if located.any():
            idx = np.flatnonzero(located)
            parts = np.array_split(idx, max(1, min(4, len(idx) // 100_000)))
            if len(idx) == n:  # all located: consecutive rows, xy's own rows (no copy)
                parts = [slice(part[0], part[-1] + 1) for part in parts]
            jobs = [pool.submit(_by_coordinates, xy[part], footprints, max_distance)
                    for part in parts]
            for part, job in zip(parts, jobs):
                coord_b[part], distance[part], nearest_mask[part] = job.result()
        stamps.append(("buildings_by_coordinates", time.perf_counter()))
        links = pending.result()
    finally:
        pool.shutdown(wait=True)
    report(0.5)
    stamps.append(("building_links", time.perf_counter()))
    check_canceled(is_canceled)

    # 3. Building by address.
    addr_b = np.full(n, -1, dtype=np.int64)
    addr_method = _nones(n)
    addr_score = np.zeros(n)
    addr_reason = _nones(n)
    addr_count = np.zeros(n, dtype=np.int64)
    addr_text = _nones(n)
    if address_field:
        matched = addr.match_addresses(records[address_field].to_numpy(dtype=object),
                                       metric[building_address_field].to_numpy(dtype=object),
                                       min_score=min_score)
        addr_b = matched["building"].to_numpy(dtype=np.int64)
        addr_method = matched["method"].to_numpy(dtype=object)
        addr_score = matched["score"].to_numpy(dtype=np.float64)
        addr_reason = matched["reason"].to_numpy(dtype=object)
        addr_count = matched["count"].to_numpy(dtype=np.int64)
        addr_text = records[address_field].to_numpy(dtype=object)
    report(0.8)
    stamps.append(("buildings_by_address", time.perf_counter()))
    check_canceled(is_canceled)

    # 4. Combine.
    names = np.array(METHODS + (None,), dtype=object)
    code = {m: i for i, m in enumerate(METHODS)}
    coord_method = np.where(nearest_mask, code["nearest_building"], code["point_in_building"])
    addr_code = (np.where(addr_method == EXACT_METHOD, code["address_exact"],
                          np.where(addr_method == FUZZY_METHOD, code["address_fuzzy"],
                                   len(METHODS)))
                 if address_field else np.full(n, len(METHODS)))  # no address: all None
    coord_score = np.where(nearest_mask, 1.0 - 0.5 * np.nan_to_num(distance) / max(
        max_distance, 1e-9), 1.0)
    first_b, second_b = (coord_b, addr_b) if prefer == "coordinates" else (addr_b, coord_b)
    use_first = first_b >= 0
    building = np.where(use_first, first_b, second_b)
    from_coords = (use_first if prefer == "coordinates" else ~use_first) & (building >= 0)
    method = np.where(from_coords, coord_method, addr_code)
    score = np.where(from_coords, coord_score, addr_score)
    disagrees = (coord_b >= 0) & (addr_b >= 0) & (coord_b != addr_b)
    building_ids = links["building_id"].to_numpy(dtype=object)
    address_pos = np.where(disagrees, addr_b, -1)

    # 5./6. Parcel, grid, community: kept as positions (-1 for none) until the output,
    # where each column is picked once for the rows of its frame.
    has_b = building >= 0
    bpos = building[has_b]
    parcel_pos = np.full(n, -1, dtype=np.int64)
    parcel_pos[has_b] = links["parcel_pos"].to_numpy()[bpos]
    grid_pos = np.full(n, -1, dtype=np.int64)
    grid_pos[has_b] = links["grid_pos"].to_numpy()[bpos]
    # no grid id yet, compared per building rather than per record
    no_grid_yet = ~has_b
    no_grid_yet[has_b] = (links["grid_id"].to_numpy(dtype=object) == None)[bpos]  # noqa: E711
    need = located & no_grid_yet
    if grids_m is not None and need.any():
        idx = np.flatnonzero(need)
        point_grid = points_in_polygons(points[idx], grids_m.geometry.values, xy[idx])
        hit = point_grid >= 0
        grid_pos[idx[hit]] = point_grid[hit]
    parcel_only = np.zeros(n, dtype=bool)
    if parcels_m is not None and (located & ~has_b).any():
        idx = np.flatnonzero(located & ~has_b)
        found = points_in_polygons(points[idx], parcels_m.geometry.values, xy[idx])
        parcel_only[idx[found >= 0]] = True
        parcel_pos[idx[found >= 0]] = found[found >= 0]
    method[parcel_only] = code["parcel_only"]
    score[parcel_only] = 0.5
    linked_mask = has_b | parcel_only
    method[~linked_mask] = code["unmatched"]
    counts = np.bincount(method, minlength=len(METHODS))  # per method, by code
    score[~linked_mask] = 0.0

    stamps.append(("combine_parcel_grid", time.perf_counter()))
    # 7. Reasons: worked out once per distinct (located, address reason, address, count).
    um = np.flatnonzero(~linked_mask)
    um_located = located[um]
    um_reason = addr_reason[um] if address_field else _nones(len(um))
    empty_address = um_reason == addr.R_EMPTY
    keys = pd.DataFrame({
        "located": um_located,
        "reason": pd.Series(np.where(~um_located & empty_address, None, um_reason),
                            dtype=object),
        "address": pd.Series(addr_text[um], dtype=object),
        "count": addr_count[um]})
    group = keys.groupby(list(keys.columns), dropna=False, sort=False).ngroup().to_numpy()
    first = np.unique(group, return_index=True)[1] if len(group) else np.zeros(0, np.int64)
    distinct = []
    for k in first:
        found = []
        if not keys["located"].iat[k]:
            if not address_field or empty_address[k]:
                found.append((R_NO_LOCATION if address_field else R_NO_LOCATION_ONLY, {}))
        else:
            found.append((R_NO_BUILDING, {"distance": _number(max_distance)}))
        reason = keys["reason"].iat[k]
        if reason is not None and not pd.isna(reason):
            found.append((reason, {"address": keys["address"].iat[k],
                                   "count": int(keys["count"].iat[k])}))
        distinct.append(found)
    texts = ["; ".join(t.format(**p) for t, p in r) for r in distinct]
    reasons = [distinct[g] for g in group]
    reason_texts = [texts[g] for g in group]

    stamps.append(("reasons", time.perf_counter()))
    # Output.
    target_crs = records.crs if has_geometry(records) and records.crs is not None \
        else buildings.crs
    by_address = has_b & ~located
    geoms = points  # picked per part below: never the records' own array in the output
    if by_address.any():
        geoms = points.copy()
        geoms[by_address] = shapely.point_on_surface(footprints.polygons[building[by_address]])
    out_geoms = (geoms if crs == target_crs else
                 gpd.GeoSeries(geoms, crs=crs).to_crs(target_crs).values)
    base = pd.DataFrame(records.drop(columns=[records.geometry.name]) if has_geometry(records)
                        else records)
    base = base.drop(columns=[c for c in LINK_COLUMNS + ("reason",) if c in base.columns])
    # Each added column: its values per record; for an id column, the ids and the
    # positions that pick them (-1 picks None, the value appended last); None where every
    # record gets None and a 0-d array where every record gets the same value (no
    # picking over a million rows for those).
    def ids_at(ids, positions):
        if ids is None or not (positions >= 0).any():
            return None
        return np.append(ids, None).astype(object, copy=False), positions

    grid_ids = _ids(grids_m, grid_id, "grids")
    added = {
        "kind": np.array(kind, dtype=object),
        "building_id": ids_at(building_ids, building),
        "parcel_id": ids_at(_ids(parcels_m, parcel_id, "parcels"), parcel_pos),
        "grid_id": ids_at(grid_ids, grid_pos),
        "community_id": ids_at(_ids(grids_m, community_field, "grids")
                               if community_field else None, grid_pos),
        "link_method": (names, method),
        "link_score": np.round(score, 4),
        "distance_m": np.round(distance, 2),
        "address_building_id": ids_at(building_ids, address_pos),
        "disagrees": disagrees.astype(np.int64),
        "location_fix": fix if swapped or converted else None,
    }

    def column(c, pos):
        value = added[c]
        if value is None:
            return _nones(len(pos))
        if isinstance(value, tuple):
            values, positions = value
            return values[positions[pos]]
        if value.ndim == 0:  # ndarray.fill: the one value (np.full would copy a text)
            out = np.empty(len(pos), dtype=object)
            out.fill(value.item())
            return out
        return value[pos]

    def part(mask, columns):
        """The records at ``mask`` with the ``columns`` of ``added`` (object columns stay
        object: no string inference over a million rows)."""
        pos = np.flatnonzero(mask)
        index = base.index[pos]
        data = {c: pd.Series(base[c].array.take(pos), index=index, copy=False)
                for c in base.columns}
        for c in columns:
            values = column(c, pos)
            data[c] = pd.Series(values, index=index, dtype=values.dtype, copy=False)
        data["geometry"] = pd.Series(GeometryArray(np.asarray(out_geoms, dtype=object)[pos],
                                                   crs=target_crs), index=index, copy=False)
        # named, the column is taken as it is (given as an array, it would be copied)
        return gpd.GeoDataFrame(pd.DataFrame(data, index=index, copy=False),
                                geometry="geometry", copy=False)

    linked = part(linked_mask, list(added))
    unmatched = part(~linked_mask, ["kind", "grid_id", "community_id", "link_method",
                                    "location_fix"])
    unmatched["reason"] = pd.Series(reason_texts, index=unmatched.index, dtype=object)
    unmatched["reasons"] = pd.Series(reasons, index=unmatched.index, dtype=object)
    assert len(linked) + len(unmatched) == n, "every record is linked or unmatched"
    info = {"records": n, "linked": int(linked_mask.sum()),
            "unmatched": int((~linked_mask).sum()),
            "disagreements": int(disagrees.sum()), "swapped": swapped,
            "converted": converted, "buildings": len(metric), "metric_epsg": epsg}
    info.update({m: int(counts[i]) for i, m in enumerate(METHODS)})
    stamps.append(("output", time.perf_counter()))
    # Seconds per stage, for benchmarks (kept out of ``info``, which is the result).
    linked.attrs["seconds"] = {name: round(t - stamps[i][1], 3)
                               for i, (name, t) in enumerate(stamps[1:])}
    report(1.0)
    return LinkResult(linked, unmatched, links.drop(columns=["parcel_pos", "grid_pos"]), info)


def _number(value):
    value = float(value)
    return int(value) if value == int(value) else round(value, 2)
