"""Grid topology: find and repair gaps, overlaps, slivers and the other grid rules.

The rules are those of DOMAIN.md section 1: inside a community (the *parent*) grids leave no
gap and do not overlap; each grid lies inside one community; one part per grid; no slivers;
valid geometry; households within limits; unique codes; a 网格长 (``leader``) and a
专职网格员 (``full_time``) per grid.

Everything is measured in metres (:func:`crs.to_metric`); problems come back in the grids' CRS.
Pairs of grids are found with an STRtree and their intersections computed in one vectorised
shapely call; Python loops run only over groups of pieces (per receiving grid, per duplicate
code), never over every grid. Gaps come from one union of all grids and differences
snap-rounded to :data:`PRECISION`: on GEOS 3.11 the floating difference of a community and
the union of grids drawn within nanometres of its boundary can return the whole community
as uncovered. Pieces of up to :data:`MIN_AREA` are float noise and not reported.

Every gap and overlap above :data:`MIN_AREA` that the Topology Checker's "must not have gaps"
and "must not overlap" rules find is found: tests/qgis/test_check_repair_grids.py recomputes
both rules with QGIS's own geometry engine on the fixture and on shifted demo grids and
compares, and benchmarks/bench_check_grids.py counts the same overlaps and gaps as a
native:union / native:dissolve chain on 2,000 grids.

Rules, precisely
----------------
gap
    Without parents: each hole of the union of all grids (minus any grid inside it), which is
    what QGIS's Topology Checker rule "must not have gaps" reports. With parents: each part of
    a parent not covered by a grid, plus any hole of the grids' union outside every parent.
overlap
    Each polygonal intersection of two grids whose area exceeds ``min_area`` (pairs i < j).
    This includes a grid inside another, which the predicate ``overlaps`` misses.
sliver
    A polygon part of a grid whose area is below ``sliver_area`` (m²) or whose mean width
    ``2 * area / perimeter`` is below ``sliver_width`` (m): a strip of width w and length L
    has mean width close to w. Gap and overlap pieces that are slivers stay gap/overlap rows
    and say "sliver" in their detail.
outside_parent / crosses_parent
    A grid's parent is the one it shares most area with. The part of the grid in other parents
    is ``crosses_parent``; the part outside every parent is ``outside_parent`` (the whole grid
    when it touches no parent). Parts up to ``min_area`` are ignored.
"""
import datetime

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from . import crs as crs_mod
from .errors import N_, OneGridError, check_canceled

ERROR_TYPES = ("gap", "overlap", "outside_parent", "crosses_parent", "multipart", "invalid",
               "sliver", "too_few_households", "too_many_households", "duplicate_code",
               "no_staff")
#: Default smallest area (m²) a grid part may have without being a sliver.
SLIVER_AREA = 10.0
#: Default smallest mean width (m), 2 * area / perimeter, of a grid part that is not a sliver.
SLIVER_WIDTH = 1.0
#: Default area (m²) up to which a gap, an overlap or a part across a parent is float noise
#: (10 cm²; snap-rounded overlays of real grids leave specks of up to about 1e-4 m²).
MIN_AREA = 1e-3
#: Snap-rounding grid (m) of the union and differences that find gaps.
PRECISION = 1e-6
#: Inward buffer (m) that separates grids which only touch, before pairs are intersected.
#: GEOS returns an empty buffer for -1e-8 at projected coordinates of 1e6 m and more.
SHRINK = 1e-6
#: Distance (m) within which two boundaries count as shared; shorter shared lengths than
#: :data:`MIN_EDGE` (m) are a touch at a corner, not a neighbour.
EDGE_TOLERANCE = 1e-3
MIN_EDGE = 0.01
#: The staff roles every grid must have (layers.schema.STAFF_ROLES codes).
REQUIRED_ROLES = ("leader", "full_time")
PROBLEM_COLUMNS = ["error_type", "grid_ids", "parent_id", "area_m2", "detail"]
CHANGE_COLUMNS = ["change", "from_grids", "to_grid", "parent_id", "area_m2", "shared_edge_m",
                  "detail"]


# --- helpers ---------------------------------------------------------------------------------
def _stage(progress, value):
    if progress is not None:
        progress(value)


def polygonal(geoms):
    """The polygonal content of each geometry as a MultiPolygon (empty when none).

    Lines and points that GEOS returns from an intersection of touching polygons are dropped.
    """
    geoms = np.asarray(geoms, dtype=object)
    index = np.arange(len(geoms))
    parts = geoms
    while True:
        types = shapely.get_type_id(parts)
        multi = np.isin(types, [4, 5, 6, 7])
        if not multi.any():
            break
        sub, where = shapely.get_parts(parts[multi], return_index=True)
        parts = np.concatenate([parts[~multi], sub])
        index = np.concatenate([index[~multi], index[multi][where]])
    keep = np.flatnonzero((shapely.get_type_id(parts) == 3) & ~shapely.is_empty(parts))
    keep = keep[np.argsort(index[keep], kind="stable")]
    return _collect(parts[keep], index[keep], len(geoms))


