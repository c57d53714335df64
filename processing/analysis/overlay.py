"""多网合一: base grids against professional grids (shares, one network, alignment).

Every base grid is paired with the professional grids it intersects through an STRtree; the
intersections of all pairs are computed in one vectorised call and measured in metres
(:func:`~onegrid.processing.analysis.crs.to_metric` of the base grids' CRS, professional
grids transformed to it). Everything after that is numpy/pandas group-bys on the pairs.

>>> import geopandas as gpd, shapely
>>> base = gpd.GeoDataFrame({"grid_code": ["a", "b"]}, crs=32650,
...     geometry=[shapely.box(0, 0, 10, 10), shapely.box(10, 0, 20, 10)])
>>> police = gpd.GeoDataFrame({"grid_code": ["p"]}, crs=32650,
...     geometry=[shapely.box(3, 0, 20, 10)])
>>> shares(base, police)[["base_id", "overlay_id", "share"]].values.tolist()
[['a', 'p', 0.7], ['b', 'p', 1.0]]
"""
import os
from concurrent.futures import ThreadPoolExecutor

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from . import crs as crs_util
from .errors import N_, OneGridError, check_canceled

#: Intersections smaller than this share of the base grid are boundary noise (two layers'
#: lines that coincide up to floating point), not pieces.
NOISE_SHARE = 1e-9
#: Fewest pairs per thread when intersections are split across processors.
CHUNK = 100
#: Columns of :func:`align_grids`'s report besides the grid type and id.
REPORT_COLUMNS = ("area_before_m2", "area_after_m2", "moved_in_m2", "moved_out_m2",
                  "moved_m2", "base_grids", "base_ids", "status")


def _name(frame, default):
    return frame.attrs.get("layer_name") or default


def check_ids(frame, id_field, layer):
    """Raise OneGridError when ``id_field`` is missing, empty or duplicated in ``frame``.

    Messages name the layer, the field and the feature ids (frame index) or the ids.
    """
    if id_field not in frame.columns:
        raise OneGridError(N_("Layer {layer} has no field {field}; its fields are: {fields}"),
                           layer=layer, field=id_field,
                           fields=", ".join(str(c) for c in frame.columns
                                            if c != frame.geometry.name))
    ids = frame[id_field]
    empty = ids.isna() | (ids.astype(str).str.strip() == "")
    if empty.any():
        raise OneGridError(N_("Layer {layer} has features without {field}: feature ids "
                              "{ids}"), layer=layer, field=id_field,
                           ids=", ".join(str(i) for i in frame.index[empty.to_numpy()][:20]))
    duplicated = ids[ids.duplicated(keep=False)]
    if len(duplicated):
        raise OneGridError(N_("Layer {layer} has duplicate {field} values: {ids}"),
                           layer=layer, field=id_field,
                           ids=", ".join(str(v) for v in pd.unique(duplicated)[:20]))


def empty_ids(frame, id_field):
    """Ids of the features of ``frame`` with a missing or empty geometry (a list)."""
    geoms = frame.geometry.values
    bad = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    return frame[id_field].to_numpy()[bad].tolist()


def _metric_pair(base, overlay, base_layer, overlay_layer):
    """(base, overlay) in the base grids' metric CRS."""
    base_m, _ = crs_util.to_metric(base, base_layer)
    return base_m, crs_util.align_crs(base_m.crs, overlay, overlay_layer)


def _polygonal(geoms):
    """Only the polygonal parts of ``geoms`` (GeometryCollections from touching pieces)."""
    geoms = np.asarray(geoms, dtype=object)
    types = shapely.get_type_id(geoms)
    mixed = np.flatnonzero(types == shapely.GeometryType.GEOMETRYCOLLECTION)
    if len(mixed) == 0:
        return geoms
    parts, index = shapely.get_parts(geoms[mixed], return_index=True)
    keep = shapely.get_type_id(parts) == shapely.GeometryType.POLYGON
    out = geoms.copy()
    out[mixed] = shapely.multipolygons(np.array([], dtype=object))
    if keep.any():
        rows = np.unique(index[keep])
        out[mixed[rows]] = shapely.multipolygons(parts[keep], indices=np.searchsorted(
            rows, index[keep]))
    return out


