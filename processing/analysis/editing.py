"""Pure geometry and bookkeeping behind the grid-editing panel: split, merge, reassign, totals.

The desktop panel (grid_plugin/grid_edit.py) turns layer features into shapely geometries and
frames, calls these functions and writes the results back through the layer's edit buffer.
Versions (closing the old row, making its successors) are
:func:`onegrid.processing.analysis.change.close_and_version`.
"""
import numpy as np
import pandas as pd
import shapely
import shapely.ops

from .errors import N_, OneGridError

#: Household status of a grid against the target: below, within, above the tolerance band.
BELOW, WITHIN, ABOVE = -1, 0, 1


def _polygons(geometry):
    """The polygons of a Polygon / MultiPolygon / GeometryCollection, as a list."""
    parts = shapely.get_parts(np.asarray([geometry], dtype=object))
    return [p for p in parts if p.geom_type == "Polygon" and not p.is_empty]


def split_polygon(polygon, line):
    """Cut ``polygon`` along ``line``.

    Parameters
    ----------
    polygon : shapely Polygon or MultiPolygon
    line : shapely LineString, in the polygon's coordinates; it must cross the polygon from
        one side to the other (both ends outside it).

    Returns
    -------
    list of Polygon
        The parts, largest first (at least two). Parts of a MultiPolygon that the line does
        not touch stay with the part they were grouped with: the largest one.

    Raises
    ------
    OneGridError
        The line does not cut the polygon into two or more parts, or is not a line.

    Examples
    --------
    >>> parts = split_polygon(shapely.box(0, 0, 10, 10),
    ...                       shapely.LineString([(4, -1), (4, 11)]))
    >>> [round(p.area) for p in parts]
    [60, 40]
    """
    if line is None or line.is_empty or line.geom_type not in ("LineString", "MultiLineString"):
        raise OneGridError(N_("Draw a line with at least two points to split a grid"))
    if polygon is None or polygon.is_empty:
        raise OneGridError(N_("The grid to split has no geometry"))
    pieces = []
    untouched = []
    for part in _polygons(polygon):
        if not part.intersects(line):
            untouched.append(part)
            continue
        pieces.extend(_polygons(shapely.ops.split(part, line)))
    if len(pieces) < 2:
        raise OneGridError(N_("The line does not cut the grid in two: draw it across the grid, "
                              "starting and ending outside it"))
    pieces.sort(key=lambda p: -p.area)
    if untouched:
        pieces[0] = shapely.union_all([pieces[0], *untouched])
    return pieces


def merge_polygons(polygons):
    """The union of contiguous ``polygons`` as one Polygon.

    Raises
    ------
    OneGridError
        Fewer than two polygons, or polygons that do not form one piece (they must share
        edges; touching at a corner is not enough).

    Examples
    --------
    >>> merge_polygons([shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1)]).area
    2.0
    """
    geoms = [g for g in polygons if g is not None and not g.is_empty]
    if len(geoms) < 2:
        raise OneGridError(N_("Select at least two grids to merge"))
    merged = shapely.union_all(np.asarray(geoms, dtype=object))
    parts = _polygons(merged)
    if len(parts) != 1:
        raise OneGridError(N_("The selected grids are not contiguous: their union has {parts} "
                              "separate parts"), parts=len(parts))
    return parts[0]


def households_by_grid(buildings_points, household_counts, grids):
    """Households per grid: each building counts in the grid that holds its point.

    Parameters
    ----------
    buildings_points : array of shapely Points (e.g. representative points of buildings)
    household_counts : array of numbers (missing counts as 0)
    grids : array of polygons

    Returns
    -------
    numpy.ndarray of int, one total per grid. A point on a shared edge counts in the first
    grid in order; points in no grid are not counted.
    """
    points = np.asarray(buildings_points, dtype=object)
    counts = pd.to_numeric(pd.Series(np.asarray(household_counts, dtype=object)),
                           errors="coerce").fillna(0).to_numpy(dtype=np.int64)
    polys = np.asarray(grids, dtype=object)
    totals = np.zeros(len(polys), dtype=np.int64)
    if len(points) == 0 or len(polys) == 0:
        return totals
    tree = shapely.STRtree(polys)
    point_idx, grid_idx = tree.query(points, predicate="intersects")
    order = np.lexsort((grid_idx, point_idx))
    point_idx, grid_idx = point_idx[order], grid_idx[order]
    first = np.ones(len(point_idx), dtype=bool)
    first[1:] = point_idx[1:] != point_idx[:-1]
    np.add.at(totals, grid_idx[first], counts[point_idx[first]])
    return totals


def households_by_code(building_codes, household_counts, grid_codes=()):
    """Households per grid code from the buildings' own grid_code.

    Returns a pandas Series indexed by code (sorted): every code in ``grid_codes`` (0 when
    no building has it) and every code the buildings carry. Missing codes become "".
    """
    codes = pd.Series(np.asarray(building_codes, dtype=object)).fillna("").astype(str)
    counts = pd.to_numeric(pd.Series(np.asarray(household_counts, dtype=object)),
                           errors="coerce").fillna(0).astype(np.int64)
    totals = counts.groupby(codes.to_numpy()).sum()
    extra = pd.Index(pd.Series(list(grid_codes), dtype=object).fillna("").astype(str)).unique()
    totals = totals.reindex(totals.index.union(extra), fill_value=0)
    return totals.sort_index().astype(np.int64)