def _collect(parts, index, n):
    """MultiPolygons of ``n`` rows from polygon ``parts`` and their sorted row ``index``."""
    out = np.empty(n, dtype=object)
    out[:] = [shapely.MultiPolygon()] * n
    if n == 0:
        return out
    return shapely.multipolygons(parts, indices=index, out=out)


def _explode(geoms):
    """Polygon parts of ``geoms`` and the index of the geometry each came from."""
    parts, where = shapely.get_parts(polygonal(geoms), return_index=True)
    keep = ~shapely.is_empty(parts)
    return parts[keep], where[keep]


def mean_width(geoms):
    """2 * area / perimeter (m): about the width of a long thin strip (0 when empty)."""
    area = shapely.area(geoms)
    length = shapely.length(geoms)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(length > 0, 2.0 * area / np.where(length > 0, length, 1.0), 0.0)


def is_sliver(geoms, sliver_area=SLIVER_AREA, sliver_width=SLIVER_WIDTH):
    """Which polygons are slivers: area < ``sliver_area`` or mean width < ``sliver_width``."""
    return (shapely.area(geoms) < sliver_area) | (mean_width(geoms) < sliver_width)


def _ids_text(ids):
    return ",".join(str(i) for i in ids)


def _pairs(tree_geoms, query_geoms, near=False):
    """(index in ``query_geoms``, index in ``tree_geoms``) of the pairs that intersect, or with
    ``near`` that lie within :data:`EDGE_TOLERANCE` of each other."""
    tree = shapely.STRtree(tree_geoms)
    if near:
        return tree.query(query_geoms, predicate="dwithin", distance=EDGE_TOLERANCE)
    return tree.query(query_geoms, predicate="intersects")


def _shared_length(a, b):
    """Length of the boundary of ``a`` within :data:`EDGE_TOLERANCE` of ``b``, pairwise.

    The tolerance absorbs the nanometre offsets that snap-rounding and reprojection leave
    between edges that are meant to coincide.
    """
    near = shapely.buffer(b, EDGE_TOLERANCE, quad_segs=1, join_style="mitre")
    return shapely.length(shapely.intersection(shapely.boundary(a), near))


def _best(groups, scores, candidates):
    """For each distinct value of ``groups``, the position of the highest score.

    Scores are compared to the centimetre; a tie goes to the lowest ``candidates`` value (the
    grid that comes first in the layer).
    """
    order = np.lexsort((candidates, -np.round(scores, 2), groups))
    first = np.ones(len(order), dtype=bool)
    first[1:] = groups[order][1:] != groups[order][:-1]
    return order[first]


# --- input -----------------------------------------------------------------------------------
def _require_field(frame, field, layer):
    if field not in frame.columns:
        raise OneGridError(N_("Layer {layer} has no field {field}; its fields are: {fields}"),
                           layer=layer, field=field,
                           fields=", ".join(str(c) for c in frame.columns
                                            if c != frame.geometry.name))


def _layer_name(frame, default):
    return frame.attrs.get("layer_name", default) if frame is not None else default


def current_rows(frame, as_of=None, field="valid_to"):
    """Which rows are current versions: no ``valid_to`` column, or ``valid_to`` empty or after
    ``as_of`` (default today). Closed versions of a versioned grid layer are history."""
    if field not in frame.columns:
        return np.ones(len(frame), dtype=bool)
    ends = pd.to_datetime(frame[field].astype(object).where(frame[field].notna(), None),
                          errors="coerce", utc=True)
    limit = pd.Timestamp(as_of or datetime.date.today(), tz="UTC")
    return (ends.isna() | (ends > limit)).to_numpy(dtype=bool)