def _threaded(func, *arrays):
    """``func(*arrays)`` for a vectorised shapely function, the arrays split along their
    first axis into chunks run on threads (GEOS releases the GIL), one per processor."""
    n = len(arrays[0])
    workers = min(os.cpu_count() or 1, max(n // CHUNK, 1))
    if workers <= 1:
        return func(*arrays)
    bounds = np.linspace(0, n, workers + 1).astype(int)
    with ThreadPoolExecutor(workers) as pool:
        parts = list(pool.map(lambda i: func(*(a[bounds[i]:bounds[i + 1]] for a in arrays)),
                              range(workers)))
    return np.concatenate(parts)


def _valid(geoms):
    geoms = np.array(geoms, dtype=object)
    bad = ~shapely.is_missing(geoms) & ~shapely.is_valid(geoms)
    if bad.any():
        geoms[bad] = shapely.make_valid(geoms[bad])
    return geoms


def _pairs(base_geoms, overlay_geoms):
    """Positional (base, overlay) pairs with an area, their pieces and areas.

    Geometries are in metres; invalid ones are repaired with make_valid (the QGIS adapter
    has already reported them). Pairs are sorted by base then overlay position. Pairs that
    only touch, or whose piece is below :data:`NOISE_SHARE` of the base grid's area, are
    left out.
    """
    base_geoms = _valid(base_geoms)
    overlay_geoms = _valid(overlay_geoms)
    tree = shapely.STRtree(overlay_geoms)
    bi, oi = tree.query(base_geoms, predicate="intersects")
    order = np.lexsort((oi, bi))
    bi, oi = bi[order], oi[order]
    # A base grid inside a professional grid is its own piece: no intersection to compute.
    shapely.prepare(overlay_geoms)
    inside = shapely.contains_properly(overlay_geoms[oi], base_geoms[bi])
    pieces = base_geoms[bi]
    cut = np.flatnonzero(~inside)
    pieces[cut] = _threaded(shapely.intersection, base_geoms[bi[cut]],
                            overlay_geoms[oi[cut]])
    areas = shapely.area(pieces)
    base_area = shapely.area(base_geoms)[bi]
    share = np.divide(areas, base_area, out=np.zeros_like(areas), where=base_area > 0)
    share = np.minimum(share, 1.0)  # an intersection's area can exceed its base's by 1 ulp
    keep = share > NOISE_SHARE
    return bi[keep], oi[keep], _polygonal(pieces[keep]), areas[keep], share[keep]


def shares(base, overlay, base_id="grid_code", overlay_id="grid_code"):
    """The share of each base grid's area held by each professional grid it intersects.

    Parameters
    ----------
    base, overlay : GeoDataFrame
        Polygons in any CRS (the overlay is transformed to the base's); areas are measured in
        the base's metric CRS (:func:`~onegrid.processing.analysis.crs.to_metric`).
    base_id, overlay_id : str
        Id columns (unique, not empty).

    Returns
    -------
    DataFrame
        base_id, overlay_id, area_m2 (of the intersection), share (of the base grid's area),
        one row per intersecting pair, sorted by base grid then professional grid order.
    """
    base_layer, overlay_layer = _name(base, "base"), _name(overlay, "overlay")
    check_ids(base, base_id, base_layer)
    check_ids(overlay, overlay_id, overlay_layer)
    base_m, overlay_m = _metric_pair(base, overlay, base_layer, overlay_layer)
    bi, oi, _, areas, share = _pairs(base_m.geometry.values, overlay_m.geometry.values)
    return pd.DataFrame({"base_id": base[base_id].to_numpy()[bi],
                         "overlay_id": overlay[overlay_id].to_numpy()[oi],
                         "area_m2": areas, "share": share})


def _largest(bi, share, n_base):
    """Per base grid (0..n_base-1): the pair index of its largest share (-1 when none)."""
    best = np.full(n_base, -1)
    if len(bi) == 0:
        return best
    order = np.lexsort((-share, bi))
    first = np.ones(len(order), dtype=bool)
    first[1:] = bi[order][1:] != bi[order][:-1]
    best[bi[order][first]] = order[first]
    return best


def _typed(overlays):
    """The overlays as (grid_type, frame) pairs in a stable order, checked."""
    if not overlays:
        raise OneGridError(N_("No professional grid layer given"))
    return [(str(grid_type), frame) for grid_type, frame in overlays.items()]


def merge_grids(base, overlays, base_id="grid_code", overlay_id="grid_code", min_share=0.1,
                progress=None, is_canceled=None):
    """The one network (一张网): each base grid with its professional grid of every type.

    Parameters
    ----------
    base : GeoDataFrame
        Base grids, any CRS (projected or geographic).
    overlays : dict
        grid_type -> GeoDataFrame of that type's professional grids (any CRS).
    base_id, overlay_id : str
        Id columns of the base and professional grids (unique per layer, not empty).
    min_share : float
        Pieces whose share of the base grid lies in [min_share, 1 - min_share] are conflicts
        (0 <= min_share <= 0.5).
    progress, is_canceled : callable, optional

    Returns
    -------
    (GeoDataFrame, GeoDataFrame)
        The base grids with their own columns and, per grid type, ``<type>_grid`` (the
        professional grid holding the largest share of it; None when none covers it) and
        ``<type>_share`` (0 when none); existing columns of those names are replaced. The
        conflicts: grid_type, base_id, overlay_id, share, area_m2 and the piece's geometry,
        both in the base grids' CRS.
    """
    if not 0.0 <= float(min_share) <= 0.5:
        raise OneGridError(N_("MIN_SHARE must be between 0 and 0.5, not {value}"),
                           value=min_share)
    typed = _typed(overlays)
    base_layer = _name(base, "base")
    check_ids(base, base_id, base_layer)
    base_m, _ = crs_util.to_metric(base, base_layer)
    base_geoms = base_m.geometry.values
    base_ids = base[base_id].to_numpy()
    network = base.copy()
    conflicts = []
    for done, (grid_type, overlay) in enumerate(typed):
        check_canceled(is_canceled)
        layer = _name(overlay, grid_type)
        check_ids(overlay, overlay_id, layer)
        overlay_m = crs_util.align_crs(base_m.crs, overlay, layer)
        bi, oi, pieces, areas, share = _pairs(base_geoms, overlay_m.geometry.values)
        overlay_ids = overlay[overlay_id].to_numpy()
        best = _largest(bi, share, len(base))
        has = best >= 0
        grid = np.full(len(base), None, dtype=object)
        grid[has] = overlay_ids[oi[best[has]]]
        best_share = np.zeros(len(base))
        best_share[has] = share[best[has]]
        network[f"{grid_type}_grid"] = pd.Series(grid, index=network.index, dtype=object)
        network[f"{grid_type}_share"] = best_share
        cut = (share >= min_share) & (share <= 1.0 - min_share)
        conflicts.append(pd.DataFrame({
            "grid_type": grid_type, "base_id": base_ids[bi[cut]],
            "overlay_id": overlay_ids[oi[cut]], "share": share[cut], "area_m2": areas[cut],
            "geometry": pieces[cut]}))
        if progress is not None:
            progress((done + 1) / len(typed))
    table = pd.concat(conflicts, ignore_index=True)
    conflict_frame = gpd.GeoDataFrame(table, geometry="geometry", crs=base_m.crs)
    if base_m.crs != base.crs:
        conflict_frame = conflict_frame.to_crs(base.crs)
    return network, conflict_frame


def _group_union(geoms, groups, n_groups):
    """Union of ``geoms`` per group label (0..n_groups-1), vectorised over the groups.

    The geometries are laid out as a (groups x largest group) array padded with None and
    reduced along its rows (GEOS's cascaded union, rows split across threads). A group
    without geometry gives None.
    """
    out = np.full(n_groups, None, dtype=object)
    if len(geoms) == 0:
        return out
    order = np.argsort(groups, kind="stable")
    groups = groups[order]
    counts = np.bincount(groups, minlength=n_groups)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    column = np.arange(len(groups)) - starts[groups]
    table = np.full((n_groups, max(int(counts.max()), 1)), None, dtype=object)
    table[groups, column] = np.asarray(geoms, dtype=object)[order]
    unions = _threaded(lambda rows: shapely.union_all(rows, axis=1), table)
    out[counts > 0] = unions[counts > 0]
    return out


def align_grids(base, overlays, base_id="grid_code", overlay_id="grid_code", progress=None,
                is_canceled=None):
    """Professional grids rebuilt from whole base grids (boundaries on base-grid lines).

    Each base grid goes to the professional grid of each type holding the largest share of
    it (as in :func:`merge_grids`); a professional grid becomes the union of its base grids.
    Areas are measured in the base grids' metric CRS; base grids are taken to form a
    coverage (no overlaps, as ``onegrid:check_grids`` verifies), so moved areas add up.

    Parameters
    ----------
    base : GeoDataFrame
        Base grids, any CRS.
    overlays : dict
        grid_type -> GeoDataFrame of that type's professional grids (any CRS).
    base_id, overlay_id : str
    progress, is_canceled : callable, optional

    Returns
    -------
    (GeoDataFrame, DataFrame)
        The aligned professional grids (their own columns, ``grid_type`` set, geometry in the
        base grids' CRS; grids left without a base grid are not in it), and a report of every
        professional grid: grid_type, overlay_id, area_before_m2, area_after_m2,
        moved_in_m2, moved_out_m2, moved_m2 (area of the symmetric difference), base_grids
        (count), base_ids (comma separated), status ("aligned" or "no_base_grid").
    """
    typed = _typed(overlays)
    base_layer = _name(base, "base")
    check_ids(base, base_id, base_layer)
    base_m, _ = crs_util.to_metric(base, base_layer)
    base_geoms = base.geometry.values
    base_area = shapely.area(base_m.geometry.values)
    base_ids = base[base_id].to_numpy()
    aligned, reports = [], []
    for done, (grid_type, overlay) in enumerate(typed):
        check_canceled(is_canceled)
        layer = _name(overlay, grid_type)
        check_ids(overlay, overlay_id, layer)
        overlay_m = crs_util.align_crs(base_m.crs, overlay, layer)
        bi, oi, _, areas, share = _pairs(base_m.geometry.values, overlay_m.geometry.values)
        best = _largest(bi, share, len(base))
        assigned = np.flatnonzero(best >= 0)
        owner = oi[best[assigned]]
        n = len(overlay)
        count = np.bincount(owner, minlength=n)
        after = np.bincount(owner, weights=base_area[assigned], minlength=n)
        kept = np.bincount(owner, weights=areas[best[assigned]], minlength=n)
        before = shapely.area(overlay_m.geometry.values)
        geoms = _group_union(base_geoms[assigned], owner, n)
        order = np.lexsort((base_ids[assigned].astype(str), owner))
        split = np.split(base_ids[assigned][order].astype(str), np.cumsum(count)[:-1])
        report = pd.DataFrame({
            "grid_type": grid_type, "overlay_id": overlay[overlay_id].to_numpy(),
            "area_before_m2": before, "area_after_m2": after,
            "moved_in_m2": np.maximum(after - kept, 0.0),
            "moved_out_m2": np.maximum(before - kept, 0.0),
            "base_grids": count, "base_ids": [",".join(ids) for ids in split],
            "status": np.where(count > 0, "aligned", "no_base_grid")})
        report["moved_m2"] = report["moved_in_m2"] + report["moved_out_m2"]
        reports.append(report)
        frame = pd.DataFrame(overlay.drop(columns=overlay.geometry.name))
        frame["grid_type"] = grid_type
        frame["geometry"] = np.asarray(geoms, dtype=object)
        aligned.append(frame[count > 0])
        if progress is not None:
            progress((done + 1) / len(typed))
    table = pd.concat(reports, ignore_index=True)
    table = table[["grid_type", "overlay_id", *REPORT_COLUMNS]]
    frames = gpd.GeoDataFrame(pd.concat(aligned, ignore_index=True), geometry="geometry",
                              crs=base.crs)
    return frames, table