def household_status(totals, target=300, tolerance=0.2):
    """BELOW / WITHIN / ABOVE for each total against ``target * (1 ± tolerance)``.

    Examples
    --------
    >>> household_status([200, 300, 361], 300, 0.2).tolist()
    [-1, 0, 1]
    """
    if target <= 0 or not 0 <= tolerance < 1:
        raise OneGridError(N_("Target households must be positive and the tolerance between 0 "
                              "and 1 (got {target} and {tolerance})"),
                           target=target, tolerance=tolerance)
    values = np.asarray(totals, dtype=float)
    low, high = target * (1 - tolerance), target * (1 + tolerance)
    return np.where(values < low, BELOW, np.where(values > high, ABOVE, WITHIN))


def reassign(buildings, building_ids, new_grid, code_field="grid_code"):
    """Give the buildings ``building_ids`` (index labels) the grid code ``new_grid``.

    Returns
    -------
    (DataFrame, DataFrame)
        A copy of ``buildings`` with the new codes, and the changes: one row per building
        whose code changed, with ``building`` (index label), ``from_grid``, ``to_grid``.
        Buildings already in ``new_grid`` are not listed.

    Raises
    ------
    OneGridError
        An id not in ``buildings``, a missing ``code_field``, or an empty ``new_grid``.
    """
    if code_field not in buildings.columns:
        raise OneGridError(N_("The buildings have no field {field}"), field=code_field)
    if new_grid is None or str(new_grid).strip() == "":
        raise OneGridError(N_("Choose the grid to give the buildings to"))
    ids = pd.Index(list(building_ids)).unique()
    missing = ids.difference(buildings.index)
    if len(missing):
        raise OneGridError(N_("Buildings {ids} are not in the layer"),
                           ids=", ".join(str(i) for i in missing[:20]))
    old = buildings.loc[ids, code_field].astype(object)
    moved = ids[(old.fillna("").astype(str) != str(new_grid)).to_numpy()]
    changes = pd.DataFrame({"building": moved,
                            "from_grid": buildings.loc[moved, code_field].to_numpy(),
                            "to_grid": str(new_grid)})
    out = buildings.copy()
    out[code_field] = out[code_field].astype(object)
    out.loc[moved, code_field] = str(new_grid)
    return out, changes


def move_cells(grids, points, point_grids, moved, target):
    """Grid boundaries after buildings change grid: each moved building takes its Voronoi
    cell with it.

    The cells are those of the buildings' points inside the grids concerned (the moved
    buildings' grids and ``target``), so a cell is the part of its grid nearer to that
    building than to any other building there. Each moved building's cell, clipped to its
    old grid, leaves that grid and joins ``target``; the rest of every boundary stays.

    Parameters
    ----------
    grids : dict or Series, grid code -> polygon (the current grids)
    points : array of Points, one per building (e.g. ``point_on_surface`` of its footprint)
    point_grids : array of str, each building's grid code before the move
    moved : boolean array, the buildings that move to ``target``
    target : str, the grid code they move to

    Returns
    -------
    dict
        grid code -> new geometry, for the grids whose geometry changed (the target and the
        grids that lost buildings). Empty when no moved building lies in its own grid.

    Examples
    --------
    >>> grids = {"A": shapely.box(0, 0, 10, 10), "B": shapely.box(10, 0, 20, 10)}
    >>> pts = shapely.points([(2, 5), (8, 5), (15, 5)])
    >>> new = move_cells(grids, pts, ["A", "A", "B"], [False, True, False], "B")
    >>> round(new["A"].area), round(new["B"].area)
    (50, 150)
    """
    grids = dict(grids)
    if target not in grids:
        raise OneGridError(N_("There is no current grid {code}"), code=target)
    points = np.asarray(points, dtype=object)
    codes = np.asarray(point_grids, dtype=object).astype(str)
    moved = np.asarray(moved, dtype=bool) & (codes != str(target))
    moved &= np.isin(codes, list(grids))
    if not moved.any():
        return {}
    concerned = sorted(set(codes[moved]) | {str(target)})
    region = shapely.union_all(np.asarray([grids[c] for c in concerned], dtype=object))
    inside = np.isin(codes, concerned) & ~shapely.is_missing(points)
    sites = points[inside]
    unique_sites, first = np.unique(shapely.to_wkb(sites), return_index=True)
    sites_unique = sites[np.sort(first)]
    if len(sites_unique) == 1:
        cells = np.asarray([region], dtype=object)
    else:
        cells = shapely.get_parts(shapely.voronoi_polygons(
            shapely.multipoints(sites_unique), extend_to=region))
    # One cell per building: the cell holding its point (shared by identical points).
    cell_of = np.full(len(points), -1, dtype=np.int64)
    tree = shapely.STRtree(cells)
    point_idx, cell_idx = tree.query(points[moved], predicate="intersects")
    cell_of_moved = np.full(int(moved.sum()), -1, dtype=np.int64)
    cell_of_moved[point_idx[::-1]] = cell_idx[::-1]
    cell_of[moved] = cell_of_moved
    changed = {}
    gained = []
    for code in sorted(set(codes[moved])):
        mine = moved & (codes == code) & (cell_of >= 0)
        if not mine.any():
            continue
        piece = shapely.intersection(
            shapely.union_all(cells[np.unique(cell_of[mine])]), grids[code])
        changed[code] = shapely.difference(grids[code], piece)
        gained.append(piece)
    if gained:
        changed[str(target)] = shapely.union_all(
            np.asarray([grids[str(target)], *gained], dtype=object))
    return changed