def prepare_grids(grids, id_field, layer=None, unique=False):
    """Grids in metres with valid polygonal geometry, and what was wrong with the input.

    Returns
    -------
    (GeoDataFrame, int or None, dict)
        The grids in a metric CRS with ``geometry`` made valid and polygonal, the EPSG code,
        and ``{"invalid": {row: reason}, "empty": [row, ...]}`` by position. Rows with an
        empty or missing geometry are dropped (listed in ``empty``).

    Raises
    ------
    OneGridError
        Empty layer, missing field, ids missing, or duplicate ids when ``unique``.
    """
    layer = layer or _layer_name(grids, "grids")
    if grids is None or len(grids) == 0:
        raise OneGridError(N_("Layer {layer} is empty"), layer=layer)
    _require_field(grids, id_field, layer)
    missing = grids[id_field].isna().to_numpy() | (grids[id_field].astype(str).str.strip()
                                                   == "").to_numpy()
    if missing.any():
        raise OneGridError(N_("Layer {layer} has features without {field}: feature ids {ids}"),
                           layer=layer, field=id_field,
                           ids=_ids_text(grids.index[missing][:20]))
    if unique:
        dup = grids[id_field].astype(str).duplicated(keep=False).to_numpy()
        if dup.any():
            raise OneGridError(N_("Layer {layer} has duplicate values in {field}: {ids}"),
                               layer=layer, field=id_field,
                               ids=_ids_text(sorted(set(grids[id_field].astype(str)[dup]))[:20]))
    metric, epsg = crs_mod.to_metric(grids, layer)
    geoms = np.asarray(metric.geometry.values, dtype=object)
    empty = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    bad = ~empty & ~shapely.is_valid(geoms)
    reasons = {}
    if bad.any():
        for position, reason in zip(np.flatnonzero(bad), shapely.is_valid_reason(geoms[bad])):
            reasons[int(position)] = reason
        geoms = geoms.copy()
        geoms[bad] = shapely.make_valid(geoms[bad])
    geoms = np.where(empty, None, geoms)
    geoms[~empty] = polygonal(geoms[~empty])
    empty = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    out = metric.copy()
    out[metric.geometry.name] = geoms
    repaired = np.flatnonzero(np.isin(grids.index.to_numpy(),
                                      list(grids.attrs.get("repaired_ids", ()))))
    for position in repaired:
        reasons.setdefault(int(position), "found when the layer was read")
    return out, epsg, {"invalid": reasons, "empty": np.flatnonzero(empty).tolist()}


def _align(frame, target_crs, name):
    if frame is None:
        return None
    if len(frame) == 0:
        return frame
    layer = _layer_name(frame, name)
    aligned = crs_mod.align_crs(target_crs, frame, layer)
    geoms = np.asarray(aligned.geometry.values, dtype=object)
    bad = ~shapely.is_missing(geoms) & ~shapely.is_valid(geoms)
    if bad.any():
        aligned = aligned.copy()
        geoms = geoms.copy()
        geoms[bad] = shapely.make_valid(geoms[bad])
        aligned[aligned.geometry.name] = geoms
    return aligned


def _parents(parents, parent_id_field, target):
    """Parent polygons in ``target`` and their ids as strings (None, None without parents)."""
    if parents is None or len(parents) == 0:
        return None, None
    layer = _layer_name(parents, "parents")
    _require_field(parents, parent_id_field, layer)
    aligned = _align(parents, target, layer)
    pg = np.asarray(aligned.geometry.values, dtype=object)
    ok = ~shapely.is_missing(pg) & ~shapely.is_empty(pg)
    return polygonal(pg[ok]), aligned[parent_id_field].astype(str).to_numpy()[ok]


def main_parent(grid_geoms, parent_geoms):
    """The parent each grid shares most area with.

    Returns
    -------
    (numpy.ndarray of int, numpy.ndarray of bool)
        The parent's index (-1 when the grid touches none), and whether the grid lies inside
        that parent (shrunk by :data:`SHRINK`, it is within): those need no overlay.
    """
    n = len(grid_geoms)
    best = np.full(n, -1, dtype=np.int64)
    inside = np.zeros(n, dtype=bool)
    if n == 0 or len(parent_geoms) == 0:
        return best, inside
    tree = shapely.STRtree(parent_geoms)
    gi, pi = tree.query(shapely.buffer(grid_geoms, -SHRINK, join_style="mitre"),
                        predicate="within")
    gi, first = np.unique(gi, return_index=True)
    best[gi], inside[gi] = pi[first], True
    rest = np.flatnonzero(~inside)
    gi, pi = tree.query(grid_geoms[rest], predicate="intersects")
    if len(gi):
        area = shapely.area(shapely.intersection(grid_geoms[rest][gi], parent_geoms[pi]))
        pick = _best(gi, area, pi)
        pick = pick[area[pick] > 0]
        best[rest[gi[pick]]] = pi[pick]
    return best, inside


# --- the checks ------------------------------------------------------------------------------
def find_overlaps(geoms, min_area=MIN_AREA):
    """Overlap pieces: (i, j, piece geometry, area) arrays for pairs i < j of ``geoms``."""
    if len(geoms) < 2:
        empty = np.array([], dtype=np.int64)
        return empty, empty, np.array([], dtype=object), np.array([], dtype=np.float64)
    # Candidates: grids that the others, shrunk by SHRINK, still intersect. Neighbours that
    # only touch (most pairs of a tiling) drop out; an overlap is missed only if it is
    # narrower than 2 * SHRINK everywhere (an overlap of MIN_AREA would be 50 km long).
    shrunk = shapely.buffer(geoms, -SHRINK, join_style="mitre")
    a, b = shapely.STRtree(geoms).query(shrunk, predicate="intersects")
    keep = a != b
    pairs = np.unique(np.sort(np.column_stack([a[keep], b[keep]]), axis=1), axis=0)
    left, right = pairs[:, 0], pairs[:, 1]
    pieces = polygonal(shapely.intersection(geoms[left], geoms[right]))
    area = shapely.area(pieces)
    keep = area > min_area
    return left[keep], right[keep], pieces[keep], area[keep]


def _union(geoms):
    return shapely.union_all(geoms, grid_size=PRECISION) if len(geoms) else shapely.Polygon()


def union_holes(geoms, union=None):
    """Holes of the union of ``geoms`` minus the geometries inside them (Topology Checker's
    "must not have gaps"), as polygon parts. ``union`` may pass the union computed already."""
    if len(geoms) == 0:
        return np.array([], dtype=object)
    union = _union(geoms) if union is None else union
    parts, _ = _explode(np.array([union], dtype=object))
    if len(parts) == 0:
        return parts
    rings, where = shapely.get_rings(parts, return_index=True)
    first = np.ones(len(rings), dtype=bool)
    first[1:] = where[1:] != where[:-1]
    holes = shapely.polygons(rings[~first])
    if len(holes) == 0:
        return holes
    out, _ = _explode(shapely.difference(holes, union, grid_size=PRECISION))
    return out


def find_gaps(geoms, parent_geoms=None, min_area=MIN_AREA):
    """Gap pieces: (polygon parts, parent index or -1) arrays. See the module's rules.

    The differences are computed with snap-rounding to :data:`PRECISION`: on GEOS 3.11 the
    floating difference of a community and the union of its grids can return the whole
    community when the grid boundaries run within nanometres of its boundary.
    """
    union = shapely.union_all(geoms)
    holes = union_holes(geoms, union)
    if parent_geoms is None or len(parent_geoms) == 0:
        pieces, parent = holes, np.full(len(holes), -1, dtype=np.int64)
    else:
        pieces, parent = _explode(shapely.difference(parent_geoms, union,
                                                     grid_size=PRECISION))
        if len(holes):
            outside, _ = _explode(shapely.difference(
                holes, _union(parent_geoms), grid_size=PRECISION))
            pieces = np.concatenate([pieces, outside])
            parent = np.concatenate([parent, np.full(len(outside), -1, dtype=np.int64)])
    area = shapely.area(pieces)
    keep = area > min_area
    return pieces[keep], parent[keep]


def _household_counts(geoms, buildings, household_field):
    counts = np.zeros(len(geoms), dtype=np.float64)
    if buildings is None or len(buildings) == 0:
        return counts
    values = pd.to_numeric(buildings[household_field], errors="coerce").fillna(0).to_numpy(
        dtype=np.float64)
    bgeoms = np.asarray(buildings.geometry.values, dtype=object)
    present = ~shapely.is_missing(bgeoms) & ~shapely.is_empty(bgeoms)
    points = shapely.point_on_surface(bgeoms[present])
    values = values[present]
    bi, gi = _pairs(geoms, points)
    if len(bi):
        _, first = np.unique(bi, return_index=True)
        counts += np.bincount(gi[first], weights=values[bi[first]], minlength=len(geoms))
    return counts


def check_grids(grids, id_field, code_field=None, parents=None, parent_id_field=None,
                buildings=None, household_field=None, staff=None, min_households=200,
                max_households=500, sliver_area=SLIVER_AREA, sliver_width=SLIVER_WIDTH,
                min_area=MIN_AREA, as_of=None, progress=None, is_canceled=None):
    """Every topology and attribute problem of a grid layer, one row per problem.

    Parameters
    ----------
    grids : GeoDataFrame
        Polygons in any CRS (projected to metres for the work); ``id_field`` names them.
    id_field : str
        The grid id written to ``grid_ids``. Duplicates are reported as ``duplicate_code``.
    code_field : str, optional
        The grid code to check for duplicates (default ``id_field``).
    parents : GeoDataFrame, optional
        Communities; ``parent_id_field`` (default ``"code"``) names them.
    buildings : GeoDataFrame, optional
        Buildings with ``household_field`` (default ``"households"``), counted in the grid
        that holds their representative point.
    staff : DataFrame, optional
        ``grid_code`` (matched to ``id_field``) and ``role`` columns (grid_staff).
    min_households, max_households : int
        Household limits per grid (used only with ``buildings``).
    sliver_area : float
        m²; grid parts smaller are slivers.
    sliver_width : float
        m; grid parts of smaller mean width (2 * area / perimeter) are slivers.
    min_area : float
        m²; gap, overlap and cross-parent pieces up to this area are ignored as float noise.
    as_of : date, optional
        Default today. Closed versions of the grids (``valid_to`` on or before it, see
        :func:`current_rows`) are left out (``attrs["closed_versions"]`` counts them), and
        staff who left by then are not counted.
    progress, is_canceled : callable, optional

    Returns
    -------
    GeoDataFrame
        error_type, grid_ids, parent_id, area_m2, detail; polygon geometry of the problem in
        the grids' CRS. ``attrs["counts"]`` holds the number of rows per error type.

    Examples
    --------
    >>> import shapely
    >>> g = gpd.GeoDataFrame({"grid_code": ["a", "b"]}, geometry=[
    ...     shapely.box(0, 0, 10, 10), shapely.box(9, 0, 20, 10)], crs="EPSG:32650")
    >>> p = check_grids(g, "grid_code")
    >>> p[["error_type", "grid_ids", "area_m2"]].values.tolist()
    [['overlap', 'a,b', 10.0]]
    """
    layer = _layer_name(grids, "grids")
    code_field = code_field or id_field
    parent_id_field = parent_id_field or "code"
    household_field = household_field or "households"
    if code_field != id_field:
        _require_field(grids, code_field, layer)
    current = current_rows(grids, as_of)
    closed = int(np.count_nonzero(~current))
    if closed:
        attrs = dict(grids.attrs)
        grids = grids[current]
        grids.attrs.update(attrs)
    metric, epsg, found = prepare_grids(grids, id_field, layer)
    target = metric.crs
    keep = np.ones(len(metric), dtype=bool)
    keep[found["empty"]] = False
    ids = metric[id_field].astype(str).to_numpy()
    codes = metric[code_field].astype(str).to_numpy()
    geoms_all = np.asarray(metric.geometry.values, dtype=object)
    geoms = geoms_all[keep]
    gid = ids[keep]
    parent_geoms, parent_ids = _parents(parents, parent_id_field, target)
    if parent_geoms is not None:
        best_all = np.full(len(geoms_all), -1, dtype=np.int64)
        best_all[keep], inside = main_parent(geoms, parent_geoms)
        parent_all = np.where(best_all >= 0, parent_ids[np.maximum(best_all, 0)], None)
    else:
        best_all = np.full(len(geoms_all), -1, dtype=np.int64)
        parent_all = np.full(len(geoms_all), None, dtype=object)
    best, parent_of = best_all[keep], parent_all[keep]
    rows = []

    def add(kind, grid_ids, parent, geoms, details):
        geoms = np.asarray(geoms, dtype=object)
        if len(geoms) == 0:
            return
        rows.append(pd.DataFrame({
            "error_type": kind, "grid_ids": list(grid_ids), "parent_id": list(parent),
            "area_m2": shapely.area(geoms), "detail": list(details), "geometry": geoms}))

    # invalid and empty geometries
    invalid = sorted(found["invalid"])
    add("invalid", ids[invalid], parent_all[invalid], geoms_all[invalid],
        [f"invalid geometry ({found['invalid'][i]}); repaired with make_valid for the other "
         "checks" for i in invalid])
    if found["empty"]:
        e = found["empty"]
        add("invalid", ids[e], [None] * len(e), [shapely.MultiPolygon()] * len(e),
            ["empty or missing geometry"] * len(e))
    _stage(progress, 0.05)

    # duplicate codes
    dup_mask = pd.Series(codes).duplicated(keep=False).to_numpy()
    if dup_mask.any():
        frame = pd.DataFrame({"code": codes[dup_mask], "id": ids[dup_mask],
                              "fid": metric.index.to_numpy()[dup_mask],
                              "parent": parent_all[dup_mask], "geom": geoms_all[dup_mask]})
        for code, group in frame.groupby("code", sort=True):
            add("duplicate_code", [_ids_text(group["id"])],
                [_ids_text(sorted(set(group["parent"].dropna())))] if group["parent"].notna(
                ).any() else [None],
                [shapely.union_all(group["geom"].dropna().to_numpy())],
                [f"code {code} is used by {len(group)} grids (feature ids "
                 f"{_ids_text(group['fid'])})"])

    # multipart and slivers
    parts, owner = _explode(geoms)
    n_parts = np.bincount(owner, minlength=len(geoms))
    multi = np.flatnonzero(n_parts > 1)
    add("multipart", gid[multi], parent_of[multi], geoms[multi],
        [f"{n} separate parts" for n in n_parts[multi]])
    sliver = is_sliver(parts, sliver_area, sliver_width)
    width = mean_width(parts)
    add("sliver", gid[owner[sliver]], parent_of[owner[sliver]], parts[sliver],
        [f"sliver part: area {a:.3f} m2, mean width {w:.3f} m (limits {sliver_area:g} m2, "
         f"{sliver_width:g} m)" for a, w in zip(shapely.area(parts[sliver]), width[sliver])])
    check_canceled(is_canceled)
    _stage(progress, 0.15)

    # overlaps
    left, right, pieces, area = find_overlaps(geoms, min_area)
    thin = is_sliver(pieces, sliver_area, sliver_width)
    add("overlap", [f"{gid[a]},{gid[b]}" for a, b in zip(left, right)],
        [_ids_text(sorted({parent_of[a], parent_of[b]} - {None})) or None
         for a, b in zip(left, right)], pieces,
        ["grids overlap" + (" (sliver)" if t else "") for t in thin])
    check_canceled(is_canceled)
    _stage(progress, 0.35)

    # gaps
    gaps, gap_parent = find_gaps(geoms, parent_geoms, min_area)
    if len(gaps):
        gi, ni = _pairs(geoms, gaps, near=True)
        edge = _shared_length(gaps[gi], geoms[ni])
        touch = edge > MIN_EDGE
        neighbours = pd.Series(gid[ni[touch]]).groupby(gi[touch]).agg(
            lambda s: ",".join(sorted(set(s))))
        names = [neighbours.get(i, "") for i in range(len(gaps))]
        thin = is_sliver(gaps, sliver_area, sliver_width)
        add("gap", names, [parent_ids[p] if p >= 0 else None for p in gap_parent], gaps,
            ["area covered by no grid" + (" (sliver)" if t else "") for t in thin])
    check_canceled(is_canceled)
    _stage(progress, 0.6)

    # outside / crossing parents
    if parent_geoms is not None:
        none = np.flatnonzero(best < 0)
        add("outside_parent", gid[none], [None] * len(none), geoms[none],
            ["grid lies in no parent"] * len(none))
        has = np.flatnonzero((best >= 0) & ~inside)
        beyond = polygonal(shapely.difference(geoms[has], parent_geoms[best[has]]))
        big = shapely.area(beyond) > min_area
        has, beyond = has[big], beyond[big]
        if len(has):
            all_parents = shapely.union_all(parent_geoms)
            outside = polygonal(shapely.difference(beyond, all_parents))
            across = polygonal(shapely.intersection(beyond, all_parents))
            o = shapely.area(outside) > min_area
            add("outside_parent", gid[has[o]], parent_of[has[o]], outside[o],
                ["part of the grid lies outside every parent"] * int(o.sum()))
            c = np.flatnonzero(shapely.area(across) > min_area)
            if len(c):
                ci, pj = _pairs(parent_geoms, across[c])
                shared = shapely.area(shapely.intersection(across[c][ci], parent_geoms[pj]))
                real = shared > min_area
                others = pd.Series(parent_ids[pj[real]]).groupby(ci[real]).agg(
                    lambda s: ",".join(sorted(set(s))))
                add("crosses_parent", gid[has[c]], parent_of[has[c]], across[c],
                    [f"grid crosses from parent {parent_of[has[k]]} into "
                     f"{others.get(n, '')}" for n, k in enumerate(c)])
    check_canceled(is_canceled)
    _stage(progress, 0.75)

    # households
    if buildings is not None and len(buildings):
        blayer = _layer_name(buildings, "buildings")
        _require_field(buildings, household_field, blayer)
        counts = _household_counts(geoms, _align(buildings, target, blayer), household_field)
        few = np.flatnonzero(counts < min_households)
        many = np.flatnonzero(counts > max_households)
        add("too_few_households", gid[few], parent_of[few], geoms[few],
            [f"{c:g} households, fewer than {min_households}" for c in counts[few]])
        add("too_many_households", gid[many], parent_of[many], geoms[many],
            [f"{c:g} households, more than {max_households}" for c in counts[many]])
    _stage(progress, 0.85)

    # staff
    if staff is not None:
        for field in ("grid_code", "role"):
            if field not in staff.columns:
                raise OneGridError(N_("Layer {layer} has no field {field}; its fields are: "
                                      "{fields}"), layer=staff.attrs.get("layer_name", "staff"),
                                   field=field, fields=", ".join(map(str, staff.columns)))
        current = staff[current_rows(staff, as_of, "end_date")]
        have = current.groupby(current["grid_code"].astype(str))["role"].agg(
            lambda s: set(s.astype(str)))
        missing = [[r for r in REQUIRED_ROLES if r not in have.get(c, set())] for c in gid]
        lacking = np.array([bool(m) for m in missing], dtype=bool)
        add("no_staff", gid[lacking], parent_of[lacking], geoms[lacking],
            ["no " + " and no ".join(m) for m, flag in zip(missing, lacking) if flag])
    _stage(progress, 0.95)

    if rows:
        frame = pd.concat(rows, ignore_index=True)
    else:
        frame = pd.DataFrame({c: pd.Series([], dtype=object) for c in PROBLEM_COLUMNS}
                             | {"geometry": np.array([], dtype=object)})
    frame["area_m2"] = frame["area_m2"].astype(np.float64)
    problems = gpd.GeoDataFrame(frame, geometry="geometry", crs=target)
    problems["geometry"] = polygonal(problems.geometry.values)
    if grids.crs is not None and target != grids.crs:
        problems = problems.to_crs(grids.crs)
    problems = problems[PROBLEM_COLUMNS + ["geometry"]].reset_index(drop=True)
    problems.attrs["counts"] = {k: int((problems["error_type"] == k).sum())
                                for k in ERROR_TYPES}
    problems.attrs["metric_epsg"] = epsg
    problems.attrs["closed_versions"] = closed
    _stage(progress, 1.0)
    return problems


# --- repair ----------------------------------------------------------------------------------
def repair_grids(grids, id_field, parents=None, parent_id_field=None, sliver_area=SLIVER_AREA,
                 sliver_width=SLIVER_WIDTH, min_area=MIN_AREA, as_of=None, progress=None,
                 is_canceled=None):
    """Grids without gaps, overlaps or slivers, and the list of what moved.

    Steps, in order (all in metres):

    1. Invalid geometries are made valid. With ``parents``, each grid is clipped to its parent
       (the one it shares most area with); the cut-off parts are recorded as ``clip``.
    2. Each overlap piece of grids A and B goes to the one whose remainder (the grid minus the
       piece) shares the longest boundary with the piece; it is removed from the other. A
       tie goes to the grid that comes first in the layer.
    3. Each gap piece goes to the grid sharing the longest boundary with it; with parents,
       only grids of the gap's parent compete. A gap that touches no grid goes to the nearest
       grid of its parent (no parent: it stays, recorded with an empty ``to_grid``).
    4. Each sliver part of a grid (see :func:`is_sliver`) goes to the other grid of the same
       parent sharing the longest boundary with it. A grid that is a single sliver is thus
       merged away: its row is dropped and recorded as ``removed``. A sliver part that touches
       no other grid stays (recorded with an empty ``to_grid``).

    Parameters
    ----------
    grids : GeoDataFrame
        ``id_field`` must be unique.
    parents : GeoDataFrame, optional
        Communities with ``parent_id_field`` (default ``"code"``).
    sliver_area, sliver_width, min_area : float
        As in :func:`check_grids` (m², m, m²).
    as_of : date, optional
        Closed versions (``valid_to`` on or before ``as_of``, default today; see
        :func:`current_rows`) are history: returned unchanged and not repaired.

    Returns
    -------
    (GeoDataFrame, DataFrame)
        The repaired grids with every input column, in the grids' CRS; and the changes:
        change (clip, overlap, gap, sliver, removed), from_grids, to_grid, parent_id, area_m2,
        shared_edge_m, detail.
    """
    layer = _layer_name(grids, "grids")
    parent_id_field = parent_id_field or "code"
    original = grids
    current = current_rows(grids, as_of)
    work = grids.reset_index(drop=True)[current]
    work.attrs["repaired_ids"] = np.flatnonzero(np.isin(
        grids.index.to_numpy(), list(grids.attrs.get("repaired_ids", ())))).tolist()
    metric, _, found = prepare_grids(work, id_field, layer, unique=True)
    target = metric.crs
    ids = metric[id_field].astype(str).to_numpy()
    geoms = np.asarray(metric.geometry.values, dtype=object).copy()
    empty = np.zeros(len(geoms), dtype=bool)
    empty[found["empty"]] = True
    geoms[empty] = shapely.MultiPolygon()
    changes = []

    def record(change, from_grids, to_grid, parent, area, shared, detail):
        changes.append(pd.DataFrame({
            "change": change, "from_grids": list(from_grids), "to_grid": list(to_grid),
            "parent_id": list(parent), "area_m2": np.asarray(area, dtype=np.float64),
            "shared_edge_m": np.round(np.asarray(shared, dtype=np.float64), 2),
            "detail": list(detail)}))

    # 1. clip to the parent
    best = np.full(len(geoms), -1, dtype=np.int64)
    parent_geoms, parent_ids = _parents(parents, parent_id_field, target)
    if parent_geoms is not None:
        best, inside = main_parent(geoms, parent_geoms)
        has = np.flatnonzero((best >= 0) & ~inside)
        clipped = polygonal(shapely.intersection(geoms[has], parent_geoms[best[has]]))
        cut = shapely.area(geoms[has]) - shapely.area(clipped)
        moved = cut > min_area
        record("clip", ids[has[moved]], [""] * int(moved.sum()),
               parent_ids[best[has[moved]]], cut[moved], np.zeros(int(moved.sum())),
               ["part outside the grid's parent removed"] * int(moved.sum()))
        geoms[has] = clipped
    parent_of = (lambda p: parent_ids[p] if p >= 0 else "")
    check_canceled(is_canceled)
    _stage(progress, 0.2)

    # 2. overlaps
    left, right, pieces, area = find_overlaps(geoms, min_area)
    if len(left):
        rest_l = shapely.difference(geoms[left], pieces)
        rest_r = shapely.difference(geoms[right], pieces)
        edge_l = _shared_length(pieces, rest_l)
        edge_r = _shared_length(pieces, rest_r)
        left_wins = np.round(edge_l, 2) >= np.round(edge_r, 2)
        winner = np.where(left_wins, left, right)
        loser = np.where(left_wins, right, left)
        frame = pd.DataFrame({"loser": loser, "piece": pieces})
        for who, group in frame.groupby("loser"):
            geoms[who] = polygonal([shapely.difference(
                geoms[who], _union(group["piece"].to_numpy()), grid_size=PRECISION)])[0]
        record("overlap", ids[loser], ids[winner], [parent_of(best[w]) for w in winner], area,
               np.maximum(edge_l, edge_r),
               [f"overlap of {ids[a]} and {ids[b]} kept by {ids[w]}"
                for a, b, w in zip(left, right, winner)])
    check_canceled(is_canceled)
    _stage(progress, 0.45)

    # 3. gaps
    gaps, gap_parent = find_gaps(geoms, parent_geoms, min_area)
    if len(gaps):
        gi, ni = _pairs(geoms, gaps, near=True)
        same = (gap_parent[gi] < 0) | (best[ni] == gap_parent[gi])
        gi, ni = gi[same], ni[same]
        edge = _shared_length(gaps[gi], geoms[ni])
        pick = _best(gi, edge, ni)
        pick = pick[edge[pick] > MIN_EDGE]
        to = np.full(len(gaps), -1, dtype=np.int64)
        shared = np.zeros(len(gaps))
        to[gi[pick]] = ni[pick]
        shared[gi[pick]] = edge[pick]
        lonely = np.flatnonzero((to < 0) & (gap_parent >= 0))
        for g in lonely:
            candidates = np.flatnonzero(best == gap_parent[g])
            if len(candidates):
                to[g] = candidates[np.argmin(shapely.distance(geoms[candidates], gaps[g]))]
        frame = pd.DataFrame({"to": to, "piece": gaps})
        for who, group in frame[frame["to"] >= 0].groupby("to"):
            geoms[who] = polygonal([_union(
                np.concatenate([[geoms[who]], group["piece"].to_numpy()]))])[0]
        record("gap", [""] * len(gaps), [ids[t] if t >= 0 else "" for t in to],
               [parent_of(p) for p in gap_parent], shapely.area(gaps), shared,
               ["gap filled" if t >= 0 else "gap touches no grid: left" for t in to])
    check_canceled(is_canceled)
    _stage(progress, 0.7)

    # 4. slivers
    before = shapely.area(geoms)
    parts, owner = _explode(geoms)
    thin = is_sliver(parts, sliver_area, sliver_width)
    if thin.any():
        sp, so = parts[thin], owner[thin]
        si, ni = _pairs(geoms, sp, near=True)
        ok = (ni != so[si]) & (best[ni] == best[so[si]])
        si, ni = si[ok], ni[ok]
        edge = _shared_length(sp[si], geoms[ni])
        pick = _best(si, edge, ni)
        pick = pick[edge[pick] > MIN_EDGE]
        to = np.full(len(sp), -1, dtype=np.int64)
        shared = np.zeros(len(sp))
        to[si[pick]] = ni[pick]
        shared[si[pick]] = edge[pick]
        moving = to >= 0
        keep_parts = np.ones(len(parts), dtype=bool)
        keep_parts[np.flatnonzero(thin)[moving]] = False
        rebuilt = _collect(parts[keep_parts], owner[keep_parts], len(geoms))
        frame = pd.DataFrame({"to": to[moving], "piece": sp[moving]})
        for who, group in frame.groupby("to"):
            rebuilt[who] = polygonal([_union(
                np.concatenate([[rebuilt[who]], group["piece"].to_numpy()]))])[0]
        geoms = rebuilt
        record("sliver", ids[so], [ids[t] if t >= 0 else "" for t in to],
               [parent_of(best[o]) for o in so], shapely.area(sp), shared,
               ["sliver merged into the neighbour with the longest shared edge" if t >= 0
                else "sliver touches no other grid of its parent: left" for t in to])
    gone = shapely.is_empty(geoms) & ~empty
    if gone.any():
        record("removed", ids[gone], [""] * int(gone.sum()),
               [parent_of(best[o]) for o in np.flatnonzero(gone)], before[gone],
               np.zeros(int(gone.sum())),
               ["the whole grid was a sliver and was merged into its neighbour"]
               * int(gone.sum()))
    _stage(progress, 0.9)

    out = metric.copy()
    out[metric.geometry.name] = geoms
    out = out[~gone]
    if original.crs is not None and target != original.crs:
        out = out.to_crs(original.crs)
    history = original.reset_index(drop=True)[~current]
    out = pd.concat([out[list(original.columns)], history[list(original.columns)]]).sort_index()
    positions = out.index.to_numpy()
    out = gpd.GeoDataFrame(out, geometry=original.geometry.name, crs=original.crs)
    out.index = original.index[positions]
    if changes:
        table = pd.concat(changes, ignore_index=True)
    else:
        table = pd.DataFrame({c: pd.Series([], dtype=object) for c in CHANGE_COLUMNS})
    table = table[CHANGE_COLUMNS]
    _stage(progress, 1.0)
    return out, table
